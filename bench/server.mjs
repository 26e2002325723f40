// A minimal static server for the benchmarks: serves several folders under URL prefixes,
// with the right content types (application/wasm for streaming compilation) and no
// Content-Encoding on .gz files, which the app downloads as data.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.gz': 'application/gzip',
  '.data': 'application/octet-stream',
};

/** Starts a server for `mounts` ({ '/': dir, '/x/': dir }) and resolves to its base URL. */
export function serveStatic(mounts, port = 0) {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const mount = entries.find(([prefix]) => url.pathname.startsWith(prefix));
    if (!mount) return void res.writeHead(404).end();
    let rel = decodeURIComponent(url.pathname.slice(mount[0].length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(mount[1], rel));
    if (!file.startsWith(normalize(mount[1]))) return void res.writeHead(403).end();
    let size;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      return void res.writeHead(404).end();
    }
    // Like the app's own server (vite.config.ts): the data dir travels gzip-encoded.
    const encoded = /\/pgdata\/[^/]+\.tar\.gz$/.test(url.pathname);
    res.writeHead(200, {
      'Content-Type': encoded
        ? 'application/x-tar'
        : (TYPES[extname(file)] ?? 'application/octet-stream'),
      ...(encoded ? { 'Content-Encoding': 'gzip' } : {}),
      'Content-Length': size,
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({ url: `http://localhost:${p}`, close: () => server.close() });
    });
  });
}
