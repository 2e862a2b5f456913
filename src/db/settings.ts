/** Operator settings kept in D1 (`settings`), so they change without a deploy. */
import { BusinessHours } from '../handoff/business-hours';

const BUSINESS_HOURS_KEY = 'business_hours';

/**
 * Staff's opening hours: the `business_hours` setting if an admin saved one, else the
 * deployment's default (the BUSINESS_HOURS variable in wrangler.toml). An unreadable value
 * is logged and the default used, so a bad setting never stops a handoff.
 */
export async function loadBusinessHours(db: D1Database, fallbackJson: string): Promise<BusinessHours> {
  const row = await db.prepare('SELECT value FROM settings WHERE key = ?1').bind(BUSINESS_HOURS_KEY).first<{ value: string }>();
  if (row) {
    const parsed = parseBusinessHours(row.value);
    if (parsed.ok) return parsed.hours;
    console.error('business_hours setting is invalid; using the default', parsed.error);
  }
  const fallback = parseBusinessHours(fallbackJson);
  if (!fallback.ok) throw new Error(`BUSINESS_HOURS is invalid: ${fallback.error}`);
  return fallback.hours;
}

export function parseBusinessHours(json: string): { ok: true; hours: BusinessHours } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = BusinessHours.safeParse(value);
  return parsed.success ? { ok: true, hours: parsed.data } : { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

/** Saves validated hours (the admin settings page). */
export function saveBusinessHours(db: D1Database, hours: BusinessHours, now = Date.now()): D1PreparedStatement {
  return db
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3')
    .bind(BUSINESS_HOURS_KEY, JSON.stringify(hours), now);
}
