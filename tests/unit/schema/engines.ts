// Test-only adapters: real PGlite / sql.js databases behind the `query(sql)` contract that the
// introspection functions take, plus a loader for the shared fixture scripts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from 'sql.js';
import type { Cell, QueryRows } from '../../../src/engine/types';

/** `../shared/fixtures` beside the repository; absent on machines without the shared folder. */
export const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures');

/** Path of a shared fixture, or null when it is not present. */
export function fixture(rel: string): string | null {
  const path = join(FIXTURES, rel);
  return existsSync(path) ? path : null;
}

/** Adapts PGlite to `(sql) => QueryRows`, rows as arrays like the real engine adapter. */
export function pgQuery(db: PGlite): (sql: string) => Promise<QueryRows> {
  return async (sql) => {
    const r = await db.query<Cell[]>(sql, [], { rowMode: 'array' });
    return { columns: r.fields.map((f) => f.name), rows: r.rows };
  };
}

/** Adapts a sql.js Database to `(sql) => QueryRows`. */
export function sqliteQuery(db: Database): (sql: string) => Promise<QueryRows> {
  return (sql) => {
    const [r] = db.exec(sql);
    return Promise.resolve({
      columns: r?.columns ?? [],
      rows: (r?.values ?? []) as Cell[][],
    });
  };
}

/** One integer from a query, e.g. a count, read straight from the engine. */
export async function pgCount(db: PGlite, sql: string): Promise<number> {
  const r = await db.query<Cell[]>(sql, [], { rowMode: 'array' });
  return Number(r.rows[0]?.[0]);
}

/**
 * Splits a psql script into statements, keeping quotes, comments and $tag$ bodies intact.
 * Test-only: the app's real splitter lives elsewhere.
 */
export function splitPsqlScript(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number): void => {
    const stmt = text.slice(start, end).trim();
    if (stmt) out.push(stmt);
  };
  while (i < text.length) {
    const c = text[i];
    const rest = text.slice(i, i + 2);
    if (rest === '--') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (rest === '/*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end < 0 ? text.length : end + tag.length;
      } else i++;
    } else if (c === '\\' && (i === 0 || text[i - 1] === '\n')) {
      // psql meta-command (\connect, \c, \set…): the whole line, never sent to the server.
      push(i);
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
      start = i;
    } else if (c === ';') {
      push(i + 1);
      i++;
      start = i;
    } else i++;
  }
  push(text.length);
  return out;
}

/** Statements PGlite cannot run in a single-database playground. */
const UNSUPPORTED = /^(?:create|drop)\s+database\b/i;

/**
 * Runs a psql script statement by statement (so one failure does not roll back the rest) and
 * returns the statements that failed with their errors.
 */
export async function runPsqlScript(
  db: PGlite,
  path: string,
): Promise<{ sql: string; error: string }[]> {
  const failures: { sql: string; error: string }[] = [];
  for (const sql of splitPsqlScript(readFileSync(path, 'utf8'))) {
    if (UNSUPPORTED.test(sql.replace(/^(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*/, ''))) continue;
    try {
      await db.exec(sql);
    } catch (e) {
      failures.push({ sql: sql.slice(0, 120), error: e instanceof Error ? e.message : String(e) });
    }
  }
  return failures;
}
