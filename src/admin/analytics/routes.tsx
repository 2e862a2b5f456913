/** Admin: Analytics (placeholder until it lands). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const analyticsAdmin = new Hono<AppEnv>();
