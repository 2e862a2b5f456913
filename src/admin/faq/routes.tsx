/** Admin: FAQ editor (placeholder until it lands). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const faqAdmin = new Hono<AppEnv>();
