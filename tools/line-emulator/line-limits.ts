/**
 * LINE Messaging API limits (https://developers.line.biz/en/reference/messaging-api/#message-objects).
 * Some are encoded in messaging-api.json already (noted below); the rest are enforced by the
 * LINE platform but missing from the spec, so they are added as extra checks here.
 */
import { lengthMessage, type ExtraChecks, type ValidationIssue } from './openapi-validate';

/** Messages per reply/push/multicast/broadcast request (also `maxItems` in the spec). */
export const MAX_MESSAGES_PER_REQUEST = 5;
/** Recipients per multicast request (also `maxItems` in the spec). */
export const MAX_MULTICAST_RECIPIENTS = 500;
/** UTF-16 code units in a text message (not in the spec). */
export const MAX_TEXT_LENGTH = 5000;
/** Quick reply buttons on one message (also `maxItems` in the spec). */
export const MAX_QUICK_REPLY_ITEMS = 13;
/** Characters in an action label (not in the spec). */
export const MAX_ACTION_LABEL_LENGTH = 20;
/** Characters in postback data (also `maxLength` in the spec). */
export const MAX_POSTBACK_DATA_LENGTH = 300;
/** Characters in a message action's text and a postback action's displayText (not in the spec). */
export const MAX_ACTION_TEXT_LENGTH = 300;
/** Characters in a template or flex message's altText (not in the spec). */
export const MAX_ALT_TEXT_LENGTH = 1500;
/** A retry key is remembered for this long after it was accepted. */
export const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** The loading animation lasts 5..60 seconds in steps of 5 (the step is not in the spec). */
export const LOADING_SECONDS_STEP = 5;
/** Default loading animation length when the request omits it. */
export const DEFAULT_LOADING_SECONDS = 20;

function maxLength(value: Record<string, unknown>, key: string, max: number, path: string): ValidationIssue[] {
  const field = value[key];
  if (typeof field !== 'string' || field.length <= max) return [];
  return [{ property: path ? `${path}.${key}` : key, message: lengthMessage(0, max) }];
}

function notEmpty(value: Record<string, unknown>, key: string, path: string): ValidationIssue[] {
  return value[key] === '' ? [{ property: path ? `${path}.${key}` : key, message: 'May not be empty' }] : [];
}

/** The limits the spec misses, keyed by the component schema they belong to. */
export const LINE_EXTRA_CHECKS: ExtraChecks = {
  TextMessage: (value, path) => [...notEmpty(value, 'text', path), ...maxLength(value, 'text', MAX_TEXT_LENGTH, path)],
  TextMessageV2: (value, path) => [...notEmpty(value, 'text', path), ...maxLength(value, 'text', MAX_TEXT_LENGTH, path)],
  TemplateMessage: (value, path) => maxLength(value, 'altText', MAX_ALT_TEXT_LENGTH, path),
  FlexMessage: (value, path) => maxLength(value, 'altText', MAX_ALT_TEXT_LENGTH, path),
  // Every action subtype lists Action in its allOf, so this covers quick replies, templates and flex.
  Action: (value, path) => maxLength(value, 'label', MAX_ACTION_LABEL_LENGTH, path),
  MessageAction: (value, path) => maxLength(value, 'text', MAX_ACTION_TEXT_LENGTH, path),
  PostbackAction: (value, path) => maxLength(value, 'displayText', MAX_ACTION_TEXT_LENGTH, path),
  ShowLoadingAnimationRequest: (value, path) => {
    const seconds = value.loadingSeconds;
    if (typeof seconds !== 'number' || seconds % LOADING_SECONDS_STEP === 0) return [];
    return [{ property: path ? `${path}.loadingSeconds` : 'loadingSeconds', message: `Must be a multiple of ${LOADING_SECONDS_STEP}` }];
  },
};
