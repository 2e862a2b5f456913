/**
 * PUT /api/knowledge: replaces the knowledge in D1 with a validated bundle of entries and
 * contacts (how `npm run db:setup -- --remote` loads `knowledge/` into production). Guarded
 * by the ADMIN_API_TOKEN secret; without it the route does not exist.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { prepareAll, seedKnowledgeQueries } from '../db/knowledge';
import { makeKnowledge } from './knowledge';
import { Contacts, FaqEntry, OutOfScope } from './schema';

const Bundle = z.strictObject({ entries: z.array(FaqEntry).min(1), contacts: Contacts, outOfScope: OutOfScope.optional() });

export const knowledgeApi = new Hono<AppEnv>();

knowledgeApi.put('/', async (c) => {
  const token = c.env.ADMIN_API_TOKEN;
  if (!token) throw new HTTPException(404, { message: 'not found' });
  const given = c.req.header('authorization')?.replace(/^Bearer /, '') ?? '';
  if (!(await sameSecret(given, token))) throw new HTTPException(401, { message: 'a valid admin token is required' });

  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new HTTPException(400, { message: 'the body is not JSON' });
  }
  const bundle = Bundle.safeParse(json);
  if (!bundle.success) {
    return c.json({ error: 'invalid knowledge', issues: bundle.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })) }, 400);
  }
  const knowledge = makeKnowledge(bundle.data.entries, bundle.data.contacts, undefined, bundle.data.outOfScope);
  await c.env.DB.batch(prepareAll(c.env.DB, seedKnowledgeQueries(knowledge, { note: 'imported' })));
  return c.json({ ok: true, entries: knowledge.entries.length, version: knowledge.version });
});

/** Compares secrets without leaking their content through timing (HMAC both, compare digests). */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const [x, y] = await Promise.all([a, b].map((s) => crypto.subtle.sign('HMAC', key, new TextEncoder().encode(s))));
  const left = new Uint8Array(x);
  const right = new Uint8Array(y);
  let diff = 0;
  for (let i = 0; i < left.length; i++) diff |= left[i] ^ right[i];
  return diff === 0;
}
