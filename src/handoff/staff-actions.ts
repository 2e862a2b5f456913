/**
 * What a staff member does to a conversation from the console: claim, assign, reply, send an
 * FAQ answer in the resident's language, write a private note, resolve, return to the bot,
 * retry a failed delivery. The I/O shell around the pure policy: it runs inside the chat's
 * ResidentSession, one action or resident event at a time, and every state change is also
 * guarded in SQL, so two staff members acting at once cannot both win.
 */
import { z } from 'zod';
import { composeHandoffUpdate, composeResolved, composeStaffText, answerText } from '../conversation/compose';
import { applyTransition, rowToConversation, selectConversation, type Conversation, type ConversationRow } from '../db/conversations';
import { loadKnowledge } from '../db/knowledge';
import { findStaffById } from '../db/staff';
import { insertNote, insertOutgoing, recordDelivery, takeReplyToken, usableReplyToken } from '../db/messages';
import { indexFor } from '../faq/knowledge';
import { EntryId } from '../faq/schema';
import { translator } from '../i18n/i18n';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n/languages';
import type { LineClient, SendResult } from '../line/client';
import { MAX_TEXT_LENGTH, REPLY_TOKEN_USABLE_MS } from '../line/limits';
import type { LineMessage } from '../line/message-builder';
import { canReply, transition, type HandoffCommand, type Transition } from './policy';

const MessageText = z.string().trim().min(1, 'write something first').max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`);

/** The actions, as the console API accepts them (validated at the edge). */
export const StaffAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('claim') }),
  z.object({ type: z.literal('assign'), to: z.number().int().positive() }),
  /** `seen`: the newest message id the staff member had on screen; a newer resident message refuses the change. */
  z.object({ type: z.literal('resolve'), seen: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('return'), seen: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('reply'), text: MessageText }),
  z.object({ type: z.literal('note'), text: MessageText }),
  z.object({ type: z.literal('faq'), entryId: EntryId }),
  z.object({ type: z.literal('retry'), messageId: z.number().int().positive() }),
]);
export type StaffAction = z.infer<typeof StaffAction>;

export type StaffActionResult =
  | { ok: true; changed: boolean; messageId?: number; delivery?: { ok: boolean; via: 'reply' | 'push'; error?: string } }
  | { ok: false; status: 400 | 404 | 409; error: string };

export interface StaffActor {
  id: number;
  displayName: string;
}

export interface StaffActionDeps {
  db: D1Database;
  line: LineClient;
  now?: () => number;
}

interface Target {
  conversation: Conversation;
  lang: Language;
}

const REFUSALS: Record<Extract<Transition, { ok: false }>['reason'], string> = {
  resolved: 'this conversation is resolved',
  assigned_to_other: 'another staff member has this conversation; ask them or assign it to yourself',
  not_open: 'this conversation is with the bot, not with staff',
};

/** Runs one staff action on a conversation and says what happened. */
export async function runStaffAction(deps: StaffActionDeps, actor: StaffActor, conversationId: number, action: StaffAction): Promise<StaffActionResult> {
  const target = await loadTarget(deps.db, conversationId);
  if (!target) return { ok: false, status: 404, error: 'no such conversation' };
  switch (action.type) {
    case 'claim':
      return changeState(deps, target, { type: 'claim', staffId: actor.id });
    case 'assign': {
      const staff = await findStaffById(deps.db, action.to);
      if (!staff || staff.disabled) return { ok: false, status: 400, error: 'no such active staff member' };
      return changeState(deps, target, { type: 'assign', staffId: actor.id, to: action.to });
    }
    case 'resolve':
    case 'return': {
      // A message the resident sent while staff were closing must be read, not closed over unseen.
      if (action.seen !== undefined && (await newestIncoming(deps.db, target.conversation.userId)) > action.seen) {
        return { ok: false, status: 409, error: 'the resident has written since you last looked; read it first' };
      }
      return changeState(deps, target, { type: action.type, staffId: actor.id });
    }
    case 'note': {
      const row = await insertNote(deps.db, { conversationId, userId: target.conversation.userId, staffId: actor.id, text: action.text }, now(deps)).first<{ id: number }>();
      return { ok: true, changed: true, messageId: row!.id };
    }
    case 'reply':
      return sendAsStaff(deps, actor, target, { text: action.text, kind: 'staff-text' });
    case 'faq': {
      const knowledge = await loadKnowledge(deps.db);
      const entry = indexFor(knowledge).byId.get(action.entryId);
      if (!entry) return { ok: false, status: 404, error: 'no such FAQ entry' };
      return sendAsStaff(deps, actor, target, { text: answerText(entry, { lang: target.lang, knowledge }), kind: 'staff-faq', entryId: entry.id });
    }
    case 'retry':
      return retry(deps, target, action.messageId);
  }
}

async function newestIncoming(db: D1Database, userId: string): Promise<number> {
  const row = await db.prepare(`SELECT MAX(id) AS id FROM messages WHERE user_id = ?1 AND direction = 'incoming'`).bind(userId).first<{ id: number | null }>();
  return row?.id ?? 0;
}

function now(deps: StaffActionDeps): number {
  return deps.now?.() ?? Date.now();
}

async function loadTarget(db: D1Database, conversationId: number): Promise<Target | undefined> {
  const [conversation, resident] = await db.batch<Record<string, unknown>>([
    selectConversation(db, conversationId),
    db.prepare('SELECT r.language FROM residents r JOIN conversations c ON c.user_id = r.user_id WHERE c.id = ?1').bind(conversationId),
  ]);
  const row = conversation.results[0] as unknown as ConversationRow | undefined;
  if (!row) return undefined;
  const language = resident.results[0]?.language;
  return { conversation: rowToConversation(row), lang: isLanguage(language) ? language : DEFAULT_LANGUAGE };
}

/** Applies a transition; true if this call won (false: someone changed it first). */
async function apply(deps: StaffActionDeps, target: Target, command: HandoffCommand, result: Extract<Transition, { ok: true }>): Promise<boolean> {
  const [update] = await deps.db.batch(applyTransition(deps.db, target.conversation, command, result.next, result.activity!, now(deps)));
  return update.results.length === 1;
}

async function changeState(deps: StaffActionDeps, target: Target, command: HandoffCommand): Promise<StaffActionResult> {
  const result = transition(target.conversation, command);
  if (!result.ok) return { ok: false, status: 409, error: REFUSALS[result.reason] };
  if (!result.changed) return { ok: true, changed: false };
  if (!(await apply(deps, target, command, result))) return { ok: false, status: 409, error: 'the conversation changed meanwhile; reload it' };

  // The resident always knows what is happening, in their language.
  const t = translator(target.lang);
  const wasUnowned = target.conversation.assigneeId === undefined;
  const notice =
    command.type === 'resolve'
      ? composeResolved(target.conversation.id, { t })
      : command.type === 'return'
        ? composeHandoffUpdate('returned', { t })
        : wasUnowned
          ? composeHandoffUpdate('claimed', { t })
          : undefined;
  if (!notice) return { ok: true, changed: true };
  const sent = await send(deps, target, notice, { kind: `handoff-${command.type}` });
  return { ok: true, changed: true, ...sent };
}

/** Sends text under the staff name, claiming the conversation first if nobody has it. */
async function sendAsStaff(deps: StaffActionDeps, actor: StaffActor, target: Target, message: { text: string; kind: string; entryId?: string }): Promise<StaffActionResult> {
  const command: HandoffCommand = { type: 'claim', staffId: actor.id };
  const result = canReply(target.conversation, actor.id);
  if (!result.ok) return { ok: false, status: 409, error: REFUSALS[result.reason] };
  if (result.changed && !(await apply(deps, target, command, result))) {
    return { ok: false, status: 409, error: 'the conversation changed meanwhile; reload it' };
  }
  const messages = composeStaffText(message.text, { t: translator(target.lang) });
  const sent = await send(deps, target, messages, { kind: message.kind, entryId: message.entryId, staffId: actor.id });
  return { ok: true, changed: true, ...sent };
}

/**
 * Records, then delivers: with the newest unused reply token while it is still valid (free,
 * and instant), by push otherwise. The retry key makes a retried push land once.
 */
async function send(
  deps: StaffActionDeps,
  target: Target,
  messages: LineMessage[],
  meta: { kind: string; entryId?: string; staffId?: number },
): Promise<Pick<Extract<StaffActionResult, { ok: true }>, 'messageId' | 'delivery'>> {
  const { db } = deps;
  const { conversation } = target;
  const token = meta.staffId ? await usableReplyToken(db, conversation.id, now(deps) - REPLY_TOKEN_USABLE_MS) : undefined;
  const usable = token && (await takeReplyToken(db, token.webhookEventId, token.replyToken)) ? token : undefined;
  const retryKey = crypto.randomUUID();
  const row = await insertOutgoing(
    db,
    {
      conversationId: conversation.id,
      userId: conversation.userId,
      messages,
      language: target.lang,
      kind: meta.kind,
      entryId: meta.entryId,
      replyTo: usable?.messageId,
      retryKey,
      sender: meta.staffId ? 'staff' : 'bot',
      staffId: meta.staffId,
    },
    now(deps),
  ).first<{ id: number }>();
  const delivery = await deps.line.deliver(conversation.userId, usable?.replyToken, messages, retryKey);
  await recordDelivery(db, row!.id, delivery).run();
  return { messageId: row!.id, delivery: summary(delivery) };
}

function summary(result: SendResult): { ok: boolean; via: 'reply' | 'push'; error?: string } {
  return result.ok ? { ok: true, via: result.via } : { ok: false, via: result.via, error: result.error };
}

/** Pushes a failed message again with its own retry key, so LINE never delivers it twice. */
async function retry(deps: StaffActionDeps, target: Target, messageId: number): Promise<StaffActionResult> {
  const row = await deps.db
    .prepare(
      `SELECT payload, retry_key FROM messages
       WHERE id = ?1 AND conversation_id = ?2 AND direction = 'outgoing' AND private = 0 AND status = 'failed'`,
    )
    .bind(messageId, target.conversation.id)
    .first<{ payload: string; retry_key: string | null }>();
  if (!row) return { ok: false, status: 404, error: 'no failed message with that id in this conversation' };
  const delivery = await deps.line.push(target.conversation.userId, JSON.parse(row.payload) as LineMessage[], row.retry_key ?? crypto.randomUUID());
  await recordDelivery(deps.db, messageId, delivery).run();
  return { ok: true, changed: true, messageId, delivery: summary(delivery) };
}
