/**
 * The FAQ editor's JSON API, under /console/admin/faq/api (admins only, CSRF-checked by the
 * admin app). Every failure is `{ error, issues?: [{ path, message }], current? }` with 400,
 * 404 or 409; a conflict carries the entry as it is now and what the other admin changed.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env';
import { CATEGORIES, type FaqEntry } from '../../faq/schema';
import { isLanguage, LANGUAGES, type Language } from '../../i18n/languages';
import { LOCALES } from '../../i18n/i18n';
import { MAX_TEXT_LENGTH } from '../../line/limits';
import { listContacts, saveContact } from './contacts-store';
import { diffEntries } from './diff';
import type { ImportPlan, ImportTarget } from './import-plan';
import { applyImport, exportBundle, previewImport } from './import-store';
import { filterEntries, translationGaps } from './list-filter';
import { entryHistory, listEntries, readEntry, readRevision, restoreRevision, saveEntry, setEntryStatus, type EntryRecord, type StoreFailure } from './store';
import { languageCsv, readLanguageCsv } from './translation-csv';
import type { FieldIssue } from './validate';
import { fieldIssues } from '../../http/zod-issues';

export const faqApi = new Hono<AppEnv>();

const Revision = z.number().int().positive();
const EntryKey = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const Note = z.string().trim().max(200).optional();

const SaveBody = z.strictObject({ entry: z.unknown(), expectedRevision: Revision, note: Note });
const CreateBody = z.strictObject({ entry: z.unknown(), note: Note });
const StatusBody = z.strictObject({ expectedRevision: Revision });
const RestoreBody = z.strictObject({ revision: Revision, expectedRevision: Revision });
const ContactBody = z.strictObject({ contact: z.unknown(), expectedRevision: Revision });
const NewContactBody = z.strictObject({ key: EntryKey, contact: z.unknown() });
const ImportBody = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('bundle'), bundle: z.unknown(), fingerprint: z.string().optional() }),
  z.strictObject({ format: z.literal('csv'), csv: z.string().max(5_000_000), fingerprint: z.string().optional() }),
]);

type Failure = StoreFailure<unknown>;

/** A failure as the response body: `{ error, issues?, current? }` with its status. */
function fail(c: Context, failure: Omit<Failure, 'ok'>) {
  const { status, error, issues, current } = failure;
  return c.json({ error, ...(issues ? { issues } : {}), ...(current ? { current } : {}) }, status);
}

const badRequest = (c: Context, error: string, issues?: FieldIssue[]) => fail(c, { status: 400, error, issues });

/** The body as JSON, checked with a schema; issues name the fields. */
async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return { ok: false, response: badRequest(c, 'the body is not JSON') };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, response: badRequest(c, 'the request has problems', fieldIssues(parsed.error)) };
  }
  return { ok: true, value: parsed.data };
}

/** An entry for the list: titles in every language, gaps, review date, who changed it last. */
function summary(record: EntryRecord) {
  const { entry } = record;
  return {
    id: entry.id,
    category: entry.category,
    urgent: entry.urgent,
    status: record.status,
    revision: record.revision,
    reviewed: entry.reviewed,
    titles: Object.fromEntries(LANGUAGES.map((lang) => [lang, entry.texts[lang].title])),
    missing: translationGaps(entry),
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
  };
}

/** A conflict with what the other admin changed since the revision the caller started from. */
async function withTheirChanges(c: Context<AppEnv>, failure: Failure, startedFrom: number | null) {
  if (failure.status !== 409 || !failure.current) return fail(c, failure);
  const current = failure.current as EntryRecord;
  const base = startedFrom === null ? undefined : await readRevision(c.env.DB, current.entry.id, startedFrom);
  return c.json({ error: failure.error, current, theirChanges: base ? diffEntries(base.entry, current.entry) : [] }, 409);
}

faqApi.get('/meta', (c) =>
  c.json({
    languages: LANGUAGES.map((code) => ({ code, name: LOCALES[code].language.name })),
    categories: CATEGORIES,
    maxTextLength: MAX_TEXT_LENGTH,
  }),
);

faqApi.get('/entries', async (c) => {
  const query = c.req.query();
  const issues: FieldIssue[] = [];
  const lang = query.lang || undefined;
  if (lang !== undefined && !isLanguage(lang)) issues.push({ path: 'lang', message: `use one of ${LANGUAGES.join(', ')}` });
  if (query.category && !(CATEGORIES as readonly string[]).includes(query.category)) issues.push({ path: 'category', message: `use one of ${CATEGORIES.join(', ')}` });
  const status = query.status || 'active';
  if (!['active', 'archived', 'all'].includes(status)) issues.push({ path: 'status', message: 'use active, archived or all' });
  const staleMonths = query.stale ? Number(query.stale) : undefined;
  if (staleMonths !== undefined && !(Number.isInteger(staleMonths) && staleMonths >= 0 && staleMonths <= 120)) issues.push({ path: 'stale', message: 'a number of months from 0 to 120' });
  if ((query.q ?? '').length > 200) issues.push({ path: 'q', message: 'at most 200 characters' });
  if (issues.length) return badRequest(c, 'the filter has problems', issues);
  const records = await listEntries(c.env.DB);
  const found = filterEntries(records, {
    q: query.q,
    lang: lang as Language | undefined,
    category: query.category || undefined,
    status: status as 'active' | 'archived' | 'all',
    missing: query.missing === '1' || query.missing === 'true',
    staleMonths,
  });
  return c.json({ total: records.length, entries: found.map(summary) });
});

faqApi.get('/entries/:id', async (c) => {
  const record = await readEntry(c.env.DB, c.req.param('id'));
  if (!record) return fail(c, { status: 404, error: `there is no FAQ entry "${c.req.param('id')}"` });
  return c.json({ ...record, missing: translationGaps(record.entry) });
});

faqApi.post('/entries', async (c) => {
  const body = await readBody(c, CreateBody);
  if (!body.ok) return body.response;
  const result = await saveEntry(c.env.DB, { staffId: c.get('staff').id, entry: body.value.entry, expectedRevision: null, note: body.value.note || undefined });
  if (!result.ok) return withTheirChanges(c, result, null);
  return c.json(result.record, 201);
});

faqApi.put('/entries/:id', async (c) => {
  const body = await readBody(c, SaveBody);
  if (!body.ok) return body.response;
  const id = c.req.param('id');
  const given = (body.value.entry as { id?: unknown } | null)?.id;
  if (given !== id) return badRequest(c, 'the entry id cannot change', [{ path: 'id', message: `this is entry "${id}"; create a new entry for another id` }]);
  const { expectedRevision } = body.value;
  const result = await saveEntry(c.env.DB, { staffId: c.get('staff').id, entry: body.value.entry, expectedRevision, note: body.value.note || undefined });
  if (!result.ok) return withTheirChanges(c, result, expectedRevision);
  return c.json({ ...result.record, changed: result.changed });
});

for (const [verb, status] of [
  ['archive', 'archived'],
  ['unarchive', 'active'],
] as const) {
  faqApi.post(`/entries/:id/${verb}`, async (c) => {
    const body = await readBody(c, StatusBody);
    if (!body.ok) return body.response;
    const { expectedRevision } = body.value;
    const result = await setEntryStatus(c.env.DB, { staffId: c.get('staff').id, entryId: c.req.param('id'), status, expectedRevision });
    if (!result.ok) return withTheirChanges(c, result, expectedRevision);
    return c.json({ ...result.record, changed: result.changed });
  });
}

faqApi.get('/entries/:id/history', async (c) => {
  const revisions = await entryHistory(c.env.DB, c.req.param('id'));
  if (!revisions) return fail(c, { status: 404, error: `there is no FAQ entry "${c.req.param('id')}"` });
  // Each revision with what it changed from the one before it (oldest kept: against nothing).
  return c.json({
    revisions: revisions.map((revision, index) => {
      const previous = revisions[index + 1];
      return {
        revision: revision.revision,
        status: revision.status,
        statusBefore: previous?.status ?? null,
        staff: revision.staff,
        note: revision.note,
        createdAt: revision.createdAt,
        changes: diffEntries(previous?.entry, revision.entry),
      };
    }),
  });
});

faqApi.get('/entries/:id/diff', async (c) => {
  const from = Revision.safeParse(Number(c.req.query('from')));
  const to = Revision.safeParse(Number(c.req.query('to')));
  if (!from.success || !to.success) return badRequest(c, 'from and to must be revision numbers', [...(from.success ? [] : [{ path: 'from', message: 'a revision number' }]), ...(to.success ? [] : [{ path: 'to', message: 'a revision number' }])]);
  const id = c.req.param('id');
  const [a, b] = await Promise.all([readRevision(c.env.DB, id, from.data), readRevision(c.env.DB, id, to.data)]);
  if (!a || !b) return fail(c, { status: 404, error: `entry "${id}" has no revision ${!a ? from.data : to.data}` });
  return c.json({ from: a, to: b, changes: diffEntries(a.entry, b.entry), statusChanged: a.status !== b.status });
});

faqApi.post('/entries/:id/restore', async (c) => {
  const body = await readBody(c, RestoreBody);
  if (!body.ok) return body.response;
  const { revision, expectedRevision } = body.value;
  const result = await restoreRevision(c.env.DB, { staffId: c.get('staff').id, entryId: c.req.param('id'), revision, expectedRevision });
  if (!result.ok) return withTheirChanges(c, result, expectedRevision);
  return c.json({ ...result.record, changed: result.changed });
});

faqApi.get('/contacts', async (c) => c.json({ contacts: await listContacts(c.env.DB) }));

faqApi.post('/contacts', async (c) => {
  const body = await readBody(c, NewContactBody);
  if (!body.ok) return body.response;
  const result = await saveContact(c.env.DB, { staffId: c.get('staff').id, key: body.value.key, contact: body.value.contact, expectedRevision: null });
  if (!result.ok) return fail(c, result);
  return c.json(result.record, 201);
});

faqApi.put('/contacts/:key', async (c) => {
  const body = await readBody(c, ContactBody);
  if (!body.ok) return body.response;
  const result = await saveContact(c.env.DB, { staffId: c.get('staff').id, key: c.req.param('key'), contact: body.value.contact, expectedRevision: body.value.expectedRevision });
  if (!result.ok) return fail(c, result);
  return c.json({ ...result.record, changed: result.changed });
});

const today = () => new Date().toISOString().slice(0, 10);

faqApi.get('/export', async (c) => {
  const bundle = await exportBundle(c.env.DB);
  c.header('Content-Disposition', `attachment; filename="yorisoi-knowledge-${today()}.json"`);
  return c.json(bundle);
});

faqApi.get('/export/:file{[a-zA-Z-]+\\.csv}', async (c) => {
  const lang = c.req.param('file').replace(/\.csv$/, '');
  if (!isLanguage(lang)) return fail(c, { status: 404, error: `no such language: use one of ${LANGUAGES.join(', ')}` });
  const bundle = await exportBundle(c.env.DB);
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="yorisoi-faq-${lang}-${today()}.csv"`);
  return c.body(languageCsv(bundle.entries, lang));
});

/** What an import request would do to the knowledge, as an import target. */
async function importTarget(c: Context<AppEnv>, body: z.infer<typeof ImportBody>): Promise<{ ok: true; target: ImportTarget; note: string } | { ok: false; response: Response }> {
  if (body.format === 'csv') {
    const current = (await listEntries(c.env.DB)).map((record) => record.entry);
    const read = readLanguageCsv(body.csv, current);
    if (!read.ok) return { ok: false, response: badRequest(c, 'the CSV has problems; nothing was changed', read.issues) };
    return { ok: true, target: { mode: 'language', entries: read.entries }, note: `imported (${read.lang} CSV)` };
  }
  const bundle = body.bundle as { entries?: unknown; contacts?: unknown; outOfScope?: unknown } | null;
  if (!bundle || typeof bundle !== 'object' || !Array.isArray(bundle.entries)) {
    return { ok: false, response: badRequest(c, 'expected the exported JSON: { entries: [...], contacts: {...}, outOfScope }', [{ path: 'bundle.entries', message: 'a list of entries is required' }]) };
  }
  const extra = Object.keys(bundle).filter((key) => !['entries', 'contacts', 'outOfScope'].includes(key));
  if (extra.length) return { ok: false, response: badRequest(c, 'the bundle has unknown fields', extra.map((key) => ({ path: `bundle.${key}`, message: 'unknown field' }))) };
  return { ok: true, target: { mode: 'bundle', entries: bundle.entries, contacts: bundle.contacts, outOfScope: bundle.outOfScope }, note: 'imported' };
}

/** A plan for the browser: what changes, without the full entries. */
function planView(plan: ImportPlan) {
  return {
    fingerprint: plan.fingerprint,
    unchanged: plan.unchanged,
    counts: {
      add: plan.entries.filter((e) => e.action === 'add').length,
      change: plan.entries.filter((e) => e.action === 'change').length,
      archive: plan.entries.filter((e) => e.action === 'archive').length,
      unarchive: plan.entries.filter((e) => e.action === 'unarchive').length,
      contacts: plan.contacts.length,
    },
    entries: plan.entries.map((e) => ({ id: e.id, action: e.action, title: (e.after as FaqEntry).texts.en.title, changes: e.changes })),
    contacts: plan.contacts.map((e) => ({ key: e.key, action: e.action, changes: e.changes })),
    outOfScope: Boolean(plan.outOfScope),
  };
}

faqApi.post('/import/preview', async (c) => {
  const body = await readBody(c, ImportBody);
  if (!body.ok) return body.response;
  const target = await importTarget(c, body.value);
  if (!target.ok) return target.response;
  const result = await previewImport(c.env.DB, target.target);
  if (!result.ok) return fail(c, result);
  return c.json(planView(result.plan));
});

faqApi.post('/import/apply', async (c) => {
  const body = await readBody(c, ImportBody);
  if (!body.ok) return body.response;
  if (!body.value.fingerprint) return badRequest(c, 'preview the import first', [{ path: 'fingerprint', message: "the preview's fingerprint is required" }]);
  const target = await importTarget(c, body.value);
  if (!target.ok) return target.response;
  const result = await applyImport(c.env.DB, { staffId: c.get('staff').id, target: target.target, fingerprint: body.value.fingerprint, note: target.note });
  if (!result.ok) return fail(c, result);
  return c.json({ applied: result.applied, ...planView(result.plan) });
});
