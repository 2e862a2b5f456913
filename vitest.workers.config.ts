import { createServer } from 'node:net';
import { join } from 'node:path';
import { defineWorkersProject, readD1Migrations } from '@cloudflare/vitest-pool-workers/config';

/** A port nobody is listening on, so two test runs on one machine do not collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default defineWorkersProject(async () => {
  const migrations = await readD1Migrations(join(import.meta.dirname, 'src/db/migrations'));
  // The emulator the Worker under test talks to; test/worker/global-setup.ts starts it on this port.
  process.env.TEST_EMULATOR_PORT ||= String(await freePort());
  const TEST_EMULATOR_PORT = Number(process.env.TEST_EMULATOR_PORT);
  return {
    test: {
      name: 'workers',
      include: ['test/worker/**/*.test.ts'],
      globalSetup: ['test/worker/global-setup.ts'],
      setupFiles: ['test/worker/apply-migrations.ts'],
      testTimeout: 20_000,
      poolOptions: {
        workers: {
          // One runtime and shared storage: the Durable Object's background work outlives a
          // single test, which isolated per-test storage does not allow.
          singleWorker: true,
          isolatedStorage: false,
          main: './src/index.ts',
          wrangler: { configPath: './wrangler.toml' },
          miniflare: {
            bindings: {
              TEST_MIGRATIONS: migrations,
              TEST_EMULATOR: `http://127.0.0.1:${TEST_EMULATOR_PORT}`,
              LINE_CHANNEL_SECRET: 'test-channel-secret',
              LINE_CHANNEL_ACCESS_TOKEN: 'test-channel-access-token',
              ADMIN_API_TOKEN: 'test-admin-token',
              LINE_API_BASE: `http://127.0.0.1:${TEST_EMULATOR_PORT}`,
              LINE_DATA_API_BASE: `http://127.0.0.1:${TEST_EMULATOR_PORT}`,
            },
          },
        },
      },
    },
  };
});
