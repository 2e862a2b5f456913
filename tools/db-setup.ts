/**
 * `npm run db:setup`: applies the D1 migrations to the local database and loads `knowledge/`
 * into it. Idempotent: run it as often as you like; entries removed from `knowledge/` are
 * archived. `npm run db:setup -- --remote URL` migrates the deployed database and loads the
 * knowledge through the Worker's knowledge API (needs ADMIN_API_TOKEN in the environment).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { prepareAll, seedKnowledgeQueries } from '../src/db/knowledge';
import { loadKnowledgeFiles } from './knowledge-files';

const ROOT = join(import.meta.dirname, '..');
const remote = process.argv.indexOf('--remote');
const remoteUrl = remote >= 0 ? process.argv[remote + 1] : undefined;

function migrate(where: '--local' | '--remote'): void {
  const result = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', where], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    // CI=true keeps wrangler from asking for confirmation.
    env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${result.status})`);
}

const knowledge = loadKnowledgeFiles();
if (remote >= 0) {
  if (!remoteUrl || !process.env.ADMIN_API_TOKEN) throw new Error('usage: ADMIN_API_TOKEN=... npm run db:setup -- --remote https://<worker>');
  migrate('--remote');
  const response = await fetch(new URL('/api/knowledge', remoteUrl), {
    method: 'PUT',
    headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ entries: knowledge.entries, contacts: knowledge.contacts, outOfScope: knowledge.outOfScope }),
  });
  console.log(`knowledge API: ${response.status} ${await response.text()}`);
  if (!response.ok) process.exit(1);
} else {
  migrate('--local');
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml') });
  try {
    await proxy.env.DB.batch(prepareAll(proxy.env.DB, seedKnowledgeQueries(knowledge)));
  } finally {
    await proxy.dispose();
  }
  console.log(`knowledge loaded: ${knowledge.entries.length} entries, ${Object.keys(knowledge.contacts).length} contacts (version ${knowledge.version})`);
}
