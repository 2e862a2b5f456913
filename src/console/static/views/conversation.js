// @ts-check
/**
 * The conversation pane: who the resident is, the state of the handoff with its actions
 * (claim, assign, resolve, return to the bot), the history, and the reply box with private
 * notes, FAQ answers and canned replies. Built once per opened conversation; later updates
 * only replace the parts that change, so a half-written reply survives live updates.
 */
import { api, ApiError } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { duration, fullTime, HANDOFF_REASONS, languageName, languageShort } from '../lib/format.js';
import { renderHistory } from './history.js';
import { cannedTool, faqTool } from './tools.js';

/** Within this distance of the bottom, new messages keep the history scrolled to the end. */
const STICK_TO_BOTTOM_PX = 80;
const MAX_TEXT_LENGTH = 5000;

/**
 * @typedef {import('./queue.js').QueueItem} QueueItem
 * @typedef {import('./history.js').HistoryMessage} HistoryMessage
 * @typedef {{ userId: string, displayName: string | null, language: string, languageName: string, lineLanguage: string | null, following: boolean, since: number | null }} Resident
 * @typedef {{ conversation: QueueItem, resident: Resident, messages: HistoryMessage[], staff: Array<{ id: number, displayName: string }>, me: { id: number } }} ConversationDetail
 * @typedef {{ me: number, onChanged: () => Promise<void>, reload: () => Promise<void>, announce: (text: string) => void }} ViewOptions
 */

/**
 * @param {ConversationDetail} detail
 * @param {number} me
 * @param {number} now
 */
function stateSummary(detail, me, now) {
  const c = detail.conversation;
  if (c.status === 'resolved') {
    const rating = c.rating === 1 ? 'The resident rated it 👍 helpful.' : c.rating === 0 ? 'The resident rated it 👎 not helpful.' : 'No rating yet.';
    return { badge: 'Resolved', tone: 'done', text: `${c.resolvedAt ? `Resolved ${duration(now - c.resolvedAt)} ago. ` : ''}${rating}` };
  }
  if (c.status === 'pending') return { badge: 'With the bot', tone: 'bot', text: 'The bot is answering. Step in to reply yourself.' };
  const waited = c.waitingSince ? `Waiting ${duration(now - c.waitingSince)}` : 'Waiting';
  const reason = c.handoffReason ? ` · ${HANDOFF_REASONS[c.handoffReason] ?? c.handoffReason}` : '';
  if (!c.assignee) return { badge: 'Needs a person', tone: 'waiting', text: `${waited}${reason}. Nobody has taken it yet.` };
  if (c.assignee.id === me) return { badge: 'With you', tone: 'mine', text: `${waited}${reason}. You are handling this conversation.` };
  return { badge: `With ${c.assignee.displayName}`, tone: 'other', text: `${waited}${reason}. ${c.assignee.displayName} is handling it.` };
}

/**
 * Creates the pane for one conversation.
 * @param {number} id
 * @param {ViewOptions} options
 */
export function createConversationView(id, options) {
  /** @type {ConversationDetail | undefined} */
  let detail;
  let now = Date.now();
  let lastMarkedRead = 0;
  /** Reloads while a picture or file is still being fetched from LINE (no live event says when it is done). */
  let mediaTimer = 0;
  let mediaChecks = 0;
  /** @type {{ faq: ReturnType<typeof faqTool>, canned: ReturnType<typeof cannedTool> } | undefined} */
  let tools;

  const back = h('a', { class: 'back-link', href: '#/', text: '← Queue' });
  const title = h('h2', { class: 'conv-name', id: 'conv-name' });
  const langBadge = h('span', { class: 'lang-badge' });
  const facts = h('p', { class: 'conv-facts' });
  const stateBadge = h('span', { class: 'state-badge' });
  const stateText = h('span', { class: 'state-text' });
  const actions = h('div', { class: 'conv-actions', role: 'group', 'aria-label': 'Conversation actions' });
  const actionError = h('p', { class: 'form-error', role: 'alert' });
  const header = h(
    'header',
    { class: 'conv-header' },
    back,
    h('div', { class: 'conv-title' }, title, langBadge),
    facts,
    h('p', { class: 'conv-state' }, stateBadge, ' ', stateText),
    actions,
    actionError,
  );
  const history = h('ol', { class: 'history', 'aria-label': 'Messages, oldest first', tabindex: 0 });

  // The reply box: reply to the resident, or a private note for colleagues.
  const textarea = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: 'composer-text', rows: 2, maxlength: MAX_TEXT_LENGTH }));
  const replyMode = /** @type {HTMLInputElement} */ (h('input', { type: 'radio', name: 'composer-mode', id: 'mode-reply', value: 'reply', checked: true }));
  const noteMode = /** @type {HTMLInputElement} */ (h('input', { type: 'radio', name: 'composer-mode', id: 'mode-note', value: 'note' }));
  const composerLabel = h('label', { for: 'composer-text', class: 'composer-label' });
  const composerHint = h('p', { class: 'hint composer-hint' });
  const sendButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button primary' }));
  const composerError = h('p', { class: 'form-error', role: 'alert' });
  const composer = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'composer', 'data-mode': 'reply' },
      h(
        'fieldset',
        { class: 'composer-mode' },
        h('legend', { class: 'visually-hidden', text: 'Write' }),
        h('span', { class: 'mode-option' }, replyMode, h('label', { for: 'mode-reply', text: 'Reply to resident' })),
        h('span', { class: 'mode-option' }, noteMode, h('label', { for: 'mode-note', text: 'Private note' })),
      ),
      composerLabel,
      textarea,
      h('div', { class: 'composer-actions' }, composerHint, sendButton),
      composerError,
    )
  );
  const toolsArea = h('div', { class: 'tools' });
  const element = h('div', { class: 'conv', 'data-id': id, 'aria-busy': 'true' }, header, history, h('div', { class: 'composer-area' }, toolsArea, composer));

  const mode = () => (noteMode.checked ? 'note' : 'reply');

  /** Whether this staff member can write to the resident now (replying claims an unowned chat). */
  function canReply() {
    const c = detail?.conversation;
    if (!c || c.status === 'resolved') return false;
    return !(c.status === 'open' && c.assignee && c.assignee.id !== options.me);
  }

  function updateComposer() {
    if (!detail) return;
    const c = detail.conversation;
    const name = detail.resident.displayName || 'the resident';
    composer.dataset.mode = mode();
    if (mode() === 'note') {
      composerLabel.textContent = 'Private note (only staff see it)';
      sendButton.textContent = 'Save note';
      composerHint.textContent = 'Notes are never sent to the resident.';
      textarea.disabled = false;
      sendButton.disabled = false;
      return;
    }
    composerLabel.textContent = `Reply to ${name} (${languageName(detail.resident.language)})`;
    sendButton.textContent = 'Send reply';
    const blocked = !canReply();
    textarea.disabled = blocked;
    sendButton.disabled = blocked;
    composerHint.textContent =
      c.status === 'resolved'
        ? 'This conversation is resolved. If the resident writes again, a new one starts.'
        : blocked
          ? `${c.assignee?.displayName ?? 'Someone'} has this conversation. Assign it to yourself to reply.`
          : c.status !== 'open' || !c.assignee
            ? 'Sending a reply takes the conversation. Ctrl+Enter sends.'
            : 'Sent under the Plaza staff name, in LINE. Ctrl+Enter sends.';
  }

  /**
   * Runs an action, shows what went wrong if anything, and reloads.
   * @param {Record<string, unknown>} action
   * @param {HTMLButtonElement | undefined} button
   * @param {HTMLElement} errorLine
   */
  async function run(action, button, errorLine) {
    errorLine.textContent = '';
    if (button) button.disabled = true;
    try {
      const result = await api.act(id, action);
      if (result.delivery && !result.delivery.ok) {
        errorLine.textContent = `Saved, but LINE did not take it: ${result.delivery.error ?? 'unknown error'}. Use Retry on the message.`;
      }
      return result;
    } catch (error) {
      errorLine.textContent = error instanceof ApiError ? error.message : 'That did not work. Please try again.';
      return undefined;
    } finally {
      if (button) button.disabled = false;
      // Not awaited: the caller updates the form at once; the reload follows.
      void options.onChanged();
    }
  }

  function renderActions() {
    if (!detail) return;
    const c = detail.conversation;
    /** @type {HTMLElement[]} */
    const buttons = [];
    /**
     * @param {string} label
     * @param {Record<string, unknown>} action
     * @param {string} [tone]
     */
    const button = (label, action, tone = '') => {
      const b = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: `button ${tone}`, 'data-action': String(action.type), text: label }));
      b.addEventListener('click', async () => {
        const result = await run(action, b, actionError);
        if (result) options.announce(`${label}: done.`);
      });
      buttons.push(b);
    };
    if (c.status !== 'resolved') {
      if (c.status === 'pending') button('Step in', { type: 'claim' }, 'primary');
      else if (!c.assignee) button('Claim', { type: 'claim' }, 'primary');
      const others = detail.staff.filter((s) => s.id !== c.assignee?.id);
      if (others.length) {
        const select = /** @type {HTMLSelectElement} */ (
          h(
            'select',
            { id: 'assign-to' },
            h('option', { value: '', text: c.assignee ? 'Hand over to…' : 'Assign to…' }),
            others.map((s) => h('option', { value: s.id, text: s.id === options.me ? `${s.displayName} (me)` : s.displayName })),
          )
        );
        const assign = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button', 'data-action': 'assign', text: 'Assign' }));
        assign.addEventListener('click', async () => {
          if (!select.value) {
            actionError.textContent = 'Choose who should take it first.';
            select.focus();
            return;
          }
          const to = Number(select.value);
          const result = await run({ type: 'assign', to }, assign, actionError);
          if (result) options.announce('Assigned.');
        });
        buttons.push(h('span', { class: 'assign' }, h('label', { for: 'assign-to', class: 'visually-hidden', text: 'Assign to' }), select, assign));
      }
      if (c.status === 'open') {
        button('Resolve', { type: 'resolve' }, 'success');
        button('Return to bot', { type: 'return' });
      }
    }
    replace(actions, buttons);
  }

  function renderHeader() {
    if (!detail) return;
    const { resident, conversation } = detail;
    title.textContent = resident.displayName || 'Name not known';
    langBadge.textContent = languageShort(resident.language);
    langBadge.title = languageName(resident.language);
    replace(
      facts,
      h('span', { text: `Writes in ${languageName(resident.language)}` }),
      resident.lineLanguage && h('span', { text: ` · LINE app: ${resident.lineLanguage}` }),
      resident.since && h('span', { title: fullTime(resident.since), text: ` · friend for ${duration(now - resident.since)}` }),
      !resident.following && h('span', { class: 'tag tag-urgent', text: 'has blocked the account: messages cannot be delivered' }),
    );
    const summary = stateSummary(detail, options.me, now);
    stateBadge.textContent = summary.badge;
    stateBadge.dataset.tone = summary.tone;
    stateText.textContent = summary.text;
    element.dataset.status = conversation.status;
    renderActions();
  }

  function renderMessages() {
    if (!detail) return;
    const atBottom = history.scrollHeight - history.scrollTop - history.clientHeight < STICK_TO_BOTTOM_PX;
    const firstRender = history.childElementCount === 0;
    const staffNames = new Map(detail.staff.map((s) => [s.id, s.displayName]));
    replace(
      history,
      renderHistory(detail.messages, {
        me: options.me,
        residentName: detail.resident.displayName || 'Resident',
        staffName: (staffId) => staffNames.get(Number(staffId)) ?? 'a colleague',
        currentConversationId: id,
        onRetry: (messageId, button) => void run({ type: 'retry', messageId }, button, composerError),
      }),
    );
    if (firstRender || atBottom) history.scrollTop = history.scrollHeight;
  }

  function setUpTools() {
    if (!detail || tools) return;
    const lang = detail.resident.language;
    tools = {
      faq: faqTool({
        lang,
        canSend: canReply,
        send: async (entryId, button) => {
          const result = await run({ type: 'faq', entryId }, button, composerError);
          if (result) options.announce('FAQ answer sent.');
        },
      }),
      canned: cannedTool({
        lang,
        currentText: () => textarea.value,
        use: (text) => {
          replyMode.checked = true;
          updateComposer();
          textarea.value = text;
          textarea.focus();
        },
      }),
    };
    replace(toolsArea, tools.faq.element, tools.canned.element);
  }

  /** Marks what is on screen as read, once per new message, while the page is in view. */
  async function markRead() {
    if (!detail || document.visibilityState !== 'visible') return;
    const lastId = detail.messages.at(-1)?.id ?? 0;
    if (lastId <= lastMarkedRead) return;
    lastMarkedRead = lastId;
    try {
      await api.markRead(id, lastId);
    } catch {
      lastMarkedRead = 0;
    }
  }

  function watchPendingMedia() {
    window.clearTimeout(mediaTimer);
    const pending = detail?.messages.some((message) => message.media?.status === 'pending');
    if (!pending) {
      mediaChecks = 0;
      return;
    }
    const delay = Math.min(30_000, 2000 * 2 ** mediaChecks++);
    mediaTimer = window.setTimeout(() => void options.reload(), delay);
  }

  composer.addEventListener('change', updateComposer);
  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) {
      composerError.textContent = mode() === 'note' ? 'Write the note first.' : 'Write a reply first.';
      textarea.focus();
      return;
    }
    const type = mode();
    const result = await run({ type, text }, sendButton, composerError);
    if (result) {
      textarea.value = '';
      options.announce(type === 'note' ? 'Note saved.' : 'Reply sent.');
    }
    updateComposer();
    textarea.focus();
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  document.addEventListener('visibilitychange', markRead);

  return {
    id,
    element,
    /** @returns {string | undefined} the resident's LINE user id, once loaded */
    userId: () => detail?.resident.userId,
    /**
     * Shows fresh data from the API.
     * @param {ConversationDetail} next
     * @param {number} serverNow
     */
    update(next, serverNow) {
      detail = next;
      now = serverNow;
      element.removeAttribute('aria-busy');
      renderHeader();
      renderMessages();
      setUpTools();
      tools?.faq.refresh();
      updateComposer();
      watchPendingMedia();
      void markRead();
    },
    /** @param {string} message */
    showError(message) {
      element.removeAttribute('aria-busy');
      actionError.textContent = message;
    },
    destroy() {
      window.clearTimeout(mediaTimer);
      document.removeEventListener('visibilitychange', markRead);
    },
  };
}
