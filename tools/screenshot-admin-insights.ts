/**
 * Takes docs/admin-review.png and docs/admin-analytics.png: a throwaway local database gets a
 * month of varied traffic - residents in several languages talk to the real bot through the
 * LINE emulator, rate answers, ask for staff, whom an admin helps - spread over 30 days of
 * Japan time afterwards, and Chromium photographs the two admin pages. Nothing touches
 * `npm start`'s database or the committed data.
 *
 *   npx tsx tools/screenshot-admin-insights.ts [--out docs] [--phone]
 *
 * `--phone` also writes 390 px wide pictures (admin-review-phone.png, admin-analytics-phone.png).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { chromium, type Page } from 'playwright-core';
import { hashPassword } from '../src/auth/password';
import { createStaff } from '../src/db/staff';
import { startEmulator } from './line-emulator/main';
import { freePort } from '../test/e2e/support/stack';
import { Residents } from '../test/e2e/support/resident';
import { CHROMIUM_PATH, ROOT } from '../test/e2e/support/constants';

const ADMIN = { login: 'analyst', displayName: 'Kuroda Mei', password: 'screenshot-password-1' };
const DAY_MS = 86_400_000;
const MIN = 60_000;

type Step = { say: string } | { tap: string } | { person: true; waitMin: number; handleMin: number; rating?: 0 | 1 };

/** Who says what, and how many days ago (Japan time) at what hour. */
interface Visit {
  name: string;
  language: string;
  daysAgo: number;
  hour: number;
  steps: Step[];
}

const helpful = (entry: string): Step => ({ tap: `a=fb&e=${entry}&v=1` });
const unhelpful = (entry: string): Step => ({ tap: `a=fb&e=${entry}&v=0` });

/** A month of the service, from which a few patterns stand out (ramen, onsen, mosques, surf shops). */
function visits(): Visit[] {
  const list: Visit[] = [];
  const add = (name: string, language: string, daysAgo: number, hour: number, ...steps: Step[]) => list.push({ name, language, daysAgo, hour, steps });
  const answers: Array<[string, string, string]> = [
    ['en', 'when is garbage day', 'garbage'],
    ['ja', 'ごみ いつ だす', 'garbage'],
    ['vi', 'gia han the cu tru o dau', 'residence-renewal'],
    ['en', 'my visa ends next month', 'residence-renewal'],
    ['zh-Hans', '签证快到期了怎么续签', 'residence-renewal'],
    ['en', 'where can i buy a sim card', 'mobile-phone'],
    ['id', 'cara membuka rekening bank', 'bank-account'],
    ['ne', 'भिसा नवीकरण', 'residence-renewal'],
    ['tl', 'paano mag-apply ng health insurance', 'health-insurance-join'],
    ['ja', '住民税はいくら', 'resident-tax'],
    ['en', 'how do I register my address', 'moving-in'],
    ['en', 'japanese language class', 'japanese-classes'],
    ['vi', 'đổi bằng lái xe', 'driving-license'],
    ['ja', '保育園に入りたい', 'nursery-school'],
    ['ko', '어린이집 신청', 'nursery-school'],
  ];
  const fallbacks: Array<[string, string]> = [
    ['en', 'best ramen in town'],
    ['id', 'rekomendasi ramen enak di kumamoto'],
    ['vi', 'quan ramen ngon o kumamoto'],
    ['tl', 'saan may masarap na ramen'],
    ['en', 'best ramen shop in kumamoto'],
    ['en', 'is there a ramen shop open late'],
    ['en', 'best onsen in kumamoto'],
    ['en', 'hot spring onsen recommendation'],
    ['en', 'onsen near aso'],
    ['id', 'onsen yang bagus di kumamoto'],
    ['en', 'is there a mosque in kumamoto'],
    ['id', 'masjid terdekat di kumamoto'],
    ['en', 'mosque near me'],
    ['en', 'is there a surf shop'],
    ['en', 'where is a good surf shop'],
    ['en', 'kumamoto castle ticket price'],
    ['ja', '温泉のおすすめ'],
  ];
  let n = 0;
  // Every day someone asks something the FAQ answers; most find it helpful, some do not.
  for (let day = 29; day >= 0; day--) {
    const count = 2 + ((day * 7) % 4);
    for (let i = 0; i < count; i++) {
      const [language, text, entry] = answers[n++ % answers.length];
      const rating = n % 7 === 0 ? [unhelpful(entry)] : n % 3 !== 0 ? [helpful(entry)] : [];
      add(`Resident ${n}`, language, day, 8 + ((n * 5) % 12), { say: text }, ...rating);
    }
  }
  fallbacks.forEach(([language, text], i) => add(`Asker ${i + 1}`, language, (i * 11) % 28, 9 + (i % 10), { say: text }));
  // "Did you mean...?": some pick a choice, and one finds it did not help.
  add('Jo', 'en', 6, 15, { say: 'where can I rent a kayak' }, { tap: 'a=pick&e=housing' }, unhelpful('housing'));
  add('Sam', 'en', 2, 11, { say: 'kayak rent' });
  add('Dewi', 'id', 9, 17, { say: 'sewa kayak di mana' });
  add('Minh', 'vi', 16, 12, { say: 'cho thue kayak o dau' });
  add('Alex', 'en', 23, 10, { say: 'where can I rent a surfboard' });
  add('Maria', 'en', 20, 10, { say: 'talk to a person please' }, { person: true, waitMin: 4, handleMin: 22, rating: 1 });
  add('Sita', 'ne', 13, 14, { say: 'मलाई मान्छेसँग कुरा गर्नु छ' }, { person: true, waitMin: 12, handleMin: 35, rating: 1 });
  add('Rizal', 'tl', 8, 16, { say: 'Gusto kong makausap ang staff' }, { person: true, waitMin: 27, handleMin: 48, rating: 0 });
  add('Anh', 'vi', 3, 9, { say: 'talk to a person please' }, { person: true, waitMin: 6, handleMin: 15 });
  add('Chen', 'zh-Hans', 1, 13, { say: 'talk to a person please' }, { person: true, waitMin: 9, handleMin: 31, rating: 1 });
  return list;
}

/** `wrangler dev` on a state folder, talking to the given emulator. */
async function startBot(state: string, emulatorUrl: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()),
      '--persist-to', state, '--var', `LINE_API_BASE:${emulatorUrl}`, '--var', `LINE_DATA_API_BASE:${emulatorUrl}`, '--show-interactive-dev-session=false'],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' } },
  );
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((done) => child.once('exit', done));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output.join('')}`);
    if (await fetch(`${url}/`).then((r) => r.ok, () => false)) return { url, stop };
    await new Promise((done) => setTimeout(done, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not start:\n${output.join('')}`);
}

async function signIn(page: Page, botUrl: string): Promise<string> {
  await page.goto(`${botUrl}/console/login`);
  await page.getByLabel('Login name').fill(ADMIN.login);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${botUrl}/console`);
  return (await page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
}

async function main(): Promise<void> {
  const outArg = process.argv.indexOf('--out');
  const out = resolve(outArg >= 0 ? process.argv[outArg + 1] : join(ROOT, 'docs'));
  const phone = process.argv.includes('--phone');
  const dir = mkdtempSync(join(tmpdir(), 'yorisoi-screenshots-'));
  const state = join(dir, 'state');
  const cleanups: Array<() => Promise<unknown>> = [async () => rmSync(dir, { recursive: true, force: true })];
  try {
    console.log('preparing a throwaway database…');
    const setup = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'tools/db-setup.ts', '--persist-to', state], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    if (setup.status !== 0) throw new Error(`db-setup failed:\n${setup.stdout}\n${setup.stderr}`);
    let proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(state, 'v3') } });
    const adminId = (await createStaff(proxy.env.DB, { login: ADMIN.login, displayName: ADMIN.displayName, role: 'admin', passwordHash: await hashPassword(ADMIN.password) }))!.id;
    await proxy.dispose();

    const port = await freePort();
    const emulator = await startEmulator({ port: 0, webhookUrl: `http://127.0.0.1:${port}/webhook` });
    // The emulator's server waits for idle keep-alive connections; do not wait for it long.
    cleanups.unshift(() => Promise.race([emulator.close(), new Promise((done) => setTimeout(done, 2000))]));
    let bot = await startBot(state, emulator.url, port);
    cleanups.unshift(() => bot.stop());
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    cleanups.unshift(() => browser.close());
    let context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let page = await context.newPage();
    const csrf = await signIn(page, bot.url);

    console.log('residents talking to the bot…');
    const residents = new Residents(emulator.url);
    const plan = visits();
    const userIds: string[] = [];
    const people: Array<{ userId: string; waitMin: number; handleMin: number }> = [];
    const started = Date.now();
    for (const [i, visit] of plan.entries()) {
      if (i % 20 === 0) console.log(`  ${i} of ${plan.length} (${Math.round((Date.now() - started) / 1000)} s)`);
      const userId = await residents.create(visit.name, visit.language);
      userIds.push(userId);
      for (const step of visit.steps) {
        const before = (await residents.botMessages(userId)).length;
        if ('say' in step) await residents.say(userId, step.say);
        else if ('tap' in step) await residents.tap(userId, step.tap);
        else {
          const conversation = await page.request.get(`${bot.url}/console/api/conversations?filter=waiting`).then((r) => r.json());
          const mine = (conversation.conversations as Array<{ id: number; userId: string }>).find((c) => c.userId === userId);
          if (!mine) throw new Error(`${visit.name} is not waiting for staff`);
          for (const type of ['claim', 'resolve']) {
            const response = await page.request.post(`${bot.url}/console/api/conversations/${mine.id}/actions`, { headers: { 'x-csrf-token': csrf, origin: bot.url }, data: { type } });
            if (!response.ok()) throw new Error(`${type}: ${response.status()} ${await response.text()}`);
          }
          if (step.rating !== undefined) {
            await residents.waitForBotMessage(userId, 'the rating question', (m) => !!m.quickReply?.items.some((item) => item.action.data?.startsWith('a=rate')));
            await residents.tap(userId, `a=rate&c=${mine.id}&v=${step.rating}`);
          }
          people.push({ userId, waitMin: step.waitMin, handleMin: step.handleMin });
          continue;
        }
        // One step at a time: the next waits for the bot's answer to this one.
        const deadline = Date.now() + 20_000;
        while ((await residents.botMessages(userId)).length <= before && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
      }
    }
    await context.close();
    await bot.stop();

    console.log('spreading the month over Japan days…');
    proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(state, 'v3') } });
    const db = proxy.env.DB;
    const todayJapan = Math.floor((Date.now() + 9 * 3_600_000) / DAY_MS);
    for (const [i, visit] of plan.entries()) {
      const userId = userIds[i];
      const first = await db.prepare('SELECT MIN(created_at) AS at FROM messages WHERE user_id = ?1').bind(userId).first<{ at: number }>();
      const target = (todayJapan - visit.daysAgo) * DAY_MS - 9 * 3_600_000 + visit.hour * 3_600_000 + ((i * 17) % 50) * MIN;
      const delta = Math.min(target, Date.now() - 5 * MIN) - first!.at;
      const shift = (columns: string[]) => columns.map((column) => `${column} = ${column} + ?2`).join(', ');
      await db.batch([
        db.prepare(`UPDATE messages SET ${shift(['created_at'])} WHERE user_id = ?1`).bind(userId, delta),
        db.prepare(`UPDATE unanswered_queries SET ${shift(['created_at'])} WHERE user_id = ?1`).bind(userId, delta),
        db.prepare(`UPDATE feedback SET ${shift(['created_at'])} WHERE user_id = ?1`).bind(userId, delta),
        db.prepare(`UPDATE conversations SET ${shift(['created_at', 'updated_at', 'waiting_since', 'claimed_at', 'resolved_at', 'rated_at', 'follow_up_at'])} WHERE user_id = ?1`).bind(userId, delta),
        db.prepare(`UPDATE residents SET ${shift(['created_at', 'updated_at', 'followed_at'])} WHERE user_id = ?1`).bind(userId, delta),
      ]);
    }
    // Staff took each request a few minutes after it came, and took a while to help.
    for (const person of people) {
      const conversation = await db.prepare(`SELECT conversation_id AS id, created_at AS at FROM messages WHERE user_id = ?1 AND direction = 'activity' AND kind = 'handoff'`).bind(person.userId).first<{ id: number; at: number }>();
      const claimed = conversation!.at + person.waitMin * MIN;
      const resolved = claimed + person.handleMin * MIN;
      await db.batch([
        db.prepare(`UPDATE messages SET created_at = ?2 WHERE conversation_id = ?1 AND direction = 'activity' AND kind = 'claimed'`).bind(conversation!.id, claimed),
        db.prepare(`UPDATE messages SET created_at = ?2 WHERE conversation_id = ?1 AND (kind = 'resolved' OR kind = 'handoff-resolve')`).bind(conversation!.id, resolved),
        db.prepare(`UPDATE conversations SET claimed_at = ?2, resolved_at = ?3, rated_at = CASE WHEN rated_at IS NULL THEN NULL ELSE ?3 + 120000 END WHERE id = ?1`).bind(conversation!.id, claimed, resolved),
      ]);
    }
    // Some of last month's questions were already dealt with.
    await db.prepare(`UPDATE unanswered_queries SET status = 'dismissed', reviewed_by = ?1, reviewed_at = created_at + 86400000 WHERE text = 'kumamoto castle ticket price'`).bind(adminId).run();
    await proxy.dispose();

    console.log('photographing…');
    bot = await startBot(state, emulator.url, port);
    const shots: Array<{ width: number; height: number; suffix: string }> = [{ width: 1280, height: 900, suffix: '' }, ...(phone ? [{ width: 390, height: 844, suffix: '-phone' }] : [])];
    for (const shot of shots) {
      context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'Asia/Tokyo' });
      page = await context.newPage();
      await signIn(page, bot.url);
      await page.goto(`${bot.url}/console/admin/review`);
      await page.locator('.review-group').first().waitFor();
      await page.locator('#review-groups[aria-busy="false"]').waitFor();
      await page.screenshot({ path: join(out, `admin-review${shot.suffix}.png`), fullPage: !shot.suffix, clip: shot.suffix ? undefined : { x: 0, y: 0, width: shot.width, height: 1500 } });
      await page.goto(`${bot.url}/console/admin/analytics?days=30`);
      await page.screenshot({ path: join(out, `admin-analytics${shot.suffix}.png`), fullPage: true });
      await context.close();
    }
    console.log(`written to ${out}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
