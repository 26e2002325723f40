// Turns a table recipe into the SQL of one batch: a single INSERT … SELECT over a row series
// (Postgres `generate_series`, SQLite a recursive CTE). Parent keys are read once per batch:
// Postgres collects them into arrays (one CTE row, indexed per child row, no join), SQLite
// numbers them into a temp table whose INTEGER PRIMARY KEY makes each pick a rowid lookup.
import type { Relation } from '../../schema/model';
import type { EngineId } from '../types';
import { engineFilled, type FkPlan, type TableRecipe } from './recipe';
import { HashSource, pickIndex, quoteIdent, quoteTable } from './sql';
import { sometimesNull, valueExpression, type ValueContext } from './values';

/** Parent keys read per batch at most: enough variety, bounded memory in the engine. */
export const MAX_PARENT_KEYS = 1_000_000;

export interface BatchOptions {
  engine: EngineId;
  skew: boolean;
  /** First and last row number of this batch (global: existing rows come first). */
  from: number;
  to: number;
  /** Largest row number of the whole step. */
  maxN: number;
  seed: number;
  /** Parent relations by key. */
  relations: Map<string, Relation>;
}

const TEMP = '_schemalab_';

interface Source {
  /** Setup: a CTE (Postgres) or temp-table statements (SQLite). */
  setup: string[];
  /** FROM-clause addition. */
  join: string;
  /** SQL of the key column values, in FK column order. */
  values: string[];
}

function table(r: Relation): string {
  return quoteTable(r.schema, r.name);
}

/** The parent-key query: non-NULL keys, unused ones for one-to-one, ordered for combos. */
function parentKeys(child: Relation, plan: FkPlan, parent: Relation, select: string): string {
  const ref = plan.fk.referencedColumns;
  const where = ref.map((c) => `q.${quoteIdent(c)} IS NOT NULL`);
  if (plan.mode === 'distinct') {
    const match = plan.fk.columns.map(
      (c, i) => `x.${quoteIdent(c)} = q.${quoteIdent(ref[i] ?? c)}`,
    );
    where.push(`NOT EXISTS (SELECT 1 FROM ${table(child)} AS x WHERE ${match.join(' AND ')})`);
  }
  const order = plan.mode === 'combo' ? ` ORDER BY ${ref.map((_, i) => i + 1).join(', ')}` : '';
  return `SELECT ${select} FROM ${table(parent)} AS q WHERE ${where.join(' AND ')}${order} LIMIT ${MAX_PARENT_KEYS}`;
}

/** 1-based pick of a parent row, as SQL, for each foreign key in order. */
function pickers(
  recipe: TableRecipe,
  counts: string[],
  hashes: HashSource,
  options: BatchOptions,
): string[] {
  let product: string | null = null;
  return recipe.fks.map((plan, i) => {
    const count = counts[i] ?? '0';
    if (plan.mode === 'distinct') return `(n - ${options.from - 1})`;
    if (plan.mode === 'combo') {
      const idx: string = product === null ? `(n - 1)` : `((n - 1) / (${product}))`;
      product = product === null ? count : `${product} * ${count}`;
      return `(1 + ${idx} % ${count})`;
    }
    const pick = `(1 + ${pickIndex(hashes.hash(), count, options.skew && plan.mode === 'random')})`;
    return plan.nullable ? `(${sometimesNull(pick, hashes)})` : pick;
  });
}

function sources(recipe: TableRecipe, hashes: HashSource, options: BatchOptions): Source[] {
  const pg = options.engine === 'postgres';
  const parents = recipe.fks.map((f) => options.relations.get(f.fk.referencedKey));
  const counts = recipe.fks.map((f, i) =>
    pg ? `cardinality(_p${i}.c0)` : `(SELECT max(rn) FROM temp.${quoteIdent(`${TEMP}p${i}`)})`,
  );
  const picks = pickers(recipe, counts, hashes, options);
  return recipe.fks.map((plan, i) => {
    const parent = parents[i];
    if (plan.mode === 'null' || !parent) return { setup: [], join: '', values: [] };
    const ref = plan.fk.referencedColumns;
    const pick = picks[i] ?? 'NULL';
    if (pg) {
      const keys = parentKeys(
        recipe.relation,
        plan,
        parent,
        ref.map((c, j) => `q.${quoteIdent(c)} AS k${j}`).join(', '),
      );
      const arrays = ref.map((_, j) => `array_agg(s.k${j}) AS c${j}`).join(', ');
      return {
        setup: [`_p${i} AS (SELECT ${arrays} FROM (${keys}) AS s)`],
        join: ` CROSS JOIN _p${i}`,
        values: ref.map((_, j) => `_p${i}.c${j}[${pick}]`),
      };
    }
    const temp = `temp.${quoteIdent(`${TEMP}p${i}`)}`;
    const cols = ref.map((_, j) => `k${j}`).join(', ');
    const keys = parentKeys(
      recipe.relation,
      plan,
      parent,
      ref.map((c) => `q.${quoteIdent(c)}`).join(', '),
    );
    return {
      setup: [
        `DROP TABLE IF EXISTS ${temp}`,
        `CREATE TEMP TABLE ${quoteIdent(`${TEMP}p${i}`)} (rn INTEGER PRIMARY KEY, ${cols})`,
        `INSERT INTO ${temp} (${cols}) ${keys}`,
      ],
      join: ` LEFT JOIN ${temp} AS _p${i} ON _p${i}.rn = ${pick}`,
      values: ref.map((_, j) => `_p${i}.k${j}`),
    };
  });
}

/** The statements of one batch, joined into one script (SQLite needs several statements). */
export function batchSql(recipe: TableRecipe, options: BatchOptions): string | { error: string } {
  const pg = options.engine === 'postgres';
  const hashes = new HashSource(options.engine, options.seed);
  const bases: string[] = [];
  const ctx: ValueContext = {
    engine: options.engine,
    hashes,
    skew: options.skew,
    maxN: options.maxN,
    local: `(n - ${options.from - 1})`,
    uniqueBase(column, floor) {
      const col = quoteIdent(column);
      const f = floor - 1;
      const fn = pg ? 'greatest' : 'max';
      bases.push(
        `(SELECT ${fn}(coalesce(max(${col}), ${f}), ${f}) FROM ${table(recipe.relation)}) AS b${bases.length}`,
      );
      return `_b.b${bases.length - 1}`;
    },
  };
  const fkSources = sources(recipe, hashes, options);
  const exprs = new Map<string, string>();
  recipe.fks.forEach((plan, i) => {
    plan.fk.columns.forEach((c, j) => {
      const v = fkSources[i]?.values[j];
      if (v !== undefined) exprs.set(c, v);
    });
  });
  for (const { spec, sometimesNull: nulls } of recipe.values) {
    const v = valueExpression(spec, ctx);
    if (typeof v !== 'string') {
      return { error: `Cannot generate ${recipe.relation.name}.${spec.name}: ${v.error}.` };
    }
    exprs.set(spec.name, nulls ? sometimesNull(v, hashes) : v);
  }
  const columns = recipe.relation.columns.map((c) => c.name).filter((c) => exprs.has(c));
  if (columns.length === 0) {
    // Nothing to generate: name one column that takes NULL (SQLite's rowid numbers itself),
    // or on Postgres select no columns at all so every column gets its default.
    const rel = recipe.relation;
    const empty = rel.columns.find(
      (c) =>
        (c.nullable && c.default === null && !c.generated && !c.identity) ||
        (engineFilled(rel, c) && rel.sqlite !== null && c.isPrimaryKey),
    );
    if (empty) {
      exprs.set(empty.name, 'NULL');
      columns.push(empty.name);
    } else if (!pg) {
      return { error: `${rel.name} has no column the generator can fill.` };
    }
  }
  const target = table(recipe.relation);
  const list = columns.map(quoteIdent).join(', ');
  const select = columns.map((c) => `${exprs.get(c)} AS ${quoteIdent(c)}`).join(',\n  ');
  const series = pg ? `generate_series(${options.from}::bigint, ${options.to}) AS g(n)` : 'g';
  const baseTemp = `temp.${quoteIdent(`${TEMP}b`)}`;
  const joins =
    (bases.length > 0 ? (pg ? ' CROSS JOIN _b' : ` CROSS JOIN ${baseTemp} AS _b`) : '') +
    fkSources.map((s) => s.join).join('');
  let query = `SELECT ${select}\nFROM ${series}${joins}`;
  if (recipe.filters.length > 0) {
    const where = recipe.filters.map((f) => `(${f}) IS NOT FALSE`).join(' AND ');
    query = `SELECT ${list} FROM (${query}) AS _r WHERE ${where}`;
  }
  const ignore = recipe.ignoreConflicts;
  if (pg) {
    const ctes = [
      ...(bases.length > 0 ? [`_b AS (SELECT ${bases.join(', ')})`] : []),
      ...fkSources.flatMap((s) => s.setup),
    ];
    // The WITH goes inside the INSERT, so the statement still reads as an INSERT (command
    // tags and row counts in the adapters come from the first word).
    const withClause = ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n` : '';
    const into = columns.length > 0 ? `${target} (${list})` : target;
    return `INSERT INTO ${into}\n${withClause}${query}${ignore ? '\nON CONFLICT DO NOTHING' : ''}`;
  }
  const h = hashes.sqliteColumns;
  const rnd = h.map(() => ', random() & 2147483647').join('');
  const cte =
    `WITH RECURSIVE g(${['n', ...h].join(', ')}) AS (SELECT ${options.from}${rnd} ` +
    `UNION ALL SELECT n + 1${rnd} FROM g WHERE n < ${options.to})`;
  const setup = [
    ...fkSources.flatMap((s) => s.setup),
    ...(bases.length > 0
      ? [
          `DROP TABLE IF EXISTS ${baseTemp}`,
          `CREATE TEMP TABLE ${quoteIdent(`${TEMP}b`)} AS SELECT ${bases.join(', ')}`,
        ]
      : []),
  ];
  const cleanup = [
    ...fkSources.flatMap((_, i) =>
      recipe.fks[i]?.mode === 'null' ? [] : [`DROP TABLE temp.${quoteIdent(`${TEMP}p${i}`)}`],
    ),
    ...(bases.length > 0 ? [`DROP TABLE ${baseTemp}`] : []),
  ];
  const insert = `INSERT ${ignore ? 'OR IGNORE ' : ''}INTO ${target} (${list})\n${cte}\n${query}`;
  return [...setup, insert, ...cleanup].map((s) => `${s};`).join('\n');
}
