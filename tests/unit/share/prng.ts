// A small seeded PRNG (mulberry32) and random-input helpers for the share property tests.
// Seeded so a failure can be replayed: the failing seed/iteration is in the assertion text.

export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** Strings that have broken web apps before; they must survive as plain data. */
export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '\u0000',
  '\ud800',
  'a\udfffb',
  '\u2028\u2029',
  '\\n\\u0000',
  "'; DROP TABLE users; --",
  '__proto__',
  'constructor',
  '\ufeff',
  '\u200b',
  '%s%n',
  '${x}',
  '😀👩‍👩‍👧',
  'CREATE TABLE ',
  ',\\n  ',
  '\u0001\u0009\u001f',
  '#s1.AAAA',
];

const SQL_WORDS = [
  'CREATE TABLE ',
  'create table ',
  'PRIMARY KEY',
  'REFERENCES ',
  'NOT NULL',
  ' ON DELETE CASCADE',
  'SELECT ',
  ' FROM ',
  '\n  ',
  ',\n  ',
  '\n',
  'integer',
  'TIMESTAMP',
];

/** A random string mixing ASCII, other planes, lone surrogates, controls and SQL words. */
export function randomString(rng: Rng, maxLength: number): string {
  const target = rng.int(0, maxLength);
  let out = '';
  while (out.length < target) {
    const kind = rng.int(0, 9);
    if (kind <= 3) out += String.fromCharCode(rng.int(32, 126));
    else if (kind === 4) out += String.fromCharCode(rng.int(0, 31));
    else if (kind === 5) out += String.fromCharCode(rng.int(0x80, 0xd7ff));
    else if (kind === 6) out += String.fromCodePoint(rng.int(0x10000, 0x10ffff));
    else if (kind === 7) out += String.fromCharCode(rng.int(0xd800, 0xdfff));
    else if (kind === 8) out += rng.pick(SQL_WORDS);
    else out += rng.pick(HOSTILE);
  }
  return out.slice(0, Math.max(target, 0));
}
