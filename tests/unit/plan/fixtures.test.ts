// Fixture-folder tests: every plan file in tests/fixtures/plans/{postgres,sqlite} is read and
// compared with its `.expect.json`. Adding a case is adding files:
//   postgres/NN-name.json and/or NN-name.txt   + NN-name.expect.json
//   sqlite/NN-name.rows.json (or NN-name.txt [+ NN-name.options.json]) + NN-name.expect.json
// A recorded pair (.json + .txt of the same query) shares one expect file, which proves
// that both formats read the same. `UPDATE_EXPECT=1` writes expect files that are missing,
// to be reviewed by hand before committing.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../../src/engine/plan/parse';
import { planFromSqliteRows, type EqpRow } from '../../../src/engine/plan/sqlite';
import { annotatePlan, type AnnotateOptions } from '../../../src/engine/plan/annotate';
import { flattenPlan } from '../../../src/engine/plan/slowest-path';
import type { Plan } from '../../../src/engine/plan/model';
import type { PlanParseResult } from '../../../src/engine/plan/result';
import { annotationFacts, outline } from './outline';

const ROOT = join(import.meta.dirname, '../../fixtures/plans');
// Time-based rules depend on the machine that recorded the plan; unit tests cover them.
const TIMING_RULES = new Set(['pg-slowest-node']);

interface Expectation {
  analyzed: boolean;
  nodes: string[];
  annotations: Record<string, unknown>[];
  planningTime?: number;
  executionTime?: number;
  triggers?: number;
}

interface Case {
  file: string;
  name: string;
  /** How many plan files share this name (2 for a recorded JSON + TEXT pair). */
  pairCount: number;
  read: () => { result: PlanParseResult; options: AnnotateOptions };
}

function cases(engine: 'postgres' | 'sqlite'): Case[] {
  const dir = join(ROOT, engine);
  const files = readdirSync(dir)
    .filter((f) => /\.(json|txt)$/.test(f) && !/\.(expect|options)\.json$/.test(f))
    .sort();
  const nameOf = (file: string): string => file.replace(/\.(rows\.json|json|txt)$/, '');
  return files.map((file) => {
    const name = nameOf(file);
    const pairCount = files.filter((f) => nameOf(f) === name).length;
    const text = readFileSync(join(dir, file), 'utf8');
    const optionsFile = join(dir, `${name}.options.json`);
    const fileOptions = existsSync(optionsFile)
      ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as AnnotateOptions)
      : {};
    const read = (): { result: PlanParseResult; options: AnnotateOptions } => {
      if (file.endsWith('.rows.json')) {
        const recorded = JSON.parse(text) as AnnotateOptions & { rows: EqpRow[] };
        const { rows, ...options } = recorded;
        return { result: planFromSqliteRows(rows), options };
      }
      return { result: parsePlan(text), options: fileOptions };
    };
    return { file, name, pairCount, read };
  });
}

// A recorded pair ran twice, so only a single file's times can be pinned down.
function actual(plan: Plan, options: AnnotateOptions, withTimes: boolean): Expectation {
  return {
    analyzed: plan.analyzed,
    nodes: outline(plan),
    annotations: annotatePlan(plan, options)
      .filter((a) => !TIMING_RULES.has(a.rule))
      .map(annotationFacts),
    ...(withTimes && plan.planningTime !== undefined ? { planningTime: plan.planningTime } : {}),
    ...(withTimes && plan.executionTime !== undefined ? { executionTime: plan.executionTime } : {}),
    ...(plan.triggers.length > 0 ? { triggers: plan.triggers.length } : {}),
  };
}

for (const engine of ['postgres', 'sqlite'] as const) {
  describe(`${engine} plan fixtures`, () => {
    for (const c of cases(engine)) {
      it(c.file, () => {
        const { result, options } = c.read();
        if (!result.ok) throw new Error(`${c.file}: ${result.error.message}`);
        const plan = result.plan;
        const expectFile = join(ROOT, engine, `${c.name}.expect.json`);
        const paired = c.pairCount > 1;
        const got = actual(plan, options, !paired);
        if (!existsSync(expectFile) && process.env.UPDATE_EXPECT === '1') {
          writeFileSync(expectFile, `${JSON.stringify(got, null, 2)}\n`);
        }
        const wanted = JSON.parse(readFileSync(expectFile, 'utf8')) as Expectation;
        expect(got).toEqual(wanted);
        // Ids are 0..n-1 in pre-order.
        expect(flattenPlan(plan.root).map((f) => f.node.id)).toEqual(
          Array.from({ length: plan.nodeCount }, (_, i) => i),
        );
        // Exclusive times add up to the root's time: nothing is counted twice or lost.
        if (plan.timed && plan.root.inclusiveTime !== undefined) {
          const sum = flattenPlan(plan.root).reduce((s, f) => s + (f.node.exclusiveTime ?? 0), 0);
          expect(sum).toBeCloseTo(plan.root.inclusiveTime, 1);
        }
      });
    }
  });
}
