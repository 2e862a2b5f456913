/** Yorisoi's Worker: wires the routes, the error handling, and the Durable Object. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env';
import { consoleApp } from './console/app';
import { sweepFollowUps, sweepStalledEvents } from './conversation/sweep';
import { resumeBroadcasts } from './disaster/broadcast';
import { knowledgeApi } from './faq/knowledge-api';
import { lineClientFromEnv } from './line/client';
import { retryPendingMedia } from './media/store';
import { webhook } from './line/webhook';

export { ResidentSession } from './conversation/resident-session';
export { ConsoleHub } from './console/hub';

const app = new Hono<AppEnv>();

app.get('/', (c) => c.json({ name: 'yorisoi', ok: true }));
app.route('/webhook', webhook);
app.route('/api/knowledge', knowledgeApi);
app.route('/console', consoleApp);

app.notFound((c) => c.json({ error: 'not found' }, 404));
app.onError((error, c) => {
  if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
  console.error('unhandled error', error);
  return c.json({ error: 'internal error' }, 500);
});

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepStalledEvents(env));
    ctx.waitUntil(sweepFollowUps(env));
    ctx.waitUntil(retryPendingMedia(env.DB, lineClientFromEnv(env), 10));
    ctx.waitUntil(resumeBroadcasts(env));
  },
} satisfies ExportedHandler<Env>;
