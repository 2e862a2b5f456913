import { describe, expect, it } from 'vitest';
import { isEmptyPlan, planImport, type ImportBase } from '../../src/admin/faq/import-plan';
import { contacts, makeEntry } from './faq-fixtures';

function base(): ImportBase {
  return {
    entries: [
      { entry: makeEntry('garbage'), status: 'active', revision: 3 },
      { entry: { ...makeEntry('tax'), related: ['garbage'] }, status: 'active', revision: 1 },
      { entry: makeEntry('old'), status: 'archived', revision: 2 },
    ],
    contacts: { plaza: { contact: contacts.plaza, revision: 1 } },
    state: 'garbage:3:active,old:2:archived,tax:1:active|plaza:1|',
  };
}

const active = (b: ImportBase) => b.entries.filter((e) => e.status === 'active').map((e) => e.entry);

describe('planImport', () => {
  it('plans nothing for the knowledge as it is', () => {
    const b = base();
    const result = planImport(b, { mode: 'bundle', entries: active(b), contacts: { plaza: contacts.plaza } });
    expect(result.ok && isEmptyPlan(result.plan)).toBe(true);
    expect(result.ok && result.plan.unchanged).toBe(2);
  });

  it('adds, changes, archives and brings back entries, field by field', () => {
    const b = base();
    const garbage = structuredClone(b.entries[0].entry);
    garbage.texts.id.answer = 'Baru {{phone:plaza}}';
    const result = planImport(b, { mode: 'bundle', entries: [garbage, makeEntry('old'), makeEntry('new')] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.entries.map((e) => [e.id, e.action, e.status])).toEqual([
      ['garbage', 'change', 'active'],
      ['old', 'unarchive', 'active'],
      ['new', 'add', 'active'],
      ['tax', 'archive', 'archived'],
    ]);
    expect(result.plan.entries[0].changes.map((c) => c.path)).toEqual(['texts.id.answer']);
    expect(result.plan.entries[1].changes).toEqual([]);
    expect(result.plan.unchanged).toBe(0);
  });

  it('refuses to archive an entry another entry still relates to', () => {
    const b = base();
    const tax = b.entries[1].entry;
    const result = planImport(b, { mode: 'bundle', entries: [tax] });
    expect(result).toEqual({ ok: false, issues: [{ path: 'entries.tax.related.0', message: 'tax: there is no active entry "garbage"' }] });
  });

  it('names invalid entries by id, and duplicates', () => {
    const b = base();
    const broken = structuredClone(b.entries[0].entry) as any;
    broken.texts.vi.answer = '';
    const result = planImport(b, { mode: 'bundle', entries: [broken, b.entries[1].entry, b.entries[1].entry, { id: 7 }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path);
    expect(paths).toContain('entries.garbage.texts.vi.answer');
    expect(paths).toContain('entries.tax.id');
    expect(paths.some((p) => p.startsWith('entries.3.'))).toBe(true);
  });

  it('checks every answer against the contacts it would have', () => {
    const b = base();
    const noPhone = { ...contacts.plaza, phone: undefined };
    delete noPhone.phone;
    const result = planImport(b, { mode: 'bundle', entries: active(b), contacts: { plaza: noPhone } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: 'entries.garbage.texts.ja.answer' });
  });

  it('in language mode changes texts only, keeps statuses and archives nothing', () => {
    const b = base();
    const old = structuredClone(b.entries[2].entry);
    old.texts.ko.title = '새 제목';
    const result = planImport(b, { mode: 'language', entries: [old] });
    expect(result.ok && result.plan.entries.map((e) => [e.id, e.action, e.status])).toEqual([['old', 'change', 'archived']]);
    expect(planImport(b, { mode: 'language', entries: [makeEntry('ghost')] })).toMatchObject({ ok: false, issues: [{ path: 'entries.ghost' }] });
  });

  it('fingerprints the base and the import together', () => {
    const b = base();
    const target = { mode: 'bundle' as const, entries: active(b) };
    const one = planImport(b, target);
    const moved = planImport({ ...b, state: b.state.replace('tax:1', 'tax:2') }, target);
    const other = planImport(b, { ...target, outOfScope: undefined, entries: [...active(b), makeEntry('x')] });
    expect(one.ok && moved.ok && one.plan.fingerprint !== moved.plan.fingerprint).toBe(true);
    expect(one.ok && other.ok && one.plan.fingerprint !== other.plan.fingerprint).toBe(true);
    expect(one.ok && planImport(b, target).ok && one.plan.fingerprint === (planImport(b, target) as any).plan.fingerprint).toBe(true);
  });
});
