// Browser entry of the Postgres worker. Started with the name `eager` (the first start of a
// page), it begins fetching and starting PGlite before the app has even asked, so the
// engine loads while the page is still being built.

import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import type { PGliteOptions } from '@electric-sql/pglite';
import { PgliteEngine } from './pglite';
import { serve, type EngineStarter, type StartArgs } from './worker-core';
import { workerName, workerPort } from './worker-port';
import type { StartupProgress } from './types';

interface Manifest {
  pgliteVersion: string;
  file: string;
}

/** The data dir prepared at build time, or undefined (missing or made by another PGlite). */
async function preparedDataDir(): Promise<Blob | undefined> {
  try {
    const base = import.meta.env.BASE_URL;
    const manifestResponse = await fetch(`${base}pgdata/manifest.json`);
    if (!manifestResponse.ok) return undefined;
    const manifest = (await manifestResponse.json()) as Manifest;
    if (manifest.pgliteVersion !== __PGLITE_VERSION__) return undefined;
    const response = await fetch(`${base}pgdata/${manifest.file}`);
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

let progress: (p: StartupProgress) => void = () => undefined;

async function startFresh(args: StartArgs): Promise<PgliteEngine> {
  progress({ phase: 'fetching', message: 'Loading PostgreSQL…' });
  const [dataDir, pglite] = await Promise.all([
    args.snapshot ? Promise.resolve(undefined) : preparedDataDir(),
    pgliteOptions(),
  ]);
  progress({
    phase: 'starting',
    message: args.snapshot ? 'Restoring the database…' : 'Starting PostgreSQL…',
  });
  return PgliteEngine.start({
    ...(args.snapshot ? { snapshot: args.snapshot } : {}),
    ...(dataDir ? { dataDir } : {}),
    extensions: args.extensions ?? [],
    pglite,
  });
}

const eager = workerName() === 'eager' ? startFresh({ engine: 'postgres' }) : undefined;
eager?.catch(() => undefined);

const starter: EngineStarter = (args, report) => {
  progress = report;
  const plain = !args.snapshot && (args.extensions ?? []).length === 0;
  return plain && eager ? eager : startFresh(args);
};

serve(workerPort, starter);
