import { describe, expect, it } from 'vitest';
import { answerBubble, checkContact, checkEntry, placeholderIssues } from '../../src/admin/faq/validate';
import { contacts, makeEntry } from './faq-fixtures';

const context = { activeIds: new Set(['garbage', 'tax']), contacts };

describe('checkEntry', () => {
  it('accepts a valid entry and fills in defaults', () => {
    const { urgent: _u, related: _r, ...bare } = makeEntry('garbage');
    expect(checkEntry(bare, context)).toMatchObject({ ok: true, value: { urgent: false, related: [] } });
  });

  it('reports schema problems by field path', () => {
    const entry = makeEntry('garbage') as any;
    entry.texts.vi.answer = '';
    entry.texts.en.title = 'x'.repeat(61);
    delete entry.texts.tl;
    const result = checkEntry(entry, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path).sort()).toEqual(['texts.en.title', 'texts.tl', 'texts.vi.answer']);
  });

  it('checks related entries and contact placeholders against the knowledge', () => {
    const entry = makeEntry('garbage');
    entry.related = ['tax', 'garbage', 'gone'];
    entry.texts.ko.answer = '{{phone:nowhere}} {{url:plaza}} {{fax:plaza}}';
    const result = checkEntry(entry, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: 'related.1', message: 'an entry cannot be related to itself' },
      { path: 'related.2', message: 'there is no active entry "gone"' },
      { path: 'texts.ko.answer', message: '{{phone:nowhere}}: there is no contact "nowhere"' },
      { path: 'texts.ko.answer', message: '{{url:plaza}}: the contact "plaza" has no url' },
      { path: 'texts.ko.answer', message: expect.stringMatching(/^\{\{fax:plaza\}\}: not a contact placeholder/) },
    ]);
  });

  it('keeps each answer within one LINE text message once contacts are filled in', () => {
    const long = { plaza: { ...contacts.plaza, hours: Object.fromEntries(Object.keys(contacts.plaza.hours!).map((l) => [l, 'h'.repeat(1000)])) as any } };
    const entry = makeEntry('garbage', () => '{{hours:plaza}}'.repeat(5) + ' '.repeat(10));
    const result = checkEntry(entry, { ...context, contacts: long });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toMatch(/LINE allows 5000/);
  });
});

describe('answerBubble', () => {
  it('is the title, a blank line and the answer with contacts filled in', () => {
    expect(answerBubble(makeEntry('garbage'), 'en', contacts)).toBe('garbage (en)\n\nAnswer in en: call 096-359-2121.');
  });
});

describe('checkContact', () => {
  it('refuses a change that removes a field an answer uses', () => {
    const { phone: _p, ...noPhone } = contacts.plaza;
    const result = checkContact('plaza', noPhone, [makeEntry('garbage')], contacts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: 'usedBy.garbage.ja' });
    expect(checkContact('Bad Key', contacts.plaza, [], contacts)).toMatchObject({ ok: false, issues: [{ path: 'key' }] });
    expect(checkContact('plaza', { ...contacts.plaza, phone: 'call me' }, [], contacts)).toMatchObject({ ok: false, issues: [{ path: 'phone' }] });
  });

  it('finds nothing wrong in plain text', () => {
    expect(placeholderIssues('Call us.', contacts)).toEqual([]);
  });
});
