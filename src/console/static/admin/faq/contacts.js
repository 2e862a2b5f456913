// @ts-check
/**
 * Contacts in one place: phone numbers, hours, addresses and web pages, each with its sources
 * and review date, and the entries whose answers use it. Saving is guarded like an entry: a
 * contact changed meanwhile by someone else is shown, never overwritten.
 */
import { h, replace } from '../../lib/dom.js';
import { ApiError, request } from './api.js';
import { busy, byline, FieldErrors, ID_PATTERN, issueList, languageName, LANGUAGES, notify, when } from './common.js';
import { diffContactsView } from './contact-diff.js';

/**
 * @typedef {{ phone?: string, phoneAlt?: string, url?: string, hours?: Record<string, string>, address?: Record<string, string>, sources: Array<{ title: string, url?: string }>, reviewed: string }} Contact
 * @typedef {{ key: string, contact: Contact, revision: number, updatedAt: number, updatedBy: { displayName: string } | null, usedBy: string[] }} ContactRecord
 */

/** @template T @param {T} value @returns {T} */
const clone = (value) => JSON.parse(JSON.stringify(value));

/**
 * @param {HTMLElement} root
 * @param {string} home
 */
export async function mountContacts(root, home) {
  const status = h('div', { class: 'notice', role: 'status', tabindex: -1 });
  const list = h('div', { class: 'faq-contacts' });
  const search = /** @type {HTMLInputElement} */ (h('input', { type: 'search', id: 'faq-contact-q', placeholder: 'key, phone, address…', autocomplete: 'off' }));
  replace(
    root,
    h('p', { class: 'admin-lead', text: 'Answers never contain phone numbers, hours, addresses or web pages themselves: they name a contact here as {{phone:key}}, {{hours:key}}, {{address:key}}, {{url:key}}. A change here reaches every answer that uses the contact.' }),
    status,
    h('div', { class: 'admin-toolbar' }, h('div', { class: 'field grow' }, h('label', { for: 'faq-contact-q', text: 'Find a contact' }), search), h('a', { class: 'button', href: '#new-contact', text: 'Add a contact' })),
    list,
    newContactCard(),
  );
  /** @type {ContactRecord[]} */
  let records = [];

  async function load() {
    try {
      records = (await request('GET', '/contacts')).contacts;
      draw();
    } catch (error) {
      notify(status, 'danger', /** @type {Error} */ (error).message);
    }
  }

  function draw() {
    const q = search.value.trim().toLowerCase();
    const shown = records.filter((r) => !q || JSON.stringify(r).toLowerCase().includes(q));
    replace(list, shown.length ? shown.map(contactCard) : h('p', { class: 'empty', text: 'No contact matches.' }));
  }
  search.addEventListener('input', draw);

  /**
   * @param {Contact} contact
   * @param {FieldErrors} errors
   * @param {string} prefix an id prefix unique on the page
   */
  function contactFields(contact, errors, prefix) {
    /**
     * @param {'phone' | 'phoneAlt' | 'url'} name
     * @param {string} label
     * @param {string} type
     */
    const single = (name, label, type) => {
      const id = `${prefix}-${name}`;
      return h(
        'div',
        { class: 'field' },
        h('label', { for: id, text: label }),
        h('input', {
          id,
          type,
          value: contact[name] ?? '',
          oninput: (e) => {
            const value = /** @type {HTMLInputElement} */ (e.target).value.trim();
            if (value) contact[name] = value;
            else delete contact[name];
          },
        }),
        errors.slot(name),
      );
    };
    /**
     * @param {'hours' | 'address'} name
     * @param {string} label
     */
    const localized = (name, label) =>
      h(
        'details',
        { class: 'disclosure field', open: Boolean(contact[name]) },
        h('summary', { text: `${label} in each language${contact[name] ? '' : ' (none)'}` }),
        h(
          'div',
          { class: 'faq-localized' },
          LANGUAGES.map((lang) => {
            const id = `${prefix}-${name}-${lang}`;
            return h(
              'div',
              { class: 'field' },
              h('label', { for: id, text: languageName(lang) }),
              h('input', {
                id,
                type: 'text',
                lang: lang === 'ja-easy' ? 'ja' : lang,
                value: contact[name]?.[lang] ?? '',
                oninput: (e) => {
                  const value = /** @type {HTMLInputElement} */ (e.target).value;
                  const map = (contact[name] ??= {});
                  map[lang] = value;
                  if (Object.values(map).every((v) => !v.trim())) delete contact[name];
                },
              }),
              errors.slot(`${name}.${lang}`),
            );
          }),
        ),
        errors.slot(name),
      );
    const sources = h('div', { class: 'stack' });
    const drawSources = () =>
      replace(
        sources,
        contact.sources.map((source, index) =>
          h(
            'div',
            { class: 'faq-source' },
            h('input', { type: 'text', 'aria-label': `Source ${index + 1} title`, placeholder: 'Title', value: source.title, oninput: (e) => (source.title = /** @type {HTMLInputElement} */ (e.target).value) }),
            h('input', {
              type: 'url',
              'aria-label': `Source ${index + 1} address`,
              placeholder: 'https://…',
              value: source.url ?? '',
              oninput: (e) => {
                const url = /** @type {HTMLInputElement} */ (e.target).value.trim();
                if (url) source.url = url;
                else delete source.url;
              },
            }),
            h('button', { type: 'button', class: 'button small ghost', text: 'Remove', disabled: contact.sources.length === 1, onclick: () => (contact.sources.splice(index, 1), drawSources()) }),
            errors.slot(`sources.${index}`),
          ),
        ),
      );
    drawSources();
    const reviewedId = `${prefix}-reviewed`;
    return [
      h('div', { class: 'field-row' }, single('phone', 'Phone', 'tel'), single('phoneAlt', 'Other phone', 'tel'), single('url', 'Web page', 'url')),
      localized('hours', 'Opening hours'),
      localized('address', 'Address'),
      h('fieldset', { class: 'field' }, h('legend', { text: 'Sources' }), sources, h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'button small', text: 'Add source', onclick: () => (contact.sources.push({ title: '' }), drawSources()) })), errors.slot('sources')),
      h(
        'div',
        { class: 'field' },
        h('label', { for: reviewedId, text: 'Reviewed' }),
        h('input', { id: reviewedId, type: 'date', value: contact.reviewed, onchange: (e) => (contact.reviewed = /** @type {HTMLInputElement} */ (e.target).value) }),
        errors.slot('reviewed'),
      ),
      errors.slot('usedBy'),
    ];
  }

  /** @param {ContactRecord} record */
  function contactCard(record) {
    const draft = clone(record.contact);
    const errors = new FieldErrors();
    const message = h('div', { class: 'notice', role: 'status' });
    const save = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button primary', text: 'Save contact' }));
    const form = h('form', { class: 'admin-form', novalidate: true }, message, contactFields(draft, errors, `c-${record.key}`), h('div', { class: 'form-actions' }, save));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(save, async () => {
        errors.clear();
        try {
          const saved = await request('PUT', `/contacts/${encodeURIComponent(record.key)}`, { contact: draft, expectedRevision: record.revision });
          Object.assign(record, saved);
          notify(status, 'ok', saved.changed ? `Saved "${record.key}" (revision ${saved.revision}). Every answer using it shows the new value from the next message.` : `Nothing changed in "${record.key}".`);
          draw();
          status.focus();
        } catch (error) {
          if (error instanceof ApiError && error.status === 409 && error.body.current) {
            const current = error.body.current;
            notify(
              message,
              'danger',
              h('p', { text: `Not saved: ${error.message}. Their version (revision ${current.revision}, ${byline(current.updatedBy, current.updatedAt)}) differs from what you started from in:` }),
              diffContactsView(record.contact, current.contact),
              h('button', {
                type: 'button',
                class: 'button',
                text: 'Load their version (drop my edits)',
                onclick: () => {
                  Object.assign(record, current);
                  draw();
                },
              }),
            );
          } else if (error instanceof ApiError && error.issues.length) {
            notify(message, 'danger', ...issueList(`Not saved: ${error.message}`, errors.show(error.issues)));
          } else notify(message, 'danger', /** @type {Error} */ (error).message);
        }
      });
    });
    const summary = [record.contact.phone, record.contact.url, record.contact.hours?.en].filter(Boolean).join(' · ');
    return h(
      'details',
      { class: 'admin-card faq-contact', id: `contact-${record.key}` },
      h(
        'summary',
        {},
        h('span', { class: 'mono cell-main', text: record.key }),
        h('span', { class: 'cell-sub', text: summary || '(no phone, page or hours)' }),
        h('span', { class: 'cell-sub', text: `reviewed ${record.contact.reviewed} · r${record.revision} · ${record.updatedBy ? `changed by ${record.updatedBy.displayName} ${when(record.updatedAt)}` : 'from knowledge/'}` }),
      ),
      h(
        'p',
        { class: 'muted' },
        record.usedBy.length ? 'Used by: ' : 'Not used by any active entry.',
        record.usedBy.map((id, index) => [index ? ', ' : '', h('a', { href: `${home}/entries/${encodeURIComponent(id)}`, text: id })]),
      ),
      form,
    );
  }

  function newContactCard() {
    /** @type {Contact} */
    const draft = { sources: [{ title: '' }], reviewed: new Date().toISOString().slice(0, 10) };
    const errors = new FieldErrors();
    const message = h('div', { class: 'notice', role: 'status' });
    const key = /** @type {HTMLInputElement} */ (h('input', { id: 'new-contact-key', type: 'text', pattern: ID_PATTERN, required: true, placeholder: 'e.g. ward-office-chuo', autocomplete: 'off' }));
    const add = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button primary', text: 'Add contact' }));
    const form = h(
      'form',
      { class: 'admin-form', novalidate: true },
      message,
      h('div', { class: 'field' }, h('label', { for: 'new-contact-key', text: 'Key (used in answers as {{phone:key}})' }), key, errors.slot('key')),
      contactFields(draft, errors, 'new'),
      h('div', { class: 'form-actions' }, add),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(add, async () => {
        errors.clear();
        try {
          const created = await request('POST', '/contacts', { key: key.value.trim(), contact: draft });
          notify(status, 'ok', `Added "${created.key}". Use it in answers as {{phone:${created.key}}} and the like.`);
          location.hash = '';
          await load();
          status.focus();
        } catch (error) {
          if (error instanceof ApiError && error.issues.length) notify(message, 'danger', ...issueList(`Not added: ${error.message}`, errors.show(error.issues)));
          else notify(message, 'danger', /** @type {Error} */ (error).message);
        }
      });
    });
    return h('section', { class: 'admin-card', id: 'new-contact', 'aria-labelledby': 'new-contact-title' }, h('h2', { id: 'new-contact-title', class: 'admin-card-title', text: 'Add a contact' }), form);
  }

  await load();
}
