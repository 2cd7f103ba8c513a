import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'tests/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'renderer/src/**/*.test.tsx',
      'studio/src/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**'],
    // A throwaway PostgreSQL for the server suite where one is installed (tests/server).
    globalSetup: ['tests/server/postgres-setup.ts'],
    // A 2-core machine running Chromium, Vite and CLI subprocesses side by side is slow at
    // times; these are limits against hangs, not speed checks (benchmarks measure speed).
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
