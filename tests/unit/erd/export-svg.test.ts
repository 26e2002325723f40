import { describe, expect, it } from 'vitest';
import {
  buildLayoutGraph,
  cardinalities,
  DEFAULT_METRICS,
  runLayout,
} from '../../../src/erd/layout';
import { diagramSvg } from '../../../src/erd/export-svg';
import { escapeXml } from '../../../src/erd/card-markup';
import { model } from './models';

describe('SVG export', () => {
  it('escapes every name from the database', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const m = model([
      { name: hostile, columns: ['id', ['<script>x</script>', 'text', true]], pk: ['id'] },
      {
        name: 'plain & "quoted"',
        columns: ['id', 'hostile_id'],
        pk: ['id'],
        fks: [{ columns: ['hostile_id'], to: hostile, toColumns: ['id'] }],
      },
    ]);
    const layout = await runLayout(buildLayoutGraph(m, { metrics: DEFAULT_METRICS }));
    const svg = diagramSvg(m, layout, cardinalities(m));
    expect(svg).not.toMatch(/<img|<script/);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(svg).toContain('plain &amp; &quot;quoted&quot;');
    // Both cards and the one relationship are drawn, with crow's-foot markers.
    expect(svg.match(/<rect class="card/g)).toHaveLength(2);
    expect(svg.match(/<path class="edge"/g)).toHaveLength(1);
    expect(svg).toContain('marker-start="url(#m-many-zero)"');
    expect(svg).toContain('marker-end="url(#m-one-one)"');
  });

  it('drops characters XML cannot hold and repairs lone surrogates', () => {
    expect(escapeXml('a\u0000b\u001Fc')).toBe('abc');
    expect(escapeXml('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeXml('😀 & <')).toBe('😀 &amp; &lt;');
  });
});
