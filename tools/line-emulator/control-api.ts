/**
 * The emulator's own JSON API under /_emulator/: drive emulated users, read the logs,
 * inject faults. Used by the chat page, tests and benchmarks; LINE has no such API.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { listChat } from './chat-log';
import { newUserId } from './ids';
import { redeliverEvent, sendUserEvents } from './webhook-delivery';
import { SendSpec } from './webhook-events';
import { resetState, type EmulatorState, type Resident } from './emulator-state';

const CreateUser = z.object({
  userId: z.string().regex(/^U[0-9a-f]{32}$/, 'userId must be "U" followed by 32 lowercase hex characters').optional(),
  displayName: z.string().min(1).max(100),
  // A BCP 47 tag such as "ja", "zh-Hant" or "pt-BR", as LINE reports it.
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP 47 tag'),
});

const Redeliver = z.object({ webhookEventId: z.string().min(1) });

const WebhookBatch = z.object({ events: z.array(SendSpec).min(1) });

const CreateFault = z.object({
  method: z.string().optional(),
  path: z.string().startsWith('/'),
  status: z.number().int().min(100).max(599),
  count: z.number().int().min(1).default(1),
  body: z.unknown().optional(),
});

/** Creates the /_emulator sub-app (mount it with `app.route('/_emulator', ...)`). */
export function createControlApi(state: EmulatorState): Hono {
  const control = new Hono();

  control.get('/config', (c) => {
    const { webhookUrl, botUserId, replyTokenTtlMs } = state.options;
    return c.json({ webhookUrl, botUserId, replyTokenTtlMs });
  });

  control.get('/users', (c) => c.json({ users: [...state.users.values()] }));

  control.post('/users', async (c) => {
    const parsed = await parseJson(c, CreateUser);
    if (!parsed.ok) return parsed.response;
    const { userId = newUserId(), displayName, language } = parsed.data;
    const existing = state.users.get(userId);
    // Re-posting a known user renames it, so the chat page can edit a resident in place.
    const user: Resident = existing
      ? Object.assign(existing, { displayName, language })
      : { userId, displayName, language, blocked: false, createdAt: state.options.now() };
    state.users.set(userId, user);
    return c.json(user, existing ? 200 : 201);
  });

  control.post('/send', async (c) => {
    const parsed = await parseJson(c, SendSpec);
    if (!parsed.ok) return parsed.response;
    const result = await sendUserEvents(state, [parsed.data]);
    if (!result.ok) return c.json({ message: result.message }, result.status);
    return c.json({ status: result.status, body: result.body, event: result.events[0] });
  });

  control.post('/webhook-batch', async (c) => {
    const parsed = await parseJson(c, WebhookBatch);
    if (!parsed.ok) return parsed.response;
    const result = await sendUserEvents(state, parsed.data.events);
    if (!result.ok) return c.json({ message: result.message }, result.status);
    return c.json({ status: result.status, body: result.body, events: result.events });
  });

  control.post('/redeliver', async (c) => {
    const parsed = await parseJson(c, Redeliver);
    if (!parsed.ok) return parsed.response;
    const result = await redeliverEvent(state, parsed.data.webhookEventId);
    if (!result) return c.json({ message: `Unknown webhookEventId ${parsed.data.webhookEventId}` }, 404);
    return c.json(result);
  });

  control.get('/messages', (c) => {
    const chatId = c.req.query('userId') ?? c.req.query('chatId');
    const messages = listChat(state, { chatId, afterSeq: Number(c.req.query('after') ?? 0) || 0 });
    const loadingUntil = chatId ? state.users.get(chatId)?.loadingUntil : undefined;
    const showLoading = loadingUntil !== undefined && loadingUntil > state.options.now();
    return c.json({ messages, lastSeq: state.seq, ...(showLoading ? { loadingUntil } : {}) });
  });

  control.get('/requests', (c) => {
    const path = c.req.query('path');
    const method = c.req.query('method')?.toUpperCase();
    const requests = state.apiLog.filter((r) => (!path || r.path.startsWith(path)) && (!method || r.method === method));
    return c.json({ requests });
  });

  control.get('/faults', (c) => c.json({ faults: state.faults }));

  control.post('/faults', async (c) => {
    const parsed = await parseJson(c, CreateFault);
    if (!parsed.ok) return parsed.response;
    const { count, ...fault } = parsed.data;
    state.faults.push({ ...fault, remaining: count });
    return c.json({ faults: state.faults }, 201);
  });

  control.post('/reset', (c) => {
    resetState(state);
    return c.json({ ok: true });
  });

  // Lets the chat page show images the emulated user sent without the bot's bearer token.
  control.get('/content/:messageId', (c) => {
    const content = state.media.get(c.req.param('messageId'));
    if (!content) return c.json({ message: 'Not found' }, 404);
    return c.body(content.bytes.slice().buffer as ArrayBuffer, 200, { 'content-type': content.contentType });
  });

  return control;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

async function parseJson<T extends z.ZodType>(c: Context, schema: T): Promise<Parsed<z.infer<T>>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false, response: c.json({ message: 'The request body must be JSON' }, 400) };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return { ok: false, response: c.json({ message: 'Invalid request', issues }, 400) };
}
