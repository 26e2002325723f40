// Words and numbers for the plan views.
import { formatCount } from '../numbers';
import type { PlanNode } from '../../engine/plan';

/** "0.04 ms", "12.3 ms", "1.24 s". */
export function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(3)} ms`;
}

/** "1,234" rows, with decimals only where Postgres reports averages below 10. */
export function rows(value: number | undefined): string {
  if (value === undefined) return '—';
  return value < 10 && !Number.isInteger(value) ? value.toFixed(2) : formatCount(Math.round(value));
}

/** How far the row estimate was off, e.g. "×120 under"; undefined within 2×. */
export function misestimate(node: PlanNode): { factor: number; text: string } | undefined {
  if (node.estimatedRows === undefined || node.actualRows === undefined || node.neverExecuted) {
    return undefined;
  }
  const est = Math.max(node.estimatedRows, 1);
  const act = Math.max(node.actualRows, 1);
  const factor = act > est ? act / est : est / act;
  if (factor < 2) return undefined;
  const shown = factor >= 10 ? formatCount(Math.round(factor)) : factor.toFixed(1);
  return {
    factor,
    text: `${shown}× ${act > est ? 'more than estimated' : 'fewer than estimated'}`,
  };
}

/** The detail lines worth showing under a node, as label/value pairs. */
export function nodeDetails(node: PlanNode): [string, string][] {
  const out: [string, string][] = [];
  const add = (label: string, value: string | number | undefined | readonly string[]): void => {
    if (value === undefined) return;
    out.push([label, Array.isArray(value) ? value.join(', ') : String(value)]);
  };
  add('Index condition', node.indexCond);
  add('Filter', node.filter);
  if (node.rowsRemovedByFilter) add('Rows removed by filter', rows(node.rowsRemovedByFilter));
  add('Join filter', node.joinFilter);
  if (node.rowsRemovedByJoinFilter)
    add('Rows removed by join filter', rows(node.rowsRemovedByJoinFilter));
  add('Hash condition', node.hashCond);
  add('Merge condition', node.mergeCond);
  add('Recheck condition', node.recheckCond);
  add('Sort key', node.sortKey);
  if (node.sortMethod) {
    add(
      'Sort method',
      `${node.sortMethod}${node.sortSpace ? ` (${node.sortSpace.type}: ${formatCount(node.sortSpace.kB)} kB)` : ''}`,
    );
  }
  add('Group key', node.groupKey);
  if (node.hashBatches !== undefined) {
    add(
      'Hash',
      `${node.hashBuckets ?? '?'} buckets, ${node.hashBatches} batch${node.hashBatches === 1 ? '' : 'es'}${node.peakMemoryKb !== undefined ? `, ${formatCount(node.peakMemoryKb)} kB memory` : ''}`,
    );
  }
  if (node.heapFetches !== undefined) add('Heap fetches', rows(node.heapFetches));
  if (node.workersPlanned !== undefined) {
    add('Workers', `${node.workersLaunched ?? 0} launched of ${node.workersPlanned} planned`);
  }
  const b = node.buffers;
  if (b && (b.sharedHit || b.sharedRead || b.tempRead || b.tempWritten)) {
    const parts = [`hit ${formatCount(b.sharedHit)}`, `read ${formatCount(b.sharedRead)}`];
    if (b.tempRead || b.tempWritten) parts.push(`temp ${b.tempRead}/${b.tempWritten}`);
    add('Buffers', parts.join(', '));
  }
  if (node.startupCost !== undefined && node.totalCost !== undefined) {
    add('Cost', `${node.startupCost.toFixed(2)}..${node.totalCost.toFixed(2)}`);
  }
  return out;
}

/** The one detail that says most about a step: its condition, and what the filter removed. */
export function keyDetail(node: PlanNode): [string, string] | undefined {
  if (node.indexCond) return ['Index condition', node.indexCond];
  if (node.filter) {
    const removed = node.rowsRemovedByFilter
      ? ` — removed ${rows(node.rowsRemovedByFilter)} rows`
      : '';
    return ['Filter', `${node.filter}${removed}`];
  }
  if (node.hashCond) return ['Hash condition', node.hashCond];
  if (node.mergeCond) return ['Merge condition', node.mergeCond];
  if (node.joinFilter) return ['Join filter', node.joinFilter];
  if (node.sortKey) return ['Sort key', node.sortKey.join(', ')];
  if (node.groupKey) return ['Group key', node.groupKey.join(', ')];
  return undefined;
}

/** How many lines `nodeDetails` would show, without building them (cheap, for every node). */
export function detailCount(node: PlanNode): number {
  const b = node.buffers;
  return [
    node.indexCond,
    node.filter,
    node.rowsRemovedByFilter || undefined,
    node.joinFilter,
    node.rowsRemovedByJoinFilter || undefined,
    node.hashCond,
    node.mergeCond,
    node.recheckCond,
    node.sortKey,
    node.sortMethod,
    node.groupKey,
    node.hashBatches,
    node.heapFetches,
    node.workersPlanned,
    b && (b.sharedHit || b.sharedRead || b.tempRead || b.tempWritten) ? b : undefined,
    node.startupCost !== undefined && node.totalCost !== undefined ? node.totalCost : undefined,
  ].filter((v) => v !== undefined).length;
}
