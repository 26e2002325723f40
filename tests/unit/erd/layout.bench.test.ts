// Chooses the layout option sets by measurement: BENCH=1 npx vitest run tests/unit/erd
// Logs, per schema and preset: median time of 3 warm runs, edge crossings, total edge length,
// aspect ratio and card overlaps. Asserts nothing: it is for choosing, not for CI.
import { describe, it } from 'vitest';
import {
  aspectRatio,
  buildLayoutGraph,
  DEFAULT_METRICS,
  edgeCrossings,
  LAYOUT_PRESETS,
  nodeOverlaps,
  runLayout,
  totalEdgeLength,
  type PositionedLayout,
} from '../../../src/erd/layout';
import { disconnectedModel, generatedModel } from './models';

const schemas = {
  '20 tables / ~38 FKs': generatedModel(20),
  '60 tables + 30 islands': {
    ...generatedModel(60),
    relations: [...generatedModel(60).relations, ...disconnectedModel(30).relations],
  },
  '150 tables / ~300 FKs': generatedModel(150),
  '400 tables / ~800 FKs': generatedModel(400),
};

describe.skipIf(!process.env.BENCH)('layout option sets (BENCH=1)', () => {
  for (const [schemaName, model] of Object.entries(schemas)) {
    for (const preset of Object.keys(LAYOUT_PRESETS)) {
      // Network-simplex placement needs minutes (and overflowed the stack once) at 400 tables.
      const tooSlow = preset === 'straight' && model.relations.length > 200;
      it.skipIf(tooSlow)(
        `${schemaName} × ${preset}`,
        async () => {
          const graph = buildLayoutGraph(model, { metrics: DEFAULT_METRICS, preset });
          const first = performance.now();
          let layout: PositionedLayout = await runLayout(graph);
          const cold = performance.now() - first;
          // V8 keeps optimising ELK's code over the first runs.
          for (let i = 0; i < 2; i++) layout = await runLayout(graph);
          const times: number[] = [];
          for (let i = 0; i < 3; i++) {
            const t = performance.now();
            layout = await runLayout(graph);
            times.push(performance.now() - t);
          }
          times.sort((a, b) => a - b);
          console.log(
            [
              schemaName.padEnd(24),
              preset.padEnd(9),
              `first ${cold.toFixed(0)} ms`,
              `median ${times[1]?.toFixed(0)} ms`,
              `crossings ${edgeCrossings(layout)}`,
              `edge length ${(totalEdgeLength(layout) / 1000).toFixed(1)}k`,
              `aspect ${aspectRatio(layout).toFixed(2)}`,
              `size ${Math.round(layout.width)}×${Math.round(layout.height)}`,
              `overlaps ${nodeOverlaps(layout)}`,
            ].join(' | '),
          );
        },
        600_000,
      );
    }
  }
});
