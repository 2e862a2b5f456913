import { describe, expect, it } from 'vitest';
import { decodePostback, encodePostback } from '../../src/conversation/postback';

describe('postback payloads', () => {
  it('round-trip every action', () => {
    for (const action of [
      { a: 'lang', l: 'zh-Hant' },
      { a: 'langs' },
      { a: 'pick', e: 'residence-renewal' },
      { a: 'fb', e: 'garbage', v: '0' },
      { a: 'staff' },
    ] as const) {
      expect(decodePostback(encodePostback(action))).toEqual(action);
    }
  });

  it('ignores data the bot did not make', () => {
    expect(decodePostback('a=lang&l=klingon')).toBeUndefined();
    expect(decodePostback('a=pick&e=../../etc')).toBeUndefined();
    expect(decodePostback('hello')).toBeUndefined();
  });
});
