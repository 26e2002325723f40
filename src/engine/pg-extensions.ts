// The Postgres extensions that PGlite ships, by the name CREATE EXTENSION uses. PGlite
// can only load an extension when it starts, so each is imported lazily and the engine
// restarts with it when a script first asks for it.

import type { Extension } from '@electric-sql/pglite';

interface ExtensionEntry {
  load: () => Promise<Extension>;
  /** Extensions that must be loaded too (CREATE EXTENSION … CASCADE needs their files). */
  requires?: string[];
}

// auto_explain ships too, but it is a module for LOAD, not an extension: it is left out.
export const PG_EXTENSIONS: Record<string, ExtensionEntry> = {
  amcheck: { load: async () => (await import('@electric-sql/pglite/contrib/amcheck')).amcheck },
  bloom: { load: async () => (await import('@electric-sql/pglite/contrib/bloom')).bloom },
  btree_gin: {
    load: async () => (await import('@electric-sql/pglite/contrib/btree_gin')).btree_gin,
  },
  btree_gist: {
    load: async () => (await import('@electric-sql/pglite/contrib/btree_gist')).btree_gist,
  },
  citext: { load: async () => (await import('@electric-sql/pglite/contrib/citext')).citext },
  cube: { load: async () => (await import('@electric-sql/pglite/contrib/cube')).cube },
  dict_int: { load: async () => (await import('@electric-sql/pglite/contrib/dict_int')).dict_int },
  dict_xsyn: {
    load: async () => (await import('@electric-sql/pglite/contrib/dict_xsyn')).dict_xsyn,
  },
  earthdistance: {
    load: async () => (await import('@electric-sql/pglite/contrib/earthdistance')).earthdistance,
    requires: ['cube'],
  },
  file_fdw: { load: async () => (await import('@electric-sql/pglite/contrib/file_fdw')).file_fdw },
  fuzzystrmatch: {
    load: async () => (await import('@electric-sql/pglite/contrib/fuzzystrmatch')).fuzzystrmatch,
  },
  hstore: { load: async () => (await import('@electric-sql/pglite/contrib/hstore')).hstore },
  intarray: { load: async () => (await import('@electric-sql/pglite/contrib/intarray')).intarray },
  isn: { load: async () => (await import('@electric-sql/pglite/contrib/isn')).isn },
  lo: { load: async () => (await import('@electric-sql/pglite/contrib/lo')).lo },
  ltree: { load: async () => (await import('@electric-sql/pglite/contrib/ltree')).ltree },
  moddatetime: {
    load: async () => (await import('@electric-sql/pglite/contrib/moddatetime')).moddatetime,
  },
  pageinspect: {
    load: async () => (await import('@electric-sql/pglite/contrib/pageinspect')).pageinspect,
  },
  pg_buffercache: {
    load: async () => (await import('@electric-sql/pglite/contrib/pg_buffercache')).pg_buffercache,
  },
  pg_freespacemap: {
    load: async () =>
      (await import('@electric-sql/pglite/contrib/pg_freespacemap')).pg_freespacemap,
  },
  pg_stat_statements: {
    load: async () =>
      (await import('@electric-sql/pglite/contrib/pg_stat_statements')).pg_stat_statements,
  },
  pg_surgery: {
    load: async () => (await import('@electric-sql/pglite/contrib/pg_surgery')).pg_surgery,
  },
  pg_trgm: { load: async () => (await import('@electric-sql/pglite/contrib/pg_trgm')).pg_trgm },
  pg_visibility: {
    load: async () => (await import('@electric-sql/pglite/contrib/pg_visibility')).pg_visibility,
  },
  pg_walinspect: {
    load: async () => (await import('@electric-sql/pglite/contrib/pg_walinspect')).pg_walinspect,
  },
  pgcrypto: { load: async () => (await import('@electric-sql/pglite/contrib/pgcrypto')).pgcrypto },
  seg: { load: async () => (await import('@electric-sql/pglite/contrib/seg')).seg },
  tablefunc: {
    load: async () => (await import('@electric-sql/pglite/contrib/tablefunc')).tablefunc,
  },
  tcn: { load: async () => (await import('@electric-sql/pglite/contrib/tcn')).tcn },
  tsm_system_rows: {
    load: async () =>
      (await import('@electric-sql/pglite/contrib/tsm_system_rows')).tsm_system_rows,
  },
  tsm_system_time: {
    load: async () =>
      (await import('@electric-sql/pglite/contrib/tsm_system_time')).tsm_system_time,
  },
  unaccent: { load: async () => (await import('@electric-sql/pglite/contrib/unaccent')).unaccent },
  'uuid-ossp': {
    load: async () => (await import('@electric-sql/pglite/contrib/uuid_ossp')).uuid_ossp,
  },
};

/** Extensions that are part of every PGlite build and need no loading. */
export const PG_BUILTIN_EXTENSIONS = ['plpgsql'];

/** Every extension a script can create, sorted. */
export function pgExtensionNames(): string[] {
  return [...PG_BUILTIN_EXTENSIONS, ...Object.keys(PG_EXTENSIONS)].sort();
}

/** The extension and everything it requires, in load order. */
export function withRequirements(name: string): string[] {
  const entry = PG_EXTENSIONS[name];
  return [...(entry?.requires ?? []), name];
}
