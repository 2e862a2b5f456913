import { afterEach, describe, expect, it } from 'vitest';
import { loadCredentials, parseDevVars, startEmulator, type RunningEmulator } from '../../../tools/line-emulator/main';
import { text } from './helpers';

describe('main', () => {
  let running: RunningEmulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('parses .dev.vars lines', () => {
    expect(parseDevVars('# c\nLINE_CHANNEL_SECRET=abc\nLINE_CHANNEL_ACCESS_TOKEN="t o k"\n\nBAD LINE')).toEqual({
      LINE_CHANNEL_SECRET: 'abc',
      LINE_CHANNEL_ACCESS_TOKEN: 't o k',
    });
  });

  it('prefers credentials from the environment', () => {
    expect(loadCredentials({ LINE_CHANNEL_SECRET: 'env-secret', LINE_CHANNEL_ACCESS_TOKEN: 'env-token' })).toEqual({
      channelSecret: 'env-secret',
      channelAccessToken: 'env-token',
    });
  });

  it('starts an HTTP server on a free port and stops it', async () => {
    running = await startEmulator({ port: 0, channelSecret: 's', channelAccessToken: 'tok' });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${running.url}/v2/bot/message/broadcast`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [text('hi')] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });
});
