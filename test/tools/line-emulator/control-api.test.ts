import { describe, expect, it } from 'vitest';
import { setupEmulator, text } from './helpers';

describe('chat log', () => {
  it('lists user events and bot messages in the order they happened', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    // The fake bot replies while the webhook is in flight, as a real bot does.
    emu.onWebhook(async ({ body }) => {
      const event = body.events[0];
      if (event.replyToken) {
        await emu.api('/v2/bot/message/reply', { replyToken: event.replyToken, messages: [text(`echo ${event.message?.text ?? event.type}`)] });
      }
      return new Response('OK');
    });
    await emu.send({ userId, event: 'follow' });
    await emu.send({ userId, event: 'text', text: 'first' });
    await emu.api('/v2/bot/message/push', { to: userId, messages: [text('pushed'), { ...text('with sender'), sender: { name: 'Staff' } }] });
    await emu.send({ userId, event: 'postback', data: 'x=1', displayText: 'Yes' });

    const { body } = await emu.control(`/messages?userId=${userId}`);
    const summary = body.messages.map((m: any) =>
      m.from === 'user' ? `user:${m.event.type}:${m.event.message?.text ?? m.displayText ?? ''}` : `bot:${m.via}:${m.messages.map((x: any) => x.text).join('|')}`,
    );
    expect(summary).toEqual([
      'user:follow:',
      'bot:reply:echo follow',
      'user:message:first',
      'bot:reply:echo first',
      'bot:push:pushed|with sender',
      'user:postback:Yes',
      'bot:reply:echo postback',
    ]);
    const seqs = body.messages.map((m: any) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(body.messages[0].webhookStatus).toBe(200);

    const after = await emu.control(`/messages?userId=${userId}&after=${seqs[4]}`);
    expect(after.body.messages.map((m: any) => m.seq)).toEqual(seqs.slice(5));
  });

  it('keeps each user\'s conversation separate', async () => {
    const emu = setupEmulator();
    const a = await emu.createUser('A', 'en');
    const b = await emu.createUser('B', 'th');
    await emu.send({ userId: a, event: 'text', text: 'from a' });
    await emu.api('/v2/bot/message/push', { to: b, messages: [text('to b')] });
    expect((await emu.control(`/messages?userId=${a}`)).body.messages).toHaveLength(1);
    expect((await emu.control(`/messages?userId=${b}`)).body.messages[0].messages).toEqual([text('to b')]);
  });
});

describe('control API', () => {
  it('creates residents with LINE-shaped IDs, updates them, and lists them', async () => {
    const emu = setupEmulator();
    const created = await emu.control('/users', { displayName: 'Aung', language: 'my' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userId: expect.stringMatching(/^U[0-9a-f]{32}$/), displayName: 'Aung', language: 'my', blocked: false });
    const renamed = await emu.control('/users', { userId: created.body.userId, displayName: 'Aung Aung', language: 'my' });
    expect(renamed.status).toBe(200);
    expect((await emu.control('/users')).body.users).toEqual([renamed.body]);
    expect((await emu.control('/users', { displayName: '', language: 'my' })).status).toBe(400);
  });

  it('logs API calls with the headers of interest and filters them by path', async () => {
    const emu = setupEmulator();
    const userId = await emu.createUser();
    await emu.api('/v2/bot/message/push', { to: userId, messages: [text('a')] }, { 'x-line-retry-key': '123e4567-e89b-12d3-a456-426614174000' });
    await emu.api(`/v2/bot/profile/${userId}`);
    const { body } = await emu.control('/requests?path=/v2/bot/message');
    expect(body.requests).toHaveLength(1);
    expect(body.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v2/bot/message/push',
      status: 200,
      headers: { 'x-line-retry-key': '123e4567-e89b-12d3-a456-426614174000', authorization: expect.stringMatching(/^Bearer /) },
      body: { to: userId, messages: [text('a')] },
      response: { sentMessages: [expect.any(Object)] },
    });
    expect((await emu.control('/requests')).body.requests).toHaveLength(2);
  });

  it('resets everything', async () => {
    const emu = setupEmulator();
    await emu.createUser();
    await emu.control('/faults', { path: '/v2/bot/message/push', status: 500, count: 1 });
    expect((await emu.control('/reset', {})).status).toBe(200);
    expect((await emu.control('/users')).body.users).toEqual([]);
    expect((await emu.control('/faults')).body.faults).toEqual([]);
    expect((await emu.control('/messages')).body.messages).toEqual([]);
  });

  it('serves the chat page without external resources', async () => {
    const emu = setupEmulator();
    const page = await emu.app.request('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/chat.js">');
    expect(html).not.toMatch(/(src|href)="https?:/);
    const script = await (await emu.app.request('/chat.js')).text();
    // Untrusted text must never be parsed as HTML.
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect((await emu.app.request('/chat.css')).status).toBe(200);
  });
});
