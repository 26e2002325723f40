// Serves the production build (dist/) and prints where to open it.
import { preview } from 'vite';

const port = Number(process.env.PORT ?? 5173);
const server = await preview({ preview: { port, strictPort: true, host: 'localhost' } });
const url = server.resolvedUrls?.local[0] ?? `http://localhost:${port}/`;
console.log(`\n  Schemalab is running at ${url}\n  Press Ctrl+C to stop.\n`);
