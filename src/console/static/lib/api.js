// @ts-check
/**
 * The console's JSON API (src/console/api.ts), same origin. Requests that change something
 * carry the session's CSRF token in `x-csrf-token`; a 401 means the session ended, so the
 * page goes to the sign-in form and comes back here afterwards.
 */
import { meta } from './dom.js';

const BASE = '/console/api';

/**
 * @typedef {{ path: string, message: string }} Issue
 */

export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   * @param {any} [body] the server's answer: field issues (400), the current state on a conflict (409)
   */
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body ?? {};
    /** @type {Issue[]} */
    this.issues = Array.isArray(body?.issues) ? body.issues : [];
  }
}

/** Sends the browser to the sign-in page, to come back to this page. */
export function signInAgain() {
  location.assign(`/console/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/**
 * A JSON client for one API base (the console's, or an admin section's).
 * @param {string} base
 * @param {string} [offline] what to say when the server cannot be reached
 */
export function jsonClient(base, offline = 'The server cannot be reached. Check the connection and try again.') {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>}
   */
  return async function request(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = meta('csrf-token');
    let response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(offline, 0);
    }
    if (response.status === 401) {
      signInAgain();
      throw new ApiError('Your session has ended. Please sign in again.', 401);
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(typeof data.error === 'string' ? data.error : `The server answered ${response.status}.`, response.status, data);
    return data;
  };
}

export const request = jsonClient(BASE, 'The server cannot be reached. Check the connection; the console keeps trying.');

export const api = {
  /** @param {string} filter */
  queue: (filter) => request('GET', `/conversations?filter=${encodeURIComponent(filter)}`),
  /** @param {number} id */
  conversation: (id) => request('GET', `/conversations/${id}`),
  /**
   * @param {number} id
   * @param {Record<string, unknown>} action
   */
  act: (id, action) => request('POST', `/conversations/${id}/actions`, action),
  /**
   * @param {number} id
   * @param {number} lastReadId
   */
  markRead: (id, lastReadId) => request('POST', `/conversations/${id}/read`, { lastReadId }),
  /**
   * @param {string} q
   * @param {string} lang
   */
  faq: (q, lang) => request('GET', `/faq?q=${encodeURIComponent(q)}&lang=${encodeURIComponent(lang)}`),
  /** @param {string} lang */
  canned: (lang) => request('GET', `/canned?lang=${encodeURIComponent(lang)}`),
  /** @param {{ language: string, title: string, text: string }} reply */
  addCanned: (reply) => request('POST', '/canned', reply),
  /** @param {number} id */
  deleteCanned: (id) => request('DELETE', `/canned/${id}`),
  me: () => request('GET', '/me'),
};
