// How cell values are shown and copied. Pure functions, shared by the grid and exports.

import type { Cell, ResultColumn } from '../engine/types';

const MAX_BYTES_SHOWN = 32;

/** Hex for binary values, `\x0102…` as Postgres prints bytea, shortened for display. */
export function formatBytes(bytes: Uint8Array, limit = MAX_BYTES_SHOWN): string {
  let hex = '\\x';
  const n = Math.min(bytes.length, limit);
  for (let i = 0; i < n; i++) hex += (bytes[i] as number).toString(16).padStart(2, '0');
  return bytes.length > limit ? `${hex}… (${bytes.length} bytes)` : hex;
}

/** The text a cell shows; NULL is rendered separately, so it is not handled here. */
export function formatCell(value: Exclude<Cell, null>): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value);
  if (value instanceof Uint8Array) return formatBytes(value);
  return value;
}

/** Whether a column's values line up on the right (numbers). */
export function isNumeric(column: ResultColumn): boolean {
  return column.kind === 'number';
}

/** A width in pixels for a column, from its header and a sample of its values. */
export function columnWidth(column: ResultColumn, rows: readonly Cell[][], index: number): number {
  const charPx = 7.8;
  // The header shows the name and, smaller, the type.
  let chars = column.name.length + column.type.length * 0.85 + 1;
  const sample = Math.min(rows.length, 200);
  for (let r = 0; r < sample; r++) {
    const v = rows[r]?.[index];
    const text = v === null || v === undefined ? 'NULL' : formatCell(v);
    const firstLine =
      text.length > 80 ? 80 : text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length;
    chars = Math.max(chars, firstLine);
  }
  return Math.round(Math.min(420, Math.max(64, chars * charPx + 24)));
}

/** The full text of a value for copying: bytes in full, NULL as an empty field. */
function exportValue(value: Cell): string {
  if (value === null) return '';
  if (value instanceof Uint8Array) return formatBytes(value, Infinity);
  return formatCell(value);
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tsvField(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** A result as CSV (RFC 4180) or TSV (escaped tabs and newlines), with a header row. */
export function toDelimited(
  columns: readonly ResultColumn[],
  rows: readonly Cell[][],
  format: 'csv' | 'tsv',
): string {
  const field = format === 'csv' ? csvField : tsvField;
  const sep = format === 'csv' ? ',' : '\t';
  const lines = [columns.map((c) => field(c.name)).join(sep)];
  for (const row of rows) lines.push(row.map((v) => field(exportValue(v))).join(sep));
  return lines.join('\r\n') + '\r\n';
}
