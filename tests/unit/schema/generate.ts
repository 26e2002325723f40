// Generates large synthetic schemas (for timing introspection and layout), deterministically.

/** Postgres DDL for `tables` tables with about two foreign keys each, all indexed. */
export function bigPostgresSchema(tables: number): string {
  const out: string[] = [];
  for (let i = 0; i < tables; i++) {
    const refs = [i - 1, Math.floor(i / 3)].filter((r) => r >= 0 && r < i);
    const fkCols = refs.map((r, k) => `  ref${k} int references t${r} (id)`);
    out.push(
      `create table t${i} (\n  id int generated always as identity primary key,\n` +
        `  code text not null unique,\n  name varchar(80) not null,\n` +
        `  amount numeric(10, 2) check (amount >= 0),\n  created_at timestamptz default now(),\n` +
        `  note text${fkCols.length ? ',\n' + fkCols.join(',\n') : ''}\n);`,
    );
    refs.forEach((_, k) => out.push(`create index t${i}_ref${k}_idx on t${i} (ref${k});`));
    out.push(`comment on table t${i} is 'Table number ${i}';`);
  }
  return out.join('\n');
}
