// Tree helpers the plan views need: walking, finding, the path to the slowest node, and
// each node's share of the total time.

import type { Plan, PlanNode } from './model';

/** A node with where it sits in the tree. */
export interface FlatNode {
  readonly node: PlanNode;
  readonly depth: number;
  readonly parentId?: number;
}

/** Every node in pre-order (root first, children in plan order), with depth and parent. */
export function flattenPlan(root: PlanNode): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (node: PlanNode, depth: number, parentId: number | undefined): void => {
    out.push(parentId === undefined ? { node, depth } : { node, depth, parentId });
    for (const child of node.children) walk(child, depth + 1, node.id);
  };
  walk(root, 0, undefined);
  return out;
}

/** The node with this id, if the tree has one. */
export function findNode(root: PlanNode, id: number): PlanNode | undefined {
  if (root.id === id) return root;
  for (const child of root.children) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

/** The nodes from the root down to the node with this id ([] when it is not in the tree). */
export function pathToNode(root: PlanNode, id: number): PlanNode[] {
  if (root.id === id) return [root];
  for (const child of root.children) {
    const path = pathToNode(child, id);
    if (path.length > 0) return [root, ...path];
  }
  return [];
}

/**
 * Ids from the root to the node that spent the most time on its own, for highlighting the
 * branch where the time went. Empty when the plan has no timings (no ANALYZE, or SQLite).
 */
export function slowestPath(plan: Plan): number[] {
  if (!plan.timed) return [];
  let slowest: PlanNode | undefined;
  for (const { node } of flattenPlan(plan.root)) {
    if (node.exclusiveTime === undefined) continue;
    if (!slowest || node.exclusiveTime > (slowest.exclusiveTime ?? 0)) slowest = node;
  }
  return slowest ? pathToNode(plan.root, slowest.id).map((n) => n.id) : [];
}

/** A node's time as fractions (0..1) of the plan's total time. */
export interface TimeShare {
  readonly exclusive: number;
  readonly inclusive: number;
}

/**
 * Each node's share of the total: execution time when reported, else the root's time.
 * Empty when the plan has no timings.
 */
export function timeShares(plan: Plan): Map<number, TimeShare> {
  const shares = new Map<number, TimeShare>();
  const total = plan.executionTime ?? plan.root.inclusiveTime;
  if (!plan.timed || total === undefined || total <= 0) return shares;
  for (const { node } of flattenPlan(plan.root)) {
    if (node.exclusiveTime === undefined || node.inclusiveTime === undefined) continue;
    shares.set(node.id, {
      exclusive: node.exclusiveTime / total,
      inclusive: node.inclusiveTime / total,
    });
  }
  return shares;
}
