import { describe, expect, it } from 'vitest';
import { PG_START_SETTINGS, PgliteEngine } from '../../../src/engine/pglite';
import { preparedDataDir } from '../helpers/pg';

describe('Postgres start-up', () => {
  it('falls back to a normal start (initdb) when the prepared data dir cannot be used', async () => {
    const broken = new Blob([new Uint8Array([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4])]);
    const pg = await PgliteEngine.start({ dataDir: broken });
    try {
      const r = await pg.query("select current_setting('server_version_num')::int >= 180000");
      expect(r.rows).toEqual([[true]]);
    } finally {
      await pg.close();
    }
  }, 120_000);
});

describe('the prepared data dir', () => {
  it('holds only the "postgres" database and no pre-allocated WAL, and still takes writes', async () => {
    const dir = preparedDataDir();
    // Trimmed: a fresh initdb's directory is ~4.5 MB compressed.
    expect(dir.size).toBeLessThan(2_000_000);
    const pg = await PgliteEngine.start({ dataDir: dir });
    try {
      const dbs = await pg.query('select datname from pg_database order by 1');
      expect(dbs.rows).toEqual([['postgres']]);
      const settings = await pg.query(
        "select current_setting('shared_buffers'), current_setting('max_connections')",
      );
      expect(settings.rows).toEqual([
        [PG_START_SETTINGS.shared_buffers, PG_START_SETTINGS.max_connections],
      ]);
      // Enough WAL to need several new segments, then a copy and a restore of it.
      await pg.query(
        "create table t as select g as id, repeat('x', 200) as s from generate_series(1, 30000) g",
      );
      const wal = await pg.query('select pg_walfile_name(pg_current_wal_insert_lsn())');
      expect(String(wal.rows[0]?.[0])).not.toBe('000000010000000000000008');
      const snapshot = await pg.snapshot();
      const restored = await PgliteEngine.start({ snapshot });
      try {
        expect((await restored.query('select count(*)::int from t')).rows).toEqual([[30000]]);
      } finally {
        await restored.close();
      }
      // CREATE DATABASE is explained, not run (there is no template to copy).
      const run = await pg.run({ script: 'create database shop;', stopOnError: true });
      expect(run.results[0]?.status).toBe('skipped');
      expect(run.results[0]?.notices[0]?.message).toMatch(/PGlite runs one database/);
    } finally {
      await pg.close();
    }
  }, 120_000);
});
