// @ts-check
/**
 * The FAQ editor's JSON API (src/admin/faq/api.ts), same origin. Changes carry the session's
 * CSRF token; a 401 sends the admin to the sign-in page and back here. Failures keep the
 * server's body: field issues (400) and, on a conflict (409), the entry as it is now.
 */
import { meta } from '../../lib/dom.js';

export const API = '/console/admin/faq/api';

/**
 * @typedef {{ path: string, message: string }} Issue
 * @typedef {{ path: string, lang: string | null, field: string, before: unknown, after: unknown, added?: string[], removed?: string[] }} Change
 */

export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   * @param {any} body
   */
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body ?? {};
    /** @type {Issue[]} */
    this.issues = Array.isArray(body?.issues) ? body.issues : [];
  }
}

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = meta('csrf-token');
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError('The server cannot be reached. Check the connection and try again; nothing was lost on this page.', 0, {});
  }
  if (response.status === 401) {
    location.assign(`/console/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new ApiError('Your session has ended. Please sign in again.', 401, {});
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(typeof data.error === 'string' ? data.error : `The server answered ${response.status}.`, response.status, data);
  return data;
}

/** @param {string} id */
export const entryPath = (id) => `/entries/${encodeURIComponent(id)}`;
