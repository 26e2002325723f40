// Prepares the Postgres data directory that the app loads at start, so the browser does not
// run initdb (2–3 s) on every page load. It is made with the installed PGlite, and the
// manifest records that version: the worker falls back to a normal start when they differ.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'pgdata');
const manifestPath = join(outDir, 'manifest.json');
const { version } = JSON.parse(
  readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
);

export async function makePgData(dir = outDir) {
  const manifestFile = join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (m.pgliteVersion === version && m.walSegmentMB === 1 && existsSync(join(dir, m.file))) {
      return m;
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const started = Date.now();
  // 1 MB WAL segments instead of 16 MB: the data dir, and every restore snapshot, is a
  // quarter smaller and loads ~100 ms faster. Nothing in a playground needs bigger ones.
  const db = await PGlite.create({ initDbStartParams: ['--wal-segsize=1'] });
  await db.query('select 1');
  const blob = await db.dumpDataDir('gzip');
  await db.close();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const file = `pgdata-${version}-${sha}.tar.gz`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), bytes);
  const manifest = { pgliteVersion: version, walSegmentMB: 1, file, bytes: bytes.length };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  console.log(
    `Prepared Postgres data dir ${file} (${bytes.length} bytes) in ${Date.now() - started} ms`,
  );
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await makePgData();
}
export { manifestPath };
