// Browser entry of the SQLite worker.
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { SqljsEngine } from './sqljs';
import { serve } from './worker-core';
import { workerPort } from './worker-port';

serve(workerPort, async (args, report) => {
  report({ phase: 'starting', message: 'Starting SQLite…' });
  return SqljsEngine.start({
    ...(args.snapshot ? { snapshot: args.snapshot } : {}),
    sqlJs: { locateFile: () => sqlWasmUrl },
  });
});
