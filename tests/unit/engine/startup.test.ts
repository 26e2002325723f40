import { describe, expect, it } from 'vitest';
import { PgliteEngine } from '../../../src/engine/pglite';

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
