/** Where to send someone after they sign in: only ever a path inside the console on this site. */

export const CONSOLE_HOME = '/console';
const MAX_NEXT_LENGTH = 2048;

/**
 * `value` if it is a same-site relative path into the console (`/console`, `/console/...`,
 * `/console?...`), otherwise undefined. Everything a browser could read as another host is
 * refused: `//evil`, `/\evil`, `https://evil`, control characters or backslashes anywhere
 * (browsers strip tabs and newlines, and treat `\` as `/`). The login and logout pages are
 * not destinations (they would loop), so they give undefined too.
 */
export function safeNextPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NEXT_LENGTH) return undefined;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  if (!/^\/console(?:[/?#]|$)/.test(value)) return undefined;
  // Belt and braces: resolved against a placeholder origin, the path must stay on it and
  // inside the console after dot segments are collapsed ("/console/../evil").
  let url: URL;
  try {
    url = new URL(value, 'https://same.invalid');
  } catch {
    return undefined;
  }
  if (url.origin !== 'https://same.invalid' || !/^\/console(?:\/|$)/.test(url.pathname)) return undefined;
  if (/^\/console\/(?:login|logout)\/?$/.test(url.pathname)) return undefined;
  return url.pathname + url.search + url.hash;
}
