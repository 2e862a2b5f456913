/**
 * A test harness around createEmulator: a fake clock and a fake bot that captures webhooks.
 */
import { createEmulator } from '../../../tools/line-emulator/create-emulator';

export const CHANNEL_SECRET = 'test-channel-secret';
export const CHANNEL_ACCESS_TOKEN = 'test-channel-access-token';
export const WEBHOOK_URL = 'http://bot.test/webhook';

/** A webhook as the fake bot received it. */
export interface CapturedWebhook {
  url: string;
  headers: Headers;
  rawBody: string;
  body: { destination: string; events: Array<Record<string, any>> };
}

type BotHandler = (webhook: CapturedWebhook) => Response | Promise<Response>;

/** Creates an emulator whose webhooks go to an in-memory bot and whose clock only moves on `advance`. */
export function setupEmulator(options: { replyTokenTtlMs?: number } = {}) {
  let now = Date.UTC(2025, 3, 1, 9, 0, 0);
  const webhooks: CapturedWebhook[] = [];
  let bot: BotHandler = () => new Response('OK');
  const emulator = createEmulator({
    channelSecret: CHANNEL_SECRET,
    channelAccessToken: CHANNEL_ACCESS_TOKEN,
    webhookUrl: WEBHOOK_URL,
    replyTokenTtlMs: options.replyTokenTtlMs,
    now: () => now,
    fetch: async (input, init) => {
      const rawBody = String(init?.body);
      const webhook = { url: String(input), headers: new Headers(init?.headers), rawBody, body: JSON.parse(rawBody) };
      webhooks.push(webhook);
      return bot(webhook);
    },
  });
  const { app } = emulator;

  /** Calls the Messaging API with the right bearer token unless `headers` overrides it. */
  const api = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${CHANNEL_ACCESS_TOKEN}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  /** Calls the control API and returns status and parsed JSON. */
  const control = async (path: string, body?: unknown) => {
    const response = await app.request(`/_emulator${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  const createUser = async (displayName = 'Maria', language = 'pt') => {
    const { body } = await control('/users', { displayName, language });
    return body.userId as string;
  };

  /** Sends a user event and returns the event as delivered. */
  const send = async (spec: Record<string, unknown>) => {
    const { status, body } = await control('/send', spec);
    if (status !== 200) throw new Error(`send failed: ${status} ${JSON.stringify(body)}`);
    return body.event as Record<string, any>;
  };

  return {
    ...emulator,
    webhooks,
    api,
    control,
    createUser,
    send,
    advance: (ms: number) => {
      now += ms;
    },
    onWebhook: (handler: BotHandler) => {
      bot = handler;
    },
  };
}

/** A minimal valid text message. */
export const text = (value: string) => ({ type: 'text', text: value });
