import { describe, expect, it } from 'vitest';
import { decide, THRESHOLDS } from '../../src/conversation/decide';
import { OUT_OF_SCOPE_ID } from '../../src/faq/schema';

const r = (id: string, score: number) => ({ id, score });

describe('decide', () => {
  it('answers a confident top hit that leads clearly', () => {
    expect(decide({ results: [r('garbage', 0.9), r('housing', 0.4)], humanRequest: false, emergency: false })).toEqual({
      kind: 'answer',
      entryId: 'garbage',
      score: 0.9,
      emergency: false,
    });
  });

  it('asks which one is meant when two hits are close', () => {
    const decision = decide({ results: [r('a', 0.8), r('b', 0.78), r('c', 0.6), r('d', 0.55)], humanRequest: false, emergency: false });
    expect(decision).toEqual({ kind: 'clarify', candidates: ['a', 'b', 'c'], emergency: false });
  });

  it('asks when the top hit is only plausible and not clearly ahead', () => {
    const decision = decide({ results: [r('a', THRESHOLDS.answer - 0.05), r('b', THRESHOLDS.answer - 0.1)], humanRequest: false, emergency: false });
    expect(decision).toEqual({ kind: 'clarify', candidates: ['a', 'b'], emergency: false });
  });

  it('answers a weak hit that is a clear winner (long, chatty questions cover little of any entry)', () => {
    const top = THRESHOLDS.ratioFloor + 0.05;
    const decision = decide({ results: [r('a', top), r('b', top / (THRESHOLDS.ratio + 0.2))], humanRequest: false, emergency: false });
    expect(decision.kind).toBe('answer');
  });

  it('falls back when nothing is plausible', () => {
    const low = THRESHOLDS.clarify - 0.01;
    expect(decide({ results: [r('a', low), r('b', low - 0.01)], humanRequest: false, emergency: false }).kind).toBe('fallback');
    expect(decide({ results: [], humanRequest: false, emergency: false }).kind).toBe('fallback');
  });

  it('falls back when the message reads most like what the FAQ does not cover', () => {
    expect(decide({ results: [r(OUT_OF_SCOPE_ID, 0.9), r('garbage', 0.5)], humanRequest: false, emergency: false }).kind).toBe('fallback');
    const decision = decide({ results: [r('a', 0.5), r(OUT_OF_SCOPE_ID, 0.48), r('b', 0.45)], humanRequest: false, emergency: false });
    expect(decision).toEqual({ kind: 'clarify', candidates: ['a', 'b'], emergency: false });
  });

  it('hands over to a person when asked, whatever the search found', () => {
    expect(decide({ results: [r('a', 0.99)], humanRequest: true, emergency: false }).kind).toBe('human');
  });

  it('answers a life-saving entry straight away in an emergency', () => {
    const decision = decide({
      results: [r('hospital-languages', 0.7), r('ambulance-119', 0.65)],
      humanRequest: false,
      emergency: true,
      urgentIds: new Set(['ambulance-119']),
    });
    expect(decision).toEqual({ kind: 'answer', entryId: 'ambulance-119', score: 0.65, emergency: true });
  });

  it('keeps the emergency flag on a fallback so the 110/119 notice still comes first', () => {
    expect(decide({ results: [], humanRequest: false, emergency: true })).toEqual({ kind: 'fallback', emergency: true });
  });
});
