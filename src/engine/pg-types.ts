// How Postgres values reach the UI. PGlite's default parsers turn values into JavaScript
// objects (Date, arrays, parsed JSON) that lose what Postgres printed: `1.50` becomes 1.5,
// timestamps move to the browser's time zone. We keep Postgres' own text for everything
// except the types JavaScript holds exactly.

import { types } from '@electric-sql/pglite';
import type { ValueKind } from './types';

type Parser = (value: string) => unknown;

const identity: Parser = (v) => v;
const toNumber: Parser = (v) => Number(v);

/** int8 stays exact: a number when it fits, else Postgres' text. */
const int8: Parser = (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
};

/**
 * Parsers for PGlite's `parsers` option, overriding every parser the instance has. A type
 * with no parser at all (arrays, since the engine skips PGlite's array set-up) arrives as
 * Postgres' text, which is what we want.
 */
export function pgParsers(instanceParsers: object): Record<number, Parser> {
  const parsers: Record<number, Parser> = {};
  for (const key of [...Object.keys(types.parsers), ...Object.keys(instanceParsers)]) {
    const oid = Number(key);
    if (Number.isInteger(oid)) parsers[oid] = identity;
  }
  parsers[types.BOOL] = (v) => v === 't';
  for (const oid of [types.INT2, types.INT4, types.OID, types.FLOAT4, types.FLOAT8]) {
    parsers[oid] = toNumber;
  }
  parsers[types.INT8] = int8;
  const bytea = types.parsers[types.BYTEA];
  if (bytea) parsers[types.BYTEA] = (v) => bytea(v);
  return parsers;
}

/** Names and kinds of the common types, so most results need no catalog lookup. */
export const PG_KNOWN_TYPES = new Map<number, { name: string; kind: ValueKind }>([
  [16, { name: 'boolean', kind: 'boolean' }],
  [17, { name: 'bytea', kind: 'binary' }],
  [18, { name: '"char"', kind: 'text' }],
  [19, { name: 'name', kind: 'text' }],
  [20, { name: 'bigint', kind: 'number' }],
  [21, { name: 'smallint', kind: 'number' }],
  [23, { name: 'integer', kind: 'number' }],
  [25, { name: 'text', kind: 'text' }],
  [26, { name: 'oid', kind: 'number' }],
  [114, { name: 'json', kind: 'json' }],
  [700, { name: 'real', kind: 'number' }],
  [701, { name: 'double precision', kind: 'number' }],
  [705, { name: 'unknown', kind: 'text' }],
  [790, { name: 'money', kind: 'number' }],
  [1042, { name: 'character', kind: 'text' }],
  [1043, { name: 'character varying', kind: 'text' }],
  [1082, { name: 'date', kind: 'datetime' }],
  [1083, { name: 'time without time zone', kind: 'datetime' }],
  [1114, { name: 'timestamp without time zone', kind: 'datetime' }],
  [1184, { name: 'timestamp with time zone', kind: 'datetime' }],
  [1186, { name: 'interval', kind: 'datetime' }],
  [1266, { name: 'time with time zone', kind: 'datetime' }],
  [1700, { name: 'numeric', kind: 'number' }],
  [2249, { name: 'record', kind: 'other' }],
  [2278, { name: 'void', kind: 'other' }],
  [2950, { name: 'uuid', kind: 'text' }],
  [3802, { name: 'jsonb', kind: 'json' }],
  [1000, { name: 'boolean[]', kind: 'array' }],
  [1005, { name: 'smallint[]', kind: 'array' }],
  [1007, { name: 'integer[]', kind: 'array' }],
  [1009, { name: 'text[]', kind: 'array' }],
  [1015, { name: 'character varying[]', kind: 'array' }],
  [1016, { name: 'bigint[]', kind: 'array' }],
  [1021, { name: 'real[]', kind: 'array' }],
  [1022, { name: 'double precision[]', kind: 'array' }],
  [1231, { name: 'numeric[]', kind: 'array' }],
  [2951, { name: 'uuid[]', kind: 'array' }],
  [3807, { name: 'jsonb[]', kind: 'array' }],
]);

/** Maps Postgres' type category (pg_type.typcategory) to how values are shown. */
export function kindOfCategory(category: string, name: string): ValueKind {
  if (name === 'json' || name === 'jsonb') return 'json';
  if (name === 'bytea') return 'binary';
  switch (category) {
    case 'N':
      return 'number';
    case 'B':
      return 'boolean';
    case 'D':
    case 'T':
      return 'datetime';
    case 'A':
      return 'array';
    case 'S':
    case 'E':
      return 'text';
    default:
      return 'other';
  }
}

/** Looks up unknown type OIDs; results are cached by the caller. */
export const PG_TYPE_LOOKUP_SQL = (oids: number[]): string =>
  `select oid::int, format_type(oid, null), typcategory::text from pg_type where oid in (${oids
    .map((o) => Math.trunc(o))
    .join(',')})`;
