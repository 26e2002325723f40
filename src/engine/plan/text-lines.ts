// One small parser per kind of line in Postgres' TEXT EXPLAIN output. Each returns
// undefined when the line is not of its kind, so the caller can try the next one.

import type { TriggerTiming } from './model';

/** `(cost=0.00..1887.00 rows=100 width=22)` */
export interface Costs {
  startupCost: number;
  totalCost: number;
  estimatedRows: number;
  estimatedWidth: number;
}

/** `(actual time=0.022..11.967 rows=100.00 loops=1)`, `(actual rows=5 loops=1)` */
export interface Actuals {
  actualStartupTime?: number;
  actualTotalTime?: number;
  actualRows: number;
  actualLoops: number;
}

export interface NodeLine {
  kind: 'node';
  /** Column of `->`, or of the name for a line without an arrow. */
  indent: number;
  /** Column where the node's name starts. */
  nameIndent: number;
  hasArrow: boolean;
  heading: string;
  costs?: Costs;
  actuals?: Actuals;
  neverExecuted: boolean;
}

export interface SubplanLine {
  kind: 'subplan';
  indent: number;
  /** `InitPlan 1`, `SubPlan 2` or `CTE name`, as JSON's `Subplan Name` spells it. */
  name: string;
  relationship: 'InitPlan' | 'SubPlan';
}

export interface WorkerLine {
  kind: 'worker';
  indent: number;
  worker: number;
  rest: string;
}

export interface DetailLine {
  kind: 'detail';
  indent: number;
  key: string;
  value: string;
}

export interface TimeLine {
  kind: 'planning-time' | 'execution-time';
  ms: number;
}

export interface TriggerLine {
  kind: 'trigger';
  trigger: TriggerTiming;
}

export type TextLine = NodeLine | SubplanLine | WorkerLine | DetailLine | TimeLine | TriggerLine;

const NUM = String.raw`\d+(?:\.\d+)?`;
const COSTS = String.raw`\(cost=(${NUM})\.\.(${NUM}) rows=(${NUM}) width=(\d+)\)`;
const ACTUAL = String.raw`\((?:actual time=(${NUM})\.\.(${NUM}) rows=(${NUM}) loops=(\d+)|actual rows=(${NUM}) loops=(\d+)|(never executed))\)`;
const NODE = new RegExp(String.raw`^(\s*)(->\s+)?(\S.*?)\s*(?:${COSTS})?\s*(?:${ACTUAL})?$`);

/** Reads a line as the first kind that accepts it; undefined when none does. */
export function classifyLine(text: string): TextLine | undefined {
  return (
    parseTimeLine(text) ??
    parseTriggerLine(text) ??
    parseSubplanLine(text) ??
    parseWorkerLine(text) ??
    parseNodeLine(text) ??
    parseDetailLine(text)
  );
}

/** Number of leading whitespace characters. */
export function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

// `  ->  Hash Join  (cost=8.41..2104.96 rows=20 width=71) (actual time=0.285..804.661 rows=20.00 loops=1)`
// Also `Seq Scan on t (actual time=…)` (COSTS OFF), `(never executed)`, and `->  Hash`
// (COSTS OFF without ANALYZE); a line without an arrow, costs or actuals is not a node.
/** Reads a plan node line: indentation, heading, estimates and actuals. */
export function parseNodeLine(text: string): NodeLine | undefined {
  const m = NODE.exec(text);
  if (!m) return undefined;
  const [, space = '', arrow, heading = ''] = m;
  const hasCosts = m[4] !== undefined;
  const hasActuals = m[8] !== undefined || m[12] !== undefined || m[14] !== undefined;
  if (!arrow && !hasCosts && !hasActuals) return undefined;
  if (/^[A-Za-z][\w /-]*:(\s|$)/.test(heading)) return undefined;
  const line: NodeLine = {
    kind: 'node',
    indent: space.length,
    nameIndent: space.length + (arrow?.length ?? 0),
    hasArrow: arrow !== undefined,
    heading,
    neverExecuted: m[14] !== undefined,
  };
  if (hasCosts) {
    line.costs = {
      startupCost: Number(m[4]),
      totalCost: Number(m[5]),
      estimatedRows: Number(m[6]),
      estimatedWidth: Number(m[7]),
    };
  }
  if (m[8] !== undefined) {
    line.actuals = {
      actualStartupTime: Number(m[8]),
      actualTotalTime: Number(m[9]),
      actualRows: Number(m[10]),
      actualLoops: Number(m[11]),
    };
  } else if (m[12] !== undefined) {
    line.actuals = { actualRows: Number(m[12]), actualLoops: Number(m[13]) };
  }
  return line;
}

// `  InitPlan 1 (returns $0)`, `  SubPlan 2`, `  CTE big`, `  CTE "My CTE"`
/** Reads the header line that introduces an InitPlan, SubPlan or CTE below a node. */
export function parseSubplanLine(text: string): SubplanLine | undefined {
  const plan = /^(\s*)(InitPlan|SubPlan) (\d+)(?: \(returns .*\))?$/.exec(text);
  if (plan?.[2] && plan[3]) {
    const relationship = plan[2] === 'InitPlan' ? 'InitPlan' : 'SubPlan';
    return {
      kind: 'subplan',
      indent: plan[1]?.length ?? 0,
      name: `${plan[2]} ${plan[3]}`,
      relationship,
    };
  }
  const cte = /^(\s*)CTE ("(?:[^"]|"")*"|\S+)$/.exec(text);
  if (cte?.[2]) {
    const name = cte[2].startsWith('"') ? cte[2].slice(1, -1).replace(/""/g, '"') : cte[2];
    return {
      kind: 'subplan',
      indent: cte[1]?.length ?? 0,
      name: `CTE ${name}`,
      relationship: 'InitPlan',
    };
  }
  return undefined;
}

// `        Worker 0:  actual time=0.031..10.522 rows=33333.33 loops=1`
// `        Worker 1:  Sort Method: external merge  Disk: 2848kB`
/** Reads a per-worker line of a parallel node. */
export function parseWorkerLine(text: string): WorkerLine | undefined {
  const m = /^(\s*)Worker (\d+):\s+(.*)$/.exec(text);
  if (!m?.[2] || m[3] === undefined) return undefined;
  return { kind: 'worker', indent: m[1]?.length ?? 0, worker: Number(m[2]), rest: m[3] };
}

// `Planning Time: 0.097 ms`, `Planning time: 0.1 ms` (up to 12),
// `Execution Time: 12.077 ms`, `Total runtime: 12.3 ms` (up to 9.3)
/** Reads the planning/execution time lines at the end of an ANALYZE plan. */
export function parseTimeLine(text: string): TimeLine | undefined {
  const m = /^\s*(Planning [Tt]ime|Execution [Tt]ime|Total runtime): (\d+(?:\.\d+)?) ms$/.exec(
    text,
  );
  if (!m?.[1] || !m[2]) return undefined;
  const kind = m[1].startsWith('Planning') ? 'planning-time' : 'execution-time';
  return { kind, ms: Number(m[2]) };
}

// `Trigger for constraint orders_customer_id_fkey: time=1.158 calls=1`
// `Trigger t_before on orders: time=17.498 calls=1`
/** Reads a trigger timing line of an ANALYZE of INSERT/UPDATE/DELETE. */
export function parseTriggerLine(text: string): TriggerLine | undefined {
  const m = /^\s*Trigger (.+?): time=(\d+(?:\.\d+)?) calls=(\d+)$/.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  const trigger: TriggerTiming = { name: m[1], time: Number(m[2]), calls: Number(m[3]) };
  const named = /^(?:for constraint )?(.+?)(?: on (\S+))?$/.exec(m[1]);
  const name = named?.[1] ?? m[1];
  const constraint = m[1].startsWith('for constraint ') ? name : undefined;
  return {
    kind: 'trigger',
    trigger: {
      ...trigger,
      name,
      ...(constraint ? { constraint } : {}),
      ...(named?.[2] ? { relation: named[2] } : {}),
    },
  };
}

// `  Filter: (a = 5)`, `  Rows Removed by Filter: 99900`, `Planning:`, `JIT:`
// Keys always start with a capital letter, which tells a detail from a wrapped fragment.
/** Reads a `Key: value` detail line (value empty for section headers like `Planning:`). */
export function parseDetailLine(text: string): DetailLine | undefined {
  const m = /^(\s*)([A-Z][\w /-]*?):(?:\s+(.*))?$/.exec(text);
  if (!m?.[2]) return undefined;
  return { kind: 'detail', indent: m[1]?.length ?? 0, key: m[2], value: m[3] ?? '' };
}

/** Counts `(` minus `)` outside quotes, to spot a line cut in two by terminal wrapping. */
export function openParens(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    }
  }
  return depth;
}
