// The diagram's layout worker: builds the ELK graph from the schema model and runs ELK, off
// the main thread. Cards use a monospace font, so widths are known without measuring text.
import ELK from 'elkjs/lib/elk.bundled.js';
import { DEFAULT_METRICS, buildLayoutGraph, runLayoutWith, warmUpLayout } from './layout';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

const elk = new ELK();
let busy = false;
/** Set by the first real request; the warm-up stops then. */
let requested = false;

const scope = self as unknown as {
  postMessage(message: LayoutResponse): void;
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

// Let V8 start optimising ELK before the first diagram. The warm-up is a series of small
// layouts, each its own task, and stops as soon as a real request arrives: a request then
// waits for one small layout at most, never for a long warm-up (one 24-card warm-up took a
// second on a cold start and held the first diagram back by as much).
const WARM_UP_CARDS = [4, 8, 8, 12, 12, 16];
async function warmUp(): Promise<void> {
  for (const cards of WARM_UP_CARDS) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (requested || busy) return;
    await warmUpLayout(elk, cards);
  }
}
setTimeout(() => void warmUp().catch(() => undefined), 50);
