import { describe, expect, it } from 'vitest';
import { linkLengthInfo } from '../../../src/share/link-length';

describe('linkLengthInfo', () => {
  it('grades links by length', () => {
    expect(linkLengthInfo('x'.repeat(2_000)).level).toBe('fine');
    expect(linkLengthInfo('x'.repeat(2_001)).level).toBe('long');
    expect(linkLengthInfo('x'.repeat(8_000)).level).toBe('long');
    expect(linkLengthInfo('x'.repeat(8_001)).level).toBe('very-long');
    expect(linkLengthInfo('x'.repeat(2_000_001)).level).toBe('too-long');
  });

  it('gives a short message for each level', () => {
    for (const n of [10, 3_000, 9_000, 2_000_001]) {
      const info = linkLengthInfo('x'.repeat(n));
      expect(info.chars).toBe(n);
      expect(info.message.length).toBeGreaterThan(10);
      expect(info.message.length).toBeLessThan(260);
    }
    expect(linkLengthInfo('x'.repeat(3_000)).message).toMatch(/Discord/);
  });
});
