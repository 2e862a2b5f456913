// @ts-check
/**
 * The entry list: search in any language and filters (category, language with a missing
 * translation, not reviewed for N months, status). The filter lives in the address, so a
 * filtered list can be bookmarked or shared.
 */
import { h, replace } from '../../lib/dom.js';
import { request } from './api.js';
import { busy, languageBadge, languageName, LANGUAGES, notify, statusBadge, when } from './common.js';

const CATEGORIES = ['consultation', 'residence', 'procedures', 'health', 'emergency', 'pension-tax', 'work', 'family', 'life', 'disaster'];
const STALE_CHOICES = [
  ['', 'Any review date'],
  ['3', 'Not reviewed for 3 months'],
  ['6', 'Not reviewed for 6 months'],
  ['12', 'Not reviewed for 12 months'],
  ['24', 'Not reviewed for 2 years'],
];

/**
 * @param {string} name
 * @param {string} label
 * @param {Array<[string, string]>} options
 * @param {string} value
 */
function select(name, label, options, value) {
  const id = `faq-filter-${name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, text: label }),
    h('select', { id, name }, options.map(([v, text]) => h('option', { value: v, text, selected: v === value }))),
  );
}

/**
 * @param {HTMLElement} root
 * @param {string} home
 */
export function mountList(root, home) {
  const params = new URLSearchParams(location.search);
  const status = h('div', { class: 'notice', role: 'status' });
  const search = h('input', { type: 'search', id: 'faq-filter-q', name: 'q', value: params.get('q') ?? '', placeholder: 'ゴミ, visa, thẻ cư trú…', autocomplete: 'off' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'admin-toolbar faq-filters', role: 'search' },
      h('div', { class: 'field grow' }, h('label', { for: 'faq-filter-q', text: 'Search (any language)' }), search),
      select('category', 'Category', [['', 'All categories'], ...CATEGORIES.map((c) => /** @type {[string, string]} */ ([c, c]))], params.get('category') ?? ''),
      select('lang', 'Language', [['', 'All languages'], ...LANGUAGES.map((l) => /** @type {[string, string]} */ ([l, languageName(l)]))], params.get('lang') ?? ''),
      select('stale', 'Review date', /** @type {Array<[string, string]>} */ (STALE_CHOICES), params.get('stale') ?? ''),
      select('status', 'Status', [['active', 'Active'], ['archived', 'Archived'], ['all', 'All']], params.get('status') ?? 'active'),
      h(
        'div',
        { class: 'check faq-missing' },
        h('input', { type: 'checkbox', id: 'faq-filter-missing', name: 'missing', value: '1', checked: params.get('missing') === '1' }),
        h('label', { for: 'faq-filter-missing', text: 'Missing translation' }),
      ),
      h('button', { type: 'submit', class: 'button primary', text: 'Search' }),
    )
  );
  const count = h('p', { class: 'faq-count muted', 'aria-live': 'polite' });
  const body = h('tbody');
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'admin-table is-stacked faq-list' },
      h(
        'thead',
        {},
        h('tr', {}, ['Entry', 'Category', 'Status', 'Missing translation', 'Reviewed', 'Last change'].map((label) => h('th', { scope: 'col', text: label }))),
      ),
      body,
    ),
  );
  replace(root, status, form, count, table);

  const staleBefore = (/** @type {number} */ months) => {
    const date = new Date();
    date.setMonth(date.getMonth() - months);
    return date.toISOString().slice(0, 10);
  };

  async function load() {
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value !== '' && !(key === 'status' && value === 'active')) query.set(key, String(value));
    history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
    notify(status, '');
    try {
      const data = await request('GET', `/entries?${query}`);
      const lang = query.get('lang');
      count.textContent = `${data.entries.length} of ${data.total} entries`;
      const old = staleBefore(12);
      replace(
        body,
        data.entries.length
          ? data.entries.map((/** @type {any} */ entry) =>
              h(
                'tr',
                { class: entry.status === 'archived' ? 'is-muted' : '' },
                h(
                  'td',
                  { 'data-label': 'Entry' },
                  h('a', { class: 'cell-main', href: `${home}/entries/${encodeURIComponent(entry.id)}`, text: (lang && entry.titles[lang]) || entry.titles.en }),
                  entry.urgent ? h('span', { class: 'status-badge', 'data-tone': 'danger', text: 'Urgent' }) : null,
                  h('span', { class: 'cell-sub', lang: 'ja', text: entry.titles.ja }),
                  h('span', { class: 'cell-sub mono', text: entry.id }),
                ),
                h('td', { 'data-label': 'Category', text: entry.category }),
                h('td', { 'data-label': 'Status' }, statusBadge(entry.status)),
                h('td', { 'data-label': 'Missing' }, entry.missing.length ? h('span', { class: 'faq-badges' }, entry.missing.map(languageBadge)) : h('span', { class: 'muted', text: '-' })),
                h('td', { 'data-label': 'Reviewed', class: 'nowrap' }, h('span', { class: 'status-badge', 'data-tone': entry.reviewed < old ? 'warn' : 'muted', text: entry.reviewed })),
                h('td', { 'data-label': 'Last change' }, h('span', { text: entry.updatedBy ? entry.updatedBy.displayName : 'knowledge load' }), h('span', { class: 'cell-sub', text: `r${entry.revision} · ${when(entry.updatedAt)}` })),
              ),
            )
          : h('tr', {}, h('td', { colspan: 6, class: 'empty', text: 'No entry matches. Try another word or fewer filters.' })),
      );
    } catch (error) {
      const issues = /** @type {any} */ (error).issues ?? [];
      notify(status, 'danger', /** @type {Error} */ (error).message, issues.length ? h('ul', {}, issues.map((/** @type {any} */ i) => h('li', { text: `${i.path}: ${i.message}` }))) : null);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
    void busy(button, load);
  });
  form.addEventListener('change', () => void load());
  let timer = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void load(), 250);
  });
  void load();
}
