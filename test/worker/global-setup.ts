/**
 * Starts the LINE emulator for the Workers tests. Its webhooks are not POSTed anywhere: they
 * are captured, and the tests hand them (raw body and signature) to the Worker themselves,
 * so each test can wait for the Worker's background work to finish.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { TestProject } from 'vitest/node';
import { createEmulator } from '../../tools/line-emulator/create-emulator';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The port vitest.workers.config.ts chose and bound into the Worker's LINE_API_BASE.
  const workers = (project.config.poolOptions as { workers?: { miniflare?: { bindings?: Record<string, string> } } } | undefined)?.workers;
  const port = Number(new URL(workers?.miniflare?.bindings?.TEST_EMULATOR ?? 'http://127.0.0.1:0').port);
  const captured: Array<{ body: string; signature: string }> = [];
  const { app: emulator } = createEmulator({
    channelSecret: 'test-channel-secret',
    channelAccessToken: 'test-channel-access-token',
    webhookUrl: 'http://capture.invalid/webhook',
    fetch: async (_input, init) => {
      const headers = new Headers(init?.headers);
      captured.push({ body: String(init?.body), signature: headers.get('x-line-signature') ?? '' });
      return new Response('{}', { status: 200 });
    },
  });
  const app = new Hono();
  app.get('/_test/webhooks', (c) => c.json({ webhooks: captured.splice(0) }));
  app.route('/', emulator);
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return () => new Promise((resolve) => server.close(() => resolve()));
}
