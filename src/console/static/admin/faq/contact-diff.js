// @ts-check
/** Before/after of a contact, field by field (localised hours and addresses per language). */
import { changesTable, LANGUAGES } from './common.js';

const FIELDS = ['phone', 'phoneAlt', 'url', 'hours', 'address', 'sources', 'reviewed'];

/**
 * @param {Record<string, any>} before
 * @param {Record<string, any>} after
 */
export function diffContactsView(before, after) {
  /** @type {import('./api.js').Change[]} */
  const changes = [];
  for (const field of FIELDS) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if ((field === 'hours' || field === 'address') && (a || b)) {
      for (const lang of LANGUAGES) if (a?.[lang] !== b?.[lang]) changes.push({ path: `${field}.${lang}`, lang, field, before: a?.[lang], after: b?.[lang] });
    } else changes.push({ path: field, lang: null, field, before: a, after: b });
  }
  return changesTable(changes);
}
