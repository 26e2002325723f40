import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../src/ui/numbers';

describe('formatCount', () => {
  it('groups thousands like en-US Intl formatting does', () => {
    const intl = new Intl.NumberFormat('en-US');
    const samples = [
      0,
      1,
      12,
      123,
      1_234,
      999_999,
      1_000_000,
      1_234_567.891,
      -1_234.5,
      0.0004,
      0.1 + 0.2,
      1e20,
      123_456_789_012_345,
      2.5,
      1.0005,
      42.1,
      -7,
      100_000,
    ];
    for (const n of samples) expect(formatCount(n), String(n)).toBe(intl.format(n));
  });

  it('shows a negative that rounds to zero as 0, not -0', () => {
    expect(formatCount(-0.0001)).toBe('0');
    expect(formatCount(-0)).toBe('0');
  });

  it('spells out what is not a finite number', () => {
    expect(formatCount(Number.NaN)).toBe('NaN');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
