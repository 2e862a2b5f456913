// @ts-check
/**
 * The resident's whole history, oldest first: their messages, the bot's answers (with the FAQ
 * entry used), staff replies, private notes (visibly different: never sent) and small system
 * lines for the handoff's activity. Every text from the resident is set as text.
 */
import { h } from '../lib/dom.js';
import { clock, fileSize, fullTime, HANDOFF_REASONS, kindName } from '../lib/format.js';

/**
 * @typedef {{ id: number, conversationId: number, direction: 'incoming' | 'outgoing' | 'activity', sender: 'resident' | 'bot' | 'staff' | 'system',
 *   kind: string, text: string | null, private: boolean, language: string | null, decision: string | null, entryId: string | null,
 *   entryTitle: { ja: string, en: string } | null, score: number | null, status: string, deliveryVia: string | null, deliveryError: string | null,
 *   staff: { id: number, displayName: string } | null, detail: Record<string, unknown> | null,
 *   media: { status: string, contentType: string | null, size: number | null, fileName: string | null } | null, createdAt: number }} HistoryMessage
 * @typedef {{ me: number, residentName: string, staffName: (id: unknown) => string, currentConversationId: number, onRetry: (messageId: number, button: HTMLButtonElement) => void }} HistoryContext
 */

/** What the bot decided, where the answer alone does not say it. */
const DECISIONS = /** @type {Record<string, string>} */ ({
  clarify: 'asked which one',
  fallback: 'no answer found',
  human: 'handed to staff',
});

/**
 * @param {HistoryMessage} message
 * @param {HistoryContext} ctx
 */
function actor(message, ctx) {
  if (!message.staff) return 'Staff';
  return message.staff.id === ctx.me ? 'You' : message.staff.displayName;
}

/**
 * What an activity row says, in the staff's words.
 * @param {HistoryMessage} message
 * @param {HistoryContext} ctx
 */
export function activityText(message, ctx) {
  const detail = message.detail ?? {};
  const who = actor(message, ctx);
  switch (message.kind) {
    case 'handoff': {
      const reason = typeof detail.reason === 'string' ? HANDOFF_REASONS[detail.reason] : undefined;
      return `Handed to staff${reason ? `: ${reason}` : ''}`;
    }
    case 'cancelled':
      return 'The resident withdrew the request for a person';
    case 'claimed':
      return `${who} took the conversation`;
    case 'assigned':
      return `${who} assigned it to ${detail.to === ctx.me ? 'you' : ctx.staffName(detail.to)}`;
    case 'resolved':
      return `${who} resolved the conversation`;
    case 'returned':
      return `${who} handed the chat back to the bot`;
    default:
      return message.text ?? message.kind;
  }
}

/**
 * @param {HistoryMessage} message
 * @param {HistoryContext} ctx
 */
function mediaContent(message, ctx) {
  const media = message.media;
  const label = kindName(message.kind);
  if (!media) return h('p', { class: 'msg-text msg-placeholder', text: `[${label}]` });
  if (media.status !== 'stored') {
    const why = /** @type {Record<string, string>} */ ({
      pending: 'being saved from LINE…',
      failed: 'could not be saved from LINE',
      too_large: 'too large to keep',
      external: 'sent as an external link, not kept',
    })[media.status];
    return h('p', { class: 'msg-text msg-placeholder', text: `[${label}: ${why ?? media.status}]` });
  }
  const src = `/console/media/${encodeURIComponent(String(message.id))}`;
  const isImage = message.kind === 'image' || (media.contentType ?? '').startsWith('image/');
  if (isImage) {
    return h('a', { class: 'msg-image', href: src, target: '_blank', rel: 'noopener' }, h('img', { src, alt: `Photo from ${ctx.residentName}`, loading: 'lazy' }));
  }
  const name = media.fileName || (message.detail && typeof message.detail.fileName === 'string' ? message.detail.fileName : '') || `${label.toLowerCase()}-${message.id}`;
  const size = fileSize(media.size);
  return h('a', { class: 'msg-file', href: src, download: name }, h('span', { class: 'msg-file-icon', 'aria-hidden': 'true', text: '⬇' }), ` Download ${label.toLowerCase()}: `, h('span', { class: 'msg-file-name', text: name }), size && ` (${size})`);
}

/** @param {HistoryMessage} message */
function locationContent(message) {
  const detail = message.detail ?? {};
  const latitude = Number(detail.latitude);
  const longitude = Number(detail.longitude);
  const map = Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  return h(
    'div',
    { class: 'msg-location' },
    h('p', { class: 'msg-text' }, '📍 ', typeof detail.title === 'string' && detail.title ? detail.title : 'Location'),
    typeof detail.address === 'string' && h('p', { class: 'msg-subtext', text: detail.address }),
    map &&
      h('a', {
        href: `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`,
        target: '_blank',
        rel: 'noopener noreferrer',
        text: 'Open the map',
      }),
  );
}

/**
 * The body of a resident's message.
 * @param {HistoryMessage} message
 * @param {HistoryContext} ctx
 */
function incomingContent(message, ctx) {
  switch (message.kind) {
    case 'text':
      return h('p', { class: 'msg-text', text: message.text ?? '' });
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
      return mediaContent(message, ctx);
    case 'location':
      return locationContent(message);
    case 'sticker': {
      const keywords = Array.isArray(message.detail?.keywords) ? message.detail.keywords.slice(0, 5).map(String).join(', ') : '';
      return h('p', { class: 'msg-text msg-placeholder', text: `[Sticker${keywords ? `: ${keywords}` : ''}]` });
    }
    case 'postback':
      return h('p', { class: 'msg-text msg-placeholder', text: message.text ?? '[Tapped a button]' });
    default:
      return h('p', { class: 'msg-text', text: message.text ?? `[${kindName(message.kind)}]` });
  }
}

/**
 * Sent, sending, or failed with a Retry button.
 * @param {HistoryMessage} message
 * @param {HistoryContext} ctx
 */
function deliveryLine(message, ctx) {
  if (message.status === 'failed') {
    const retry = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button small danger', text: 'Retry' }));
    retry.addEventListener('click', () => ctx.onRetry(message.id, retry));
    return h('p', { class: 'msg-delivery msg-failed', role: 'note' }, h('span', { text: `Not delivered${message.deliveryError ? `: ${message.deliveryError}` : ''}` }), ' ', retry);
  }
  if (message.status === 'pending') return h('p', { class: 'msg-delivery', text: 'Sending…' });
  return null;
}

/**
 * @param {HistoryMessage} message
 * @param {HistoryContext} ctx
 * @returns {HTMLLIElement}
 */
export function renderMessage(message, ctx) {
  const time = h('time', { class: 'msg-time', datetime: new Date(message.createdAt).toISOString(), title: fullTime(message.createdAt), text: clock(message.createdAt) });
  if (message.direction === 'activity') {
    return h('li', { class: 'msg-activity', 'data-id': message.id, 'data-kind': message.kind }, h('span', { text: activityText(message, ctx) }), ' · ', time);
  }
  if (message.private) {
    return h(
      'li',
      { class: 'msg msg-note', 'data-id': message.id },
      h('p', { class: 'msg-meta' }, h('span', { class: 'msg-note-label', text: '🔒 Private note' }), ` · ${actor(message, ctx)} · `, time),
      h('p', { class: 'msg-text', text: message.text ?? '' }),
      h('p', { class: 'msg-subtext', text: 'Only staff can see this.' }),
    );
  }
  if (message.direction === 'incoming') {
    return h('li', { class: 'msg msg-in', 'data-id': message.id, 'data-kind': message.kind }, h('p', { class: 'msg-meta' }, h('span', { class: 'msg-who', text: ctx.residentName }), ' · ', time), incomingContent(message, ctx));
  }
  const bySender = message.sender === 'staff';
  const faq = message.entryTitle;
  return h(
    'li',
    { class: `msg msg-out ${bySender ? 'msg-staff' : 'msg-bot'}${message.status === 'failed' ? ' is-failed' : ''}`, 'data-id': message.id, 'data-kind': message.kind },
    h(
      'p',
      { class: 'msg-meta' },
      h('span', { class: 'msg-who', text: bySender ? actor(message, ctx) : 'Bot' }),
      ' · ',
      time,
      !bySender && message.decision && DECISIONS[message.decision] && h('span', { class: 'tag', text: DECISIONS[message.decision] }),
    ),
    faq &&
      h(
        'p',
        { class: 'msg-faq', title: message.entryId ?? '' },
        h('span', { class: 'msg-faq-label', text: bySender ? 'FAQ answer sent' : 'FAQ' }),
        ' ',
        h('span', { lang: 'ja', text: faq.ja }),
        ' / ',
        h('span', { lang: 'en', text: faq.en }),
      ),
    h('p', { class: 'msg-text', lang: message.language ?? undefined, text: message.text ?? `[${kindName(message.kind)}]` }),
    deliveryLine(message, ctx),
  );
}

/**
 * The whole list, with a divider where one conversation ends and the next begins.
 * @param {HistoryMessage[]} messages
 * @param {HistoryContext} ctx
 * @returns {HTMLLIElement[]}
 */
export function renderHistory(messages, ctx) {
  /** @type {HTMLLIElement[]} */
  const items = [];
  let conversationId;
  for (const message of messages) {
    if (message.conversationId !== conversationId) {
      conversationId = message.conversationId;
      const current = conversationId === ctx.currentConversationId;
      items.push(h('li', { class: `msg-divider${current ? ' is-current' : ''}`, text: `Conversation ${conversationId}${current ? ' (this one)' : ''} · ${clock(message.createdAt)}` }));
    }
    items.push(renderMessage(message, ctx));
  }
  return items;
}
