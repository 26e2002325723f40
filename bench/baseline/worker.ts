import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create();
const result = await db.query<{ value: number }>('select 1 as value');
self.postMessage({ value: result.rows[0]?.value });
