/**
 * Runs the LINE platform emulator on Node.
 * Usage: npx tsx tools/line-emulator/main.ts   (EMULATOR_PORT, BOT_WEBHOOK_URL,
 * LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN; the last two fall back to .dev.vars)
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createEmulator, type EmulatorOptions, type EmulatorState } from './create-emulator';
import { DEFAULT_WEBHOOK_URL } from './emulator-state';

/** The port used when EMULATOR_PORT is not set. */
export const DEFAULT_EMULATOR_PORT = 8788;

// The committed development credentials; the same values the lead puts in .dev.vars.
const DEV_DEFAULTS = {
  LINE_CHANNEL_SECRET: 'dev-channel-secret-0123456789abcdef',
  LINE_CHANNEL_ACCESS_TOKEN: 'dev-channel-access-token',
};

/** Options for {@link startEmulator}; channel credentials default to the development ones. */
export interface StartEmulatorOptions extends Partial<EmulatorOptions> {
  /** 0 picks a free port. */
  port?: number;
  hostname?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  url: string;
  state: EmulatorState;
  close(): Promise<void>;
}

/** Parses KEY=VALUE lines (as in wrangler's .dev.vars); quotes around values are removed. */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    vars[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}

/** Channel credentials: environment first, then /work/main/.dev.vars, then the development defaults. */
export function loadCredentials(env: NodeJS.ProcessEnv = process.env): { channelSecret: string; channelAccessToken: string } {
  const devVarsUrl = new URL('../../.dev.vars', import.meta.url);
  const devVars = existsSync(devVarsUrl) ? parseDevVars(readFileSync(devVarsUrl, 'utf8')) : {};
  const pick = (key: keyof typeof DEV_DEFAULTS) => env[key] || devVars[key] || DEV_DEFAULTS[key];
  return { channelSecret: pick('LINE_CHANNEL_SECRET'), channelAccessToken: pick('LINE_CHANNEL_ACCESS_TOKEN') };
}

/** Starts an emulator HTTP server (e.g. from a vitest globalSetup) and resolves once it listens. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = DEFAULT_EMULATOR_PORT, hostname = '127.0.0.1', ...emulatorOptions } = options;
  const { app, state } = createEmulator({ ...loadCredentials(), ...stripUndefined(emulatorOptions) });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        state,
        close: () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
    server.once('error', reject);
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function main(): Promise<void> {
  const running = await startEmulator({
    port: Number(process.env.EMULATOR_PORT) || DEFAULT_EMULATOR_PORT,
    webhookUrl: process.env.BOT_WEBHOOK_URL || DEFAULT_WEBHOOK_URL,
  });
  console.log(`LINE emulator on ${running.url} (chat page: ${running.url}/)`);
  console.log(`  Messaging API base: ${running.url}  webhooks -> ${running.state.options.webhookUrl}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
