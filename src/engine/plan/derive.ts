// Turns a parser's draft into the final Plan: numbers the nodes and works out how much
// time and cost each node spent on its own. The subtle parts are loops, parallel workers
// and CTEs, explained where they are handled.

import type { Plan, PlanDraft, PlanNode, PlanNodeDraft } from './model';

interface Visit {
  readonly draft: PlanNodeDraft;
  readonly id: number;
  readonly childIds: readonly number[];
  readonly inclusive?: number;
}

/** Numbers the nodes in pre-order and derives inclusive/exclusive time and exclusive cost. */
export function finishPlan(draft: PlanDraft): Plan {
  const visits: Visit[] = [];
  visit(draft.root, 1, visits);
  const cteShares = shareCteTime(visits);
  const root = build(0, visits, cteShares);
  const all = visits.map((v) => v.draft);
  return {
    ...draft,
    root,
    analyzed: all.some((n) => n.actualLoops !== undefined || n.neverExecuted),
    timed: all.some((n) => n.actualTotalTime !== undefined),
    nodeCount: visits.length,
  };
}

/** True for the sub-plan that computes a CTE (`CTE name`), whose time its CTE Scans carry. */
export function isCteSubplan(node: PlanNode | PlanNodeDraft): boolean {
  return node.subplanName?.startsWith('CTE ') ?? false;
}

function visit(draft: PlanNodeDraft, processes: number, out: Visit[]): number {
  const id = out.length;
  // Reserve the slot so that ids follow pre-order even though children are visited later.
  out.push({ draft, id, childIds: [] });
  const childProcesses = isGather(draft) ? gatherProcesses(draft) : processes;
  const childIds = draft.children.map((c) => visit(c, childProcesses, out));
  out[id] = { draft, id, childIds, inclusive: inclusiveTime(draft, processes) };
  return id;
}

function isGather(draft: PlanNodeDraft): boolean {
  return draft.nodeType === 'Gather' || draft.nodeType === 'Gather Merge';
}

// Workers plus the leader, which by default also runs the parallel part of the plan.
function gatherProcesses(draft: PlanNodeDraft): number {
  return (draft.workersLaunched ?? draft.workersPlanned ?? 0) + 1;
}

// Postgres reports time per loop. Below a Gather, the loops are spread over processes that
// run at the same time, so wall-clock time is time × loops / processes-that-ran-it.
function inclusiveTime(draft: PlanNodeDraft, processes: number): number | undefined {
  if (draft.neverExecuted) return 0;
  if (draft.actualTotalTime === undefined) return undefined;
  const loops = draft.actualLoops ?? 1;
  const concurrent = Math.max(1, Math.min(loops, processes));
  return (draft.actualTotalTime * loops) / concurrent;
}

// A CTE runs lazily, inside whichever CTE Scan first asks it for rows, so its time is
// already inside those scans. Each scan is credited a share of the CTE's time, in
// proportion to the time it has left after its own children, so that the exclusive times
// of all nodes still add up to the root's time.
function shareCteTime(visits: readonly Visit[]): Map<number, number> {
  const cteTime = new Map<string, number>();
  for (const v of visits) {
    if (!isCteSubplan(v.draft) || v.inclusive === undefined) continue;
    const name = v.draft.subplanName?.slice(4) ?? '';
    cteTime.set(name, (cteTime.get(name) ?? 0) + v.inclusive);
  }
  const scans = new Map<string, { id: number; capacity: number }[]>();
  for (const v of visits) {
    const name = v.draft.cteName;
    if (v.draft.nodeType !== 'CTE Scan' || name === undefined || v.inclusive === undefined)
      continue;
    const capacity = Math.max(0, v.inclusive - childrenTime(v, visits));
    scans.set(name, [...(scans.get(name) ?? []), { id: v.id, capacity }]);
  }
  const shares = new Map<number, number>();
  for (const [name, list] of scans) {
    const total = cteTime.get(name) ?? 0;
    const capacity = list.reduce((sum, s) => sum + s.capacity, 0);
    for (const s of list) {
      shares.set(s.id, capacity <= total ? s.capacity : (total * s.capacity) / capacity);
    }
  }
  return shares;
}

// CTE sub-plans are left out: their time is inside the CTE Scans, not in the node that
// happens to host the WITH clause.
function childrenTime(v: Visit, visits: readonly Visit[]): number {
  let sum = 0;
  for (const childId of v.childIds) {
    const child = visits[childId];
    if (child && !isCteSubplan(child.draft)) sum += child.inclusive ?? 0;
  }
  return sum;
}

// Postgres folds the children's costs into the parent's: an InitPlan (or CTE) once, a
// SubPlan once per row it is evaluated for, a Nested Loop's inner side once per outer row.
// Subtracting them that many times leaves the node's own share, roughly.
function exclusiveCost(v: Visit, visits: readonly Visit[]): number | undefined {
  const total = v.draft.totalCost;
  if (total === undefined) return undefined;
  const children = v.childIds.flatMap((id) => visits[id]?.draft ?? []);
  const outer = children.find((c) => c.subplanName === undefined);
  let sum = 0;
  for (const child of children) {
    let times = 1;
    if (child.parentRelationship === 'SubPlan') times = Math.max(1, v.draft.estimatedRows ?? 1);
    if (v.draft.nodeType === 'Nested Loop' && child.parentRelationship === 'Inner') {
      times = Math.max(1, outer?.estimatedRows ?? 1);
    }
    sum += (child.totalCost ?? 0) * times;
  }
  return Math.max(0, total - sum);
}

function build(id: number, visits: readonly Visit[], cteShares: Map<number, number>): PlanNode {
  const v = visits[id];
  if (!v) throw new Error(`plan node ${id} is missing`);
  const children = v.childIds.map((c) => build(c, visits, cteShares));
  const exclusive =
    v.inclusive === undefined
      ? undefined
      : Math.max(0, v.inclusive - childrenTime(v, visits) - (cteShares.get(id) ?? 0));
  return {
    ...v.draft,
    id,
    inclusiveTime: v.inclusive,
    exclusiveTime: exclusive,
    exclusiveCost: exclusiveCost(v, visits),
    children,
  };
}
