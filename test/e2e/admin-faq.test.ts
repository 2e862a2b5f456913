/**
 * The FAQ editor end to end in a real browser: an admin finds an entry, edits its English
 * answer with the languages side by side (the LINE preview follows), saves, and a resident on
 * LINE gets the new answer at once; a second tab saving over the same revision is shown the
 * conflict with the other change. With FAQ_SCREENSHOT=1 it also writes docs/admin-faq.png.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consolePage, eventually, fitsWidth, launchBrowser, type PageProblems } from './support/browser';
import { E2E_ADMIN, ROOT } from './support/constants';
import { Residents } from './support/resident';
import { startStack, type Stack } from './support/stack';

const ADMIN = E2E_ADMIN;
const NEW_ANSWER = 'Put burnable garbage out by 8:30 on your collection day (edited in the browser). Unsure? Ask at {{address:plaza}}.';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
let residents: Residents;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(inject('e2eTemplate')), launchBrowser()]);
  residents = new Residents(stack.emulator.url);
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  ({ page, problems } = await consolePage(context));
  await page.goto(`${stack.botUrl}/console/admin/faq`);
  await page.getByLabel('Login name').fill(ADMIN.login);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.botUrl}/console/admin/faq`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the FAQ editor in a browser', () => {
  let resident: string;

  it('finds an entry by searching in another language', async () => {
    resident = await residents.create('Ana', 'en');
    await residents.say(resident, 'when is garbage day');
    const before = await residents.waitForBotMessage(resident, 'the first answer', (m) => Boolean(m.text?.includes('\n\n')));
    expect(before.text).not.toContain('edited in the browser');

    await page.locator('.faq-list tbody tr').first().waitFor();
    await page.getByLabel('Search (any language)').fill('ゴミ');
    await page.locator('.faq-count', { hasText: /^\d+ of \d+ entries$/ }).waitFor();
    await eventually('the search to narrow the list', async () => (await page.locator('.faq-list tbody tr').count()) < 20);
    await page.locator('.faq-list a[href$="/entries/garbage"]').click();
    await page.waitForURL(/\/console\/admin\/faq\/entries\/garbage$/);
    await page.locator('#f-texts-en-answer').waitFor();
    await expect(page.locator('.faq-lang').count()).resolves.toBe(10);
  });

  it('edits the English answer with a live LINE preview, saves, and the bot answers with it at once', async () => {
    if (process.env.FAQ_SCREENSHOT) {
      // The whole entry page at laptop width: shared fields, then the languages side by side with their LINE previews.
      await page.locator('.line-bubble').first().waitFor();
      await page.screenshot({ path: join(ROOT, 'docs/admin-faq.png'), fullPage: true });
    }
    const answer = page.locator('#f-texts-en-answer');
    await answer.fill(NEW_ANSWER);
    const bubble = page.locator('.faq-lang[data-lang="en"] .line-bubble');
    await expect(bubble.textContent()).resolves.toContain('(edited in the browser). Unsure? Ask at Kumamoto City International Center (2nd floor)');
    await expect(page.locator('.faq-lang[data-lang="en"] .line-bubble-meta').textContent()).resolves.toMatch(/^\d+ \/ 5000 characters in LINE$/);
    await page.getByLabel(/What changed/).fill('earlier collection time');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.faq-app > .notice[data-tone="ok"]', { hasText: /Saved as revision \d+/ }).waitFor();

    const afterSeq = await residents.lastSeq();
    await residents.say(resident, 'when is garbage day');
    const reply = await residents.waitForBotMessage(resident, 'the edited answer', (m) => Boolean(m.text?.includes('edited in the browser')), { afterSeq });
    expect(reply.text).toContain('Put burnable garbage out by 8:30');
    expect(reply.text).not.toContain('{{');
  });

  it('shows a field error in place when a save is refused', async () => {
    await page.locator('#f-texts-vi-answer').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.faq-app > .notice[data-tone="danger"]', { hasText: 'Not saved' }).waitFor();
    await expect(page.locator('#error-texts-vi-answer').textContent()).resolves.not.toBe('');
    await page.reload();
  });

  it('shows the second of two tabs the other change instead of overwriting it', async () => {
    const { page: other } = await consolePage(context);
    await other.goto(`${stack.botUrl}/console/admin/faq/entries/garbage`);
    await other.locator('#f-texts-ko-title').waitFor();
    await page.locator('#f-texts-ko-title').waitFor();

    await other.locator('#f-texts-ko-title').fill('쓰레기 배출 (다른 탭)');
    await other.getByRole('button', { name: 'Save changes' }).click();
    await other.locator('.faq-app > .notice[data-tone="ok"]').waitFor();

    await page.locator('#f-texts-tl-title').fill('Basura (this tab)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.locator('.faq-app > .notice[data-tone="danger"]');
    await conflict.locator('text=Not saved: someone else changed this entry').waitFor();
    await expect(conflict.textContent()).resolves.toContain(ADMIN.displayName);
    await expect(conflict.locator('.diff tbody tr').allTextContents()).resolves.toEqual([expect.stringContaining('쓰레기 배출 (다른 탭)')]);
    await expect(page.locator('#f-texts-tl-title').inputValue()).resolves.toBe('Basura (this tab)');
    await page.getByRole('button', { name: 'Load their version (drop my edits)' }).click();
    await expect(page.locator('#f-texts-ko-title').inputValue()).resolves.toBe('쓰레기 배출 (다른 탭)');
    await other.close();
  });

  it('lists the edits in the history with a field diff', async () => {
    await page.getByRole('link', { name: 'History' }).click();
    await page.locator('.faq-revision').first().waitFor();
    const first = page.locator('.faq-revision').first();
    await expect(first.textContent()).resolves.toContain(ADMIN.displayName);
    await expect(page.locator('.faq-revision').nth(1).textContent()).resolves.toContain('earlier collection time');
  });

  it('is usable at phone width: nothing scrolls sideways, languages stack', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.botUrl}/console/admin/faq`);
    await page.locator('.faq-list tbody tr').first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.goto(`${stack.botUrl}/console/admin/faq/entries/garbage`);
    await page.locator('#f-texts-en-answer').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    // The refused save (400) and the conflict (409) are logged by the browser as failed loads; nothing else may be.
    expect(problems.errors.filter((error) => !/status of (400|409)/.test(error))).toEqual([]);
  });
});
