import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signBody } from '../../src/line/signature';
import { botEntries, count, createUser, emulator, postWebhook, say, signed } from './helpers';

function textEvent(userId: string, webhookEventId: string, text: string) {
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId,
    deliveryContext: { isRedelivery: false },
    replyToken: 'not-issued-by-line',
    message: { id: '1', type: 'text', text, quoteToken: 'q' },
  };
}

describe('POST /webhook', () => {
  it('rejects a webhook whose signature is wrong, and stores and sends nothing', async () => {
    const userId = await createUser();
    const { body } = await signed({ destination: 'Ubot', events: [textEvent(userId, '01FORGED00000000000000000', 'hello')] });
    const forged = await postWebhook(body, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    const missing = await postWebhook(body, undefined);
    expect(forged.status).toBe(401);
    expect(missing.status).toBe(401);
    expect(await forged.json()).toEqual({ error: 'invalid or missing X-Line-Signature' });
    expect(await count('webhook_events', 'chat_id = ?1', userId)).toBe(0);
    expect(await count('messages', 'user_id = ?1', userId)).toBe(0);
    expect(await botEntries(userId)).toEqual([]);
  });

  it("answers the LINE console's verification call (no events) with 200", async () => {
    const { body, signature } = await signed({ destination: 'Ubot', events: [] });
    const response = await postWebhook(body, signature);
    expect(response.status).toBe(200);
  });

  it('answers a signed body that is not a webhook with a clear 400', async () => {
    const notJson = await postWebhook('{oops', await signBody(env.LINE_CHANNEL_SECRET, '{oops'));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'the body is not JSON' });
    const { body, signature } = await signed({ hello: 'world' });
    const wrongShape = await postWebhook(body, signature);
    expect(wrongShape.status).toBe(400);
    expect((await wrongShape.json<{ error: string }>()).error).toMatch(/destination/);
  });

  it('stores the resident message before answering 200, and answers it once', async () => {
    const userId = await createUser('en');
    const { webhookEventId, response } = await say(userId, 'my visa ends next month, what do I do?');
    expect(response.status).toBe(200);
    const incoming = await env.DB.prepare(`SELECT text, direction, status FROM messages WHERE webhook_event_id = ?1`)
      .bind(webhookEventId)
      .first();
    expect(incoming).toEqual({ text: 'my visa ends next month, what do I do?', direction: 'incoming', status: 'handled' });
    expect(await count('webhook_events', 'webhook_event_id = ?1 AND status = ?2', webhookEventId, 'processed')).toBe(1);
    expect(await botEntries(userId)).toHaveLength(1);
  });

  it('never answers a redelivered event twice', async () => {
    const userId = await createUser('en');
    const { webhookEventId } = await say(userId, 'how do I put out garbage');
    await emulator('/_emulator/redeliver', { webhookEventId });
    const { webhooks } = await emulator<{ webhooks: Array<{ body: string; signature: string }> }>('/_test/webhooks');
    expect(JSON.parse(webhooks[0].body).events[0].deliveryContext.isRedelivery).toBe(true);
    expect((await postWebhook(webhooks[0].body, webhooks[0].signature)).status).toBe(200);
    // The same signed body again, as a network retry would send it.
    expect((await postWebhook(webhooks[0].body, webhooks[0].signature)).status).toBe(200);
    expect(await botEntries(userId)).toHaveLength(1);
    expect(await count('messages', 'user_id = ?1 AND direction = ?2', userId, 'incoming')).toBe(1);
  });

  it('keeps but does not answer an event in standby mode (another channel owns the chat)', async () => {
    const userId = await createUser('en');
    const event = { ...textEvent(userId, `01STANDBY${userId.slice(1, 18)}`, 'garbage day'), mode: 'standby' };
    const { body, signature } = await signed({ destination: 'Ubot', events: [event] });
    expect((await postWebhook(body, signature)).status).toBe(200);
    expect(await count('messages', "user_id = ?1 AND direction = 'incoming'", userId)).toBe(1);
    expect(await count('webhook_events', "chat_id = ?1 AND status = 'processed'", userId)).toBe(1);
    expect(await botEntries(userId)).toEqual([]);
  });

  it('keeps an event type it does not handle, and answers 200', async () => {
    const userId = await createUser('en');
    const { body, signature } = await signed({
      destination: 'Ubot',
      events: [
        {
          type: 'videoPlayComplete',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId },
          webhookEventId: `01UNHANDLED${userId.slice(1, 16)}`,
          deliveryContext: { isRedelivery: false },
          replyToken: 'x',
          videoPlayComplete: { trackingId: 't' },
        },
      ],
    });
    expect((await postWebhook(body, signature)).status).toBe(200);
    expect(await count('webhook_events', 'chat_id = ?1 AND type = ?2', userId, 'videoPlayComplete')).toBe(1);
    expect(await botEntries(userId)).toEqual([]);
  });

  it('handles a batch of one resident\'s messages in the order sent', async () => {
    const userId = await createUser('en');
    await emulator('/_emulator/webhook-batch', {
      events: [
        { userId, event: 'text', text: 'my visa ends next month' },
        { userId, event: 'sticker' },
        { userId, event: 'text', text: 'garbage day' },
      ],
    });
    const { webhooks } = await emulator<{ webhooks: Array<{ body: string; signature: string }> }>('/_test/webhooks');
    expect(webhooks).toHaveLength(1);
    await postWebhook(webhooks[0].body, webhooks[0].signature);
    const replies = await env.DB.prepare(
      `SELECT reply_to, kind FROM messages WHERE user_id = ?1 AND direction = 'outgoing' ORDER BY id`,
    )
      .bind(userId)
      .all<{ reply_to: number; kind: string }>();
    expect(replies.results.map((r) => r.kind)).toEqual(['text', 'reply-sticker', 'text']);
    const ids = replies.results.map((r) => r.reply_to);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(await botEntries(userId)).toHaveLength(3);
  });
});
