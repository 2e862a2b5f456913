/**
 * X-Line-Retry-Key (https://developers.line.biz/en/docs/messaging-api/retrying-api-request/):
 * a request with a key that was already accepted within 24 hours is answered 409, not executed.
 */
import { RETRY_KEY_TTL_MS } from './line-limits';
import type { AcceptedRetryKey, EmulatorState, SentMessage } from './emulator-state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the key has the hexadecimal UUID form LINE requires. */
export function isValidRetryKey(key: string): boolean {
  return UUID.test(key);
}

/** The earlier acceptance of this key, if it is still remembered. */
export function findAcceptedRetryKey(state: EmulatorState, key: string): AcceptedRetryKey | undefined {
  const accepted = state.retryKeys.get(key.toLowerCase());
  if (!accepted) return undefined;
  if (state.options.now() - accepted.acceptedAt >= RETRY_KEY_TTL_MS) {
    state.retryKeys.delete(key.toLowerCase());
    return undefined;
  }
  return accepted;
}

/** Remembers that a request with this key was accepted. */
export function acceptRetryKey(state: EmulatorState, key: string, requestId: string, sentMessages?: SentMessage[]): void {
  state.retryKeys.set(key.toLowerCase(), { requestId, acceptedAt: state.options.now(), ...(sentMessages ? { sentMessages } : {}) });
}
