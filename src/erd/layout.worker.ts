// The diagram's layout worker: builds the ELK graph from the schema model and runs ELK, off
// the main thread. Cards use a monospace font, so widths are known without measuring text.
import ELK from 'elkjs/lib/elk.bundled.js';
import { DEFAULT_METRICS, buildLayoutGraph, runLayoutWith, warmUpLayout } from './layout';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

const elk = new ELK();
let busy = false;
let warmed = false;

const scope = self as unknown as {
  postMessage(message: LayoutResponse): void;
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
};

scope.onmessage = async (event) => {
  const { id, model, pinned } = event.data;
  busy = true;
  const t0 = performance.now();
  try {
    const graph = buildLayoutGraph(model, { metrics: DEFAULT_METRICS }, pinned);
    const layout = await runLayoutWith(elk, graph);
    scope.postMessage({ id, ok: true, layout, ms: performance.now() - t0 });
  } catch (error) {
    scope.postMessage({
      id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  } finally {
    busy = false;
  }
};

// Let V8 optimise ELK before the first big diagram, if nothing is asked meanwhile.
setTimeout(() => {
  if (busy || warmed) return;
  warmed = true;
  void warmUpLayout(elk).catch(() => undefined);
}, 300);
