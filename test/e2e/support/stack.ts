/**
 * The real product for one test file: the LINE emulator and `wrangler dev` (the Worker with
 * D1, the Durable Objects and the static assets) on free ports, over a private copy of the
 * prepared state. Nothing is shared with `npm start` or with another test file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../tools/line-emulator/main';
import { ROOT } from './constants';

export interface Stack {
  /** The Worker, e.g. http://127.0.0.1:41234 (the console is at /console). */
  botUrl: string;
  emulator: RunningEmulator;
  /** What wrangler printed (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

/** A port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
}

/** Starts the emulator and the Worker on a copy of `template` (see global-setup.ts). */
export async function startStack(template: string): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'yorisoi-e2e-'));
  const state = join(dir, 'state');
  cpSync(template, state, { recursive: true });
  const [botPort, inspectorPort] = [await freePort(), await freePort()];
  const botUrl = `http://127.0.0.1:${botPort}`;
  const emulator = await startEmulator({ port: 0, webhookUrl: `${botUrl}/webhook` });

  const output: string[] = [];
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '--ip', '127.0.0.1',
      '--port', String(botPort),
      '--inspector-port', String(inspectorPort),
      '--persist-to', state,
      // The Worker talks to this emulator, not to the one `npm start` uses (.dev.vars).
      '--var', `LINE_API_BASE:${emulator.url}`,
      '--var', `LINE_DATA_API_BASE:${emulator.url}`,
      '--show-interactive-dev-session=false',
    ],
    {
      cwd: ROOT,
      // Its own process group, so stop() ends wrangler and the workerd it started, and nothing else.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', WRANGLER_REGISTRY_PATH: join(dir, 'registry'), FORCE_COLOR: '0' },
    },
  );
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const log = () => output.join('');

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    await emulator.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(`${botUrl}/`, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { botUrl, emulator, log, stop };
}
