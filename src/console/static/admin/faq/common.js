// @ts-check
/**
 * Pieces the FAQ editor's views share: language names, the LINE bubble text with contacts
 * filled in, field errors by path, notices, and before/after tables. Text nodes only.
 */
import { h, replace } from '../../lib/dom.js';
import { LANGUAGE_NAMES } from '../../lib/format.js';

/** The ten languages, in the order the bot lists them (src/i18n/languages.ts). */
export const LANGUAGES = ['ja', 'ja-easy', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ne', 'id', 'tl'];

/** Entry ids and contact keys: lowercase kebab-case. */
export const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** LINE's limit for one text message, in UTF-16 code units (src/line/limits.ts). */
export const MAX_TEXT_LENGTH = 5000;

const PLACEHOLDER = /\{\{(phone|phoneAlt|url|hours|address):([a-z0-9-]+)\}\}/g;

/** @param {string} code */
export const languageName = (code) => LANGUAGE_NAMES[code]?.name ?? code;

/** @param {string} code */
export function languageBadge(code) {
  return h('span', { class: 'lang-badge', lang: code === 'ja-easy' ? 'ja' : code, text: LANGUAGE_NAMES[code]?.short ?? code });
}

/**
 * The answer as residents will read it: placeholders replaced by the contact's value in this
 * language. Unknown placeholders are listed in `problems` and shown bracketed, never blank.
 * @param {string} text
 * @param {Record<string, any>} contacts
 * @param {string} lang
 * @returns {{ text: string, problems: string[] }}
 */
export function fillContacts(text, contacts, lang) {
  /** @type {string[]} */
  const problems = [];
  const filled = text.replace(PLACEHOLDER, (placeholder, field, key) => {
    const value = contacts[key]?.[field];
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') return value[lang] ?? value.en ?? placeholder;
    problems.push(contacts[key] ? `${placeholder}: the contact "${key}" has no ${field}` : `${placeholder}: there is no contact "${key}"`);
    return `[${placeholder}]`;
  });
  return { text: filled, problems };
}

/**
 * Field errors keyed by path: each field registers the element that shows its errors, and
 * server issues (`texts.vi.answer`, `sources.0.url`) land on the closest registered field.
 */
export class FieldErrors {
  constructor() {
    /** @type {Map<string, HTMLElement>} */
    this.slots = new Map();
  }

  /**
   * An empty error line for a field, to put under it.
   * @param {string} path
   */
  slot(path) {
    const element = h('p', { class: 'field-error', id: `error-${path.replace(/[^a-zA-Z0-9-]/g, '-')}` });
    this.slots.set(path, element);
    return element;
  }

  clear() {
    for (const element of this.slots.values()) {
      element.textContent = '';
      element.closest('.field')?.classList.remove('has-error');
    }
  }

  /**
   * Shows each issue at its field; returns the issues no field took.
   * @param {Array<{ path: string, message: string }>} issues
   */
  show(issues) {
    this.clear();
    /** @type {Array<{ path: string, message: string }>} */
    const rest = [];
    for (const issue of issues) {
      const parts = issue.path.split('.');
      let slot;
      while (parts.length && !(slot = this.slots.get(parts.join('.')))) parts.pop();
      if (!slot) {
        rest.push(issue);
        continue;
      }
      slot.textContent = slot.textContent ? `${slot.textContent} ${issue.message}` : issue.message;
      slot.closest('.field')?.classList.add('has-error');
    }
    return rest;
  }
}

/**
 * A notice box's content: a tone and a message, optional list and actions.
 * @param {HTMLElement} box
 * @param {'ok' | 'warn' | 'danger' | 'info' | ''} tone
 * @param {...import('../../lib/dom.js').Child} content
 */
export function notify(box, tone, ...content) {
  if (tone) box.dataset.tone = tone;
  else delete box.dataset.tone;
  replace(box, ...content);
}

/**
 * The issues as a list under a heading.
 * @param {string} title
 * @param {Array<{ path: string, message: string }>} issues
 */
export function issueList(title, issues) {
  return [h('p', { text: title }), issues.length ? h('ul', {}, issues.map((issue) => h('li', {}, issue.path ? h('code', { text: issue.path }) : null, issue.path ? ': ' : '', issue.message))) : null];
}

/** @param {unknown} value */
function show(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join('\n');
  if (Array.isArray(value)) return value.map((item) => (item && typeof item === 'object' ? [item.title, item.url].filter(Boolean).join(' - ') : String(item))).join('\n');
  return JSON.stringify(value, null, 1);
}

/** Field names as admins read them. */
const FIELD_NAMES = /** @type {Record<string, string>} */ ({
  title: 'Title',
  questions: 'Questions',
  keywords: 'Keywords',
  answer: 'Answer',
  category: 'Category',
  urgent: 'Urgent',
  related: 'Related entries',
  sources: 'Sources',
  reviewed: 'Reviewed',
  phone: 'Phone',
  phoneAlt: 'Other phone',
  url: 'Web page',
  hours: 'Hours',
  address: 'Address',
});

/**
 * One cell of a before/after table: a list shows what was added and removed, text in full.
 * @param {import('./api.js').Change} change
 * @param {'before' | 'after'} side
 */
function changeCell(change, side) {
  const value = change[side];
  const cls = side === 'before' ? 'diff-before' : 'diff-after';
  if (value === undefined || value === null || value === '') return h('td', { class: `${cls} diff-none`, text: side === 'before' ? '(none)' : '(removed)' });
  if (change.added || change.removed) {
    const marked = side === 'before' ? new Set(change.removed) : new Set(change.added);
    const tag = side === 'before' ? 'del' : 'ins';
    const items = /** @type {string[]} */ (value);
    return h('td', { class: cls }, h('ul', { class: 'diff-list' }, items.map((item) => h('li', {}, marked.has(item) ? h(tag, { text: item }) : item))));
  }
  return h('td', { class: cls, text: show(value) });
}

/**
 * A before/after table, one row per changed field ("Vietnamese · Answer").
 * @param {import('./api.js').Change[]} changes
 * @param {string} [caption]
 */
export function changesTable(changes, caption) {
  if (!changes.length) return h('p', { class: 'muted', text: 'No field changed.' });
  return h(
    'div',
    { class: 'table-wrap diff-wrap' },
    h(
      'table',
      { class: 'diff' },
      caption ? h('caption', { text: caption }) : null,
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Field' }), h('th', { scope: 'col', text: 'Before' }), h('th', { scope: 'col', text: 'After' }))),
      h(
        'tbody',
        {},
        changes.map((change) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row', class: 'diff-key', text: `${change.lang ? `${languageName(change.lang)} · ` : ''}${FIELD_NAMES[change.field] ?? change.field}` }),
            changeCell(change, 'before'),
            changeCell(change, 'after'),
          ),
        ),
      ),
    ),
  );
}

/**
 * "Vietnamese answer, English keywords, sources" - a change list in a line.
 * @param {import('./api.js').Change[]} changes
 */
export function changeSummary(changes) {
  if (!changes.length) return 'no field changed';
  const names = changes.map((c) => `${c.lang ? `${languageName(c.lang)} ` : ''}${(FIELD_NAMES[c.field] ?? c.field).toLowerCase()}`);
  return names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** @param {number} at */
export const when = (at) => dateTime.format(new Date(at));

/**
 * "by Aiko, 23 Nov 2026 10:42" or "loaded from knowledge/ files".
 * @param {{ displayName: string } | null} who
 * @param {number} at
 */
export function byline(who, at) {
  return `${who ? `by ${who.displayName}` : 'by a knowledge load'}, ${when(at)}`;
}

/** @param {string} status */
export function statusBadge(status) {
  return h('span', { class: 'status-badge', 'data-tone': status === 'active' ? 'ok' : 'muted', text: status === 'active' ? 'Active' : 'Archived' });
}

/**
 * Marks a button busy while a task runs, so a double click does not send twice.
 * @param {HTMLButtonElement} button
 * @param {() => Promise<void>} task
 */
export async function busy(button, task) {
  if (button.disabled) return;
  button.disabled = true;
  button.classList.add('is-busy');
  try {
    await task();
  } finally {
    button.disabled = false;
    button.classList.remove('is-busy');
  }
}
