import { describe, expect, it } from 'vitest';
import { canReply, transition, type HandoffState } from '../../src/handoff/policy';

const pending: HandoffState = { status: 'pending', assigneeId: undefined };
const waiting: HandoffState = { status: 'open', assigneeId: undefined };
const mine: HandoffState = { status: 'open', assigneeId: 1 };
const theirs: HandoffState = { status: 'open', assigneeId: 2 };

describe('the handoff state machine', () => {
  it('opens a pending conversation on a request and records a handoff', () => {
    expect(transition(pending, { type: 'request', reason: 'asked' })).toEqual({
      ok: true,
      next: { status: 'open', assigneeId: undefined },
      changed: true,
      activity: 'handoff',
    });
  });

  it('treats a second request as already waiting, without a new activity', () => {
    expect(transition(theirs, { type: 'request', reason: 'tapped' })).toMatchObject({ ok: true, changed: false, next: theirs });
  });

  it('lets the resident cancel an open request and returns the chat to the bot', () => {
    expect(transition(mine, { type: 'cancel' })).toMatchObject({ ok: true, changed: true, next: pending, activity: 'cancelled' });
    expect(transition(pending, { type: 'cancel' })).toMatchObject({ ok: true, changed: false });
  });

  it('gives a waiting conversation to the first staff member who claims it, and refuses the second', () => {
    const first = transition(waiting, { type: 'claim', staffId: 1 });
    expect(first).toMatchObject({ ok: true, changed: true, next: mine, activity: 'claimed' });
    expect(transition(mine, { type: 'claim', staffId: 2 })).toEqual({ ok: false, reason: 'assigned_to_other' });
    expect(transition(mine, { type: 'claim', staffId: 1 })).toMatchObject({ ok: true, changed: false });
  });

  it('lets staff step into a pending conversation the bot is handling', () => {
    expect(transition(pending, { type: 'claim', staffId: 1 })).toMatchObject({ ok: true, next: mine });
  });

  it('assigns to anyone, including away from another staff member', () => {
    expect(transition(theirs, { type: 'assign', staffId: 1, to: 1 })).toMatchObject({ ok: true, next: mine, activity: 'assigned' });
  });

  it('resolves from any active state and refuses everything once resolved', () => {
    const resolved = transition(mine, { type: 'resolve', staffId: 1 });
    expect(resolved).toMatchObject({ ok: true, next: { status: 'resolved' }, activity: 'resolved' });
    expect(transition({ status: 'resolved', assigneeId: 1 }, { type: 'claim', staffId: 1 })).toEqual({ ok: false, reason: 'resolved' });
  });

  it('returns only an open conversation to the bot', () => {
    expect(transition(mine, { type: 'return', staffId: 1 })).toMatchObject({ ok: true, next: pending, activity: 'returned' });
    expect(transition(pending, { type: 'return', staffId: 1 })).toEqual({ ok: false, reason: 'not_open' });
  });

  it('lets staff reply to their own or an unowned conversation (claiming it), not to a colleague\'s', () => {
    expect(canReply(mine, 1)).toMatchObject({ ok: true, changed: false });
    expect(canReply(waiting, 1)).toMatchObject({ ok: true, changed: true, next: mine });
    expect(canReply(theirs, 1)).toEqual({ ok: false, reason: 'assigned_to_other' });
  });
});
