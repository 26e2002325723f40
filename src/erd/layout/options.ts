// ELK option sets for the ERD, chosen by measurement (tests/unit/erd/layout.bench.test.ts,
// run with BENCH=1). Every set uses the layered algorithm with orthogonal edges and packs
// disconnected tables into rows around the main component instead of one long column.

const COMMON: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.portConstraints': 'FIXED_POS',
  'elk.separateConnectedComponents': 'true',
  // Components are placed in rows whose width aims at this ratio (wider than tall).
  'elk.aspectRatio': '1.6',
  'elk.spacing.componentComponent': '60',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'elk.spacing.edgeNode': '20',
  'elk.spacing.edgeEdge': '10',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
};

/** Named option sets; `presetFor` picks between them by size, as the measurements favoured. */
export const LAYOUT_PRESETS: Record<string, Record<string, string>> = {
  /** Like `balanced` but network-simplex placement: straighter, shorter edges, slower. */
  straight: {
    ...COMMON,
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.crossingMinimization.greedySwitch.type': 'ONE_SIDED',
    'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    'elk.layered.thoroughness': '7',
    'elk.layered.compaction.connectedComponents': 'true',
  },
  /** Brandes–Köpf placement (linear time) with a one-sided greedy switch pass. */
  balanced: {
    ...COMMON,
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.crossingMinimization.greedySwitch.type': 'ONE_SIDED',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.layered.thoroughness': '7',
    'elk.layered.compaction.connectedComponents': 'true',
  },
  /** Cheapest: few sweeps, no greedy switch; for very large schemas. */
  fast: {
    ...COMMON,
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    // One of Brandes–Köpf's four alignments instead of all four (the default keeps the
    // narrowest). Measured on generated schemas: the first 400-table layout in Chromium
    // took a median of 1.41 s against 1.69 s (6 pages each); in Node, the same layout at
    // 300 and 400 tables, and 2–5% more crossings at 150 and on another 400-table schema.
    // At this size the wait matters more than a few crossings in an already dense graph.
    'elk.layered.nodePlacement.bk.fixedAlignment': 'LEFTUP',
    'elk.layered.thoroughness': '1',
    'elk.layered.compaction.connectedComponents': 'false',
  },
};

/** Above this many cards `fast` replaces `balanced`: same crossings there, 3× quicker. */
export const LARGE_SCHEMA_CARDS = 100;

/** The measured default for a graph of `cards` cards. */
export function presetFor(cards: number): string {
  return cards > LARGE_SCHEMA_CARDS ? 'fast' : 'balanced';
}

/** The options of a preset (unknown names fall back to `balanced`) plus overrides. */
export function layoutOptionsFor(
  preset: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return { ...(LAYOUT_PRESETS[preset] ?? LAYOUT_PRESETS.balanced), ...overrides };
}
