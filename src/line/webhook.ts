/**
 * POST /webhook: the LINE webhook. Verifies the signature on the raw body, stores every event
 * (and the resident's message) in D1, answers 200 at once, and hands the work to each chat's
 * ResidentSession in `waitUntil`.
 * https://developers.line.biz/en/reference/messaging-api/#webhooks
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';
import { storeWebhookEvents } from '../db/webhook-events';
import { parseEvent, WebhookBody } from './events';
import { verifySignature } from './signature';

export const webhook = new Hono<AppEnv>();

webhook.post('/', async (c) => {
  const raw = await c.req.arrayBuffer();
  if (!(await verifySignature(c.env.LINE_CHANNEL_SECRET, raw, c.req.header('x-line-signature')))) {
    throw new HTTPException(401, { message: 'invalid or missing X-Line-Signature' });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new HTTPException(400, { message: 'the body is not JSON' });
  }
  const body = WebhookBody.safeParse(json);
  if (!body.success) throw new HTTPException(400, { message: 'the body is not a LINE webhook: it needs "destination" and "events"' });

  // The LINE console's "Verify" sends no events; it only needs a 200.
  if (!body.data.events.length) return c.json({ ok: true });

  const events = body.data.events.map(parseEvent);
  for (const event of events) {
    if (!event.ok && !event.base) console.warn('webhook event without id or source, not stored', event.reason);
  }
  const chats = await storeWebhookEvents(c.env.DB, events);
  for (const chatId of chats) {
    const session = c.env.RESIDENT_SESSION.get(c.env.RESIDENT_SESSION.idFromName(chatId));
    c.executionCtx.waitUntil(session.drain(chatId).catch((error) => console.error('drain failed', chatId, error)));
  }
  return c.json({ ok: true });
});
