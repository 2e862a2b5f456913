// @ts-check
/**
 * Helpers beside the reply box: FAQ answers to send in the resident's language (searched in
 * Japanese or English), and canned replies per language (picking one fills the reply box).
 */
import { api, ApiError } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { languageName } from '../lib/format.js';

const SEARCH_DELAY_MS = 250;

/**
 * @typedef {{ id: string, category: string, title: { ja: string, en: string, resident: string }, answer: string }} FaqEntry
 * @typedef {{ id: string, language: string, title: string, text: string, builtIn: boolean }} CannedReply
 */

/**
 * The FAQ panel.
 * @param {{ lang: string, send: (entryId: string, button: HTMLButtonElement) => Promise<void>, canSend: () => boolean }} options
 */
export function faqTool({ lang, send, canSend }) {
  const input = /** @type {HTMLInputElement} */ (
    h('input', { id: 'faq-query', type: 'search', autocomplete: 'off', placeholder: 'e.g. 在留カード, tax, garbage' })
  );
  const status = h('p', { class: 'tool-status', 'aria-live': 'polite' });
  const results = h('ul', { class: 'faq-results' });
  let timer = 0;
  let generation = 0;

  async function search() {
    const q = input.value.trim();
    const mine = ++generation;
    if (!q) {
      replace(results);
      status.textContent = 'Type a few words in Japanese or English.';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const data = await api.faq(q, lang);
      if (mine !== generation) return;
      /** @type {FaqEntry[]} */
      const entries = data.entries;
      status.textContent = entries.length ? `${entries.length} ${entries.length === 1 ? 'answer' : 'answers'} found.` : 'No FAQ answer matches. Try other words.';
      replace(results, entries.map(renderEntry));
    } catch (error) {
      if (mine === generation) status.textContent = error instanceof ApiError ? error.message : 'The search failed.';
    }
  }

  /** @param {FaqEntry} entry */
  function renderEntry(entry) {
    const preview = h('p', { class: 'faq-answer is-clamped', lang, text: entry.answer });
    const more = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button link', 'aria-expanded': 'false', text: 'Show the whole answer' }));
    more.addEventListener('click', () => {
      const open = preview.classList.toggle('is-clamped') === false;
      more.setAttribute('aria-expanded', String(open));
      more.textContent = open ? 'Show less' : 'Show the whole answer';
    });
    const sendButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button primary small', text: `Send in ${languageName(lang)}` }));
    sendButton.disabled = !canSend();
    sendButton.addEventListener('click', () => void send(entry.id, sendButton));
    return h(
      'li',
      { class: 'faq-result', 'data-entry': entry.id },
      h('p', { class: 'faq-titles' }, h('span', { lang: 'ja', text: entry.title.ja }), h('span', { class: 'faq-sep', 'aria-hidden': 'true', text: ' / ' }), h('span', { lang: 'en', text: entry.title.en })),
      preview,
      h('div', { class: 'faq-actions' }, more, sendButton),
    );
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, SEARCH_DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      window.clearTimeout(timer);
      void search();
    }
  });
  status.textContent = 'Type a few words in Japanese or English.';

  const element = h(
    'details',
    { class: 'tool', id: 'faq-tool' },
    h('summary', {}, 'FAQ answers', h('span', { class: 'tool-lang', text: ` in ${languageName(lang)}` })),
    h('div', { class: 'tool-body' }, h('label', { for: 'faq-query', text: 'Search the FAQ (Japanese or English)' }), input, status, results),
  );
  element.addEventListener('toggle', () => {
    if (/** @type {HTMLDetailsElement} */ (element).open) input.focus();
  });
  return {
    element,
    /** Enables or disables the Send buttons (e.g. after the conversation was resolved). */
    refresh() {
      for (const button of results.querySelectorAll('.faq-actions .primary')) /** @type {HTMLButtonElement} */ (button).disabled = !canSend();
    },
  };
}

/**
 * The canned replies panel.
 * @param {{ lang: string, use: (text: string) => void, currentText: () => string }} options
 */
export function cannedTool({ lang, use, currentText }) {
  const list = h('ul', { class: 'canned-list' });
  const status = h('p', { class: 'tool-status', 'aria-live': 'polite' });
  let loaded = false;

  async function load() {
    status.textContent = 'Loading…';
    try {
      const data = await api.canned(lang);
      /** @type {CannedReply[]} */
      const replies = data.replies;
      loaded = true;
      status.textContent = '';
      replace(list, replies.map(renderReply));
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : 'Could not load the canned replies.';
    }
  }

  /** @param {CannedReply} reply */
  function renderReply(reply) {
    const useButton = h('button', { type: 'button', class: 'canned-use' }, h('span', { class: 'canned-title', text: reply.title }), h('span', { class: 'canned-text', lang, text: reply.text }));
    useButton.addEventListener('click', () => use(reply.text));
    const remove =
      !reply.builtIn &&
      /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button link danger', text: 'Delete', 'aria-label': `Delete the canned reply “${reply.title}”` }));
    if (remove) {
      remove.addEventListener('click', async () => {
        remove.disabled = true;
        try {
          await api.deleteCanned(Number(reply.id.replace(/^custom:/, '')));
          await load();
        } catch (error) {
          remove.disabled = false;
          status.textContent = error instanceof ApiError ? error.message : 'Could not delete it.';
        }
      });
    }
    return h('li', { class: 'canned-item' }, useButton, remove);
  }

  const titleInput = /** @type {HTMLInputElement} */ (h('input', { id: 'canned-title', maxlength: 60, required: true, autocomplete: 'off' }));
  const textInput = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: 'canned-text', rows: 3, required: true, lang }));
  const addStatus = h('p', { class: 'form-error', role: 'alert' });
  const addForm = h(
    'form',
    { class: 'canned-form' },
    h('label', { for: 'canned-title', text: 'Short title (for staff)' }),
    titleInput,
    h('label', { for: 'canned-text', text: `Reply in ${languageName(lang)}` }),
    textInput,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', text: 'Save canned reply' })),
    addStatus,
  );
  addForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    addStatus.textContent = '';
    try {
      await api.addCanned({ language: lang, title: titleInput.value, text: textInput.value });
      titleInput.value = '';
      textInput.value = '';
      /** @type {HTMLDetailsElement} */ (addDetails).open = false;
      await load();
    } catch (error) {
      addStatus.textContent = error instanceof ApiError ? error.message : 'Could not save it.';
    }
  });
  const addDetails = h('details', { class: 'canned-add' }, h('summary', { text: `Add a canned reply in ${languageName(lang)}` }), addForm);
  addDetails.addEventListener('toggle', () => {
    if (/** @type {HTMLDetailsElement} */ (addDetails).open && !textInput.value) textInput.value = currentText();
  });

  const element = h(
    'details',
    { class: 'tool', id: 'canned-tool' },
    h('summary', {}, 'Canned replies', h('span', { class: 'tool-lang', text: ` in ${languageName(lang)}` })),
    h('div', { class: 'tool-body' }, h('p', { class: 'hint', text: 'Pick one to put it in the reply box; you can edit it before sending.' }), status, list, addDetails),
  );
  element.addEventListener('toggle', () => {
    if (/** @type {HTMLDetailsElement} */ (element).open && !loaded) void load();
  });
  return { element };
}
