import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { createSession } from '../../src/auth/session';
import { addQuestionVariant, entryHistory, readEntry, restoreRevision, saveEntry, setEntryStatus } from '../../src/admin/faq/store';
import { saveContact } from '../../src/admin/faq/contacts-store';
import { loadKnowledge, prepareAll, seedKnowledgeQueries } from '../../src/db/knowledge';
import { makeKnowledge } from '../../src/faq/knowledge';
import type { FaqEntry } from '../../src/faq/schema';
import { count } from './helpers';

const ORIGIN = 'http://console.test';
let seq = 0;

async function createStaffRow(role: 'admin' | 'staff', name: string): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO staff (login, display_name, role, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, 'x', 0, 0) RETURNING id`,
  )
    .bind(`admin-faq-${Date.now()}-${seq++}`, name, role)
    .first<{ id: number }>();
  return row!.id;
}

/** A signed-in console user (a real session row), calling the Worker with cookie, CSRF token and Origin. */
async function signIn(role: 'admin' | 'staff' = 'admin', name = 'Aiko') {
  const id = await createStaffRow(role, name);
  const session = await createSession(env.DB, id);
  const call = async (path: string, init: { method?: string; body?: unknown; contentType?: string } = {}) => {
    const headers: Record<string, string> = { cookie: `__Host-yorisoi_session=${session.token}`, accept: 'application/json' };
    if (init.method && init.method !== 'GET') {
      headers.origin = ORIGIN;
      headers['x-csrf-token'] = session.csrfToken;
      if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    }
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${ORIGIN}/console/admin/faq${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  };
  return { id, call };
}

/** A fresh, valid entry (copied from a shipped one) under a new id. */
async function newEntry(id: string): Promise<FaqEntry> {
  const garbage = (await readEntry(env.DB, 'garbage'))!.entry;
  return { ...structuredClone(garbage), id, related: [] };
}

const version = async () => (await env.DB.prepare(`SELECT value FROM knowledge_meta WHERE key = 'version'`).first<{ value: string }>())!.value;

describe('the FAQ store', () => {
  it('creates an entry with its revision, audit row and a new knowledge version in one go', async () => {
    const staffId = await createStaffRow('admin', 'Aiko');
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
    const first = await createStaffRow('admin', 'First');
    const second = await createStaffRow('admin', 'Second');
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
    const staffId = await createStaffRow('admin', 'Aiko');
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
    const staffId = await createStaffRow('admin', 'Aiko');
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
    const staffId = await createStaffRow('admin', 'Aiko');
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
