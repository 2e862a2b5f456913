/** Debian's Chromium driven by playwright-core, and signing in to the console like a person. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH, type E2eStaff } from './constants';

/** Headless, no sandbox (containers), and nothing that reaches for the network by itself. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageProblems {
  /** Uncaught exceptions and console errors on the page (besides the ones a test expects). */
  errors: string[];
}

/**
 * A page that records its script errors and, in `window.__notifications`, every browser
 * notification it shows (a stand-in Notification with permission already granted).
 */
export async function consolePage(context: BrowserContext): Promise<{ page: Page; problems: PageProblems }> {
  await context.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    class RecordingNotification extends EventTarget {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string, options?: { body?: string }) {
        super();
        shown.push({ title, body: options?.body ?? '' });
      }
      close() {}
    }
    Object.assign(globalThis, { Notification: RecordingNotification, __notifications: shown });
  });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The browser asks for /favicon.ico by itself on the login page; that 404 is not the console's.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.errors.push(`console: ${message.text()}`);
  });
  return { page, problems };
}

/** Signs in through the login form and waits until the console is live. */
export async function signIn(page: Page, botUrl: string, staff: E2eStaff): Promise<void> {
  await page.goto(`${botUrl}/console`);
  await page.getByLabel('Login name').fill(staff.login);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${botUrl}/console`);
  await page.locator('#live-status[data-state="live"]').waitFor({ timeout: 15_000 });
}

// Run in the page; written as expressions because this file is type-checked without the DOM library.
/** Whether the page fits the window's width (nothing scrolls sideways). */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
}

/** The id of the focused element. */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate('document.activeElement?.id');
}

/** Polls `check` until it returns something truthy, or fails with `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}
