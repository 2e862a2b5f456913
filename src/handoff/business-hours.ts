/**
 * When staff answer: weekly opening hours, holidays and a time zone (Asia/Tokyo by default).
 * Pure: "is it open now?", "when does it next open?" and "when is a waiting request due a
 * follow-up?" are computed from the configuration and a timestamp, with Intl doing the
 * time-zone arithmetic so any zone (with or without daylight saving) works.
 */
import { z } from 'zod';

const Time = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time as HH:MM (00:00-24:00)');
const Day = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
export type Day = z.infer<typeof Day>;
const DAYS = Day.options;

export const BusinessHours = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Tokyo').default('Asia/Tokyo'),
    /** Opening periods per weekday; a day left out (or an empty list) is closed. */
    weekly: z.partialRecord(Day, z.array(z.tuple([Time, Time]).refine(([open, close]) => open < close, 'opening before closing'))),
    /** Closed dates (YYYY-MM-DD, local), e.g. public holidays and the new-year break. */
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')).default([]),
    /** A request nobody has picked up gets a gentle "still waiting" message after this many open minutes. */
    followUpMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30),
  })
  .strict();
export type BusinessHours = z.infer<typeof BusinessHours>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface LocalTime {
  date: string;
  day: Day;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date, weekday and minute of the day at `ms` in `timeZone`. */
export function localTime(ms: number, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: parts.weekday.toLowerCase().slice(0, 3) as Day,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** The UTC instant of a local wall-clock time (`date` at `minutes`) in `timeZone`. */
function instantOf(date: string, minutes: number, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, mo - 1, d, 0, minutes);
  // Two passes settle the zone's offset, also across a daylight-saving change.
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const local = localTime(guess, timeZone);
    const [ly, lmo, ld] = local.date.split('-').map(Number);
    guess += wall - Date.UTC(ly, lmo - 1, ld, 0, local.minutes);
  }
  return guess;
}

function periodsOn(hours: BusinessHours, local: LocalTime): Array<[number, number]> {
  if (hours.holidays.includes(local.date)) return [];
  return (hours.weekly[local.day] ?? []).map(([open, close]) => [toMinutes(open), toMinutes(close)]);
}

export function isOpen(hours: BusinessHours, now: number): boolean {
  const local = localTime(now, hours.timeZone);
  return periodsOn(hours, local).some(([open, close]) => local.minutes >= open && local.minutes < close);
}

/** `now` if staff are in now, else the next opening within two weeks (undefined if never). */
export function nextOpening(hours: BusinessHours, now: number): number | undefined {
  if (isOpen(hours, now)) return now;
  const today = localTime(now, hours.timeZone);
  for (let offset = 0; offset < 15; offset++) {
    // Noon avoids landing on the wrong date near midnight or a daylight-saving change.
    const local = localTime(instantOf(today.date, 12 * 60, hours.timeZone) + offset * 86_400_000, hours.timeZone);
    const openings = periodsOn(hours, local)
      .map(([open]) => open)
      .filter((open) => offset > 0 || open > today.minutes)
      .sort((a, b) => a - b);
    if (openings.length) return instantOf(local.date, openings[0], hours.timeZone);
  }
  return undefined;
}

/**
 * When a request waiting since `waitingSince` is due its follow-up: `followUpMinutes` after
 * staff were first in to see it (a request sent at night is not "late" before the morning).
 */
export function followUpDueAt(hours: BusinessHours, waitingSince: number): number | undefined {
  const seen = nextOpening(hours, waitingSince);
  return seen === undefined ? undefined : seen + hours.followUpMinutes * 60_000;
}

/** The weekday names, for documentation and the settings form. */
export const WEEKDAYS = DAYS;
