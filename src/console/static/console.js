// @ts-check
/**
 * The staff console in the browser: plain JavaScript modules, no framework, no build step.
 * State lives here; the views in views/ build DOM from API data (text only, never HTML).
 * The queue and the open conversation are reloaded on every live event, on reconnection,
 * after each action, and every minute as a safety net.
 */
import { alertStaff, announce, setUpAlerts } from './lib/alerts.js';
import { api, ApiError } from './lib/api.js';
import { byId, h, meta, replace } from './lib/dom.js';
import { connectLive } from './lib/live.js';
import { createConversationView } from './views/conversation.js';
import { renderQueue } from './views/queue.js';

const FILTERS = ['waiting', 'mine', 'all', 'resolved'];
const FILTER_KEY = 'yorisoi.filter';
const SAFETY_REFRESH_MS = 60_000;
const CLOCK_TICK_MS = 30_000;

const me = Number(meta('staff-id'));

const state = {
  filter: FILTERS.includes(sessionStorage.getItem(FILTER_KEY) ?? '') ? /** @type {string} */ (sessionStorage.getItem(FILTER_KEY)) : 'waiting',
  /** @type {import('./views/queue.js').QueueItem[]} */
  items: [],
  /** Server time minus browser time, so waiting times do not depend on the laptop's clock. */
  skew: 0,
  /** Waiting conversations already seen; undefined until the first load (nothing is "new" then). */
  /** @type {Set<number> | undefined} */
  knownWaiting: undefined,
  /** Residents whose live event was a new request for a person, until the queue reloads. */
  /** @type {Set<string>} */
  requests: new Set(),
  /** @type {ReturnType<typeof createConversationView> | undefined} */
  view: undefined,
};

const layout = byId('layout');
const queueList = byId('queue-list');
const queueStatus = byId('queue-status');
const pane = byId('conversation');

/**
 * Runs `task` at most once at a time; calls made meanwhile fold into one more run.
 * @param {() => Promise<void>} task
 */
function coalesce(task) {
  /** @type {Promise<void> | undefined} */
  let running;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await task();
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };
  return run;
}

const serverNow = () => Date.now() + state.skew;

/** @returns {number | undefined} the conversation in the address (#/c/123) */
function routeId() {
  const match = /^#\/c\/(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) : undefined;
}

function renderFilters() {
  for (const button of document.querySelectorAll('.filter')) {
    button.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (button).dataset.filter === state.filter));
  }
}

/**
 * @param {string} id
 * @param {number} count
 */
function setCount(id, count) {
  const element = byId(id);
  element.textContent = count ? String(count) : '';
  element.title = count ? `${count}` : '';
}

const refreshQueue = coalesce(async () => {
  try {
    // The waiting list is always loaded: it feeds the counter and the "new request" alert.
    const [current, waiting, mine] = await Promise.all([
      api.queue(state.filter),
      state.filter === 'waiting' ? undefined : api.queue('waiting'),
      state.filter === 'mine' ? undefined : api.queue('mine'),
    ]);
    state.skew = current.now - Date.now();
    state.items = current.conversations;
    /** @type {import('./views/queue.js').QueueItem[]} */
    const waitingItems = (waiting ?? current).conversations;
    setCount('waiting-count', waitingItems.length);
    setCount('mine-count', (mine ?? current).conversations.length);
    noticeNewRequests(waitingItems);
    renderQueue(queueList, { items: state.items, filter: state.filter, now: serverNow(), me, openId: state.view?.id });
    queueStatus.textContent = '';
    queueList.removeAttribute('aria-busy');
  } catch (error) {
    queueStatus.textContent = error instanceof ApiError ? error.message : 'Could not load the queue.';
  }
});

/**
 * Alerts staff, once, about waiting conversations they have not seen before and about chats
 * whose live event said "a new request for a person".
 * @param {import('./views/queue.js').QueueItem[]} waiting
 */
function noticeNewRequests(waiting) {
  const known = state.knownWaiting;
  const fresh = waiting.filter((item) => (known && !known.has(item.id)) || state.requests.has(item.userId));
  // A request the waiting list does not show (someone claimed it at once) still gets its alert.
  const elsewhere = [...state.requests].filter((userId) => !waiting.some((item) => item.userId === userId));
  state.knownWaiting = new Set(waiting.map((item) => item.id));
  state.requests.clear();
  const count = fresh.length + elsewhere.length;
  if (count === 0) return;
  const first = fresh[0];
  const name = first?.displayName || 'A resident';
  const body = count === 1 ? `${name} is waiting for a person.` : `${name} and ${count - 1} more are waiting for a person.`;
  alertStaff('New request for staff', body, () => {
    if (first) location.hash = `#/c/${first.id}`;
  });
}

const refreshConversation = coalesce(async () => {
  const view = state.view;
  if (!view) return;
  try {
    const detail = await api.conversation(view.id);
    if (state.view === view) view.update(detail, serverNow());
  } catch (error) {
    if (state.view === view) view.showError(error instanceof ApiError ? error.message : 'Could not load the conversation.');
  }
});

async function refreshAll() {
  await Promise.all([refreshQueue(), refreshConversation()]);
}

function openFromRoute() {
  const id = routeId();
  if (id === state.view?.id) return;
  const previous = state.view?.id;
  state.view?.destroy();
  state.view = undefined;
  if (id === undefined) {
    layout.dataset.view = 'queue';
    replace(pane, h('div', { class: 'empty-state' }, h('p', { text: 'Choose a conversation from the queue.' })));
    renderQueue(queueList, { items: state.items, filter: state.filter, now: serverNow(), me, openId: undefined });
    // Back on the queue (phone layout): the keyboard goes back to where the person left off.
    if (previous !== undefined) /** @type {HTMLElement | null} */ (queueList.querySelector(`a[data-id="${previous}"]`))?.focus();
    return;
  }
  layout.dataset.view = 'conversation';
  const view = createConversationView(id, { me, onChanged: refreshAll, reload: refreshConversation, announce });
  state.view = view;
  replace(pane, view.element);
  pane.focus({ preventScroll: true });
  renderQueue(queueList, { items: state.items, filter: state.filter, now: serverNow(), me, openId: id });
  void refreshConversation();
}

function setUpFilters() {
  for (const button of document.querySelectorAll('.filter')) {
    button.addEventListener('click', () => {
      const filter = /** @type {HTMLElement} */ (button).dataset.filter ?? 'waiting';
      if (filter === state.filter) return;
      state.filter = filter;
      sessionStorage.setItem(FILTER_KEY, filter);
      renderFilters();
      queueList.setAttribute('aria-busy', 'true');
      void refreshQueue();
    });
  }
  renderFilters();
}

function setUpLive() {
  const status = byId('live-status');
  const statusText = byId('live-status-text');
  connectLive({
    onState(live, retryInMs) {
      status.dataset.state = live;
      status.title = live === 'live' ? 'Live updates are on' : 'Live updates are off; the console keeps trying';
      statusText.textContent = live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : `Offline: retrying in ${Math.max(1, Math.round((retryInMs ?? 0) / 1000))} s`;
    },
    // Whatever happened while the socket was down was not sent: reload everything.
    onConnected: () => void refreshAll(),
    onEvent(event) {
      // Recorded before the queue reloads, so the reload alerts once for it.
      if (event.request) state.requests.add(event.userId);
      void refreshQueue();
      const view = state.view;
      if (view && (event.conversationId === view.id || event.userId === view.userId())) void refreshConversation();
    },
    onClosed(code) {
      // 4001: the hub closed it because the session ended; a request shows whether it did.
      if (code === 4001) void api.me().catch(() => undefined);
    },
  });
}

setUpAlerts();
setUpFilters();
setUpLive();
window.addEventListener('hashchange', openFromRoute);
openFromRoute();
void refreshQueue();
window.setInterval(() => void refreshAll(), SAFETY_REFRESH_MS);
// Waiting times move on even when nothing else happens.
window.setInterval(() => renderQueue(queueList, { items: state.items, filter: state.filter, now: serverNow(), me, openId: state.view?.id }), CLOCK_TICK_MS);
