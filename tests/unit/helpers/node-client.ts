// EngineClient on real Node worker threads, so cancel and restore run the code path the
// browser uses: terminate the worker, start a fresh one, restore the state.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { EngineClient, type WorkerHandle } from '../../../src/engine/client';
import type { EngineId } from '../../../src/engine/types';
import type { WorkerEvent } from '../../../src/engine/worker-core';
import { PGDATA_DIR } from './pg';

export const NODE_WORKER = join(import.meta.dirname, '../../../.cache/node-worker/node-worker.mjs');

export function nodeWorker(): WorkerHandle {
  const worker = new Worker(NODE_WORKER, { workerData: { pgdataDir: PGDATA_DIR } });
  return {
    post: (message) => worker.postMessage(message),
    onEvent: (handler) => worker.on('message', (e: WorkerEvent) => handler(e)),
    onFailure: (handler) => worker.on('error', (e: Error) => handler(e.message)),
    terminate: () => void worker.terminate(),
  };
}

export function nodeClient(engine: EngineId): EngineClient {
  return new EngineClient(engine, () => nodeWorker());
}
