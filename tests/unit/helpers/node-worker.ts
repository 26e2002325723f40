// Node entry of the engine worker for unit tests: the same worker-core as the browser's
// entries, on a worker thread. global-setup bundles it to .cache/node-worker/.
import { parentPort, workerData } from 'node:worker_threads';
import { serve, type WorkerRequest } from '../../../src/engine/worker-core';
import { PgliteEngine } from '../../../src/engine/pglite';
import { SqljsEngine } from '../../../src/engine/sqljs';
import { preparedDataDir } from './pg';

const port = parentPort;
if (!port) throw new Error('node-worker must run in a worker thread');
const { pgdataDir } = workerData as { pgdataDir: string };

serve(
  {
    postMessage: (message, transfer = []) => port.postMessage(message, transfer as never),
    onMessage: (handler) => port.on('message', (m: WorkerRequest) => handler(m)),
  },
  async (args) =>
    args.engine === 'postgres'
      ? PgliteEngine.start({
          ...(args.snapshot
            ? { snapshot: args.snapshot }
            : { dataDir: preparedDataDir(pgdataDir) }),
          extensions: args.extensions ?? [],
        })
      : SqljsEngine.start(args.snapshot ? { snapshot: args.snapshot } : {}),
);
