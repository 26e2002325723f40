// Benchmarks that run in Node on the real modules (bundled by bench/run.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCodec, encodeState, defaultState, shareUrl } from '../src/share';

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
