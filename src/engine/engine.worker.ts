// Browser entry of an engine worker: serves the engine API over postMessage and fetches the
// heavy files in parallel so that Postgres starts from the prepared data directory.

import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import { serve, type EngineAssets, type WorkerEvent, type WorkerRequest } from './worker-core';

interface Manifest {
  pgliteVersion: string;
  file: string;
}

const base = import.meta.env.BASE_URL;

const assets: EngineAssets = {
  async pgDataDir(report) {
    report({ phase: 'fetching', message: 'Loading the PostgreSQL database files…' });
    try {
      const manifestResponse = await fetch(`${base}pgdata/manifest.json`);
      if (!manifestResponse.ok) return undefined;
      const manifest = (await manifestResponse.json()) as Manifest;
      // A data dir made by another PGlite version cannot be trusted: run initdb instead.
      if (manifest.pgliteVersion !== __PGLITE_VERSION__) return undefined;
      const response = await fetch(`${base}pgdata/${manifest.file}`);
      return response.ok ? await response.blob() : undefined;
    } catch {
      return undefined;
    }
  },
  async pgliteOptions() {
    const [pgliteWasmModule, fsBundle] = await Promise.all([
      WebAssembly.compileStreaming(fetch(pgliteWasmUrl)),
      fetch(pgliteDataUrl).then((r) => r.blob()),
    ]);
    return { pgliteWasmModule, fsBundle };
  },
  sqlJsConfig() {
    return { locateFile: () => sqlWasmUrl };
  },
};

const scope = self as unknown as {
  postMessage(message: WorkerEvent, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};

serve(
  {
    postMessage: (message, transfer = []) => scope.postMessage(message, transfer),
    onMessage: (handler) => {
      scope.onmessage = (event) => handler(event.data);
    },
  },
  assets,
);
