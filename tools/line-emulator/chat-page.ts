/**
 * Serves the browser chat page (./public) that plays the LINE app for emulated users.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/chat.js': { file: 'chat.js', type: 'text/javascript; charset=utf-8' },
  '/chat.css': { file: 'chat.css', type: 'text/css; charset=utf-8' },
};

/** Creates the sub-app serving the chat page and its script and stylesheet. */
export function createChatPage(): Hono {
  const page = new Hono();
  for (const [path, asset] of Object.entries(ASSETS)) {
    // Read per request so editing the page needs no restart.
    page.get(path, (c) =>
      c.body(readFileSync(new URL(`./public/${asset.file}`, import.meta.url), 'utf8'), 200, {
        'content-type': asset.type,
        // The page only talks to this origin; a strict CSP backs up the textContent-only rendering.
        'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
        'cache-control': 'no-store',
      }),
    );
  }
  return page;
}
