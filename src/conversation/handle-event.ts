/**
 * Handles one stored webhook event for one chat: the thin I/O shell around the pure pieces
 * (language detection, search, decision, composing). Called in order, one event at a time, by
 * the chat's ResidentSession Durable Object.
 */
import {
  getResident,
  saveProfile,
  setFollowing,
  setLanguage,
  type Resident,
} from '../db/residents';
import { activeConversation, recordOutcome, requestHuman, type Conversation } from '../db/conversations';
import { logUnanswered, recordFeedback } from '../db/feedback';
import { loadKnowledge } from '../db/knowledge';
import { incomingMessageId, insertOutgoing, latestAnswer, markHandled, recordDelivery } from '../db/messages';
import type { StoredEvent } from '../db/webhook-events';
import { indexFor } from '../faq/knowledge';
import { search } from '../faq/search';
import { chooseReplyLanguage, detectLanguage } from '../i18n/detect';
import { translator } from '../i18n/i18n';
import { DEFAULT_LANGUAGE, languageFromLineProfile, type Language } from '../i18n/languages';
import type { LineClient } from '../line/client';
import { parseEvent, type LineEvent } from '../line/events';
import type { LineMessage } from '../line/message-builder';
import {
  composeDecision,
  composeFeedback,
  composeGreeting,
  composeGroupNotice,
  composeLanguageChanged,
  composeLanguagePicker,
  composeNonText,
  type ComposeContext,
} from './compose';
import { decide, type Decision } from './decide';
import { isEmergency } from './emergency';
import { isHumanRequest } from './human-request';
import { decodePostback } from './postback';

export interface HandlerDeps {
  db: D1Database;
  line: LineClient;
}

interface Turn {
  deps: HandlerDeps;
  event: LineEvent;
  userId: string;
  resident: Resident & { language: Language };
  conversation: Conversation;
  incomingId: number | undefined;
}

/** Handles one event; throws only on storage errors (the event is then retried). */
export async function handleEvent(deps: HandlerDeps, stored: StoredEvent): Promise<void> {
  const parsed = parseEvent(stored.payload);
  if (!parsed.ok) return; // Stored as processed at the webhook; nothing to answer.
  const event = parsed.event;
  if (event.source.type !== 'user') return handleGroupEvent(deps, event);

  const userId = event.source.userId;
  if (event.type === 'unfollow') return setFollowing(deps.db, userId, false);
  if (event.type === 'follow') await setFollowing(deps.db, userId, true);

  const resident = await ensureResident(deps, userId);
  const conversation = await activeConversation(deps.db, userId);
  const turn: Turn = {
    deps,
    event,
    userId,
    resident,
    conversation,
    incomingId: await incomingMessageId(deps.db, event.webhookEventId),
  };

  switch (event.type) {
    case 'follow':
      return send(turn, composeGreeting({ t: translator(resident.language) }, resident.displayName), { kind: 'greeting' });
    case 'postback':
      return handlePostback(turn, event.postback.data);
    case 'message':
      if (event.message.type === 'text') return handleText(turn, event.message.text);
      return send(turn, composeNonText(event.message.type, { t: translator(resident.language) }), { kind: `reply-${event.message.type}` });
    case 'join':
      return;
  }
}

/** The resident, with a language: the first time, from the LINE profile's language. */
async function ensureResident(deps: HandlerDeps, userId: string): Promise<Resident & { language: Language }> {
  const existing = await getResident(deps.db, userId);
  if (existing?.language && existing.displayName !== undefined) return existing as Resident & { language: Language };
  const profile = await deps.line.getProfile(userId);
  const fromProfile = languageFromLineProfile(profile?.language);
  await saveProfile(deps.db, userId, {
    displayName: profile?.displayName,
    lineLanguage: profile?.language,
    language: fromProfile ?? DEFAULT_LANGUAGE,
    source: fromProfile ? 'profile' : 'default',
  });
  return (await getResident(deps.db, userId)) as Resident & { language: Language };
}

async function context(turn: Turn, lang: Language): Promise<ComposeContext> {
  const knowledge = await loadKnowledge(turn.deps.db);
  return { t: translator(lang), lang, knowledge, byId: indexFor(knowledge).byId };
}

async function handleText(turn: Turn, text: string): Promise<void> {
  const { deps, resident, conversation } = turn;
  const lang = chooseReplyLanguage(detectLanguage(text), resident.language);
  if (lang !== resident.language) await setLanguage(deps.db, turn.userId, lang, 'detected');
  if (turn.incomingId) await markHandled(deps.db, turn.incomingId, lang);
  const emergency = isEmergency(text);

  // A person owns the chat: the bot stays quiet (staff see the message), except for safety.
  if (conversation.status === 'open' && !emergency) return;

  const ctx = await context(turn, lang);
  const { index } = indexFor(ctx.knowledge);
  const results = search(index, text, { limit: 5 });
  const urgentIds = new Set(ctx.knowledge.entries.filter((e) => e.urgent).map((e) => e.id));
  const decision = decide({ results, humanRequest: isHumanRequest(text), emergency, urgentIds });

  if (decision.kind === 'human') return handOff(turn, ctx, decision, 'resident asked for a person');
  if (decision.kind === 'fallback') {
    await logUnanswered(deps.db, {
      userId: turn.userId,
      messageId: turn.incomingId,
      text,
      language: lang,
      topEntryId: results[0]?.id,
      topScore: results[0]?.score,
    });
  }
  await recordOutcome(deps.db, conversation.id, decision.kind === 'fallback');
  await send(turn, composeDecision(decision, ctx), {
    decision: decision.kind,
    entryId: decision.kind === 'answer' ? decision.entryId : undefined,
    score: decision.kind === 'answer' ? decision.score : results[0]?.score,
    lang,
  });
}

async function handOff(turn: Turn, ctx: ComposeContext, decision: Decision, reason: string): Promise<void> {
  const changed = await requestHuman(turn.deps.db, turn.conversation, reason);
  await send(turn, composeDecision(decision, ctx, { alreadyWaiting: !changed }), { decision: 'human', lang: ctx.lang });
}

async function handlePostback(turn: Turn, data: string): Promise<void> {
  const { deps, resident } = turn;
  const action = decodePostback(data);
  if (turn.incomingId) await markHandled(deps.db, turn.incomingId, undefined);
  if (!action) return send(turn, composeLanguagePicker({ t: translator(resident.language) }), { kind: 'unknown-postback' });

  switch (action.a) {
    case 'lang':
      await setLanguage(deps.db, turn.userId, action.l, 'chosen');
      return send(turn, composeLanguageChanged({ t: translator(action.l) }), { kind: 'language-changed', lang: action.l });
    case 'langs':
      return send(turn, composeLanguagePicker({ t: translator(resident.language) }), { kind: 'language-picker' });
    case 'staff': {
      const ctx = await context(turn, resident.language);
      return handOff(turn, ctx, { kind: 'human', emergency: false }, 'resident tapped "talk to staff"');
    }
    case 'pick': {
      const ctx = await context(turn, resident.language);
      if (!ctx.byId.has(action.e)) {
        return send(turn, composeDecision({ kind: 'fallback', emergency: false }, ctx), { decision: 'fallback' });
      }
      await recordOutcome(deps.db, turn.conversation.id, false);
      return send(turn, composeDecision({ kind: 'answer', entryId: action.e, score: 1, emergency: false }, ctx), {
        decision: 'answer',
        entryId: action.e,
        score: 1,
      });
    }
    case 'fb': {
      const helpful = action.v === '1';
      await recordFeedback(deps.db, {
        userId: turn.userId,
        entryId: action.e,
        messageId: await latestAnswer(deps.db, turn.userId, action.e),
        helpful,
        language: resident.language,
      });
      return send(turn, composeFeedback(helpful, { t: translator(resident.language) }), { kind: 'feedback' });
    }
  }
}

async function handleGroupEvent(deps: HandlerDeps, event: LineEvent): Promise<void> {
  if (event.type !== 'join' && event.type !== 'message') return;
  const source = event.source;
  const chatId = source.type === 'group' ? source.groupId : source.type === 'room' ? source.roomId : undefined;
  if (!chatId) return;
  // One notice per group or room, however many messages follow.
  const claimed = await deps.db
    .prepare(
      `INSERT INTO group_chats (chat_id, type, notified_at) VALUES (?1, ?2, ?3) ON CONFLICT (chat_id) DO NOTHING RETURNING chat_id`,
    )
    .bind(chatId, source.type, Date.now())
    .first();
  if (!claimed) return;
  const result = await deps.line.deliver(chatId, event.replyToken, composeGroupNotice());
  if (!result.ok) console.error('group notice not delivered', chatId, result.error);
}

/** Records the outgoing message, sends it (reply, else push), and records the delivery. */
async function send(
  turn: Turn,
  messages: LineMessage[],
  meta: { kind?: string; decision?: Decision['kind']; entryId?: string; score?: number; lang?: Language },
): Promise<void> {
  const { deps, event } = turn;
  // The retry key is derived from the event, so a re-run of this event never pushes twice.
  const retryKey = await retryKeyFor(event.webhookEventId);
  const id = await insertOutgoing(deps.db, {
    conversationId: turn.conversation.id,
    userId: turn.userId,
    messages,
    language: meta.lang ?? turn.resident.language,
    kind: meta.kind,
    decision: meta.decision,
    entryId: meta.entryId,
    score: meta.score,
    replyTo: turn.incomingId,
    retryKey,
  });
  const result = await deps.line.deliver(turn.userId, event.replyToken, messages, retryKey);
  await recordDelivery(deps.db, id, result);
  if (!result.ok) console.error('delivery failed', { userId: turn.userId, messageId: id, error: result.error });
}

/** A UUID (v4 layout) from the event id: stable across retries of the same event. */
async function retryKeyFor(webhookEventId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`yorisoi:${webhookEventId}`)));
  digest[6] = (digest[6] & 0x0f) | 0x40;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
