// The run loop both adapters share: choose the statements to run, run them one by one,
// time them, skip meta-commands with an explanation, and stop at the first error when
// asked. The adapters only know how to execute one statement on their engine.

import { firstLine, splitScript, type Dialect, type Segment } from './split';
import { explainMeta } from './meta';
import type {
  EngineError,
  EngineNotice,
  RunRequest,
  RunResult,
  StatementListener,
  StatementResult,
} from './types';
import { positionAt } from './position';
import { tokenize } from './lexer';

/** What executing one statement produced, before the runner adds position and timing. */
export type Outcome = Pick<
  StatementResult,
  'status' | 'command' | 'columns' | 'rows' | 'rowCount' | 'truncated' | 'rowsAffected' | 'notices'
> & {
  error?: EngineError;
  /** Where the error is, as an offset into the statement's text, when the engine says. */
  errorOffset?: number;
  /** Whether the statement may have changed the database. */
  mutates: boolean;
};

/** The part of an adapter the runner needs. */
export interface StatementExecutor {
  readonly dialect: Dialect;
  /** Executes one statement; throws only when the engine itself died (EngineCrashedError). */
  execute(segment: Segment, script: string): Promise<Outcome>;
  inTransaction(): boolean;
}

/** Thrown when the engine cannot go on (WASM trap, out of memory): the caller restarts it. */
export class EngineCrashedError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EngineCrashedError';
  }
}

/** The statements a request covers: the whole script, or those inside its range. */
export function segmentsFor(request: RunRequest, dialect: Dialect): Segment[] {
  const { script, range } = request;
  if (!range) return splitScript(script, dialect);
  const shift = (s: Segment): Segment => ({
    ...s,
    from: s.from + range.from,
    to: s.to + range.from,
    end: s.end + range.from,
    copyData: s.copyData && {
      ...s.copyData,
      from: s.copyData.from + range.from,
      to: s.copyData.to + range.from,
    },
  });
  return splitScript(script.slice(range.from, range.to), dialect).map(shift);
}

export function emptyOutcome(
  status: Outcome['status'],
  command: string,
  notices: EngineNotice[] = [],
): Outcome {
  return {
    status,
    command,
    columns: [],
    rows: [],
    rowCount: 0,
    truncated: false,
    rowsAffected: null,
    notices,
    mutates: false,
  };
}

/** Runs the statements of `request` on `executor`, reporting each result as it completes. */
export async function runScript(
  executor: StatementExecutor,
  request: RunRequest,
  onStatement?: StatementListener,
): Promise<RunResult> {
  const started = performance.now();
  const segments = segmentsFor(request, executor.dialect);
  const results: StatementResult[] = [];
  let changed = false;
  let notRun = 0;
  for (const [index, segment] of segments.entries()) {
    const t0 = performance.now();
    const outcome =
      segment.kind === 'meta'
        ? emptyOutcome('skipped', 'META', [
            { severity: 'NOTICE', message: explainMeta(segment.text, executor.dialect) },
          ])
        : await executor.execute(segment, request.script);
    const { errorOffset, ...rest } = outcome;
    const result: StatementResult = {
      index,
      range: { from: segment.from, to: segment.to },
      sql: segment.text,
      firstLine: firstLine(segment.text),
      durationMs: performance.now() - t0,
      ...rest,
    };
    if (result.error)
      locateError(result.error, segment, errorOffset, request.script, executor.dialect);
    changed ||= outcome.mutates && outcome.status === 'ok';
    results.push(result);
    onStatement?.(result);
    if (outcome.status === 'error' && request.stopOnError) {
      notRun = segments.length - index - 1;
      break;
    }
  }
  return {
    results,
    changed,
    notRun,
    inTransaction: executor.inTransaction(),
    totalMs: performance.now() - started,
  };
}

/**
 * Puts an error at its place in the whole script: the token at the engine's position, or
 * the whole statement when the engine gave none.
 */
function locateError(
  error: EngineError,
  segment: Segment,
  offsetInStatement: number | undefined,
  script: string,
  dialect: Dialect,
): void {
  if (error.position) return;
  if (offsetInStatement === undefined) {
    error.position = positionAt(script, segment.from);
    error.range = { from: segment.from, to: segment.to };
    return;
  }
  const offset = segment.from + offsetInStatement;
  error.position = positionAt(script, offset);
  const token = tokenize(segment.text, dialect).find(
    (t) => t.from <= offsetInStatement && offsetInStatement < t.to && t.type !== 'space',
  );
  error.range = token
    ? { from: segment.from + token.from, to: segment.from + token.to }
    : { from: offset, to: Math.min(offset + 1, segment.to) };
}
