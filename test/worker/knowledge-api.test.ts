import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { loadKnowledge } from '../../src/db/knowledge';
import { createUser, lastBotText, say } from './helpers';

async function put(body: unknown, token = 'test-admin-token'): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request('http://bot/api/knowledge', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe('PUT /api/knowledge', async () => {
  const original = await loadKnowledge(env.DB);
  const bundle = { entries: original.entries, contacts: original.contacts };
  afterAll(async () => {
    expect((await put(bundle)).status).toBe(200);
  });

  it('refuses a wrong token', async () => {
    const response = await put(bundle, 'guess');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'a valid admin token is required' });
  });

  it('rejects invalid knowledge with field-level issues, and changes nothing', async () => {
    const broken = structuredClone(bundle);
    delete (broken.entries[0].texts as Record<string, unknown>).ne;
    const response = await put(broken);
    expect(response.status).toBe(400);
    const body = await response.json<{ issues: Array<{ path: string }> }>();
    expect(body.issues.map((i) => i.path)).toContain('entries.0.texts.ne');
    expect((await loadKnowledge(env.DB)).version).toBe(original.version);
    expect((await put('{not json')).status).toBe(400);
  });

  it('replaces the knowledge, and the bot answers from the new version at once', async () => {
    const changed = structuredClone(bundle);
    const garbage = changed.entries.find((entry) => entry.id === 'garbage')!;
    garbage.texts.en.title = 'Garbage rules (updated)';
    const response = await put(changed);
    expect(response.status).toBe(200);
    const userId = await createUser('en');
    await say(userId, 'how do I put out garbage');
    expect(await lastBotText(userId)).toMatch(/^Garbage rules \(updated\)/);
  });
});
