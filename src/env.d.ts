/// <reference types="vite/client" />
/// <reference types="svelte" />

/** The PGlite version this build was made with (from node_modules, at build time). */
declare const __PGLITE_VERSION__: string;

/** File name of the prepared Postgres data dir under /pgdata/, or '' when the build had none. */
declare const __PGDATA_FILE__: string;
