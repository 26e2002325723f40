// Runs once before the unit tests: prepares the Postgres data directory (so each test can
// start PGlite from it in ~1 s instead of running initdb) and bundles the engine worker
// for Node worker threads.
import { build } from 'vite';
import { join } from 'node:path';
// @ts-expect-error -- plain ESM build script without type declarations
import { makePgData } from '../../scripts/make-pgdata.mjs';

const root = join(import.meta.dirname, '../..');

export default async function setup(): Promise<void> {
  await (makePgData as () => Promise<unknown>)();
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    define: { __PGLITE_VERSION__: JSON.stringify('test') },
    build: {
      ssr: join(root, 'tests/unit/helpers/node-worker.ts'),
      outDir: join(root, '.cache/node-worker'),
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'node-worker.mjs', format: 'es' } },
    },
  });
}
