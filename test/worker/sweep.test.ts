import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
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
