// The diagram's layout worker: builds the ELK graph from the schema model and runs ELK, off
// the main thread. Cards use a monospace font, so widths are known without measuring text.
import ELK from 'elkjs/lib/elk.bundled.js';
import { DEFAULT_METRICS, buildLayoutGraph, runLayoutWith, warmUpLayout } from './layout';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

const elk = new ELK();
let busy = false;

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

// Let V8 start optimising ELK before the first diagram, if nothing is asked meanwhile. One
// small layout only: a request arriving during the warm-up has to wait for it, and a longer
// warm-up measured worse, taking a core while the engine runs the user's script.
setTimeout(() => {
  if (!busy) void warmUpLayout(elk, 24).catch(() => undefined);
}, 50);
