import { describe, expect, it } from 'vitest';
import { BusinessHours, followUpDueAt, isOpen, localTime, nextOpening } from '../../src/handoff/business-hours';

const weekdays = BusinessHours.parse({
  weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '12:00'], ['13:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
  holidays: ['2026-11-23'],
  followUpMinutes: 30,
});

/** A Tokyo wall-clock time as a timestamp (Japan has no daylight saving: UTC+9). */
const tokyo = (iso: string) => Date.parse(`${iso}+09:00`);

describe('business hours', () => {
  it('reads the wall clock in the configured zone', () => {
    expect(localTime(tokyo('2026-11-24T08:59:00'), 'Asia/Tokyo')).toEqual({ date: '2026-11-24', day: 'tue', minutes: 8 * 60 + 59 });
  });

  it('is open inside a period and closed at its end, at lunch, at weekends and on holidays', () => {
    expect(isOpen(weekdays, tokyo('2026-11-24T09:00:00'))).toBe(true);
    expect(isOpen(weekdays, tokyo('2026-11-24T17:00:00'))).toBe(false);
    expect(isOpen(weekdays, tokyo('2026-11-25T12:30:00'))).toBe(false);
    expect(isOpen(weekdays, tokyo('2026-11-28T10:00:00'))).toBe(false);
    // 2026-11-23 is a Monday and listed as a holiday.
    expect(isOpen(weekdays, tokyo('2026-11-23T10:00:00'))).toBe(false);
  });

  it('finds the next opening: after lunch, the next morning, over a weekend and a holiday', () => {
    expect(nextOpening(weekdays, tokyo('2026-11-25T12:30:00'))).toBe(tokyo('2026-11-25T13:00:00'));
    expect(nextOpening(weekdays, tokyo('2026-11-24T18:00:00'))).toBe(tokyo('2026-11-25T09:00:00'));
    expect(nextOpening(weekdays, tokyo('2026-11-21T03:00:00'))).toBe(tokyo('2026-11-24T09:00:00'));
    expect(nextOpening(weekdays, tokyo('2026-11-24T10:00:00'))).toBe(tokyo('2026-11-24T10:00:00'));
  });

  it('says never when no day is open', () => {
    expect(nextOpening(BusinessHours.parse({ weekly: {} }), Date.now())).toBeUndefined();
  });

  it('handles a zone with daylight saving', () => {
    const newYork = BusinessHours.parse({ timeZone: 'America/New_York', weekly: { mon: [['09:00', '17:00']] } });
    // Sunday 8 March 2026 is the spring-forward day; Monday 9:00 is then UTC-4.
    expect(nextOpening(newYork, Date.parse('2026-03-08T12:00:00Z'))).toBe(Date.parse('2026-03-09T13:00:00Z'));
  });

  it('counts the follow-up from when staff were first in, not from a request sent at night', () => {
    expect(followUpDueAt(weekdays, tokyo('2026-11-24T22:00:00'))).toBe(tokyo('2026-11-25T09:30:00'));
    expect(followUpDueAt(weekdays, tokyo('2026-11-24T10:00:00'))).toBe(tokyo('2026-11-24T10:30:00'));
  });

  it('rejects malformed settings with the field named', () => {
    const result = BusinessHours.safeParse({ timeZone: 'Mars/Olympus', weekly: { mon: [['17:00', '09:00']] } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'weekly.mon.0']));
  });
});
