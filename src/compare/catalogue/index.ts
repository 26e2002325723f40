// The differences catalogue: every documented PostgreSQL/SQLite difference, in the order
// the UI lists them. Each entry's demo is run on both real engines by the unit tests.

import type { CatalogueEntry } from '../types';
import { DATE_ENTRIES } from './dates';
import { FEATURE_ENTRIES } from './features';
import { KEY_ENTRIES } from './keys';
import { QUERY_ENTRIES } from './queries';
import { SCHEMA_ENTRIES } from './schema';
import { TEXT_ENTRIES } from './text';
import { TRANSACTION_ENTRIES } from './transactions';
import { TYPE_ENTRIES } from './types';

export const CATALOGUE: readonly CatalogueEntry[] = [
  ...TYPE_ENTRIES,
  ...DATE_ENTRIES,
  ...KEY_ENTRIES,
  ...FEATURE_ENTRIES,
  ...SCHEMA_ENTRIES,
  ...QUERY_ENTRIES,
  ...TEXT_ENTRIES,
  ...TRANSACTION_ENTRIES,
];

/** The entry with this id, or undefined. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}

/** The demo script an engine runs for an entry. */
export function demoScript(entry: CatalogueEntry, engine: 'postgres' | 'sqlite'): string {
  return typeof entry.demo === 'string' ? entry.demo : entry.demo[engine];
}
