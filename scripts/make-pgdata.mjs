// Prepares the Postgres data directory that the app loads at start, so the browser does not
// run initdb (2–3 s) on every page load. It is made with the installed PGlite, and the
// manifest records that version: the worker falls back to a normal start when they differ.
//
// The directory is trimmed to what a playground uses, because every byte of it is
// downloaded, decompressed and copied into PGlite's memory file system on each page load:
// - 1 MB WAL segments instead of 16 MB, and no pre-allocated future segments (Postgres
//   creates them when it needs them);
// - no template0/template1 databases: PGlite runs the one database "postgres", and the app
//   explains CREATE DATABASE instead of running it.
// That takes the file from 4.5 MB to about 1 MB and the start from ~1.1 s to ~0.5 s (Node).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'pgdata');
const manifestPath = join(outDir, 'manifest.json');
const { version } = JSON.parse(
  readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
);
/** Bump when the way the directory is made changes, so older files are rebuilt. */
const RECIPE = 2;

export async function makePgData(dir = outDir) {
  const manifestFile = join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (m.pgliteVersion === version && m.recipe === RECIPE && existsSync(join(dir, m.file))) {
      return m;
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const started = Date.now();
  const db = await PGlite.create({ initDbStartParams: ['--wal-segsize=1'] });
  await db.query(
    `update pg_database set datistemplate = false where datname in ('template0', 'template1')`,
  );
  // One statement per call: DROP DATABASE cannot run in the implicit transaction of a batch.
  await db.query('drop database template0');
  await db.query('drop database template1');
  await db.query('checkpoint');
  const tar = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
  // The segment in use when the copy was made; later ones are only pre-allocated.
  const { rows } = await db.query('select pg_walfile_name(pg_current_wal_insert_lsn()) as f');
  await db.close();
  const bytes = gzipSync(withoutFutureWal(tar, rows[0].f), { level: 9 });
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const file = `pgdata-${version}-${sha}.tar.gz`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), bytes);
  const manifest = { pgliteVersion: version, recipe: RECIPE, file, bytes: bytes.length };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  console.log(
    `Prepared Postgres data dir ${file} (${bytes.length} bytes) in ${Date.now() - started} ms`,
  );
  return manifest;
}

/** Copies a tar archive without the WAL segment files named after `current`. */
export function withoutFutureWal(tar, current) {
  const kept = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const text = (from, to) =>
      new TextDecoder().decode(header.subarray(from, to)).replace(/\0.*$/s, '');
    const size = parseInt(text(124, 136).trim() || '0', 8);
    const prefix = text(345, 500);
    const name = (prefix ? `${prefix}/` : '') + text(0, 100);
    const end = offset + 512 + Math.ceil(size / 512) * 512;
    const segment = /pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1];
    if (!segment || segment <= current) kept.push(tar.subarray(offset, end));
    offset = end;
  }
  kept.push(new Uint8Array(1024));
  const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of kept) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await makePgData();
}
export { manifestPath };
