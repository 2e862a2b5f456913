import { describe, expect, it } from 'vitest';
import { Spans, tokenize, tokenSpans, Vocabulary } from '../../src/faq/tokenize';

/** Adds every token of a normalised text to the vocabulary; returns their slots, units first, then bonus tokens. */
function addAll(vocabulary: Vocabulary, text: string): number[] {
  const units = new Spans();
  const bonus = new Spans();
  tokenSpans(text, units, bonus);
  const slots: number[] = [];
  for (let span = 0; span < units.count; span++) slots.push(vocabulary.add(text, units, span));
  for (let span = 0; span < bonus.count; span++) slots.push(vocabulary.add(text, bonus, span));
  return slots;
}

describe('Vocabulary', () => {
  it('numbers tokens in the order first added, each once, as tokenize spells them', () => {
    const vocabulary = new Vocabulary();
    expect(addAll(vocabulary, 'renewal of my renewal')).toEqual([0, 1, 2, 3, 0, 1, 4, 5, 6]);
    const { units, bonus } = tokenize('renewal of my renewal');
    expect(Array.from({ length: vocabulary.size }, (_, slot) => vocabulary.token(slot))).toEqual([...new Set([...units.flat(), ...bonus])]);
    expect(vocabulary.get('b:my_renewal')).toBe(6);
    expect(vocabulary.get('s:renew')).toBe(1);
    expect(vocabulary.get('w:renew')).toBeUndefined();
  });

  it('tells tokens apart whose characters match but whose kind or split differs', () => {
    const vocabulary = new Vocabulary();
    addAll(vocabulary, 'ab c a bc ab');
    for (const token of ['w:ab', 'w:c', 'w:a', 'w:bc', 'b:ab_c', 'b:c_a', 'b:a_bc', 'b:bc_ab']) {
      expect(vocabulary.token(vocabulary.get(token)!), token).toBe(token);
    }
  });

  it('keeps every token findable as it grows', () => {
    const vocabulary = new Vocabulary();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    addAll(vocabulary, words.join(' '));
    words.forEach((word) => expect(vocabulary.token(vocabulary.get('w:' + word)!)).toBe('w:' + word));
    expect(vocabulary.get('w:absent')).toBeUndefined();
  });

  it('finds the n-grams of scripts written without spaces', () => {
    const vocabulary = new Vocabulary();
    addAll(vocabulary, '在留かーど 비자를 नवीकरण');
    for (const token of tokenize('在留かーど 비자를 नवीकरण').units.flat()) expect(vocabulary.get(token), token).toBeDefined();
  });
});
