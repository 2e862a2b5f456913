import { describe, expect, it } from 'vitest';
import { diffJson, flattenJson, ROOT_PATH } from '../../src/admin/accounts/json-diff';

describe('the audit before/after diff', () => {
  it('shows only the field that changed', () => {
    const before = { login: 'sato', displayName: 'Sato', role: 'staff', disabled: false };
    expect(diffJson(before, { ...before, role: 'admin' })).toEqual([{ path: 'role', kind: 'changed', before: 'staff', after: 'admin' }]);
    expect(diffJson(before, { ...before, disabled: true })).toEqual([{ path: 'disabled', kind: 'changed', before: 'false', after: 'true' }]);
  });

  it('lists every field as added for a creation and as removed for a deletion', () => {
    expect(diffJson(null, { login: 'a', role: 'staff' })).toEqual([
      { path: 'login', kind: 'added', after: 'a' },
      { path: 'role', kind: 'added', after: 'staff' },
    ]);
    expect(diffJson({ login: 'a' }, undefined)).toEqual([{ path: 'login', kind: 'removed', before: 'a' }]);
  });

  it('names nested fields and list items by path', () => {
    const before = { texts: { en: { title: 'Garbage', questions: ['when', 'where'] } }, related: [] };
    const after = { texts: { en: { title: 'Garbage days', questions: ['when', 'how'] } }, related: ['recycling'] };
    expect(diffJson(before, after)).toEqual([
      { path: 'texts.en.title', kind: 'changed', before: 'Garbage', after: 'Garbage days' },
      { path: 'texts.en.questions[1]', kind: 'changed', before: 'where', after: 'how' },
      { path: 'related[0]', kind: 'added', after: 'recycling' },
      { path: 'related', kind: 'removed', before: '[]' },
    ]);
  });

  it('tells the string "1" from the number 1 and the string "null" from null', () => {
    expect(diffJson({ a: '1', b: 'null' }, { a: 1, b: null })).toEqual([
      { path: 'a', kind: 'changed', before: '"1"', after: '1' },
      { path: 'b', kind: 'changed', before: '"null"', after: 'null' },
    ]);
  });

  it('quotes keys that are not plain names, and handles a bare value', () => {
    expect([...flattenJson({ 'zh-Hans': { 'a b': 1 } }).keys()]).toEqual(['zh-Hans."a b"']);
    expect(diffJson('on', 'off')).toEqual([{ path: ROOT_PATH, kind: 'changed', before: 'on', after: 'off' }]);
  });

  it('finds nothing between equal values', () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});
