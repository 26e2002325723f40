// The diagram's layout worker: builds the ELK graph from the schema model and runs ELK, off
// the main thread. Cards use a monospace font, so widths are known without measuring text.
import ELK from 'elkjs/lib/elk.bundled.js';
import {
  DEFAULT_METRICS,
  buildLayoutGraph,
  runLayoutWith,
  warmUpModel,
  type Point,
} from './layout';
import type { LayoutRequest, LayoutWorkerMessage } from './layout-protocol';

const elk = new ELK();
let busy = false;
/** Set by the first real request; the warm-up stops then. */
let requested = false;

const scope = self as unknown as {
  postMessage(message: LayoutWorkerMessage): void;
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
};

scope.onmessage = async (event) => {
  const { id, model, pinned } = event.data;
  requested = true;
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

// Let V8 start optimising ELK before the first diagram, on made-up schemas that take the
// same path as real ones. The warm-up is a series of small layouts, each its own task, and
// stops as soon as a real request arrives: that request waits for one small layout at most.
// The last steps keep the cards of the previous step in place, as a second run does.
// Sizes ramp up, then repeat around 20 tables: V8 goes on optimising ELK for about a dozen
// layouts of that size. Measured in Chromium here, the first real 20-table layout afterwards
// took 52–78 ms, against 73–93 ms after the ramp alone.
const WARM_UP_TABLES = [4, 8, 12, 16, 20, 24, 28, 20, 24, 20, 24, 20, 24, 20, 24, 20];
async function warmUp(): Promise<void> {
  const t0 = performance.now();
  let previous: Record<string, Point> = {};
  for (const [step, tables] of WARM_UP_TABLES.entries()) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (requested || busy) return;
    const pinned = step >= WARM_UP_TABLES.length - 2 ? previous : {};
    const graph = buildLayoutGraph(warmUpModel(tables), { metrics: DEFAULT_METRICS }, pinned);
    const layout = await runLayoutWith(elk, graph);
    previous = Object.fromEntries(layout.nodes.map((n) => [n.key, { x: n.x, y: n.y }]));
  }
  scope.postMessage({ type: 'warm', ms: performance.now() - t0 });
}
setTimeout(() => void warmUp().catch(() => undefined), 50);
