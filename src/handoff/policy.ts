/**
 * The handoff's state machine, in the inbox products' words: a conversation is `pending` (the
 * bot handles it), `open` (a person is needed or assigned) or `resolved`. Pure: given the
 * conversation and a command, either the next state and the activity to record, or why not.
 * The database applies the same conditions atomically (src/db/handoff.ts), so a race between
 * two staff members ends with exactly one winner.
 */
import type { ConversationStatus } from '../db/conversations';

export type HandoffReason = 'asked' | 'tapped' | 'fallbacks' | 'emergency';

export type HandoffCommand =
  /** The resident (or the bot on their behalf) needs a person. */
  | { type: 'request'; reason: HandoffReason }
  /** The resident withdraws the request ("never mind, the bot answered"). */
  | { type: 'cancel' }
  /** A staff member takes the conversation (also a pending one, to step in). */
  | { type: 'claim'; staffId: number }
  /** A staff member gives it to someone (themselves included). */
  | { type: 'assign'; staffId: number; to: number }
  /** Done: the bot takes over again and the resident is asked for a rating. */
  | { type: 'resolve'; staffId: number }
  /** Back to the bot without closing the conversation's history. */
  | { type: 'return'; staffId: number };

export interface HandoffState {
  status: ConversationStatus;
  assigneeId: number | undefined;
}

export type Transition =
  | { ok: true; next: HandoffState; changed: boolean; activity: ActivityKind | undefined }
  | { ok: false; reason: 'resolved' | 'assigned_to_other' | 'not_open' };

/** Activity rows in the history (their text is rendered by the console in the staff's language). */
export type ActivityKind = 'handoff' | 'cancelled' | 'claimed' | 'assigned' | 'resolved' | 'returned';

const same = (state: HandoffState): Transition => ({ ok: true, next: state, changed: false, activity: undefined });

export function transition(state: HandoffState, command: HandoffCommand): Transition {
  if (state.status === 'resolved') return { ok: false, reason: 'resolved' };
  switch (command.type) {
    case 'request':
      return state.status === 'open' ? same(state) : { ok: true, next: { status: 'open', assigneeId: undefined }, changed: true, activity: 'handoff' };
    case 'cancel':
      return state.status === 'open'
        ? { ok: true, next: { status: 'pending', assigneeId: undefined }, changed: true, activity: 'cancelled' }
        : same(state);
    case 'claim':
      if (state.assigneeId === command.staffId && state.status === 'open') return same(state);
      if (state.assigneeId !== undefined && state.status === 'open') return { ok: false, reason: 'assigned_to_other' };
      return { ok: true, next: { status: 'open', assigneeId: command.staffId }, changed: true, activity: 'claimed' };
    case 'assign':
      if (state.assigneeId === command.to && state.status === 'open') return same(state);
      return { ok: true, next: { status: 'open', assigneeId: command.to }, changed: true, activity: 'assigned' };
    case 'resolve':
      return { ok: true, next: { status: 'resolved', assigneeId: state.assigneeId }, changed: true, activity: 'resolved' };
    case 'return':
      if (state.status !== 'open') return { ok: false, reason: 'not_open' };
      return { ok: true, next: { status: 'pending', assigneeId: undefined }, changed: true, activity: 'returned' };
  }
}

/** Whether a staff member may write to the resident now (replying claims an unowned conversation). */
export function canReply(state: HandoffState, staffId: number): Transition {
  if (state.status === 'open' && state.assigneeId === staffId) return same(state);
  return transition(state, { type: 'claim', staffId });
}
