// Link format v1: how a PlaygroundState is written inside a link.
//
// FROZEN. Links made with v1 must open the same way forever (see the frozen-link tests).
// Never change the keys, the defaults or the dictionary below; make a v2 instead.
//
// Compact JSON: one-letter keys, values equal to the v1 defaults left out, table positions
// as flat [key, x, y, …] lists. Before compression, common SQL words are swapped for the
// control characters U+0001–U+001F, which JSON.stringify never writes raw (it escapes them),
// so the swap is exactly reversible. Measured on a 20-table shop DDL: deflate alone gives
// 1,296 bytes, with the dictionary 1,158 bytes (about 11% shorter links).

import type { Problem } from './state';
import type { PlaygroundState, TablePositions } from './state';
import { LIMITS } from './state';

/** The v1 wire object. Every field is optional; absent means the v1 default. */
export interface WireV1 {
  /** name */ n?: string;
  /** scripts.postgres */ p?: string;
  /** scripts.sqlite */ s?: string;
  /** compareScript */ c?: string;
  /** activeEngine */ e?: string;
  /** view */ v?: string;
  /** mode */ m?: string;
  /** positions.postgres as [key, x, y, …] */ x?: (string | number)[];
  /** positions.sqlite */ y?: (string | number)[];
  /** settings that differ from the defaults */ o?: { s?: boolean; t?: number; a?: boolean };
  /** lesson [id, step] */ l?: [string, number];
}

// The v1 defaults. Deliberately not defaultState(): the app's defaults may change, old links
// must not.
const D = {
  name: '',
  script: '',
  activeEngine: 'postgres',
  view: 'results',
  mode: 'single',
  stopOnError: true,
  timeoutMs: 30_000,
  autoRunSharedLinks: false,
} as const;

const PAIRS = [
  'CREATE TABLE ',
  'PRIMARY KEY',
  'REFERENCES ',
  'NOT NULL',
  'DEFAULT ',
  'UNIQUE',
  'CHECK (',
  'CREATE INDEX ',
  ' ON DELETE CASCADE',
  'INTEGER',
  'TIMESTAMP',
  'SELECT ',
  'INSERT INTO ',
  ' FROM ',
];

/** Entry i stands for the character U+0001 + i. 31 entries; U+0000 stays unused. */
export const V1_DICTIONARY: readonly string[] = [
  ...PAIRS,
  ...PAIRS.map((w) => w.toLowerCase()),
  // JSON text, so a newline is the two characters backslash and n.
  ',\\n  ',
  '\\n  ',
  '\\n',
];

const ENCODE_RE = new RegExp(
  [...V1_DICTIONARY]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);
const CODE_OF = new Map(V1_DICTIONARY.map((w, i) => [w, String.fromCharCode(i + 1)]));

/** Swaps dictionary words in compact JSON text for their one-character codes. */
export function shrinkV1(json: string): string {
  return json.replace(ENCODE_RE, (w) => CODE_OF.get(w) ?? w);
}

/**
 * Undoes shrinkV1. Returns 'too-large' when the expanded text would pass maxChars, so a
 * payload made only of codes cannot blow up twentyfold in memory.
 */
export function expandV1(text: string, maxChars: number): string | 'too-large' {
  let size = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 1 && code <= 31) size += V1_DICTIONARY[code - 1]!.length - 1;
  }
  if (size > maxChars) return 'too-large';
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 1 && code <= 31) {
      parts.push(text.slice(last, i), V1_DICTIONARY[code - 1]!);
      last = i + 1;
    }
  }
  parts.push(text.slice(last));
  return parts.join('');
}

function flatPositions(positions: TablePositions): (string | number)[] {
  return Object.entries(positions).flatMap(([key, p]) => [key, p.x, p.y]);
}

/** Writes a (valid) state in the v1 wire form. */
export function toWireV1(state: PlaygroundState): WireV1 {
  const w: WireV1 = {};
  if (state.name !== D.name) w.n = state.name;
  if (state.scripts.postgres !== D.script) w.p = state.scripts.postgres;
  if (state.scripts.sqlite !== D.script) w.s = state.scripts.sqlite;
  if (state.compareScript !== D.script) w.c = state.compareScript;
  if (state.activeEngine !== D.activeEngine) w.e = state.activeEngine;
  if (state.view !== D.view) w.v = state.view;
  if (state.mode !== D.mode) w.m = state.mode;
  const x = flatPositions(state.positions.postgres);
  const y = flatPositions(state.positions.sqlite);
  if (x.length > 0) w.x = x;
  if (y.length > 0) w.y = y;
  const o: NonNullable<WireV1['o']> = {};
  if (state.settings.stopOnError !== D.stopOnError) o.s = state.settings.stopOnError;
  if (state.settings.timeoutMs !== D.timeoutMs) o.t = state.settings.timeoutMs;
  if (state.settings.autoRunSharedLinks !== D.autoRunSharedLinks)
    o.a = state.settings.autoRunSharedLinks;
  if (Object.keys(o).length > 0) w.o = o;
  if (state.lesson) w.l = [state.lesson.id, state.lesson.step];
  return w;
}

const FIELD_PATH: Record<string, string> = {
  n: 'name',
  p: 'scripts.postgres',
  s: 'scripts.sqlite',
  c: 'compareScript',
  e: 'activeEngine',
  v: 'view',
  m: 'mode',
  x: 'positions.postgres',
  y: 'positions.sqlite',
  o: 'settings',
  l: 'lesson',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function readPositions(v: unknown, path: string, problems: Problem[]): Obj | undefined {
  if (v === undefined) return {};
  if (!Array.isArray(v) || v.length % 3 !== 0) {
    problems.push({ path, expected: 'a list of table, x, y triples' });
    return undefined;
  }
  if (v.length > LIMITS.positions * 3) {
    problems.push({
      path: 'positions',
      expected: `at most ${LIMITS.positions} table positions in all`,
    });
    return undefined;
  }
  const entries: [string, { x: unknown; y: unknown }][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < v.length; i += 3) {
    const key: unknown = v[i];
    if (typeof key !== 'string' || seen.has(key)) {
      const expected = typeof key === 'string' ? 'listed once per table' : 'keyed by table names';
      problems.push({ path: `${path}[${i / 3}]`, expected });
      return undefined;
    }
    seen.add(key);
    entries.push([key, { x: v[i + 1], y: v[i + 2] }]);
  }
  return Object.fromEntries(entries);
}

/**
 * Turns a parsed v1 wire object back into a state-shaped object. The result still has to
 * pass validateState; problems found here name the state's own field paths.
 */
export function fromWireV1(
  value: unknown,
): { ok: true; candidate: Obj } | { ok: false; problems: Problem[] } {
  if (!isObj(value)) return { ok: false, problems: [{ path: '', expected: 'an object' }] };
  const problems: Problem[] = [];
  for (const k of Object.keys(value)) {
    if (!Object.hasOwn(FIELD_PATH, k))
      problems.push({
        path: `link field ${JSON.stringify(k)}`,
        expected: 'left out (Schemalab does not know it)',
      });
  }
  const pick = (k: string, fallback: unknown): unknown =>
    value[k] === undefined ? fallback : value[k];
  const x = readPositions(value.x, 'positions.postgres', problems);
  const y = readPositions(value.y, 'positions.sqlite', problems);
  const o = pick('o', {});
  if (!isObj(o)) problems.push({ path: 'settings', expected: 'an object' });
  const settings = isObj(o) ? o : {};
  for (const k of Object.keys(settings)) {
    if (!['s', 't', 'a'].includes(k))
      problems.push({
        path: `settings field ${JSON.stringify(k)}`,
        expected: 'left out (Schemalab does not know it)',
      });
  }
  const l = value.l;
  if (l !== undefined && !(Array.isArray(l) && l.length === 2)) {
    problems.push({ path: 'lesson', expected: 'a lesson id and step' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const candidate: Obj = {
    name: pick('n', D.name),
    scripts: { postgres: pick('p', D.script), sqlite: pick('s', D.script) },
    compareScript: pick('c', D.script),
    activeEngine: pick('e', D.activeEngine),
    view: pick('v', D.view),
    mode: pick('m', D.mode),
    positions: { postgres: x, sqlite: y },
    settings: {
      stopOnError: settings.s === undefined ? D.stopOnError : settings.s,
      timeoutMs: settings.t === undefined ? D.timeoutMs : settings.t,
      autoRunSharedLinks: settings.a === undefined ? D.autoRunSharedLinks : settings.a,
    },
  };
  if (Array.isArray(l)) candidate.lesson = { id: l[0], step: l[1] };
  return { ok: true, candidate };
}
