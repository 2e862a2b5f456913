import { env } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/admin/audit';
import { decide } from '../../src/conversation/decide';
import { loadKnowledge } from '../../src/db/knowledge';
import { MAX_MULTICAST_RECIPIENTS } from '../../src/disaster/batching';
import { broadcastProgress, planBroadcast, runBroadcasts, stopUnsentBroadcasts, STOPPED_ERROR } from '../../src/disaster/broadcast';
import { multicastFromEnv } from '../../src/disaster/multicast';
import { parseDisasterSetting, type Notices } from '../../src/disaster/state';
import { readDisaster, writeDisaster } from '../../src/disaster/store';
import { templateNotices } from '../../src/disaster/templates';
import { disasterEntryIds } from '../../src/disaster/tie-break';
import { indexFor } from '../../src/faq/knowledge';
import { search } from '../../src/faq/search';
import { LOCALES } from '../../src/i18n/i18n';
import { LANGUAGES } from '../../src/i18n/languages';
import { act, apiRequests, botEntries, createUser, emulator, fault, say, signInAs } from './helpers';

const BASE = '/console/admin/disaster';

/** A signed-in console user with a real session, used through its cookie and CSRF token. */
async function signIn(role: 'admin' | 'staff', name = role === 'admin' ? 'Aiko (admin)' : 'Keiko') {
  return signInAs(role, name, BASE);
}

/** The notices as the admin form sends them: a template, one language edited by hand. */
function earthquakeNotices(): Notices {
  return { ...templateNotices('earthquake'), vi: `${templateNotices('earthquake').vi}\n(Thông báo thử)` };
}

async function auditRows(action: string) {
  const { results } = await env.DB.prepare('SELECT staff_id, action, target, before, after FROM audit_log WHERE action = ?1 ORDER BY id').bind(action).all<{
    staff_id: number;
    action: string;
    target: string;
    before: string | null;
    after: string | null;
  }>();
  return results.map((row) => ({ ...row, before: row.before && JSON.parse(row.before), after: row.after && JSON.parse(row.after) }));
}

async function lastReply(userId: string) {
  return (await botEntries(userId)).at(-1)!.messages!;
}

async function lastOutgoing(userId: string) {
  return env.DB.prepare(`SELECT decision, entry_id, kind FROM messages WHERE user_id = ?1 AND direction = 'outgoing' ORDER BY id DESC LIMIT 1`)
    .bind(userId)
    .first<{ decision: string | null; entry_id: string | null; kind: string | null }>();
}

/** The decision the bot makes in normal mode, computed as it does (to pick a truly ambiguous question). */
async function normalDecision(text: string) {
  const knowledge = await loadKnowledge(env.DB);
  const { index, urgentIds } = indexFor(knowledge);
  const results = search(index, text, { limit: 5 });
  return { decision: decide({ results, humanRequest: false, emergency: false, urgentIds }), disasterIds: disasterEntryIds(knowledge.entries) };
}

/** Emulated LINE users and their resident rows (language, following), created in bulk. */
async function residents(spec: Array<{ language: string | null; count: number; following?: boolean }>) {
  const people = spec.flatMap(({ language, count, following = true }) =>
    Array.from({ length: count }, () => ({ userId: `U${crypto.randomUUID().replaceAll('-', '')}`, language, following })),
  );
  for (let i = 0; i < people.length; i += 50) {
    await Promise.all(people.slice(i, i + 50).map((p) => emulator('/_emulator/users', { userId: p.userId, displayName: 'Resident', language: p.language ?? 'en' })));
  }
  await env.DB.prepare(
    `INSERT INTO residents (user_id, language, language_source, following, created_at, updated_at)
     SELECT value ->> '$.userId', value ->> '$.language', 'profile', value ->> '$.following', 0, 0 FROM json_each(?1)`,
  )
    .bind(JSON.stringify(people.map((p) => ({ ...p, following: p.following ? 1 : 0 }))))
    .run();
  return people;
}

/** Multicast deliveries the emulator recorded after `afterSeq`, by chat. */
async function multicastsSince(afterSeq: number): Promise<Map<string, string[]>> {
  const { messages } = await emulator<{ messages: Array<{ from: string; via?: string; chatId: string; messages?: Array<{ text?: string }> }> }>(
    `/_emulator/messages?after=${afterSeq}`,
  );
  const byChat = new Map<string, string[]>();
  for (const entry of messages) {
    if (entry.from !== 'bot' || entry.via !== 'multicast') continue;
    byChat.set(entry.chatId, [...(byChat.get(entry.chatId) ?? []), entry.messages!.map((m) => m.text).join('\n\n')]);
  }
  return byChat;
}

async function emulatorSeq(): Promise<number> {
  return (await emulator<{ lastSeq: number }>('/_emulator/messages?after=999999999')).lastSeq;
}

let admin: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  admin = await signIn('admin');
});

afterAll(async () => {
  // Leave normal mode and no pending batch behind for the test files after this one (one shared database).
  await env.DB.batch([...stopUnsentBroadcasts(env.DB), env.DB.prepare(`DELETE FROM settings WHERE key = 'disaster'`)]);
});

describe('disaster mode: who may use it', () => {
  it('answers a staff (non-admin) session with 403 on every disaster route, page and API', async () => {
    const staff = await signIn('staff');
    const routes: Array<[string, string, unknown?]> = [
      ['GET', ''],
      ['GET', '/api/state'],
      ['POST', '/api/on', { template: 'earthquake', notices: templateNotices('earthquake') }],
      ['POST', '/api/off'],
      ['POST', '/api/broadcast'],
      ['GET', '/api/broadcasts/1'],
      ['POST', '/api/broadcasts/1/resume'],
    ];
    for (const [method, path, body] of routes) {
      const response = await staff.call(path, { method, body });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await readDisaster(env.DB)).state.active).toBe(false);
  });

  it('serves the page to an admin: the switch, a notice per language, the broadcast choice', async () => {
    const response = await admin.call('', {});
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Disaster mode');
    for (const lang of LANGUAGES) expect(html).toContain(`id="notice-${lang}"`);
    expect(html).toContain('admin/disaster.js');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });
});

describe('disaster mode: on, replies, off', () => {
  let ambiguous: { text: string; disasterEntry: string } | undefined;

  it('refuses a switch with a language missing or empty, naming the field, and changes nothing', async () => {
    const { vi: _vi, ...withoutVi } = templateNotices('earthquake');
    const missing = await admin.call('/api/on', { method: 'POST', body: { template: 'earthquake', notices: withoutVi } });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toContain('notices.vi');
    const empty = await admin.call('/api/on', { method: 'POST', body: { template: 'typhoon', notices: { ...templateNotices('typhoon'), ne: '  ' } } });
    expect(empty.status).toBe(400);
    expect((await readDisaster(env.DB)).state.active).toBe(false);
  });

  it('(normal mode) asks "did you mean" for a question that could be about the disaster', async () => {
    for (const text of ['certificate', 'support', 'water', 'call', 'help']) {
      const { decision, disasterIds } = await normalDecision(text);
      if (decision.kind !== 'clarify') continue;
      const disasterEntry = decision.candidates.find((id) => disasterIds.has(id));
      if (disasterEntry && !disasterIds.has(decision.candidates[0])) {
        ambiguous = { text, disasterEntry };
        break;
      }
    }
    expect(ambiguous, 'one of the sample questions is ambiguous with a disaster entry').toBeDefined();
    const userId = await createUser('en', 'Ben');
    await say(userId, ambiguous!.text);
    expect(await lastOutgoing(userId)).toMatchObject({ decision: 'clarify' });
  });

  it('switches on with a template and a notice per language, audited with before and after', async () => {
    const response = await admin.call('/api/on', { method: 'POST', body: { template: 'earthquake', notices: earthquakeNotices() } });
    expect(response.status).toBe(200);
    const { state } = await readDisaster(env.DB);
    expect(state).toMatchObject({ active: true, template: 'earthquake', by: admin.id });
    expect(state.active && state.notices.vi).toBe(earthquakeNotices().vi);
    const [row] = await auditRows('disaster.on');
    expect(row).toMatchObject({ staff_id: admin.id, target: 'disaster', before: { active: false }, after: { active: true, template: 'earthquake' } });
    const body = (await (await admin.call('/api/state')).json()) as { state: { active: boolean }; history: Array<{ action: string }> };
    expect(body.state.active).toBe(true);
    expect(body.history[0]).toMatchObject({ action: 'disaster.on' });
  });

  it('refuses to switch on again with the same notice (409)', async () => {
    const again = await admin.call('/api/on', { method: 'POST', body: { template: 'earthquake', notices: earthquakeNotices() } });
    expect(again.status).toBe(409);
  });

  it.each([
    ['vi', 'gia han the cu tru o dau'],
    ['ne', 'फोहोर कुन दिन फाल्ने'],
    ['en', 'when is garbage day'],
  ])('begins every reply with the notice in the resident’s language (%s), then answers', async (lang, question) => {
    const userId = await createUser(lang, 'Resident');
    await say(userId, question);
    const reply = await lastReply(userId);
    expect(reply[0].text).toBe(earthquakeNotices()[lang as keyof Notices]);
    expect(reply.length).toBeGreaterThan(1);
    expect(reply.length).toBeLessThanOrEqual(5);
    expect(reply.at(-1)!.quickReply).toBeDefined();
    expect(await lastOutgoing(userId)).toMatchObject({ decision: 'answer' });
  });

  it('puts the notice first on other replies too, in the language just chosen', async () => {
    const userId = await createUser('en', 'Chris');
    await act({ userId, event: 'postback', data: 'a=lang&l=ko', displayText: '한국어' });
    const reply = await lastReply(userId);
    expect(reply[0].text).toBe(earthquakeNotices().ko);
    expect(reply[1].text).toBe(LOCALES.ko.language.changed);
  });

  it('greets a new friend with the notice and the disaster greeting', async () => {
    const userId = await createUser('id', 'Sari');
    await act({ userId, event: 'follow' });
    const [notice, greeting] = await lastReply(userId);
    expect(notice.text).toBe(earthquakeNotices().id);
    expect(greeting.text).toContain('Sari');
    expect(greeting.text).toContain(LOCALES.id.disaster.welcome);
    expect(greeting.text).not.toContain(LOCALES.id.greeting.welcome);
  });

  it('answers an ambiguous question with the disaster entry instead of asking', async () => {
    const userId = await createUser('en', 'Dana');
    await say(userId, ambiguous!.text);
    expect(await lastOutgoing(userId)).toMatchObject({ decision: 'answer', entry_id: ambiguous!.disasterEntry });
  });

  it('switches off: replies and the greeting are normal again on the very next message, audited', async () => {
    const before = (await readDisaster(env.DB)).state;
    const response = await admin.call('/api/off', { method: 'POST' });
    expect(response.status).toBe(200);
    expect((await readDisaster(env.DB)).state).toMatchObject({ active: false, by: admin.id });
    const [row] = await auditRows('disaster.off');
    expect(row).toMatchObject({ staff_id: admin.id, before: { active: true, activation: before.active && before.activation }, after: { active: false } });

    const userId = await createUser('vi', 'Lan');
    await say(userId, 'gia han the cu tru o dau');
    const reply = await lastReply(userId);
    expect(reply.map((m) => m.text).join('\n')).not.toContain(earthquakeNotices().vi);
    expect(await lastOutgoing(userId)).toMatchObject({ decision: 'answer' });

    const friend = await createUser('vi', 'Minh');
    await act({ userId: friend, event: 'follow' });
    expect((await lastReply(friend))[0].text).toContain(LOCALES.vi.greeting.welcome);

    const asker = await createUser('en', 'Eve');
    await say(asker, ambiguous!.text);
    expect(await lastOutgoing(asker)).toMatchObject({ decision: 'clarify' });
    expect((await admin.call('/api/off', { method: 'POST' })).status).toBe(409);
  });
});

describe('broadcasting the notice', () => {
  let people: Awaited<ReturnType<typeof residents>>;
  const notices = templateNotices('heavy-rain');

  beforeAll(async () => {
    people = await residents([
      { language: 'vi', count: 600 },
      { language: 'ne', count: 403 },
      { language: 'zh-Hant', count: 200 },
      { language: 'vi', count: 3, following: false },
      { language: 'ne', count: 2, following: false },
    ]);
  }, 120_000);

  it('sends 1,203 following residents one message each, in their language, in batches of at most 500 per language', async () => {
    const following = people.filter((p) => p.following);
    expect(following).toHaveLength(1203);
    const mark = await emulatorSeq();
    expect((await admin.call('/api/on', { method: 'POST', body: { template: 'heavy-rain', notices } })).status).toBe(200);
    const response = await admin.call('/api/broadcast', { method: 'POST' });
    expect(response.status).toBe(200);
    const { broadcastId } = (await response.json()) as { broadcastId: number };

    const progress = (await broadcastProgress(env.DB, broadcastId))!;
    const audience = await env.DB.prepare('SELECT COUNT(*) AS n FROM residents WHERE following = 1').first<{ n: number }>();
    expect(progress).toMatchObject({ status: 'done', total: audience!.n, sent: audience!.n, failed: 0, pending: 0 });
    for (const lang of ['vi', 'ne', 'zh-Hant']) expect(progress.languages.find((l) => l.language === lang)?.sent).toBeGreaterThanOrEqual(following.filter((p) => p.language === lang).length);

    // Batches: one language each, at most 500, as few as that allows.
    const { results: batches } = await env.DB.prepare('SELECT language, size, retry_key, status FROM broadcast_batches WHERE broadcast_id = ?1').bind(broadcastId).all<{
      language: string;
      size: number;
      retry_key: string;
      status: string;
    }>();
    expect(new Set(batches.map((b) => b.retry_key)).size).toBe(batches.length);
    for (const lang of new Set(batches.map((b) => b.language))) {
      const sizes = batches.filter((b) => b.language === lang).map((b) => b.size);
      const total = sizes.reduce((a, b) => a + b, 0);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_MULTICAST_RECIPIENTS);
      expect(sizes).toHaveLength(Math.ceil(total / MAX_MULTICAST_RECIPIENTS));
    }

    // The LINE side: each request within LINE's limit with its own retry key; each resident exactly one message, in their language.
    const requests = (await apiRequests('/v2/bot/message/multicast')).filter((r) => batches.some((b) => b.retry_key === r.headers['x-line-retry-key']));
    expect(requests).toHaveLength(batches.length);
    for (const request of requests) expect(request.body.to.length).toBeLessThanOrEqual(500);
    const received = await multicastsSince(mark);
    for (const person of people) {
      if (!person.following) expect(received.get(person.userId), 'not following: nothing').toBeUndefined();
      else expect(received.get(person.userId), person.userId).toEqual([notices[person.language as keyof Notices]]);
    }

    const [row] = await auditRows('disaster.broadcast');
    expect(row).toMatchObject({ staff_id: admin.id, after: { broadcast: { total: audience!.n } } });
    const state = (await (await admin.call('/api/state')).json()) as { broadcast: { id: number; status: string; sent: number } };
    expect(state.broadcast).toMatchObject({ id: broadcastId, status: 'done', sent: audience!.n });
  }, 120_000);

  it('never broadcasts the same notice twice (409), and stays resumable only while it is current', async () => {
    expect((await admin.call('/api/broadcast', { method: 'POST' })).status).toBe(409);
    expect((await admin.call('/api/on', { method: 'POST', body: { template: 'heavy-rain', notices, broadcast: true } })).status).toBe(409);
  });

  it('pauses on a 429 mid-broadcast, waits, and resumes with the same retry key, sending no batch twice', async () => {
    const recipients = people.filter((p) => p.following);
    const typhoon = templateNotices('typhoon');
    const planned = planBroadcast(env.DB, typhoon, recipients, admin.id);
    const [created] = await env.DB.batch<{ id: number }>(planned.statements);
    const id = created.results[0].id;
    const mark = await emulatorSeq();
    const send = multicastFromEnv(env);
    let clock = Date.now();
    const now = () => clock;
    const sleep = async () => {};

    // The first batch goes out; then LINE answers the next request with 429.
    expect(await runBroadcasts(env.DB, send, { now, sleep, maxRequests: 1 })).toMatchObject({ requests: 1, sent: 1 });
    await fault('/v2/bot/message/multicast', 429);
    expect(await runBroadcasts(env.DB, send, { now, sleep, maxRequests: 1 })).toMatchObject({ requests: 1, retried: 1 });
    const paused = (await broadcastProgress(env.DB, id))!;
    expect(paused).toMatchObject({ status: 'paused', sent: planned.batches[0].userIds.length });
    expect(paused.error).toContain('429');
    expect(paused.nextAttemptAt).toBeGreaterThan(clock);

    // Paused means paused: until the backoff is over, no batch of this broadcast is sent.
    expect(await runBroadcasts(env.DB, send, { now, sleep, budgetMs: 1000 })).toMatchObject({ requests: 0, waitingUntil: paused.nextAttemptAt });

    // Later (the cron, or the next admin click): the rest goes out.
    clock = paused.nextAttemptAt!;
    await runBroadcasts(env.DB, send, { now, sleep });
    expect(await broadcastProgress(env.DB, id)).toMatchObject({ status: 'done', sent: recipients.length, failed: 0, pending: 0 });

    const keys = (await env.DB.prepare('SELECT retry_key FROM broadcast_batches WHERE broadcast_id = ?1').bind(id).all<{ retry_key: string }>()).results.map((r) => r.retry_key);
    const requests = (await apiRequests('/v2/bot/message/multicast')).filter((r) => keys.includes(r.headers['x-line-retry-key']));
    const refused = requests.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    const retried = requests.filter((r) => r.headers['x-line-retry-key'] === refused[0].headers['x-line-retry-key']);
    expect(retried.map((r) => r.status)).toEqual([429, 200]);
    expect(retried[1].body).toEqual(retried[0].body);
    for (const key of keys) expect(requests.filter((r) => r.headers['x-line-retry-key'] === key && r.status === 200)).toHaveLength(1);

    const received = await multicastsSince(mark);
    for (const person of recipients) expect(received.get(person.userId), person.userId).toEqual([typhoon[person.language as keyof Notices]]);
  }, 60_000);

  it('counts a batch LINE had already accepted (409 for its retry key) as sent, without a second message', async () => {
    const few = people.filter((p) => p.following && p.language === 'zh-Hant').slice(0, 5);
    const planned = planBroadcast(env.DB, notices, few, admin.id);
    const [created] = await env.DB.batch<{ id: number }>(planned.statements);
    const id = created.results[0].id;
    const batch = await env.DB.prepare('SELECT retry_key, user_ids FROM broadcast_batches WHERE broadcast_id = ?1').bind(id).first<{ retry_key: string; user_ids: string }>();
    const mark = await emulatorSeq();
    // An earlier attempt got through to LINE, and its runner died before writing it down.
    const earlier = await fetch(`${env.TEST_EMULATOR}/v2/bot/message/multicast`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.LINE_CHANNEL_ACCESS_TOKEN}`, 'content-type': 'application/json', 'x-line-retry-key': batch!.retry_key },
      body: JSON.stringify({ to: JSON.parse(batch!.user_ids), messages: [{ type: 'text', text: notices['zh-Hant'] }] }),
    });
    expect(earlier.status).toBe(200);
    await runBroadcasts(env.DB, multicastFromEnv(env), { sleep: async () => {} });
    expect(await broadcastProgress(env.DB, id)).toMatchObject({ status: 'done', sent: 5, failed: 0 });
    const received = await multicastsSince(mark);
    for (const person of few) expect(received.get(person.userId)).toHaveLength(1);
  });

  it('fails a batch LINE refuses for good, and an admin can resume it with the same retry key', async () => {
    const few = people.filter((p) => p.following && p.language === 'ne').slice(0, 3);
    // The current notice's broadcast: the one an admin may resume.
    const state = (await readDisaster(env.DB)).state;
    expect(state.active).toBe(true);
    const planned = planBroadcast(env.DB, notices, few, admin.id, Date.now() + 1);
    const [created] = await env.DB.batch<{ id: number }>(planned.statements);
    const id = created.results[0].id;
    await emulator('/_emulator/faults', { path: '/v2/bot/message/multicast', status: 400, count: 1, body: { message: 'The request body has 1 error(s)' } });
    await runBroadcasts(env.DB, multicastFromEnv(env), { sleep: async () => {} });
    expect(await broadcastProgress(env.DB, id)).toMatchObject({ status: 'failed', sent: 0, failed: 3 });

    const resumed = await admin.call(`/api/broadcasts/${id}/resume`, { method: 'POST' });
    expect(resumed.status).toBe(200);
    expect(await broadcastProgress(env.DB, id)).toMatchObject({ status: 'done', sent: 3, failed: 0 });
    expect((await auditRows('disaster.broadcast.resume')).at(-1)).toMatchObject({ staff_id: admin.id, after: { broadcast: { id, resumed: 3 } } });
    expect((await admin.call(`/api/broadcasts/${id}/resume`, { method: 'POST' })).status).toBe(409);
  });

  it('stops what has not gone out when disaster mode is switched off; that old notice cannot be resumed', async () => {
    const few = people.filter((p) => p.following && p.language === 'vi').slice(0, 4);
    const [created] = await env.DB.batch<{ id: number }>(planBroadcast(env.DB, notices, few, admin.id).statements);
    const id = created.results[0].id;
    const mark = await emulatorSeq();
    expect((await admin.call('/api/off', { method: 'POST' })).status).toBe(200);
    const stopped = (await broadcastProgress(env.DB, id))!;
    expect(stopped).toMatchObject({ status: 'failed', sent: 0, failed: 4, error: STOPPED_ERROR });
    expect(await runBroadcasts(env.DB, multicastFromEnv(env), { sleep: async () => {} })).toMatchObject({ requests: 0 });
    expect((await multicastsSince(mark)).size).toBe(0);
    expect((await admin.call(`/api/broadcasts/${id}/resume`, { method: 'POST' })).status).toBe(409);
  });
});

describe('two admins switching at once', () => {
  it('keeps only the first switch: the second batch, audit row included, is rolled back', async () => {
    const read = await readDisaster(env.DB);
    expect(read.state.active).toBe(false);
    const first = { active: true as const, activation: 'first', template: 'custom' as const, notices: templateNotices('custom'), since: 1, by: admin.id };
    const second = { ...first, activation: 'second' };
    await env.DB.batch([...writeDisaster(env.DB, first, read.raw), audit(env.DB, { staffId: admin.id, action: 'test.first', target: 'disaster' })]);
    await expect(env.DB.batch([...writeDisaster(env.DB, second, read.raw), audit(env.DB, { staffId: admin.id, action: 'test.second', target: 'disaster' })])).rejects.toThrow();
    const after = await readDisaster(env.DB);
    expect(after.state).toMatchObject({ activation: 'first' });
    expect(await auditRows('test.first')).toHaveLength(1);
    expect(await auditRows('test.second')).toHaveLength(0);
    // And through the API: a switch based on a stale read is a 409, not a silent overwrite.
    expect(parseDisasterSetting(after.raw).active).toBe(true);
    expect((await admin.call('/api/off', { method: 'POST' })).status).toBe(200);
  });
});
