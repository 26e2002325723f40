// Reads `EXPLAIN (FORMAT JSON)` output, with or without ANALYZE, BUFFERS, VERBOSE or
// TIMING, into the plan model.

import { finishPlan } from './derive';
import { labelFromJson } from './labels';
import type { Buffers, PlanNodeDraft, SortSpace, TriggerTiming, WorkerStats } from './model';
import { emptyBuffers } from './model';
import { parseFailure, parseSuccess, type PlanParseResult } from './result';

type Json = Record<string, unknown>;

// Keys read into named fields; anything else a node reports is kept in `extra`.
const KNOWN_KEYS = new Set([
  'Node Type',
  'Parent Relationship',
  'Subplan Name',
  'Parallel Aware',
  'Async Capable',
  'Join Type',
  'Strategy',
  'Partial Mode',
  'Operation',
  'Command',
  'Scan Direction',
  'Custom Plan Provider',
  'Relation Name',
  'Schema',
  'Alias',
  'Index Name',
  'CTE Name',
  'Function Name',
  'Startup Cost',
  'Total Cost',
  'Plan Rows',
  'Plan Width',
  'Actual Startup Time',
  'Actual Total Time',
  'Actual Rows',
  'Actual Loops',
  'Filter',
  'Rows Removed by Filter',
  'Join Filter',
  'Rows Removed by Join Filter',
  'Index Cond',
  'Recheck Cond',
  'Rows Removed by Index Recheck',
  'Hash Cond',
  'Merge Cond',
  'One-Time Filter',
  'Sort Key',
  'Presorted Key',
  'Group Key',
  'Sort Method',
  'Sort Space Used',
  'Sort Space Type',
  'Hash Buckets',
  'Original Hash Buckets',
  'Hash Batches',
  'Original Hash Batches',
  'Peak Memory Usage',
  'HashAgg Batches',
  'Disk Usage',
  'Heap Fetches',
  'Exact Heap Blocks',
  'Lossy Heap Blocks',
  'Index Searches',
  'Workers Planned',
  'Workers Launched',
  'Workers',
  'Output',
  'Plans',
]);

const BUFFER_KEYS: Record<keyof Buffers, string> = {
  sharedHit: 'Shared Hit Blocks',
  sharedRead: 'Shared Read Blocks',
  sharedDirtied: 'Shared Dirtied Blocks',
  sharedWritten: 'Shared Written Blocks',
  localHit: 'Local Hit Blocks',
  localRead: 'Local Read Blocks',
  localDirtied: 'Local Dirtied Blocks',
  localWritten: 'Local Written Blocks',
  tempRead: 'Temp Read Blocks',
  tempWritten: 'Temp Written Blocks',
};
const BUFFER_KEY_NAMES = new Set(Object.values(BUFFER_KEYS));

/**
 * Reads Postgres JSON EXPLAIN output: the text, or the value already parsed (PGlite returns
 * the `QUERY PLAN` column parsed). `raw` is kept on the plan; it defaults to the input text.
 */
export function parsePostgresJson(input: unknown, raw?: string): PlanParseResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return parseFailure(`This looks like JSON but it is incomplete or malformed (${reason}).`);
    }
  }
  const top = findPlanObject(value);
  if (!top) {
    return parseFailure(
      'This JSON is not EXPLAIN output: it has no "Plan" object. Run EXPLAIN (FORMAT JSON) and paste all of it.',
    );
  }
  const rootJson = top['Plan'];
  if (!isObject(rootJson)) return parseFailure('The "Plan" entry of this JSON is not an object.');
  const root = readNode(rootJson);
  const planning = top['Planning'];
  const planningBuffers = isObject(planning) ? readBuffers(planning) : undefined;
  const extra: Record<string, string> = {};
  for (const key of ['Settings', 'JIT', 'Serialization', 'Query Identifier']) {
    if (top[key] !== undefined) extra[key] = asText(top[key]);
  }
  return parseSuccess(
    finishPlan({
      engine: 'postgres',
      format: 'json',
      root,
      hasBuffers: hasAnyBuffers(rootJson),
      planningTime: num(top, 'Planning Time'),
      executionTime: num(top, 'Execution Time') ?? num(top, 'Total Runtime'),
      planningBuffers,
      triggers: readTriggers(top['Triggers']),
      extra,
      raw: raw ?? (typeof input === 'string' ? input : JSON.stringify(input, null, 2)),
    }),
  );
}

// Accepts `[{ "Plan": … }]`, `{ "Plan": … }` and PGlite's row shape `[{ "QUERY PLAN": [ … ] }]`.
function findPlanObject(value: unknown): Json | undefined {
  if (Array.isArray(value)) return value.length > 0 ? findPlanObject(value[0]) : undefined;
  if (!isObject(value)) return undefined;
  if ('Plan' in value) return value;
  if ('QUERY PLAN' in value) return findPlanObject(value['QUERY PLAN']);
  return undefined;
}

function readNode(json: Json): PlanNodeDraft {
  const nodeType = str(json, 'Node Type') ?? 'Unknown';
  const parallelAware = json['Parallel Aware'] === true;
  const loops = num(json, 'Actual Loops');
  const children = Array.isArray(json['Plans']) ? json['Plans'].filter(isObject).map(readNode) : [];
  const sortSpaceKb = num(json, 'Sort Space Used');
  const sortSpaceType = str(json, 'Sort Space Type');
  const relation = str(json, 'Relation Name');
  return {
    nodeType,
    label: labelFromJson({
      nodeType,
      joinType: str(json, 'Join Type'),
      strategy: str(json, 'Strategy'),
      partialMode: str(json, 'Partial Mode'),
      operation: str(json, 'Operation'),
      command: str(json, 'Command'),
      scanDirection: str(json, 'Scan Direction'),
      parallelAware,
      asyncCapable: json['Async Capable'] === true,
      customProvider: str(json, 'Custom Plan Provider'),
    }),
    relation,
    schema: str(json, 'Schema'),
    alias: str(json, 'Alias'),
    indexName: str(json, 'Index Name'),
    cteName: str(json, 'CTE Name'),
    functionName: str(json, 'Function Name'),
    joinType: str(json, 'Join Type'),
    strategy: str(json, 'Strategy'),
    partialMode: str(json, 'Partial Mode'),
    operation: str(json, 'Operation') ?? str(json, 'Command'),
    scanDirection: str(json, 'Scan Direction'),
    parallelAware,
    parentRelationship: str(json, 'Parent Relationship'),
    subplanName: str(json, 'Subplan Name'),
    startupCost: num(json, 'Startup Cost'),
    totalCost: num(json, 'Total Cost'),
    estimatedRows: num(json, 'Plan Rows'),
    estimatedWidth: num(json, 'Plan Width'),
    actualStartupTime: num(json, 'Actual Startup Time'),
    actualTotalTime: num(json, 'Actual Total Time'),
    actualRows: num(json, 'Actual Rows'),
    actualLoops: loops,
    neverExecuted: loops === 0,
    buffers: hasOwnBuffers(json) ? readBuffers(json) : undefined,
    filter: str(json, 'Filter'),
    rowsRemovedByFilter: num(json, 'Rows Removed by Filter'),
    joinFilter: str(json, 'Join Filter'),
    rowsRemovedByJoinFilter: num(json, 'Rows Removed by Join Filter'),
    indexCond: str(json, 'Index Cond'),
    recheckCond: str(json, 'Recheck Cond'),
    rowsRemovedByIndexRecheck: num(json, 'Rows Removed by Index Recheck'),
    hashCond: str(json, 'Hash Cond'),
    mergeCond: str(json, 'Merge Cond'),
    oneTimeFilter: str(json, 'One-Time Filter'),
    sortKey: strList(json, 'Sort Key'),
    presortedKey: strList(json, 'Presorted Key'),
    groupKey: strList(json, 'Group Key'),
    sortMethod: str(json, 'Sort Method'),
    sortSpace: sortSpace(sortSpaceKb, sortSpaceType),
    hashBuckets: num(json, 'Hash Buckets'),
    originalHashBuckets: num(json, 'Original Hash Buckets'),
    hashBatches: num(json, 'Hash Batches') ?? num(json, 'HashAgg Batches'),
    originalHashBatches: num(json, 'Original Hash Batches'),
    peakMemoryKb: num(json, 'Peak Memory Usage'),
    diskUsageKb: num(json, 'Disk Usage'),
    heapFetches: num(json, 'Heap Fetches'),
    exactHeapBlocks: num(json, 'Exact Heap Blocks'),
    lossyHeapBlocks: num(json, 'Lossy Heap Blocks'),
    indexSearches: num(json, 'Index Searches'),
    workersPlanned: num(json, 'Workers Planned'),
    workersLaunched: num(json, 'Workers Launched'),
    workers: readWorkers(json['Workers']),
    output: strList(json, 'Output'),
    extra: readExtra(json),
    children,
  };
}

function sortSpace(kB: number | undefined, type: string | undefined): SortSpace | undefined {
  if (kB === undefined) return undefined;
  return { type: type === 'Disk' ? 'Disk' : 'Memory', kB };
}

function readWorkers(value: unknown): WorkerStats[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter(isObject).map((w) => {
    const extra: Record<string, string> = {};
    for (const [key, v] of Object.entries(w)) {
      if (!key.startsWith('Actual ') && !key.startsWith('Sort ') && key !== 'Worker Number') {
        extra[key] = asText(v);
      }
    }
    return {
      worker: num(w, 'Worker Number') ?? 0,
      actualStartupTime: num(w, 'Actual Startup Time'),
      actualTotalTime: num(w, 'Actual Total Time'),
      actualRows: num(w, 'Actual Rows'),
      actualLoops: num(w, 'Actual Loops'),
      sortMethod: str(w, 'Sort Method'),
      sortSpace: sortSpace(num(w, 'Sort Space Used'), str(w, 'Sort Space Type')),
      extra,
    };
  });
}

function readTriggers(value: unknown): TriggerTiming[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((t) => ({
    name: str(t, 'Trigger Name') ?? '',
    constraint: str(t, 'Constraint Name'),
    relation: str(t, 'Relation'),
    time: num(t, 'Time') ?? 0,
    calls: num(t, 'Calls') ?? 0,
  }));
}

// TEXT prints `Disabled` and `Single Copy` only when true, and `Subplans Removed` and
// `Planned Partitions` only when not 0; JSON always does. Dropping the defaults keeps both formats' `extra` alike.
function readExtra(json: Json): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(json)) {
    if (KNOWN_KEYS.has(key) || BUFFER_KEY_NAMES.has(key)) continue;
    const isDefault =
      ((key === 'Disabled' || key === 'Single Copy') && value === false) ||
      ((key === 'Subplans Removed' || key === 'Planned Partitions') && value === 0);
    if (isDefault) continue;
    extra[key] = asText(value);
  }
  return extra;
}

function readBuffers(json: Json): Buffers {
  const buffers: Record<keyof Buffers, number> = { ...emptyBuffers() };
  for (const [field, key] of Object.entries(BUFFER_KEYS) as [keyof Buffers, string][]) {
    buffers[field] = num(json, key) ?? 0;
  }
  return buffers;
}

function hasOwnBuffers(json: Json): boolean {
  return Object.keys(json).some((k) => BUFFER_KEY_NAMES.has(k));
}

function hasAnyBuffers(json: Json): boolean {
  if (hasOwnBuffers(json)) return true;
  const plans = json['Plans'];
  return Array.isArray(plans) && plans.some((p) => isObject(p) && hasAnyBuffers(p));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(json: Json, key: string): number | undefined {
  const v = json[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(json: Json, key: string): string | undefined {
  const v = json[key];
  return typeof v === 'string' ? v : undefined;
}

function strList(json: Json, key: string): string[] | undefined {
  const v = json[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.map(asText) : undefined;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
