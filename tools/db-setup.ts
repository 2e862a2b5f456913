/**
 * `npm run db:setup`: applies the D1 migrations to the local database and loads `knowledge/`
 * into it. Idempotent: run it as often as you like; entries removed from `knowledge/` are
 * archived. `npm run db:setup -- --remote URL` migrates the deployed database and loads the
 * knowledge through the Worker's knowledge API (needs ADMIN_API_TOKEN in the environment).
 * Locally it also creates the development staff accounts below if they are missing; the
 * deployed database never gets them (create real ones with `npm run staff`).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { hashPassword } from '../src/auth/password';
import { prepareAll, seedKnowledgeQueries } from '../src/db/knowledge';
import { createStaff, findStaffByLogin, type StaffRole } from '../src/db/staff';
import { loadKnowledgeFiles } from './knowledge-files';

const ROOT = join(import.meta.dirname, '..');
const remote = process.argv.indexOf('--remote');
const remoteUrl = remote >= 0 ? process.argv[remote + 1] : undefined;
// `--persist-to DIR`: a local database elsewhere than .wrangler/state (the browser tests use a temporary one).
const persistArg = process.argv.indexOf('--persist-to');
const persistTo = persistArg >= 0 && process.argv[persistArg + 1] ? resolve(process.argv[persistArg + 1]) : undefined;

/** Local development only: well-known passwords, so never created by `--remote`. */
const LOCAL_STAFF: Array<{ login: string; password: string; role: StaffRole; displayName: string }> = [
  { login: 'admin', password: 'yorisoi-admin-local', role: 'admin', displayName: 'Admin (local)' },
  { login: 'staff', password: 'yorisoi-staff-local', role: 'staff', displayName: 'Staff (local)' },
  { login: 'staff2', password: 'yorisoi-staff2-local', role: 'staff', displayName: 'Staff 2 (local)' },
];

async function seedLocalStaff(db: D1Database): Promise<void> {
  const lines: string[] = [];
  for (const account of LOCAL_STAFF) {
    const exists = (await findStaffByLogin(db, account.login)) !== undefined;
    if (!exists) await createStaff(db, { ...account, passwordHash: await hashPassword(account.password) });
    lines.push(`  ${account.login} / ${account.password} (${account.role})${exists ? '' : ' - created'}`);
  }
  console.log(`local staff accounts for http://127.0.0.1:8787/console (login / password):\n${lines.join('\n')}`);
}

function migrate(where: '--local' | '--remote'): void {
  const persist = where === '--local' && persistTo ? ['--persist-to', persistTo] : [];
  const result = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', where, ...persist], {
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
  // wrangler keeps its local state in <persist-to>/v3; getPlatformProxy takes that inner folder.
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(ROOT, 'wrangler.toml'),
    ...(persistTo ? { persist: { path: join(persistTo, 'v3') } } : {}),
  });
  try {
    await proxy.env.DB.batch(prepareAll(proxy.env.DB, seedKnowledgeQueries(knowledge)));
    await seedLocalStaff(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
  console.log(`knowledge loaded: ${knowledge.entries.length} entries, ${Object.keys(knowledge.contacts).length} contacts (version ${knowledge.version})`);
}
