/**
 * The emulated Messaging API endpoints (https://developers.line.biz/en/reference/messaging-api/),
 * served on the same paths as api.line.me and api-data.line.me.
 */
import { Hono, type Context } from 'hono';
import { assignSentMessages, recordBotDelivery } from './chat-log';
import { DEFAULT_LOADING_SECONDS } from './line-limits';
import { validateMessagingApi } from './line-specs';
import { checkReplyToken, useReplyToken } from './reply-tokens';
import { acceptRetryKey, findAcceptedRetryKey, isValidRetryKey } from './retry-keys';
import { lineApiMiddleware, type ApiEnv } from './api-middleware';
import type { EmulatorState, SentMessage } from './emulator-state';

type ApiContext = Context<ApiEnv>;

const NOT_FOUND = { message: 'Not found' };
const INVALID_REPLY_TOKEN = { message: 'Invalid reply token' };

/** LINE's wording when a recipient ID is malformed or unknown. */
function invalidProperty(name: string) {
  return { message: `The property, '${name}', in the request body is invalid (line: -, column: -)` };
}

/** Creates the Hono sub-app with every emulated Messaging API endpoint. */
export function createMessagingApi(state: EmulatorState): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  api.use('/v2/*', lineApiMiddleware(state));

  api.post('/v2/bot/message/reply', (c) => {
    // Only push, multicast, narrowcast and broadcast accept a retry key; LINE rejects it elsewhere.
    if (c.req.header('x-line-retry-key') !== undefined) return c.json({ message: 'X-Line-Retry-Key is not supported by this API' }, 400);
    const parsed = readBody(c, 'ReplyMessageRequest');
    if (!parsed.ok) return parsed.response;
    const body = parsed.body as { replyToken: string; messages: unknown[] };
    const token = checkReplyToken(state, body.replyToken);
    if (!token.ok) return c.json(INVALID_REPLY_TOKEN, 400);
    useReplyToken(state, body.replyToken);
    const sentMessages = assignSentMessages(body.messages);
    recordBotDelivery(state, { chatId: token.chatId, via: 'reply', messages: body.messages, sentMessages, requestId: c.get('requestId') });
    return c.json({ sentMessages });
  });

  api.post('/v2/bot/message/push', (c) => {
    const retry = checkRetryKey(c, state, true);
    if (retry.response) return retry.response;
    const parsed = readBody(c, 'PushMessageRequest');
    if (!parsed.ok) return parsed.response;
    const body = parsed.body as { to: string; messages: unknown[] };
    if (!state.users.has(body.to) && !state.groupChats.has(body.to)) return c.json(invalidProperty('to'), 400);
    const sentMessages = assignSentMessages(body.messages);
    const requestId = c.get('requestId');
    recordBotDelivery(state, { chatId: body.to, via: 'push', messages: body.messages, sentMessages, requestId, retryKey: retry.key });
    if (retry.key) acceptRetryKey(state, retry.key, requestId, sentMessages);
    return c.json({ sentMessages });
  });

  api.post('/v2/bot/message/multicast', (c) => {
    const retry = checkRetryKey(c, state, false);
    if (retry.response) return retry.response;
    const parsed = readBody(c, 'MulticastRequest');
    if (!parsed.ok) return parsed.response;
    const body = parsed.body as { to: string[]; messages: unknown[] };
    // LINE does not say which multicast recipients were unknown; they simply get nothing.
    const recipients = [...new Set(body.to)].filter((userId) => state.users.has(userId));
    deliverToEach(state, c, recipients, 'multicast', body.messages, retry.key);
    return c.json({});
  });

  api.post('/v2/bot/message/broadcast', (c) => {
    const retry = checkRetryKey(c, state, false);
    if (retry.response) return retry.response;
    const parsed = readBody(c, 'BroadcastRequest');
    if (!parsed.ok) return parsed.response;
    const body = parsed.body as { messages: unknown[] };
    const friends = [...state.users.values()].filter((user) => !user.blocked).map((user) => user.userId);
    deliverToEach(state, c, friends, 'broadcast', body.messages, retry.key);
    return c.json({});
  });

  api.post('/v2/bot/chat/loading/start', (c) => {
    const parsed = readBody(c, 'ShowLoadingAnimationRequest');
    if (!parsed.ok) return parsed.response;
    const body = parsed.body as { chatId: string; loadingSeconds?: number };
    // The animation exists only in one-on-one chats.
    const user = state.users.get(body.chatId);
    if (!user) return c.json(invalidProperty('chatId'), 400);
    user.loadingUntil = state.options.now() + (body.loadingSeconds ?? DEFAULT_LOADING_SECONDS) * 1000;
    return c.json({}, 202);
  });

  api.get('/v2/bot/profile/:userId', (c) => {
    const user = state.users.get(c.req.param('userId'));
    // LINE only returns profiles of users who are friends (not blocking the account).
    if (!user || user.blocked) return c.json(NOT_FOUND, 404);
    return c.json({ displayName: user.displayName, userId: user.userId, language: user.language });
  });

  api.get('/v2/bot/message/:messageId/content', (c) => {
    const content = state.media.get(c.req.param('messageId'));
    if (!content) return c.json(NOT_FOUND, 404);
    return c.body(content.bytes.slice().buffer as ArrayBuffer, 200, {
      'content-type': content.contentType,
      'content-length': String(content.bytes.byteLength),
    });
  });

  return api;
}

type BodyResult = { ok: true; body: unknown } | { ok: false; response: Response };

/** Parses the raw body and validates it against a messaging-api.json request schema. */
function readBody(c: ApiContext, schema: string): BodyResult {
  let body: unknown;
  try {
    body = JSON.parse(c.get('rawBody'));
  } catch {
    return { ok: false, response: c.json({ message: 'The request body could not be parsed as JSON' }, 400) };
  }
  // LINE lists each detail as {message, property}.
  const details = validateMessagingApi(schema, body).map(({ message, property }) => ({ message, property }));
  if (details.length === 0) return { ok: true, body };
  return { ok: false, response: c.json({ message: `The request body has ${details.length} error(s)`, details }, 400) };
}

type RetryCheck = { key?: string; response?: Response };

/** Applies X-Line-Retry-Key: rejects malformed keys and answers 409 for already accepted ones. */
function checkRetryKey(c: ApiContext, state: EmulatorState, withSentMessages: boolean): RetryCheck {
  const key = c.req.header('x-line-retry-key');
  if (key === undefined) return {};
  if (!isValidRetryKey(key)) return { response: c.json({ message: 'The retry key must be a UUID' }, 400) };
  const accepted = findAcceptedRetryKey(state, key);
  if (!accepted) return { key };
  c.header('x-line-accepted-request-id', accepted.requestId);
  // Push repeats the original sentMessages so a retrying bot still learns the message IDs.
  const sent: { sentMessages?: SentMessage[] } = withSentMessages && accepted.sentMessages ? { sentMessages: accepted.sentMessages } : {};
  return { response: c.json({ message: 'The retry key is already accepted', ...sent }, 409) };
}

function deliverToEach(
  state: EmulatorState,
  c: ApiContext,
  userIds: string[],
  via: 'multicast' | 'broadcast',
  messages: unknown[],
  retryKey: string | undefined,
): void {
  const requestId = c.get('requestId');
  for (const chatId of userIds) {
    recordBotDelivery(state, { chatId, via, messages, sentMessages: assignSentMessages(messages), requestId, retryKey });
  }
  if (retryKey) acceptRetryKey(state, retryKey, requestId);
}
