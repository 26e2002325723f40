// One introspection function per engine; a Record so a missing engine is a compile error.
import type { Engine, EngineId } from '../types';
import type { SchemaModel } from '../../schema/model';
import { introspectPostgres } from './postgres';
import type { QueryFn } from './rows';
import { introspectSqlite } from './sqlite';

export type { QueryFn } from './rows';
export { introspectPostgres, warmPostgresIntrospection } from './postgres';
export { introspectSqlite } from './sqlite';

export const INTROSPECTORS: Record<EngineId, (query: QueryFn) => Promise<SchemaModel>> = {
  postgres: introspectPostgres,
  sqlite: introspectSqlite,
};

/** Reads the schema of any engine through its `query` (in-thread adapter or worker client). */
export function introspect(engine: Pick<Engine, 'id' | 'query'>): Promise<SchemaModel> {
  return INTROSPECTORS[engine.id]((sql) => engine.query(sql));
}
