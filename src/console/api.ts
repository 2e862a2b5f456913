/**
 * The staff console's JSON API (mounted at /console/api behind the staff login): the queue, a
 * conversation's history, staff actions, FAQ search for sending answers in the resident's
 * language, canned replies, and the live-update WebSocket. Actions on a chat run in that
 * chat's ResidentSession, in turn with the resident's own messages.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { checkOrigin, CSRF_MESSAGES } from '../auth/csrf';
import { SESSION_IDLE_MS } from '../auth/session';
import type { AppEnv } from '../env';
import { deleteCanned, insertCanned, listCustomCanned, listQueue, markRead, queueItem, residentHistory, type CannedReply } from '../db/console';
import { loadKnowledge } from '../db/knowledge';
import { listActiveStaff } from '../db/staff';
import { fillContacts, indexFor } from '../faq/knowledge';
import { OUT_OF_SCOPE_ID } from '../faq/schema';
import { search } from '../faq/search';
import { StaffAction } from '../handoff/staff-actions';
import { LOCALES } from '../i18n/i18n';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../i18n/languages';
import { MAX_TEXT_LENGTH } from '../line/limits';
import { consoleHub } from './hub';
import { issueText } from '../http/zod-issues';

export const consoleApi = new Hono<AppEnv>();

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Filter = z.enum(['waiting', 'mine', 'all', 'resolved']);

/** Staff-facing names of the built-in canned replies (their texts are in locales/, per language). */
const BUILT_IN_CANNED: Record<keyof (typeof LOCALES)['en']['canned'], string> = {
  checking: 'Thanks - checking, will reply',
  details: 'Ask for more details',
  visit: 'Invite to visit the Plaza',
  closing: 'Closing: glad to help',
};

function badRequest(message: string) {
  return Response.json({ error: message }, { status: 400 });
}

function parseId(value: string | undefined): number | undefined {
  const parsed = Id.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  if (!request.headers.get('content-type')?.includes('application/json')) return { ok: false };
  try {
    return { ok: true, value: await request.json() };
  } catch {
    return { ok: false };
  }
}

consoleApi.get('/conversations', async (c) => {
  const filter = Filter.safeParse(c.req.query('filter') ?? 'waiting');
  if (!filter.success) return badRequest('filter must be one of waiting, mine, all, resolved');
  const staff = c.get('staff');
  const conversations = await listQueue(c.env.DB, staff.id, filter.data);
  return c.json({ filter: filter.data, conversations, now: Date.now() });
});

consoleApi.get('/conversations/:id', async (c) => {
  const id = parseId(c.req.param('id'));
  if (!id) return badRequest('the conversation id must be a positive number');
  const staff = c.get('staff');
  const conversation = await queueItem(c.env.DB, staff.id, id);
  if (!conversation) return c.json({ error: 'no such conversation' }, 404);
  const [history, resident, team, knowledge] = await Promise.all([
    residentHistory(c.env.DB, conversation.userId),
    c.env.DB.prepare('SELECT user_id, display_name, language, line_language, following, created_at FROM residents WHERE user_id = ?1')
      .bind(conversation.userId)
      .first<{ user_id: string; display_name: string | null; language: string | null; line_language: string | null; following: number; created_at: number }>(),
    listActiveStaff(c.env.DB),
    loadKnowledge(c.env.DB),
  ]);
  const byId = indexFor(knowledge).byId;
  const lang: Language = isLanguage(resident?.language) ? resident.language : DEFAULT_LANGUAGE;
  return c.json({
    conversation,
    resident: {
      userId: conversation.userId,
      displayName: resident?.display_name ?? null,
      language: lang,
      languageName: LOCALES[lang].language.name,
      lineLanguage: resident?.line_language ?? null,
      following: resident?.following === 1,
      since: resident?.created_at ?? null,
    },
    // Bot answers name the FAQ entry they came from, in the staff's languages.
    messages: history.map((message) => {
      const entry = message.entryId ? byId.get(message.entryId) : undefined;
      return { ...message, entryTitle: entry ? { ja: entry.texts.ja.title, en: entry.texts.en.title } : null };
    }),
    staff: team.map((member) => ({ id: member.id, displayName: member.displayName })),
    me: { id: staff.id },
    now: Date.now(),
  });
});

consoleApi.post('/conversations/:id/actions', async (c) => {
  const id = parseId(c.req.param('id'));
  if (!id) return badRequest('the conversation id must be a positive number');
  const body = await readJson(c.req.raw);
  if (!body.ok) return badRequest('send the action as a JSON object, e.g. {"type":"claim"}');
  const action = StaffAction.safeParse(body.value);
  if (!action.success) return badRequest(issueText(action.error));
  const owner = await c.env.DB.prepare('SELECT user_id FROM conversations WHERE id = ?1').bind(id).first<{ user_id: string }>();
  if (!owner) return c.json({ error: 'no such conversation' }, 404);
  const staff = c.get('staff');
  const session = c.env.RESIDENT_SESSION.get(c.env.RESIDENT_SESSION.idFromName(owner.user_id));
  const result = await session.staffAction(owner.user_id, { id: staff.id, displayName: staff.displayName }, id, action.data);
  if (!result.ok) return c.json({ error: result.error }, result.status);
  return c.json(result);
});

consoleApi.post('/conversations/:id/read', async (c) => {
  const id = parseId(c.req.param('id'));
  const body = await readJson(c.req.raw);
  const lastReadId = body.ok ? Id.safeParse((body.value as { lastReadId?: unknown } | null)?.lastReadId) : undefined;
  if (!id || !lastReadId?.success) return badRequest('send {"lastReadId": <message id>} for a conversation id');
  await markRead(c.env.DB, id, c.get('staff').id, lastReadId.data).run();
  return c.json({ ok: true });
});

/** FAQ search for staff: query in Japanese or English, answer shown (and sent) in the resident's language. */
consoleApi.get('/faq', async (c) => {
  const q = (c.req.query('q') ?? '').slice(0, 200).trim();
  const langParam = c.req.query('lang') ?? DEFAULT_LANGUAGE;
  if (!isLanguage(langParam)) return badRequest(`lang must be one of ${LANGUAGES.join(', ')}`);
  const knowledge = await loadKnowledge(c.env.DB);
  const { index, byId } = indexFor(knowledge);
  const ids = q
    ? search(index, q, { limit: 10 })
        .filter((result) => result.id !== OUT_OF_SCOPE_ID)
        .map((result) => result.id)
    : knowledge.entries.map((entry) => entry.id);
  const entries = ids
    .map((id) => byId.get(id))
    .filter((entry) => !!entry)
    .map((entry) => ({
      id: entry.id,
      category: entry.category,
      title: { ja: entry.texts.ja.title, en: entry.texts.en.title, resident: entry.texts[langParam].title },
      answer: `${entry.texts[langParam].title}\n\n${fillContacts(entry.texts[langParam].answer, knowledge.contacts, langParam)}`,
    }));
  return c.json({ q, lang: langParam, entries });
});

consoleApi.get('/canned', async (c) => {
  const lang = c.req.query('lang') ?? DEFAULT_LANGUAGE;
  if (!isLanguage(lang)) return badRequest(`lang must be one of ${LANGUAGES.join(', ')}`);
  const builtIn: CannedReply[] = Object.entries(BUILT_IN_CANNED).map(([key, title]) => ({
    id: `builtin:${key}`,
    language: lang,
    title,
    text: LOCALES[lang].canned[key as keyof typeof BUILT_IN_CANNED],
    builtIn: true,
  }));
  return c.json({ lang, replies: [...builtIn, ...(await listCustomCanned(c.env.DB, lang))] });
});

const NewCanned = z.object({
  language: z.enum(LANGUAGES),
  title: z.string().trim().min(1, 'give it a short title').max(60),
  text: z.string().trim().min(1, 'write the reply').max(MAX_TEXT_LENGTH),
});

consoleApi.post('/canned', async (c) => {
  const body = await readJson(c.req.raw);
  if (!body.ok) return badRequest('send {"language", "title", "text"} as JSON');
  const parsed = NewCanned.safeParse(body.value);
  if (!parsed.success) return badRequest(issueText(parsed.error));
  const row = await insertCanned(c.env.DB, { ...parsed.data, staffId: c.get('staff').id }).first<{ id: number }>();
  return c.json({ id: `custom:${row!.id}` }, 201);
});

consoleApi.delete('/canned/:id', async (c) => {
  const id = parseId(c.req.param('id'));
  if (!id) return badRequest('the canned reply id must be a positive number');
  const row = await deleteCanned(c.env.DB, id).first();
  return row ? c.json({ ok: true }) : c.json({ error: 'no such canned reply' }, 404);
});

consoleApi.get('/staff', async (c) => {
  const team = await listActiveStaff(c.env.DB);
  return c.json({ staff: team.map((member) => ({ id: member.id, displayName: member.displayName, role: member.role })) });
});

/** Live updates: the WebSocket goes to the ConsoleHub, tagged with who opened it and until when. */
consoleApi.get('/live', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return c.json({ error: 'expected a WebSocket upgrade' }, 426);
  // A WebSocket handshake is a GET, so the CSRF middleware lets it through: check where it came from.
  const origin = checkOrigin(c.req.url, c.req.header('origin'), c.req.header('sec-fetch-site'));
  if (!origin.ok) return c.json({ error: CSRF_MESSAGES[origin.reason] }, 403);
  const headers = new Headers(c.req.raw.headers);
  headers.set('x-staff-id', String(c.get('staff').id));
  // The hub closes the socket after this; the console reconnects, which checks the session again.
  headers.set('x-session-expires', String(Date.now() + SESSION_IDLE_MS));
  return consoleHub(c.env).fetch(new Request(c.req.url, { headers }));
});
