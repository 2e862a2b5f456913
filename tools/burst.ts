/**
 * `npm run burst` (with `npm start` running): 50 residents send 200 messages at once through
 * the LINE emulator; checks that every message is stored and every reply delivered, and
 * prints the figures recorded in docs/benchmarks.md. Options: --residents N --messages N.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';

const { values } = parseArgs({
  options: {
    residents: { type: 'string', default: '50' },
    messages: { type: 'string', default: '200' },
    emulator: { type: 'string', default: process.env.EMULATOR_URL ?? 'http://127.0.0.1:8788' },
    timeout: { type: 'string', default: '120' },
  },
});
const RESIDENTS = Number(values.residents);
const MESSAGES = Number(values.messages);
const EMULATOR = values.emulator!;

// Questions in the ten languages, cycled so every resident writes in a few of them.
const QUESTIONS = [
  'my visa ends next month',
  '在留カードをなくしました',
  'ごみ いつ だす',
  '签证快到期了怎么办',
  '要怎麼叫救護車',
  '외국어가 통하는 병원 있어요?',
  'gia han the cu tru o dau',
  'म कुमामोतोमा नयाँ आएँ, ठेगाना दर्ता कहाँ गर्ने?',
  'cara buang sampah di kumamoto gimana',
  'paano mag renew ng visa',
  'best ramen in town?',
];

async function call<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${EMULATOR}/_emulator${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const users: string[] = [];
  for (let i = 0; i < RESIDENTS; i++) {
    const user = await call<{ userId: string }>('/users', { displayName: `Burst ${i}`, language: ['en', 'ja', 'vi', 'zh-Hans', 'ne'][i % 5] });
    users.push(user.userId);
  }
  const before = (await call<{ lastSeq: number }>('/messages')).lastSeq;

  const started = performance.now();
  const acks: number[] = [];
  const sends = Array.from({ length: MESSAGES }, (_, i) => {
    const userId = users[i % RESIDENTS];
    const text = QUESTIONS[(i * 7 + Math.floor(i / RESIDENTS)) % QUESTIONS.length];
    const t0 = performance.now();
    return call<{ status: number }>('/send', { userId, event: 'text', text }).then((result) => {
      acks.push(performance.now() - t0);
      return result.status;
    });
  });
  const statuses = await Promise.all(sends);
  const sentAll = performance.now() - started;

  // Wait until every message has its reply in the emulator (or the timeout).
  const deadline = Date.now() + Number(values.timeout) * 1000;
  type Entry = { from: string; chatId: string; timestamp: number; seq: number; messages?: unknown[] };
  let entries: Entry[] = [];
  for (;;) {
    entries = (await call<{ messages: Entry[] }>(`/messages?after=${before}`)).messages.filter((e) => users.includes(e.chatId));
    if (entries.filter((e) => e.from === 'bot').length >= MESSAGES || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const allAnswered = performance.now() - started;

  // Per message: time from the resident's message to the bot's reply (k-th to k-th per chat).
  const latencies: number[] = [];
  for (const userId of users) {
    const mine = entries.filter((e) => e.chatId === userId);
    const asked = mine.filter((e) => e.from === 'user');
    const answered = mine.filter((e) => e.from === 'bot');
    asked.forEach((entry, k) => answered[k] && latencies.push(answered[k].timestamp - entry.timestamp));
  }
  latencies.sort((a, b) => a - b);
  acks.sort((a, b) => a - b);

  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(import.meta.dirname, '..', 'wrangler.toml') });
  const list = JSON.stringify(users);
  const [incoming, outgoing, events] = await proxy.env.DB.batch<{ status: string; n: number }>([
    proxy.env.DB.prepare(`SELECT status, COUNT(*) AS n FROM messages WHERE direction = 'incoming' AND user_id IN (SELECT value FROM json_each(?1)) GROUP BY status`).bind(list),
    proxy.env.DB.prepare(`SELECT status, COUNT(*) AS n FROM messages WHERE direction = 'outgoing' AND user_id IN (SELECT value FROM json_each(?1)) GROUP BY status`).bind(list),
    proxy.env.DB.prepare(`SELECT status, COUNT(*) AS n FROM webhook_events WHERE chat_id IN (SELECT value FROM json_each(?1)) GROUP BY status`).bind(list),
  ]);
  await proxy.dispose();
  const summary = (rows: Array<{ status: string; n: number }>) => Object.fromEntries(rows.map((r) => [r.status, r.n]));
  const replies = entries.filter((e) => e.from === 'bot').length;
  const report = {
    residents: RESIDENTS,
    messages: MESSAGES,
    webhookStatuses: summary(Object.entries(statuses.reduce<Record<string, number>>((a, s) => ((a[s] = (a[s] ?? 0) + 1), a), {})).map(([status, n]) => ({ status, n }))),
    webhookAckMs: { p50: Math.round(percentile(acks, 50)), p95: Math.round(percentile(acks, 95)), max: Math.round(acks.at(-1)!) },
    allSentMs: Math.round(sentAll),
    allAnsweredMs: Math.round(allAnswered),
    replyLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) },
    repliesDelivered: replies,
    storedIncoming: summary(incoming.results),
    storedOutgoing: summary(outgoing.results),
    webhookEvents: summary(events.results),
  };
  console.log(JSON.stringify(report, null, 2));
  const ok = replies === MESSAGES && (report.storedIncoming.handled ?? 0) === MESSAGES && (report.storedOutgoing.sent ?? 0) === MESSAGES;
  console.log(ok ? 'PASS: every message stored, every reply delivered' : 'FAIL: something was lost (see above)');
  process.exit(ok ? 0 : 1);
}

await main();
