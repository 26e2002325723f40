// Real engine adapters for tests, started the fast way.
import { PgliteEngine } from '../../../src/engine/pglite';
import { SqljsEngine } from '../../../src/engine/sqljs';
import type { RunResult } from '../../../src/engine/types';
import { preparedDataDir } from './pg';

export function startPg(extensions: string[] = []): Promise<PgliteEngine> {
  return PgliteEngine.start({ dataDir: preparedDataDir(), extensions });
}

export function startSqlite(): Promise<SqljsEngine> {
  return SqljsEngine.start();
}

/** Runs a whole script, continuing after errors. */
export function runAll(
  engine: PgliteEngine | SqljsEngine,
  script: string,
  stopOnError = false,
): Promise<RunResult> {
  return engine.run({ script, stopOnError });
}
