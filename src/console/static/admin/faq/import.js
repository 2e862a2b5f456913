// @ts-check
/**
 * Export (the `knowledge/` bundle as JSON, one CSV per language for translators) and import:
 * a file is previewed first - which entries and fields would be added, changed or archived -
 * and applied all at once with the preview's fingerprint, so a knowledge base that changed
 * meanwhile is refused rather than half-overwritten.
 */
import { h, replace } from '../../lib/dom.js';
import { API, ApiError, request } from './api.js';
import { busy, changesTable, changeSummary, issueList, languageName, LANGUAGES, notify } from './common.js';

const ACTION_NAMES = /** @type {Record<string, { label: string, tone: string }>} */ ({
  add: { label: 'New', tone: 'ok' },
  change: { label: 'Changed', tone: 'info' },
  archive: { label: 'Archived', tone: 'warn' },
  unarchive: { label: 'Brought back', tone: 'ok' },
});

/**
 * @param {HTMLElement} root
 * @param {string} home
 */
export function mountImport(root, home) {
  const status = h('div', { class: 'notice', role: 'status', tabindex: -1 });
  const file = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'faq-import-file', accept: '.json,.csv,application/json,text/csv' }));
  const previewButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button primary', text: 'Preview' }));
  const result = h('div', { class: 'faq-import-result' });
  const form = h(
    'form',
    { class: 'admin-form' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'faq-import-file', text: 'File to import' }),
      file,
      h('p', { class: 'field-hint', text: 'The JSON export (the whole knowledge: entries it does not list are archived; contacts it does not list are kept) or one language\'s CSV (only that language\'s texts of the entries it lists change). Nothing changes until you apply the preview.' }),
    ),
    h('div', { class: 'form-actions' }, previewButton),
  );

  /** @type {{ body: Record<string, unknown>, fingerprint: string } | undefined} */
  let previewed;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(previewButton, async () => {
      previewed = undefined;
      replace(result);
      notify(status, '');
      const chosen = file.files?.[0];
      if (!chosen) return notify(status, 'warn', 'Choose a file first.');
      const text = await chosen.text();
      /** @type {Record<string, unknown>} */
      let body;
      if (/\.csv$/i.test(chosen.name) || chosen.type === 'text/csv') body = { format: 'csv', csv: text };
      else {
        try {
          body = { format: 'bundle', bundle: JSON.parse(text) };
        } catch {
          return notify(status, 'danger', 'This file is not JSON. Choose the JSON export or a language CSV.');
        }
      }
      try {
        const plan = await request('POST', '/import/preview', body);
        previewed = { body, fingerprint: plan.fingerprint };
        showPlan(plan, chosen.name);
      } catch (error) {
        failed(error, 'Cannot import this file');
      }
    });
  });

  /** @param {unknown} error @param {string} title */
  function failed(error, title) {
    if (error instanceof ApiError && error.issues.length) notify(status, 'danger', ...issueList(`${title}: ${error.message}`, error.issues));
    else notify(status, 'danger', `${title}: ${/** @type {Error} */ (error).message}`);
    status.focus();
  }

  /**
   * @param {any} plan
   * @param {string} name
   */
  function showPlan(plan, name) {
    const total = plan.entries.length + plan.contacts.length + (plan.outOfScope ? 1 : 0);
    if (!total) {
      replace(result, h('div', { class: 'notice', 'data-tone': 'ok', text: `${name}: nothing would change (${plan.unchanged} entries are the same). There is nothing to apply.` }));
      return;
    }
    const apply = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button primary', text: `Apply ${total} change${total === 1 ? '' : 's'}` }));
    apply.addEventListener('click', () =>
      busy(apply, async () => {
        if (!previewed) return;
        try {
          const applied = await request('POST', '/import/apply', { ...previewed.body, fingerprint: previewed.fingerprint });
          previewed = undefined;
          replace(result);
          file.value = '';
          notify(status, 'ok', applied.applied ? `Imported: ${describeCounts(applied.counts)}. Residents get the new answers from their next message.` : 'Nothing changed.');
          status.focus();
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            previewed = undefined;
            replace(result);
            notify(status, 'danger', `Not imported: ${error.message}. Nothing was changed.`);
            status.focus();
          } else failed(error, 'Not imported');
        }
      }),
    );
    replace(
      result,
      h(
        'section',
        { class: 'admin-card', 'aria-labelledby': 'faq-preview-title' },
        h('h2', { id: 'faq-preview-title', class: 'admin-card-title', text: `Preview of ${name}` }),
        h('p', { text: `${describeCounts(plan.counts)}${plan.outOfScope ? '; the out-of-scope examples change' : ''}. ${plan.unchanged} listed entries stay as they are.` }),
        h(
          'ul',
          { class: 'faq-plan' },
          plan.entries.map((/** @type {any} */ entry) =>
            h(
              'li',
              {},
              h(
                'details',
                { class: 'disclosure' },
                h(
                  'summary',
                  {},
                  h('span', { class: 'status-badge', 'data-tone': ACTION_NAMES[entry.action].tone, text: ACTION_NAMES[entry.action].label }),
                  ' ',
                  h('a', { href: `${home}/entries/${encodeURIComponent(entry.id)}`, class: 'mono', text: entry.id }),
                  ` ${entry.title} - `,
                  entry.action === 'archive' ? 'the bot stops offering it' : entry.action === 'add' ? 'a new entry' : changeSummary(entry.changes),
                ),
                entry.action === 'archive' || entry.action === 'add' ? null : changesTable(entry.changes),
              ),
            ),
          ),
          plan.contacts.map((/** @type {any} */ contact) =>
            h(
              'li',
              {},
              h(
                'details',
                { class: 'disclosure' },
                h('summary', {}, h('span', { class: 'status-badge', 'data-tone': ACTION_NAMES[contact.action].tone, text: `Contact ${ACTION_NAMES[contact.action].label.toLowerCase()}` }), ' ', h('span', { class: 'mono', text: contact.key })),
                changesTable(contact.changes),
              ),
            ),
          ),
        ),
        h('div', { class: 'button-row' }, apply, h('button', { type: 'button', class: 'button ghost', text: 'Cancel', onclick: () => ((previewed = undefined), replace(result)) })),
        h('p', { class: 'field-hint', text: 'All of it or nothing: if anyone changes the FAQ before you apply, the import is refused and you preview again.' }),
      ),
    );
  }

  replace(
    root,
    status,
    h(
      'section',
      { class: 'admin-card', 'aria-labelledby': 'faq-export-title' },
      h('h2', { id: 'faq-export-title', class: 'admin-card-title', text: 'Export' }),
      h('p', {}, h('a', { class: 'button', href: `${API}/export`, download: '', text: 'Download everything (JSON)' }), ' ', h('span', { class: 'muted', text: 'The knowledge/ format: every active entry, the contacts and the out-of-scope examples. Importing it unchanged changes nothing.' })),
      h('p', { text: 'One language for translators (CSV: entry id, field, text; one line per title, question, keyword and answer):' }),
      h('ul', { class: 'faq-csv-links' }, LANGUAGES.map((lang) => h('li', {}, h('a', { href: `${API}/export/${lang}.csv`, download: '', text: `${languageName(lang)} (${lang}.csv)` })))),
    ),
    h('section', { class: 'admin-card', 'aria-labelledby': 'faq-import-title' }, h('h2', { id: 'faq-import-title', class: 'admin-card-title', text: 'Import' }), form),
    result,
  );
}

/**
 * "2 new, 1 changed entries; 1 contact".
 * @param {{ add: number, change: number, archive: number, unarchive: number, contacts: number }} counts
 */
function describeCounts(counts) {
  const entries = counts.add + counts.change + counts.archive + counts.unarchive;
  const parts = [counts.add && `${counts.add} new`, counts.change && `${counts.change} changed`, counts.archive && `${counts.archive} archived`, counts.unarchive && `${counts.unarchive} brought back`].filter(Boolean);
  const said = [entries ? `${parts.join(', ')} ${entries === 1 ? 'entry' : 'entries'}` : '', counts.contacts ? `${counts.contacts} contact${counts.contacts === 1 ? '' : 's'} added or changed` : ''].filter(Boolean);
  return said.length ? said.join('; ') : 'no changes';
}
