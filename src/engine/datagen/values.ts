// One SQL expression per column and type. Non-unique values come from a per-row hash, unique
// ones from the row number (`n`) or from the column's current maximum plus the row's position,
// so a batch never collides with earlier batches or rows that were already there.
import type { EngineId } from '../types';
import { emptyRules, type ColumnRules, type ListValue } from './checks';
import type { GenType } from './column-type';
import { HashSource, intLiteral, pickIndex, quoteLiteral } from './sql';
import { TextBuilder } from './text';
import { PRODUCTS } from './words';

export interface ColumnSpec {
  name: string;
  type: GenType;
  rules: ColumnRules;
  unique: boolean;
}

export interface ValueContext {
  engine: EngineId;
  hashes: HashSource;
  skew: boolean;
  /** Largest row number (`n`) the statement produces. */
  maxN: number;
  /** This row's 1-based position within the statement, as SQL. */
  local: string;
  /** Registers "largest value of `column`, at least `floor`" and returns SQL that reads it. */
  uniqueBase(column: string, floor: number): string;
}

export type ValueResult = string | { error: string };

/** Default ranges by column name, so ages, years and quantities look plausible. */
function defaultRange(name: string): [number, number] {
  const n = name.toLowerCase();
  if (/year/.test(n)) return [1990, 2025];
  if (/(^|_)age$/.test(n)) return [18, 90];
  if (/qty|quantity|count/.test(n)) return [1, 20];
  if (/rating|stars|score|rank/.test(n)) return [1, 5];
  return [1, 1000];
}

/** Integer range [lo, hi] from the CHECK rules, the name defaults and the type, in `unit`s. */
function range(
  spec: ColumnSpec,
  unit: number,
  typeMin: number,
  typeMax: number,
): [number, number] | null {
  const [dLo, dHi] = defaultRange(spec.name).map((v) => v * unit) as [number, number];
  const { lower, upper } = spec.rules;
  const ruleLo =
    lower === null
      ? null
      : lower.strict
        ? Math.floor(lower.value * unit) + 1
        : Math.ceil(lower.value * unit);
  const ruleHi =
    upper === null
      ? null
      : upper.strict
        ? Math.ceil(upper.value * unit) - 1
        : Math.floor(upper.value * unit);
  let lo = ruleLo ?? dLo;
  let hi = ruleHi ?? (spec.unique ? typeMax : dHi);
  if (lo > hi && ruleHi === null) hi = lo + (dHi - dLo);
  if (lo > hi && ruleLo === null) lo = hi - (dHi - dLo);
  lo = Math.max(lo, typeMin);
  hi = Math.min(hi, typeMax);
  return lo <= hi ? [lo, hi] : null;
}

/** Picks one of `values` (SQL literals) per row; Postgres indexes an array, SQLite uses CASE. */
function pickList(values: string[], ctx: ValueContext, arrayCast = ''): string {
  const idx = pickIndex(ctx.hashes.hash(), values.length, ctx.skew);
  if (values.length === 1) return arrayCast ? `${values[0]}::${arrayCast}` : (values[0] ?? 'NULL');
  if (ctx.engine === 'postgres') {
    const cast = arrayCast ? `::${arrayCast}[]` : '';
    return `(ARRAY[${values.join(', ')}]${cast})[1 + ${idx}]`;
  }
  const arms = values.slice(0, -1).map((v, i) => `WHEN ${i} THEN ${v}`);
  return `(CASE ${idx} ${arms.join(' ')} ELSE ${values[values.length - 1]} END)`;
}

function numbersIn(list: ListValue[], lo: number, hi: number, unit: number): string[] {
  return list
    .filter((v) => v.number !== null && v.number * unit >= lo && v.number * unit <= hi)
    .map((v) => intLiteral(v.number ?? 0));
}

/** Numbers with `scale` decimals within [typeMin, typeMax] (in units of 10^-scale). */
function numeric(
  spec: ColumnSpec,
  ctx: ValueContext,
  scale: number,
  typeMin: number,
  typeMax: number,
): ValueResult {
  const unit = 10 ** scale;
  const r = range(spec, unit, typeMin, typeMax);
  if (!r) return { error: 'its CHECK constraints allow no value' };
  const [lo, hi] = r;
  if (spec.rules.allowed) {
    const allowed = numbersIn(spec.rules.allowed, -Infinity, Infinity, 1);
    if (allowed.length === 0) return { error: 'its CHECK list allows no number' };
    return pickList(allowed, ctx);
  }
  if (spec.unique) {
    // Whole steps above the current maximum: unique whatever the scale.
    const floor = Math.ceil(lo / unit);
    if (Math.floor(hi / unit) - floor + 1 < ctx.maxN) {
      return { error: `its range cannot hold ${ctx.maxN.toLocaleString('en-US')} unique values` };
    }
    return `${ctx.uniqueBase(spec.name, floor)} + ${ctx.local}`;
  }
  const value = `(${intLiteral(lo)} + ${pickIndex(ctx.hashes.hash(), hi - lo + 1, ctx.skew && scale === 0)})`;
  if (scale === 0) return value;
  return `${value} / ${unit}.0`;
}

function pgTime(kind: 'timestamp' | 'time', tz: boolean, seconds: string): string {
  if (kind === 'time') {
    const t = `(TIME '00:00' + ${seconds} * INTERVAL '1 second')`;
    return tz ? `${t}::time with time zone` : t;
  }
  const start = tz ? `TIMESTAMPTZ '2020-01-01 00:00:00+00'` : `TIMESTAMP '2020-01-01 00:00:00'`;
  return `(${start} + ${seconds} * INTERVAL '1 second')`;
}

const SIX_YEARS_SECONDS = 189_302_400;
const SIX_YEARS_DAYS = 2191;
/** julianday('2020-01-01') and julianday('1950-01-01'). */
const JD_2020 = 2458849.5;
const JD_1950 = 2433282.5;

/** The SQL expression for one column's value, or why it cannot be generated. */
export function valueExpression(spec: ColumnSpec, ctx: ValueContext): ValueResult {
  const pg = ctx.engine === 'postgres';
  const h = (): string => ctx.hashes.hash();
  const t = spec.type;
  switch (t.kind) {
    case 'int': {
      if (spec.rules.allowed) {
        const allowed = numbersIn(spec.rules.allowed, t.min, t.max, 1);
        return allowed.length > 0 ? pickList(allowed, ctx) : { error: 'its CHECK list is empty' };
      }
      return numeric(spec, ctx, 0, t.min, t.max);
    }
    case 'decimal': {
      const max = Math.min(10 ** (t.digits + t.scale) - 1, Number.MAX_SAFE_INTEGER);
      return numeric(spec, ctx, t.scale, -max, max);
    }
    case 'float': {
      const scale = spec.unique ? 0 : 2;
      const v = numeric(spec, ctx, scale, -1e15, 1e15);
      return typeof v === 'string' && pg && !spec.unique ? `(${v})::float8` : v;
    }
    case 'money': {
      const v = numeric(spec, ctx, 2, -1e14, 1e14);
      return typeof v === 'string' ? `(${v})::numeric::money` : v;
    }
    case 'text': {
      if (spec.rules.allowed)
        return pickList(
          spec.rules.allowed.map((v) => v.sql),
          ctx,
        );
      const maxLength =
        t.maxLength === null
          ? spec.rules.maxLength
          : Math.min(t.maxLength, spec.rules.maxLength ?? t.maxLength);
      const builder = new TextBuilder(ctx.engine, {
        hashes: ctx.hashes,
        skew: ctx.skew,
        unique: spec.unique,
        maxLength,
        minLength: spec.rules.minLength,
        maxN: ctx.maxN,
      });
      const v = builder.build(spec.name);
      return typeof v === 'string' ? v : { error: v.error };
    }
    case 'bool': {
      const v = ctx.skew ? `${h()} % 10 < 8` : `${h()} % 2 = 0`;
      return `(${v})`;
    }
    case 'date': {
      const birth = /birth|dob/i.test(spec.name);
      if (spec.unique) return pg ? `(DATE '2020-01-01' + n::int)` : `date(${JD_2020} + n)`;
      const days = `(${h()} % ${birth ? 20000 : SIX_YEARS_DAYS})`;
      if (pg) return `(DATE '${birth ? '1950' : '2020'}-01-01' + ${days}::int)`;
      return `date(${birth ? JD_1950 : JD_2020} + ${days})`;
    }
    case 'timestamp':
    case 'time': {
      const span = t.kind === 'time' ? 86400 : SIX_YEARS_SECONDS;
      if (spec.unique && t.kind === 'time' && ctx.maxN >= span) {
        return { error: 'a day has fewer seconds than the unique values needed' };
      }
      const seconds = spec.unique ? 'n' : `(${h()} % ${span})`;
      if (pg) return pgTime(t.kind, t.tz, seconds);
      return t.kind === 'time'
        ? `time(${seconds}, 'unixepoch')`
        : `datetime(1577836800 + ${seconds}, 'unixepoch')`;
    }
    case 'interval':
      return `(${spec.unique ? 'n' : `(${h()} % 100000)`} * INTERVAL '1 minute')`;
    case 'uuid': {
      if (pg) return 'gen_random_uuid()';
      const hex = (bytes: number): string => `hex(randomblob(${bytes}))`;
      return `lower(${hex(4)} || '-' || ${hex(2)} || '-4' || substr(${hex(2)}, 2) || '-a' || substr(${hex(2)}, 2) || '-' || ${hex(6)})`;
    }
    case 'json': {
      const tag = new TextBuilder(ctx.engine, {
        hashes: ctx.hashes,
        skew: ctx.skew,
        unique: false,
        maxLength: null,
        minLength: null,
        maxN: ctx.maxN,
      }).word(PRODUCTS, true);
      const fn = pg ? (t.binary ? 'jsonb_build_object' : 'json_build_object') : 'json_object';
      return `${fn}('id', n, 'tag', ${tag}, 'score', ${h()} % 100)`;
    }
    case 'bytes':
      // 16 random bytes repeat with probability ~2^-64 per pair: unique in practice.
      if (!pg) return spec.unique ? 'randomblob(16)' : 'randomblob(8)';
      return spec.unique ? 'int8send(n)' : `int8send(${h()})`;
    case 'inet':
      if (spec.unique && ctx.maxN >= 16_777_216) return { error: 'too many unique addresses' };
      return `('10.0.0.0'::inet + ${spec.unique ? 'n' : `${h()} % 16777216`})`;
    case 'enum': {
      const allowed = spec.rules.allowed?.map((v) => v.sql);
      const labels = allowed ?? t.labels.map(quoteLiteral);
      if (labels.length === 0) return { error: 'the enum has no labels' };
      return pickList(labels, ctx, t.typeSql);
    }
    case 'array': {
      if (!pg) return { error: 'SQLite has no arrays' };
      const element: ColumnSpec = { ...spec, type: t.element, unique: false, rules: emptyRules() };
      const a = valueExpression(element, ctx);
      const b = valueExpression(element, ctx);
      if (typeof a !== 'string') return a;
      if (typeof b !== 'string') return b;
      return `ARRAY[${a}, ${b}]`;
    }
    case 'unsupported':
      return { error: 'its type is not supported' };
  }
}

/** Whether the generator can make this column unique by itself (no FK, no short list). */
export function canBeUnique(type: GenType, rules: ColumnRules): boolean {
  if (rules.allowed) return false;
  return !['bool', 'enum', 'array', 'json', 'money', 'unsupported'].includes(type.kind);
}

/** Wraps an expression so roughly one row in ten gets NULL (nullable, non-key columns). */
export function sometimesNull(expr: string, hashes: HashSource): string {
  return `CASE WHEN ${hashes.hash()} % 10 = 0 THEN NULL ELSE ${expr} END`;
}
