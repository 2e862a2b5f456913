/**
 * Disaster mode end to end in a real browser: an admin chooses a template, edits a notice and
 * switches disaster mode on with a broadcast; residents on LINE get the notice in their own
 * language, and the bot's next reply begins with it; the admin watches the broadcast finish,
 * switches off, and the notice is gone from the replies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consolePage, eventually, launchBrowser, type PageProblems } from './support/browser';
import { E2E_ADMIN, ROOT } from './support/constants';
import { Residents } from './support/resident';
import { startStack, type Stack } from './support/stack';

type Locale = { disaster: { templates: Record<string, string> }; greeting: { welcome: string } };
const locale = (lang: string) => JSON.parse(readFileSync(join(ROOT, 'locales', `${lang}.json`), 'utf8')) as Locale;
const HEAVY_RAIN = { vi: locale('vi').disaster.templates['heavy-rain'], ne: locale('ne').disaster.templates['heavy-rain'], en: locale('en').disaster.templates['heavy-rain'] };
const EDITED_EN = `${HEAVY_RAIN.en}\nUpdated by the city at 14:00.`;

const ADMIN = E2E_ADMIN;

let stack: Stack;
let browser: Browser;
let page: Page;
let problems: PageProblems;
let residents: Residents;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(inject('e2eTemplate')), launchBrowser()]);
  residents = new Residents(stack.emulator.url);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  ({ page, problems } = await consolePage(context));
  await page.goto(`${stack.botUrl}/console/admin/disaster`);
  await page.getByLabel('Login name').fill(ADMIN.login);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.botUrl}/console/admin/disaster`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('disaster mode in the admin page', () => {
  const people: Record<'vi' | 'ne' | 'en', string> = { vi: '', ne: '', en: '' };

  it('starts in normal mode; residents who wrote before are the broadcast’s audience', async () => {
    for (const lang of ['vi', 'ne', 'en'] as const) {
      people[lang] = await residents.create(`Resident ${lang}`, lang);
      await residents.say(people[lang], lang === 'vi' ? 'xin chào' : lang === 'ne' ? 'नमस्ते' : 'hello');
      await residents.waitForBotMessage(people[lang], 'the first reply', () => true);
    }
    await expect(page.locator('#disaster-state-label').textContent()).resolves.toBe('Normal mode');
    await page.reload();
    await page.locator('#disaster-form[data-ready="true"]').waitFor();
    await expect(page.locator('#disaster-audience').textContent()).resolves.toBe('3');
  });

  it('fills every language from a template, previews it as a LINE bubble, and keeps an edit', async () => {
    await page.getByLabel('Heavy rain').check();
    await expect(page.locator('#notice-vi').inputValue()).resolves.toBe(HEAVY_RAIN.vi);
    await expect(page.locator('[data-preview-for="vi"]').textContent()).resolves.toBe(HEAVY_RAIN.vi);
    await page.locator('#notice-en').fill(EDITED_EN);
    await expect(page.locator('[data-preview-for="en"]').textContent()).resolves.toBe(EDITED_EN);
  });

  it('switches on with a broadcast: each resident gets the notice in their language, and the progress shows it done', async () => {
    const before = await residents.lastSeq();
    await page.getByLabel(/Also send this notice now/).check();
    await page.getByRole('button', { name: 'Switch disaster mode on' }).click();
    await page.locator('#disaster-state-label', { hasText: 'Disaster mode is ON' }).waitFor();
    await expect(page.locator('#disaster-status').textContent()).resolves.toContain('every reply now begins with the notice');

    for (const lang of ['vi', 'ne'] as const) {
      await residents.waitForBotMessage(people[lang], `the ${lang} broadcast`, (m) => m.text === HEAVY_RAIN[lang], { afterSeq: before });
    }
    await residents.waitForBotMessage(people.en, 'the edited English broadcast', (m) => m.text === EDITED_EN, { afterSeq: before });

    await page.locator('#disaster-progress-status[data-status="done"]').waitFor({ timeout: 15_000 });
    const stats = await page.locator('#disaster-progress .stat').allTextContents();
    expect(stats).toEqual(['3Residents', '3Sent', '0Failed', '0Waiting']);
    await page.locator('#disaster-history-table tr[data-action="disaster.on"]').waitFor();
    await page.locator('#disaster-history-table tr[data-action="disaster.broadcast"]').waitFor();
  });

  it('makes the bot’s next reply begin with the notice, in the resident’s language', async () => {
    const before = await residents.lastSeq();
    await residents.say(people.vi, 'gia han the cu tru o dau');
    const first = await residents.waitForBotMessage(people.vi, 'a reply', () => true, { afterSeq: before });
    expect(first.text).toBe(HEAVY_RAIN.vi);
  });

  it('switches off: the notice is gone from the next reply', async () => {
    await page.getByRole('button', { name: 'Switch disaster mode off' }).click();
    await page.locator('#disaster-state-label', { hasText: 'Normal mode' }).waitFor();
    await page.locator('#disaster-history-table tr[data-action="disaster.off"]').waitFor();

    const before = await residents.lastSeq();
    await residents.say(people.vi, 'gia han the cu tru o dau');
    const reply = await eventually('the reply after switching off', async () => {
      const messages = await residents.botMessages(people.vi, before);
      return messages.length ? messages : undefined;
    });
    expect(reply.map((m) => m.text).join('\n')).not.toContain(HEAVY_RAIN.vi);
    expect(problems.errors).toEqual([]);
  });
});
