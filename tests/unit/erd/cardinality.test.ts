import { describe, expect, it } from 'vitest';
import { cardinalities, foreignKeyCardinality } from '../../../src/erd/layout';
import { model, table } from './models';

describe('crow’s-foot cardinality', () => {
  it('mandatory many-to-one for a NOT NULL, non-unique FK', () => {
    const orders = table({
      name: 'orders',
      columns: ['id', 'customer_id'],
      fks: [{ columns: ['customer_id'], to: 'customer', toColumns: ['id'] }],
    });
    const fk = orders.foreignKeys[0];
    if (!fk) throw new Error('fk');
    expect(foreignKeyCardinality(orders, fk, 0)).toEqual({
      fromKey: 'public.orders',
      foreignKeyIndex: 0,
      child: { max: 'many', min: 'zero' },
      parent: { max: 'one', min: 'one' },
    });
  });

  it('optional parent when an FK column is nullable; one-to-one when the FK is unique', () => {
    const m = model([
      { name: 'person', columns: ['id'] },
      {
        name: 'passport',
        columns: ['id', ['person_id', 'integer', true]],
        fks: [{ columns: ['person_id'], to: 'person', toColumns: ['id'] }],
        unique: [['person_id']],
      },
      {
        name: 'profile',
        columns: ['person_id', 'kind'],
        pk: ['kind', 'person_id'],
        fks: [{ columns: ['person_id', 'kind'], to: 'person', toColumns: ['id', 'id'] }],
      },
    ]);
    const all = cardinalities(m);
    expect(all.get('public.passport#0')).toMatchObject({
      child: { max: 'one', min: 'zero' },
      parent: { max: 'one', min: 'zero' },
    });
    // FK columns equal to the whole PK (any order): at most one child per parent.
    expect(all.get('public.profile#0')?.child.max).toBe('one');
  });
});
