// Re-records the plan fixtures from the real engines; skipped unless RECORD=1.
// Usage: RECORD=1 npx vitest run tests/unit/plan/record.test.ts
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURE_DIR,
  PG_CASES,
  SQLITE_CASES,
  recordPostgres,
  recordSqlite,
} from '../../fixtures/plans/record';

describe.runIf(process.env.RECORD === '1')('record plan fixtures', () => {
  it('records Postgres plans from PGlite', { timeout: 300_000 }, async () => {
    await recordPostgres();
    const files = readdirSync(join(FIXTURE_DIR, 'postgres'));
    for (const c of PG_CASES) expect(files).toContain(`${c.name}.json`);
  });
  it('records SQLite plans from sql.js', async () => {
    await recordSqlite();
    const files = readdirSync(join(FIXTURE_DIR, 'sqlite'));
    for (const c of SQLITE_CASES) expect(files).toContain(`${c.name}.rows.json`);
  });
});
