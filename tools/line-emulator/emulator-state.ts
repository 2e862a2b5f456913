/**
 * The emulator's in-memory world: residents, issued tokens, the chat log and the API call log.
 * One object per emulator (no module globals) so tests can run many side by side.
 */

/** Options for `createEmulator`. */
export interface EmulatorOptions {
  /** Signs webhooks (X-Line-Signature). */
  channelSecret: string;
  /** The only bearer token the Messaging API endpoints accept. */
  channelAccessToken: string;
  /** Where webhooks are POSTed. Default http://127.0.0.1:8787/webhook. */
  webhookUrl?: string;
  /** The bot's user ID, sent as the webhook `destination`. */
  botUserId?: string;
  /** How long a reply token stays usable. Default 60 000 ms. */
  replyTokenTtlMs?: number;
  /** Used to POST webhooks; inject one in tests to capture them. */
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds; inject one in tests to expire tokens. */
  now?: () => number;
}

/** {@link EmulatorOptions} with every default applied. */
export type ResolvedEmulatorOptions = Required<EmulatorOptions>;

/** An emulated LINE user. */
export interface Resident {
  userId: string;
  displayName: string;
  /** BCP 47 tag as LINE's profile API returns it, e.g. "ja", "zh-Hant". */
  language: string;
  /** True after an unfollow (block) event until the next follow. */
  blocked: boolean;
  /** Epoch ms until which the loading animation shows; cleared when a message arrives. */
  loadingUntil?: number;
  createdAt: number;
}

/** `source` of a webhook event. */
export type EventSource =
  | { type: 'user'; userId: string }
  | { type: 'group'; groupId: string; userId: string }
  | { type: 'room'; roomId: string; userId: string };

/** A webhook event object as defined in webhook.json (`Event` and its subtypes). */
export interface WebhookEvent {
  type: string;
  mode: 'active';
  timestamp: number;
  source: EventSource;
  webhookEventId: string;
  deliveryContext: { isRedelivery: boolean };
  replyToken?: string;
  message?: Record<string, unknown> & { id: string; type: string };
  postback?: { data: string; params?: Record<string, string> };
  follow?: { isUnblocked: boolean };
}

/** `sentMessages[]` entry of reply/push responses. */
export interface SentMessage {
  id: string;
  quoteToken?: string;
}

/** How a bot message reached the user. */
export type DeliveryVia = 'reply' | 'push' | 'multicast' | 'broadcast';

/** Something the emulated user did, as recorded in the chat log. */
export interface UserChatEntry {
  seq: number;
  timestamp: number;
  from: 'user';
  /** The user ID for 1:1 chats, else the group or room ID. */
  chatId: string;
  userId: string;
  event: WebhookEvent;
  /** A postback's displayText, which LINE shows as the user's bubble. */
  displayText?: string;
  /** Status the bot answered the webhook with (0 when it was unreachable). */
  webhookStatus?: number;
}

/** Messages the bot delivered to one chat through one API call. */
export interface BotChatEntry {
  seq: number;
  timestamp: number;
  from: 'bot';
  chatId: string;
  via: DeliveryVia;
  messages: unknown[];
  sentMessages: SentMessage[];
  retryKey?: string;
  requestId: string;
  /** The user had blocked the bot: LINE accepts the call but the user never sees it. */
  blocked?: boolean;
}

/** One line of the chat log. */
export type ChatEntry = UserChatEntry | BotChatEntry;

/** One Messaging API call, as logged for tests. */
export interface ApiLogEntry {
  seq: number;
  timestamp: number;
  method: string;
  path: string;
  status: number;
  requestId: string;
  /** Only the headers tests care about (authorization, content-type, x-line-retry-key). */
  headers: Record<string, string>;
  body: unknown;
  response: unknown;
  /** True when an injected fault produced the answer. */
  fault?: boolean;
}

/** An injected failure for the next `remaining` matching API calls. */
export interface Fault {
  method?: string;
  /** Exact path, or a prefix when it ends with "*". */
  path: string;
  status: number;
  remaining: number;
  body?: unknown;
}

/** A reply token issued in a webhook event. */
export interface ReplyTokenRecord {
  chatId: string;
  expiresAt: number;
  usedAt?: number;
}

/** A retry key whose request was accepted. */
export interface AcceptedRetryKey {
  requestId: string;
  acceptedAt: number;
  sentMessages?: SentMessage[];
}

/** Bytes of media the emulated user sent, served by the content endpoint. */
export interface MediaContent {
  contentType: string;
  bytes: Uint8Array;
}

/** All state of one emulator. */
export interface EmulatorState {
  options: ResolvedEmulatorOptions;
  users: Map<string, Resident>;
  /** Group and room IDs that have sent events, so push to them is accepted. */
  groupChats: Set<string>;
  replyTokens: Map<string, ReplyTokenRecord>;
  retryKeys: Map<string, AcceptedRetryKey>;
  /** Sent events by webhookEventId, for redelivery. */
  events: Map<string, WebhookEvent>;
  media: Map<string, MediaContent>;
  chatLog: ChatEntry[];
  apiLog: ApiLogEntry[];
  faults: Fault[];
  seq: number;
}

/** The webhook URL used when none is given (wrangler dev's default port). */
export const DEFAULT_WEBHOOK_URL = 'http://127.0.0.1:8787/webhook';
/** A recognisably fake bot user ID in LINE's format. */
export const DEFAULT_BOT_USER_ID = 'Udeadbeefdeadbeefdeadbeefdeadbeef';
/** LINE documents reply tokens as short-lived; one minute is the emulator's default. */
export const DEFAULT_REPLY_TOKEN_TTL_MS = 60_000;

/** Creates empty state with defaults applied to the options. */
export function createState(options: EmulatorOptions): EmulatorState {
  const resolved: ResolvedEmulatorOptions = {
    webhookUrl: DEFAULT_WEBHOOK_URL,
    botUserId: DEFAULT_BOT_USER_ID,
    replyTokenTtlMs: DEFAULT_REPLY_TOKEN_TTL_MS,
    // Bound lazily so a test that stubs globalThis.fetch after creation is still honoured.
    fetch: (input, init) => globalThis.fetch(input, init),
    now: () => Date.now(),
    ...stripUndefined(options),
    channelSecret: options.channelSecret,
    channelAccessToken: options.channelAccessToken,
  };
  return {
    options: resolved,
    users: new Map(),
    groupChats: new Set(),
    replyTokens: new Map(),
    retryKeys: new Map(),
    events: new Map(),
    media: new Map(),
    chatLog: [],
    apiLog: [],
    faults: [],
    seq: 0,
  };
}

/** Forgets everything except the options. */
export function resetState(state: EmulatorState): void {
  state.users.clear();
  state.groupChats.clear();
  state.replyTokens.clear();
  state.retryKeys.clear();
  state.events.clear();
  state.media.clear();
  state.chatLog.length = 0;
  state.apiLog.length = 0;
  state.faults.length = 0;
}

/** Next value of the sequence shared by the chat log and the API log. */
export function nextSeq(state: EmulatorState): number {
  state.seq += 1;
  return state.seq;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
