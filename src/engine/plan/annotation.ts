// The shape of an annotation and the small helpers every rule uses to write one.

import type { Plan, PlanNode } from './model';

export type Severity = 'info' | 'warning' | 'critical';

export type RuleId =
  | 'pg-seq-scan-filter'
  | 'pg-nested-loop-seq-scan'
  | 'pg-misestimate'
  | 'pg-work-mem'
  | 'pg-heap-fetches'
  | 'pg-wrapped-column'
  | 'pg-slowest-node'
  | 'pg-costliest-node'
  | 'sqlite-scan'
  | 'sqlite-temp-btree'
  | 'sqlite-automatic-index'
  | 'sqlite-correlated-subquery';

/** Runnable SQL and how to take it back. */
export interface SqlSuggestion {
  readonly label: string;
  readonly sql: string;
  readonly undoSql?: string;
}

export interface Annotation {
  /** Unique within one plan's annotations: `<rule>:<node id>`. */
  readonly id: string;
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly nodeId: number;
  readonly title: string;
  /** Plain language, citing the plan's numbers. */
  readonly explanation: string;
  /** The main fix as runnable SQL, when there is one. */
  readonly suggestedSql?: string;
  /** SQL that undoes `suggestedSql` (e.g. `DROP INDEX …`), when it can be undone. */
  readonly undoSql?: string;
  /** Other fixes worth trying instead. */
  readonly alternatives?: readonly SqlSuggestion[];
}

/** What the rules may use besides the plan itself; all optional. */
export interface AnnotateOptions {
  /** The statement that was explained (SQLite rules read its WHERE/ORDER BY/GROUP BY). */
  readonly sql?: string;
  /** Row counts by table name (SQLite plans carry none). */
  readonly tableRows?: Readonly<Record<string, number>>;
  /** Column names by table, to place unqualified columns in multi-table SQLite queries. */
  readonly tableColumns?: Readonly<Record<string, readonly string[]>>;
  /** Column types by table then column, as the engine names them (e.g. `timestamptz`). */
  readonly columnTypes?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type Rule = (plan: Plan, options: AnnotateOptions) => Annotation[];

/** Builds an annotation, leaving out the SQL fields that are not given. */
export function annotation(fields: {
  rule: RuleId;
  severity: Severity;
  node: PlanNode;
  title: string;
  explanation: string;
  suggestion?: { sql: string; undoSql?: string };
  alternatives?: readonly SqlSuggestion[];
}): Annotation {
  const out: Annotation = {
    id: `${fields.rule}:${fields.node.id}`,
    rule: fields.rule,
    severity: fields.severity,
    nodeId: fields.node.id,
    title: fields.title,
    explanation: fields.explanation,
  };
  return {
    ...out,
    ...(fields.suggestion ? { suggestedSql: fields.suggestion.sql } : {}),
    ...(fields.suggestion?.undoSql ? { undoSql: fields.suggestion.undoSql } : {}),
    ...(fields.alternatives && fields.alternatives.length > 0
      ? { alternatives: fields.alternatives }
      : {}),
  };
}

/** Every node of a tree, root first. */
export function allNodes(root: PlanNode): PlanNode[] {
  return [root, ...root.children.flatMap(allNodes)];
}

/** `100000` → `100,000`; fractions keep up to two decimals. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Milliseconds for people: `0.042 ms`, `12.3 ms`, `1,234 ms`. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${formatCount(Math.round(ms))} ms`;
}

/** A share as a percentage, keeping a decimal only where it matters (`99.9%`, `40%`). */
export function formatShare(share: number): string {
  const pct = share * 100;
  if (pct >= 99 && pct < 100) return `${Math.floor(pct * 10) / 10}%`;
  return `${Math.round(pct)}%`;
}

/** `t` or `"My Table"` wrapped in backticks for explanations. */
export function code(text: string): string {
  return `\`${text}\``;
}

/** The name a node's relation is known by in explanations. */
export function relationLabel(node: PlanNode): string {
  const name =
    node.schema && node.schema !== 'public' ? `${node.schema}.${node.relation}` : node.relation;
  return name ?? node.alias ?? node.label;
}
