import { describe, expect, it } from 'vitest';
import {
  MAX_ACTION_LABEL_LENGTH,
  MAX_MESSAGES_PER_REQUEST,
  MAX_POSTBACK_DATA_LENGTH,
  MAX_QUICK_REPLY_ITEMS,
  MAX_TEXT_LENGTH,
} from '../../src/line/limits';
import { fitReply, splitText, truncate, type LineMessage, type TextMessage } from '../../src/line/message-builder';

const text = (value: string): LineMessage => ({ type: 'text', text: value });

describe('fitReply', () => {
  it('splits text longer than 5000 UTF-16 units at a paragraph break', () => {
    const paragraph = 'あ'.repeat(3000);
    const out = fitReply([text(`${paragraph}\n\n${paragraph}`)]) as TextMessage[];
    expect(out).toHaveLength(2);
    expect(out.every((m) => m.text.length <= MAX_TEXT_LENGTH)).toBe(true);
    expect(out.map((m) => m.text).join('')).toBe(paragraph + paragraph);
  });

  it('never splits an emoji (a surrogate pair) at the 5000 boundary', () => {
    const pieces = splitText('😀'.repeat(2600));
    expect(pieces.every((p) => p.length <= MAX_TEXT_LENGTH && !/[\ud800-\udbff]$/.test(p))).toBe(true);
    expect(pieces.join('')).toBe('😀'.repeat(2600));
  });

  it('merges text beyond 5 messages into the last one', () => {
    const out = fitReply(['1', '2', '3', '4', '5', '6', '7'].map(text)) as TextMessage[];
    expect(out).toHaveLength(MAX_MESSAGES_PER_REQUEST);
    expect(out[4].text).toBe('5\n\n6\n\n7');
  });

  it('puts at most 13 quick replies on the last message, with labels of at most 20 characters', () => {
    const choices = Array.from({ length: 20 }, (_, i) => ({ label: `Choice number ${i} with a very long label`, postback: `a=pick&e=x${i}` }));
    const out = fitReply([text('one'), text('two')], choices);
    expect(out[0].quickReply).toBeUndefined();
    const items = out[1].quickReply!.items!;
    expect(items).toHaveLength(MAX_QUICK_REPLY_ITEMS);
    for (const item of items) expect([...item.action!.label!].length).toBeLessThanOrEqual(MAX_ACTION_LABEL_LENGTH);
    expect(items[0].action!.label).toBe('Choice number 0 wit…');
  });

  it('refuses postback data over 300 characters instead of sending a request LINE would reject', () => {
    expect(() => fitReply([text('x')], [{ label: 'x', postback: 'a'.repeat(MAX_POSTBACK_DATA_LENGTH + 1) }])).toThrow(/300/);
  });
});

describe('truncate', () => {
  it('counts characters, not UTF-16 units, for labels', () => {
    expect(truncate('👍 役に立った', 20)).toBe('👍 役に立った');
    expect([...truncate('é'.repeat(30), 20)]).toHaveLength(20);
  });
});
