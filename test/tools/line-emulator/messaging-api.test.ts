import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../../tools/line-emulator/line-limits';
import { TINY_PNG } from '../../../tools/line-emulator/media-content';
import { setupEmulator, text } from './helpers';

const RETRY_KEY = '123e4567-e89b-12d3-a456-426614174000';

describe('bearer token check', () => {
  it('rejects a wrong access token with LINE\'s 401', async () => {
    const emu = setupEmulator();
    const res = await emu.api('/v2/bot/message/push', { to: 'U0', messages: [text('hi')] }, { authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
    });
  });

  it('rejects a request without a bearer token', async () => {
    const emu = setupEmulator();
    const res = await emu.app.request('/v2/bot/profile/U0');
    expect(res.status).toBe(401);
    expect((await res.json()).message).toMatch(/^Authorization header required/);
  });
});

describe('request body validation', () => {
  async function pushErrors(messages: unknown[]) {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    const res = await emu.api('/v2/bot/message/push', { to: userId, messages });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-line-request-id')).toBeTruthy();
    return res.json();
  }

  it('rejects an unknown message type', async () => {
    const body = await pushErrors([{ type: 'hologram', text: 'x' }]);
    expect(body.message).toBe('The request body has 1 error(s)');
    expect(body.details).toHaveLength(1);
    expect(body.details[0].property).toBe('messages[0].type');
    expect(body.details[0].message).toMatch(/^Must be one of the following values: \[text, .*flex/);
  });

  it('rejects a text message without text', async () => {
    expect(await pushErrors([{ type: 'text' }])).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'May not be empty', property: 'messages[0].text' }],
    });
  });

  it('rejects six messages', async () => {
    expect(await pushErrors(Array.from({ length: 6 }, () => text('hi')))).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 5', property: 'messages' }],
    });
  });

  it('rejects text longer than 5000 UTF-16 units and accepts exactly 5000', async () => {
    expect(await pushErrors([text('a'.repeat(MAX_TEXT_LENGTH + 1))])).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Length must be between 0 and 5000', property: 'messages[0].text' }],
    });
    // An emoji is two UTF-16 units, so 2500 of them are exactly at the limit...
    const emu = setupEmulator();
    const userId = await emu.createUser();
    expect((await emu.api('/v2/bot/message/push', { to: userId, messages: [text('😀'.repeat(2500))] })).status).toBe(200);
    // ...and one more character is over it.
    expect((await emu.api('/v2/bot/message/push', { to: userId, messages: [text('😀'.repeat(2500) + 'a')] })).status).toBe(400);
  });

  it('rejects 14 quick reply items', async () => {
    const items = Array.from({ length: 14 }, (_, i) => ({ type: 'action', action: { type: 'message', label: `Q${i}`, text: `q${i}` } }));
    expect(await pushErrors([{ ...text('pick'), quickReply: { items } }])).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 0 and 13', property: 'messages[0].quickReply.items' }],
    });
  });

  it('rejects a 21-character action label', async () => {
    const items = [{ type: 'action', action: { type: 'message', label: 'x'.repeat(21), text: 'x' } }];
    expect(await pushErrors([{ ...text('pick'), quickReply: { items } }])).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Length must be between 0 and 20', property: 'messages[0].quickReply.items[0].action.label' }],
    });
  });

  it('rejects 301 characters of postback data', async () => {
    const items = [{ type: 'action', action: { type: 'postback', label: 'ok', data: 'd'.repeat(301) } }];
    expect(await pushErrors([{ ...text('pick'), quickReply: { items } }])).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Length must be between 0 and 300', property: 'messages[0].quickReply.items[0].action.data' }],
    });
  });

  it('reports several errors at once', async () => {
    const body = await pushErrors([{ type: 'text' }, text('b'.repeat(5001))]);
    expect(body.message).toBe('The request body has 2 error(s)');
  });

  it('accepts templates and flex messages that follow the spec', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    const template = {
      type: 'template',
      altText: 'Choose',
      template: { type: 'buttons', text: 'Which?', actions: [{ type: 'postback', label: 'A', data: 'a', displayText: 'A' }] },
    };
    const flex = {
      type: 'flex',
      altText: 'Card',
      contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'Hello' }] } },
    };
    expect((await emu.api('/v2/bot/message/push', { to: userId, messages: [template, flex] })).status).toBe(200);
    const badFlex = { ...flex, contents: { type: 'bubble', body: { type: 'box', layout: 'diagonal', contents: [] } } };
    const res = await emu.api('/v2/bot/message/push', { to: userId, messages: [badFlex] });
    expect((await res.json()).details[0].property).toBe('messages[0].contents.body.layout');
  });

  it('rejects a body that is not JSON', async () => {
    const emu = setupEmulator();
    expect((await emu.api('/v2/bot/message/push', '{nope')).status).toBe(400);
  });
});

describe('reply tokens', () => {
  it('replies once with a token from a webhook, then rejects it', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    const event = await emu.send({ userId, event: 'text', text: 'hello' });
    const first = await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [text('hi!')] });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const { sentMessages } = await first.json();
    expect(sentMessages).toEqual([{ id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String) }]);

    const second = await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [text('again')] });
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ message: 'Invalid reply token' });
  });

  it('does not use up a token on a request that fails validation', async () => {
    const emu = setupEmulator();
    const event = await emu.send({ userId: await emu.createUser(), event: 'text', text: 'hello' });
    expect((await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [{ type: 'text' }] })).status).toBe(400);
    expect((await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [text('ok')] })).status).toBe(200);
  });

  it('rejects a token after replyTokenTtlMs', async () => {
    const emu = setupEmulator({ replyTokenTtlMs: 1000 });
    const event = await emu.send({ userId: await emu.createUser(), event: 'text', text: 'hello' });
    emu.advance(1000);
    const res = await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [text('late')] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: 'Invalid reply token' });
  });

  it('rejects a token it never issued and a retry key on reply', async () => {
    const emu = setupEmulator();
    expect((await emu.api('/v2/bot/message/reply', { replyToken: 'f'.repeat(32), messages: [text('x')] })).status).toBe(400);
    const event = await emu.send({ userId: await emu.createUser(), event: 'text', text: 'hello' });
    const res = await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [text('x')] }, { 'x-line-retry-key': RETRY_KEY });
    expect(res.status).toBe(400);
  });
});

describe('retry keys', () => {
  it('answers 409 to a repeated key without delivering again', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    const body = { to: userId, messages: [text('reminder')] };
    const first = await emu.api('/v2/bot/message/push', body, { 'x-line-retry-key': RETRY_KEY });
    expect(first.status).toBe(200);
    const firstBody = await first.json();

    const again = await emu.api('/v2/bot/message/push', body, { 'x-line-retry-key': RETRY_KEY });
    expect(again.status).toBe(409);
    expect(again.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect(await again.json()).toEqual({ message: 'The retry key is already accepted', sentMessages: firstBody.sentMessages });

    const { body: log } = await emu.control(`/messages?userId=${userId}`);
    expect(log.messages.filter((m: any) => m.from === 'bot')).toHaveLength(1);
    expect(log.messages[0].retryKey).toBe(RETRY_KEY);
  });

  it('forgets a key after 24 hours and dedupes multicast and broadcast too', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    await emu.api('/v2/bot/message/push', { to: userId, messages: [text('a')] }, { 'x-line-retry-key': RETRY_KEY });
    emu.advance(24 * 60 * 60 * 1000);
    expect((await emu.api('/v2/bot/message/push', { to: userId, messages: [text('a')] }, { 'x-line-retry-key': RETRY_KEY })).status).toBe(200);

    const key = '00000000-0000-4000-8000-000000000001';
    expect((await emu.api('/v2/bot/message/multicast', { to: [userId], messages: [text('m')] }, { 'x-line-retry-key': key })).status).toBe(200);
    const dup = await emu.api('/v2/bot/message/multicast', { to: [userId], messages: [text('m')] }, { 'x-line-retry-key': key });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toEqual({ message: 'The retry key is already accepted' });
  });

  it('rejects a key that is not a UUID, and does not remember keys of failed requests', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    expect((await emu.api('/v2/bot/message/push', { to: userId, messages: [text('a')] }, { 'x-line-retry-key': 'abc' })).status).toBe(400);
    expect((await emu.api('/v2/bot/message/push', { to: userId, messages: [] }, { 'x-line-retry-key': RETRY_KEY })).status).toBe(400);
    expect((await emu.api('/v2/bot/message/push', { to: userId, messages: [text('a')] }, { 'x-line-retry-key': RETRY_KEY })).status).toBe(200);
  });
});

describe('faults', () => {
  it('answers the next `count` matching calls with the injected status, then recovers', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    const { status } = await emu.control('/faults', { method: 'POST', path: '/v2/bot/message/push', status: 500, count: 2 });
    expect(status).toBe(201);
    const push = () => emu.api('/v2/bot/message/push', { to: userId, messages: [text('a')] }, { 'x-line-retry-key': RETRY_KEY });
    expect((await push()).status).toBe(500);
    expect((await push()).status).toBe(500);
    // A fault means LINE never accepted the request, so the same retry key still works.
    expect((await push()).status).toBe(200);
    const { body } = await emu.control('/requests?path=/v2/bot/message/push');
    expect(body.requests.map((r: any) => [r.status, r.fault ?? false])).toEqual([[500, true], [500, true], [200, false]]);
  });

  it('lets a bot fall back from a failed reply to push; the reply token stays unused', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    await emu.control('/faults', { path: '/v2/bot/message/*', status: 429, count: 1, body: { message: 'slow down' } });
    const event = await emu.send({ userId, event: 'text', text: 'hello' });
    const reply = await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [text('x')] });
    expect(reply.status).toBe(429);
    expect(await reply.json()).toEqual({ message: 'slow down' });
    expect((await emu.api('/v2/bot/message/push', { to: userId, messages: [text('x')] })).status).toBe(200);
  });
});

describe('other endpoints', () => {
  it('returns profiles, 404 for unknown users and users who blocked the bot', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser('Nguyen', 'vi');
    expect(await (await emu.api(`/v2/bot/profile/${userId}`)).json()).toEqual({ displayName: 'Nguyen', userId, language: 'vi' });
    const unknown = await emu.api('/v2/bot/profile/U0123');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Not found' });
    await emu.send({ userId, event: 'unfollow' });
    expect((await emu.api(`/v2/bot/profile/${userId}`)).status).toBe(404);
  });

  it('serves the content of an image the user sent, and 404 otherwise', async () => {
    const emu = setupEmulator();
    const event = await emu.send({ userId: await emu.createUser(), event: 'image' });
    const res = await emu.api(`/v2/bot/message/${event.message.id}/content`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(TINY_PNG);
    expect((await emu.api('/v2/bot/message/123/content')).status).toBe(404);
  });

  it('starts the loading animation for a user (202) and rejects bad seconds', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    const res = await emu.api('/v2/bot/chat/loading/start', { chatId: userId, loadingSeconds: 10 });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});
    expect((await emu.control(`/messages?userId=${userId}`)).body.loadingUntil).toBeGreaterThan(0);
    expect((await emu.api('/v2/bot/chat/loading/start', { chatId: userId, loadingSeconds: 7 })).status).toBe(400);
    expect((await emu.api('/v2/bot/chat/loading/start', { chatId: userId, loadingSeconds: 65 })).status).toBe(400);
  });

  it('multicasts to known users and broadcasts to everyone who has not blocked the bot', async () => {
    const emu = setupEmulator();
    const a = await emu.createUser('A', 'en');
    const b = await emu.createUser('B', 'ko');
    await emu.send({ userId: b, event: 'unfollow' });
    expect(await (await emu.api('/v2/bot/message/multicast', { to: [a, b, 'Uunknown'], messages: [text('m')] })).json()).toEqual({});
    expect((await emu.api('/v2/bot/message/broadcast', { messages: [text('all')] })).status).toBe(200);
    const vias = async (userId: string) =>
      (await emu.control(`/messages?userId=${userId}`)).body.messages.filter((m: any) => m.from === 'bot').map((m: any) => m.via);
    expect(await vias(a)).toEqual(['multicast', 'broadcast']);
    expect(await vias(b)).toEqual(['multicast']);
    expect((await emu.api('/v2/bot/message/multicast', { to: Array.from({ length: 501 }, () => a), messages: [text('m')] })).status).toBe(400);
  });

  it('rejects a push to an unknown recipient the way LINE does', async () => {
    const emu = setupEmulator();
    const res = await emu.api('/v2/bot/message/push', { to: 'Unobody', messages: [text('x')] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: "The property, 'to', in the request body is invalid (line: -, column: -)" });
  });
});
