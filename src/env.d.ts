/// <reference types="vite/client" />
/// <reference types="svelte" />

/** The PGlite version this build was made with (from node_modules, at build time). */
declare const __PGLITE_VERSION__: string;
