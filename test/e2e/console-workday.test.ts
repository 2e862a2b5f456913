/**
 * A morning at the Plaza, through the browser: residents in several languages write, staff
 * use the FAQ search (in Japanese) to send an answer in the resident's language, pick a canned
 * reply, write a private note and hand a chat to a colleague. Then the same console at laptop
 * width (queue beside the conversation) and at phone width (one column, with a back link).
 * `npm run screenshots` also writes docs/console-laptop.png and docs/console-phone.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consolePage, fitsWidth, focusedId, launchBrowser, signIn, type PageProblems } from './support/browser';
import { E2E_STAFF, ROOT } from './support/constants';
import { Residents } from './support/resident';
import { startStack, type Stack } from './support/stack';

type Locale = { staff: { senderName: string }; canned: { checking: string } };
const locale = (lang: string) => JSON.parse(readFileSync(join(ROOT, `locales/${lang}.json`), 'utf8')) as Locale;
const [sato, tanaka] = E2E_STAFF;
const SHOTS = process.env.SCREENSHOTS ? join(ROOT, 'docs') : join(tmpdir(), 'yorisoi-e2e-screenshots');

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
let residents: Residents;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(inject('e2eTemplate')), launchBrowser()]);
  residents = new Residents(stack.emulator.url);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Asia/Tokyo' });
  ({ page, problems } = await consolePage(context));
  await signIn(page, stack.botUrl, sato);
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A resident who writes a few messages, in order, each answered (or quietly queued) before the next. */
async function resident(key: string, name: string, language: string, messages: string[]): Promise<void> {
  ids[key] = await residents.create(name, language);
  for (const text of messages) await residents.say(ids[key], text);
}

async function open(name: string): Promise<void> {
  await page.locator('.queue-item', { hasText: name }).click();
  await page.getByRole('heading', { name }).waitFor();
}

describe('a working morning', () => {
  it('fills the queue with residents writing in their own languages', async () => {
    await resident('an', 'Nguyễn Văn An', 'vi', ['Thẻ cư trú của tôi tháng sau hết hạn, gia hạn ở đâu?', 'Tôi muốn nói chuyện với nhân viên']);
    await resident('bishnu', 'Bishnu Shrestha', 'ne', ['मलाई कर्मचारीसँग कुरा गर्न मन छ। मेरो छोराको स्कूल भर्नाको बारेमा सोध्न चाहन्छु।']);
    await resident('fang', '王芳', 'zh-Hans', ['我想和工作人员说话，关于国民健康保险。']);
    await resident('maria', 'Maria Santos', 'tl', ['Gusto kong makausap ang totoong tao tungkol sa trabaho ko']);
    await resident('minjun', '김민준', 'ko', ['타는 쓰레기 언제 버려요?']);
    await resident('siti', 'Siti Rahma', 'id', ['Di mana saya bisa belajar bahasa Jepang?']);

    await page.locator('.queue-item', { hasText: 'Maria Santos' }).waitFor({ timeout: 10_000 });
    // Oldest request first; the order of requests seconds apart depends on which chat the bot finished first.
    const waiting = await page.locator('.queue-item .qi-name').allTextContents();
    expect(waiting.toSorted()).toEqual(['Bishnu Shrestha', 'Maria Santos', 'Nguyễn Văn An', '王芳']);
    await expect(page.locator('#waiting-count').textContent()).resolves.toBe('4');

    await page.getByRole('button', { name: 'All active' }).click();
    await page.locator('.queue-item', { hasText: '김민준' }).waitFor();
    await page.locator('.queue-item', { hasText: 'Siti Rahma' }).waitFor();
    await expect(page.locator('.queue-item', { hasText: '김민준' }).locator('.qi-state').textContent()).resolves.toBe('With the bot');
  });

  it('shows the bot answer with the FAQ entry it came from', async () => {
    await open('Nguyễn Văn An');
    const answer = page.locator('.msg-bot', { has: page.locator('.msg-faq') }).first();
    await expect(answer.locator('.msg-faq').textContent()).resolves.toBe('FAQ 在留期間の更新（ビザの更新） / Extending your period of stay (visa renewal)');
  });

  it('sends a canned reply, in Vietnamese, picked from the list', async () => {
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.locator('.state-badge', { hasText: 'With you' }).waitFor();
    await page.locator('summary', { hasText: 'Canned replies in Vietnamese' }).click();
    await page.getByRole('button', { name: /^Thanks - checking, will reply/ }).click();
    const box = page.getByLabel('Reply to Nguyễn Văn An (Vietnamese)');
    await expect(box.inputValue()).resolves.toBe(locale('vi').canned.checking);
    await expect(focusedId(page)).resolves.toBe('composer-text');
    const before = await residents.lastSeq();
    await page.getByRole('button', { name: 'Send reply' }).click();
    const sent = await residents.waitForBotMessage(ids.an, 'the canned reply', (m) => m.text === locale('vi').canned.checking, { afterSeq: before });
    expect(sent.sender?.name).toBe(locale('vi').staff.senderName);
    await page.locator('summary', { hasText: 'Canned replies in Vietnamese' }).click();
  });

  it('adds a custom canned reply for Vietnamese', async () => {
    await page.locator('summary', { hasText: 'Canned replies in Vietnamese' }).click();
    await page.locator('summary', { hasText: 'Add a canned reply in Vietnamese' }).click();
    await page.getByLabel('Short title (for staff)').fill('Bring your passport');
    await page.getByLabel('Reply in Vietnamese').fill('Bạn hãy mang theo hộ chiếu và thẻ cư trú nhé.');
    await page.getByRole('button', { name: 'Save canned reply' }).click();
    await page.getByRole('button', { name: /^Bring your passport/ }).waitFor();
    await page.locator('summary', { hasText: 'Canned replies in Vietnamese' }).click();
  });

  it('finds an FAQ entry from a Japanese search and sends it in the resident\'s language', async () => {
    await open('王芳');
    await page.locator('summary', { hasText: 'FAQ answers in Chinese (simplified)' }).click();
    await page.getByLabel('Search the FAQ (Japanese or English)').fill('国民健康保険 加入');
    const result = page.locator('.faq-result', { hasText: '国民健康保険に入る' }).first();
    await result.waitFor();
    await expect(result.locator('.faq-titles').textContent()).resolves.toMatch(/^国民健康保険に入る.* \/ .+/);
    const preview = (await result.locator('.faq-answer').textContent()) ?? '';
    expect(preview).toMatch(/国民健康保险/);
    const before = await residents.lastSeq();
    await result.getByRole('button', { name: 'Send in Chinese (simplified)' }).click();
    await page.locator('.msg-staff .msg-faq', { hasText: 'FAQ answer sent' }).waitFor();
    const sent = await residents.waitForBotMessage(ids.fang, 'the FAQ answer from staff', (m) => !!m.text?.includes(preview.split('\n')[0]), { afterSeq: before });
    expect(sent.sender?.name).toBe(locale('zh-Hans').staff.senderName);
    // Sending took the conversation.
    await page.locator('.state-badge', { hasText: 'With you' }).waitFor();
    await page.locator('summary', { hasText: 'FAQ answers in Chinese (simplified)' }).click();
  });

  it('carries on the conversation with a typed reply and the resident answering', async () => {
    await open('Nguyễn Văn An');
    await page.getByLabel('Reply to Nguyễn Văn An (Vietnamese)').fill('Bạn có thể đến Trung tâm vào thứ Hai lúc 10 giờ không? Mình sẽ giúp bạn điền đơn.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.msg-staff', { hasText: 'thứ Hai lúc 10 giờ' }).waitFor();
    await residents.say(ids.an, 'Vâng, thứ Hai tôi đến được. Cảm ơn nhiều!');
    // The bot stays quiet while staff have the chat; the message reaches the open view live.
    await page.locator('.msg-in', { hasText: 'thứ Hai tôi đến được' }).waitFor({ timeout: 10_000 });
  });

  it('keeps a private note in the history, marked, and never sends it', async () => {
    const before = await residents.lastSeq();
    await page.getByLabel('Private note').check();
    await page.getByLabel('Private note (only staff see it)').fill('Card expires 30 Nov. Sent the renewal steps; offered help with the form if he visits.');
    await page.getByRole('button', { name: 'Save note' }).click();
    const note = page.locator('.msg-note', { hasText: 'Card expires 30 Nov.' });
    await note.waitFor();
    await expect(note.locator('.msg-note-label').textContent()).resolves.toBe('🔒 Private note');
    await page.waitForTimeout(500);
    expect((await residents.botMessages(ids.an, before)).some((m) => m.text?.includes('Card expires'))).toBe(false);
    await page.getByLabel('Reply to resident').check();
  });

  it('hands a conversation to a colleague', async () => {
    await open('Maria Santos');
    await page.getByLabel('Assign to').selectOption({ label: tanaka.displayName });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.locator('.state-badge', { hasText: `With ${tanaka.displayName}` }).waitFor();
    await page.locator('.msg-activity', { hasText: `You assigned it to ${tanaka.displayName}` }).waitFor();
    // Only the assignee may write to the resident now.
    await expect(page.getByLabel('Reply to Maria Santos (Tagalog)').isDisabled()).resolves.toBe(true);
    await expect(page.locator('.queue-item', { hasText: 'Maria Santos' }).locator('.qi-state').textContent()).resolves.toMatch(/with Tanaka Ken$/);
    expect(problems.errors).toEqual([]);
  });
});

describe('the layout', () => {
  it('puts the queue beside the conversation at laptop width', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await open('Nguyễn Văn An');
    await page.locator('.msg-note').waitFor();
    const queue = (await page.locator('#queue').boundingBox())!;
    const conversation = (await page.locator('#conversation').boundingBox())!;
    expect(queue.x + queue.width).toBeLessThanOrEqual(conversation.x + 1);
    expect(Math.abs(queue.y - conversation.y)).toBeLessThan(2);
    expect(await page.locator('.back-link').isVisible()).toBe(false);
    expect(await fitsWidth(page)).toBe(true);
    await page.locator('.history').evaluate((history) => (history.scrollTop = history.scrollHeight));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, 'console-laptop.png') });
  });

  it('shows one column at phone width: the queue, then the conversation with a way back', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, locale: 'en-GB', timezoneId: 'Asia/Tokyo' });
    const { page: mobile, problems: mobileProblems } = await consolePage(phone);
    await signIn(mobile, stack.botUrl, tanaka);
    await mobile.locator('.queue-item', { hasText: 'Bishnu Shrestha' }).waitFor();
    expect(await mobile.locator('#conversation').isVisible()).toBe(false);
    expect(await fitsWidth(mobile)).toBe(true);
    await mobile.getByRole('button', { name: 'All active' }).click();
    await mobile.locator('.queue-item', { hasText: 'Siti Rahma' }).waitFor();
    const queueShot = await mobile.screenshot();

    await mobile.locator('.queue-item', { hasText: 'Bishnu Shrestha' }).click();
    await mobile.getByRole('heading', { name: 'Bishnu Shrestha' }).waitFor();
    expect(await mobile.locator('#queue').isVisible()).toBe(false);
    expect(await mobile.getByRole('link', { name: '← Queue' }).isVisible()).toBe(true);
    expect(await fitsWidth(mobile)).toBe(true);
    await mobile.getByRole('button', { name: 'Claim' }).click();
    await mobile.locator('.state-badge', { hasText: 'With you' }).waitFor();
    await mobile.getByLabel('Reply to Bishnu Shrestha (Nepali)').fill('नमस्ते! म प्लाजाको कर्मचारी हुँ। छोराको उमेर कति हो?');
    await mobile.getByRole('button', { name: 'Send reply' }).click();
    await mobile.locator('.msg-staff', { hasText: 'नमस्ते!' }).waitFor();
    await mobile.locator('.history').evaluate((history) => (history.scrollTop = history.scrollHeight));
    const conversationShot = await mobile.screenshot();

    await mobile.getByRole('link', { name: '← Queue' }).click();
    await mobile.locator('#queue').waitFor();
    expect(await mobile.locator('#conversation').isVisible()).toBe(false);
    expect(mobileProblems.errors).toEqual([]);

    // Both phone screens side by side in one picture.
    const sheet = await browser.newPage({ viewport: { width: 840, height: 884 }, deviceScaleFactor: 2 });
    await sheet.setContent(
      `<body style="margin:0;background:#dfe4ea;display:flex;gap:20px;padding:20px">` +
        [queueShot, conversationShot].map((shot) => `<img width="390" height="844" src="data:image/png;base64,${shot.toString('base64')}">`).join('') +
        `</body>`,
    );
    await sheet.screenshot({ path: join(SHOTS, 'console-phone.png') });
    await sheet.close();
    await phone.close();
  });
});
