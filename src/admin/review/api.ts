/**
 * The review queue's JSON API (/console/admin/review/api, admins only): the open questions in
 * groups with suggested entries, the decisions on a group (add as a question variant, mark
 * resolved with an entry, dismiss), and the re-check that resolves what the bot now answers.
 * Every decision is written with its audit row in one batch.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { THRESHOLDS } from '../../conversation/decide';
import type { AppEnv } from '../../env';
import { loadKnowledge } from '../../db/knowledge';
import { countOpen, decideItems, listOpenItems, QUEUE_LIMIT, readItems, type ItemState, type ReviewDecision } from '../../db/review';
import { indexFor, type KnowledgeIndex } from '../../faq/knowledge';
import { EntryId } from '../../faq/schema';
import { LANGUAGES } from '../../i18n/languages';
import { audit } from '../audit';
import { addQuestionVariant, readEntry } from '../faq/store';
import { idfWeights } from './cluster';
import { groupQueue, REVIEW_SOURCES, refKey, type ItemRef, type ReviewGroup } from './groups';
import { answerNow, suggestEntries } from './suggest';
import { issueText } from '../../http/zod-issues';

export const reviewApi = new Hono<AppEnv>();

/** Groups answered at most, the largest first. */
export const GROUP_LIMIT = 100;

const Filter = z.object({
  language: z.enum(LANGUAGES).optional(),
  source: z.enum(REVIEW_SOURCES).optional(),
});

const Ref = z.object({ source: z.enum(REVIEW_SOURCES), id: z.number().int().positive() });
const Items = z.array(Ref).min(1, 'choose at least one question').max(2 * QUEUE_LIMIT);

/** A decision on a group: all its items at once. */
export const ReviewAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('dismiss'), items: Items }),
  z.object({ action: z.literal('resolve'), items: Items, entryId: EntryId }),
  z.object({
    action: z.literal('variant'),
    items: Items,
    entryId: EntryId,
    /** The residents' phrasings to add to the entry, each in its language. */
    questions: z
      .array(z.object({ text: z.string().trim().min(1, 'the question is empty').max(500), language: z.enum(LANGUAGES) }))
      .min(1, 'choose at least one question to add')
      .max(20),
  }),
]);
export type ReviewAction = z.infer<typeof ReviewAction>;

async function readAction(request: Request): Promise<ReviewAction> {
  let body: unknown;
  try {
    if (!request.headers.get('content-type')?.includes('application/json')) throw new Error('not JSON');
    body = await request.json();
  } catch {
    throw new HTTPException(400, { message: 'send the decision as a JSON object, e.g. {"action":"dismiss","items":[{"source":"unanswered","id":1}]}' });
  }
  const parsed = ReviewAction.safeParse(body);
  if (!parsed.success) throw new HTTPException(400, { message: issueText(parsed.error) });
  return parsed.data;
}

/** An entry's title for the admin (English, else Japanese). */
function titles(knowledge: KnowledgeIndex, entryId: string): { en: string; ja: string } | null {
  const entry = knowledge.byId.get(entryId);
  return entry ? { en: entry.texts.en.title, ja: entry.texts.ja.title } : null;
}

function groupJson(group: ReviewGroup, knowledge: KnowledgeIndex) {
  return {
    key: group.key,
    count: group.count,
    sources: group.sources,
    languages: group.languages,
    firstSeen: group.firstSeen,
    lastSeen: group.lastSeen,
    examples: group.examples,
    ratedEntries: group.ratedEntries.map((rated) => ({ ...rated, title: titles(knowledge, rated.entryId) })),
    // Likely: on average as good a match as the bot would offer as a "did you mean" choice.
    suggestions: suggestEntries(knowledge.index, group.examples).map((suggestion) => ({
      ...suggestion,
      likely: suggestion.score >= THRESHOLDS.clarify,
      title: titles(knowledge, suggestion.entryId),
    })),
    items: group.items.map((item) => ({ source: item.source, id: item.id, text: item.text, language: item.language, createdAt: item.createdAt })),
  };
}

reviewApi.get('/groups', async (c) => {
  const filter = Filter.safeParse({ language: c.req.query('language') || undefined, source: c.req.query('source') || undefined });
  if (!filter.success) throw new HTTPException(400, { message: `language must be one of ${LANGUAGES.join(', ')}; source one of ${REVIEW_SOURCES.join(', ')}` });
  const [{ items, truncated }, open, knowledge] = await Promise.all([listOpenItems(c.env.DB, filter.data), countOpen(c.env.DB), loadKnowledge(c.env.DB)]);
  const index = indexFor(knowledge);
  const groups = groupQueue(items, idfWeights(index.index));
  // Suggestions search each group's wordings: the largest groups are what a person works on.
  return c.json({ filter: filter.data, open, truncated, groupCount: groups.length, groups: groups.slice(0, GROUP_LIMIT).map((group) => groupJson(group, index)) });
});

/** Records a decision on the items still open, with one audit row; 409 when none is open any more. */
async function decide(db: D1Database, open: ItemState[], decision: ReviewDecision, action: string, detail: Record<string, unknown> = {}) {
  const results = await db.batch<{ id: number }>([
    ...decideItems(db, open, decision),
    audit(db, {
      staffId: decision.staffId,
      action,
      target: `review:${refKey(open[0])}`,
      before: { items: open.map(({ source, id, status, text, language }) => ({ source, id, status, text, language })) },
      after: { status: decision.status, ...(decision.entryId ? { entryId: decision.entryId } : {}), ...detail },
    }),
  ]);
  return results[0].results.length + results[1].results.length;
}

reviewApi.post('/actions', async (c) => {
  const action = await readAction(c.req.raw);
  const db = c.env.DB;
  const staffId = c.get('staff').id;
  const open = (await readItems(db, action.items)).filter((item) => item.status === 'new' && !item.helpful);
  if (!open.length) throw new HTTPException(409, { message: 'these questions were already reviewed (perhaps by someone else); reload the queue' });

  switch (action.action) {
    case 'dismiss': {
      const changed = await decide(db, open, { status: 'dismissed', staffId }, 'review.dismiss');
      return c.json({ ok: true, action: action.action, changed });
    }
    case 'resolve': {
      const entry = await readEntry(db, action.entryId);
      if (!entry || entry.status !== 'active') throw new HTTPException(400, { message: `there is no active FAQ entry "${action.entryId}"` });
      const changed = await decide(db, open, { status: 'resolved', entryId: action.entryId, staffId }, 'review.resolve');
      return c.json({ ok: true, action: action.action, changed, entryId: action.entryId });
    }
    case 'variant': {
      // The FAQ store writes each variant with its revision, audit row and a new knowledge
      // version (its own batch); the queue items are marked only once every variant is in.
      const added: Array<{ text: string; language: string; added: boolean }> = [];
      for (const question of action.questions) {
        const result = await addQuestionVariant(db, { staffId, entryId: action.entryId, lang: question.language, text: question.text });
        if (!result.ok) {
          const done = added.length ? ` (added before the problem: ${added.map((q) => `"${q.text}"`).join(', ')})` : '';
          throw new HTTPException(result.status, { message: `${result.error}${done}` });
        }
        added.push({ text: question.text, language: question.language, added: result.changed });
      }
      const changed = await decide(db, open, { status: 'resolved', entryId: action.entryId, staffId }, 'review.variant', { questions: added });
      return c.json({ ok: true, action: action.action, changed, entryId: action.entryId, questions: added });
    }
  }
});

/**
 * Re-runs the bot's decision on every open item and resolves those it would now answer
 * confidently: a fallback the bot now answers, or a "not helpful" whose question it now answers
 * with another entry than the one rated.
 */
reviewApi.post('/recheck', async (c) => {
  const db = c.env.DB;
  const staffId = c.get('staff').id;
  const [{ items }, knowledge] = await Promise.all([listOpenItems(db), loadKnowledge(db)]);
  const index = indexFor(knowledge);
  const answered = new Map<string, ItemRef[]>();
  const resolved: Array<ItemRef & { text: string; entryId: string }> = [];
  for (const item of items) {
    const answer = answerNow(index, item.text);
    if (!answer || (item.source === 'feedback' && answer.entryId === item.ratedEntryId)) continue;
    answered.set(answer.entryId, [...(answered.get(answer.entryId) ?? []), item]);
    resolved.push({ source: item.source, id: item.id, text: item.text, entryId: answer.entryId });
  }
  const now = Date.now();
  const results = await db.batch<{ id: number }>([
    ...[...answered].flatMap(([entryId, refs]) => decideItems(db, refs, { status: 'resolved', entryId, staffId }, now)),
    audit(db, { staffId, action: 'review.recheck', target: 'review', before: { checked: items.length }, after: { resolved } }, now),
  ]);
  const changed = new Set(results.slice(0, -1).flatMap((result, i) => result.results.map((row) => `${i % 2 === 0 ? 'unanswered' : 'feedback'}:${row.id}`)));
  return c.json({
    ok: true,
    checked: items.length,
    resolved: resolved.filter((item) => changed.has(refKey(item))).map((item) => ({ ...item, title: titles(index, item.entryId) })),
  });
});
