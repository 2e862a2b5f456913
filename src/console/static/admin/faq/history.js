// @ts-check
/**
 * An entry's history: every revision with who, when, the note and what it changed (field by
 * field); any two revisions compared; an old revision restored as a new one.
 */
import { h, replace } from '../../lib/dom.js';
import { ApiError, entryPath, request } from './api.js';
import { busy, byline, changeSummary, changesTable, issueList, notify, statusBadge } from './common.js';

/**
 * @param {HTMLElement} root
 * @param {string} home
 * @param {string} entryId
 */
export async function mountHistory(root, home, entryId) {
  const status = h('div', { class: 'notice', role: 'status', tabindex: -1 });
  const compareBox = h('div', { class: 'faq-compare-result' });
  const list = h('ol', { class: 'faq-history', reversed: true });
  const fromSelect = /** @type {HTMLSelectElement} */ (h('select', { id: 'faq-from' }));
  const toSelect = /** @type {HTMLSelectElement} */ (h('select', { id: 'faq-to' }));
  const compareButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button', text: 'Compare' }));
  const compare = h(
    'form',
    { class: 'admin-toolbar faq-compare' },
    h('div', { class: 'field' }, h('label', { for: 'faq-from', text: 'From revision' }), fromSelect),
    h('div', { class: 'field' }, h('label', { for: 'faq-to', text: 'To revision' }), toSelect),
    compareButton,
  );
  compare.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(compareButton, async () => {
      try {
        const diff = await request('GET', `${entryPath(entryId)}/diff?from=${fromSelect.value}&to=${toSelect.value}`);
        replace(
          compareBox,
          diff.statusChanged ? h('p', {}, 'Status: ', statusBadge(diff.from.status), ' → ', statusBadge(diff.to.status)) : null,
          changesTable(diff.changes, `Revision ${diff.from.revision} → ${diff.to.revision}`),
        );
      } catch (error) {
        notify(status, 'danger', /** @type {Error} */ (error).message);
      }
    });
  });
  replace(
    root,
    h('p', {}, h('a', { href: `${home}/entries/${encodeURIComponent(entryId)}`, text: '← Back to the entry' })),
    status,
    h('section', { class: 'admin-card', 'aria-labelledby': 'faq-compare-title' }, h('h2', { id: 'faq-compare-title', class: 'admin-card-title', text: 'Compare two revisions' }), compare, compareBox),
    h('h2', { text: 'Revisions, newest first' }),
    list,
  );

  /** @type {number} */
  let currentRevision = 0;

  async function load() {
    let data;
    try {
      const [history, entry] = await Promise.all([request('GET', `${entryPath(entryId)}/history`), request('GET', entryPath(entryId))]);
      data = history;
      currentRevision = entry.revision;
    } catch (error) {
      notify(status, 'danger', /** @type {Error} */ (error).message);
      return;
    }
    const revisions = /** @type {any[]} */ (data.revisions);
    const options = (/** @type {number} */ selected) => revisions.map((r) => h('option', { value: r.revision, text: `r${r.revision} ${r.note ?? ''}`, selected: r.revision === selected }));
    replace(fromSelect, options(revisions[1]?.revision ?? revisions[0]?.revision));
    replace(toSelect, options(revisions[0]?.revision));
    if (!revisions.length) {
      replace(list, h('li', { class: 'empty', text: 'No revisions are kept for this entry yet.' }));
      return;
    }
    replace(
      list,
      revisions.map((revision, index) => {
        const isCurrent = revision.revision === currentRevision;
        const restore = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button small', text: `Restore revision ${revision.revision}` }));
        restore.addEventListener('click', () =>
          busy(restore, async () => {
            if (!confirm(`Make revision ${revision.revision}'s text current again? It is saved as a new revision; nothing is lost.`)) return;
            try {
              const restored = await request('POST', `${entryPath(entryId)}/restore`, { revision: revision.revision, expectedRevision: currentRevision });
              notify(status, 'ok', `Restored as revision ${restored.revision}. Residents get it from their next message.`);
              await load();
            } catch (error) {
              if (error instanceof ApiError && error.status === 409) {
                notify(status, 'danger', `Not restored: ${error.message}. The list below is now up to date; choose again.`);
                await load();
              } else if (error instanceof ApiError && error.issues.length) {
                notify(status, 'danger', ...issueList(`Not restored: ${error.message}`, error.issues));
              } else notify(status, 'danger', /** @type {Error} */ (error).message);
            }
            status.focus();
          }),
        );
        const statusChange = revision.statusBefore && revision.statusBefore !== revision.status;
        const first = index === revisions.length - 1 && !revision.changes.some((/** @type {any} */ c) => c.before !== undefined);
        return h(
          'li',
          { class: 'admin-card faq-revision', 'data-current': isCurrent ? 'true' : 'false' },
          h(
            'div',
            { class: 'faq-revision-head' },
            h('h3', {}, `Revision ${revision.revision}`, isCurrent ? h('span', { class: 'status-badge', 'data-tone': 'info', text: 'Current' }) : null, statusChange || index === revisions.length - 1 ? statusBadge(revision.status) : null),
            h('p', { class: 'muted', text: `${revision.note ?? 'changed'} · ${byline(revision.staff, revision.createdAt)}` }),
            isCurrent ? null : restore,
          ),
          h(
            'details',
            { class: 'disclosure', open: index === 0 && !first },
            h('summary', { text: first ? 'The first kept version (show every field)' : `Changed: ${changeSummary(revision.changes)}` }),
            changesTable(revision.changes),
          ),
        );
      }),
    );
  }
  await load();
}
