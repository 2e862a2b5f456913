/**
 * `npm run db:setup`: applies the D1 migrations to the local database and loads `knowledge/`
 * into it (idempotent: run it as often as you like; entries removed from `knowledge/` are archived).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { seedKnowledgeStatements } from '../src/db/knowledge';
import { loadKnowledgeFiles } from './knowledge-files';

const ROOT = join(import.meta.dirname, '..');

function migrate(): void {
  const result = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${result.status})`);
}

async function seed(): Promise<void> {
  const knowledge = loadKnowledgeFiles();
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml') });
  try {
    await proxy.env.DB.batch(seedKnowledgeStatements(proxy.env.DB, knowledge));
    console.log(`knowledge loaded: ${knowledge.entries.length} entries, ${Object.keys(knowledge.contacts).length} contacts (version ${knowledge.version})`);
  } finally {
    await proxy.dispose();
  }
}

migrate();
await seed();
