// Postgres rule about operations that ran out of `work_mem` and spilled to disk: hash
// joins split into batches, sorts that merged on disk, hash aggregates that spilled.

import {
  allNodes,
  annotation,
  code,
  formatCount,
  relationLabel,
  type Annotation,
  type Rule,
  type SqlSuggestion,
} from './annotation';
import type { PlanNode } from './model';
import { parseOperand } from './pg-expr';
import { createIndexSql, quoteIdent } from './sql-ident';
import { SORT_MEMORY_PER_DISK_KB, WORK_MEM_HEADROOM } from './thresholds';

/** A `work_mem` value that holds `kB` with headroom: a power-of-two number of MB. */
export function suggestedWorkMem(kB: number): string {
  const mb = Math.max(1, Math.ceil((kB * WORK_MEM_HEADROOM) / 1024));
  const rounded = 2 ** Math.ceil(Math.log2(mb));
  return rounded >= 1024 ? `${rounded / 1024}GB` : `${rounded}MB`;
}

const RESET = 'RESET work_mem;';
const SESSION_NOTE =
  ' SET changes it for this session only; RESET puts the default back. Memory is per operation, so raise it with care on a busy server.';

/** Hash batches > 1, external sorts and spilled hash aggregates → a bigger `work_mem`. */
export const workMemRule: Rule = (plan) =>
  allNodes(plan.root).flatMap((node): Annotation[] => {
    const hashBatches = node.nodeType === 'Hash' ? (node.hashBatches ?? 1) : 1;
    if (hashBatches > 1) return [hashAnnotation(node, hashBatches)];
    if (isDiskSort(node)) return [sortAnnotation(node)];
    if (node.nodeType === 'Aggregate' && (node.hashBatches ?? 1) > 1) return [aggAnnotation(node)];
    return [];
  });

function isDiskSort(node: PlanNode): boolean {
  if (node.nodeType !== 'Sort') return false;
  return node.sortSpace?.type === 'Disk' || /^external/.test(node.sortMethod ?? '');
}

function hashAnnotation(node: PlanNode, batches: number): Annotation {
  const memory = node.peakMemoryKb ?? 0;
  // Each batch holds about one batch-worth of the hash table; all of them at once is the need.
  const need = memory * batches;
  const size = suggestedWorkMem(need);
  const original = node.originalHashBatches ?? batches;
  const grew = original < batches ? ` (it planned ${original} and had to grow)` : '';
  return annotation({
    rule: 'pg-work-mem',
    severity: 'warning',
    node,
    title: `Hash split into ${batches} batches on disk`,
    explanation:
      `The rows to hash did not fit in work_mem, so Postgres split them into ${batches} batches${grew} ` +
      `and wrote the ones it could not hold to temporary files, reading them back later. ` +
      `Each batch used about ${formatCount(memory)} kB, so about ${formatCount(need)} kB would keep ` +
      `the whole hash in memory.${SESSION_NOTE}`,
    suggestion: { sql: `SET work_mem = '${size}';`, undoSql: RESET },
  });
}

function sortAnnotation(node: PlanNode): Annotation {
  const disk = node.sortSpace?.type === 'Disk' ? node.sortSpace.kB : 0;
  const size = suggestedWorkMem(disk * SORT_MEMORY_PER_DISK_KB);
  const index = sortIndex(node);
  return annotation({
    rule: 'pg-work-mem',
    severity: 'warning',
    node,
    title: `Sort spilled ${formatCount(disk)} kB to disk`,
    explanation:
      `The rows to sort did not fit in work_mem, so Postgres sorted them in pieces on disk ` +
      `(${node.sortMethod ?? 'external sort'}, ${formatCount(disk)} kB) and merged the pieces. ` +
      `A sort in memory needs more room than the same rows on disk, hence the suggested size.${SESSION_NOTE}` +
      (index
        ? ` Or avoid the sort: an index on ${code((node.sortKey ?? []).join(', '))} returns the rows already in order.`
        : ''),
    suggestion: { sql: `SET work_mem = '${size}';`, undoSql: RESET },
    alternatives: index ? [index] : [],
  });
}

// An index can replace the sort when it reads one table and sorts by its plain columns.
function sortIndex(node: PlanNode): SqlSuggestion | undefined {
  const input = node.children.find((c) => c.subplanName === undefined);
  const scanTypes = ['Seq Scan', 'Index Scan', 'Bitmap Heap Scan'];
  if (!input || !scanTypes.includes(input.nodeType) || !input.relation || !node.sortKey)
    return undefined;
  const keys: { sql: string; name: string }[] = [];
  for (const key of node.sortKey) {
    const m = /^(.+?)( DESC)?( NULLS (?:FIRST|LAST))?$/.exec(key);
    const operand = m?.[1] ? parseOperand(m[1]) : undefined;
    if (operand?.kind !== 'column') return undefined;
    const q = operand.ref.qualifier;
    if (q !== undefined && q !== input.alias && q !== input.relation) return undefined;
    const suffix = `${m?.[2] ?? ''}${m?.[3] ?? ''}`;
    keys.push({ sql: `${quoteIdent(operand.ref.column)}${suffix}`, name: operand.ref.column });
  }
  const index = createIndexSql({ table: input.relation, schema: input.schema, keys });
  return {
    label: `Index ${relationLabel(input)} in the sort order`,
    sql: index.sql,
    undoSql: index.undoSql,
  };
}

function aggAnnotation(node: PlanNode): Annotation {
  const batches = node.hashBatches ?? 1;
  const disk = node.diskUsageKb ?? 0;
  const size = suggestedWorkMem(
    Math.max(disk * SORT_MEMORY_PER_DISK_KB, (node.peakMemoryKb ?? 0) * batches),
  );
  return annotation({
    rule: 'pg-work-mem',
    severity: 'warning',
    node,
    title: `HashAggregate spilled ${formatCount(disk)} kB to disk`,
    explanation:
      `The groups did not fit in work_mem, so Postgres wrote some of them to temporary files ` +
      `(${formatCount(disk)} kB over ${batches} batches) and aggregated them in later passes.${SESSION_NOTE}`,
    suggestion: { sql: `SET work_mem = '${size}';`, undoSql: RESET },
  });
}
