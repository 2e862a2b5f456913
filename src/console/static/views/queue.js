// @ts-check
/** The queue column: one link per conversation, with language, waiting time, last message and unread count. */
import { h, replace } from '../lib/dom.js';
import { duration, HANDOFF_REASONS, languageName, languageShort, lastMessageLine } from '../lib/format.js';

/**
 * @typedef {{ id: number, displayName: string }} StaffRef
 * @typedef {{ text: string | null, kind: string, direction: string, sender: string, at: number }} LastMessage
 * @typedef {{ id: number, userId: string, status: 'pending' | 'open' | 'resolved', displayName: string | null, language: string | null,
 *   assignee: StaffRef | null, handoffReason: string | null, waitingSince: number | null, resolvedAt: number | null, rating: number | null,
 *   updatedAt: number, lastMessage: LastMessage | null, unread: number }} QueueItem
 */

/** @type {Record<string, string>} */
export const EMPTY_QUEUE = {
  waiting: 'Nobody is waiting. New requests for a person appear here at once.',
  mine: 'You have no open conversations.',
  all: 'No active conversations.',
  resolved: 'No resolved conversations yet.',
};

/**
 * The line under the name: how long they have waited, or what happened.
 * @param {QueueItem} item
 * @param {number} now
 * @param {number} me
 */
function stateLine(item, now, me) {
  if (item.status === 'resolved') {
    const rating = item.rating === 1 ? 'rated 👍 helpful' : item.rating === 0 ? 'rated 👎 not helpful' : 'no rating yet';
    return { text: `Resolved ${item.resolvedAt ? `${duration(now - item.resolvedAt)} ago` : ''} · ${rating}`, urgency: 'none' };
  }
  if (item.status === 'pending') return { text: 'With the bot', urgency: 'none' };
  const waited = item.waitingSince ? now - item.waitingSince : 0;
  const owner = item.assignee ? (item.assignee.id === me ? 'you' : item.assignee.displayName) : 'nobody yet';
  const urgency = item.assignee ? 'none' : waited >= 30 * 60_000 ? 'high' : waited >= 10 * 60_000 ? 'medium' : 'low';
  return { text: `Waiting ${duration(waited)} · ${item.assignee ? `with ${owner}` : 'unassigned'}`, urgency };
}

/**
 * Renders the list.
 * @param {HTMLElement} list
 * @param {{ items: QueueItem[], filter: string, now: number, me: number, openId: number | undefined }} view
 */
export function renderQueue(list, { items, filter, now, me, openId }) {
  if (items.length === 0) {
    replace(list, h('li', { class: 'queue-empty', text: EMPTY_QUEUE[filter] ?? '' }));
    return;
  }
  replace(
    list,
    items.map((item) => {
      const state = stateLine(item, now, me);
      const name = item.displayName || 'Name not known';
      return h(
        'li',
        {},
        h(
          'a',
          {
            class: 'queue-item',
            href: `#/c/${item.id}`,
            'data-id': item.id,
            'data-status': item.status,
            'data-urgency': state.urgency,
            'aria-current': item.id === openId ? 'true' : false,
          },
          h(
            'span',
            { class: 'qi-top' },
            h('span', { class: 'qi-name', text: name }),
            h('span', { class: 'lang-badge', title: languageName(item.language), text: languageShort(item.language) }),
            item.unread > 0 && h('span', { class: 'unread', text: item.unread, title: `${item.unread} unread`, 'aria-label': `${item.unread} unread` }),
          ),
          h('span', { class: 'qi-last', text: lastMessageLine(item.lastMessage) }),
          h(
            'span',
            { class: 'qi-meta' },
            h('span', { class: 'qi-state', text: state.text }),
            item.status === 'open' && item.handoffReason === 'emergency' && h('span', { class: 'tag tag-urgent', text: HANDOFF_REASONS.emergency }),
          ),
        ),
      );
    }),
  );
}
