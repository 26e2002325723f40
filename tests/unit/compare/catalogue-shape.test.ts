// The catalogue as data: complete, well-formed, and consistent with its demos' statement
// counts. (catalogue.test.ts runs the demos on the engines.)
import { describe, expect, it } from 'vitest';
import { CATALOGUE, catalogueEntry, demoScript } from '../../../src/compare/catalogue';
import { splitScript } from '../../../src/engine/split';

/** Topics the brief asks for, by entry id. */
const REQUIRED = [
  'type-affinity',
  'strict-tables',
  'varchar-length',
  'foreign-keys-off',
  'serial-vs-rowid',
  'rowid-and-autoincrement',
  'booleans',
  'date-time-storage',
  'now-function',
  'integer-division',
  'concat-null',
  'like-case',
  'null-ordering',
  'alter-table-limits',
  'returning',
  'upsert-on-conflict',
  'partial-expression-indexes',
  'gin-jsonb-indexes',
  'json-functions',
  'create-index-concurrently',
  'transactional-ddl',
  'without-rowid',
  'schemas-vs-attach',
  'check-constraints',
  'generated-columns',
  'distinct-on',
  'window-functions',
  'recursive-cte',
  'explain-formats',
  'begin-immediate',
  'double-quoted-strings',
  'update-from',
  'full-outer-join',
  'partial-unique-constraint',
];

describe('the differences catalogue', () => {
  it('has at least 32 entries with unique kebab-case ids, covering the required topics', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(32);
    const ids = CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(REQUIRED.filter((id) => !catalogueEntry(id))).toEqual([]);
  });

  it('fills in every text field', () => {
    for (const e of CATALOGUE) {
      for (const field of ['title', 'postgres', 'sqlite', 'why', 'portable'] as const) {
        expect(e[field].trim().length, `${e.id}.${field}`).toBeGreaterThan(3);
      }
    }
  });

  it('expects one outcome per demo statement on each engine', () => {
    for (const e of CATALOGUE) {
      for (const engine of ['postgres', 'sqlite'] as const) {
        const count = splitScript(demoScript(e, engine), engine).length;
        expect(e.expect[engine].length, `${e.id} on ${engine}`).toBe(count);
        for (const x of e.expect[engine]) {
          if (x.status === 'error') expect(x.errorMatches, e.id).toBeTruthy();
          if (x.errorMatches) expect(() => new RegExp(x.errorMatches ?? '')).not.toThrow();
        }
      }
    }
  });

  it('uses stateless patterns (no g or y flag) in match rules', () => {
    for (const e of CATALOGUE) {
      for (const rule of e.match) {
        expect(rule.kinds.length, e.id).toBeGreaterThan(0);
        const patterns = [rule.sql, rule.context, ...(rule.errors ?? []).map((p) => p.message)];
        for (const p of patterns)
          if (p) expect(p.flags, `${e.id} ${String(p)}`).not.toMatch(/[gy]/);
      }
    }
  });

  it('demonstrates that a partial UNIQUE constraint is invalid and the partial index works', () => {
    const e = catalogueEntry('partial-unique-constraint');
    expect(e?.expect.postgres[0]).toMatchObject({ status: 'error', errorCode: '42601' });
    expect(e?.expect.postgres.slice(1, 4).every((x) => x.status === 'ok')).toBe(true);
    expect(e?.expect.postgres[4]).toMatchObject({ status: 'error', errorCode: '23505' });
  });
});
