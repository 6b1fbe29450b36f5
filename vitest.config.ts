import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'subgraphs/**/*.test.ts', 'gateway/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    globalSetup: ['test/helpers/build-web.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Polls wait for a browser or a relay to catch up: on a loaded 2-core CI machine 1 s (the default) is too short.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    reporters: ['default'],
  },
});
