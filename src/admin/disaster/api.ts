/**
 * Disaster mode's JSON API (/console/admin/disaster/api, admins only; CSRF-checked by the admin
 * app): the state with the templates, the audience and the latest broadcast; the switch on (or
 * a changed notice) and off; the broadcast of the notice and its progress; resuming it. Every
 * change is written with its audit row in one batch, over the state the request read (see
 * src/disaster/store.ts): of two admins switching at once, one gets 409.
 * Failures are `{ error, issues?: [{ path, message }] }`.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env';
import {
  broadcastProgress,
  followingRecipients,
  planBroadcast,
  resumeBroadcast,
  resumeBroadcasts,
  REQUEST_BUDGET_MS,
  stopUnsentBroadcasts,
} from '../../disaster/broadcast';
import { Notices, TEMPLATE_IDS, type ActiveDisaster, type DisasterState } from '../../disaster/state';
import { followingAudience, readDisaster, writeDisaster, type StoredDisaster } from '../../disaster/store';
import { allTemplates } from '../../disaster/templates';
import { LOCALES } from '../../i18n/i18n';
import { LANGUAGES } from '../../i18n/languages';
import { audit, listAudit } from '../audit';
import { fieldIssues, type FieldIssue } from '../../http/zod-issues';

export const disasterApi = new Hono<AppEnv>();

const AUDIT_TARGET = 'disaster';
const HISTORY_LIMIT = 50;

const SwitchOn = z.strictObject({
  template: z.enum(TEMPLATE_IDS),
  notices: Notices,
  /** Also send the notice to every following resident. */
  broadcast: z.boolean().default(false),
});


function fail(c: Context, status: 400 | 404 | 409, error: string, issues?: FieldIssue[]): Response {
  return c.json({ error, ...(issues ? { issues } : {}) }, status);
}

async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<{ ok: true; data: z.infer<T> } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    if (!c.req.header('content-type')?.includes('application/json')) throw new Error('not JSON');
    body = await c.req.json();
  } catch {
    return { ok: false, response: fail(c, 400, 'send a JSON object, e.g. {"template":"earthquake","notices":{"ja":"...",...},"broadcast":false}') };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, response: fail(c, 400, 'the request has problems', fieldIssues(parsed.error)) };
}

/** The state as the page shows it, with who switched it. */
async function statePayload(db: D1Database) {
  const [{ state }, audience, broadcast, history] = await Promise.all([
    readDisaster(db),
    followingAudience(db),
    broadcastProgress(db),
    listAudit(db, { target: AUDIT_TARGET, limit: HISTORY_LIMIT }),
  ]);
  return {
    state,
    templates: allTemplates(),
    languages: LANGUAGES.map((code) => ({ code, name: LOCALES[code].language.name })),
    audience,
    broadcast: broadcast ?? null,
    history: history.map((entry) => ({
      id: entry.id,
      action: entry.action,
      at: entry.createdAt,
      staff: entry.staff,
      template: (entry.after as { template?: string } | null)?.template ?? null,
      broadcast: (entry.after as { broadcast?: unknown } | null)?.broadcast ?? null,
    })),
  };
}

/**
 * Writes a new state with its audit rows (and a broadcast's rows) in one batch over the state
 * read; returns false when another admin changed the state first (nothing was written).
 */
async function commitSwitch(db: D1Database, read: StoredDisaster, next: DisasterState, statements: D1PreparedStatement[], now: number): Promise<{ ok: true; results: D1Result[] } | { ok: false }> {
  const write = writeDisaster(db, next, read.raw, now);
  try {
    const results = await db.batch([...write, ...statements]);
    return { ok: true, results: results.slice(write.length) };
  } catch (error) {
    const current = await readDisaster(db);
    if (current.raw !== read.raw) return { ok: false };
    throw error;
  }
}

/** Starts sending after the response (the cron carries on if this run's budget ends first). */
function kickBroadcast(c: Context<AppEnv>): void {
  c.executionCtx.waitUntil(
    resumeBroadcasts(c.env, { budgetMs: REQUEST_BUDGET_MS }).catch((error) => console.error('broadcast run failed', error)),
  );
}

const CONFLICT = 'another administrator changed disaster mode a moment ago; reload the page to see the current state';

disasterApi.get('/state', async (c) => c.json(await statePayload(c.env.DB)));

/** Switch on, or change the notice while on (then `broadcast` may send the changed notice). */
disasterApi.post('/on', async (c) => {
  const body = await readJson(c, SwitchOn);
  if (!body.ok) return body.response;
  const db = c.env.DB;
  const staff = c.get('staff');
  const now = Date.now();
  const read = await readDisaster(db);
  const before = read.state;
  const changed = !before.active || before.template !== body.data.template || LANGUAGES.some((lang) => before.notices[lang] !== body.data.notices[lang]);
  if (before.active && !changed && !body.data.broadcast) return fail(c, 409, 'disaster mode is already on with this notice');
  if (before.active && !changed && body.data.broadcast && before.broadcastAt) return fail(c, 409, 'this notice was already broadcast; change the notice to send a new one');
  const next: ActiveDisaster = {
    active: true,
    activation: before.active ? before.activation : crypto.randomUUID(),
    template: body.data.template,
    notices: body.data.notices,
    since: changed || !before.active ? now : before.since,
    by: changed || !before.active ? staff.id : before.by,
    // A changed notice has not been broadcast yet.
    ...(before.active && !changed && before.broadcastAt ? { broadcastAt: before.broadcastAt } : {}),
    ...(body.data.broadcast ? { broadcastAt: now } : {}),
  };
  const statements: D1PreparedStatement[] = [];
  if (changed) statements.push(audit(db, { staffId: staff.id, action: before.active ? 'disaster.update' : 'disaster.on', target: AUDIT_TARGET, before, after: next }, now));
  const planned = body.data.broadcast ? planBroadcast(db, next.notices, await followingRecipients(db), staff.id, now) : undefined;
  if (planned) {
    statements.push(...planned.statements);
    statements.push(audit(db, { staffId: staff.id, action: 'disaster.broadcast', target: AUDIT_TARGET, before: null, after: broadcastSummary(next, planned) }, now));
  }
  const committed = await commitSwitch(db, read, next, statements, now);
  if (!committed.ok) return fail(c, 409, CONFLICT);
  if (planned) kickBroadcast(c);
  return c.json({ state: next, broadcastId: planned ? broadcastIdFrom(committed.results, changed) : null });
});

/** Broadcast the current notice (once per notice). */
disasterApi.post('/broadcast', async (c) => {
  const db = c.env.DB;
  const staff = c.get('staff');
  const now = Date.now();
  const read = await readDisaster(db);
  const before = read.state;
  if (!before.active) return fail(c, 409, 'switch disaster mode on first: the broadcast sends its notice');
  if (before.broadcastAt) return fail(c, 409, 'this notice was already broadcast; change the notice to send a new one');
  const next: ActiveDisaster = { ...before, broadcastAt: now };
  const planned = planBroadcast(db, before.notices, await followingRecipients(db), staff.id, now);
  const committed = await commitSwitch(
    db,
    read,
    next,
    [...planned.statements, audit(db, { staffId: staff.id, action: 'disaster.broadcast', target: AUDIT_TARGET, before: null, after: broadcastSummary(next, planned) }, now)],
    now,
  );
  if (!committed.ok) return fail(c, 409, CONFLICT);
  kickBroadcast(c);
  return c.json({ state: next, broadcastId: broadcastIdFrom(committed.results, false) });
});

disasterApi.post('/off', async (c) => {
  const db = c.env.DB;
  const staff = c.get('staff');
  const now = Date.now();
  const read = await readDisaster(db);
  if (!read.state.active) return fail(c, 409, 'disaster mode is already off');
  const next: DisasterState = { active: false, since: now, by: staff.id };
  const committed = await commitSwitch(
    db,
    read,
    next,
    [audit(db, { staffId: staff.id, action: 'disaster.off', target: AUDIT_TARGET, before: read.state, after: next }, now), ...stopUnsentBroadcasts(db, now)],
    now,
  );
  if (!committed.ok) return fail(c, 409, CONFLICT);
  return c.json({ state: next });
});

disasterApi.get('/broadcasts/:id{[0-9]+}', async (c) => {
  const progress = await broadcastProgress(c.env.DB, Number(c.req.param('id')));
  return progress ? c.json(progress) : fail(c, 404, 'no such broadcast');
});

/** Puts failed batches back in the queue and sends (waiting ones keep LINE's Retry-After). */
disasterApi.post('/broadcasts/:id{[0-9]+}/resume', async (c) => {
  const db = c.env.DB;
  const id = Number(c.req.param('id'));
  const staff = c.get('staff');
  const before = await broadcastProgress(db, id);
  if (!before) return fail(c, 404, 'no such broadcast');
  if (before.status === 'done') return fail(c, 409, 'this broadcast has reached everyone; there is nothing to resume');
  const { state } = await readDisaster(db);
  // A notice from an earlier disaster (or one since replaced) must not go out now.
  if (!state.active || !state.broadcastAt || state.broadcastAt > before.createdAt || state.since > before.createdAt) {
    return fail(c, 409, 'this broadcast belongs to an earlier notice; broadcast the current notice instead');
  }
  const now = Date.now();
  await db.batch([
    ...resumeBroadcast(db, id, now),
    audit(db, { staffId: staff.id, action: 'disaster.broadcast.resume', target: AUDIT_TARGET, before: progressSummary(before), after: { broadcast: { id, resumed: before.failed } } }, now),
  ]);
  kickBroadcast(c);
  return c.json(await broadcastProgress(db, id));
});

function broadcastSummary(state: ActiveDisaster, planned: { total: number; batches: Array<{ language: string; userIds: string[] }> }) {
  const byLanguage: Record<string, number> = {};
  for (const batch of planned.batches) byLanguage[batch.language] = (byLanguage[batch.language] ?? 0) + batch.userIds.length;
  return { template: state.template, broadcast: { total: planned.total, batches: planned.batches.length, byLanguage } };
}

function progressSummary(progress: { id: number; status: string; total: number; sent: number; failed: number }) {
  return { broadcast: { id: progress.id, status: progress.status, total: progress.total, sent: progress.sent, failed: progress.failed } };
}

/** The new broadcast's id, RETURNED by its insert (after the state change's audit row, if any). */
function broadcastIdFrom(results: D1Result[], audited: boolean): number | null {
  const row = results[audited ? 1 : 0]?.results?.[0] as { id?: number } | undefined;
  return row?.id ?? null;
}
