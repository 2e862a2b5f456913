import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, createUser, say, signInAs } from './helpers';

const MIN = 60_000;

/** A signed-in console user (a real session row), calling the Worker with cookie, CSRF token and Origin. */
async function signIn(role: 'admin' | 'staff' = 'admin', name = 'Analyst') {
  return signInAs(role, name, '');
}

/**
 * Moves everything a resident did to a moment in January 2001 (Japan time), keeping the gaps
 * between their rows: the test database is shared with other test files, and no other test
 * has traffic then, so the analytics of that week are exactly what this file generated.
 */
async function moveResident(userId: string, at: number): Promise<void> {
  const first = await env.DB.prepare('SELECT MIN(created_at) AS at FROM messages WHERE user_id = ?1').bind(userId).first<{ at: number }>();
  const delta = at - first!.at;
  const shift = (column: string) => `${column} = ${column} + ?2`;
  await env.DB.batch([
    env.DB.prepare(`UPDATE messages SET ${shift('created_at')} WHERE user_id = ?1`).bind(userId, delta),
    env.DB.prepare(`UPDATE unanswered_queries SET ${shift('created_at')} WHERE user_id = ?1`).bind(userId, delta),
    env.DB.prepare(`UPDATE feedback SET ${shift('created_at')} WHERE user_id = ?1`).bind(userId, delta),
    env.DB.prepare(
      `UPDATE conversations SET ${['created_at', 'updated_at', 'waiting_since', 'claimed_at', 'resolved_at', 'rated_at', 'follow_up_at'].map(shift).join(', ')} WHERE user_id = ?1`,
    ).bind(userId, delta),
  ]);
}

/** 2001-01-0<day> at <hour>:00 in Japan. */
const tokyo = (day: number, hour: number) => Date.UTC(2001, 0, day, hour - 9);

interface Series {
  key: string;
  label: string;
  values: number[];
  total: number;
}

const users: Record<string, string> = {};

beforeAll(async () => {
  const staff = await signIn('admin', 'Ken');

  // 2 January: an answer rated helpful (English), a question the bot cannot answer (Vietnamese).
  users.garbage = await createUser('en', 'Amy');
  await say(users.garbage, 'when is garbage day');
  await act({ userId: users.garbage, event: 'postback', data: 'a=fb&e=garbage&v=1' });
  users.ramen = await createUser('vi', 'Lan');
  await say(users.ramen, 'quan ramen ngon o kumamoto');

  // 5 January: an answer rated not helpful, a "did you mean", and a person who is helped.
  users.license = await createUser('en', 'Budi');
  await say(users.license, 'driving licence conversion');
  await act({ userId: users.license, event: 'postback', data: 'a=fb&e=driving-license&v=0' });
  users.kayak = await createUser('en', 'Jo');
  await say(users.kayak, 'where can I rent a kayak');
  users.person = await createUser('en', 'Maria');
  await say(users.person, 'I want to talk to a person');
  const conversation = await env.DB.prepare('SELECT id FROM conversations WHERE user_id = ?1').bind(users.person).first<{ id: number }>();
  for (const type of ['claim', 'resolve']) {
    const response = await staff.call(`/console/api/conversations/${conversation!.id}/actions`, { method: 'POST', body: { type } });
    expect(response.status, type).toBe(200);
  }
  await act({ userId: users.person, event: 'postback', data: `a=rate&c=${conversation!.id}&v=1` });

  await moveResident(users.garbage, tokyo(2, 10));
  await moveResident(users.ramen, tokyo(2, 8));
  await moveResident(users.license, tokyo(5, 9));
  await moveResident(users.kayak, tokyo(5, 12));
  await moveResident(users.person, tokyo(5, 14));
  // Staff took the request 5 minutes after it came, and resolved it 30 minutes later.
  const handoff = tokyo(5, 14);
  await env.DB.batch([
    env.DB.prepare(`UPDATE messages SET created_at = ?2 WHERE conversation_id = ?1 AND direction = 'activity' AND kind = 'handoff'`).bind(conversation!.id, handoff),
    env.DB.prepare(`UPDATE messages SET created_at = ?2 WHERE conversation_id = ?1 AND direction = 'activity' AND kind = 'claimed'`).bind(conversation!.id, handoff + 5 * MIN),
    env.DB.prepare(`UPDATE messages SET created_at = ?2 WHERE conversation_id = ?1 AND direction = 'activity' AND kind = 'resolved'`).bind(conversation!.id, handoff + 35 * MIN),
    env.DB.prepare(`UPDATE conversations SET claimed_at = ?2, resolved_at = ?3 WHERE id = ?1`).bind(conversation!.id, handoff + 5 * MIN, handoff + 35 * MIN),
  ]);
});

async function report(query: string) {
  const admin = await signIn();
  const response = await admin.call(`/console/admin/analytics/api${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as any;
}

/** The bot's decisions for this file's residents, counted from the messages themselves. */
async function decisionsRecorded(): Promise<Record<string, number[]>> {
  const { results } = await env.DB.prepare(
    `SELECT decision, created_at FROM messages WHERE user_id IN (SELECT value FROM json_each(?1)) AND direction = 'outgoing' AND sender = 'bot' AND decision IS NOT NULL`,
  )
    .bind(JSON.stringify(Object.values(users)))
    .all<{ decision: string; created_at: number }>();
  const byDecision: Record<string, number[]> = {};
  for (const row of results) {
    const day = new Date(row.created_at + 9 * 3_600_000).getUTCDate();
    (byDecision[row.decision] ??= new Array(7).fill(0))[day - 1]++;
  }
  return byDecision;
}

describe('analytics of generated traffic', () => {
  it('counts messages per Japan day and language exactly (08:00 on the 2nd in Japan, still the 1st in UTC, is the 2nd)', async () => {
    const body = await report('?days=7&end=2001-01-07');
    expect(body.period).toMatchObject({ days: 7, start: '2001-01-01', end: '2001-01-07' });
    const series = Object.fromEntries((body.messagesByLanguage as Series[]).map((s) => [s.key, s.values]));
    // Texts and taps (helpful, rating) each count.
    expect(series).toEqual({
      en: [0, 2, 0, 0, 5, 0, 0],
      vi: [0, 1, 0, 0, 0, 0, 0],
    });
    expect(body.totals).toMatchObject({ messages: 8, residents: 5 });
  });

  it('shows the decision mix per day as the bot recorded it', async () => {
    const body = await report('?days=7&end=2001-01-07');
    const recorded = await decisionsRecorded();
    for (const series of body.decisions as Series[]) expect(series.values, series.key).toEqual(recorded[series.key] ?? new Array(7).fill(0));
    expect(recorded.fallback).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(recorded.human).toEqual([0, 0, 0, 0, 1, 0, 0]);
    const replies = Object.values(recorded).flat().reduce((a, b) => a + b, 0);
    expect(body.totals.replies).toBe(replies);
    expect(body.totals.fallbacks).toBe(1);
  });

  it('lists the entries answered, the helpful rate per entry and overall', async () => {
    const body = await report('?days=7&end=2001-01-07');
    const { results } = await env.DB.prepare(
      `SELECT entry_id, COUNT(*) AS n FROM messages WHERE user_id IN (SELECT value FROM json_each(?1)) AND decision = 'answer' GROUP BY entry_id ORDER BY n DESC, entry_id`,
    )
      .bind(JSON.stringify(Object.values(users)))
      .all<{ entry_id: string; n: number }>();
    expect(body.topEntries.map((e: any) => [e.entryId, e.count])).toEqual(results.map((row) => [row.entry_id, row.n]));
    expect(body.topEntries[0].title).toEqual(expect.any(String));
    expect(body.helpful.overall).toEqual({ helpful: 1, total: 2, rate: 0.5 });
    expect(body.helpful.entries).toEqual([
      { entryId: 'driving-license', title: expect.any(String), helpful: 0, total: 1, rate: 0 },
      { entryId: 'garbage', title: expect.any(String), helpful: 1, total: 1, rate: 1 },
    ]);
  });

  it('groups the unanswered questions and times the handoff: waiting 5 min, handling 30 min; the rating counts', async () => {
    const body = await report('?days=7&end=2001-01-07');
    expect(body.unanswered).toEqual({
      total: 1,
      open: 1,
      groups: [{ key: expect.stringMatching(/^unanswered:\d+$/), example: 'quan ramen ngon o kumamoto', language: 'vi', count: 1, open: 1, languages: ['vi'] }],
    });
    expect(body.handoff).toEqual({
      waiting: { count: 1, median: 5 * MIN, p90: 5 * MIN },
      handling: { count: 1, median: 30 * MIN, p90: 30 * MIN },
      stillWaiting: 0,
    });
    expect(body.ratings).toEqual({ resolved: 1, good: 1, bad: 0, unrated: 0 });
  });

  it('covers only the period asked for', async () => {
    const first = await report('?days=7&end=2001-01-03');
    expect(first.totals).toMatchObject({ messages: 3, residents: 2 });
    expect(first.handoff.waiting.count).toBe(0);
    const before = await report('?days=7&end=2000-12-31');
    expect(before.totals.messages).toBe(0);
    expect(before.messagesByLanguage).toEqual([]);
    expect(before.helpful.overall.rate).toBeNull();
    const longer = await report('?days=90&end=2001-01-31');
    expect(longer.period.dayTexts).toHaveLength(90);
    expect(longer.totals.messages).toBe(8);
  });

  it('refuses a period it does not offer with 400', async () => {
    const admin = await signIn();
    for (const query of ['?days=14', '?end=2001-02-30', '?end=soon']) {
      const response = await admin.call(`/console/admin/analytics/api${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/days|end/);
    }
  });

  it('draws the page: period picker, accessible SVG charts with data tables, escaped resident text', async () => {
    const admin = await signIn();
    // A resident's hostile question, in the same week.
    const hostile = await createUser('en', 'Eve');
    await say(hostile, '<script>alert("ramen")</script> best ramen?');
    await moveResident(hostile, tokyo(20, 10));
    const response = await admin.call('/console/admin/analytics?days=30&end=2001-01-21', { accept: 'text/html' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<option value="30" selected="">Last 30 days</option>');
    expect(html).toContain('value="2001-01-21"');
    // Each chart twice: for a laptop and for a phone.
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(14);
    expect(html.match(/<details class="disclosure analytics-data">/g)).toHaveLength(7);
    expect(html).toContain('<title id="chart-messages-svg-wide-title">Messages per day by language</title>');
    expect(html).toContain('<title id="chart-messages-svg-narrow-title">Messages per day by language</title>');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;ramen&quot;)&lt;/script&gt; best ramen?');
    expect(html).toContain('/console/static/admin/analytics.js');
    // A period the picker does not offer sends the page back to the default one.
    const odd = await admin.call('/console/admin/analytics?days=3', { accept: 'text/html' });
    expect(odd.status).toBe(302);
    expect(odd.headers.get('location')).toBe('/console/admin/analytics');
  });

  it('gives a staff account 403 on the page and the API', async () => {
    const staff = await signIn('staff');
    for (const path of ['/console/admin/analytics', '/console/admin/analytics/api', '/console/admin/analytics/api?days=7']) {
      expect((await staff.call(path)).status, path).toBe(403);
      expect((await staff.call(path, { accept: 'text/html' })).status, path).toBe(403);
    }
  });
});
