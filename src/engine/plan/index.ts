// The query-plan core: parse EXPLAIN output from Postgres or SQLite into one model,
// annotate it, compare two plans, and walk the tree. No DOM, no Svelte.

export type {
  Buffers,
  Plan,
  PlanNode,
  PlanSourceFormat,
  SortSpace,
  SqliteAccess,
  SqliteDetail,
  TriggerTiming,
  WorkerStats,
} from './model';
export { nodeTitle, totalActualRows } from './model';
export type { PlanParseError, PlanParseResult } from './result';
export { parsePlan, type ParsePlanOptions } from './parse';
export { detectFormat, type DetectedFormat } from './detect';
export { parsePostgresJson } from './postgres-json';
export { parsePostgresText } from './postgres-text';
export { planFromSqliteRows, classifySqliteDetail, type EqpRow } from './sqlite';
export { parseSqliteEqpText } from './sqlite-text';
export {
  annotatePlan,
  type Annotation,
  type AnnotateOptions,
  type RuleId,
  type Severity,
  type SqlSuggestion,
} from './annotate';
export { comparePlans, type NodeDiff, type PlanComparison } from './compare';
export {
  findNode,
  flattenPlan,
  pathToNode,
  slowestPath,
  timeShares,
  type FlatNode,
  type TimeShare,
} from './slowest-path';
export { EXPLAIN_SQL } from './explain-sql';
