/**
 * The console's own JS and CSS, from Workers static assets (`[assets]` in wrangler.toml, the
 * folder src/console/static/). The Worker runs first for every request, so these files are
 * only reachable here, under /console/static/, with the console's security headers. Public:
 * the login page needs the stylesheet before anyone has signed in, and the files hold no data.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const consoleAssets = new Hono<AppEnv>();

// Plain names only (console.js, views/queue.js): nothing that could climb out of the folder.
const FILE = /^(?:[a-z0-9-]+\/)*[a-z0-9-]+\.(?:js|css|svg)$/;

consoleAssets.on(['GET', 'HEAD'], '/*', async (c) => {
  const file = c.req.path.replace(/^\/console\/static\//, '');
  if (!FILE.test(file)) return c.json({ error: 'not found' }, 404);
  const url = new URL(`/${file}`, c.req.url);
  const response = await c.env.ASSETS.fetch(new Request(url, { method: c.req.method, headers: c.req.raw.headers }));
  if (response.status === 404) return c.json({ error: 'not found' }, 404);
  return response;
});
