/**
 * ResidentSession: one Durable Object per chat (a resident, group or room), so that chat's
 * events are handled one at a time, in the order the resident sent them. Without it, two
 * messages sent a second apart could be answered out of order by two Worker isolates, and a
 * language switch or a handoff could race the next message. Events live in D1 (stored by the
 * webhook before LINE gets its 200); the object only drains them in order.
 */
import { DurableObject } from 'cloudflare:workers';
import { finishEvent, pendingEvents } from '../db/webhook-events';
import { lineClientFromEnv } from '../line/client';
import { handleEvent } from './handle-event';

export class ResidentSession extends DurableObject<Env> {
  private draining: Promise<number> | undefined;
  private again = false;

  /**
   * Handles every waiting event of `chatId`, oldest first. Concurrent calls share one drain
   * loop (which looks again before it stops), and each resolves when its events are done.
   */
  drain(chatId: string): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.loop(chatId).finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async loop(chatId: string): Promise<number> {
    const deps = { db: this.env.DB, line: lineClientFromEnv(this.env) };
    let handled = 0;
    do {
      this.again = false;
      for (;;) {
        const events = await pendingEvents(deps.db, chatId);
        if (!events.length) break;
        for (const event of events) {
          try {
            await handleEvent(deps, event, finishEvent(deps.db, event.webhookEventId));
          } catch (error) {
            console.error('event failed', event.webhookEventId, error);
            await finishEvent(deps.db, event.webhookEventId, String(error)).run();
          }
          handled++;
        }
      }
    } while (this.again);
    return handled;
  }
}
