/** The console's pages (placeholder until the console UI lands). */
import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const consolePages = new Hono<AppEnv>();

consolePages.get('/', (c) => c.html(<p>Yorisoi console</p>));
