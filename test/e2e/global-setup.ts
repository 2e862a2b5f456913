/**
 * Prepares, once per run, the local state every browser test starts from: a D1 database in a
 * temporary folder with the migrations, the knowledge (`tools/db-setup.ts --persist-to`) and
 * the test staff accounts. Each test file copies it and runs its own bot on it (support/stack.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { getPlatformProxy } from 'wrangler';
import { hashPassword } from '../../src/auth/password';
import { createStaff } from '../../src/db/staff';
import { E2E_ADMIN, E2E_STAFF, ROOT } from './support/constants';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The prepared state folder (wrangler's --persist-to layout). */
    e2eTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const template = mkdtempSync(join(tmpdir(), 'yorisoi-e2e-template-'));
  const setup = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'tools/db-setup.ts', '--persist-to', template], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  if (setup.status !== 0) throw new Error(`tools/db-setup.ts --persist-to failed (exit ${setup.status}):\n${setup.stdout}\n${setup.stderr}`);

  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(template, 'v3') } });
  try {
    for (const account of [...E2E_STAFF, E2E_ADMIN]) {
      await createStaff(proxy.env.DB, { login: account.login, displayName: account.displayName, role: account.role, passwordHash: await hashPassword(account.password) });
    }
  } finally {
    await proxy.dispose();
  }

  project.provide('e2eTemplate', template);
  return () => rmSync(template, { recursive: true, force: true });
}
