// Before/after comparison of two plans of the same query: how the total time moved, and
// which steps changed (a Seq Scan that became an Index Scan, rows, time).

import { formatMs } from './annotation';
import type { Plan, PlanNode } from './model';
import { nodeTitle, totalActualRows } from './model';
import { flattenPlan } from './slowest-path';

/** A node's own time must move by more than this share to count as changed. */
export const TIME_CHANGE_SHARE = 0.2;
/** …and by more than this many milliseconds, so that noise in tiny times is ignored. */
export const TIME_CHANGE_MIN_MS = 0.1;

export type NodeStatus = 'same' | 'changed' | 'added' | 'removed';
export type NodeChange = 'type' | 'index' | 'rows' | 'time';

/** One step of either plan, paired with its counterpart when there is one. */
export interface NodeDiff {
  readonly status: NodeStatus;
  readonly before?: PlanNode;
  readonly after?: PlanNode;
  readonly changes: readonly NodeChange[];
  /** Rows over all loops. */
  readonly rowsBefore?: number;
  readonly rowsAfter?: number;
  /** Own (exclusive) time in ms. */
  readonly timeBefore?: number;
  readonly timeAfter?: number;
}

export interface PlanComparison {
  /** Execution time, else the root's time, in ms. */
  readonly totalBefore?: number;
  readonly totalAfter?: number;
  /** after / before: below 1 is faster. */
  readonly ratio?: number;
  readonly planningBefore?: number;
  readonly planningAfter?: number;
  /** Nodes of the after plan in order (matched or added), then removed ones. */
  readonly nodes: readonly NodeDiff[];
  /** One line for a heading, e.g. `3.2× faster (805.4 ms → 251.2 ms)`. */
  readonly summary: string;
}

/** Compares two plans; nodes are matched by relation first, then by position. */
export function comparePlans(before: Plan, after: Plan): PlanComparison {
  const pairs = matchNodes(before.root, after.root);
  const afterToBefore = new Map([...pairs].map(([b, a]) => [a, b]));
  const beforeById = new Map(flattenPlan(before.root).map((f) => [f.node.id, f.node]));
  const nodes: NodeDiff[] = [];
  for (const { node } of flattenPlan(after.root)) {
    const match = afterToBefore.get(node.id);
    const old = match === undefined ? undefined : beforeById.get(match);
    nodes.push(
      old
        ? diff(old, node)
        : { status: 'added', after: node, changes: [], ...figures(undefined, node) },
    );
  }
  for (const { node } of flattenPlan(before.root)) {
    if (!pairs.has(node.id))
      nodes.push({ status: 'removed', before: node, changes: [], ...figures(node, undefined) });
  }
  const totalBefore = before.executionTime ?? before.root.inclusiveTime;
  const totalAfter = after.executionTime ?? after.root.inclusiveTime;
  const ratio = totalBefore && totalAfter !== undefined ? totalAfter / totalBefore : undefined;
  return {
    totalBefore,
    totalAfter,
    ratio,
    planningBefore: before.planningTime,
    planningAfter: after.planningTime,
    nodes,
    summary: summarize(totalBefore, totalAfter, ratio, nodes),
  };
}

function figures(before: PlanNode | undefined, after: PlanNode | undefined) {
  return {
    rowsBefore: before ? totalActualRows(before) : undefined,
    rowsAfter: after ? totalActualRows(after) : undefined,
    timeBefore: before?.exclusiveTime,
    timeAfter: after?.exclusiveTime,
  };
}

function diff(before: PlanNode, after: PlanNode): NodeDiff {
  const f = figures(before, after);
  const changes: NodeChange[] = [];
  if (before.label !== after.label) changes.push('type');
  if (before.indexName !== after.indexName) changes.push('index');
  if (f.rowsBefore !== undefined && f.rowsAfter !== undefined && f.rowsBefore !== f.rowsAfter) {
    changes.push('rows');
  }
  if (f.timeBefore !== undefined && f.timeAfter !== undefined) {
    const delta = Math.abs(f.timeAfter - f.timeBefore);
    if (
      delta > TIME_CHANGE_MIN_MS &&
      delta > TIME_CHANGE_SHARE * Math.max(f.timeBefore, f.timeAfter)
    ) {
      changes.push('time');
    }
  }
  return { status: changes.length > 0 ? 'changed' : 'same', before, after, changes, ...f };
}

const relationKey = (n: PlanNode): string | undefined =>
  n.relation === undefined ? undefined : `${n.schema ?? ''}.${n.relation}|${n.alias ?? ''}`;

/** Pairs before-node ids with after-node ids. */
export function matchNodes(before: PlanNode, after: PlanNode): Map<number, number> {
  const pairs = new Map<number, number>();
  const taken = new Set<number>();
  const pair = (b: PlanNode, a: PlanNode): void => {
    pairs.set(b.id, a.id);
    taken.add(a.id);
  };
  const flatBefore = flattenPlan(before);
  const flatAfter = flattenPlan(after);
  // 1. Scans of the same relation (and alias), in order of appearance.
  for (const { node: b } of flatBefore) {
    const key = relationKey(b);
    const a = key && flatAfter.find((f) => !taken.has(f.node.id) && relationKey(f.node) === key);
    if (a) pair(b, a.node);
  }
  // 2. The roots, whatever they became.
  if (!pairs.has(before.id) && !taken.has(after.id)) pair(before, after);
  // 3. Under matched parents, children of the same type, then children at the same place.
  const afterById = new Map(flatAfter.map((f) => [f.node.id, f.node]));
  for (const { node: b, parentId } of flatBefore) {
    if (pairs.has(b.id) || parentId === undefined) continue;
    const parentMatch = pairs.get(parentId);
    const siblings = parentMatch === undefined ? [] : (afterById.get(parentMatch)?.children ?? []);
    const parentBefore = flatBefore.find((f) => f.node.id === parentId)?.node;
    const index = parentBefore?.children.findIndex((c) => c.id === b.id) ?? -1;
    const free = siblings.filter((s) => !taken.has(s.id));
    const a =
      free.find((s) => s.label === b.label) ??
      (siblings[index] && !taken.has(siblings[index].id) ? siblings[index] : undefined);
    if (a) pair(b, a);
  }
  return pairs;
}

function summarize(
  before: number | undefined,
  after: number | undefined,
  ratio: number | undefined,
  nodes: readonly NodeDiff[],
): string {
  const parts: string[] = [];
  if (before !== undefined && after !== undefined && ratio !== undefined && ratio > 0) {
    const times = `(${formatMs(before)} → ${formatMs(after)})`;
    if (ratio < 1 / (1 + TIME_CHANGE_SHARE))
      parts.push(`${(1 / ratio).toFixed(1)}× faster ${times}`);
    else if (ratio > 1 + TIME_CHANGE_SHARE) parts.push(`${ratio.toFixed(1)}× slower ${times}`);
    else parts.push(`About the same time ${times}`);
  }
  const retyped = nodes.filter((n) => n.changes.includes('type') && n.before && n.after);
  for (const n of retyped.slice(0, 3)) {
    if (n.before && n.after) parts.push(`${nodeTitle(n.before)} → ${nodeTitle(n.after)}`);
  }
  const removed = nodes.filter((n) => n.status === 'removed').length;
  const added = nodes.filter((n) => n.status === 'added').length;
  if (removed > 0) parts.push(`${removed} step${removed > 1 ? 's' : ''} gone`);
  if (added > 0) parts.push(`${added} new step${added > 1 ? 's' : ''}`);
  return parts.length > 0 ? parts.join('; ') : 'The plans look the same.';
}
