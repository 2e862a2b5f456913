import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**', 'test/e2e/**'],
          environment: 'node',
        },
      },
      './vitest.workers.config.ts',
      {
        // The console in Debian's Chromium against the real product (wrangler dev + the LINE
        // emulator); see test/e2e/support/stack.ts. One file at a time: each starts its own bot.
        // After the other projects (groupOrder 1), so a browser and a bot do not compete with
        // the timing-sensitive unit tests for the CPU.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
