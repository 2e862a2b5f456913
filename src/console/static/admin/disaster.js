// @ts-check
/**
 * The disaster mode page (src/admin/disaster/page.tsx): template choice, the notice in every
 * language with its LINE preview, the switch on and off, the broadcast and its live progress
 * (polled every 1.5 s while it runs), and the history. Talks to /console/admin/disaster/api
 * with the session's CSRF token. Text only, never HTML: everything shown is a text node.
 */

import { ApiError, jsonClient } from '../lib/api.js';
import { byId, h } from '../lib/dom.js';

const API = '/console/admin/disaster/api';
/** While a broadcast is on its way: progress is polled this often. */
const POLL_BUSY_MS = 1500;
/** Otherwise (another admin may switch): this often. */
const POLL_IDLE_MS = 15_000;
const UNFINISHED = ['pending', 'running', 'paused'];

const TEMPLATE_NAMES = /** @type {Record<string, string>} */ ({
  earthquake: 'Earthquake',
  'heavy-rain': 'Heavy rain',
  typhoon: 'Typhoon',
  custom: 'Other (general notice)',
});

const ACTION_NAMES = /** @type {Record<string, string>} */ ({
  'disaster.on': 'Switched on',
  'disaster.update': 'Changed the notice',
  'disaster.off': 'Switched off',
  'disaster.broadcast': 'Broadcast the notice',
  'disaster.broadcast.resume': 'Resumed the broadcast',
});

const STATUS_TONES = /** @type {Record<string, string>} */ ({
  pending: 'muted',
  running: 'info',
  paused: 'warn',
  done: 'ok',
  failed: 'danger',
});

const STATUS_NAMES = /** @type {Record<string, string>} */ ({
  pending: 'Waiting to start',
  running: 'Sending',
  paused: 'Paused by LINE (rate limit); resumes by itself',
  done: 'Done',
  failed: 'Finished with failures',
});

/**
 * @typedef {{ id: number, status: string, total: number, sent: number, failed: number, pending: number, batches: number,
 *   error: string | null, nextAttemptAt: number | null, createdAt: number, createdBy: { displayName: string } | null,
 *   languages: Array<{ language: string, total: number, sent: number, failed: number, pending: number, batches: number }> }} Progress
 * @typedef {{ active: boolean, template?: string, notices?: Record<string, string>, since?: number, broadcastAt?: number }} State
 * @typedef {{ id: number, action: string, at: number, staff: { displayName: string } | null, template: string | null,
 *   broadcast: { total?: number, id?: number } | null }} HistoryItem
 * @typedef {{ state: State, templates: Record<string, Record<string, string>>, languages: Array<{ code: string, name: string }>,
 *   audience: { total: number, byLanguage: Record<string, number> }, broadcast: Progress | null, history: HistoryItem[] }} Payload
 */

const request = jsonClient(API);

const timeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
/** @param {number} at */
const when = (at) => timeFormat.format(new Date(at));

const form = /** @type {HTMLFormElement} */ (byId('disaster-form'));
const stateCard = byId('disaster-state');
const stateLabel = byId('disaster-state-label');
const stateDetail = byId('disaster-state-detail');
const statusLine = byId('disaster-status');
const offButton = /** @type {HTMLButtonElement} */ (byId('disaster-off'));
const broadcastNowButton = /** @type {HTMLButtonElement} */ (byId('disaster-broadcast-now'));
const onButton = /** @type {HTMLButtonElement} */ (byId('disaster-on'));
const formTitle = byId('disaster-form-title');
const formErrors = byId('disaster-form-errors');
const broadcastBox = /** @type {HTMLInputElement} */ (byId('disaster-broadcast'));
const audienceCount = byId('disaster-audience');
const progressCard = byId('disaster-progress');
const progressBody = byId('disaster-progress-body');
const historyBox = byId('disaster-history');
const textareas = /** @type {HTMLTextAreaElement[]} */ ([...form.querySelectorAll('textarea[data-lang]')]);
const radios = /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll('input[name="template"]')]);

/** @type {Payload | undefined} */
let payload;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let pollTimer;
/** The form was edited since it was last filled (a template choice must not silently throw that away). */
let edited = false;

/**
 * @param {string} text
 * @param {'ok' | 'warn' | 'danger' | 'info'} [tone]
 */
function say(text, tone = 'info') {
  statusLine.dataset.tone = tone;
  statusLine.textContent = text;
}

/** @param {HTMLTextAreaElement} area */
function syncPreview(area) {
  const lang = area.dataset.lang ?? '';
  const bubble = form.querySelector(`[data-preview-for="${lang}"]`);
  const count = form.querySelector(`[data-count-for="${lang}"]`);
  if (bubble) bubble.textContent = area.value;
  if (count) count.textContent = `${area.value.length} / ${area.maxLength}`;
}

/** @param {Array<{ path: string, message: string }>} issues */
function showIssues(issues) {
  for (const area of textareas) {
    const error = form.querySelector(`[data-error-for="${area.dataset.lang}"]`);
    const issue = issues.find((i) => i.path === `notices.${area.dataset.lang}`);
    if (error) error.textContent = issue ? issue.message : '';
    area.setAttribute('aria-invalid', issue ? 'true' : 'false');
  }
}

/**
 * Fills every language with a template (the page puts each template's text on its textarea).
 * @param {string} template
 */
function fillTemplate(template) {
  for (const area of textareas) {
    area.value = area.getAttribute(`data-template-${template}`) ?? '';
    syncPreview(area);
  }
  showIssues([]);
  edited = false;
}

function chosenTemplate() {
  return radios.find((radio) => radio.checked)?.value ?? 'custom';
}

for (const area of textareas) {
  area.addEventListener('input', () => {
    edited = true;
    syncPreview(area);
  });
}

for (const radio of radios) {
  radio.addEventListener('change', () => {
    if (!radio.checked) return;
    if (edited && !window.confirm(`Replace the notice in every language with the “${TEMPLATE_NAMES[radio.value]}” template?`)) return;
    fillTemplate(radio.value);
  });
}

/**
 * Runs an action with its button marked busy; refreshes the page's data afterwards.
 * @param {HTMLButtonElement} button
 * @param {() => Promise<void>} action
 */
async function busy(button, action) {
  if (button.classList.contains('is-busy')) return;
  button.classList.add('is-busy');
  button.disabled = true;
  try {
    await action();
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'danger');
  } finally {
    button.classList.remove('is-busy');
    button.disabled = false;
    await refresh();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  formErrors.textContent = '';
  const notices = Object.fromEntries(textareas.map((area) => [area.dataset.lang, area.value]));
  const wasActive = payload?.state.active ?? false;
  void busy(onButton, async () => {
    try {
      const result = await request('POST', '/on', { template: chosenTemplate(), notices, broadcast: broadcastBox.checked });
      showIssues([]);
      edited = false;
      broadcastBox.checked = false;
      const sending = result.broadcastId ? ' The notice is being sent to every following resident.' : '';
      say(`${wasActive ? 'The notice was changed.' : 'Disaster mode is on: every reply now begins with the notice.'}${sending}`, 'ok');
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) {
        showIssues(error.issues);
        formErrors.textContent = 'Some languages need attention: every one of the ten needs its notice.';
        textareas.find((area) => area.getAttribute('aria-invalid') === 'true')?.focus();
        return;
      }
      throw error;
    }
  });
});

offButton.addEventListener('click', () => {
  void busy(offButton, async () => {
    await request('POST', '/off');
    say('Disaster mode is off: the bot answers as usual again.', 'ok');
  });
});

broadcastNowButton.addEventListener('click', () => {
  void busy(broadcastNowButton, async () => {
    await request('POST', '/broadcast');
    say('The notice is being sent to every following resident.', 'ok');
  });
});

/** @param {State} state */
function renderState(state) {
  stateCard.dataset.active = state.active ? 'true' : 'false';
  stateLabel.textContent = state.active ? 'Disaster mode is ON' : 'Normal mode';
  stateDetail.textContent = state.active
    ? `Template: ${TEMPLATE_NAMES[state.template ?? ''] ?? state.template} · since ${when(state.since ?? Date.now())}${state.broadcastAt ? ` · broadcast ${when(state.broadcastAt)}` : ''}`
    : state.since
      ? `The bot answers as usual (switched off ${when(state.since)}).`
      : 'The bot answers as usual.';
  offButton.hidden = !state.active;
  broadcastNowButton.hidden = !state.active || Boolean(state.broadcastAt);
  formTitle.textContent = state.active ? 'Change the notice' : 'Switch disaster mode on';
  onButton.textContent = state.active ? 'Save the changed notice' : 'Switch disaster mode on';
}

/**
 * @param {string} label
 * @param {number} value
 */
function stat(label, value) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, value.toLocaleString()), h('span', { class: 'stat-label' }, label));
}

/**
 * @param {Progress} progress
 * @param {Payload} data
 */
function renderProgress(progress, data) {
  const names = new Map(data.languages.map((l) => [l.code, l.name]));
  const done = progress.sent + progress.failed;
  const state = data.state;
  // Resuming is offered only for the current notice's broadcast (an older notice must not go out now).
  const current = state.active && state.broadcastAt !== undefined && state.broadcastAt <= progress.createdAt && (state.since ?? 0) <= progress.createdAt;
  // Paused batches resume by themselves (the minute cron); the button also runs one now, still waiting for LINE's Retry-After.
  const resumable = (progress.status === 'failed' || progress.status === 'paused') && current;
  const label = progress.status === 'failed' ? 'Resume: send the failed batches again' : 'Resume now';
  const resume = resumable ? h('button', { type: 'button', class: 'button', id: 'disaster-resume' }, label) : null;
  if (resume) {
    resume.addEventListener('click', () => {
      void busy(/** @type {HTMLButtonElement} */ (resume), async () => {
        await request('POST', `/broadcasts/${progress.id}/resume`);
        say('Resuming the broadcast.', 'ok');
      });
    });
  }
  const bar = h('progress', { max: String(Math.max(progress.total, 1)), value: String(done), class: 'disaster-bar', 'aria-label': 'Residents reached so far' });
  const table = h(
    'table',
    { class: 'admin-table is-compact' },
    h('caption', {}, 'Per language (each batch is one multicast of at most 500 residents)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Language'), ...['Residents', 'Sent', 'Failed', 'Waiting', 'Batches'].map((label) => h('th', { scope: 'col', class: 'num' }, label)))),
    h(
      'tbody',
      {},
      ...progress.languages.map((row) =>
        h(
          'tr',
          { 'data-lang': row.language },
          h('td', {}, `${names.get(row.language) ?? row.language} (${row.language})`),
          ...[row.total, row.sent, row.failed, row.pending, row.batches].map((n) => h('td', { class: 'num' }, n.toLocaleString())),
        ),
      ),
    ),
  );
  const parts = [
    h(
      'p',
      { class: 'disaster-progress-head' },
      h('span', { class: 'status-badge', 'data-tone': STATUS_TONES[progress.status] ?? 'muted', id: 'disaster-progress-status', 'data-status': progress.status }, STATUS_NAMES[progress.status] ?? progress.status),
      ` Started ${when(progress.createdAt)}${progress.createdBy ? ` by ${progress.createdBy.displayName}` : ''}.`,
    ),
    bar,
    h('div', { class: 'stats' }, stat('Residents', progress.total), stat('Sent', progress.sent), stat('Failed', progress.failed), stat('Waiting', progress.pending)),
    progress.error && progress.status !== 'done'
      ? h('p', { class: 'notice', 'data-tone': progress.status === 'failed' ? 'danger' : 'warn' }, `LINE said: ${progress.error}`)
      : null,
    progress.nextAttemptAt && progress.status === 'paused' ? h('p', { class: 'muted' }, `Next try at ${when(progress.nextAttemptAt)}.`) : null,
    table,
    resume,
  ];
  progressBody.replaceChildren(...parts.filter((part) => part !== null));
  progressCard.hidden = false;
}

/** @param {HistoryItem[]} history */
function renderHistory(history) {
  if (!history.length) {
    historyBox.replaceChildren(h('p', { class: 'empty' }, 'Disaster mode has never been switched on.'));
    return;
  }
  historyBox.replaceChildren(
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'admin-table is-compact', id: 'disaster-history-table' },
        h('thead', {}, h('tr', {}, ...['When', 'Who', 'What', 'Template', 'Broadcast'].map((label) => h('th', { scope: 'col' }, label)))),
        h(
          'tbody',
          {},
          ...history.map((item) =>
            h(
              'tr',
              { 'data-action': item.action },
              h('td', { class: 'nowrap' }, when(item.at)),
              h('td', {}, item.staff?.displayName ?? '—'),
              h('td', {}, ACTION_NAMES[item.action] ?? item.action),
              h('td', {}, item.template ? (TEMPLATE_NAMES[item.template] ?? item.template) : ''),
              h('td', { class: 'num' }, typeof item.broadcast?.total === 'number' ? `${item.broadcast.total.toLocaleString()} residents` : ''),
            ),
          ),
        ),
      ),
    ),
  );
}

async function refresh() {
  clearTimeout(pollTimer);
  try {
    /** @type {Payload} */
    const data = await request('GET', '/state');
    const first = payload === undefined;
    payload = data;
    renderState(data.state);
    audienceCount.textContent = data.audience.total.toLocaleString();
    if (data.broadcast) renderProgress(data.broadcast, data);
    else progressCard.hidden = true;
    renderHistory(data.history);
    // The server filled the form; afterwards it is the admin's until they choose a template.
    if (first) {
      for (const area of textareas) syncPreview(area);
      form.dataset.ready = 'true';
    }
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'danger');
  }
  const busyNow = payload?.broadcast && UNFINISHED.includes(payload.broadcast.status);
  pollTimer = setTimeout(refresh, busyNow ? POLL_BUSY_MS : POLL_IDLE_MS);
}

void refresh();
