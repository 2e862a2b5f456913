// @ts-check
/**
 * The entry page: every language side by side (title, question variants, keywords, answer with
 * a LINE-bubble preview that fills contacts and counts against LINE's limit), the shared fields
 * (category, urgent, related entries, sources, review date), save, archive, and a conflict shown
 * with the other admin's change. The same page creates a new entry (/faq/new).
 */
import { h, replace } from '../../lib/dom.js';
import { ApiError, entryPath, request } from './api.js';
import { busy, byline, changesTable, FieldErrors, fillContacts, ID_PATTERN, issueList, languageBadge, languageName, LANGUAGES, MAX_TEXT_LENGTH, notify, statusBadge } from './common.js';

const CATEGORIES = ['consultation', 'residence', 'procedures', 'health', 'emergency', 'pension-tax', 'work', 'family', 'life', 'disaster'];
const SHOWN_KEY = 'yorisoi.faq.languages';
const MIN_QUESTIONS = 5;
const MAX_RELATED = 4;

/**
 * @typedef {{ title: string, questions: string[], keywords: string[], answer: string }} Text
 * @typedef {{ id: string, category: string, urgent: boolean, related: string[], sources: Array<{ title: string, url?: string }>, reviewed: string, texts: Record<string, Text> }} Entry
 * @typedef {{ entry: Entry, status: string, revision: number, updatedAt: number, updatedBy: { id: number, displayName: string } | null, note: string | null }} EntryRecord
 */

/** @returns {string} */
const today = () => new Date().toISOString().slice(0, 10);

/** @param {string} value */
const lines = (value) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * @template T
 * @param {T} value
 * @returns {T}
 */
const clone = (value) => JSON.parse(JSON.stringify(value));

/** @returns {Entry} */
function blankEntry() {
  return {
    id: '',
    category: 'life',
    urgent: false,
    related: [],
    sources: [{ title: '' }],
    reviewed: today(),
    texts: Object.fromEntries(LANGUAGES.map((lang) => [lang, { title: '', questions: [], keywords: [], answer: '' }])),
  };
}

/** Languages chosen for display (all by default), kept in this browser. */
function shownLanguages() {
  try {
    const saved = JSON.parse(localStorage.getItem(SHOWN_KEY) ?? 'null');
    if (Array.isArray(saved) && saved.some((lang) => LANGUAGES.includes(lang))) return new Set(saved.filter((lang) => LANGUAGES.includes(lang)));
  } catch {
    // A damaged setting falls back to every language.
  }
  return new Set(LANGUAGES);
}

/**
 * A labelled field with its error line.
 * @param {FieldErrors} errors
 * @param {string} path
 * @param {string} label
 * @param {HTMLElement} control
 * @param {string} [hint]
 */
function field(errors, path, label, control, hint) {
  const id = `f-${path.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  control.id = id;
  const error = errors.slot(path);
  control.setAttribute('aria-describedby', error.id);
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), control, hint ? h('p', { class: 'field-hint', text: hint }) : null, error);
}

/**
 * @param {HTMLElement} root
 * @param {string} home
 * @param {string} entryId the entry to edit; '' to create one
 */
export async function mountEditor(root, home, entryId) {
  const creating = entryId === '';
  const status = h('div', { class: 'notice', role: 'status', tabindex: -1 });
  replace(root, status, h('p', { class: 'muted', text: 'Loading…' }));
  /** @type {EntryRecord | undefined} */
  let record;
  /** @type {Record<string, any>} */
  let contacts = {};
  /** @type {Array<{ id: string, titles: Record<string, string> }>} */
  let others = [];
  try {
    const [loaded, contactList, entryList] = await Promise.all([
      creating ? Promise.resolve(undefined) : request('GET', entryPath(entryId)),
      request('GET', '/contacts'),
      request('GET', '/entries?status=active'),
    ]);
    record = loaded;
    contacts = Object.fromEntries(contactList.contacts.map((/** @type {any} */ c) => [c.key, c.contact]));
    others = entryList.entries;
  } catch (error) {
    notify(status, 'danger', /** @type {Error} */ (error).message);
    replace(root, status, h('p', {}, h('a', { href: home, text: 'Back to the list' })));
    return;
  }

  /** @type {Entry} */
  let draft = record ? clone(record.entry) : blankEntry();
  if (creating) {
    // Started from the unanswered review: the resident's question as the first variant.
    const params = new URLSearchParams(location.search);
    const question = params.get('question');
    const lang = params.get('lang') ?? 'en';
    if (question && draft.texts[lang]) draft.texts[lang].questions = [question.slice(0, 500)];
  }
  const titleOf = (/** @type {string} */ id, /** @type {string} */ lang) => others.find((o) => o.id === id)?.titles[lang] ?? id;
  const errors = new FieldErrors();
  const shown = shownLanguages();
  const note = h('input', { type: 'text', maxlength: 200, placeholder: 'e.g. new opening hours from April', autocomplete: 'off' });
  const dirty = () => !record || JSON.stringify(draft) !== JSON.stringify(record.entry);
  window.addEventListener('beforeunload', (event) => {
    if (dirty() && !creating) event.preventDefault();
  });

  /** @type {Array<() => void>} */
  let previews = [];
  const refreshPreviews = () => previews.forEach((update) => update());

  function render() {
    errors.slots.clear();
    previews = [];
    const saveButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button primary', text: creating ? 'Create entry' : 'Save changes' }));
    const head = h(
      'section',
      { class: 'admin-card faq-entry-head', 'aria-label': 'Entry' },
      creating
        ? field(errors, 'id', 'Entry id', h('input', { type: 'text', value: draft.id, pattern: ID_PATTERN, required: true, autocomplete: 'off', placeholder: 'e.g. bicycle-parking', oninput: (e) => (draft.id = /** @type {HTMLInputElement} */ (e.target).value.trim()) }), 'Lowercase words joined by hyphens; it cannot change later. Use the intent id from knowledge/intents.tsv where there is one.')
        : h(
            'div',
            { class: 'faq-entry-title' },
            h('h2', {}, draft.texts.en.title || draft.id, ' ', statusBadge(record?.status ?? 'active')),
            h('p', { class: 'muted' }, h('span', { class: 'mono', text: draft.id }), ` · revision ${record?.revision} ${record?.note ? `(${record.note}) ` : ''}${record ? byline(record.updatedBy, record.updatedAt) : ''}`),
          ),
      h(
        'div',
        { class: 'faq-save-row' },
        field(errors, 'note', 'What changed (optional, kept in the history)', note),
        h(
          'div',
          { class: 'button-row' },
          saveButton,
          creating ? null : h('a', { class: 'button', href: `${home}/entries/${encodeURIComponent(draft.id)}/history`, text: 'History' }),
          creating ? null : archiveButton(),
        ),
      ),
    );

    const form = /** @type {HTMLFormElement} */ (h('form', { class: 'faq-editor', novalidate: true }, head, sharedFields(), languagePicker(), languageColumns()));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(saveButton, save);
    });
    form.addEventListener('input', () => refreshPreviews());
    replace(root, status, form);
    refreshPreviews();
  }

  function archiveButton() {
    const archived = record?.status === 'archived';
    const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: archived ? 'button' : 'button danger', text: archived ? 'Bring back' : 'Archive' }));
    button.addEventListener('click', () =>
      busy(button, async () => {
        if (!record) return;
        if (dirty()) return notify(status, 'warn', 'Save or discard your edits first (reload the page to discard them).');
        const verb = archived ? 'unarchive' : 'archive';
        if (!archived && !confirm(`Archive "${draft.texts.en.title}"? The bot stops offering it from the next message. It can be brought back from the list (status: archived).`)) return;
        try {
          record = await request('POST', `${entryPath(record.entry.id)}/${verb}`, { expectedRevision: record.revision });
          draft = clone(/** @type {EntryRecord} */ (record).entry);
          render();
          notify(status, 'ok', archived ? 'Brought back: the bot offers it again from the next message.' : 'Archived: the bot no longer offers it.');
        } catch (error) {
          failed(error);
        }
      }),
    );
    return button;
  }

  function sharedFields() {
    const category = h('select', { onchange: (e) => (draft.category = /** @type {HTMLSelectElement} */ (e.target).value) }, CATEGORIES.map((c) => h('option', { value: c, text: c, selected: c === draft.category })));
    const urgent = h('input', { type: 'checkbox', id: 'f-urgent', checked: draft.urgent, onchange: (e) => (draft.urgent = /** @type {HTMLInputElement} */ (e.target).checked) });
    const reviewed = /** @type {HTMLInputElement} */ (h('input', { type: 'date', value: draft.reviewed, required: true, onchange: (e) => (draft.reviewed = /** @type {HTMLInputElement} */ (e.target).value) }));
    const reviewedToday = h('button', {
      type: 'button',
      class: 'button small',
      text: 'Reviewed today',
      onclick: () => {
        draft.reviewed = today();
        reviewed.value = draft.reviewed;
      },
    });
    return h(
      'section',
      { class: 'admin-card faq-shared', 'aria-labelledby': 'faq-shared-title' },
      h('h2', { id: 'faq-shared-title', class: 'admin-card-title', text: 'For every language' }),
      h(
        'div',
        { class: 'faq-shared-grid' },
        h(
          'div',
          { class: 'field-row' },
          field(errors, 'category', 'Category', category),
          h('div', { class: 'field' }, h('label', { for: 'f-reviewed', text: 'Reviewed' }), h('div', { class: 'button-row' }, Object.assign(reviewed, { id: 'f-reviewed' }), reviewedToday), errors.slot('reviewed')),
          h('div', { class: 'field' }, h('span', { class: 'field-label', text: 'Urgent' }), h('div', { class: 'check' }, urgent, h('label', { for: 'f-urgent', text: 'Life-saving: put first in an emergency' })), errors.slot('urgent')),
        ),
        relatedField(),
      ),
      sourcesField(),
    );
  }

  function relatedField() {
    const list = h('ul', { class: 'faq-chips', 'aria-label': 'Related entries' });
    const input = /** @type {HTMLInputElement} */ (h('input', { type: 'text', list: 'faq-entry-ids', placeholder: 'entry id', autocomplete: 'off' }));
    const datalist = h('datalist', { id: 'faq-entry-ids' }, others.filter((o) => o.id !== draft.id).map((o) => h('option', { value: o.id, text: o.titles.en })));
    const draw = () =>
      replace(
        list,
        draft.related.map((id, index) =>
          h(
            'li',
            { class: 'faq-chip' },
            h('span', { text: `${titleOf(id, 'en')} ` }),
            h('span', { class: 'mono muted', text: id }),
            h('button', {
              type: 'button',
              class: 'button small ghost',
              'aria-label': `Remove ${id}`,
              text: '×',
              onclick: () => {
                draft.related.splice(index, 1);
                draw();
                refreshPreviews();
              },
            }),
          ),
        ),
      );
    const add = () => {
      const id = input.value.trim();
      if (!id || draft.related.includes(id) || draft.related.length >= MAX_RELATED) return;
      draft.related.push(id);
      input.value = '';
      draw();
      refreshPreviews();
    };
    draw();
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        add();
      }
    });
    input.id = 'f-related';
    return h(
      'div',
      { class: 'field' },
      h('label', { for: 'f-related', text: `Related entries (up to ${MAX_RELATED}, offered as quick replies under the answer)` }),
      list,
      h('div', { class: 'button-row' }, input, datalist, h('button', { type: 'button', class: 'button small', text: 'Add', onclick: add })),
      errors.slot('related'),
    );
  }

  function sourcesField() {
    const rows = h('div', { class: 'stack faq-sources' });
    const draw = () =>
      replace(
        rows,
        draft.sources.map((source, index) =>
          h(
            'div',
            { class: 'faq-source' },
            h('input', { type: 'text', 'aria-label': `Source ${index + 1} title`, placeholder: 'Title, e.g. Kumamoto City: garbage calendar', value: source.title, oninput: (e) => (source.title = /** @type {HTMLInputElement} */ (e.target).value) }),
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
            h('button', {
              type: 'button',
              class: 'button small ghost',
              text: 'Remove',
              'aria-label': `Remove source ${index + 1}`,
              disabled: draft.sources.length === 1,
              onclick: () => {
                draft.sources.splice(index, 1);
                draw();
              },
            }),
            errors.slot(`sources.${index}`),
          ),
        ),
      );
    draw();
    return h(
      'fieldset',
      { class: 'field' },
      h('legend', { text: 'Sources (where the facts come from)' }),
      rows,
      h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'button small', text: 'Add source', onclick: () => (draft.sources.push({ title: '' }), draw()) })),
      errors.slot('sources'),
    );
  }

  function languagePicker() {
    const empty = LANGUAGES.filter((lang) => lang !== 'en' && !draft.texts[lang].answer.trim());
    return h(
      'div',
      { class: 'faq-lang-tools' },
      h(
        'details',
        { class: 'disclosure' },
        h('summary', { text: `Languages shown: ${shown.size === LANGUAGES.length ? 'all ten' : [...shown].map(languageName).join(', ')}` }),
        h(
          'div',
          { class: 'faq-lang-choice' },
          LANGUAGES.map((lang) =>
            h(
              'div',
              { class: 'check' },
              h('input', {
                type: 'checkbox',
                id: `show-${lang}`,
                checked: shown.has(lang),
                onchange: (e) => {
                  if (/** @type {HTMLInputElement} */ (e.target).checked) shown.add(lang);
                  else if (shown.size > 1) shown.delete(lang);
                  localStorage.setItem(SHOWN_KEY, JSON.stringify([...shown]));
                  for (const column of document.querySelectorAll('.faq-lang')) /** @type {HTMLElement} */ (column).hidden = !shown.has(/** @type {HTMLElement} */ (column).dataset.lang ?? '');
                },
              }),
              h('label', { for: `show-${lang}`, text: languageName(lang) }),
            ),
          ),
        ),
      ),
      empty.length && draft.texts.en.answer.trim()
        ? h('button', {
            type: 'button',
            class: 'button small',
            text: `Copy English into ${empty.length} empty language${empty.length === 1 ? '' : 's'}`,
            title: 'Until translated, they are listed under "missing translation"',
            onclick: () => {
              for (const lang of empty) draft.texts[lang] = clone(draft.texts.en);
              render();
            },
          })
        : null,
    );
  }

  function languageColumns() {
    return h('div', { class: 'faq-langs' }, LANGUAGES.map(languageColumn));
  }

  /** @param {string} lang */
  function languageColumn(lang) {
    const text = draft.texts[lang];
    const base = `texts.${lang}`;
    const textLang = lang === 'ja-easy' ? 'ja' : lang;
    const copied = lang !== 'en' && lang !== 'ja' && text.answer && (text.answer === draft.texts.en.answer || text.answer === draft.texts.ja.answer);
    const questionCount = h('span', { class: 'faq-count-badge' });
    const bubble = h('div', { class: 'line-bubble', lang: textLang });
    const meta = h('p', { class: 'line-bubble-meta' });
    const quick = h('div', { class: 'line-quick-replies', 'aria-label': 'Quick replies' });
    const problems = h('ul', { class: 'faq-preview-problems' });
    const title = h('input', { type: 'text', lang: textLang, value: text.title, maxlength: 60, oninput: (e) => (text.title = /** @type {HTMLInputElement} */ (e.target).value) });
    const questions = h('textarea', { rows: 7, lang: textLang, oninput: (e) => (text.questions = lines(/** @type {HTMLTextAreaElement} */ (e.target).value)) });
    questions.value = text.questions.join('\n');
    const keywords = h('textarea', { rows: 3, lang: textLang, oninput: (e) => (text.keywords = lines(/** @type {HTMLTextAreaElement} */ (e.target).value)) });
    keywords.value = text.keywords.join('\n');
    const answer = h('textarea', { rows: 12, lang: textLang, class: 'faq-answer', maxlength: 2000, oninput: (e) => (text.answer = /** @type {HTMLTextAreaElement} */ (e.target).value) });
    answer.value = text.answer;
    previews.push(() => {
      const filled = fillContacts(text.answer, contacts, lang);
      const message = `${text.title}\n\n${filled.text}`;
      bubble.textContent = text.title || text.answer ? message : '';
      meta.textContent = `${message.length} / ${MAX_TEXT_LENGTH} characters in LINE`;
      meta.dataset.tone = message.length > MAX_TEXT_LENGTH ? 'danger' : '';
      replace(quick, draft.related.slice(0, 3).map((id) => h('span', { class: 'line-quick-reply', text: titleOf(id, lang).slice(0, 20) })));
      replace(problems, filled.problems.map((problem) => h('li', { text: problem })));
      questionCount.textContent = `${text.questions.length}`;
      questionCount.dataset.tone = text.questions.length < MIN_QUESTIONS ? 'warn' : 'ok';
    });
    return h(
      'section',
      { class: 'lang-col faq-lang', 'data-lang': lang, 'data-missing': copied ? 'true' : 'false', hidden: !shown.has(lang), 'aria-label': languageName(lang) },
      h('h3', { class: 'lang-col-head' }, languageName(lang), languageBadge(lang)),
      copied ? h('p', { class: 'field-hint faq-missing-note', text: 'Not translated yet: the answer is a copy.' }) : null,
      field(errors, `${base}.title`, 'Title', title, 'At most 60 characters; shown on quick replies (first 20).'),
      field(errors, `${base}.questions`, 'Questions residents ask', questions, `One per line, at least ${MIN_QUESTIONS}, the way residents write them.`),
      h('p', { class: 'field-hint' }, 'Questions: ', questionCount),
      field(errors, `${base}.keywords`, 'Keywords', keywords, 'One per line: synonyms, loanwords, romanisations.'),
      field(errors, `${base}.answer`, 'Answer', answer, 'Contacts as {{phone:key}}, {{hours:key}}, {{address:key}}, {{url:key}}.'),
      h('div', { class: 'faq-preview' }, h('p', { class: 'field-label', text: 'In LINE' }), h('div', { class: 'line-preview' }, bubble, quick, meta), problems),
    );
  }

  /** @param {unknown} error */
  function failed(error) {
    if (!(error instanceof ApiError)) {
      notify(status, 'danger', String(error));
      return;
    }
    if (error.status === 409 && error.body.current) return conflict(error);
    if (error.status === 400 && error.issues.length) {
      const rest = errors.show(error.issues);
      notify(status, 'danger', ...issueList(`Not saved: ${error.message}. The fields are marked below.`, rest));
      const first = /** @type {HTMLElement | null} */ (root.querySelector('.field.has-error input, .field.has-error textarea, .field.has-error select'));
      const column = first?.closest('.faq-lang');
      if (column && /** @type {HTMLElement} */ (column).hidden) /** @type {HTMLElement} */ (column).hidden = false;
      first?.focus();
      return;
    }
    notify(status, 'danger', error.message);
    status.focus();
  }

  /** @param {ApiError} error */
  function conflict(error) {
    /** @type {EntryRecord} */
    const current = error.body.current;
    const keepMine = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button danger', text: 'Save mine over theirs' }));
    keepMine.addEventListener('click', () =>
      busy(keepMine, async () => {
        if (!record) return;
        // Explicit: the admin has seen the other change and chose to replace it.
        record = { ...record, revision: current.revision };
        await save();
      }),
    );
    notify(
      status,
      'danger',
      h('h2', { class: 'faq-conflict-title', text: 'Not saved: someone else changed this entry' }),
      h('p', { text: `${current.updatedBy ? current.updatedBy.displayName : 'A knowledge load'} saved revision ${current.revision} ${byline(current.updatedBy, current.updatedAt).replace(/^by [^,]*, /, 'at ')}${current.note ? ` ("${current.note}")` : ''} while you were editing. Your edits are still on this page; nothing was overwritten.` }),
      changesTable(error.body.theirChanges ?? [], 'What they changed'),
      h(
        'div',
        { class: 'button-row' },
        h('button', {
          type: 'button',
          class: 'button primary',
          text: 'Load their version (drop my edits)',
          onclick: () => {
            record = current;
            draft = clone(current.entry);
            render();
            notify(status, 'info', `Showing revision ${current.revision}. Make your change again and save.`);
          },
        }),
        keepMine,
      ),
    );
    status.focus();
  }

  async function save() {
    errors.clear();
    try {
      if (creating) {
        const created = await request('POST', '/entries', { entry: draft, note: note.value || undefined });
        location.assign(`${home}/entries/${encodeURIComponent(created.entry.id)}?created=1`);
        return;
      }
      if (!record) return;
      const saved = await request('PUT', entryPath(record.entry.id), { entry: draft, expectedRevision: record.revision, note: note.value || undefined });
      record = saved;
      draft = clone(saved.entry);
      if (saved.changed) note.value = '';
      render();
      notify(status, 'ok', saved.changed ? `Saved as revision ${saved.revision}. Residents get it from their next message.` : 'Nothing to save: no field changed.');
    } catch (error) {
      failed(error);
    }
  }

  render();
  if (new URLSearchParams(location.search).get('created')) notify(status, 'ok', 'Created. Residents can get this entry from their next message.');
}
