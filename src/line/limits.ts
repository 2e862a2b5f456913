/**
 * Messaging API limits, in one place.
 * https://developers.line.biz/en/reference/messaging-api/#send-reply-message
 */

/** User ids in one multicast request. */
export const MAX_MULTICAST_RECIPIENTS = 500;
/** Messages in one reply or push request. */
export const MAX_MESSAGES_PER_REQUEST = 5;
/** A text message's length, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 5000;
/** Quick reply buttons on one message. */
export const MAX_QUICK_REPLY_ITEMS = 13;
/** An action's label, in characters. */
export const MAX_ACTION_LABEL_LENGTH = 20;
/** A postback action's data. */
export const MAX_POSTBACK_DATA_LENGTH = 300;
/** A postback action's display text. */
export const MAX_DISPLAY_TEXT_LENGTH = 300;
/**
 * How long after its event a reply token is still used. LINE gives about a minute; staff replies
 * keep a margin and push after it (a push costs quota, an expired token costs a failed call).
 */
export const REPLY_TOKEN_USABLE_MS = 50_000;
