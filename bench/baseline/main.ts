// The benchmark's baseline: a bare page that only starts PGlite in a worker and runs
// `select 1`, the way a project without Schemalab's start-up work would.
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<{ value: number }>) => {
  const out = document.getElementById('out');
  if (out) out.textContent = `result ${e.data.value}`;
  (window as unknown as { __benchDone: number }).__benchDone = performance.now();
};
