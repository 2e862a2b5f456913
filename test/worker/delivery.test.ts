import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { apiRequests, botEntries, createUser, fault, say } from './helpers';

async function outgoing(userId: string) {
  return env.DB.prepare(`SELECT status, delivery_via, delivery_error, attempts, retry_key FROM messages WHERE user_id = ?1 AND direction = 'outgoing'`)
    .bind(userId)
    .first<{ status: string; delivery_via: string; delivery_error: string | null; attempts: number; retry_key: string }>();
}

describe('delivery', () => {
  it('pushes when the reply token is rejected', async () => {
    const userId = await createUser('en');
    await fault('/v2/bot/message/reply', 400);
    await say(userId, 'garbage day');
    const entries = await botEntries(userId);
    expect(entries.map((e) => e.via)).toEqual(['push']);
    expect(await outgoing(userId)).toMatchObject({ status: 'sent', delivery_via: 'push', attempts: 2 });
  });

  it('retries a LINE 500 with the same retry key and delivers exactly once', async () => {
    const userId = await createUser('en');
    await fault('/v2/bot/message/reply', 500);
    await fault('/v2/bot/message/push', 500);
    await say(userId, 'garbage day');
    const pushes = (await apiRequests('/v2/bot/message/push')).filter((r) => r.body?.to === userId);
    expect(pushes.map((p) => p.status)).toEqual([500, 200]);
    expect(pushes[0].headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(pushes[1].headers['x-line-retry-key']).toBe(pushes[0].headers['x-line-retry-key']);
    expect(await botEntries(userId)).toHaveLength(1);
    expect(await outgoing(userId)).toMatchObject({ status: 'sent', delivery_via: 'push' });
  });

  it('records a delivery that finally failed on the message, never losing it silently', async () => {
    const userId = await createUser('en');
    await fault('/v2/bot/message/reply', 400);
    await fault('/v2/bot/message/push', 503, 10);
    await say(userId, 'garbage day');
    const row = await outgoing(userId);
    expect(row).toMatchObject({ status: 'failed', delivery_via: 'push' });
    expect(row!.delivery_error).toMatch(/^503/);
    expect(await botEntries(userId)).toHaveLength(0);
    // Leave no fault behind for later tests.
    await fetch(`${env.TEST_EMULATOR}/_emulator/reset`, { method: 'POST' });
  });
});
