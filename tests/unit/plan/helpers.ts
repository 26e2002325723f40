// Small helpers shared by the plan tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../../src/engine/plan/parse';
import type { Plan, PlanNode } from '../../../src/engine/plan/model';
import { flattenPlan } from '../../../src/engine/plan/slowest-path';

/** Parses or fails the test with the parser's message. */
export function mustParse(text: string): Plan {
  const result = parsePlan(text);
  if (!result.ok) throw new Error(`expected a plan, got: ${result.error.message}`);
  return result.plan;
}

/** A fixture file's text. */
export function fixture(path: string): string {
  return readFileSync(join(import.meta.dirname, '../../fixtures/plans', path), 'utf8');
}

/** The node with this id (fails the test when missing). */
export function node(plan: Plan, id: number): PlanNode {
  const found = flattenPlan(plan.root).find((f) => f.node.id === id)?.node;
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

/** Lines joined with newlines, so plans can be written as arrays in tests. */
export function lines(...text: string[]): string {
  return text.join('\n');
}
