/**
 * `npm start`: sets up the local D1 (migrations + knowledge), then runs the bot (wrangler dev,
 * http://127.0.0.1:8787) and the LINE emulator (http://127.0.0.1:8788) until Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BOT_PORT = process.env.BOT_PORT ?? '8787';
const EMULATOR_PORT = process.env.EMULATOR_PORT ?? '8788';

const setup = spawnSync('npx', ['tsx', 'tools/db-setup.ts'], { cwd: ROOT, stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);

const children: ChildProcess[] = [
  spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', BOT_PORT, '--show-interactive-dev-session=false'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, LINE_API_BASE: `http://127.0.0.1:${EMULATOR_PORT}` },
  }),
  spawn('npx', ['tsx', 'tools/line-emulator/main.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, EMULATOR_PORT, BOT_WEBHOOK_URL: `http://127.0.0.1:${BOT_PORT}/webhook` },
  }),
];

async function waitFor(url: string, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  return false;
}

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => {
  if (code) console.error(`a process exited with ${code}; stopping`);
  stop();
  process.exitCode = code ?? 0;
});

const [bot, emulator] = await Promise.all([waitFor(`http://127.0.0.1:${BOT_PORT}/`), waitFor(`http://127.0.0.1:${EMULATOR_PORT}/`)]);
console.log(`
  Yorisoi bot (webhook):  http://127.0.0.1:${BOT_PORT}/webhook ${bot ? '' : '(not answering yet)'}
  LINE emulator (chat):   http://127.0.0.1:${EMULATOR_PORT} ${emulator ? '' : '(not answering yet)'}
  Ctrl-C stops both.
`);
