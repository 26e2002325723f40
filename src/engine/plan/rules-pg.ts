// Postgres rules about where the time and cost went, and the list of all Postgres rules.

import {
  allNodes,
  annotation,
  formatCount,
  formatMs,
  formatShare,
  type Annotation,
  type Rule,
} from './annotation';
import { nodeTitle } from './model';
import { workMemRule } from './rules-pg-memory';
import { nestedLoopSeqScanRule, seqScanFilterRule, wrappedColumnRule } from './rules-pg-scan';
import { heapFetchesRule, misestimateRule } from './rules-pg-stats';
import { SLOWEST_CRITICAL_SHARE, SLOWEST_MIN_TOTAL_MS, SLOWEST_WARNING_SHARE } from './thresholds';

/** The time the plan's percentages are relative to: execution time, else the root's time. */
export function planTotalTime(plan: { executionTime?: number; root: { inclusiveTime?: number } }) {
  return plan.executionTime ?? plan.root.inclusiveTime;
}

/** The node that spent the most time on its own, when it took > 40% (warning) / 90% (critical). */
export const slowestNodeRule: Rule = (plan) => {
  const total = planTotalTime(plan);
  if (!plan.timed || plan.nodeCount < 2 || total === undefined || total < SLOWEST_MIN_TOTAL_MS) {
    return [];
  }
  const slowest = allNodes(plan.root).reduce((a, b) =>
    (b.exclusiveTime ?? 0) > (a.exclusiveTime ?? 0) ? b : a,
  );
  const own = slowest.exclusiveTime ?? 0;
  const share = own / total;
  if (share <= SLOWEST_WARNING_SHARE) return [];
  return [
    annotation({
      rule: 'pg-slowest-node',
      severity: share > SLOWEST_CRITICAL_SHARE ? 'critical' : 'warning',
      node: slowest,
      title: `${nodeTitle(slowest)} took ${formatShare(share)} of the time`,
      explanation:
        `This step alone, not counting the steps below it, ran for ${formatMs(own)} of the ` +
        `${formatMs(total)} the query took. Speeding up the query means speeding up this step first; ` +
        `other notes on this step say how.`,
    }),
  ];
};

/** The node the planner expected to be costliest on its own (information only). */
export const costliestNodeRule: Rule = (plan): Annotation[] => {
  const total = plan.root.totalCost;
  if (plan.nodeCount < 2 || total === undefined || total <= 0) return [];
  const costliest = allNodes(plan.root).reduce((a, b) =>
    (b.exclusiveCost ?? 0) > (a.exclusiveCost ?? 0) ? b : a,
  );
  const own = costliest.exclusiveCost ?? 0;
  return [
    annotation({
      rule: 'pg-costliest-node',
      severity: 'info',
      node: costliest,
      title: `${nodeTitle(costliest)} is the costliest step in the plan`,
      explanation:
        `The planner estimated ${formatCount(Math.round(own))} of the plan's ` +
        `${formatCount(Math.round(total))} cost units (${formatShare(Math.min(1, own / total))}) for this ` +
        `step on its own. Costs are the planner's guesses in arbitrary units, not milliseconds.`,
    }),
  ];
};

/** Every Postgres rule, in the order their annotations are listed within a severity. */
export const POSTGRES_RULES: readonly Rule[] = [
  seqScanFilterRule,
  nestedLoopSeqScanRule,
  wrappedColumnRule,
  misestimateRule,
  workMemRule,
  heapFetchesRule,
  slowestNodeRule,
  costliestNodeRule,
];
