/**
 * The period an analytics page covers, in Japan's days (Asia/Tokyo, UTC+9 all year): the
 * service's residents and staff live by them, whatever the server's clock. Pure.
 */

export const DAY_MS = 86_400_000;
/** Japan has no daylight saving time: a Tokyo day is always [00:00, 24:00) at UTC+9. */
export const TOKYO_OFFSET_MS = 9 * 3_600_000;

export const PERIOD_DAYS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
export const DEFAULT_PERIOD_DAYS: PeriodDays = 30;

/** A Tokyo day as a number: days since 1970-01-01 in Japan. The SQL equivalent is `(created_at + 32400000) / 86400000`. */
export function tokyoDay(at: number): number {
  return Math.floor((at + TOKYO_OFFSET_MS) / DAY_MS);
}

/** A Tokyo day as `YYYY-MM-DD`. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` as a Tokyo day, or undefined when it is not a real date. */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const at = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== text) return undefined;
  return at / DAY_MS;
}

export interface Period {
  days: PeriodDays;
  firstDay: number;
  lastDay: number;
  /** The UTC milliseconds the period covers: [from, to). */
  from: number;
  to: number;
  /** Every day of the period, oldest first, as `YYYY-MM-DD`. */
  dayTexts: string[];
}

/** The `days` Tokyo days ending with `lastDay` (included). */
export function periodOf(days: PeriodDays, lastDay: number): Period {
  const firstDay = lastDay - days + 1;
  return {
    days,
    firstDay,
    lastDay,
    from: firstDay * DAY_MS - TOKYO_OFFSET_MS,
    to: (lastDay + 1) * DAY_MS - TOKYO_OFFSET_MS,
    dayTexts: Array.from({ length: days }, (_, i) => dayText(firstDay + i)),
  };
}

/** The period a request asks for (`days`, `end`), defaulting to the last 30 days up to today in Japan. */
export function periodFromQuery(query: { days?: string; end?: string }, now = Date.now()): { ok: true; period: Period } | { ok: false; error: string } {
  const days = query.days === undefined || query.days === '' ? DEFAULT_PERIOD_DAYS : Number(query.days);
  if (!(PERIOD_DAYS as readonly number[]).includes(days)) return { ok: false, error: `days must be one of ${PERIOD_DAYS.join(', ')}` };
  const lastDay = query.end === undefined || query.end === '' ? tokyoDay(now) : parseDay(query.end);
  if (lastDay === undefined) return { ok: false, error: 'end must be a date as YYYY-MM-DD' };
  return { ok: true, period: periodOf(days as PeriodDays, lastDay) };
}
