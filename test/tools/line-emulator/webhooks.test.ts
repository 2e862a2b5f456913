import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateWebhook } from '../../../tools/line-emulator/line-specs';
import { USER_EVENT_KINDS } from '../../../tools/line-emulator/webhook-events';
import { CHANNEL_SECRET, setupEmulator, WEBHOOK_URL } from './helpers';

const SPECS: Record<(typeof USER_EVENT_KINDS)[number], Record<string, unknown>> = {
  text: { text: 'ゴミの日はいつですか?' },
  sticker: {},
  image: {},
  audio: {},
  video: {},
  file: { fileName: 'residence-card.pdf' },
  location: {},
  postback: { data: 'action=lang&value=vi', displayText: 'Tiếng Việt' },
  follow: {},
  unfollow: {},
};

describe('webhooks', () => {
  it.each(USER_EVENT_KINDS)('sends a %s event that validates against webhook.json CallbackRequest', async (kind) => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    await emu.send({ userId, event: kind, ...SPECS[kind] });
    const [webhook] = emu.webhooks;
    expect(webhook.url).toBe(WEBHOOK_URL);
    expect(validateWebhook('CallbackRequest', webhook.body)).toEqual([]);
    const [event] = webhook.body.events;
    expect(event).toMatchObject({ mode: 'active', source: { type: 'user', userId }, deliveryContext: { isRedelivery: false } });
    expect(event.webhookEventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    if (kind === 'unfollow') expect(event.replyToken).toBeUndefined();
    else expect(event.replyToken).toMatch(/^[0-9a-f]{32}$/);
  });

  it('signs the exact body with HMAC-SHA256 of the channel secret', async () => {
    const emu = setupEmulator();
    await emu.send({ userId: await emu.createUser(), event: 'text', text: 'こんにちは 😀' });
    const [webhook] = emu.webhooks;
    const expected = createHmac('sha256', CHANNEL_SECRET).update(webhook.rawBody).digest('base64');
    expect(webhook.headers.get('x-line-signature')).toBe(expected);
    expect(webhook.headers.get('content-type')).toMatch(/^application\/json/);
    expect(webhook.body.destination).toMatch(/^U[0-9a-f]{32}$/);
  });

  it('builds message contents in LINE\'s shapes', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    const textEvent = await emu.send({ userId, event: 'text', text: 'hi' });
    expect(textEvent.message).toEqual({ id: expect.stringMatching(/^\d{18}$/), type: 'text', quoteToken: expect.any(String), text: 'hi' });
    const image = await emu.send({ userId, event: 'image' });
    expect(image.message.contentProvider).toEqual({ type: 'line' });
    const postback = await emu.send({ userId, event: 'postback', data: 'a=1', displayText: 'One' });
    expect(postback.postback).toEqual({ data: 'a=1' });
    const follow = await emu.send({ userId, event: 'follow' });
    expect(follow.follow).toEqual({ isUnblocked: false });
    await emu.send({ userId, event: 'unfollow' });
    expect((await emu.send({ userId, event: 'follow' })).follow).toEqual({ isUnblocked: true });
  });

  it('sends group events with the group as the reply target', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    const event = await emu.send({ userId, event: 'text', text: 'hi all', source: 'group', groupId: 'C' + 'a'.repeat(32) });
    expect(event.source).toEqual({ type: 'group', groupId: 'C' + 'a'.repeat(32), userId });
    expect(validateWebhook('CallbackRequest', emu.webhooks[0].body)).toEqual([]);
    expect((await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [{ type: 'text', text: 'yo' }] })).status).toBe(200);
    const { body } = await emu.control(`/messages?chatId=${'C' + 'a'.repeat(32)}`);
    expect(body.messages.map((m: any) => m.from)).toEqual(['user', 'bot']);
  });

  it('redelivers an event with the same webhookEventId and isRedelivery true', async () => {
    const emu = setupEmulator();
    const event = await emu.send({ userId: await emu.createUser(), event: 'text', text: 'hello' });
    const { status, body } = await emu.control('/redeliver', { webhookEventId: event.webhookEventId });
    expect(status).toBe(200);
    expect(body.status).toBe(200);
    const redelivered = emu.webhooks[1].body.events[0];
    expect(redelivered.webhookEventId).toBe(event.webhookEventId);
    expect(redelivered.deliveryContext).toEqual({ isRedelivery: true });
    expect(validateWebhook('CallbackRequest', emu.webhooks[1].body)).toEqual([]);
    expect((await emu.control('/redeliver', { webhookEventId: 'nope' })).status).toBe(404);
  });

  it('batches several events into one webhook', async () => {
    const emu = setupEmulator();
    const a = await emu.createUser('A', 'en');
    const b = await emu.createUser('B', 'ne');
    const { status, body } = await emu.control('/webhook-batch', {
      events: [{ userId: a, event: 'follow' }, { userId: a, event: 'text', text: 'one' }, { userId: b, event: 'text', text: 'two' }],
    });
    expect(status).toBe(200);
    expect(body.events).toHaveLength(3);
    expect(emu.webhooks).toHaveLength(1);
    expect(emu.webhooks[0].body.events.map((e: any) => e.type)).toEqual(['follow', 'message', 'message']);
    expect(validateWebhook('CallbackRequest', emu.webhooks[0].body)).toEqual([]);
  });

  it('reports how the bot answered, including when it is unreachable', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    emu.onWebhook(() => new Response('bad signature', { status: 401 }));
    expect((await emu.control('/send', { userId, event: 'text', text: 'x' })).body).toMatchObject({ status: 401, body: 'bad signature' });
    emu.onWebhook(() => {
      throw new TypeError('fetch failed');
    });
    expect((await emu.control('/send', { userId, event: 'text', text: 'x' })).body).toMatchObject({ status: 0, body: 'fetch failed' });
  });

  it('refuses events from unknown users, invalid specs, and messages from users who blocked the bot', async () => {
    const emu = setupEmulator();
    expect((await emu.control('/send', { userId: 'Unobody', event: 'text', text: 'x' })).status).toBe(404);
    const userId = await emu.createUser();
    expect((await emu.control('/send', { userId, event: 'text' })).status).toBe(400);
    expect((await emu.control('/send', { userId, event: 'follow', source: 'group' })).status).toBe(400);
    await emu.send({ userId, event: 'unfollow' });
    expect((await emu.control('/send', { userId, event: 'text', text: 'x' })).status).toBe(409);
    expect(emu.webhooks).toHaveLength(1);
  });
});
