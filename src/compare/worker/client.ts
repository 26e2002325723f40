// The page's side of the compare worker: promise-returning calls, one worker for the page,
// and the same work done in-thread (in slices) where a worker cannot start.

import type { AlignedRow, CompareScripts, Explanation, VariantBlock, VariantError } from '../index';
import type { EngineId, StatementResult } from '../../engine/types';
import { fromWire, type CompareReply, type CompareRequest } from './wire';

type Pending = { resolve: (reply: CompareReply) => void; reject: (error: Error) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<CompareRequest>;

/** Lets the browser handle input and paint before the next slice of work. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let worker: Worker | undefined;
let broken = false;
let counter = 0;
const pending = new Map<number, Pending>();

function start(): Worker | undefined {
  if (worker || broken || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('./compare.worker.ts', import.meta.url), {
      type: 'module',
      name: 'compare',
    });
  } catch {
    broken = true;
    return undefined;
  }
  worker.addEventListener('message', (e: MessageEvent<CompareReply>) => {
    pending.get(e.data.id)?.resolve(e.data);
    pending.delete(e.data.id);
  });
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    // A worker that fails to load fails every call; the in-thread path takes over.
    broken = true;
    worker?.terminate();
    worker = undefined;
    for (const p of pending.values()) p.reject(new Error(e.message || 'compare worker failed'));
    pending.clear();
  });
  return worker;
}

function call(request: Request): Promise<CompareReply> | undefined {
  const w = start();
  if (!w) return undefined;
  const id = ++counter;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ ...request, id } as CompareRequest);
  });
}

type Core = typeof import('../../compare');

/** Splits a compare script into the script each engine runs. */
export async function splitCompareScript(
  script: string,
  core: () => Promise<Core>,
): Promise<CompareScripts | VariantError> {
  const reply = await call({ type: 'split', script })?.catch(() => undefined);
  if (reply?.type === 'split') return reply.split;
  if (reply?.type === 'error') throw new Error(reply.message);
  return (await core()).splitVariants(script);
}

/** Aligns two runs and explains every difference. */
export async function compareRuns(
  results: Record<EngineId, readonly StatementResult[]>,
  blocks: readonly VariantBlock[],
  core: () => Promise<Core>,
): Promise<{ rows: AlignedRow[]; explanations: Explanation[] }> {
  const reply = await call({ type: 'compare', results, blocks })?.catch(() => undefined);
  if (reply?.type === 'compare') {
    return { rows: fromWire(reply.rows, results), explanations: reply.explanations };
  }
  if (reply?.type === 'error') throw new Error(reply.message);
  const { alignResults, explainDifferences } = await core();
  const rows = alignResults({ results, blocks });
  await nextTask();
  const explanations = explainDifferences(rows);
  await nextTask();
  return { rows, explanations };
}
