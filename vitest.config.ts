import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __PGLITE_VERSION__: JSON.stringify('test'), __PGDATA_FILE__: JSON.stringify('') },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/unit/global-setup.ts'],
  },
});
