// Plan annotations: pure rules that read a Plan and say, in plain words with the plan's
// own numbers, what looks slow and what to try, with runnable SQL where there is a fix.

import type { Plan } from './model';
import { POSTGRES_RULES } from './rules-pg';
import { SQLITE_RULES } from './rules-sqlite';
import type { Annotation, AnnotateOptions, Rule, Severity } from './annotation';

export type {
  Annotation,
  AnnotateOptions,
  Rule,
  RuleId,
  Severity,
  SqlSuggestion,
} from './annotation';

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Runs every rule for the plan's engine. Results are ordered by severity then node, and a
 * suggestion already made by an earlier annotation is not repeated.
 */
export function annotatePlan(plan: Plan, options: AnnotateOptions = {}): Annotation[] {
  const rules: readonly Rule[] = plan.engine === 'postgres' ? POSTGRES_RULES : SQLITE_RULES;
  const all = rules
    .flatMap((rule) => rule(plan, options))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.nodeId - b.nodeId);
  const seen = new Set<string>();
  const ids = new Map<string, number>();
  const out: Annotation[] = [];
  for (const annotation of all) {
    if (annotation.suggestedSql !== undefined) {
      if (seen.has(annotation.suggestedSql)) continue;
      seen.add(annotation.suggestedSql);
    }
    // Ids stay unique when a rule says two things about one node.
    const n = ids.get(annotation.id) ?? 0;
    ids.set(annotation.id, n + 1);
    out.push(n === 0 ? annotation : { ...annotation, id: `${annotation.id}:${n + 1}` });
  }
  return out;
}
