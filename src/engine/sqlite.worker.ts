// Browser entry of the SQLite worker. The page may create this worker ahead of use: it then
// waits, with nothing loaded, for the client's first request. From there it starts
// downloading and compiling SQLite's WebAssembly before the adapter's JavaScript is even
// loaded, so the engine is ready sooner.
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { SqlJsConfig } from 'sql.js';
import { firstRequest, workerPort } from './worker-port';

await firstRequest();

const compiled = WebAssembly.compileStreaming(fetch(sqlWasmUrl));
compiled.catch(() => undefined);

const { SqljsEngine, serve } = await import('./sqlite-worker-main');

/** Emscripten's hook to instantiate from our precompiled module instead of fetching again. */
type InstantiateWasm = (
  imports: WebAssembly.Imports,
  done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
) => object;

/** Uses the precompiled module when it compiled; otherwise sql.js fetches the file itself. */
async function sqlJsConfig(): Promise<SqlJsConfig & { instantiateWasm?: InstantiateWasm }> {
  const module = await compiled.catch(() => null);
  if (!module) return { locateFile: () => sqlWasmUrl };
  return {
    locateFile: () => sqlWasmUrl,
    instantiateWasm: (imports, done) => {
      WebAssembly.instantiate(module, imports).then(
        (instance) => done(instance, module),
        (error: unknown) => {
          // Thrown outside the promise so the worker's error event tells the page.
          setTimeout(() => {
            throw error instanceof Error ? error : new Error(String(error));
          });
        },
      );
      return {};
    },
  };
}

serve(workerPort, async (args, report) => {
  report({ phase: 'starting', message: 'Starting SQLite…' });
  return SqljsEngine.start({
    ...(args.snapshot ? { snapshot: args.snapshot } : {}),
    sqlJs: await sqlJsConfig(),
  });
});
