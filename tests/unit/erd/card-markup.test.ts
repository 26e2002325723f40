import { describe, expect, it } from 'vitest';
import { cardMarkup } from '../../../src/erd/card-markup';
import { model } from './models';
import { rehearsalCard } from '../../../src/erd/rehearsal';

const hostile = `x" onmouseover="alert(1)`;
const relations = model([
  { name: 'authors', columns: ['id', ['name', 'text', false]], pk: ['id'] },
  {
    name: '<img src=x onerror=alert(1)>',
    columns: ['id', [hostile, 'text', true], 'author_id'],
    pk: ['id'],
    fks: [{ columns: ['author_id'], to: 'authors', toColumns: ['id'] }],
  },
]).relations;
const card = relations.find((r) => r.name.startsWith('<img'));

describe('card markup', () => {
  it('draws one row group per column, named in data-col, with markers and types', () => {
    if (!card) throw new Error('fixture card missing');
    const svg = cardMarkup(card, 240, 120, { detailed: true, interactive: true });
    const cols = [...svg.matchAll(/<g class="row" data-col="([^"]*)">/g)].map((m) => m[1]);
    expect(cols).toEqual(['id', 'x&quot; onmouseover=&quot;alert(1)', 'author_id']);
    expect(svg.match(/<rect class="row-bg"/g)).toHaveLength(3);
    expect(svg).toContain(
      '<text class="marker-pk" x="12" y="47">PK</text><text class="col notnull" x="30" y="48">id</text>',
    );
    expect(svg).toMatch(/<text class="marker-fk"[^>]*>FK<\/text><text class="col notnull?"/);
    // The name is text: no element or attribute comes out of it.
    expect(svg).not.toMatch(/<img|onmouseover="/);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('leaves the rows out far from the canvas, and the hit areas out of exports', () => {
    if (!card) throw new Error('fixture card missing');
    const far = cardMarkup(card, 240, 120, { detailed: false, interactive: true });
    expect(far).not.toContain('class="row"');
    expect(far.match(/<text/g)).toHaveLength(1);
    const exported = cardMarkup(card, 240, 120, { detailed: true, interactive: false });
    expect(exported).not.toContain('row-bg');
    expect(exported.match(/<g class="row"/g)).toHaveLength(3);
  });
});

describe('the rehearsal card (drawn hidden before the first diagram)', () => {
  it('shows every kind of text a card can hold, so each style is laid out once', () => {
    const { relation, node } = rehearsalCard();
    const svg = cardMarkup(relation, node.width, node.height, {
      detailed: true,
      interactive: true,
    });
    for (const cls of [
      'title',
      'marker-pk',
      'marker-fk',
      'marker-uq',
      'col notnull',
      'col"',
      'type',
      'idx',
      'tag tag-partial',
      'tag tag-gin',
    ]) {
      expect(svg, cls).toContain(`class="${cls}`);
    }
    expect(node.height).toBeGreaterThan(4 * 24);
  });
});
