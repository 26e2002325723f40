// Reads Postgres' default TEXT EXPLAIN output (any version from 9.x to 18, with or without
// ANALYZE, BUFFERS, VERBOSE, COSTS or TIMING) into the plan model. Nesting comes from
// indentation: a node's children are the `->` lines indented deeper than it.

import { finishPlan } from './derive';
import { unframe, type SourceLine } from './framing';
import { KNOWN_NODE_TYPES, nameFromText, splitHeading } from './labels';
import type { Buffers, PlanNodeDraft, TriggerTiming, WorkerStats } from './model';
import { draftNode, emptyBuffers } from './model';
import { parseFailure, parseSuccess, type PlanParseResult } from './result';
import { DETAIL_PARSERS, parseBuffers, parseWorkerSort } from './text-details';
import {
  classifyLine,
  indentOf,
  openParens,
  parseNodeLine,
  type NodeLine,
  type TextLine,
} from './text-lines';

type NodeBuilder = { -readonly [K in keyof PlanNodeDraft]: PlanNodeDraft[K] } & {
  children: NodeBuilder[];
};

type WorkerBuilder = { -readonly [K in keyof WorkerStats]: WorkerStats[K] } & {
  extra: Record<string, string>;
};

interface NodeFrame {
  kind: 'node';
  indent: number;
  nameIndent: number;
  node: NodeBuilder;
}

interface SubplanFrame {
  kind: 'subplan';
  indent: number;
  owner: NodeBuilder;
  name: string;
  relationship: 'InitPlan' | 'SubPlan';
}

interface Logical {
  line: number;
  text: string;
  parsed: TextLine | undefined;
  trailingSpace: boolean;
}

/** Everything read so far; the handlers below add one line at a time. */
interface State {
  root?: NodeBuilder;
  stack: (NodeFrame | SubplanFrame)[];
  /** The smallest indent in the text, where the root belongs. */
  baseIndent: number;
  triggers: TriggerTiming[];
  extra: Record<string, string>;
  planningTime?: number;
  executionTime?: number;
  planningBuffers?: Buffers;
  /** An open top-level section such as `Planning:` or `JIT:`. */
  section?: { name: string; indent: number };
  /** An open `Worker N:` line whose deeper lines belong to that worker. */
  worker?: { indent: number; stats: WorkerBuilder };
}

const MEMBER_PARENTS = new Set(['Append', 'Merge Append', 'BitmapAnd', 'BitmapOr']);
const UNREADABLE = 'unreadable';

/** Reads TEXT EXPLAIN output (psql framing and quoting allowed) into a plan. */
export function parsePostgresText(input: string): PlanParseResult {
  const logical = joinWrapped(unframe(input));
  const state: State = {
    stack: [],
    // A selection copied from mid-line often gives the first line more (or less) indent
    // than the rest; the root is placed at the smallest indent in the text instead.
    baseIndent: Math.min(
      ...logical.filter((l) => l.text.trim() !== '').map((l) => indentOf(l.text)),
    ),
    triggers: [],
    extra: {},
  };
  for (const { line, text, parsed: given } of logical) {
    if (text.trim() === '') continue;
    const parsed = given ?? (state.root ? undefined : bareRoot(text));
    const problem = parsed ? take(state, parsed, indentOf(text), line) : UNREADABLE;
    if (problem === UNREADABLE) return parseFailure(unreadable(line, text), line);
    if (problem) return parseFailure(problem, line);
  }
  return finish(state, input);
}

// Adds one line to the state; returns why it could not, if it could not.
function take(state: State, parsed: TextLine, indent: number, line: number): string | undefined {
  if (state.section && indent <= state.section.indent) state.section = undefined;
  if (state.worker && indent <= state.worker.indent) state.worker = undefined;
  if (state.section) return addToSection(state, state.section.name, parsed);
  switch (parsed.kind) {
    case 'planning-time':
      state.planningTime = parsed.ms;
      return undefined;
    case 'execution-time':
      state.executionTime = parsed.ms;
      return undefined;
    case 'trigger':
      state.triggers.push(parsed.trigger);
      return undefined;
    case 'node':
      return placeNode(state, parsed, line);
    case 'subplan': {
      popTo(state, parsed.indent);
      const owner = ownerOf(state.stack, parsed.indent);
      if (!owner) return UNREADABLE;
      state.stack.push({ ...parsed, kind: 'subplan', owner });
      return undefined;
    }
    case 'worker': {
      const owner = ownerOf(state.stack, parsed.indent);
      if (!owner) return UNREADABLE;
      const stats = workerOf(owner, parsed.worker);
      applyWorkerText(stats, parsed.rest);
      state.worker = { indent: parsed.indent, stats };
      return undefined;
    }
    case 'detail':
      return addDetail(state, parsed, indent);
  }
}

// `Planning:` holds the planning buffers; other sections (`JIT:`) are kept as text.
function addToSection(state: State, name: string, parsed: TextLine): string | undefined {
  if (parsed.kind !== 'detail') return UNREADABLE;
  if (name === 'Planning' && parsed.key === 'Buffers') {
    state.planningBuffers = parseBuffers(parsed.value);
    return undefined;
  }
  const key = `${name} ${parsed.key}`;
  const previous = state.extra[key];
  state.extra[key] = previous ? `${previous}\n${parsed.value}` : parsed.value;
  return undefined;
}

function popTo(state: State, indent: number): void {
  while ((state.stack[state.stack.length - 1]?.indent ?? -Infinity) >= indent) state.stack.pop();
}

// A node's parent is the nearest open node (or sub-plan header) indented less than it.
function placeNode(state: State, parsed: NodeLine, line: number): string | undefined {
  const node = nodeFromLine(parsed);
  popTo(state, parsed.indent);
  const top = state.stack[state.stack.length - 1];
  state.worker = undefined;
  if (!top) {
    if (state.root)
      return `Line ${line} starts a second plan. Paste the output of one EXPLAIN at a time.`;
    state.root = node;
    const indent = Math.min(parsed.indent, state.baseIndent);
    const nameIndent = indent + parsed.nameIndent - parsed.indent;
    state.stack.push({ kind: 'node', indent, nameIndent, node });
    return undefined;
  }
  if (top.kind === 'subplan') {
    node.parentRelationship = top.relationship;
    node.subplanName = top.name;
    top.owner.children.push(node);
  } else {
    node.parentRelationship = inferRelationship(top.node);
    top.node.children.push(node);
  }
  state.stack.push({ kind: 'node', indent: parsed.indent, nameIndent: parsed.nameIndent, node });
  return undefined;
}

// A detail below a worker line is that worker's; one at the top level is a plan-wide
// setting, or opens a section when it has no value (`Planning:`).
function addDetail(
  state: State,
  parsed: Extract<TextLine, { kind: 'detail' }>,
  indent: number,
): string | undefined {
  if (state.worker) {
    state.worker.stats.extra[parsed.key] = parsed.value;
    return undefined;
  }
  const owner = ownerOf(state.stack, parsed.indent);
  if (!owner) {
    if (parsed.value === '') state.section = { name: parsed.key, indent };
    else state.extra[parsed.key] = parsed.value;
    return undefined;
  }
  const fields = DETAIL_PARSERS[parsed.key]?.(parsed.value);
  if (fields) {
    const { extra: more, ...named } = fields;
    Object.assign(owner, named);
    if (more) owner.extra = { ...owner.extra, ...more };
  } else {
    owner.extra = { ...owner.extra, [parsed.key]: parsed.value };
  }
  return undefined;
}

function finish(state: State, input: string): PlanParseResult {
  const { root } = state;
  if (!root) {
    return parseFailure(
      'This looks like EXPLAIN output without a plan tree: no line like "Seq Scan on t  (cost=…)" was found.',
    );
  }
  const withBuffers = hasBuffers(root);
  return parseSuccess(
    finishPlan({
      engine: 'postgres',
      format: 'text',
      root: withBuffers ? zeroMissingBuffers(root) : root,
      hasBuffers: withBuffers || state.planningBuffers !== undefined,
      planningTime: state.planningTime,
      executionTime: state.executionTime,
      planningBuffers: state.planningBuffers,
      triggers: state.triggers,
      extra: state.extra,
      raw: input,
    }),
  );
}

function nodeFromLine(parsed: NodeLine): NodeBuilder {
  const { name, target } = splitHeading(parsed.heading);
  const { label, ...fields } = nameFromText(name);
  const node: NodeBuilder = {
    ...draftNode(fields.nodeType, label),
    ...fields,
    ...target,
    ...parsed.costs,
    ...parsed.actuals,
    neverExecuted: parsed.neverExecuted,
    children: [],
  };
  if (parsed.neverExecuted) {
    node.actualRows = 0;
    node.actualLoops = 0;
  }
  return node;
}

// TEXT does not say which child is outer or inner; Postgres always prints them in that order.
function inferRelationship(parent: NodeBuilder): string {
  if (MEMBER_PARENTS.has(parent.nodeType)) return 'Member';
  if (parent.nodeType === 'Subquery Scan') return 'Subquery';
  const regular = parent.children.filter((c) => c.subplanName === undefined).length;
  return regular === 0 ? 'Outer' : 'Inner';
}

// Details belong to the deepest open node whose name starts left of the detail.
function ownerOf(
  stack: readonly (NodeFrame | SubplanFrame)[],
  indent: number,
): NodeBuilder | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame?.kind === 'node' && frame.nameIndent < indent) return frame.node;
  }
  return undefined;
}

function workerOf(node: NodeBuilder, number: number): WorkerBuilder {
  const workers = (node.workers ?? []) as WorkerBuilder[];
  const existing = workers.find((w) => w.worker === number);
  if (existing) return existing;
  const created: WorkerBuilder = { worker: number, extra: {} };
  node.workers = [...workers, created];
  return created;
}

// actual time=0.031..10.522 rows=33333.33 loops=1
// Sort Method: external merge  Disk: 2848kB
function applyWorkerText(stats: WorkerBuilder, rest: string): void {
  const actual = /^actual time=([\d.]+)\.\.([\d.]+) rows=([\d.]+) loops=(\d+)\s*(.*)$/.exec(rest);
  let remaining = rest;
  if (actual) {
    stats.actualStartupTime = Number(actual[1]);
    stats.actualTotalTime = Number(actual[2]);
    stats.actualRows = Number(actual[3]);
    stats.actualLoops = Number(actual[4]);
    remaining = actual[5] ?? '';
  }
  const sort = /^Sort Method: (.*)$/.exec(remaining);
  if (sort?.[1]) {
    Object.assign(stats, parseWorkerSort(sort[1]));
  } else if (remaining.trim() !== '') {
    const kv = /^([^:]+): (.*)$/.exec(remaining);
    stats.extra[kv?.[1] ?? 'details'] = kv?.[2] ?? remaining;
  }
}

function hasBuffers(node: PlanNodeDraft): boolean {
  return node.buffers !== undefined || node.children.some(hasBuffers);
}

// With BUFFERS on, TEXT leaves out the line of a node that touched no blocks; JSON reports
// zeros. Filling them in keeps both formats alike.
function zeroMissingBuffers(node: PlanNodeDraft): PlanNodeDraft {
  return {
    ...node,
    buffers: node.buffers ?? emptyBuffers(),
    children: node.children.map(zeroMissingBuffers),
  };
}

// With COSTS OFF and no ANALYZE the root line is just a name, e.g. `Seq Scan on t`.
function bareRoot(text: string): TextLine | undefined {
  const { name } = splitHeading(text.trim());
  if (!KNOWN_NODE_TYPES.has(nameFromText(name).nodeType)) return undefined;
  const indent = indentOf(text);
  return {
    kind: 'node',
    indent,
    nameIndent: indent,
    hasArrow: false,
    heading: text.trim(),
    neverExecuted: false,
  };
}

function unreadable(line: number, text: string): string {
  const shown = text.trim().length > 80 ? `${text.trim().slice(0, 77)}…` : text.trim();
  return `Line ${line} could not be read: "${shown}". Expected a plan node such as "->  Seq Scan on t  (cost=…)" or a detail such as "Filter: …".`;
}

// Terminals wrap long lines without marking it. A line that leaves a parenthesis open, or
// a line that only makes sense as the end of the previous node line, is joined back.
function joinWrapped(lines: readonly SourceLine[]): Logical[] {
  const out: Logical[] = [];
  let sawNode = false;
  for (const { text, line, trailingSpace } of lines) {
    const prev = out[out.length - 1];
    const parsed = classifyLine(text);
    const startsAnew = parsed?.kind === 'node' && parsed.hasArrow;
    if (prev && openParens(prev.text) > 0 && !startsAnew) {
      prev.text += (prev.trailingSpace ? ' ' : '') + text;
      prev.parsed = classifyLine(prev.text);
      prev.trailingSpace = trailingSpace;
      continue;
    }
    // Only the root may lack an arrow, so a later arrow-less "node" may be a wrapped
    // fragment; it is joined to a node line that still lacks its figures.
    const fragment = !parsed || (parsed.kind === 'node' && !parsed.hasArrow && sawNode);
    const unfinished = prev?.parsed?.kind === 'node' && !prev.parsed.costs && !prev.parsed.actuals;
    if (prev && fragment && unfinished) {
      const joinedText = prev.text + (prev.trailingSpace ? ' ' : '') + text;
      const joined = parseNodeLine(joinedText);
      if (joined && (joined.costs || joined.actuals)) {
        prev.text = joinedText;
        prev.parsed = joined;
        prev.trailingSpace = trailingSpace;
        continue;
      }
    }
    if (parsed?.kind === 'node') sawNode = true;
    out.push({ line, text, parsed, trailingSpace });
  }
  return out;
}
