/**
 * Signs and POSTs webhooks to the bot the way the LINE platform does
 * (https://developers.line.biz/en/reference/messaging-api/#request-headers).
 */
import { recordUserEvent } from './chat-log';
import { buildEvent, checkSpec, type SendSpec } from './webhook-events';
import type { EmulatorState, WebhookEvent } from './emulator-state';

/** X-Line-Signature: Base64(HMAC-SHA256(channelSecret, raw body)). */
export async function signBody(channelSecret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(channelSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return btoa(String.fromCharCode(...mac));
}

/** How the bot answered a webhook; status 0 when it could not be reached. */
export interface WebhookResult {
  status: number;
  body: unknown;
}

/** POSTs one webhook carrying `events` and returns the bot's answer. */
export async function postWebhook(state: EmulatorState, events: WebhookEvent[]): Promise<WebhookResult> {
  const { botUserId, channelSecret, webhookUrl, fetch } = state.options;
  // The signature covers these exact bytes, so the body is serialised once and sent as is.
  const body = JSON.stringify({ destination: botUserId, events });
  const signature = await signBody(channelSecret, body);
  try {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'LineBotWebhook/2.0', 'x-line-signature': signature },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: parseMaybeJson(text) };
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error) };
  }
}

/** The outcome of sending user events: the bot's answer, or why nothing was sent. */
export type SendResult =
  | { ok: true; status: number; body: unknown; events: WebhookEvent[] }
  | { ok: false; status: 404 | 409; message: string };

/** Builds events from specs, records them in the chat log, and sends them in one webhook. */
export async function sendUserEvents(state: EmulatorState, specs: SendSpec[]): Promise<SendResult> {
  // Check every spec first so a bad one in a batch leaves the state untouched.
  for (const spec of specs) {
    const problem = checkSpec(state, spec);
    if (!problem.ok) return problem;
  }
  const entries = specs.map((spec) => {
    const built = buildEvent(state, spec);
    // Recorded before the POST so the bot's reply (made during the POST) comes after it.
    return recordUserEvent(state, built.event, built.displayText);
  });
  const events = entries.map((entry) => entry.event);
  const result = await postWebhook(state, events);
  for (const entry of entries) entry.webhookStatus = result.status;
  return { ok: true, ...result, events };
}

/** Sends an already-sent event again, marked as a redelivery, with the same webhookEventId. */
export async function redeliverEvent(state: EmulatorState, webhookEventId: string): Promise<(WebhookResult & { event: WebhookEvent }) | undefined> {
  const original = state.events.get(webhookEventId);
  if (!original) return undefined;
  const event: WebhookEvent = { ...original, deliveryContext: { isRedelivery: true } };
  return { ...(await postWebhook(state, [event])), event };
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
