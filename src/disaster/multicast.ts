/**
 * One multicast request, one attempt: the broadcast engine keeps its retries in D1 (per batch,
 * with the batch's fixed X-Line-Retry-Key), so this never retries or sleeps by itself.
 * https://developers.line.biz/en/reference/messaging-api/#send-multicast-message
 * https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
 */
import { errorMessage } from '../line/client';
import type { LineMessage } from '../line/message-builder';
import { parseRetryAfter, type MulticastOutcome } from './batching';

export type MulticastSender = (to: string[], messages: LineMessage[], retryKey: string) => Promise<MulticastOutcome>;

export interface MulticastOptions {
  apiBase: string;
  channelAccessToken: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A sender against LINE (or the emulator) at `apiBase`. */
export function lineMulticast(options: MulticastOptions): MulticastSender {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  return async function multicast(to, messages, retryKey) {
    let response: Response;
    try {
      response = await doFetch(`${options.apiBase.replace(/\/$/, '')}/v2/bot/message/multicast`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.channelAccessToken}`,
          'content-type': 'application/json',
          'x-line-retry-key': retryKey,
        },
        body: JSON.stringify({ to, messages }),
      });
    } catch (error) {
      // The request may or may not have arrived; the retry key makes trying again safe.
      return { ok: false, status: 0, error: `network error: ${String(error)}` };
    }
    const text = await response.text();
    if (response.ok) return { ok: true, duplicate: false };
    // LINE had accepted this retry key before (an earlier attempt got through): it was sent.
    if (response.status === 409 && response.headers.get('x-line-accepted-request-id')) return { ok: true, duplicate: true };
    return {
      ok: false,
      status: response.status,
      error: errorMessage(text, response.status),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
    };
  };
}

/** The sender for this Worker's environment. */
export function multicastFromEnv(env: Pick<Env, 'LINE_CHANNEL_ACCESS_TOKEN' | 'LINE_API_BASE'>): MulticastSender {
  return lineMulticast({ apiBase: env.LINE_API_BASE || 'https://api.line.me', channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN });
}
