import { defineConfig, type Connect, type Plugin } from 'vite';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { existsSync, readFileSync } from 'node:fs';

const pglitePkg = JSON.parse(
  readFileSync(
    new URL('./node_modules/@electric-sql/pglite/package.json', import.meta.url),
    'utf8',
  ),
) as { version: string };

// The prepared data dir (scripts/make-pgdata.mjs runs before the build) is named in the
// bundle, so the worker needs no manifest round trip; without one the worker asks at runtime.
const manifestUrl = new URL('./public/pgdata/manifest.json', import.meta.url);
const pgdata = existsSync(manifestUrl)
  ? (JSON.parse(readFileSync(manifestUrl, 'utf8')) as { pgliteVersion: string; file: string })
  : undefined;
const pgdataFile = pgdata?.pgliteVersion === pglitePkg.version ? pgdata.file : '';

/**
 * Serves the prepared data dir gzip-encoded (Content-Encoding), so the browser inflates it
 * while downloading, off the worker's thread. Hosts that serve it as a plain .gz file work
 * too: PGlite inflates it itself then.
 */
function pgdataEncoding(root: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const match = /^\/pgdata\/([\w.-]+\.tar\.gz)$/.exec(req.url ?? '');
    if (!match?.[1]) return next();
    const file = join(root, 'pgdata', match[1]);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return next();
    }
    res.writeHead(200, {
      'Content-Type': 'application/x-tar',
      'Content-Encoding': 'gzip',
      'Content-Length': size,
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  };
}

/**
 * Gives PGlite's file bundle (`pglite-*.data`, 6 MB) its binary content type. Without one,
 * the preview server takes it for text and gzips it on every request: about 350 ms of CPU
 * on the same machine as the browser, which delayed Postgres's first result by as much.
 */
const binaryData: Connect.NextHandleFunction = (req, res, next) => {
  if (/\.data(\?|$)/.test(req.url ?? '')) res.setHeader('Content-Type', 'application/octet-stream');
  next();
};

const pgdataPlugin: Plugin = {
  name: 'schemalab-pgdata-encoding',
  configureServer(server) {
    server.middlewares.use(pgdataEncoding(join(server.config.root, 'public')));
  },
  configurePreviewServer(server) {
    server.middlewares.use(pgdataEncoding(server.config.build.outDir));
    server.middlewares.use(binaryData);
  },
};

export default defineConfig({
  plugins: [svelte(), pgdataPlugin],
  define: {
    __PGLITE_VERSION__: JSON.stringify(pglitePkg.version),
    __PGDATA_FILE__: JSON.stringify(pgdataFile),
  },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
  preview: { port: 5173, strictPort: true },
});
