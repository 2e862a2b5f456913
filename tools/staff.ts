/**
 * `npm run staff`: staff accounts for the console, on the local database (default) or the
 * deployed one (`--remote`).
 *
 *   npm run staff -- create --login <name> --name "<display name>" --role admin|staff [--password-stdin] [--remote]
 *   npm run staff -- password --login <name> [--password-stdin] [--remote]
 *   npm run staff -- disable --login <name> [--remote]
 *   npm run staff -- list [--remote]
 *
 * The password is asked for twice without echo on a terminal; otherwise (or with
 * `--password-stdin`) it is read from standard input, e.g. `printf %s "$PW" | npm run staff -- ...`.
 * Locally the database is reached through wrangler's getPlatformProxy (run `npm run db:setup`
 * first). With `--remote` the password is hashed here, with the Worker's own module, and the
 * SQL goes through `wrangler d1 execute DB --remote`: the plain password never leaves this
 * machine. `--via-wrangler` takes that same path against the local database, to try it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import { checkNewPassword, hashPassword } from '../src/auth/password';
import { checkNewStaff, createStaff, disableStaff, listStaff, resetPassword, type Staff, type StaffRole } from '../src/db/staff';

const ROOT = join(import.meta.dirname, '..');
const USAGE = `usage:
  npm run staff -- create --login <name> --name "<display name>" --role admin|staff [--password-stdin] [--remote]
  npm run staff -- password --login <name> [--password-stdin] [--remote]
  npm run staff -- disable --login <name> [--remote]
  npm run staff -- list [--remote]`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values: options, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        login: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        remote: { type: 'boolean', default: false },
        'via-wrangler': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
const command = positionals[0];
if (options.help || !command) fail(USAGE);
if (!['create', 'password', 'disable', 'list'].includes(command)) fail(`unknown command ${command}\n${USAGE}`);

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    // Raw mode before the prompt: whatever is typed once the prompt shows is never echoed.
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    process.stderr.write(question);
    stdin.on('data', onData);
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // `echo pw |` adds one line break that is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** The new password: prompted twice on a terminal, otherwise read from standard input. */
async function readNewPassword(): Promise<string> {
  let password: string;
  if (!options['password-stdin'] && process.stdin.isTTY) {
    password = await promptHidden('Password (at least 10 characters): ');
    if ((await promptHidden('Repeat the password: ')) !== password) fail('the passwords differ; nothing was changed');
  } else {
    password = await readStdin();
  }
  const check = checkNewPassword(password);
  if (!check.ok) fail(`${check.message}; nothing was changed`);
  return password;
}

function requireLogin(): string {
  if (!options.login) fail(`--login is required\n${USAGE}`);
  return options.login;
}

// ---- the deployed database, through wrangler d1 execute ----

/** A SQL string literal. Only values checked by checkNewStaff (no control characters) or Base64 hashes reach it. */
function sql(value: string | number): string {
  if (typeof value === 'number') return String(Math.trunc(value));
  if (value.includes('\u0000')) throw new Error('NUL in a SQL value');
  return `'${value.replace(/'/g, "''")}'`;
}

/** Runs SQL with wrangler and returns each statement's rows. */
function d1(command: string): Array<Record<string, unknown>[]> {
  const where = options.remote ? '--remote' : '--local';
  // No shell: the SQL is one argument, so nothing in it is interpreted by anything but SQLite.
  const result = spawnSync('npx', ['wrangler', 'd1', 'execute', 'DB', where, '--json', `--command=${command}`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) fail(`wrangler d1 execute failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  try {
    const parsed = JSON.parse(result.stdout) as Array<{ results: Record<string, unknown>[] }>;
    return parsed.map((statement) => statement.results);
  } catch {
    return fail(`unexpected output from wrangler:\n${result.stdout}`);
  }
}

const viaWrangler = options.remote || options['via-wrangler'];

function printStaff(staff: Array<Pick<Staff, 'id' | 'login' | 'displayName' | 'role' | 'disabled'>>): void {
  if (staff.length === 0) return console.log('no staff accounts yet');
  console.table(staff.map((s) => ({ id: s.id, login: s.login, name: s.displayName, role: s.role, status: s.disabled ? 'disabled' : 'active' })));
}

async function main(): Promise<void> {
  const now = Date.now();
  let db: D1Database | undefined;
  let dispose: (() => Promise<void>) | undefined;
  if (!viaWrangler) {
    const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml') });
    db = proxy.env.DB;
    dispose = () => proxy.dispose();
  }
  try {
    switch (command) {
      case 'create': {
        const account = { login: requireLogin(), displayName: options.name ?? '', role: options.role ?? '' };
        const problem = checkNewStaff(account);
        if (problem) fail(`${problem}\n${USAGE}`);
        const role = account.role as StaffRole;
        const passwordHash = await hashPassword(await readNewPassword());
        let created: boolean;
        if (db) {
          created = (await createStaff(db, { login: account.login, displayName: account.displayName, role, passwordHash }, now)) !== undefined;
        } else {
          const [rows] = d1(
            `INSERT INTO staff (login, display_name, role, password_hash, created_at, updated_at) VALUES (${sql(account.login)}, ${sql(account.displayName.trim())}, ${sql(role)}, ${sql(passwordHash)}, ${sql(now)}, ${sql(now)}) ON CONFLICT (login) DO NOTHING RETURNING id`,
          );
          created = rows.length > 0;
        }
        if (!created) fail(`a staff account named ${account.login} already exists; nothing was changed`);
        console.log(`created ${role} account ${account.login} (${account.displayName.trim()})${options.remote ? ' in the deployed database' : ''}`);
        break;
      }
      case 'password': {
        const login = requireLogin();
        const passwordHash = await hashPassword(await readNewPassword());
        let changed: boolean;
        if (db) changed = await resetPassword(db, login, passwordHash, now);
        else {
          const [rows] = d1(
            `UPDATE staff SET password_hash = ${sql(passwordHash)}, updated_at = ${sql(now)} WHERE login = ${sql(login)} RETURNING id; DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM staff WHERE login = ${sql(login)});`,
          );
          changed = rows.length > 0;
        }
        if (!changed) fail(`no staff account named ${login}`);
        console.log(`new password set for ${login}; their sessions were ended`);
        break;
      }
      case 'disable': {
        const login = requireLogin();
        let changed: boolean;
        if (db) changed = await disableStaff(db, login, now);
        else {
          const [rows] = d1(
            `UPDATE staff SET disabled = 1, updated_at = ${sql(now)} WHERE login = ${sql(login)} RETURNING id; DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM staff WHERE login = ${sql(login)});`,
          );
          changed = rows.length > 0;
        }
        if (!changed) fail(`no staff account named ${login}`);
        console.log(`disabled ${login} and ended their sessions`);
        break;
      }
      case 'list': {
        if (db) printStaff(await listStaff(db));
        else {
          const [rows] = d1('SELECT id, login, display_name, role, disabled FROM staff ORDER BY disabled, login');
          printStaff(rows.map((r) => ({ id: Number(r.id), login: String(r.login), displayName: String(r.display_name), role: r.role as StaffRole, disabled: r.disabled === 1 })));
        }
        break;
      }
      default:
        fail(`unknown command ${command}\n${USAGE}`);
    }
  } catch (error) {
    if (/no such table: staff/.test(String(error))) fail('the staff table does not exist yet: run `npm run db:setup` first');
    throw error;
  } finally {
    await dispose?.();
  }
}

await main();
