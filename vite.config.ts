import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';

const pglitePkg = JSON.parse(
  readFileSync(
    new URL('./node_modules/@electric-sql/pglite/package.json', import.meta.url),
    'utf8',
  ),
) as { version: string };

export default defineConfig({
  plugins: [svelte()],
  define: {
    __PGLITE_VERSION__: JSON.stringify(pglitePkg.version),
  },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
  preview: { port: 5173, strictPort: true },
});
