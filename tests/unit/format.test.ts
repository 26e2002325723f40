import { describe, expect, it } from 'vitest';
import { columnWidth, formatBytes, formatCell, toDelimited } from '../../src/ui/format';
import type { ResultColumn } from '../../src/engine/types';

const columns: ResultColumn[] = [
  { name: 'id', type: 'integer', kind: 'number' },
  { name: 'note, "quoted"', type: 'text', kind: 'text' },
  { name: 'raw', type: 'bytea', kind: 'binary' },
];

describe('result formatting', () => {
  it('copies as RFC 4180 CSV, NULL as an empty field, bytes in full', () => {
    const csv = toDelimited(
      columns,
      [
        [1, 'a,b\n"c"', new Uint8Array([1, 255])],
        [2, null, null],
      ],
      'csv',
    );
    expect(csv).toBe('id,"note, ""quoted""",raw\r\n1,"a,b\n""c""",\\x01ff\r\n2,,\r\n');
  });

  it('copies as TSV with tabs and newlines escaped', () => {
    const tsv = toDelimited(columns, [[1, 'a\tb\nc\\d', null]], 'tsv');
    expect(tsv).toBe('id\tnote, "quoted"\traw\r\n1\ta\\tb\\nc\\\\d\t\r\n');
  });

  it('shows values as the engine gave them, and long bytes shortened', () => {
    expect(formatCell(true)).toBe('true');
    expect(formatCell(1.5)).toBe('1.5');
    expect(formatCell('NULL')).toBe('NULL');
    expect(formatBytes(new Uint8Array(40).fill(171))).toBe(`\\x${'ab'.repeat(32)}… (40 bytes)`);
  });

  it('sizes columns from the header and a sample of values, within bounds', () => {
    expect(columnWidth(columns[0]!, [[1]], 0)).toBeGreaterThanOrEqual(64);
    expect(columnWidth(columns[1]!, [[0, 'x'.repeat(500)]], 1)).toBe(420);
  });
});
