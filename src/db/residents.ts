/** Residents: one row per LINE user who has talked to the bot. */
import type { Language } from '../i18n/languages';
import { isLanguage } from '../i18n/languages';

export type LanguageSource = 'default' | 'profile' | 'detected' | 'chosen';

export interface Resident {
  userId: string;
  displayName: string | undefined;
  language: Language | undefined;
  languageSource: LanguageSource;
  lineLanguage: string | undefined;
  following: boolean;
}

export interface ResidentRow {
  user_id: string;
  display_name: string | null;
  language: string | null;
  language_source: LanguageSource;
  line_language: string | null;
  following: number;
}

export function rowToResident(row: ResidentRow): Resident {
  return {
    userId: row.user_id,
    displayName: row.display_name ?? undefined,
    language: isLanguage(row.language) ? row.language : undefined,
    languageSource: row.language_source,
    lineLanguage: row.line_language ?? undefined,
    following: row.following === 1,
  };
}

/** Creates a bare resident row (language unknown yet) unless one exists. */
export function ensureResident(db: D1Database, userId: string, now = Date.now()): D1PreparedStatement {
  return db.prepare(`INSERT INTO residents (user_id, created_at, updated_at) VALUES (?1, ?2, ?2) ON CONFLICT (user_id) DO NOTHING`).bind(userId, now);
}

export const RESIDENT_COLUMNS = 'user_id, display_name, language, language_source, line_language, following';


/** Creates the resident if new and records what the LINE profile said. */
export async function saveProfile(
  db: D1Database,
  userId: string,
  profile: { displayName?: string; lineLanguage?: string; language: Language; source: LanguageSource },
  now = Date.now(),
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO residents (user_id, display_name, language, language_source, line_language, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
       ON CONFLICT (user_id) DO UPDATE SET display_name = COALESCE(?2, display_name), line_language = COALESCE(?5, line_language),
         language = COALESCE(language, ?3), language_source = CASE WHEN language IS NULL THEN ?4 ELSE language_source END, updated_at = ?6`,
    )
    .bind(userId, profile.displayName ?? null, profile.language, profile.source, profile.lineLanguage ?? null, now)
    .run();
}

export function setLanguage(db: D1Database, userId: string, language: Language, source: LanguageSource, now = Date.now()): D1PreparedStatement {
  return db
    .prepare('UPDATE residents SET language = ?2, language_source = ?3, updated_at = ?4 WHERE user_id = ?1')
    .bind(userId, language, source, now);
}

/** Follow (added as a friend, or unblocked) and unfollow (blocked). */
export function setFollowing(db: D1Database, userId: string, following: boolean, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO residents (user_id, following, followed_at, unfollowed_at, created_at, updated_at)
       VALUES (?1, ?2, CASE WHEN ?2 = 1 THEN ?3 END, CASE WHEN ?2 = 0 THEN ?3 END, ?3, ?3)
       ON CONFLICT (user_id) DO UPDATE SET following = ?2,
         followed_at = CASE WHEN ?2 = 1 THEN ?3 ELSE followed_at END,
         unfollowed_at = CASE WHEN ?2 = 0 THEN ?3 ELSE unfollowed_at END, updated_at = ?3`,
    )
    .bind(userId, following ? 1 : 0, now);
}
