// What kind of value a column takes, read from the type text the introspection stored:
// `format_type()` output on Postgres (enums and domains resolved through the model), the
// declared type on SQLite (by name first, then SQLite's own affinity rules).
import type { SchemaModel } from '../../schema/model';

export type GenType =
  | { kind: 'int'; min: number; max: number }
  /** numeric(p, s): `digits` before the point, `scale` after. */
  | { kind: 'decimal'; digits: number; scale: number }
  | { kind: 'float' }
  | { kind: 'money' }
  | { kind: 'text'; maxLength: number | null }
  | { kind: 'bool' }
  | { kind: 'date' }
  | { kind: 'timestamp'; tz: boolean }
  | { kind: 'time'; tz: boolean }
  | { kind: 'interval' }
  | { kind: 'uuid' }
  | { kind: 'json'; binary: boolean }
  | { kind: 'bytes' }
  | { kind: 'inet' }
  /** `typeSql` is the enum's name as format_type prints it, for casts. */
  | { kind: 'enum'; labels: string[]; typeSql: string }
  | { kind: 'array'; element: GenType }
  | { kind: 'unsupported' };

export interface ColumnType {
  type: GenType;
  /** Domain CHECKs, with `VALUE` standing for the column. */
  domainChecks: string[];
  /** The domain says NOT NULL. */
  domainNotNull: boolean;
}

const INT_RANGES: Record<string, [number, number]> = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  // JavaScript numbers are exact to 2^53, far beyond what a playground inserts.
  bigint: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Postgres quotes a name in format_type output only when it must, e.g. `"Mood"`. */
function pgTypeName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Whether `text` names the type `schema.name` as format_type prints it. */
function namesType(text: string, schema: string, name: string): boolean {
  const bare = pgTypeName(name);
  return text === bare || text === `${pgTypeName(schema)}.${bare}`;
}

/** Classifies a Postgres type as `format_type()` prints it, e.g. `character varying(10)`. */
export function classifyPgType(text: string, model: SchemaModel, depth = 0): ColumnType {
  const plain = (type: GenType): ColumnType => ({ type, domainChecks: [], domainNotNull: false });
  if (text.endsWith('[]')) {
    const element = classifyPgType(text.slice(0, -2), model, depth).type;
    return plain(element.kind === 'unsupported' ? element : { kind: 'array', element });
  }
  const range = INT_RANGES[text];
  if (range) return plain({ kind: 'int', min: range[0], max: range[1] });
  const numeric = /^numeric(?:\((\d+)(?:,(\d+))?\))?$/.exec(text);
  if (numeric) {
    const precision = Number(numeric[1] ?? 12);
    const scale = Number(numeric[2] ?? (numeric[1] ? 0 : 2));
    return plain({ kind: 'decimal', digits: precision - scale, scale });
  }
  const varchar = /^(?:character varying|character)(?:\((\d+)\))?$/.exec(text);
  if (varchar) {
    // Bare `character` is char(1); bare `character varying` has no limit.
    const limit = varchar[1] ? Number(varchar[1]) : text === 'character' ? 1 : null;
    return plain({ kind: 'text', maxLength: limit });
  }
  if (['text', 'citext', 'name', 'bpchar'].includes(text)) {
    return plain({ kind: 'text', maxLength: text === 'name' ? 63 : null });
  }
  const simple: Record<string, GenType> = {
    real: { kind: 'float' },
    'double precision': { kind: 'float' },
    money: { kind: 'money' },
    boolean: { kind: 'bool' },
    date: { kind: 'date' },
    uuid: { kind: 'uuid' },
    json: { kind: 'json', binary: false },
    jsonb: { kind: 'json', binary: true },
    bytea: { kind: 'bytes' },
    inet: { kind: 'inet' },
  };
  const known = simple[text];
  if (known) return plain(known);
  const time = /^(timestamp|time)(?:\(\d\))? with(out)? time zone$/.exec(text);
  if (time) return plain({ kind: time[1] === 'time' ? 'time' : 'timestamp', tz: !time[2] });
  if (/^interval\b/.test(text)) return plain({ kind: 'interval' });

  const en = model.enums.find((e) => namesType(text, e.schema, e.name));
  if (en) return plain({ kind: 'enum', labels: en.labels, typeSql: text });
  const domain = model.domains.find((d) => namesType(text, d.schema, d.name));
  // Domains over domains are fine; a cycle is impossible in Postgres, the depth is a guard.
  if (domain && depth < 8) {
    const base = classifyPgType(domain.baseType, model, depth + 1);
    return {
      type: base.type,
      domainChecks: [...base.domainChecks, ...domain.checks.map((c) => c.expression)],
      domainNotNull: base.domainNotNull || domain.notNull,
    };
  }
  return plain({ kind: 'unsupported' });
}

/** Classifies an SQLite declared type: by meaning first, then by SQLite's affinity rules. */
export function classifySqliteType(declared: string): ColumnType {
  const text = declared.toUpperCase();
  const length = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(text);
  const type = ((): GenType => {
    if (text.trim() === '') return { kind: 'text', maxLength: null };
    if (text.includes('BOOL')) return { kind: 'bool' };
    if (/DATETIME|TIMESTAMP/.test(text)) return { kind: 'timestamp', tz: false };
    if (text.includes('DATE')) return { kind: 'date' };
    if (text.includes('TIME')) return { kind: 'time', tz: false };
    if (/UUID|GUID/.test(text)) return { kind: 'uuid' };
    if (text.includes('JSON')) return { kind: 'json', binary: false };
    if (text.includes('INT')) {
      return { kind: 'int', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
    }
    if (/CHAR|CLOB|TEXT|STRING/.test(text)) {
      return { kind: 'text', maxLength: length ? Number(length[1]) : null };
    }
    if (text.includes('BLOB')) return { kind: 'bytes' };
    if (/REAL|FLOA|DOUB/.test(text)) return { kind: 'float' };
    // NUMERIC affinity: DECIMAL(p,s), NUMERIC, MONEY and any other name.
    const precision = length ? Number(length[1]) : 12;
    const scale = length?.[2] ? Number(length[2]) : length ? 0 : 2;
    return { kind: 'decimal', digits: precision - scale, scale };
  })();
  return { type, domainChecks: [], domainNotNull: false };
}

/** A short name of the type for messages. */
export function describeGenType(type: GenType): string {
  return type.kind === 'array' ? `${describeGenType(type.element)}[]` : type.kind;
}
