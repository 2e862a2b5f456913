/**
 * The figures analytics derives from grouped rows: percentiles, rates, and the handoff's
 * waiting and handling times from the activity rows a conversation's handoff writes. Pure.
 */

/**
 * The p-th percentile (0..100) of some numbers, interpolated between the two nearest ranks (as
 * spreadsheets and numpy do by default); undefined for no numbers.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export interface DurationSummary {
  count: number;
  /** Milliseconds; null without any value. */
  median: number | null;
  p90: number | null;
}

export function summarize(values: readonly number[]): DurationSummary {
  return { count: values.length, median: percentile(values, 50) ?? null, p90: percentile(values, 90) ?? null };
}

/** A share, or null when there is nothing to divide (no ratings is not a rate of 0). */
export function rate(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}

/** A handoff activity row (messages.direction = 'activity'): `handoff`, `claimed`, `assigned`, `resolved`, `returned`, `cancelled`. */
export interface Activity {
  conversationId: number;
  kind: string;
  at: number;
}

export interface HandoffTimes {
  /** From the request for a person to the first staff member taking it (claim, assignment or resolve). */
  waiting: number[];
  /** From a staff member taking it to resolved. */
  handling: number[];
  /** Requests in the range nobody had taken by its end (withdrawn ones excluded). */
  stillWaiting: number;
}

/**
 * Waiting and handling times from the activity rows, counted in the range where they end (a
 * wait that ends in the range counts even if it began before). Rows must be in order within
 * each conversation. The conversation row alone cannot tell: `waiting_since` is cleared when the
 * chat goes back to the bot, and a conversation can be handed over more than once.
 */
export function handoffTimes(activities: readonly Activity[], range: { from: number; to: number }): HandoffTimes {
  const times: HandoffTimes = { waiting: [], handling: [], stillWaiting: 0 };
  const inRange = (at: number) => at >= range.from && at < range.to;
  const state = new Map<number, { waitingSince?: number; handlingSince?: number }>();
  for (const { conversationId, kind, at } of activities) {
    if (at >= range.to) continue;
    const current = state.get(conversationId) ?? {};
    state.set(conversationId, current);
    switch (kind) {
      case 'handoff':
        current.waitingSince ??= at;
        break;
      case 'claimed':
      case 'assigned':
        if (current.waitingSince !== undefined && inRange(at)) times.waiting.push(at - current.waitingSince);
        current.waitingSince = undefined;
        current.handlingSince ??= at;
        break;
      case 'resolved':
        if (current.waitingSince !== undefined && inRange(at)) times.waiting.push(at - current.waitingSince);
        if (current.handlingSince !== undefined && inRange(at)) times.handling.push(at - current.handlingSince);
        current.waitingSince = current.handlingSince = undefined;
        break;
      case 'returned':
      case 'cancelled':
        current.waitingSince = current.handlingSince = undefined;
        break;
    }
  }
  for (const current of state.values()) if (current.waitingSince !== undefined && inRange(current.waitingSince)) times.stillWaiting++;
  return times;
}
