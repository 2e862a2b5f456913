/**
 * Handles one stored webhook event for one chat: the thin I/O shell around the pure pieces
 * (language detection, search, decision, composing). Called in order, one event at a time, by
 * the chat's ResidentSession Durable Object. A turn costs three D1 round trips: read the state,
 * write the effects with the outgoing message, record the delivery.
 */
import { applyTransition, recordOutcome, recordRating } from '../db/conversations';
import { logUnanswered, recordFeedback } from '../db/feedback';
import { loadKnowledge } from '../db/knowledge';
import { recordMediaMessage } from '../db/media';
import { insertOutgoing, markHandled, recordDelivery } from '../db/messages';
import { saveProfile, setFollowing, setLanguage, type Resident } from '../db/residents';
import { loadTurnState, type TurnState } from '../db/turn';
import type { StoredEvent } from '../db/webhook-events';
import { indexFor } from '../faq/knowledge';
import type { BusinessHours } from '../handoff/business-hours';
import { nextOpening } from '../handoff/business-hours';
import { transition, type HandoffReason } from '../handoff/policy';
import { OUT_OF_SCOPE_ID } from '../faq/schema';
import { search } from '../faq/search';
import { chooseReplyLanguage, detectLanguage } from '../i18n/detect';
import { translator } from '../i18n/i18n';
import { DEFAULT_LANGUAGE, languageFromLineProfile, type Language } from '../i18n/languages';
import type { LineClient } from '../line/client';
import { parseEvent, type LineEvent } from '../line/events';
import { mediaFieldsOf } from '../media/message';
import type { LineMessage } from '../line/message-builder';
import {
  composeDecision,
  composeFeedback,
  composeGreeting,
  composeHandoff,
  composeHandoffCancelled,
  composeRatingThanks,
  composeGroupNotice,
  composeLanguageChanged,
  composeLanguagePicker,
  composeNonText,
  type ComposeContext,
} from './compose';
import { decide, type DecisionKind } from './decide';
import { isEmergency } from './emergency';
import { isHumanRequest } from './human-request';
import { decodePostback } from './postback';
import { withDisasterNotice } from '../disaster/notice';
import { preferDisasterEntries } from '../disaster/tie-break';

export interface HandlerDeps {
  db: D1Database;
  line: LineClient;
  /** Staff's opening hours (settings in D1, else the deployment's default); read only on a handoff. */
  businessHours: () => Promise<BusinessHours>;
  now?: () => number;
}

interface Turn extends TurnState {
  deps: HandlerDeps;
  event: LineEvent;
  userId: string;
  resident: Resident & { language: Language };
  /** Marks the webhook event done; written with the turn's last batch. */
  finish: D1PreparedStatement;
  /** Derived from the event: the same on every run of it, so LINE never delivers a push twice. */
  retryKey: string;
}

/** What a turn does: database effects, and at most one reply. */
interface Plan {
  effects: D1PreparedStatement[];
  /** The plan opens the conversation for staff. */
  handedOff?: boolean;
  reply?: { messages: LineMessage[]; kind?: string; decision?: DecisionKind; entryId?: string; score?: number; lang?: Language };
}

/** What a handled event changed that others (the staff console) care about. */
export interface EventOutcome {
  /** The chat was just handed to staff (a new request in the queue). */
  handedOff: boolean;
  /** An incoming picture, video, audio or file to fetch from LINE and keep (stored message id). */
  mediaMessageId?: number;
}

/** Handles one event and runs `finish` with its last write; throws only on storage errors (the event is then retried). */
export async function handleEvent(deps: HandlerDeps, stored: StoredEvent, finish: D1PreparedStatement): Promise<EventOutcome | void> {
  const parsed = parseEvent(stored.payload);
  // Events the bot does not handle were stored as processed by the webhook already.
  if (!parsed.ok) return void (await finish.run());
  const event = parsed.event;
  // In standby mode another channel (module) owns the chat: the bot must not answer.
  if (event.mode === 'standby') return void (await finish.run());
  if (event.source.type !== 'user') return handleGroupEvent(deps, event, finish);

  const userId = event.source.userId;
  if (event.type === 'unfollow') return void (await deps.db.batch([setFollowing(deps.db, userId, false), finish]));

  const retryKey = await retryKeyFor(event.webhookEventId);
  const state = await loadTurnState(deps.db, userId, event.webhookEventId, retryKey, event.type === 'follow' ? [setFollowing(deps.db, userId, true)] : []);
  const resident = state.resident.language ? state.resident : await readProfile(deps, userId);
  const turn: Turn = { ...state, deps, event, userId, resident: resident as Turn['resident'], finish, retryKey };
  if (state.earlierReply) return finishEarlierRun(turn, state.earlierReply);
  const planned = await plan(turn);
  // Disaster mode: every reply opens with the notice, in the language the reply is in.
  if (planned.reply) planned.reply.messages = withDisasterNotice(planned.reply.messages, turn.disaster, planned.reply.lang ?? turn.resident.language);
  // Pictures and files are kept for staff whoever answers; the fetch itself runs after the turn.
  const media = event.type === 'message' && turn.incomingId ? mediaFieldsOf((stored.payload as { message?: unknown }).message) : undefined;
  if (media) planned.effects.push(recordMediaMessage(deps.db, { messageId: turn.incomingId!, ...media }));
  await commit(turn, planned);
  return { handedOff: !!planned.handedOff, mediaMessageId: media && !media.external ? turn.incomingId : undefined };
}

async function plan(turn: Turn): Promise<Plan> {
  const { event, resident } = turn;
  switch (event.type) {
    case 'follow':
      return {
        effects: [],
        reply: { messages: composeGreeting({ t: translator(resident.language) }, resident.displayName, { disaster: turn.disaster.active }), kind: 'greeting' },
      };
    case 'postback':
      return planPostback(turn, event.postback.data);
    case 'message':
      if (event.message.type === 'text') return planText(turn, event.message.text);
      // A person owns the chat: they see the picture or file in the console; the bot stays quiet.
      if (turn.conversation.status === 'open') return { effects: handled(turn, undefined) };
      return {
        effects: handled(turn, undefined),
        reply: { messages: composeNonText(event.message.type, { t: translator(resident.language) }), kind: `reply-${event.message.type}` },
      };
    default:
      return { effects: [] };
  }
}

/** The first contact: the LINE profile's name and language (a first guess at the reply language). */
async function readProfile(deps: HandlerDeps, userId: string): Promise<Resident & { language: Language }> {
  const profile = await deps.line.getProfile(userId);
  const fromProfile = languageFromLineProfile(profile?.language);
  const resident = {
    displayName: profile?.displayName,
    lineLanguage: profile?.language,
    language: fromProfile ?? DEFAULT_LANGUAGE,
    source: fromProfile ? ('profile' as const) : ('default' as const),
  };
  await saveProfile(deps.db, userId, resident);
  return { userId, following: true, languageSource: resident.source, ...resident };
}

async function context(turn: Turn, lang: Language): Promise<ComposeContext> {
  const knowledge = await loadKnowledge(turn.deps.db, turn.knowledgeVersion);
  return { t: translator(lang), lang, knowledge, byId: indexFor(knowledge).byId };
}

function handled(turn: Turn, lang: Language | undefined): D1PreparedStatement[] {
  return turn.incomingId ? [markHandled(turn.deps.db, turn.incomingId, lang)] : [];
}

async function planText(turn: Turn, text: string): Promise<Plan> {
  const { deps, resident, conversation, userId } = turn;
  const lang = chooseReplyLanguage(detectLanguage(text), resident.language);
  const effects = [...handled(turn, lang), ...(lang !== resident.language ? [setLanguage(deps.db, userId, lang, 'detected')] : [])];
  const emergency = isEmergency(text);

  // A person owns the chat: the bot stays quiet (staff see the message), except for safety.
  if (conversation.status === 'open' && !emergency) return { effects };

  const ctx = await context(turn, lang);
  const { index, urgentIds, disasterIds } = indexFor(ctx.knowledge);
  const results = search(index, text, { limit: 5 });
  const normal = decide({ results, humanRequest: isHumanRequest(text), emergency, urgentIds });
  // Disaster mode: disaster and life-saving entries win ties and ambiguous questions.
  const decision = turn.disaster.active ? preferDisasterEntries(normal, results, disasterIds) : normal;

  if (decision.kind === 'human') return handOff(turn, ctx, effects, 'asked', emergency);
  if (decision.kind === 'fallback') {
    effects.push(logUnanswered(deps.db, { userId, messageId: turn.incomingId, text, language: lang, topEntryId: results.find((r) => r.id !== OUT_OF_SCOPE_ID)?.id, topScore: results[0]?.score }));
    // The second miss in a row: a person takes over rather than the bot failing a third time.
    if (conversation.status === 'pending' && conversation.consecutiveFallbacks >= 1) return handOff(turn, ctx, effects, 'fallbacks', emergency);
  }
  effects.push(recordOutcome(deps.db, conversation.id, decision.kind === 'fallback'));
  // In an emergency the bot answers at once and also alerts staff, who see the chat in the queue.
  const alert = emergency ? requestFor(turn, 'emergency') : undefined;
  if (alert) effects.push(...alert);
  const handedOff = !!alert;
  const messages = composeDecision(decision, ctx, { staffAlerted: !!alert });
  return {
    effects,
    handedOff,
    reply: {
      messages,
      decision: decision.kind,
      entryId: decision.kind === 'answer' ? decision.entryId : undefined,
      score: decision.kind === 'answer' ? decision.score : results[0]?.score,
      lang,
    },
  };
}

/** The statements that open the conversation for staff, or undefined when it already is open. */
function requestFor(turn: Turn, reason: HandoffReason): D1PreparedStatement[] | undefined {
  const command = { type: 'request', reason } as const;
  const result = transition(turn.conversation, command);
  if (!result.ok || !result.changed) return undefined;
  return applyTransition(turn.deps.db, turn.conversation, command, result.next, result.activity!, now(turn));
}

function now(turn: Turn): number {
  return turn.deps.now?.() ?? Date.now();
}

/** Hands the chat to staff and tells the resident, including when staff are next in. */
async function handOff(turn: Turn, ctx: ComposeContext, effects: D1PreparedStatement[], reason: HandoffReason, emergency = false): Promise<Plan> {
  const request = requestFor(turn, reason);
  const hours = await turn.deps.businessHours();
  const opens = nextOpening(hours, now(turn));
  const opensAt = opens !== undefined && opens > now(turn) ? { at: opens, timeZone: hours.timeZone } : undefined;
  return {
    effects: [...effects, ...(request ?? [])],
    handedOff: !!request,
    reply: {
      messages: composeHandoff(ctx, { reason, alreadyWaiting: !request, emergency, opensAt, closedIndefinitely: opens === undefined }),
      decision: 'human',
      lang: ctx.lang,
    },
  };
}

async function planPostback(turn: Turn, data: string): Promise<Plan> {
  const { deps, resident, userId } = turn;
  const action = decodePostback(data);
  const effects = handled(turn, undefined);
  const t = translator(resident.language);
  if (!action) return { effects, reply: { messages: composeLanguagePicker({ t }), kind: 'unknown-postback' } };

  switch (action.a) {
    case 'lang':
      return {
        effects: [...effects, setLanguage(deps.db, userId, action.l, 'chosen')],
        reply: { messages: composeLanguageChanged({ t: translator(action.l) }), kind: 'language-changed', lang: action.l },
      };
    case 'langs':
      return { effects, reply: { messages: composeLanguagePicker({ t }), kind: 'language-picker' } };
    case 'staff':
      return handOff(turn, await context(turn, resident.language), effects, 'tapped');
    case 'cancel': {
      const command = { type: 'cancel' } as const;
      const result = transition(turn.conversation, command);
      const cancelled = result.ok && result.changed;
      return {
        effects: cancelled ? [...effects, ...applyTransition(deps.db, turn.conversation, command, result.next, result.activity!, now(turn))] : effects,
        reply: { messages: composeHandoffCancelled({ t }, cancelled), kind: 'handoff-cancelled' },
      };
    }
    case 'rate':
      return {
        effects: [...effects, recordRating(deps.db, Number(action.c), userId, action.v === '1', now(turn))],
        reply: { messages: composeRatingThanks({ t }), kind: 'rating' },
      };
    case 'pick': {
      const ctx = await context(turn, resident.language);
      if (!ctx.byId.has(action.e)) {
        return { effects, reply: { messages: composeDecision({ kind: 'fallback', emergency: false }, ctx), decision: 'fallback' } };
      }
      return {
        effects: [...effects, recordOutcome(deps.db, turn.conversation.id, false)],
        reply: {
          messages: composeDecision({ kind: 'answer', entryId: action.e, score: 1, emergency: false }, ctx),
          decision: 'answer',
          entryId: action.e,
          score: 1,
        },
      };
    }
    case 'fb': {
      const helpful = action.v === '1';
      return {
        effects: [...effects, recordFeedback(deps.db, { userId, entryId: action.e, helpful, language: resident.language })],
        reply: { messages: composeFeedback(helpful, { t }), kind: 'feedback' },
      };
    }
  }
}

async function handleGroupEvent(deps: HandlerDeps, event: LineEvent, finish: D1PreparedStatement): Promise<void> {
  const source = event.source;
  const chatId = source.type === 'group' ? source.groupId : source.type === 'room' ? source.roomId : undefined;
  if ((event.type !== 'join' && event.type !== 'message') || !chatId) return void (await finish.run());
  // One notice per group or room, however many messages follow.
  const [claimed] = await deps.db.batch([
    deps.db
      .prepare(`INSERT INTO group_chats (chat_id, type, notified_at) VALUES (?1, ?2, ?3) ON CONFLICT (chat_id) DO NOTHING RETURNING chat_id`)
      .bind(chatId, source.type, Date.now()),
    finish,
  ]);
  if (!claimed.results.length) return;
  const result = await deps.line.deliver(chatId, event.replyToken, composeGroupNotice());
  if (!result.ok) console.error('group notice not delivered', chatId, result.error);
}

/**
 * An earlier run of this event wrote its effects and its reply, then died before marking the
 * event done. A reply already `sent` is not sent again; one still `pending` (or `failed`) may or
 * may not have reached LINE, so it is pushed with the same retry key rather than replied: a
 * reply cannot be deduplicated, a push with the same key can.
 */
async function finishEarlierRun(turn: Turn, earlier: { id: number; status: string }): Promise<void> {
  const { deps } = turn;
  if (earlier.status === 'sent') return void (await turn.finish.run());
  const row = await deps.db.prepare('SELECT payload FROM messages WHERE id = ?1').bind(earlier.id).first<{ payload: string }>();
  const result = await deps.line.push(turn.userId, JSON.parse(row!.payload) as LineMessage[], turn.retryKey);
  await deps.db.batch([recordDelivery(deps.db, earlier.id, result), turn.finish]);
}

/** Writes the plan's effects and the outgoing message, sends it (reply, else push), records the delivery. */
async function commit(turn: Turn, { effects, reply }: Plan): Promise<void> {
  const { deps, event, retryKey } = turn;
  if (!reply) return void (await deps.db.batch([...effects, turn.finish]));
  const results = await deps.db.batch<{ id: number }>([
    ...effects,
    insertOutgoing(deps.db, {
      conversationId: turn.conversation.id,
      userId: turn.userId,
      messages: reply.messages,
      language: reply.lang ?? turn.resident.language,
      kind: reply.kind,
      decision: reply.decision,
      entryId: reply.entryId,
      score: reply.score,
      replyTo: turn.incomingId,
      retryKey,
    }),
  ]);
  const id = results.at(-1)!.results[0].id;
  const result = await deps.line.deliver(turn.userId, event.replyToken, reply.messages, retryKey);
  await deps.db.batch([recordDelivery(deps.db, id, result), turn.finish]);
  if (!result.ok) console.error('delivery failed', { userId: turn.userId, messageId: id, error: result.error });
}

/** A UUID (v4 layout) from the event id: stable across retries of the same event. */
export async function retryKeyFor(webhookEventId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`yorisoi:${webhookEventId}`)));
  digest[6] = (digest[6] & 0x0f) | 0x40;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
