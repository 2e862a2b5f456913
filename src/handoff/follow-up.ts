/**
 * The gentle follow-up: a request for a person that nobody has picked up within the configured
 * time (counted from when staff were first in to see it) gets one "still waiting" message in
 * the resident's language, so nobody is left wondering whether anyone saw it.
 */
import { composeHandoffUpdate } from '../conversation/compose';
import { loadBusinessHours } from '../db/settings';
import { insertOutgoing, recordDelivery } from '../db/messages';
import { translator } from '../i18n/i18n';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/languages';
import type { LineClient } from '../line/client';
import { followUpDueAt, isOpen } from './business-hours';

/** Requests due a follow-up now (only while staff are in: before that, residents were told when). */
export async function dueFollowUps(db: D1Database, businessHoursDefault: string, now = Date.now()): Promise<Array<{ id: number; userId: string }>> {
  const hours = await loadBusinessHours(db, businessHoursDefault);
  if (!isOpen(hours, now)) return [];
  const { results } = await db
    .prepare(
      `SELECT id, user_id, waiting_since FROM conversations
       WHERE status = 'open' AND assignee_id IS NULL AND follow_up_at IS NULL AND waiting_since <= ?1
       ORDER BY waiting_since LIMIT 100`,
    )
    .bind(now - hours.followUpMinutes * 60_000)
    .all<{ id: number; user_id: string; waiting_since: number }>();
  return results
    .filter((row) => (followUpDueAt(hours, row.waiting_since) ?? Infinity) <= now)
    .map((row) => ({ id: row.id, userId: row.user_id }));
}

/**
 * Sends one conversation's follow-up, at most once: the `follow_up_at` stamp is taken first,
 * and only by a request still waiting for its first staff member.
 */
export async function sendFollowUp(deps: { db: D1Database; line: LineClient }, conversationId: number, now = Date.now()): Promise<boolean> {
  const { db } = deps;
  const claimed = await db
    .prepare(
      `UPDATE conversations SET follow_up_at = ?2 WHERE id = ?1 AND status = 'open' AND assignee_id IS NULL AND follow_up_at IS NULL
       RETURNING user_id, (SELECT language FROM residents WHERE user_id = conversations.user_id) AS language`,
    )
    .bind(conversationId, now)
    .first<{ user_id: string; language: string | null }>();
  if (!claimed) return false;
  const lang = isLanguage(claimed.language) ? claimed.language : DEFAULT_LANGUAGE;
  const messages = composeHandoffUpdate('followUp', { t: translator(lang) });
  const retryKey = crypto.randomUUID();
  const row = await insertOutgoing(
    db,
    { conversationId, userId: claimed.user_id, messages, language: lang, kind: 'handoff-follow-up', retryKey },
    now,
  ).first<{ id: number }>();
  const result = await deps.line.push(claimed.user_id, messages, retryKey);
  await recordDelivery(db, row!.id, result).run();
  return true;
}
