// `npm run bench`: builds the app and a bare PGlite baseline page, serves both, measures
// them in headless Chromium and prints one JSON object with medians (and ratios against
// the baseline measured in the same run). Not part of `npm test`: timings are noisy.
//
//   npm run bench                 all benchmarks
//   npm run bench -- startup erd  only the named groups
import { execSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { chromium } from 'playwright-core';
import { serveStatic } from './server.mjs';
import { GROUPS } from './groups.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = GROUPS.filter((g) => wanted.length === 0 || wanted.includes(g.name));

function log(message) {
  process.stderr.write(`${message}\n`);
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    const own = chromium.executablePath();
    if (own && statSync(own).isFile()) return own;
  } catch {
    // no Playwright browser
  }
  return '/usr/bin/chromium';
}

async function buildAll() {
  log('Building the app…');
  execSync('npm run --silent build', { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
  log('Building the baseline page…');
  await build({
    root: join(root, 'bench/baseline'),
    base: '/__baseline/',
    configFile: false,
    logLevel: 'error',
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
    worker: { format: 'es' },
    build: { outDir: join(root, '.cache/bench-baseline'), emptyOutDir: true, target: 'es2022' },
  });
  log('Building the Node-side benchmarks…');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [svelte()],
    define: { __PGLITE_VERSION__: JSON.stringify('bench') },
    build: {
      ssr: join(root, 'bench/node-benches.ts'),
      outDir: join(root, '.cache/bench-node'),
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'node-benches.mjs', format: 'es' } },
    },
  });
}

/** Gzip sizes of built files, by URL path (e.g. `/assets/start-abc.js`). */
function gzipSizes(paths) {
  let total = 0;
  const detail = {};
  for (const p of paths) {
    const bytes = gzipSync(readFileSync(join(root, 'dist', p.replace(/^\//, ''))), {
      level: 9,
    }).length;
    detail[p] = bytes;
    total += bytes;
  }
  return { total, detail };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function main() {
  await buildAll();
  const server = await serveStatic({
    '/__baseline/': join(root, '.cache/bench-baseline'),
    '/': join(root, 'dist'),
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const nodeBenches = await import(join(root, '.cache/bench-node/node-benches.mjs'));
  const ctx = { browser, baseUrl: server.url, root, log, median, nodeBenches, gzipSizes };
  const out = { date: new Date().toISOString(), chromium: browser.version() };
  try {
    for (const group of selected) {
      log(`Running ${group.name}…`);
      try {
        Object.assign(out, await group.run(ctx));
      } catch (error) {
        // One failing group must not lose the others' figures.
        out[`${group.name}_error`] = String(error instanceof Error ? error.message : error).slice(
          0,
          500,
        );
        log(`${group.name} failed: ${out[`${group.name}_error`]}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

await main();
