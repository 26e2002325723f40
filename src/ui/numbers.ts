// Number formatting for the UI, written out by hand: the first `Intl.NumberFormat` of a page
// loads locale data, which cost 60–160 ms of main-thread time during start-up here.

/** "1,234,567"; fractions keep up to three digits ("1,234.5"). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e21) return n.toString();
  const rounded = Number.isInteger(abs) ? abs : Math.round(abs * 1000) / 1000;
  const digits = Number.isInteger(rounded)
    ? rounded.toString()
    : rounded.toFixed(3).replace(/\.?0+$/, '');
  const [whole = '0', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  return sign + grouped + (fraction ? `.${fraction}` : '');
}

/** "1 row", "2,000 rows". */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
