// A compact, format-independent text picture of a plan for fixture expectations.
import { nodeTitle, type Plan, type PlanNode } from '../../../src/engine/plan/model';
import type { Annotation } from '../../../src/engine/plan/annotate';

/** One line per node: indentation, heading, estimated rows, actual rows and loops. */
export function outline(plan: Plan): string[] {
  const lines: string[] = [];
  const walk = (node: PlanNode, depth: number): void => {
    const sub = node.subplanName ? ` [${node.subplanName}]` : '';
    const figures =
      plan.engine === 'sqlite'
        ? ''
        : ` est=${node.estimatedRows ?? '-'} rows=${node.actualRows ?? '-'} loops=${node.actualLoops ?? '-'}`;
    lines.push(`${'  '.repeat(depth)}${nodeTitle(node)}${sub}${figures}`);
    node.children.forEach((c) => walk(c, depth + 1));
  };
  walk(plan.root, 0);
  return lines;
}

/** The parts of an annotation a fixture pins down. */
export function annotationFacts(a: Annotation): Record<string, unknown> {
  return {
    rule: a.rule,
    severity: a.severity,
    node: a.nodeId,
    ...(a.suggestedSql ? { sql: a.suggestedSql } : {}),
    ...(a.undoSql ? { undo: a.undoSql } : {}),
    ...(a.alternatives ? { alternatives: a.alternatives.map((x) => x.sql) } : {}),
  };
}
