import { describe, expect, it } from 'vitest';
import { stoppedLabel } from '../../../src/ui/result-items';

describe('stoppedLabel', () => {
  it('names why a statement did not finish', () => {
    expect(stoppedLabel({ kind: 'timeout', message: 'Stopped after 30 s' })).toBe('Timed out');
    expect(stoppedLabel({ kind: 'crashed', message: 'out of memory' })).toBe('Engine failed');
    expect(stoppedLabel({ kind: 'cancelled', message: 'Cancelled' })).toBe('Cancelled');
    expect(stoppedLabel(undefined)).toBe('Cancelled');
  });
});
