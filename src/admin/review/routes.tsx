/** Admin: Unanswered review (placeholder until it lands). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const reviewAdmin = new Hono<AppEnv>();
