/** Admin: Accounts and audit (placeholder until it lands). */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

export const accountsAdmin = new Hono<AppEnv>();
