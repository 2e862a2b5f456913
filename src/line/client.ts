/**
 * The Messaging API calls the bot makes, against configurable bases (LINE_API_BASE,
 * LINE_DATA_API_BASE), with retries on 429/5xx and X-Line-Retry-Key so a retried push is never
 * delivered twice. Failures come back as data; nothing here throws on a LINE error.
 * https://developers.line.biz/en/reference/messaging-api/
 */
import type { messagingApi } from '@line/bot-sdk';
import type { LineMessage } from './message-builder';

export interface LineClientOptions {
  channelAccessToken: string;
  apiBase: string;
  dataApiBase: string;
  fetch?: typeof fetch;
  /** Attempts per request, including the first. */
  maxAttempts?: number;
  /** First backoff delay; doubled on each retry, with jitter. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type SendResult =
  | { ok: true; via: 'reply' | 'push'; attempts: number; sentMessageIds: string[]; retryKey?: string }
  | { ok: false; via: 'reply' | 'push'; attempts: number; status: number; error: string; retryKey?: string };

export interface Profile {
  userId: string;
  displayName: string;
  language?: string;
  pictureUrl?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryable(status: number): boolean {
  // 0 stands for a network error: the request may not have arrived, so it is retried too.
  return status === 0 || status === 429 || status >= 500;
}

export class LineClient {
  private readonly fetch: typeof fetch;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: LineClientOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.maxAttempts = options.maxAttempts ?? 4;
    this.backoffMs = options.backoffMs ?? 200;
    this.sleep = options.sleep ?? defaultSleep;
  }

  private async call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    try {
      const response = await this.fetch(`${base.replace(/\/$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.channelAccessToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response;
    } catch (error) {
      return new Response(JSON.stringify({ message: `network error: ${String(error)}` }), { status: 599 });
    }
  }

  /** Sends with backoff on retryable failures; the same retry key on every attempt. */
  private async send(via: 'reply' | 'push', path: string, body: unknown, retryKey?: string): Promise<SendResult> {
    let attempts = 0;
    for (;;) {
      attempts++;
      const response = await this.call(this.options.apiBase, 'POST', path, body, retryKey ? { 'x-line-retry-key': retryKey } : {});
      const status = response.status === 599 ? 0 : response.status;
      const text = await response.text();
      if (response.ok) {
        const parsed = text ? (JSON.parse(text) as messagingApi.PushMessageResponse) : { sentMessages: [] };
        return { ok: true, via, attempts, retryKey, sentMessageIds: parsed.sentMessages?.map((m) => m.id) ?? [] };
      }
      // 409 with a retry key: LINE already accepted this request on an earlier attempt.
      if (status === 409 && retryKey && response.headers.get('x-line-accepted-request-id')) {
        return { ok: true, via, attempts, retryKey, sentMessageIds: [] };
      }
      // A reply is never retried: its token is single-use, and a 5xx may hide a delivery.
      if (via === 'reply' || !retryable(status) || attempts >= this.maxAttempts) {
        return { ok: false, via, attempts, retryKey, status, error: errorMessage(text, status) };
      }
      await this.sleep(this.backoffMs * 2 ** (attempts - 1) * (0.75 + Math.random() / 2));
    }
  }

  /** https://developers.line.biz/en/reference/messaging-api/#send-reply-message */
  reply(replyToken: string, messages: LineMessage[]): Promise<SendResult> {
    return this.send('reply', '/v2/bot/message/reply', { replyToken, messages });
  }

  /** https://developers.line.biz/en/reference/messaging-api/#send-push-message */
  push(to: string, messages: LineMessage[], retryKey: string = crypto.randomUUID()): Promise<SendResult> {
    return this.send('push', '/v2/bot/message/push', { to, messages }, retryKey);
  }

  /**
   * Replies with the token when there is one, and pushes when the reply fails (token expired,
   * used, or LINE had an error) so the resident still gets the message.
   */
  async deliver(to: string, replyToken: string | undefined, messages: LineMessage[], retryKey?: string): Promise<SendResult> {
    if (replyToken) {
      const replied = await this.reply(replyToken, messages);
      if (replied.ok) return replied;
      const pushed = await this.push(to, messages, retryKey);
      return { ...pushed, attempts: pushed.attempts + replied.attempts };
    }
    return this.push(to, messages, retryKey);
  }

  /** https://developers.line.biz/en/reference/messaging-api/#get-profile ; undefined if unavailable. */
  async getProfile(userId: string): Promise<Profile | undefined> {
    const response = await this.call(this.options.apiBase, 'GET', `/v2/bot/profile/${encodeURIComponent(userId)}`);
    if (!response.ok) return undefined;
    return (await response.json()) as Profile;
  }

  /** https://developers.line.biz/en/reference/messaging-api/#display-a-loading-indicator */
  async showLoading(chatId: string, loadingSeconds = 5): Promise<boolean> {
    const response = await this.call(this.options.apiBase, 'POST', '/v2/bot/chat/loading/start', { chatId, loadingSeconds });
    return response.ok;
  }

  /** https://developers.line.biz/en/reference/messaging-api/#get-content */
  getContent(messageId: string): Promise<Response> {
    return this.call(this.options.dataApiBase, 'GET', `/v2/bot/message/${encodeURIComponent(messageId)}/content`);
  }
}

/** LINE's error body (message and details) as one line, for logs and the console. */
export function errorMessage(text: string, status: number): string {
  try {
    const body = JSON.parse(text) as { message?: string; details?: Array<{ message?: string; property?: string }> };
    const details = body.details?.map((d) => `${d.property ?? ''}: ${d.message ?? ''}`).join('; ');
    return `${status} ${body.message ?? ''}${details ? ` (${details})` : ''}`.trim();
  } catch {
    return `${status} ${text.slice(0, 200)}`.trim();
  }
}

/** A client for this Worker's environment. */
export function lineClientFromEnv(env: Pick<Env, 'LINE_CHANNEL_ACCESS_TOKEN' | 'LINE_API_BASE' | 'LINE_DATA_API_BASE'>): LineClient {
  return new LineClient({
    channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN,
    apiBase: env.LINE_API_BASE || 'https://api.line.me',
    dataApiBase: env.LINE_DATA_API_BASE || 'https://api-data.line.me',
  });
}
