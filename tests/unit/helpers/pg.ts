// Starts real PGlite instances for tests from the data directory prepared by global-setup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/** Where scripts/make-pgdata.mjs puts the prepared data dir. */
export const PGDATA_DIR = join(import.meta.dirname, '../../../public/pgdata');

/** The prepared data-dir tarball as a Blob (throws when global-setup did not run). */
export function preparedDataDir(dir = PGDATA_DIR): Blob {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { file: string };
  return new Blob([readFileSync(join(dir, manifest.file))]);
}

/** A fresh, empty PGlite database (the `postgres` database after initdb). */
export async function newPGlite(options: PGliteOptions = {}): Promise<PGlite> {
  return PGlite.create({ loadDataDir: preparedDataDir(), ...options });
}
