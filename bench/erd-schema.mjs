// Generated schemas for the diagram benchmarks: `tables` tables of 4–20 columns and about
// two foreign keys per table, each referencing an earlier table so the script runs in order.

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['integer', 'text', 'numeric(10,2)', 'boolean', 'date', 'varchar(40)', 'bigint'];

/** DDL for `tables` tables with `fks` foreign keys in all. */
export function generatedSchema(tables, fks, seed = 42) {
  const rnd = prng(seed);
  const perTable = Array.from({ length: tables }, () => 0);
  for (let i = 0; i < fks; i++) {
    // Tables after the first get the foreign keys, spread evenly.
    perTable[1 + (i % (tables - 1))]++;
  }
  const lines = [];
  for (let t = 0; t < tables; t++) {
    const name = `t${String(t + 1).padStart(3, '0')}`;
    const columns = ['  id integer primary key'];
    const width = 4 + Math.floor(rnd() * 17);
    for (let f = 0; f < perTable[t]; f++) {
      const target = Math.floor(rnd() * t);
      columns.push(`  ref${f}_id integer references t${String(target + 1).padStart(3, '0')} (id)`);
    }
    const target = Math.max(width, columns.length + 1);
    for (let c = columns.length; c < target; c++) {
      columns.push(
        `  c${c} ${TYPES[Math.floor(rnd() * TYPES.length)]}${rnd() < 0.3 ? ' not null' : ''}`,
      );
    }
    lines.push(`create table ${name} (\n${columns.join(',\n')}\n);`);
  }
  return lines.join('\n');
}
