import { describe, expect, it } from 'vitest';
import { lineMulticast } from '../../src/disaster/multicast';

type Call = { url: string; init: RequestInit };

function fakeLine(response: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const send = lineMulticast({
    apiBase: 'https://api.line.test/',
    channelAccessToken: 'token',
    now: () => Date.parse('2026-11-23T00:00:00Z'),
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return response();
    }) as typeof fetch,
  });
  return { send, calls };
}

const KEY = '123e4567-e89b-42d3-a456-426614174000';

describe('one multicast request', () => {
  it('posts the user ids and messages with the bearer token and the batch’s retry key', async () => {
    const { send, calls } = fakeLine(() => new Response('{}', { status: 200 }));
    expect(await send(['U1', 'U2'], [{ type: 'text', text: 'hi' }], KEY)).toEqual({ ok: true, duplicate: false });
    expect(calls[0].url).toBe('https://api.line.test/v2/bot/message/multicast');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer token');
    expect(headers['x-line-retry-key']).toBe(KEY);
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ to: ['U1', 'U2'], messages: [{ type: 'text', text: 'hi' }] });
  });

  it('counts a 409 for an already accepted retry key as sent (a retry never sends twice)', async () => {
    const { send } = fakeLine(() => new Response('{"message":"The retry key is already accepted"}', { status: 409, headers: { 'x-line-accepted-request-id': 'req-1' } }));
    expect(await send(['U1'], [{ type: 'text', text: 'hi' }], KEY)).toEqual({ ok: true, duplicate: true });
  });

  it('reports a 429 with LINE’s message and its Retry-After', async () => {
    const { send } = fakeLine(() => new Response('{"message":"The API rate limit has been exceeded. Try again later."}', { status: 429, headers: { 'retry-after': '12' } }));
    expect(await send(['U1'], [{ type: 'text', text: 'hi' }], KEY)).toEqual({
      ok: false,
      status: 429,
      error: '429 The API rate limit has been exceeded. Try again later.',
      retryAfterMs: 12_000,
    });
  });

  it('reports a network failure as status 0, to be retried with the same key', async () => {
    const { send } = fakeLine(() => Promise.reject(new Error('connection reset')));
    expect(await send(['U1'], [{ type: 'text', text: 'hi' }], KEY)).toMatchObject({ ok: false, status: 0 });
  });

  it('reports a 409 without an accepted request id as a failure', async () => {
    const { send } = fakeLine(() => new Response('{"message":"conflict"}', { status: 409 }));
    expect(await send(['U1'], [{ type: 'text', text: 'hi' }], KEY)).toMatchObject({ ok: false, status: 409 });
  });
});
