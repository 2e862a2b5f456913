/** Admin: Disaster mode (placeholder until it lands). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const disasterAdmin = new Hono<AppEnv>();
