// @ts-check
/**
 * The FAQ editor's JSON API (src/admin/faq/api.ts), same origin. Changes carry the session's
 * CSRF token; a 401 sends the admin to the sign-in page and back here. Failures keep the
 * server's body: field issues (400) and, on a conflict (409), the entry as it is now.
 */
import { ApiError, jsonClient } from '../../lib/api.js';

export const API = '/console/admin/faq/api';

/**
 * @typedef {{ path: string, lang: string | null, field: string, before: unknown, after: unknown, added?: string[], removed?: string[] }} Change
 */

export { ApiError };

export const request = jsonClient(API, 'The server cannot be reached. Check the connection and try again; nothing was lost on this page.');

/** @param {string} id */
export const entryPath = (id) => `/entries/${encodeURIComponent(id)}`;
