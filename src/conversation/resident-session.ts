/**
 * ResidentSession: one Durable Object per chat (a resident, group or room), so that chat's
 * events are handled one at a time, in the order the resident sent them. Without it, two
 * messages sent a second apart could be answered out of order by two Worker isolates, and a
 * language switch or a handoff could race the next message. Events live in D1 (stored by the
 * webhook before LINE gets its 200); the object only drains them in order.
 *
 * Staff actions on the chat (claim, reply, resolve...) run here too, in the same queue as the
 * resident's events: a message arriving while staff resolve is handled wholly before or wholly
 * after the change, never against a state that is half old and half new.
 */
import { DurableObject } from 'cloudflare:workers';
import { notifyConsoles } from '../console/hub';
import { loadBusinessHours } from '../db/settings';
import { finishEvent, pendingEvents } from '../db/webhook-events';
import { sendFollowUp } from '../handoff/follow-up';
import { runStaffAction, type StaffAction, type StaffActionResult, type StaffActor } from '../handoff/staff-actions';
import { lineClientFromEnv } from '../line/client';
import { fetchAndStoreMedia } from '../media/store';
import { handleEvent, type HandlerDeps } from './handle-event';

export class ResidentSession extends DurableObject<Env> {
  private draining: Promise<number> | undefined;
  private again = false;
  /** The chat's one queue: each event, and each staff action, waits for the one before. */
  private tail: Promise<unknown> = Promise.resolve();

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private deps(): HandlerDeps {
    const env = this.env;
    return { db: env.DB, line: lineClientFromEnv(env), businessHours: () => loadBusinessHours(env.DB, env.BUSINESS_HOURS) };
  }

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

  /** Runs a staff member's action on this chat's conversation, in turn with the resident's events. */
  async staffAction(userId: string, actor: StaffActor, conversationId: number, action: StaffAction): Promise<StaffActionResult> {
    const result = await this.exclusive(() => runStaffAction(this.deps(), actor, conversationId, action));
    await notifyConsoles(this.env, { type: 'conversation', conversationId, userId });
    return result;
  }

  /** Sends the "still waiting" follow-up of a request nobody has picked up (see src/handoff/follow-up.ts). */
  async followUp(userId: string, conversationId: number): Promise<boolean> {
    const sent = await this.exclusive(() => sendFollowUp(this.deps(), conversationId));
    if (sent) await notifyConsoles(this.env, { type: 'conversation', conversationId, userId });
    return sent;
  }

  private async loop(chatId: string): Promise<number> {
    const deps = this.deps();
    let handled = 0;
    do {
      this.again = false;
      for (;;) {
        const events = await pendingEvents(deps.db, chatId);
        if (!events.length) break;
        for (const event of events) {
          const outcome = await this.exclusive(async () => {
            try {
              return await handleEvent(deps, event, finishEvent(deps.db, event.webhookEventId));
            } catch (error) {
              console.error('event failed', event.webhookEventId, error);
              await finishEvent(deps.db, event.webhookEventId, String(error)).run();
              return undefined;
            }
          });
          handled++;
          // Downloading a large video must not hold up the chat's next message; the cron retries a lost one.
          if (outcome?.mediaMessageId) {
            const messageId = outcome.mediaMessageId;
            this.ctx.waitUntil(
              fetchAndStoreMedia(deps.db, deps.line, messageId).then(() => notifyConsoles(this.env, { type: 'conversation', userId: chatId })),
            );
          }
          if (event.type !== 'unfollow') await notifyConsoles(this.env, { type: 'conversation', userId: chatId, request: outcome?.handedOff });
        }
      }
    } while (this.again);
    return handled;
  }
}
