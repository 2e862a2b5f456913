/** Drives the Worker as LINE would, through the emulator, and waits for its background work. */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index';
import { createSession } from '../../src/auth/session';
import { signBody } from '../../src/line/signature';

export interface ChatEntry {
  seq: number;
  from: 'user' | 'bot';
  via?: 'reply' | 'push' | 'multicast' | 'broadcast';
  messages?: Array<{ type: string; text?: string; quickReply?: { items: Array<{ action: { type: string; label: string; data?: string } }> } }>;
  retryKey?: string;
  event?: { webhookEventId: string };
}

export async function emulator<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env.TEST_EMULATOR}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A new emulated LINE user with a LINE app language. */
export async function createUser(language = 'en', displayName = 'Test Resident'): Promise<string> {
  const user = await emulator<{ userId: string }>('/_emulator/users', { displayName, language });
  return user.userId;
}

/** Posts a raw webhook to the Worker and waits until everything it started has finished. */
export async function postWebhook(body: string, signature: string | undefined): Promise<Response> {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-line-signature'] = signature;
  const response = await worker.fetch(new Request('http://bot/webhook', { method: 'POST', headers, body }), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export async function signed(body: unknown): Promise<{ body: string; signature: string }> {
  const text = JSON.stringify(body);
  return { body: text, signature: await signBody(env.LINE_CHANNEL_SECRET, text) };
}

/** Takes the webhooks the emulator built (signed by it) and delivers them to the Worker. */
export async function deliverCaptured(): Promise<Response[]> {
  const { webhooks } = await emulator<{ webhooks: Array<{ body: string; signature: string }> }>('/_test/webhooks');
  const responses: Response[] = [];
  for (const webhook of webhooks) responses.push(await postWebhook(webhook.body, webhook.signature));
  return responses;
}

/** The user does something in LINE (see the emulator's SendSpec); the Worker handles it. */
export async function act(spec: Record<string, unknown>): Promise<{ webhookEventId: string; response: Response }> {
  const sent = await emulator<{ event: { webhookEventId: string } }>('/_emulator/send', spec);
  const [response] = await deliverCaptured();
  return { webhookEventId: sent.event.webhookEventId, response };
}

export const say = (userId: string, text: string) => act({ userId, event: 'text', text });

/** Everything the bot delivered to this chat, in order. */
export async function botEntries(chatId: string): Promise<ChatEntry[]> {
  const { messages } = await emulator<{ messages: ChatEntry[] }>(`/_emulator/messages?userId=${chatId}`);
  return messages.filter((entry) => entry.from === 'bot');
}

/** The text of the bot's latest delivery to this chat. */
export async function lastBotText(chatId: string): Promise<string> {
  const entries = await botEntries(chatId);
  return (entries.at(-1)?.messages ?? []).map((m) => m.text ?? `[${m.type}]`).join('\n\n');
}

export async function apiRequests(path: string): Promise<Array<{ path: string; status: number; headers: Record<string, string>; body: any }>> {
  const { requests } = await emulator<{ requests: any[] }>(`/_emulator/requests?path=${encodeURIComponent(path)}`);
  return requests;
}

export async function fault(path: string, status: number, count = 1): Promise<void> {
  await emulator('/_emulator/faults', { path, status, count });
}

export async function count(table: string, where = '1 = 1', ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).bind(...binds).first<{ n: number }>();
  return row!.n;
}

/** The origin console requests are made from (and sent to) in these tests. */
export const CONSOLE_ORIGIN = 'http://console.test';
let staffSeq = 0;

/** A staff or admin account row (no usable password: tests sign in through a session row). */
export async function staffRow(role: 'staff' | 'admin', displayName: string): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO staff (login, display_name, role, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, 'x', 0, 0) RETURNING id`,
  )
    .bind(`test-${role}-${Date.now()}-${staffSeq++}`, displayName, role)
    .first<{ id: number }>();
  return row!.id;
}

export interface ConsoleCallOptions {
  method?: string;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  /** The CSRF token to send instead of the session's; null sends none. */
  csrf?: string | null;
  origin?: string;
  accept?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * A signed-in console user (a real session row), calling the Worker as a browser would: the
 * session cookie, and on state changes the CSRF token and the Origin. Paths not starting with
 * /console/ are taken relative to `base`.
 */
export async function signInAs(role: 'staff' | 'admin', displayName: string, base = '/console/api') {
  const id = await staffRow(role, displayName);
  const session = await createSession(env.DB, id);
  const call = async (path: string, init: ConsoleCallOptions = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = { cookie: `__Host-yorisoi_session=${session.token}`, accept: init.accept ?? 'application/json', ...init.headers };
    if (method !== 'GET') {
      headers.origin = init.origin ?? CONSOLE_ORIGIN;
      if (init.csrf !== null) headers['x-csrf-token'] = init.csrf ?? session.csrfToken;
      if (init.body !== undefined) headers['content-type'] ??= init.contentType ?? 'application/json';
    }
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    const ctx = createExecutionContext();
    const url = `${CONSOLE_ORIGIN}${path.startsWith('/console/') ? path : `${base}${path}`}`;
    const response = await worker.fetch(new Request(url, { method, headers, body }), env, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  };
  return { id, csrfToken: session.csrfToken, call };
}
