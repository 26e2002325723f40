// Benchmarks that run in Node on the real modules (bundled by bench/run.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCodec, encodeState, defaultState, shareUrl } from '../src/share';
import { PgliteEngine } from '../src/engine/pglite';
import { introspect } from '../src/engine/introspect';
import { benchDatagen } from '../src/engine/datagen';

/** Share-link size for a 20-table DDL, and codec speed on a 1 MB script. */
export async function shareBench(root: string): Promise<Record<string, number>> {
  const ddl = readFileSync(join(root, 'tests/unit/share/fixtures/shop-20-tables.sql'), 'utf8');
  const state = defaultState();
  state.scripts.postgres = ddl;
  const url = shareUrl('https://schemalab.app/', await encodeState(state));
  let big = '';
  for (let i = 0; big.length < 1_000_000; i++) {
    big += `insert into orders (id, customer_id, total_cents, note) values (${i}, ${i % 977}, ${(i * 7919) % 100000}, 'order ${i}');\n`;
  }
  const codec = await benchCodec(big.slice(0, 1_000_000));
  return {
    share_link_chars_20_tables: url.length,
    share_encode_ms: Math.round(codec.encodeMs * 10) / 10,
    share_decode_ms: Math.round(codec.decodeMs * 10) / 10,
  };
}

/**
 * 1,000,000 child rows (plus parents) through the generator, against a hand-written
 * INSERT … SELECT generate_series of the same rows, in the same PGlite, median of 3.
 */
export async function datagenBench(root: string): Promise<Record<string, number>> {
  const manifest = JSON.parse(readFileSync(join(root, 'public/pgdata/manifest.json'), 'utf8')) as {
    file: string;
  };
  const dataDir = new Blob([readFileSync(join(root, 'public/pgdata', manifest.file))]);
  const engine = await PgliteEngine.start({ dataDir });
  try {
    const r = await benchDatagen(engine, () => introspect(engine), { rows: 1_000_000, runs: 3 });
    return {
      datagen_1m_generator_ms: Math.round(r.generatorMs),
      datagen_1m_handwritten_ms: Math.round(r.handWrittenMs),
      datagen_1m_ratio: Math.round(r.ratio * 1000) / 1000,
    };
  } finally {
    await engine.close();
  }
}
