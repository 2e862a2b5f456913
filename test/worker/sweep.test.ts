import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { retryKeyFor } from '../../src/conversation/handle-event';
import { storeWebhookEvents } from '../../src/db/webhook-events';
import { parseEvent } from '../../src/line/events';
import { botEntries, count, createUser } from './helpers';

describe('the cron sweep', () => {
  it('answers a stored message whose background handling never ran', async () => {
    const userId = await createUser('en');
    const event = {
      type: 'message',
      mode: 'active',
      timestamp: Date.now() - 120_000,
      source: { type: 'user', userId },
      webhookEventId: `01STALLED${userId.slice(1, 18)}`,
      deliveryContext: { isRedelivery: false },
      message: { id: '9', type: 'text', text: 'how do I put out garbage', quoteToken: 'q' },
    };
    // Stored as the webhook stores it, two minutes ago, but no drain was started.
    await storeWebhookEvents(env.DB, [parseEvent(event)], Date.now() - 120_000);
    expect(await count('webhook_events', "chat_id = ?1 AND status = 'received'", userId)).toBe(1);

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);

    expect(await count('webhook_events', "chat_id = ?1 AND status = 'processed'", userId)).toBe(1);
    const [reply] = await botEntries(userId);
    expect(reply.via).toBe('push');
  });
});

describe('an event whose earlier run died after recording its reply', () => {
  async function crashedRun(status: 'pending' | 'sent') {
    const userId = await createUser('en');
    const webhookEventId = `01CRASH${status.toUpperCase()}${userId.slice(1, 14)}`;
    const event = {
      type: 'message',
      mode: 'active',
      timestamp: Date.now() - 120_000,
      source: { type: 'user', userId },
      webhookEventId,
      deliveryContext: { isRedelivery: false },
      replyToken: 'already-used',
      message: { id: '7', type: 'text', text: 'how do I put out garbage', quoteToken: 'q' },
    };
    await storeWebhookEvents(env.DB, [parseEvent(event)], Date.now() - 120_000);
    // What the earlier run wrote before it died: the reply, not yet (or already) delivered.
    await env.DB.prepare(
      `INSERT INTO messages (conversation_id, user_id, direction, sender, kind, text, payload, status, retry_key, created_at)
       SELECT id, ?1, 'outgoing', 'bot', 'text', 'earlier answer', ?2, ?3, ?4, ?5 FROM conversations WHERE user_id = ?1 AND status != 'resolved'`,
    )
      .bind(userId, JSON.stringify([{ type: 'text', text: 'earlier answer' }]), status, await retryKeyFor(webhookEventId), Date.now())
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await count('webhook_events', "webhook_event_id = ?1 AND status = 'processed'", webhookEventId)).toBe(1);
    expect(await count('messages', "user_id = ?1 AND direction = 'outgoing'", userId)).toBe(1);
    return userId;
  }

  it('pushes a reply that may not have reached LINE, with the same retry key, and answers nothing new', async () => {
    const userId = await crashedRun('pending');
    const entries = await botEntries(userId);
    expect(entries.map((e) => [e.via, e.messages![0].text])).toEqual([['push', 'earlier answer']]);
    expect(await count('messages', "user_id = ?1 AND direction = 'outgoing' AND status = 'sent'", userId)).toBe(1);
  });

  it('does not send a reply that was already delivered', async () => {
    const userId = await crashedRun('sent');
    expect(await botEntries(userId)).toEqual([]);
  });
});
