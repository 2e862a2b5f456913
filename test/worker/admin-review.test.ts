import { createExecutionContext, env } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { addQuestionVariant, readEntry, saveEntry } from '../../src/admin/faq/store';
import { bumpKnowledgeVersion } from '../../src/db/knowledge';
import { LANGUAGES } from '../../src/i18n/languages';
import { act, createUser, say, signInAs } from './helpers';

const ORIGIN = 'http://console.test';
const REVIEW = '/console/admin/review';

/** A signed-in console user (a real session row), calling the Worker with cookie, CSRF token and Origin. */
async function signIn(role: 'admin' | 'staff' = 'admin', name = 'Reviewer') {
  return signInAs(role, name, REVIEW);
}

type Admin = Awaited<ReturnType<typeof signIn>>;

interface Group {
  key: string;
  count: number;
  sources: { unanswered: number; feedback: number };
  languages: Array<{ language: string; count: number }>;
  firstSeen: number;
  lastSeen: number;
  examples: Array<{ text: string; language: string; count: number }>;
  ratedEntries: Array<{ entryId: string; count: number; title: { en: string } | null }>;
  suggestions: Array<{ entryId: string; score: number; best: number; hits: number; likely: boolean; title: { en: string; ja: string } | null }>;
  items: Array<{ source: 'unanswered' | 'feedback'; id: number; text: string; language: string }>;
}

async function groups(admin: Admin, query = ''): Promise<{ groups: Group[]; open: { unanswered: number; feedback: number } }> {
  const response = await admin.call(`/api/groups${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

/** The residents' fallback rows, as queue references. */
async function fallbacksOf(...userIds: string[]): Promise<Array<{ source: 'unanswered'; id: number; text: string; status: string }>> {
  const { results } = await env.DB.prepare(`SELECT id, text, status FROM unanswered_queries WHERE user_id IN (SELECT value FROM json_each(?1)) ORDER BY id`)
    .bind(JSON.stringify(userIds))
    .all<{ id: number; text: string; status: string }>();
  return results.map((row) => ({ source: 'unanswered' as const, ...row }));
}

const groupWith = (list: Group[], ref: { source: string; id: number }) => list.find((group) => group.items.some((item) => item.source === ref.source && item.id === ref.id));

/** A resident who says one thing and gets the bot's fallback. */
async function fallback(text: string, language = 'en'): Promise<{ userId: string; ref: { source: 'unanswered'; id: number } }> {
  const userId = await createUser(language);
  await say(userId, text);
  const [row] = await fallbacksOf(userId);
  expect(row, `"${text}" should fall back`).toBeDefined();
  return { userId, ref: { source: 'unanswered', id: row.id } };
}

async function lastDecision(userId: string) {
  return env.DB.prepare(`SELECT decision, entry_id FROM messages WHERE user_id = ?1 AND direction = 'outgoing' ORDER BY id DESC LIMIT 1`)
    .bind(userId)
    .first<{ decision: string; entry_id: string | null }>();
}

async function auditRows(action: string, staffId: number) {
  const { results } = await env.DB.prepare(`SELECT action, target, before, after FROM audit_log WHERE action = ?1 AND staff_id = ?2 ORDER BY id`)
    .bind(action, staffId)
    .all<{ action: string; target: string; before: string | null; after: string | null }>();
  return results.map((row) => ({ ...row, before: row.before && JSON.parse(row.before), after: row.after && JSON.parse(row.after) }));
}

// An entry of this file's own to add questions to, removed afterwards so other test files see
// the shipped knowledge: a copy of a shipped entry with texts nobody asks.
const PROBE = 'review-probe';
beforeAll(async () => {
  const staff = await env.DB.prepare(`INSERT INTO staff (login, display_name, role, password_hash, created_at, updated_at) VALUES ('review-probe-owner', 'Probe', 'admin', 'x', 0, 0) RETURNING id`).first<{ id: number }>();
  const entry = structuredClone((await readEntry(env.DB, 'garbage'))!.entry);
  entry.id = PROBE;
  entry.related = [];
  for (const lang of LANGUAGES) {
    const text = entry.texts[lang];
    text.title = `Review probe ${lang}`;
    text.questions = [1, 2, 3, 4, 5].map((n) => `zqxv probe question ${n}`);
    text.keywords = ['zqxv'];
  }
  const saved = await saveEntry(env.DB, { staffId: staff!.id, entry, expectedRevision: null });
  expect(saved.ok).toBe(true);
});

afterAll(async () => {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM faq_revisions WHERE entry_id = ?1').bind(PROBE),
    env.DB.prepare('DELETE FROM faq_entries WHERE id = ?1').bind(PROBE),
    bumpKnowledgeVersion(env.DB),
  ]);
});

describe('the review queue', () => {
  it('groups fallbacks in several languages, with counts, languages, first and last seen, examples and suggested entries', async () => {
    const admin = await signIn();
    const asked = [
      await fallback('best ramen in town', 'en'),
      await fallback('rekomendasi ramen enak di kumamoto', 'id'),
      await fallback('quan ramen ngon o kumamoto', 'vi'),
      await fallback('saan may masarap na ramen', 'tl'),
    ];
    const { groups: list, open } = await groups(admin);
    const group = groupWith(list, asked[0].ref)!;
    for (const { ref } of asked) expect(group.items).toContainEqual(expect.objectContaining(ref));
    expect(group.count).toBeGreaterThanOrEqual(4);
    expect(group.sources.unanswered).toBe(group.count);
    expect(group.languages.map((l) => l.language)).toEqual(expect.arrayContaining(['en', 'id', 'vi', 'tl']));
    expect(group.firstSeen).toBeLessThanOrEqual(group.lastSeen);
    expect(group.examples.map((e) => e.text)).toEqual(expect.arrayContaining(['best ramen in town', 'quan ramen ngon o kumamoto']));
    expect(group.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of group.suggestions) {
      expect(suggestion.title?.en).toEqual(expect.any(String));
      expect(suggestion.score).toBeGreaterThan(0);
      // Nothing in the FAQ is about ramen: no suggestion is likely enough to be preselected.
      expect(suggestion.likely).toBe(false);
    }
    expect(open.unanswered).toBeGreaterThanOrEqual(4);
    // Unrelated questions are not in it.
    const surf = await fallback('is there a sumo tournament this week');
    expect(groupWith((await groups(admin)).groups, surf.ref)!.key).not.toBe(group.key);
  });

  it('filters by language and by source', async () => {
    const admin = await signIn();
    const vi = await fallback('quan ramen re o kumamoto', 'vi');
    const vietnamese = await groups(admin, '?language=vi');
    expect(groupWith(vietnamese.groups, vi.ref)).toBeDefined();
    expect(vietnamese.groups.flatMap((g) => g.items).every((item) => item.language === 'vi')).toBe(true);
    const ratings = await groups(admin, '?source=feedback');
    expect(ratings.groups.flatMap((g) => g.items).every((item) => item.source === 'feedback')).toBe(true);
    expect((await admin.call('/api/groups?language=xx')).status).toBe(400);
  });

  it('shows the question behind a "not helpful" rating, also when the answer came from a tapped choice', async () => {
    const admin = await signIn();
    const direct = await createUser('en');
    await say(direct, 'driving licence conversion');
    expect(await lastDecision(direct)).toEqual({ decision: 'answer', entry_id: 'driving-license' });
    await act({ userId: direct, event: 'postback', data: 'a=fb&e=driving-license&v=0' });
    const tapped = await createUser('vi');
    await say(tapped, 'doi bang lai xe nhat ban nhu the nao');
    await act({ userId: tapped, event: 'postback', data: 'a=pick&e=driving-license' });
    await act({ userId: tapped, event: 'postback', data: 'a=fb&e=driving-license&v=0' });

    const { results } = await env.DB.prepare(`SELECT id, user_id FROM feedback WHERE user_id IN (?1, ?2) AND helpful = 0`).bind(direct, tapped).all<{ id: number; user_id: string }>();
    expect(results).toHaveLength(2);
    const list = (await groups(admin, '?source=feedback')).groups;
    const items = list.flatMap((group) => group.items);
    const byUser = Object.fromEntries(results.map((row) => [row.user_id, items.find((item) => item.source === 'feedback' && item.id === row.id)]));
    expect(byUser[direct]).toMatchObject({ text: 'driving licence conversion', language: 'en' });
    expect(byUser[tapped]).toMatchObject({ text: 'doi bang lai xe nhat ban nhu the nao', language: 'vi' });
    const group = groupWith(list, byUser[direct]!)!;
    expect(group.ratedEntries).toContainEqual(expect.objectContaining({ entryId: 'driving-license', title: expect.objectContaining({ en: expect.any(String) }) }));
    expect(group.sources.feedback).toBeGreaterThanOrEqual(1);
    // The rated entry is the likely one: a wording problem of its answer rather than a gap.
    expect(group.suggestions).toContainEqual(expect.objectContaining({ entryId: 'driving-license', likely: true }));

    // Tapping "helpful" after all takes it out of the queue.
    await act({ userId: direct, event: 'postback', data: 'a=fb&e=driving-license&v=1' });
    const after = (await groups(admin, '?source=feedback')).groups.flatMap((g) => g.items);
    expect(after.some((item) => item.id === byUser[direct]!.id)).toBe(false);
  });

  it('dismisses a whole group in one batch with an audit row; the group leaves the queue and a second dismissal gets 409', async () => {
    const admin = await signIn();
    const first = await fallback('is there a surf shop');
    const second = await fallback('Is there a surf shop?');
    const group = groupWith((await groups(admin)).groups, first.ref)!;
    expect(group.items).toContainEqual(expect.objectContaining(second.ref));

    const response = await admin.call('/api/actions', { method: 'POST', body: { action: 'dismiss', items: group.items.map(({ source, id }) => ({ source, id })) } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, action: 'dismiss', changed: group.count });
    expect((await fallbacksOf(first.userId, second.userId)).map((row) => row.status)).toEqual(['dismissed', 'dismissed']);
    const reviewed = await env.DB.prepare('SELECT reviewed_by, reviewed_at FROM unanswered_queries WHERE id = ?1').bind(first.ref.id).first<{ reviewed_by: number; reviewed_at: number }>();
    expect(reviewed).toEqual({ reviewed_by: admin.id, reviewed_at: expect.any(Number) });
    expect(groupWith((await groups(admin)).groups, first.ref)).toBeUndefined();

    const [row] = await auditRows('review.dismiss', admin.id);
    expect(row.target).toBe(`review:${group.key}`);
    expect(row.before.items).toContainEqual(expect.objectContaining({ ...first.ref, status: 'new', text: 'is there a surf shop' }));
    expect(row.after).toEqual({ status: 'dismissed' });

    const again = await admin.call('/api/actions', { method: 'POST', body: { action: 'dismiss', items: [first.ref] } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/already reviewed/);
  });

  it('adds a question as a variant of an entry: the bot then answers it, and the group leaves the queue resolved with the entry', async () => {
    const admin = await signIn();
    const asked = await fallback('where is a bowling alley');
    const group = groupWith((await groups(admin)).groups, asked.ref)!;
    const response = await admin.call('/api/actions', {
      method: 'POST',
      body: { action: 'variant', entryId: PROBE, questions: [{ text: 'where is a bowling alley', language: 'en' }], items: group.items.map(({ source, id }) => ({ source, id })) },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, changed: group.count, entryId: PROBE, questions: [{ text: 'where is a bowling alley', language: 'en', added: true }] });
    expect((await readEntry(env.DB, PROBE))!.entry.texts.en.questions).toContain('where is a bowling alley');

    const row = await env.DB.prepare('SELECT status, resolved_entry_id, reviewed_by FROM unanswered_queries WHERE id = ?1').bind(asked.ref.id).first();
    expect(row).toEqual({ status: 'resolved', resolved_entry_id: PROBE, reviewed_by: admin.id });
    expect(groupWith((await groups(admin)).groups, asked.ref)).toBeUndefined();

    const later = await createUser('en');
    await say(later, 'where is a bowling alley');
    expect(await lastDecision(later)).toEqual({ decision: 'answer', entry_id: PROBE });

    expect(await auditRows('faq.question-add', admin.id)).toHaveLength(1);
    const [audit] = await auditRows('review.variant', admin.id);
    expect(audit.after).toMatchObject({ status: 'resolved', entryId: PROBE, questions: [{ text: 'where is a bowling alley', language: 'en', added: true }] });
  });

  it('refuses a variant for an unknown entry and leaves the group open', async () => {
    const admin = await signIn();
    const asked = await fallback('is there a jet ski shop');
    const response = await admin.call('/api/actions', {
      method: 'POST',
      body: { action: 'variant', entryId: 'no-such-entry', questions: [{ text: 'is there a jet ski shop', language: 'en' }], items: [asked.ref] },
    });
    expect(response.status).toBe(404);
    expect((await fallbacksOf(asked.userId))[0].status).toBe('new');
  });

  it('marks a group resolved with an entry id (e.g. after writing a new entry), and refuses an unknown entry', async () => {
    const admin = await signIn();
    const asked = await fallback('is there a yoga studio');
    const unknown = await admin.call('/api/actions', { method: 'POST', body: { action: 'resolve', entryId: 'no-such-entry', items: [asked.ref] } });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/no active FAQ entry "no-such-entry"/);
    const response = await admin.call('/api/actions', { method: 'POST', body: { action: 'resolve', entryId: 'international-center', items: [asked.ref] } });
    expect(await response.json()).toMatchObject({ ok: true, changed: 1, entryId: 'international-center' });
    const row = await env.DB.prepare('SELECT status, resolved_entry_id FROM unanswered_queries WHERE id = ?1').bind(asked.ref.id).first();
    expect(row).toEqual({ status: 'resolved', resolved_entry_id: 'international-center' });
    expect(await auditRows('review.resolve', admin.id)).toHaveLength(1);
  });

  it('re-checks the open questions: what the bot would now answer is resolved with that entry, and the count is reported', async () => {
    const admin = await signIn();
    const asked = await fallback('where can I watch baseball');
    const still = await fallback('where can I buy a kimono for a wedding');
    // An admin teaches the FAQ the question elsewhere (the FAQ editor).
    const added = await addQuestionVariant(env.DB, { staffId: admin.id, entryId: PROBE, lang: 'en', text: 'where can I watch baseball' });
    expect(added.ok).toBe(true);

    const response = await admin.call('/api/recheck', { method: 'POST', body: {} });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checked: number; resolved: Array<{ source: string; id: number; entryId: string; text: string; title: { en: string } }> };
    expect(body.checked).toBeGreaterThanOrEqual(2);
    expect(body.resolved).toContainEqual({ ...asked.ref, text: 'where can I watch baseball', entryId: PROBE, title: { en: `Review probe en`, ja: 'Review probe ja' } });
    expect(body.resolved.some((item) => item.id === still.ref.id)).toBe(false);
    expect((await fallbacksOf(asked.userId))[0].status).toBe('resolved');
    expect((await fallbacksOf(still.userId))[0].status).toBe('new');
    const [audit] = await auditRows('review.recheck', admin.id);
    expect(audit.after.resolved).toContainEqual(expect.objectContaining({ ...asked.ref, entryId: PROBE }));

    // Nothing left to resolve: a second run resolves nothing of ours.
    const again = (await (await admin.call('/api/recheck', { method: 'POST', body: {} })).json()) as { resolved: Array<{ id: number }> };
    expect(again.resolved.some((item) => item.id === asked.ref.id)).toBe(false);
  });

  it('answers malformed decisions with 400 and a clear message, and refuses them without the CSRF token', async () => {
    const admin = await signIn();
    const cases: Array<[unknown, RegExp]> = [
      ['not json', /JSON/],
      [{ action: 'explode', items: [{ source: 'unanswered', id: 1 }] }, /action/],
      [{ action: 'dismiss', items: [] }, /at least one/],
      [{ action: 'dismiss', items: [{ source: 'elsewhere', id: 1 }] }, /source/],
      [{ action: 'resolve', items: [{ source: 'unanswered', id: 1 }], entryId: 'Not An Id' }, /kebab/],
      [{ action: 'variant', items: [{ source: 'unanswered', id: 1 }], entryId: 'garbage', questions: [{ text: '  ', language: 'en' }] }, /empty/],
      [{ action: 'variant', items: [{ source: 'unanswered', id: 1 }], entryId: 'garbage', questions: [{ text: 'x', language: 'fr' }] }, /language/],
    ];
    for (const [body, message] of cases) {
      const response = await admin.call('/api/actions', { method: 'POST', body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    const asked = await fallback('is there a surfboard shop');
    const refused = await admin.call('/api/actions', { method: 'POST', body: { action: 'dismiss', items: [asked.ref] }, csrf: null });
    expect(refused.status).toBe(403);
    expect((await admin.call('/api/recheck', { method: 'POST', body: {}, csrf: 'wrong' })).status).toBe(403);
    expect((await fallbacksOf(asked.userId))[0].status).toBe('new');
  });

  it('serves the page to admins: filters, the re-check button, the entries to choose from, its own script and stylesheet', async () => {
    const admin = await signIn();
    const response = await admin.call('?language=vi&source=feedback', { accept: 'text/html' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<option value="vi" selected="">Vietnamese</option>');
    expect(html).toContain('<option value="feedback" selected="">');
    expect(html).toContain('id="review-recheck"');
    expect(html).toContain('<option value="garbage">');
    expect(html).toContain('/console/static/admin/review.js');
    expect(html).toContain('/console/static/admin/review.css');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('review authorisation', () => {
  it('gives a staff account 403 on every review route, and changes nothing', async () => {
    const staff = await signIn('staff');
    const asked = await fallback('is there a snowboard shop');
    const routes: Array<[string, string, unknown?]> = [
      ['GET', ''],
      ['GET', '/api/groups'],
      ['POST', '/api/actions', { action: 'dismiss', items: [asked.ref] }],
      ['POST', '/api/recheck', {}],
    ];
    for (const [method, path, body] of routes) {
      const response = await staff.call(path, { method, body });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await fallbacksOf(asked.userId))[0].status).toBe('new');
  });

  it('sends a visitor without a session to sign in (page) or 401 (API)', async () => {
    const page = await worker.fetch(new Request(`${ORIGIN}${REVIEW}`, { headers: { accept: 'text/html' } }), env, createExecutionContext());
    expect(page.status).toBe(302);
    const api = await worker.fetch(new Request(`${ORIGIN}${REVIEW}/api/groups`), env, createExecutionContext());
    expect(api.status).toBe(401);
  });
});
