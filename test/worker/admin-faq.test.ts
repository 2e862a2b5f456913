import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addQuestionVariant, entryHistory, readEntry, restoreRevision, saveEntry, setEntryStatus } from '../../src/admin/faq/store';
import { saveContact } from '../../src/admin/faq/contacts-store';
import { loadKnowledge, prepareAll, seedKnowledgeQueries } from '../../src/db/knowledge';
import { makeKnowledge } from '../../src/faq/knowledge';
import type { FaqEntry } from '../../src/faq/schema';
import { count, createUser, lastBotText, say, signInAs, staffRow } from './helpers';
import { applyImport, readImportBase } from '../../src/admin/faq/import-store';
import { planImport } from '../../src/admin/faq/import-plan';



/** A signed-in console user (a real session row), calling the Worker with cookie, CSRF token and Origin. */
async function signIn(role: 'admin' | 'staff' = 'admin', name = 'Aiko') {
  return signInAs(role, name, '/console/admin/faq');
}

/**
 * A fresh, valid entry under a new id: the garbage entry's answers, but titles, questions and
 * keywords of its own, so residents asking about garbage still get the garbage entry.
 */
async function newEntry(id: string): Promise<FaqEntry> {
  const garbage = structuredClone((await readEntry(env.DB, 'garbage'))!.entry);
  for (const text of Object.values(garbage.texts)) {
    text.title = `Test ${id}`;
    text.questions = [1, 2, 3, 4, 5].map((n) => `zqx ${id} question ${n}`);
    text.keywords = [`zqx-${id}`];
  }
  return { ...garbage, id, related: [] };
}

const version = async () => (await env.DB.prepare(`SELECT value FROM knowledge_meta WHERE key = 'version'`).first<{ value: string }>())!.value;

// The shipped knowledge, as tools/knowledge-files.ts reads it.
const entryModules = import.meta.glob<{ default: unknown }>('../../knowledge/entries/*.json', { eager: true });
const outOfScopeModule = Object.values(import.meta.glob<{ default: unknown }>('../../knowledge/out-of-scope.json', { eager: true }))[0];
import contactsFile from '../../knowledge/contacts.json';
import { Contacts, FaqEntry as FaqEntrySchema, OutOfScope } from '../../src/faq/schema';

describe('export in the knowledge/ format', () => {
  it('exports exactly what knowledge/ holds (before any test changes it)', async () => {
    const admin = await signIn();
    const response = await admin.call('/api/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="yorisoi-knowledge-\d{4}-\d{2}-\d{2}\.json"/);
    const files = makeKnowledge(
      Object.values(entryModules).map((m) => FaqEntrySchema.parse(m.default)),
      Contacts.parse(contactsFile),
      undefined,
      OutOfScope.parse(outOfScopeModule.default),
    );
    const bundle = await response.json<any>();
    expect(Object.keys(bundle)).toEqual(['entries', 'contacts', 'outOfScope']);
    expect(bundle.entries).toEqual(files.entries);
    expect(bundle.contacts).toEqual(files.contacts);
    expect(bundle.outOfScope).toEqual(files.outOfScope);
  });
});

describe('the FAQ store', () => {
  it('creates an entry with its revision, audit row and a new knowledge version in one go', async () => {
    const staffId = await staffRow('admin', 'Aiko');
    const before = await version();
    const entry = await newEntry('store-create');
    const result = await saveEntry(env.DB, { staffId, entry, expectedRevision: null });
    expect(result).toMatchObject({ ok: true, changed: true, record: { revision: 1, status: 'active', note: 'created', updatedBy: { id: staffId, displayName: 'Aiko' } } });
    expect(await version()).not.toBe(before);
    expect(await count('faq_revisions', 'entry_id = ?1', 'store-create')).toBe(1);
    expect(await count('audit_log', `target = 'faq:store-create' AND action = 'faq.create' AND staff_id = ?1`, staffId)).toBe(1);
    expect((await loadKnowledge(env.DB)).entries.some((e) => e.id === 'store-create')).toBe(true);
  });

  it('refuses a stale revision with the other change, and writes nothing', async () => {
    const first = await staffRow('admin', 'First');
    const second = await staffRow('admin', 'Second');
    const entry = await newEntry('store-conflict');
    await saveEntry(env.DB, { staffId: first, entry, expectedRevision: null });
    const mine = structuredClone(entry);
    mine.texts.en.answer = 'First edit.';
    expect(await saveEntry(env.DB, { staffId: first, entry: mine, expectedRevision: 1 })).toMatchObject({ ok: true, record: { revision: 2 } });
    const theirs = structuredClone(entry);
    theirs.texts.en.answer = 'Second edit.';
    const audits = await count('audit_log');
    const v = await version();
    const result = await saveEntry(env.DB, { staffId: second, entry: theirs, expectedRevision: 1 });
    expect(result).toMatchObject({ ok: false, status: 409, current: { revision: 2, updatedBy: { displayName: 'First' } } });
    if (!result.ok) expect(result.current!.entry.texts.en.answer).toBe('First edit.');
    expect((await readEntry(env.DB, 'store-conflict'))!.entry.texts.en.answer).toBe('First edit.');
    expect(await count('audit_log')).toBe(audits);
    expect(await version()).toBe(v);
  });

  it('rejects invalid entries with field-level issues', async () => {
    const staffId = await staffRow('admin', 'Aiko');
    const entry = await newEntry('store-invalid') as any;
    entry.texts.vi.answer = '';
    entry.texts.en.answer = 'Call {{phone:no-such-contact}}.';
    entry.related = ['no-such-entry'];
    const result = await saveEntry(env.DB, { staffId, entry, expectedRevision: null });
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (!result.ok) expect(result.issues!.map((i) => i.path)).toContain('texts.vi.answer');
    entry.texts.vi.answer = 'ok';
    const cross = await saveEntry(env.DB, { staffId, entry, expectedRevision: null });
    expect(cross.ok).toBe(false);
    if (!cross.ok) expect(cross.issues!.map((i) => i.path).sort()).toEqual(['related.0', 'texts.en.answer']);
    expect(await readEntry(env.DB, 'store-invalid')).toBeUndefined();
  });

  it('archives, keeps history, restores, and adds question variants once', async () => {
    const staffId = await staffRow('admin', 'Aiko');
    const entry = await newEntry('store-history');
    await saveEntry(env.DB, { staffId, entry, expectedRevision: null });
    const edited = structuredClone(entry);
    edited.texts.en.title = 'Changed title';
    await saveEntry(env.DB, { staffId, entry: edited, expectedRevision: 1 });
    expect(await setEntryStatus(env.DB, { staffId, entryId: 'store-history', status: 'archived', expectedRevision: 2 })).toMatchObject({ ok: true, record: { status: 'archived', revision: 3 } });
    expect((await loadKnowledge(env.DB)).entries.some((e) => e.id === 'store-history')).toBe(false);
    const restored = await restoreRevision(env.DB, { staffId, entryId: 'store-history', revision: 1, expectedRevision: 3 });
    expect(restored).toMatchObject({ ok: true, record: { revision: 4, note: 'restored r1', status: 'archived' } });
    if (restored.ok) expect(restored.record.entry.texts.en.title).toBe(entry.texts.en.title);
    const history = await entryHistory(env.DB, 'store-history');
    expect(history!.map((r) => [r.revision, r.note])).toEqual([
      [4, 'restored r1'],
      [3, 'archived'],
      [2, 'edited'],
      [1, 'created'],
    ]);
    const added = await addQuestionVariant(env.DB, { staffId, entryId: 'store-history', lang: 'vi', text: 'vứt rác ở đâu vậy' });
    expect(added).toMatchObject({ ok: true, changed: true, record: { revision: 5 } });
    const again = await addQuestionVariant(env.DB, { staffId, entryId: 'store-history', lang: 'vi', text: '  Vứt rác ở đâu  vậy ' });
    expect(again).toMatchObject({ ok: true, changed: false, record: { revision: 5 } });
  });

  it('records a seed as a revision only when it changed the entry', async () => {
    const knowledge = await loadKnowledge(env.DB);
    const seed = () => env.DB.batch(prepareAll(env.DB, seedKnowledgeQueries(makeKnowledge(knowledge.entries, knowledge.contacts, undefined, knowledge.outOfScope))));
    await seed();
    const revisions = await count('faq_revisions', `entry_id = 'garbage'`);
    expect(revisions).toBeGreaterThan(0);
    await seed();
    expect(await count('faq_revisions', `entry_id = 'garbage'`)).toBe(revisions);
    const changed = structuredClone(knowledge.entries);
    changed.find((e) => e.id === 'garbage')!.texts.en.title = 'Garbage (seeded change)';
    await env.DB.batch(prepareAll(env.DB, seedKnowledgeQueries(makeKnowledge(changed, knowledge.contacts, undefined, knowledge.outOfScope))));
    const history = await entryHistory(env.DB, 'garbage');
    expect(history![0]).toMatchObject({ note: 'seeded', staff: null });
    expect(history![0].entry.texts.en.title).toBe('Garbage (seeded change)');
    await seed();
    expect((await readEntry(env.DB, 'garbage'))!.entry.texts.en.title).toBe(knowledge.entries.find((e) => e.id === 'garbage')!.texts.en.title);
  });

  it('changes a contact with the same guard, and refuses one that would break an answer', async () => {
    const staffId = await staffRow('admin', 'Aiko');
    const created = await saveContact(env.DB, { staffId, key: 'store-contact', contact: { phone: '096-000-0000', sources: [{ title: 'x' }], reviewed: '2026-01-01' }, expectedRevision: null });
    expect(created).toMatchObject({ ok: true, record: { revision: 1 } });
    const entry = await newEntry('store-contact-user');
    entry.texts.en.answer = 'Call {{phone:store-contact}}.';
    expect(await saveEntry(env.DB, { staffId, entry, expectedRevision: null })).toMatchObject({ ok: true });
    const broken = await saveContact(env.DB, { staffId, key: 'store-contact', contact: { url: 'https://example.org', sources: [{ title: 'x' }], reviewed: '2026-01-01' }, expectedRevision: 1 });
    expect(broken).toMatchObject({ ok: false, status: 400 });
    const stale = await saveContact(env.DB, { staffId, key: 'store-contact', contact: { phone: '096-000-0001', sources: [{ title: 'x' }], reviewed: '2026-01-01' }, expectedRevision: 0 });
    expect(stale).toMatchObject({ ok: false, status: 409, current: { revision: 1, usedBy: ['store-contact-user'] } });
  });
});

/** Every FAQ admin route, as [method, path, body]. */
const ROUTES: Array<[string, string, unknown?]> = [
  ['GET', ''],
  ['GET', '/new'],
  ['GET', '/contacts'],
  ['GET', '/import'],
  ['GET', '/entries/garbage'],
  ['GET', '/entries/garbage/history'],
  ['GET', '/api/meta'],
  ['GET', '/api/entries'],
  ['GET', '/api/entries/garbage'],
  ['POST', '/api/entries', { entry: {} }],
  ['PUT', '/api/entries/garbage', { entry: {}, expectedRevision: 1 }],
  ['POST', '/api/entries/garbage/archive', { expectedRevision: 1 }],
  ['POST', '/api/entries/garbage/unarchive', { expectedRevision: 1 }],
  ['GET', '/api/entries/garbage/history'],
  ['GET', '/api/entries/garbage/diff?from=1&to=1'],
  ['POST', '/api/entries/garbage/restore', { revision: 1, expectedRevision: 1 }],
  ['GET', '/api/contacts'],
  ['POST', '/api/contacts', { key: 'x', contact: {} }],
  ['PUT', '/api/contacts/x', { contact: {}, expectedRevision: 1 }],
  ['GET', '/api/export'],
  ['GET', '/api/export/vi.csv'],
  ['POST', '/api/import/preview', { format: 'csv', csv: '' }],
  ['POST', '/api/import/apply', { format: 'csv', csv: '', fingerprint: 'x' }],
];

describe('the FAQ admin API', () => {
  it('refuses a staff (non-admin) session with 403 on every route, and changes nothing', async () => {
    const staff = await signIn('staff', 'Not an admin');
    const audits = await count('audit_log');
    for (const [method, path, body] of ROUTES) {
      const response = await staff.call(path, { method, body });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await count('audit_log')).toBe(audits);
  });

  it('answers every route for an admin without a server error', async () => {
    const admin = await signIn();
    for (const [method, path, body] of ROUTES) {
      if (method !== 'GET') continue;
      const response = await admin.call(path, { method, body });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
    }
  });

  it('lists entries with search and filters', async () => {
    const admin = await signIn();
    const all = await (await admin.call('/api/entries')).json<any>();
    expect(all.entries.length).toBeGreaterThan(50);
    expect(all.entries[0]).toMatchObject({ id: expect.any(String), titles: { en: expect.any(String), vi: expect.any(String) }, missing: expect.any(Array) });
    const found = await (await admin.call(`/api/entries?q=${encodeURIComponent('ゴミ')}`)).json<any>();
    expect(found.entries.map((e: any) => e.id)).toContain('garbage');
    const health = await (await admin.call('/api/entries?category=health')).json<any>();
    expect(health.entries.every((e: any) => e.category === 'health')).toBe(true);
    const stale = await (await admin.call('/api/entries?stale=0')).json<any>();
    expect(stale.entries.length).toBeLessThanOrEqual(all.entries.length);
    const bad = await admin.call('/api/entries?lang=xx&stale=abc&status=gone');
    expect(bad.status).toBe(400);
    expect((await bad.json<any>()).issues.map((i: any) => i.path).sort()).toEqual(['lang', 'stale', 'status']);
  });

  it('shows a missing translation: a language that is a copy of English', async () => {
    const admin = await signIn();
    const entry = await newEntry('api-untranslated');
    entry.texts.ne = structuredClone(entry.texts.en);
    expect((await admin.call('/api/entries', { method: 'POST', body: { entry } })).status).toBe(201);
    const list = await (await admin.call('/api/entries?missing=1&lang=ne')).json<any>();
    expect(list.entries.map((e: any) => e.id)).toContain('api-untranslated');
    expect(list.entries.find((e: any) => e.id === 'api-untranslated').missing).toEqual(['ne']);
    const vi = await (await admin.call('/api/entries?missing=1&lang=vi')).json<any>();
    expect(vi.entries.map((e: any) => e.id)).not.toContain('api-untranslated');
  });

  it('rejects bad input with 400 and field-level issues, never 500', async () => {
    const admin = await signIn();
    const current = await (await admin.call('/api/entries/garbage')).json<any>();
    const broken = structuredClone(current.entry);
    broken.texts.vi.answer = '';
    broken.texts.en.questions = ['only one'];
    broken.category = 'weather';
    const response = await admin.call('/api/entries/garbage', { method: 'PUT', body: { entry: broken, expectedRevision: current.revision } });
    expect(response.status).toBe(400);
    const body = await response.json<any>();
    expect(body.issues.map((i: any) => i.path).sort()).toEqual(['category', 'texts.en.questions', 'texts.vi.answer']);
    const cases: Array<[string, string, unknown]> = [
      ['PUT', '/api/entries/garbage', '{not json'],
      ['PUT', '/api/entries/garbage', { entry: current.entry }],
      ['PUT', '/api/entries/garbage', { entry: current.entry, expectedRevision: 'one' }],
      ['PUT', '/api/entries/garbage', { entry: { ...current.entry, id: 'other' }, expectedRevision: current.revision }],
      ['POST', '/api/entries', { entry: null }],
      ['POST', '/api/entries', { entry: { id: 'Bad Id' }, extra: 1 }],
      ['POST', '/api/entries/garbage/restore', { revision: -1, expectedRevision: 1 }],
      ['PUT', '/api/contacts/city-hall', { contact: { phone: 'call us' }, expectedRevision: 1 }],
      ['POST', '/api/import/preview', { format: 'xml' }],
      ['POST', '/api/import/preview', { format: 'bundle', bundle: { entries: 'all' } }],
      ['POST', '/api/import/preview', { format: 'csv', csv: 'a,b\n"open' }],
      ['GET', '/api/entries/garbage/diff?from=x&to=1', undefined],
    ];
    for (const [method, path, payload] of cases) {
      const res = await admin.call(path, { method, body: payload });
      expect(res.status, `${method} ${path} ${JSON.stringify(payload)}`).toBe(400);
      expect(await res.json<any>(), path).toMatchObject({ error: expect.any(String) });
    }
    expect((await admin.call('/api/entries/no-such-entry')).status).toBe(404);
    expect((await admin.call('/api/entries/no-such-entry', { method: 'PUT', body: { entry: { ...current.entry, id: 'no-such-entry' }, expectedRevision: 1 } })).status).toBe(404);
    expect((await admin.call('/api/export/xx.csv')).status).toBe(404);
    expect((await readEntry(env.DB, 'garbage'))!.revision).toBe(current.revision);
  });

  it('gives the second of two admins editing one entry a 409 with the other change, and overwrites nothing', async () => {
    const aiko = await signIn('admin', 'Aiko');
    const ben = await signIn('admin', 'Ben');
    const entry = await newEntry('api-conflict');
    const created = await (await aiko.call('/api/entries', { method: 'POST', body: { entry } })).json<any>();
    const [a, b] = await Promise.all([aiko.call('/api/entries/api-conflict'), ben.call('/api/entries/api-conflict')].map(async (r) => (await r).json<any>()));
    expect(a.revision).toBe(created.revision);
    a.entry.texts.en.answer = 'Aiko wrote this.';
    b.entry.texts.en.answer = 'Ben wrote this.';
    b.entry.texts.vi.title = 'Ben title';
    const first = await aiko.call('/api/entries/api-conflict', { method: 'PUT', body: { entry: a.entry, expectedRevision: a.revision, note: 'fix phone' } });
    expect(first.status).toBe(200);
    const second = await ben.call('/api/entries/api-conflict', { method: 'PUT', body: { entry: b.entry, expectedRevision: b.revision } });
    expect(second.status).toBe(409);
    const body = await second.json<any>();
    expect(body.error).toMatch(/Aiko/);
    expect(body.current).toMatchObject({ revision: a.revision + 1, updatedBy: { id: aiko.id, displayName: 'Aiko' }, note: 'fix phone', updatedAt: expect.any(Number) });
    expect(body.current.entry.texts.en.answer).toBe('Aiko wrote this.');
    expect(body.theirChanges).toEqual([{ path: 'texts.en.answer', lang: 'en', field: 'answer', before: entry.texts.en.answer, after: 'Aiko wrote this.' }]);
    const stored = await readEntry(env.DB, 'api-conflict');
    expect(stored!.entry.texts.en.answer).toBe('Aiko wrote this.');
    expect(stored!.entry.texts.vi.title).toBe(entry.texts.vi.title);
    // Archiving on a stale revision is refused the same way.
    expect((await ben.call('/api/entries/api-conflict/archive', { method: 'POST', body: { expectedRevision: b.revision } })).status).toBe(409);
    expect(await count('audit_log', `target = 'faq:api-conflict' AND staff_id = ?1`, ben.id)).toBe(0);
  });

  it('keeps the history with field diffs, archives, and restores an old revision as a new one', async () => {
    const admin = await signIn();
    const entry = await newEntry('api-history');
    let record = await (await admin.call('/api/entries', { method: 'POST', body: { entry } })).json<any>();
    const edited = structuredClone(entry);
    edited.texts.ko.answer = '새로운 답변입니다.';
    edited.texts.en.keywords = [...entry.texts.en.keywords, 'rubbish day'];
    record = await (await admin.call('/api/entries/api-history', { method: 'PUT', body: { entry: edited, expectedRevision: record.revision } })).json<any>();
    record = await (await admin.call('/api/entries/api-history/archive', { method: 'POST', body: { expectedRevision: record.revision } })).json<any>();
    expect(record).toMatchObject({ status: 'archived', revision: 3 });
    const history = await (await admin.call('/api/entries/api-history/history')).json<any>();
    expect(history.revisions.map((r: any) => [r.revision, r.note, r.status])).toEqual([
      [3, 'archived', 'archived'],
      [2, 'edited', 'active'],
      [1, 'created', 'active'],
    ]);
    expect(history.revisions[1].changes.map((c: any) => c.path)).toEqual(['texts.en.keywords', 'texts.ko.answer']);
    expect(history.revisions[1].changes[0]).toMatchObject({ added: ['rubbish day'], removed: [] });
    expect(history.revisions[1].staff).toEqual({ id: admin.id, displayName: 'Aiko' });
    const diff = await (await admin.call('/api/entries/api-history/diff?from=1&to=3')).json<any>();
    expect(diff.changes.map((c: any) => c.path)).toEqual(['texts.en.keywords', 'texts.ko.answer']);
    expect(diff.statusChanged).toBe(true);
    const restored = await admin.call('/api/entries/api-history/restore', { method: 'POST', body: { revision: 1, expectedRevision: 3 } });
    expect(restored.status).toBe(200);
    expect(await restored.json<any>()).toMatchObject({ revision: 4, note: 'restored r1', status: 'archived', entry: { texts: { ko: { answer: entry.texts.ko.answer } } } });
    expect((await admin.call('/api/entries/api-history/restore', { method: 'POST', body: { revision: 9, expectedRevision: 4 } })).status).toBe(404);
    const unarchived = await (await admin.call('/api/entries/api-history/unarchive', { method: 'POST', body: { expectedRevision: 4 } })).json<any>();
    expect(unarchived).toMatchObject({ status: 'active', revision: 5 });
    const audits = await env.DB.prepare(`SELECT action FROM audit_log WHERE target = 'faq:api-history' ORDER BY id`).all<{ action: string }>();
    expect(audits.results.map((r) => r.action)).toEqual(['faq.create', 'faq.update', 'faq.archive', 'faq.restore', 'faq.unarchive']);
    const last = await env.DB.prepare(`SELECT staff_id, before, after FROM audit_log WHERE target = 'faq:api-history' ORDER BY id DESC LIMIT 1`).first<any>();
    expect(last.staff_id).toBe(admin.id);
    expect(JSON.parse(last.before)).toMatchObject({ revision: 4, status: 'archived' });
    expect(JSON.parse(last.after)).toMatchObject({ revision: 5, status: 'active' });
  });

  it('edits contacts with their sources, guarded by revision, and audited', async () => {
    const admin = await signIn();
    const { contacts } = await (await admin.call('/api/contacts')).json<any>();
    const plaza = contacts.find((c: any) => c.usedBy.length > 0 && c.contact.phone);
    expect(plaza).toMatchObject({ key: expect.any(String), revision: expect.any(Number), contact: { sources: expect.any(Array), reviewed: expect.any(String) } });
    const changed = { ...plaza.contact, reviewed: '2026-12-01' };
    const ok = await admin.call(`/api/contacts/${plaza.key}`, { method: 'PUT', body: { contact: changed, expectedRevision: plaza.revision } });
    expect(ok.status).toBe(200);
    expect(await ok.json<any>()).toMatchObject({ revision: plaza.revision + 1, updatedBy: { id: admin.id } });
    const stale = await admin.call(`/api/contacts/${plaza.key}`, { method: 'PUT', body: { contact: plaza.contact, expectedRevision: plaza.revision } });
    expect(stale.status).toBe(409);
    expect((await stale.json<any>()).current).toMatchObject({ revision: plaza.revision + 1, contact: { reviewed: '2026-12-01' } });
    const { phone: _phone, ...withoutPhone } = plaza.contact;
    const breaking = await admin.call(`/api/contacts/${plaza.key}`, { method: 'PUT', body: { contact: withoutPhone, expectedRevision: plaza.revision + 1 } });
    if (plaza.usedBy.length) expect(breaking.status).toBe(400);
    expect(await count('audit_log', `target = ?1 AND action = 'faq.contact.update'`, `contact:${plaza.key}`)).toBe(1);
    // Put it back, so other tests see the shipped contact.
    expect((await admin.call(`/api/contacts/${plaza.key}`, { method: 'PUT', body: { contact: plaza.contact, expectedRevision: plaza.revision + 1 } })).status).toBe(200);
  });
});

describe('import and export', () => {
  const preview = (admin: Awaited<ReturnType<typeof signIn>>, body: unknown) => admin.call('/api/import/preview', { method: 'POST', body });
  const apply = (admin: Awaited<ReturnType<typeof signIn>>, body: unknown) => admin.call('/api/import/apply', { method: 'POST', body });

  it('export then import is a no-op: no changes, no revisions, same version', async () => {
    const admin = await signIn();
    const bundle = await (await admin.call('/api/export')).json<any>();
    const revisions = await count('faq_revisions');
    const audits = await count('audit_log');
    const v = await version();
    const plan = await (await preview(admin, { format: 'bundle', bundle })).json<any>();
    expect(plan).toMatchObject({ counts: { add: 0, change: 0, archive: 0, unarchive: 0, contacts: 0 }, entries: [], contacts: [], outOfScope: false });
    expect(plan.unchanged).toBe(bundle.entries.length);
    const applied = await apply(admin, { format: 'bundle', bundle, fingerprint: plan.fingerprint });
    expect(applied.status).toBe(200);
    expect(await applied.json<any>()).toMatchObject({ applied: false });
    expect(await count('faq_revisions')).toBe(revisions);
    expect(await count('audit_log')).toBe(audits);
    expect(await version()).toBe(v);
    const csv = await (await admin.call('/api/export/vi.csv')).text();
    const csvPlan = await (await preview(admin, { format: 'csv', csv })).json<any>();
    expect(csvPlan).toMatchObject({ entries: [], unchanged: bundle.entries.length });
  });

  it('previews a bundle (add, change, archive) and applies it all at once', async () => {
    const admin = await signIn();
    const bundle = await (await admin.call('/api/export')).json<any>();
    const changed = structuredClone(bundle);
    const target = changed.entries.find((e: any) => e.id === 'api-conflict');
    target.texts.id.answer = 'Jawaban baru.';
    changed.entries = changed.entries.filter((e: any) => e.id !== 'api-untranslated');
    changed.entries.push({ ...(await newEntry('import-added')) });
    const plan = await (await preview(admin, { format: 'bundle', bundle: changed })).json<any>();
    expect(plan.counts).toEqual({ add: 1, change: 1, archive: 1, unarchive: 0, contacts: 0 });
    expect(plan.entries.find((e: any) => e.id === 'api-conflict').changes.map((c: any) => c.path)).toEqual(['texts.id.answer']);
    expect(plan.entries.find((e: any) => e.id === 'api-untranslated').action).toBe('archive');
    const v = await version();
    const applied = await apply(admin, { format: 'bundle', bundle: changed, fingerprint: plan.fingerprint });
    expect(applied.status).toBe(200);
    expect((await readEntry(env.DB, 'api-conflict'))!.entry.texts.id.answer).toBe('Jawaban baru.');
    expect((await readEntry(env.DB, 'api-untranslated'))!.status).toBe('archived');
    expect((await readEntry(env.DB, 'import-added'))!).toMatchObject({ revision: 1, note: 'imported', updatedBy: { id: admin.id } });
    expect(await version()).not.toBe(v);
    expect(await count('audit_log', `action = 'faq.import' AND staff_id = ?1`, admin.id)).toBe(1);
    // The same preview cannot be applied twice: the base has changed.
    expect((await apply(admin, { format: 'bundle', bundle: changed, fingerprint: plan.fingerprint })).status).toBe(409);
  });

  it('refuses an import with any invalid entry, and changes nothing', async () => {
    const admin = await signIn();
    const bundle = await (await admin.call('/api/export')).json<any>();
    const changed = structuredClone(bundle);
    changed.entries.find((e: any) => e.id === 'api-conflict').texts.id.answer = 'Another good change.';
    changed.entries.find((e: any) => e.id === 'garbage').texts.tl.answer = 'Tawagan ang {{phone:nowhere}}.';
    changed.entries.find((e: any) => e.id === 'import-added').related = ['api-untranslated'];
    const response = await preview(admin, { format: 'bundle', bundle: changed });
    expect(response.status).toBe(400);
    const body = await response.json<any>();
    expect(body.issues.map((i: any) => i.path).sort()).toEqual(['entries.garbage.texts.tl.answer', 'entries.import-added.related.0']);
    const revisions = await count('faq_revisions');
    expect((await apply(admin, { format: 'bundle', bundle: changed, fingerprint: 'anything' })).status).toBe(400);
    expect(await count('faq_revisions')).toBe(revisions);
    expect((await readEntry(env.DB, 'api-conflict'))!.entry.texts.id.answer).toBe('Jawaban baru.');
  });

  it('refuses to apply a preview when the knowledge changed since (409), writing nothing', async () => {
    const admin = await signIn();
    const bundle = await (await admin.call('/api/export')).json<any>();
    bundle.entries.find((e: any) => e.id === 'api-conflict').texts.id.answer = 'From the file.';
    const plan = await (await preview(admin, { format: 'bundle', bundle })).json<any>();
    // Someone edits another entry meanwhile.
    const other = (await readEntry(env.DB, 'import-added'))!;
    other.entry.texts.en.answer = 'Edited meanwhile.';
    expect((await saveEntry(env.DB, { staffId: admin.id, entry: other.entry, expectedRevision: other.revision })).ok).toBe(true);
    const response = await apply(admin, { format: 'bundle', bundle, fingerprint: plan.fingerprint });
    expect(response.status).toBe(409);
    expect((await response.json<any>()).error).toMatch(/preview/);
    expect((await readEntry(env.DB, 'api-conflict'))!.entry.texts.id.answer).toBe('Jawaban baru.');
    // A file changed after its preview is refused the same way.
    const fresh = await (await preview(admin, { format: 'bundle', bundle })).json<any>();
    bundle.entries.find((e: any) => e.id === 'api-conflict').texts.id.answer = 'Changed after the preview.';
    expect((await apply(admin, { format: 'bundle', bundle, fingerprint: fresh.fingerprint })).status).toBe(409);
  });

  it('rolls the whole batch back when the knowledge changes between the check and the write', async () => {
    const staffId = await staffRow('admin', 'Racer');
    const base = await readImportBase(env.DB);
    const entries = base.entries.filter((e) => e.status === 'active').map((e) => structuredClone(e.entry));
    entries.find((e) => e.id === 'api-conflict')!.texts.id.answer = 'Should never land.';
    entries.find((e) => e.id === 'import-added')!.texts.id.answer = 'Should never land either.';
    const target = { mode: 'bundle' as const, entries, contacts: undefined, outOfScope: undefined };
    const planned = planImport(base, target);
    expect(planned.ok).toBe(true);
    // A D1 whose batch lets another admin's write land just before it.
    const racing = new Proxy(env.DB, {
      get(db, name) {
        if (name === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            await db.prepare(`UPDATE faq_contacts SET revision = revision + 1 WHERE key = (SELECT MIN(key) FROM faq_contacts)`).run();
            return db.batch(statements);
          };
        }
        const value = Reflect.get(db, name);
        return typeof value === 'function' ? value.bind(db) : value;
      },
    });
    const revisions = await count('faq_revisions');
    const result = await applyImport(racing, { staffId, target, fingerprint: planned.ok ? planned.plan.fingerprint : '', note: 'imported' });
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(await count('faq_revisions')).toBe(revisions);
    expect((await readEntry(env.DB, 'api-conflict'))!.entry.texts.id.answer).toBe('Jawaban baru.');
    expect((await readEntry(env.DB, 'import-added'))!.entry.texts.id.answer).not.toBe('Should never land either.');
  });

  it('exports a CSV per language for translators and imports one language back', async () => {
    const admin = await signIn();
    const entry = (await readEntry(env.DB, 'import-added'))!;
    entry.entry.texts.vi.answer = '=HYPERLINK("http://evil.example")\nDòng thứ hai, với "ngoặc kép".';
    expect(await saveEntry(env.DB, { staffId: admin.id, entry: entry.entry, expectedRevision: entry.revision })).toMatchObject({ ok: true });
    const response = await admin.call('/api/export/vi.csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    // Read with the byte order mark kept (Response.text() drops it).
    const csv = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(csv.startsWith('\uFEFFentry_id,field,vi\r\n')).toBe(true);
    expect(csv).toContain(`import-added,answer,"'=HYPERLINK(""http://evil.example"")\nDòng thứ hai, với ""ngoặc kép""."`);
    // The translator changes one answer and one question in the Vietnamese file.
    const edited = csv
      .replace(`'=HYPERLINK(""http://evil.example"")`, 'Câu trả lời mới')
      .replace(/^import-added,question,.*$/m, 'import-added,question,Câu hỏi mới?');
    const plan = await (await preview(admin, { format: 'csv', csv: edited })).json<any>();
    expect(plan.counts).toEqual({ add: 0, change: 1, archive: 0, unarchive: 0, contacts: 0 });
    expect(plan.entries[0].changes.map((c: any) => c.path)).toEqual(['texts.vi.questions', 'texts.vi.answer']);
    const applied = await apply(admin, { format: 'csv', csv: edited, fingerprint: plan.fingerprint });
    expect(applied.status).toBe(200);
    const after = (await readEntry(env.DB, 'import-added'))!;
    expect(after.entry.texts.vi.answer).toBe('Câu trả lời mới\nDòng thứ hai, với "ngoặc kép".');
    expect(after.entry.texts.vi.questions[0]).toBe('Câu hỏi mới?');
    expect(after.note).toBe('imported (vi CSV)');
    expect(after.entry.texts.en).toEqual(entry.entry.texts.en);
    const bad = await preview(admin, { format: 'csv', csv: 'entry_id,field,vi\r\nno-such,answer,x\r\nimport-added,colour,x\r\n' });
    expect(bad.status).toBe(400);
    expect((await bad.json<any>()).issues.map((i: any) => i.path)).toEqual(['csv.line.2', 'csv.line.3']);
  });
});

describe('changes reach the bot', () => {
  it('answers a resident with an answer edited through the API, at once', async () => {
    const admin = await signIn();
    const userId = await createUser('en');
    await say(userId, 'when is garbage day');
    expect(await lastBotText(userId)).not.toContain('Edited by the admin');
    const current = await (await admin.call('/api/entries/garbage')).json<any>();
    const edited = structuredClone(current.entry);
    edited.texts.en.answer = `Edited by the admin: put garbage out by 8:30.\n\n${current.entry.texts.en.answer}`.slice(0, 2000);
    const saved = await admin.call('/api/entries/garbage', { method: 'PUT', body: { entry: edited, expectedRevision: current.revision } });
    expect(saved.status).toBe(200);
    await say(userId, 'when is garbage day');
    expect(await lastBotText(userId)).toContain('Edited by the admin: put garbage out by 8:30.');
    // Archived entries are no longer answered.
    const { revision } = await saved.json<any>();
    await admin.call('/api/entries/garbage/restore', { method: 'POST', body: { revision: current.revision, expectedRevision: revision } });
    await say(userId, 'when is garbage day');
    expect(await lastBotText(userId)).not.toContain('Edited by the admin');
  });
});
