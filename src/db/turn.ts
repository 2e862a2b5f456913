/**
 * Everything handling one resident event needs to read, in one D1 round trip: the resident,
 * their active conversation (created if missing), the knowledge version, the stored incoming
 * message and disaster mode. D1 may be far from the Worker, so round trips are what make a
 * reply slow.
 */
import {
  ensureActiveConversation,
  rowToConversation,
  selectActiveConversation,
  type Conversation,
  type ConversationRow,
} from './conversations';
import { parseDisasterSetting, type DisasterState } from '../disaster/state';
import { selectDisasterSetting } from '../disaster/store';
import { selectKnowledgeVersion } from './knowledge';
import { selectIncomingMessage } from './messages';
import { ensureResident, RESIDENT_COLUMNS, rowToResident, type Resident, type ResidentRow } from './residents';

export interface TurnState {
  resident: Resident;
  conversation: Conversation;
  knowledgeVersion: string | undefined;
  incomingId: number | undefined;
  /** The reply an earlier run of this same event recorded (it died before finishing). */
  earlierReply: { id: number; status: string } | undefined;
  /** Disaster mode as it is now: an admin's switch reaches the very next turn. */
  disaster: DisasterState;
}

/** Reads a turn's state; `before` statements (e.g. a follow) run first in the same batch. */
export async function loadTurnState(
  db: D1Database,
  userId: string,
  webhookEventId: string,
  retryKey: string,
  before: D1PreparedStatement[] = [],
  now = Date.now(),
): Promise<TurnState> {
  const results = await db.batch<Record<string, unknown>>([
    ...before,
    ensureResident(db, userId, now),
    ensureActiveConversation(db, userId, now),
    db.prepare(`SELECT ${RESIDENT_COLUMNS} FROM residents WHERE user_id = ?1`).bind(userId),
    selectActiveConversation(db, userId),
    selectKnowledgeVersion(db),
    selectIncomingMessage(db, webhookEventId),
    db.prepare(`SELECT id, status FROM messages WHERE retry_key = ?1 AND direction = 'outgoing' LIMIT 1`).bind(retryKey),
    selectDisasterSetting(db),
  ]);
  const [resident, conversation, version, incoming, earlier, disaster] = results.slice(-6).map((result) => result.results[0]);
  return {
    resident: rowToResident(resident as unknown as ResidentRow),
    conversation: rowToConversation(conversation as unknown as ConversationRow),
    knowledgeVersion: (version as { value: string } | undefined)?.value,
    incomingId: (incoming as { id: number } | undefined)?.id,
    earlierReply: earlier as TurnState['earlierReply'],
    disaster: parseDisasterSetting((disaster as { value: string } | undefined)?.value),
  };
}
