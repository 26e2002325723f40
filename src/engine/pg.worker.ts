// Browser entry of the Postgres worker. Started with the name `eager` (the first start of a
// page), it begins downloading PGlite's WebAssembly, file bundle and the prepared data dir
// before PGlite's own JavaScript (~500 KB) is even parsed, then starts the engine before
// the app has asked.

import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import type { PGliteOptions } from '@electric-sql/pglite';
import type { EngineStarter, StartArgs } from './worker-core';
import type { PgliteEngine } from './pglite';
import type { StartupProgress } from './types';
import { workerName, workerPort } from './worker-port';

interface Manifest {
  pgliteVersion: string;
  file: string;
}

/** The data dir prepared at build time, or undefined (missing or made by another PGlite). */
async function preparedDataDir(): Promise<Blob | undefined> {
  try {
    const base = import.meta.env.BASE_URL;
    // The build knows the file name; the manifest is only asked when it did not.
    let file = __PGDATA_FILE__;
    if (!file) {
      const manifestResponse = await fetch(`${base}pgdata/manifest.json`);
      if (!manifestResponse.ok) return undefined;
      const manifest = (await manifestResponse.json()) as Manifest;
      if (manifest.pgliteVersion !== __PGLITE_VERSION__) return undefined;
      file = manifest.file;
    }
    const response = await fetch(`${base}pgdata/${file}`);
    return response.ok ? await response.blob() : undefined;
  } catch {
    return undefined;
  }
}

/** PGlite's WebAssembly module and file bundle, fetched in parallel with the data dir. */
let pgliteFiles: Promise<Partial<PGliteOptions>> | undefined;
function pgliteOptions(): Promise<Partial<PGliteOptions>> {
  pgliteFiles ??= Promise.all([
    WebAssembly.compileStreaming(fetch(pgliteWasmUrl)),
    fetch(pgliteDataUrl).then((r) => r.blob()),
  ]).then(([pgliteWasmModule, fsBundle]) => ({ pgliteWasmModule, fsBundle }));
  return pgliteFiles;
}

const eagerStart = workerName() === 'eager';
const eagerDataDir = eagerStart ? preparedDataDir() : undefined;
if (eagerStart) void pgliteOptions().catch(() => undefined);

const [{ PgliteEngine: Engine }, { serve }] = await Promise.all([
  import('./pglite'),
  import('./worker-core'),
]);

let progress: (p: StartupProgress) => void = () => undefined;

async function startFresh(
  args: StartArgs,
  dataDir?: Promise<Blob | undefined>,
): Promise<PgliteEngine> {
  progress({ phase: 'fetching', message: 'Loading PostgreSQL…' });
  const [prepared, pglite] = await Promise.all([
    args.snapshot ? Promise.resolve(undefined) : (dataDir ?? preparedDataDir()),
    pgliteOptions(),
  ]);
  progress({
    phase: 'starting',
    message: args.snapshot ? 'Restoring the database…' : 'Starting PostgreSQL…',
  });
  return Engine.start({
    ...(args.snapshot ? { snapshot: args.snapshot } : {}),
    ...(prepared ? { dataDir: prepared } : {}),
    extensions: args.extensions ?? [],
    pglite,
  });
}

const eager = eagerStart ? startFresh({ engine: 'postgres' }, eagerDataDir) : undefined;
eager?.catch(() => undefined);

const starter: EngineStarter = (args, report) => {
  progress = report;
  const plain = !args.snapshot && (args.extensions ?? []).length === 0;
  return plain && eager ? eager : startFresh(args);
};

serve(workerPort, starter);
