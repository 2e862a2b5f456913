import { describe, expect, it } from 'vitest';
import { decide, THRESHOLDS, type Decision } from '../../src/conversation/decide';
import { disasterEntryIds, preferDisasterEntries } from '../../src/disaster/tie-break';
import { OUT_OF_SCOPE_ID, type FaqEntry } from '../../src/faq/schema';

const r = (id: string, score: number) => ({ id, score });
const DISASTER = new Set(['evacuation-shelter', 'heavy-rain-typhoon', 'ambulance-119']);

/** The decision disaster mode makes: the normal one, then the tie-break. */
function inDisaster(results: Array<{ id: string; score: number }>, humanRequest = false): Decision {
  return preferDisasterEntries(decide({ results, humanRequest, emergency: false }), results, DISASTER);
}

describe('disaster entries', () => {
  it('are the disaster category and every urgent entry', () => {
    const entry = (id: string, category: FaqEntry['category'], urgent: boolean) => ({ id, category, urgent }) as FaqEntry;
    const ids = disasterEntryIds([entry('evacuation-shelter', 'disaster', true), entry('my-timeline', 'disaster', false), entry('ambulance-119', 'emergency', true), entry('garbage', 'life', false)]);
    expect([...ids].sort()).toEqual(['ambulance-119', 'evacuation-shelter', 'my-timeline']);
  });
});

describe('the disaster tie-break', () => {
  it('answers the disaster entry instead of asking, when the choices include one', () => {
    const results = [r('garbage', 0.5), r('evacuation-shelter', 0.45), r('housing', 0.44)];
    expect(decide({ results, humanRequest: false, emergency: false }).kind).toBe('clarify');
    expect(inDisaster(results)).toEqual({ kind: 'answer', entryId: 'evacuation-shelter', score: 0.45, emergency: false });
  });

  it('takes the best-scoring disaster entry among the choices', () => {
    const results = [r('garbage', 0.5), r('heavy-rain-typhoon', 0.48), r('evacuation-shelter', 0.46)];
    expect(inDisaster(results)).toMatchObject({ kind: 'answer', entryId: 'heavy-rain-typhoon' });
  });

  it('wins a near-tie the normal rules would answer with the other entry', () => {
    const top = THRESHOLDS.answer + 0.3;
    const results = [r('garbage', top), r('evacuation-shelter', top - THRESHOLDS.margin / 2), r('housing', 0.1)];
    // The ratio rule answers the top hit (it is 1.3x the third), but the disaster entry is within the margin.
    expect(inDisaster(results)).toMatchObject({ kind: 'answer', entryId: 'evacuation-shelter' });
  });

  it('wins a near-tie with the out-of-scope examples ("will it rain tomorrow" during a typhoon)', () => {
    const results = [r(OUT_OF_SCOPE_ID, 0.4), r('heavy-rain-typhoon', 0.35)];
    expect(decide({ results, humanRequest: false, emergency: false }).kind).toBe('fallback');
    expect(inDisaster(results)).toMatchObject({ kind: 'answer', entryId: 'heavy-rain-typhoon' });
  });

  it('leaves a clear answer elsewhere alone ("my visa ends next month")', () => {
    const results = [r('residence-renewal', 0.9), r('evacuation-shelter', 0.3)];
    expect(inDisaster(results)).toMatchObject({ kind: 'answer', entryId: 'residence-renewal' });
  });

  it('leaves a disaster entry that is not plausible alone', () => {
    const low = THRESHOLDS.clarify - 0.01;
    const results = [r('garbage', low + 0.02), r('evacuation-shelter', low)];
    expect(inDisaster(results).kind).not.toBe('answer');
  });

  it('leaves clarifications without a disaster entry, fallbacks and requests for a person alone', () => {
    expect(inDisaster([r('garbage', 0.5), r('housing', 0.48)])).toMatchObject({ kind: 'clarify' });
    expect(inDisaster([])).toMatchObject({ kind: 'fallback' });
    expect(inDisaster([r('garbage', 0.5), r('evacuation-shelter', 0.49)], true)).toMatchObject({ kind: 'human' });
  });

  it('keeps an answer that already is a disaster entry, and the emergency flag', () => {
    const results = [r('ambulance-119', 0.8), r('evacuation-shelter', 0.79)];
    const emergency = preferDisasterEntries(decide({ results, humanRequest: false, emergency: true, urgentIds: DISASTER }), results, DISASTER);
    expect(emergency).toEqual({ kind: 'answer', entryId: 'ambulance-119', score: 0.8, emergency: true });
  });
});
