// Turns the live schema into what CodeMirror's SQL completion expects.
import type { SchemaModel } from '../../schema/model';
import type { CompletionSchema } from './extensions';

/**
 * Tables and columns for completion. Postgres names are nested by schema (the editor's
 * default schema is `public`, so its tables complete unqualified); SQLite has one namespace.
 */
export function completionFor(model: SchemaModel | undefined): CompletionSchema {
  if (!model) return {};
  const out: Record<string, unknown> = {};
  for (const r of model.relations) {
    const columns = r.columns.map((c) => c.name);
    if (model.engine === 'sqlite') {
      out[r.name] = columns;
    } else {
      const schema = (out[r.schema] ??= {}) as Record<string, string[]>;
      schema[r.name] = columns;
    }
  }
  return out as CompletionSchema;
}
