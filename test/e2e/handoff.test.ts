/**
 * A request for a person, end to end in a real browser: the resident asks on LINE, the request
 * appears in the console by itself, staff claim it and reply, the resident gets the reply under
 * the staff sender name in their language, staff resolve, the resident rates, and the bot
 * answers again. Also: a failed delivery shows on the message and Retry sends it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consolePage, eventually, launchBrowser, signIn, type PageProblems } from './support/browser';
import { E2E_STAFF, ROOT } from './support/constants';
import { Residents } from './support/resident';
import { startStack, type Stack } from './support/stack';

const vi = JSON.parse(readFileSync(join(ROOT, 'locales/vi.json'), 'utf8')) as { staff: { senderName: string }; rating: { thanks: string } };
const [sato] = E2E_STAFF;

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
let residents: Residents;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(inject('e2eTemplate')), launchBrowser()]);
  residents = new Residents(stack.emulator.url);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  ({ page, problems } = await consolePage(context));
  await signIn(page, stack.botUrl, sato);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a request for a person, from LINE to the console and back', () => {
  const name = 'Nguyễn Thị Lan';
  let userId: string;

  it('shows the request in the queue within seconds, without a reload, and alerts staff', async () => {
    await page.getByRole('button', { name: 'Turn on alerts' }).click();
    await page.getByRole('button', { name: 'Alerts on' }).waitFor();
    // A marker that a page reload would wipe out.
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));

    userId = await residents.create(name, 'vi');
    const asked = Date.now();
    await residents.say(userId, 'Tôi muốn nói chuyện với nhân viên');
    const item = page.locator('.queue-item', { hasText: name });
    await item.waitFor({ timeout: 5_000 });
    expect(Date.now() - asked).toBeLessThan(5_000);

    expect(await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(item.locator('.lang-badge').textContent()).resolves.toBe('VI');
    await expect(item.locator('.qi-state').textContent()).resolves.toMatch(/^Waiting .* unassigned$/);
    await expect(item.locator('.qi-last').textContent()).resolves.toContain('Bot:');
    await expect(page.locator('#waiting-count').textContent()).resolves.toBe('1');
    const notifications = await eventually('a browser notification', async () => {
      const shown = await page.evaluate(() => (globalThis as unknown as { __notifications: Array<{ title: string; body: string }> }).__notifications);
      return shown.length ? shown : undefined;
    });
    expect(notifications).toEqual([{ title: 'New request for staff', body: `${name} is waiting for a person.` }]);
  });

  it('lets staff claim the conversation and reply; the resident gets it under the staff sender name in Vietnamese', async () => {
    await page.locator('.queue-item', { hasText: name }).click();
    await page.getByRole('heading', { name }).waitFor();
    await expect(page.locator('.conv-facts').textContent()).resolves.toContain('Writes in Vietnamese');
    await page.locator('.msg-in', { hasText: 'Tôi muốn nói chuyện với nhân viên' }).waitFor();
    await page.locator('.msg-activity', { hasText: 'Handed to staff: asked for a person' }).waitFor();

    await page.getByRole('button', { name: 'Claim' }).click();
    await page.locator('.state-badge', { hasText: 'With you' }).waitFor();
    await page.locator('.msg-activity', { hasText: 'You took the conversation' }).waitFor();

    const before = await residents.lastSeq();
    await page.getByLabel(`Reply to ${name} (Vietnamese)`).fill('Hello from staff');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.msg-staff', { hasText: 'Hello from staff' }).waitFor();
    await expect(page.getByLabel(`Reply to ${name} (Vietnamese)`).inputValue()).resolves.toBe('');

    const reply = await residents.waitForBotMessage(userId, 'the staff reply on LINE', (m) => m.text === 'Hello from staff', { afterSeq: before });
    expect(reply.sender?.name).toBe(vi.staff.senderName);
  });

  it('resolves; the resident rates it, and the rating shows under Resolved', async () => {
    const before = await residents.lastSeq();
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.locator('.state-badge', { hasText: 'Resolved' }).waitFor();

    const prompt = await residents.waitForBotMessage(userId, 'the rating prompt', (m) => !!m.quickReply?.items.some((i) => i.action.data?.startsWith('a=rate')), { afterSeq: before });
    expect(prompt.sender).toBeUndefined();
    const good = prompt.quickReply!.items.find((i) => /(^|&)a=rate(&|$)/.test(i.action.data ?? '') && /(^|&)v=1(&|$)/.test(i.action.data ?? ''))!;
    await residents.tap(userId, good.action.data!, good.action.displayText);
    await residents.waitForBotMessage(userId, 'the thanks for the rating', (m) => m.text === vi.rating.thanks, { afterSeq: before });

    await page.getByRole('button', { name: 'Resolved' }).click();
    await page.locator('.queue-item', { hasText: name }).filter({ hasText: 'rated 👍 helpful' }).waitFor({ timeout: 10_000 });
    await page.locator('.conv-state', { hasText: 'The resident rated it 👍 helpful.' }).waitFor();
  });

  it('hands the resident back to the bot: the next question gets an FAQ answer without the staff sender', async () => {
    const before = await residents.lastSeq();
    await residents.say(userId, 'Thẻ cư trú của tôi sắp hết hạn, tôi muốn gia hạn');
    const answer = await residents.waitForBotMessage(userId, 'a bot answer', (m) => m.type === 'text' && !!m.text, { afterSeq: before });
    expect(answer.sender).toBeUndefined();
    expect(answer.text).not.toBe('Hello from staff');
    // The open conversation view follows the resident live, and marks the FAQ entry used.
    await page.locator('.msg-bot .msg-faq').last().waitFor({ timeout: 10_000 });
    await expect(page.locator('.msg-bot').last().locator('.msg-faq').textContent()).resolves.toMatch(/FAQ .+ \/ .+/);
  });

  it('had no script errors on the page', () => {
    expect(problems.errors).toEqual([]);
  });
});

describe('a delivery that fails', () => {
  it('is marked on the message, and Retry sends it', async () => {
    const name = 'Maria Santos';
    const userId = await residents.create(name, 'tl');
    await residents.say(userId, 'Gusto kong makausap ang totoong tao');
    await page.getByRole('button', { name: 'Waiting' }).click();
    await page.locator('.queue-item', { hasText: name }).click();
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.locator('.state-badge', { hasText: 'With you' }).waitFor();

    // The bot answered the request with its reply token, so the staff reply goes by push: make that push fail.
    await residents.fault('/v2/bot/message/push', 400, 1);
    await page.getByLabel(`Reply to ${name} (Tagalog)`).fill('Magandang araw po!');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const failed = page.locator('.msg-staff.is-failed', { hasText: 'Magandang araw po!' });
    await failed.waitFor();
    await expect(failed.locator('.msg-failed').textContent()).resolves.toContain('Not delivered');
    await expect(page.locator('.composer .form-error').textContent()).resolves.toContain('LINE did not take it');

    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.locator('.msg-staff:not(.is-failed)', { hasText: 'Magandang araw po!' }).waitFor();
    await residents.waitForBotMessage(userId, 'the retried reply', (m) => m.text === 'Magandang araw po!');
    expect(problems.errors).toEqual([]);
  });
});

describe('pictures and files from a resident', () => {
  it('shows a photo inline and a file as a download link with its name as text', async () => {
    const name = 'Bui Thi Hoa';
    const fileName = 'thue <b>2025</b>.txt';
    const userId = await residents.create(name, 'vi');
    await residents.say(userId, 'Tôi muốn nói chuyện với nhân viên');
    await residents.send(userId, { event: 'image' });
    await residents.send(userId, { event: 'file', fileName });
    await page.getByRole('button', { name: 'Waiting' }).click();
    await page.locator('.queue-item', { hasText: name }).click();
    await page.getByRole('heading', { name }).waitFor();

    const photo = page.locator('.msg-in .msg-image img');
    await photo.waitFor({ timeout: 15_000 });
    await expect(photo.getAttribute('alt')).resolves.toBe(`Photo from ${name}`);
    // It really loaded, through /console/media with the session cookie.
    await expect.poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);

    const download = page.locator('.msg-in .msg-file');
    await download.waitFor({ timeout: 15_000 });
    await expect(download.locator('.msg-file-name').textContent()).resolves.toBe(fileName);
    await expect(download.getAttribute('download')).resolves.toBe(fileName);
    expect(await page.locator('.msg-in b').count()).toBe(0);
    const href = await download.getAttribute('href');
    const response = await page.request.get(new URL(href!, stack.botUrl).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment/);
    expect(problems.errors).toEqual([]);
  });
});
