// Decides, for one table, what each column gets: left to the engine, a generated value, or a
// parent's key; which column carries each UNIQUE/PRIMARY KEY set; and which CHECKs can only
// be honoured by filtering rows. Only the schema matters here; row counts come later.
import type { Column, ForeignKey, Relation, SchemaModel } from '../../schema/model';
import type { EngineId } from '../types';
import { emptyRules, mergeRules, readCheck, substituteValue, type ColumnRules } from './checks';
import {
  classifyPgType,
  classifySqliteType,
  describeGenType,
  type ColumnType,
} from './column-type';
import { tokenize } from '../introspect/sql-tokens';
import { quoteIdent } from './sql';
import { canBeUnique, type ColumnSpec } from './values';

/**
 * How a foreign key picks parent rows: `random` any row (skewable), `distinct` a row no child
 * uses yet (one-to-one), `combo` one combination of several parents per row (a unique set
 * made only of foreign keys), `loop` rows that exist before the statement (self-references
 * and cycles), `null` no parent table in the model (the columns stay NULL).
 */
export type FkMode = 'random' | 'distinct' | 'combo' | 'loop' | 'null';

export interface FkPlan {
  fk: ForeignKey;
  mode: FkMode;
  /** Every column of the key may be NULL, so some rows leave it empty. */
  nullable: boolean;
}

export interface ValueColumn {
  spec: ColumnSpec;
  /** Leave roughly one row in ten NULL. */
  sometimesNull: boolean;
}

export interface TableRecipe {
  relation: Relation;
  values: ValueColumn[];
  fks: FkPlan[];
  /** Boolean SQL over column names: rows where one is false are not inserted. */
  filters: string[];
  /** A unique set made of foreign keys only may meet rows from an earlier run: skip those. */
  ignoreConflicts: boolean;
  warnings: string[];
}

/** Columns the engine fills by itself, so they are never in the INSERT list. */
export function engineFilled(relation: Relation, column: Column): boolean {
  if (column.generated || column.identity) return true;
  if (column.default !== null && /^nextval\(/i.test(column.default)) return true;
  // SQLite: an `INTEGER PRIMARY KEY` is the rowid and numbers itself.
  const pk = relation.primaryKey?.columns;
  return (
    relation.sqlite !== null &&
    !relation.sqlite.withoutRowid &&
    pk?.length === 1 &&
    pk[0] === column.name &&
    column.type.trim().toUpperCase() === 'INTEGER'
  );
}

/** Whether the values the engine fills in when the column is left out are unique. */
function engineUnique(relation: Relation, column: Column): boolean {
  return (
    (engineFilled(relation, column) && column.generated === null) ||
    /gen_random_uuid|uuid_generate/i.test(column.default ?? '')
  );
}

function classify(model: SchemaModel, column: Column, engine: EngineId): ColumnType {
  return engine === 'postgres'
    ? classifyPgType(column.type, model)
    : classifySqliteType(column.type);
}

/** Unique column sets: the primary key, UNIQUE constraints and unique indexes. */
function uniqueSets(relation: Relation): string[][] {
  const names = new Set(relation.columns.map((c) => c.name));
  const sets: string[][] = [];
  if (relation.primaryKey) sets.push(relation.primaryKey.columns);
  for (const u of relation.uniques) sets.push(u.columns);
  for (const index of relation.indexes.filter((i) => i.unique)) {
    // Expression parts (`lower(email)`) count through the columns they mention.
    const cols = index.parts.flatMap((p) =>
      p.kind === 'column'
        ? [p.column]
        : tokenize(p.expression)
            .filter((t) => (t.kind === 'word' || t.kind === 'ident') && names.has(t.value))
            .map((t) => t.value),
    );
    if (cols.length > 0) sets.push([...new Set(cols)]);
  }
  const seen = new Set<string>();
  return sets
    .filter((s) => {
      const key = [...s].sort().join('\u0000');
      return !seen.has(key) && seen.add(key) !== undefined;
    })
    .sort((a, b) => a.length - b.length);
}

/** Reads the table's CHECKs (and its columns' domain CHECKs) into rules and row filters. */
function readChecks(
  relation: Relation,
  types: Map<string, ColumnType>,
  engine: EngineId,
  inserted: Set<string>,
): { rules: Map<string, ColumnRules>; filters: string[]; warnings: string[] } {
  const rules = new Map<string, ColumnRules>();
  const filters: string[] = [];
  const warnings: string[] = [];
  const same = (a: string, b: string): boolean =>
    engine === 'postgres' ? a === b : a.toLowerCase() === b.toLowerCase();
  const byName = (value: string): string | null =>
    relation.columns.find((c) => same(c.name, value))?.name ?? null;
  const brackets = engine === 'postgres' ? 'array' : 'quote';
  const absorb = (found: Map<string, ColumnRules>): void => {
    for (const [name, r] of found) rules.set(name, mergeRules(rules.get(name) ?? emptyRules(), r));
  };
  for (const check of relation.checks) {
    if (!check.enforced) continue;
    const reading = readCheck(
      check.expression,
      (t) => (t.kind === 'word' || t.kind === 'ident' ? byName(t.value) : null),
      brackets,
    );
    absorb(reading.rules);
    if (reading.understood) continue;
    const mentioned = relation.columns.filter((c) =>
      tokenize(check.expression).some(
        (t) => (t.kind === 'word' || t.kind === 'ident') && same(t.value, c.name),
      ),
    );
    if (mentioned.every((c) => inserted.has(c.name))) {
      filters.push(check.expression);
      warnings.push(
        `Rows that break CHECK (${check.expression}) on ${relation.name} are skipped, so it may get fewer rows.`,
      );
    } else {
      warnings.push(
        `CHECK (${check.expression}) on ${relation.name} involves values the engine fills; inserts may fail.`,
      );
    }
  }
  for (const [name, type] of types) {
    for (const expression of type.domainChecks) {
      const reading = readCheck(
        expression,
        (t) => (t.kind === 'word' && t.text.toUpperCase() === 'VALUE' ? name : null),
        brackets,
      );
      absorb(reading.rules);
      if (!reading.understood && inserted.has(name)) {
        filters.push(substituteValue(expression, quoteIdent(name)));
        warnings.push(
          `Rows that break the domain CHECK (${expression}) of ${relation.name}.${name} are skipped.`,
        );
      }
    }
  }
  return { rules, filters, warnings };
}

/** One plan per foreign key (overlapping keys after the first are skipped with a warning). */
function foreignKeyPlans(
  model: SchemaModel,
  relation: Relation,
  warnings: string[],
): { fks: FkPlan[]; fkOf: Map<string, FkPlan> } | { error: string } {
  const byKey = new Map(model.relations.map((r) => [r.key, r]));
  const fkOf = new Map<string, FkPlan>();
  const fks: FkPlan[] = [];
  for (const fk of relation.foreignKeys) {
    const cols = fk.columns.map((n) => relation.columns.find((c) => c.name === n));
    if (cols.some((c) => !c || engineFilled(relation, c))) continue;
    if (fk.columns.some((c) => fkOf.has(c))) {
      warnings.push(
        `${relation.name} has overlapping foreign keys on ${fk.columns.join(', ')}; only the first is followed, inserts may fail.`,
      );
      continue;
    }
    const nullable = cols.every((c) => c?.nullable === true);
    const parent = byKey.get(fk.referencedKey);
    let mode: FkMode = parent?.key === relation.key ? 'loop' : 'random';
    if (!parent) {
      if (!nullable) {
        return {
          error: `${relation.name}.${fk.columns.join(', ')} references ${fk.referencedKey}, which is not in the schema.`,
        };
      }
      mode = 'null';
    }
    const plan: FkPlan = { fk, mode, nullable };
    fks.push(plan);
    for (const c of fk.columns) fkOf.set(c, plan);
  }
  return { fks, fkOf };
}

/** Works out one table's recipe, or why no rows can be generated for it. */
export function analyzeTable(
  model: SchemaModel,
  relation: Relation,
  engine: EngineId,
): TableRecipe | { error: string } {
  const warnings: string[] = [];
  const foreign = foreignKeyPlans(model, relation, warnings);
  if ('error' in foreign) return foreign;
  const { fks, fkOf } = foreign;

  const sets = uniqueSets(relation);
  const inUniqueSet = new Set(sets.flat());
  const types = new Map<string, ColumnType>();
  const candidates: Column[] = [];
  for (const column of relation.columns) {
    if (engineFilled(relation, column) || fkOf.has(column.name)) continue;
    const type = classify(model, column, engine);
    const nullable = column.nullable && !type.domainNotNull;
    if (type.type.kind === 'unsupported' || (type.type.kind === 'array' && engine === 'sqlite')) {
      if (nullable || column.default !== null) continue; // NULL or the default
      return {
        error: `Cannot generate values for column ${column.name} of type ${column.type} in ${relation.name}.`,
      };
    }
    // Left to its default, unless the default would repeat in a unique column.
    if (nullable && column.default !== null && !inUniqueSet.has(column.name)) continue;
    types.set(column.name, type);
    candidates.push(column);
  }

  const inserted = new Set([...types.keys(), ...fkOf.keys()]);
  const checks = readChecks(relation, types, engine, inserted);
  warnings.push(...checks.warnings);
  const unique = new Set<string>();
  let ignoreConflicts = false;
  // Left out and nullable without a default means NULL, and NULLs never collide.
  const staysNull = (c: Column): boolean =>
    c.nullable && c.default === null && !types.has(c.name) && !fkOf.has(c.name);
  for (const set of sets) {
    const cols = set.map((n) => relation.columns.find((c) => c.name === n));
    if (
      cols.some(
        (c) =>
          !c ||
          (engineUnique(relation, c) && !types.has(c.name) && !fkOf.has(c.name)) ||
          staysNull(c) ||
          unique.has(c.name),
      )
    )
      continue;
    const own = candidates.find((c) => {
      const t = types.get(c.name);
      return (
        set.includes(c.name) && t && canBeUnique(t.type, checks.rules.get(c.name) ?? emptyRules())
      );
    });
    if (own) {
      unique.add(own.name);
      continue;
    }
    // A nullable self-reference in a unique set stays NULL: NULLs never collide.
    const loops = fks.filter(
      (f) => f.mode === 'loop' && f.nullable && f.fk.columns.every((c) => set.includes(c)),
    );
    if (loops.length > 0) {
      for (const f of loops) f.mode = 'null';
      continue;
    }
    const covering = fks.filter(
      (f) => f.mode !== 'null' && f.mode !== 'loop' && f.fk.columns.every((c) => set.includes(c)),
    );
    const covered = new Set(covering.flatMap((f) => f.fk.columns));
    if (covering.length > 0 && set.every((c) => covered.has(c))) {
      for (const f of covering) f.mode = covering.length === 1 ? 'distinct' : 'combo';
      // Combinations are numbered in one order per run; an earlier run used another one.
      ignoreConflicts ||= covering.length > 1;
      continue;
    }
    const kinds = cols.map((c) => (c ? describeGenType(classify(model, c, engine).type) : '?'));
    return {
      error: `Cannot keep (${set.join(', ')}) unique in ${relation.name}: no column of it can take unique values (${kinds.join(', ')}).`,
    };
  }

  const values: ValueColumn[] = candidates.map((column) => {
    const rules = checks.rules.get(column.name) ?? emptyRules();
    const type = types.get(column.name) as ColumnType;
    const isUnique = unique.has(column.name);
    return {
      spec: { name: column.name, type: type.type, rules, unique: isUnique },
      sometimesNull: column.nullable && !type.domainNotNull && !isUnique && !column.isPrimaryKey,
    };
  });
  if (relation.kind === 'partitioned-table') {
    warnings.push(`${relation.name} is partitioned; rows whose values no partition accepts fail.`);
  }
  if (relation.triggers.some((t) => t.events.includes('insert') && t.enabled)) {
    warnings.push(`${relation.name} has INSERT triggers; they run for every generated row.`);
  }
  return { relation, values, fks, filters: checks.filters, ignoreConflicts, warnings };
}
