// Node entry of the engine worker for unit tests: the same worker-core as the browser's
// engine.worker.ts, on a worker thread. global-setup bundles it to .cache/node-worker.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import { serve, type WorkerRequest } from '../../../src/engine/worker-core';
import { preparedDataDir } from './pg';

const port = parentPort;
if (!port) throw new Error('node-worker must run in a worker thread');

serve(
  {
    postMessage: (message, transfer = []) =>
      port.postMessage(message, transfer as never),
    onMessage: (handler) => port.on('message', (m: WorkerRequest) => handler(m)),
  },
  {
    pgDataDir: async () => preparedDataDir((workerData as { pgdataDir: string }).pgdataDir),
    pgliteOptions: async () => ({}),
    sqlJsConfig: () => undefined,
  },
);
