import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { LOCALES } from '../../src/i18n/i18n';
import { act, createUser, say, signInAs } from './helpers';

const ORIGIN = 'http://console.test';

/** A signed-in staff member: a real session row, used through its cookie and CSRF token. */
async function signIn(name = 'Keiko') {
  return signInAs('staff', name);
}

async function conversationId(userId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT id FROM conversations WHERE user_id = ?1 ORDER BY id DESC LIMIT 1').bind(userId).first<{ id: number }>();
  return row!.id;
}

describe('the console API', () => {
  it('refuses requests without a staff session', async () => {
    const response = await worker.fetch(new Request(`${ORIGIN}/console/api/conversations`), env, createExecutionContext());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it('lists a new request under "waiting" with language, name, last message and unread count', async () => {
    const staff = await signIn();
    const userId = await createUser('ne', 'Sita <b>Gurung</b>');
    await say(userId, 'मलाई मान्छेसँग कुरा गर्नु छ');
    const { conversations } = (await (await staff.call('/conversations?filter=waiting')).json()) as { conversations: any[] };
    const item = conversations.find((c) => c.userId === userId);
    expect(item).toMatchObject({ status: 'open', language: 'ne', displayName: 'Sita <b>Gurung</b>', assignee: null, handoffReason: 'asked', unread: 1 });
    expect(item.lastMessage).toMatchObject({ direction: 'outgoing', sender: 'bot' });
    expect(item.waitingSince).toBeGreaterThan(0);
  });

  it('shows the whole history, bot answers named by their FAQ entry', async () => {
    const staff = await signIn();
    const userId = await createUser('en', 'Ana');
    await say(userId, 'when is garbage day');
    await say(userId, 'talk to a person please');
    const id = await conversationId(userId);
    const body = (await (await staff.call(`/conversations/${id}`)).json()) as any;
    expect(body.resident).toMatchObject({ displayName: 'Ana', language: 'en', languageName: LOCALES.en.language.name });
    const kinds = body.messages.map((m: any) => `${m.direction}:${m.sender}`);
    expect(kinds).toEqual(['incoming:resident', 'outgoing:bot', 'incoming:resident', 'activity:system', 'outgoing:bot']);
    const answer = body.messages[1];
    expect(answer).toMatchObject({ decision: 'answer', entryId: 'garbage', entryTitle: { en: expect.any(String), ja: expect.any(String) } });
    expect(body.messages[3]).toMatchObject({ kind: 'handoff', detail: { reason: 'asked' } });
  });

  it('claims through the API, moves the chat to "mine", and refuses a colleague with 409', async () => {
    const [a, b] = [await signIn('A'), await signIn('B')];
    const userId = await createUser('en');
    await say(userId, 'I need a human');
    const id = await conversationId(userId);
    expect((await a.call(`/conversations/${id}/actions`, { method: 'POST', body: { type: 'claim' } })).status).toBe(200);
    const refused = await b.call(`/conversations/${id}/actions`, { method: 'POST', body: { type: 'claim' } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as any).error).toMatch(/another staff member/);
    const mine = (await (await a.call('/conversations?filter=mine')).json()) as any;
    expect(mine.conversations.map((c: any) => c.id)).toContain(id);
  });

  it('answers malformed actions with 400 and a clear message, unknown chats with 404', async () => {
    const staff = await signIn();
    const userId = await createUser('en');
    await say(userId, 'I need a human');
    const id = await conversationId(userId);
    const cases: Array<[string, unknown, number, RegExp]> = [
      [`/conversations/${id}/actions`, 'not json', 400, /JSON/],
      [`/conversations/${id}/actions`, { type: 'explode' }, 400, /type/],
      [`/conversations/${id}/actions`, { type: 'reply', text: '   ' }, 400, /text/],
      [`/conversations/${id}/actions`, { type: 'reply', text: 'x'.repeat(5001) }, 400, /5000/],
      ['/conversations/abc/actions', { type: 'claim' }, 400, /id/],
      ['/conversations/99999999/actions', { type: 'claim' }, 404, /no such conversation/],
    ];
    for (const [path, body, status, message] of cases) {
      const response = await staff.call(path, { method: 'POST', body, headers: typeof body === 'string' ? { 'content-type': 'text/plain' } : {} });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(((await response.json()) as any).error).toMatch(message);
    }
  });

  it('refuses a state change without the CSRF token or from another origin', async () => {
    const staff = await signIn();
    const userId = await createUser('en');
    await say(userId, 'I need a human');
    const id = await conversationId(userId);
    expect((await staff.call(`/conversations/${id}/actions`, { method: 'POST', body: { type: 'claim' }, csrf: null })).status).toBe(403);
    expect((await staff.call(`/conversations/${id}/actions`, { method: 'POST', body: { type: 'claim' }, csrf: 'wrong' })).status).toBe(403);
    expect((await staff.call(`/conversations/${id}/actions`, { method: 'POST', body: { type: 'claim' }, origin: 'https://evil.example' })).status).toBe(403);
    const row = await env.DB.prepare('SELECT assignee_id FROM conversations WHERE id = ?1').bind(id).first();
    expect(row).toEqual({ assignee_id: null });
  });

  it('finds FAQ entries from Japanese or English and shows the answer in the resident\'s language', async () => {
    const staff = await signIn();
    for (const q of ['ゴミの出し方', 'garbage collection']) {
      const body = (await (await staff.call(`/faq?q=${encodeURIComponent(q)}&lang=vi`)).json()) as any;
      expect(body.entries[0]).toMatchObject({ id: 'garbage', title: { ja: expect.any(String), en: expect.any(String) } });
      expect(body.entries[0].answer.startsWith(body.entries[0].title.resident)).toBe(true);
    }
    expect((await staff.call('/faq?q=x&lang=xx')).status).toBe(400);
  });

  it('offers built-in canned replies in the resident\'s language and keeps custom ones', async () => {
    const staff = await signIn();
    const builtIn = (await (await staff.call('/canned?lang=tl')).json()) as any;
    expect(builtIn.replies.find((r: any) => r.id === 'builtin:checking').text).toBe(LOCALES.tl.canned.checking);
    const created = await staff.call('/canned', { method: 'POST', body: { language: 'tl', title: 'Bring passport', text: 'Pakidala po ang inyong pasaporte.' } });
    expect(created.status).toBe(201);
    const after = (await (await staff.call('/canned?lang=tl')).json()) as any;
    expect(after.replies.map((r: any) => r.title)).toContain('Bring passport');
    expect((await staff.call('/canned', { method: 'POST', body: { language: 'tl', title: '', text: 'x' } })).status).toBe(400);
  });

  it('counts unread resident messages per staff member until they read them', async () => {
    const staff = await signIn();
    const userId = await createUser('en');
    await say(userId, 'I need a human');
    await say(userId, 'it is about my visa');
    const id = await conversationId(userId);
    const unread = async () => ((await (await staff.call('/conversations?filter=waiting')).json()) as any).conversations.find((c: any) => c.id === id).unread;
    expect(await unread()).toBe(2);
    const { messages } = (await (await staff.call(`/conversations/${id}`)).json()) as any;
    expect((await staff.call(`/conversations/${id}/read`, { method: 'POST', body: { lastReadId: messages.at(-1).id } })).status).toBe(200);
    expect(await unread()).toBe(0);
  });

  it('pushes a live event to a console WebSocket when a resident asks for a person', async () => {
    const staff = await signIn();
    const foreign = await staff.call('/live', { headers: { upgrade: 'websocket', origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const response = await staff.call('/live', { headers: { upgrade: 'websocket', origin: ORIGIN } });
    expect(response.status).toBe(101);
    const socket = response.webSocket!;
    socket.accept();
    const events: any[] = [];
    socket.addEventListener('message', (event) => events.push(JSON.parse(event.data as string)));
    const userId = await createUser('en');
    await say(userId, 'I need a human');
    await act({ userId, event: 'sticker' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.close();
    expect(events).toEqual(expect.arrayContaining([{ type: 'conversation', userId, request: true }, { type: 'conversation', userId, request: false }]));
  });

  it('keeps a picture the resident sent and serves it to staff with its own strict policy', async () => {
    const staff = await signIn();
    const userId = await createUser('en');
    await say(userId, 'I need a human');
    await act({ userId, event: 'image' });
    const message = await env.DB.prepare(`SELECT id FROM messages WHERE user_id = ?1 AND kind = 'image'`).bind(userId).first<{ id: number }>();
    // The download runs after the turn; give it a moment.
    for (let i = 0; i < 50 && (await env.DB.prepare('SELECT status FROM media WHERE message_id = ?1').bind(message!.id).first())?.status !== 'stored'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const id = await conversationId(userId);
    const history = (await (await staff.call(`/conversations/${id}`)).json()) as any;
    expect(history.messages.find((m: any) => m.id === message!.id).media).toMatchObject({ status: 'stored', contentType: 'image/png' });
    const image = await staff.call(`/console/media/${message!.id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-security-policy')).toContain('sandbox');
    expect(new Uint8Array(await image.arrayBuffer()).slice(1, 4)).toEqual(new TextEncoder().encode('PNG'));
  });
});
