// The engine-neutral query-plan model that the plan views read. Postgres (JSON or TEXT
// EXPLAIN) and SQLite (EXPLAIN QUERY PLAN) are both mapped into it by the parsers next to
// this file. Nodes are plain immutable data: derived values (ids, inclusive/exclusive
// time) are computed once by `finishPlan` in derive.ts, never patched in afterwards.

import type { EngineId } from '../types';

/** Where a plan came from: Postgres JSON, Postgres TEXT, or SQLite EXPLAIN QUERY PLAN. */
export type PlanSourceFormat = 'json' | 'text' | 'sqlite-eqp';

/** Block counts of one node (or of planning), as `BUFFERS` reports them; 1 block = 8 kB. */
export interface Buffers {
  readonly sharedHit: number;
  readonly sharedRead: number;
  readonly sharedDirtied: number;
  readonly sharedWritten: number;
  readonly localHit: number;
  readonly localRead: number;
  readonly localDirtied: number;
  readonly localWritten: number;
  readonly tempRead: number;
  readonly tempWritten: number;
}

/** Memory or disk a sort used, e.g. `Sort Method: external merge  Disk: 3392kB`. */
export interface SortSpace {
  readonly type: 'Memory' | 'Disk';
  readonly kB: number;
}

/** Per-worker figures of a parallel node (`Worker 0:  actual time=… rows=… loops=…`). */
export interface WorkerStats {
  readonly worker: number;
  readonly actualStartupTime?: number;
  readonly actualTotalTime?: number;
  readonly actualRows?: number;
  readonly actualLoops?: number;
  readonly sortMethod?: string;
  readonly sortSpace?: SortSpace;
  /** Anything else reported for this worker, keyed as Postgres names it. */
  readonly extra: Readonly<Record<string, string>>;
}

/** How SQLite reached a table in a `SCAN`/`SEARCH` row. */
export type SqliteAccess =
  | 'table'
  | 'index'
  | 'covering-index'
  | 'primary-key'
  | 'automatic-index'
  | 'automatic-partial-index';

/** What a SQLite EXPLAIN QUERY PLAN detail says, split into fields. */
export interface SqliteDetail {
  /** The table (or alias, CTE, subquery name) the row is about. */
  readonly table?: string;
  readonly access?: SqliteAccess;
  readonly index?: string;
  /** Columns of the search constraint, e.g. `['a', 'b']` for `(a=? AND b>?)`. */
  readonly columns?: readonly string[];
  /** The raw constraint text, e.g. `(a=? AND b>?)`. */
  readonly constraint?: string;
  /** For `USE TEMP B-TREE FOR …`: `ORDER BY`, `GROUP BY`, `DISTINCT`, `RIGHT PART OF ORDER BY`. */
  readonly tempBtreeFor?: string;
  /** Subquery number of `SCALAR SUBQUERY 1`, `LIST SUBQUERY 2`… */
  readonly subquery?: number;
  readonly correlated?: boolean;
}

/** One step of a query plan. Times are milliseconds, costs are planner units. */
export interface PlanNode {
  /** Position in a pre-order walk, from 0 at the root; stable for a given plan. */
  readonly id: number;
  /** The base kind: `Seq Scan`, `Hash Join`, `Aggregate`, or SQLite's `SCAN`, `SEARCH`… */
  readonly nodeType: string;
  /** The name as Postgres prints it in TEXT format (`Parallel Seq Scan`, `Hash Left Join`,
   *  `Partial HashAggregate`); the whole detail line for SQLite. */
  readonly label: string;
  readonly relation?: string;
  readonly alias?: string;
  readonly schema?: string;
  readonly indexName?: string;
  readonly cteName?: string;
  readonly functionName?: string;
  /** `Inner`, `Left`, `Full`, `Right`, `Semi`, `Anti`, `Right Semi`, `Right Anti`. */
  readonly joinType?: string;
  /** Aggregate/SetOp strategy: `Plain`, `Sorted`, `Hashed`, `Mixed`. */
  readonly strategy?: string;
  /** `Partial` or `Finalize` for two-phase (parallel) aggregates. */
  readonly partialMode?: string;
  /** ModifyTable operation (`Insert`, `Update`, `Delete`, `Merge`) or SetOp command. */
  readonly operation?: string;
  readonly scanDirection?: string;
  readonly parallelAware: boolean;
  /** How the parent uses this node: `Outer`, `Inner`, `Member`, `InitPlan`, `SubPlan`… */
  readonly parentRelationship?: string;
  /** `InitPlan 1`, `SubPlan 2`, `CTE name` for nodes that head a sub-plan. */
  readonly subplanName?: string;

  readonly startupCost?: number;
  readonly totalCost?: number;
  /** Rows the planner expected per loop. */
  readonly estimatedRows?: number;
  readonly estimatedWidth?: number;

  /** Per loop, as Postgres reports it. */
  readonly actualStartupTime?: number;
  /** Per loop, inclusive of children, as Postgres reports it. */
  readonly actualTotalTime?: number;
  /** Average rows per loop (Postgres 18 prints two decimals). */
  readonly actualRows?: number;
  readonly actualLoops?: number;
  readonly neverExecuted: boolean;

  /** Wall-clock time of this node and everything below it, over all loops. */
  readonly inclusiveTime?: number;
  /** Time spent in this node alone: inclusive minus the children that ran inside it. */
  readonly exclusiveTime?: number;
  /** Total cost minus the children's total cost, never below 0. */
  readonly exclusiveCost?: number;

  readonly buffers?: Buffers;
  readonly filter?: string;
  readonly rowsRemovedByFilter?: number;
  readonly joinFilter?: string;
  readonly rowsRemovedByJoinFilter?: number;
  readonly indexCond?: string;
  readonly recheckCond?: string;
  readonly rowsRemovedByIndexRecheck?: number;
  readonly hashCond?: string;
  readonly mergeCond?: string;
  readonly oneTimeFilter?: string;
  readonly sortKey?: readonly string[];
  readonly presortedKey?: readonly string[];
  readonly groupKey?: readonly string[];
  readonly sortMethod?: string;
  readonly sortSpace?: SortSpace;
  readonly hashBuckets?: number;
  readonly originalHashBuckets?: number;
  /** Batches of a Hash node, or of a HashAggregate that spilled. */
  readonly hashBatches?: number;
  readonly originalHashBatches?: number;
  readonly peakMemoryKb?: number;
  readonly diskUsageKb?: number;
  readonly heapFetches?: number;
  readonly exactHeapBlocks?: number;
  readonly lossyHeapBlocks?: number;
  readonly indexSearches?: number;
  readonly workersPlanned?: number;
  readonly workersLaunched?: number;
  readonly workers?: readonly WorkerStats[];
  readonly output?: readonly string[];

  /** SQLite: the EXPLAIN QUERY PLAN detail, split up. */
  readonly sqlite?: SqliteDetail;
  /** Reported properties this model has no field for, as text, keyed as the engine names them. */
  readonly extra: Readonly<Record<string, string>>;
  readonly children: readonly PlanNode[];
}

/** A trigger's share of an `EXPLAIN ANALYZE` of a data-changing statement. */
export interface TriggerTiming {
  readonly name: string;
  readonly constraint?: string;
  readonly relation?: string;
  readonly time: number;
  readonly calls: number;
}

/** A whole plan plus what the engine said about the statement around it. */
export interface Plan {
  readonly engine: EngineId;
  readonly format: PlanSourceFormat;
  readonly root: PlanNode;
  /** True when actual rows/loops (EXPLAIN ANALYZE) are present. */
  readonly analyzed: boolean;
  /** True when actual times are present (ANALYZE without `TIMING OFF`). */
  readonly timed: boolean;
  readonly hasBuffers: boolean;
  readonly planningTime?: number;
  readonly executionTime?: number;
  readonly planningBuffers?: Buffers;
  readonly triggers: readonly TriggerTiming[];
  /** SQLite: how long the statement itself took when the caller measured it. */
  readonly measuredTime?: number;
  /** Top-level lines this model has no field for (`Settings`, `JIT`…). */
  readonly extra: Readonly<Record<string, string>>;
  /** The text the plan was read from. */
  readonly raw: string;
  readonly nodeCount: number;
}

/** A node as a parser builds it: everything but the derived fields. */
export type PlanNodeDraft = Omit<
  PlanNode,
  'id' | 'inclusiveTime' | 'exclusiveTime' | 'exclusiveCost' | 'children'
> & { readonly children: readonly PlanNodeDraft[] };

/** The plan-level facts a parser found, before `finishPlan` derives the rest. */
export type PlanDraft = Omit<Plan, 'root' | 'nodeCount' | 'analyzed' | 'timed'> & {
  readonly root: PlanNodeDraft;
};

/** A draft node with only the required fields set. */
export function draftNode(nodeType: string, label: string = nodeType): PlanNodeDraft {
  return { nodeType, label, parallelAware: false, neverExecuted: false, extra: {}, children: [] };
}

/** All-zero buffer counts, the base that parsers add reported values to. */
export function emptyBuffers(): Buffers {
  return {
    sharedHit: 0,
    sharedRead: 0,
    sharedDirtied: 0,
    sharedWritten: 0,
    localHit: 0,
    localRead: 0,
    localDirtied: 0,
    localWritten: 0,
    tempRead: 0,
    tempWritten: 0,
  };
}

/** Rows the node produced over all loops (actual rows are an average per loop). */
export function totalActualRows(node: PlanNode): number | undefined {
  if (node.actualRows === undefined) return undefined;
  return node.actualRows * (node.actualLoops ?? 1);
}

/** The node's heading as Postgres TEXT prints it, e.g. `Index Scan using i on t x`. */
export function nodeTitle(node: PlanNode | PlanNodeDraft): string {
  if (node.sqlite) return node.label;
  const parts = [node.label];
  if (node.indexName && node.nodeType !== 'Bitmap Index Scan')
    parts.push(`using ${node.indexName}`);
  const target =
    node.nodeType === 'Bitmap Index Scan'
      ? node.indexName
      : (node.relation ?? node.cteName ?? node.functionName);
  if (target) {
    const qualified = node.schema && node.relation ? `${node.schema}.${target}` : target;
    parts.push(`on ${qualified}`);
    if (node.alias && node.alias !== target) parts.push(node.alias);
  } else if (node.alias) {
    parts.push(`on ${node.alias}`);
  }
  return parts.join(' ');
}
