/**
 * Disaster mode's state in D1 (`settings`, key `disaster`). Switches are compare-and-set: the
 * write applies only over the state the admin's request read, so two admins switching at once
 * cannot both win - and nothing written with the losing switch (its audit row, its broadcast)
 * is kept.
 */
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/languages';
import { DISASTER_SETTING_KEY, parseDisasterSetting, type DisasterState } from './state';

/** The setting's row, for a batch (src/db/turn.ts reads it with the rest of a turn's state). */
export function selectDisasterSetting(db: D1Database): D1PreparedStatement {
  return db.prepare('SELECT value FROM settings WHERE key = ?1').bind(DISASTER_SETTING_KEY);
}

export interface StoredDisaster {
  state: DisasterState;
  /** The stored JSON exactly as read (null: never set): what a switch compares against. */
  raw: string | null;
}

export async function readDisaster(db: D1Database): Promise<StoredDisaster> {
  const row = await selectDisasterSetting(db).first<{ value: string }>();
  return { state: parseDisasterSetting(row?.value), raw: row?.value ?? null };
}

/**
 * Statements that replace the state read as `expectedRaw` with `next`; put them first in the
 * batch that records the change. The second one fails the whole batch (a primary-key clash,
 * so D1 rolls everything back) when the state was no longer `expectedRaw`: another admin
 * switched first. The caller tells that apart from other errors with `readDisaster`.
 */
export function writeDisaster(db: D1Database, next: DisasterState, expectedRaw: string | null, now = Date.now()): D1PreparedStatement[] {
  const value = JSON.stringify(next);
  return [
    db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at WHERE settings.value IS ?4`,
      )
      .bind(DISASTER_SETTING_KEY, value, now, expectedRaw),
    db
      .prepare(`INSERT INTO settings (key, value, updated_at) SELECT ?1, '', 0 WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = ?1 AND value = ?2)`)
      .bind(DISASTER_SETTING_KEY, value),
  ];
}

/** Following residents per language they would get a broadcast in (not known yet: the default language). */
export async function followingAudience(db: D1Database): Promise<{ total: number; byLanguage: Record<string, number> }> {
  const { results } = await db
    .prepare('SELECT language, COUNT(*) AS n FROM residents WHERE following = 1 GROUP BY language')
    .all<{ language: string | null; n: number }>();
  const byLanguage: Record<string, number> = {};
  for (const row of results) {
    const lang = isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE;
    byLanguage[lang] = (byLanguage[lang] ?? 0) + row.n;
  }
  return { total: results.reduce((sum, row) => sum + row.n, 0), byLanguage };
}
