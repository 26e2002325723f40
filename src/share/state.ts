// The playground state that links, files and the local library carry, and its validator.
// Everything that arrives from outside (a link, an imported file, an old IndexedDB record)
// passes through validateState before the app sees it.

import type { EngineId } from '../engine/types';

export type PlaygroundView = 'results' | 'diagram' | 'plan' | 'compare';
export type PlaygroundMode = 'single' | 'compare';

export interface TablePosition {
  x: number;
  y: number;
}

/** Diagram table positions by table key, e.g. `public.users` (Postgres) or `main.users`. */
export type TablePositions = Record<string, TablePosition>;

export interface PlaygroundSettings {
  stopOnError: boolean;
  timeoutMs: number;
  /** The recipient's own preference; see adoptSharedState. */
  autoRunSharedLinks: boolean;
}

/** Format v1 of a playground. Change it only together with a new link version. */
export interface PlaygroundState {
  name: string;
  scripts: Record<EngineId, string>;
  compareScript: string;
  activeEngine: EngineId;
  view: PlaygroundView;
  mode: PlaygroundMode;
  positions: Record<EngineId, TablePositions>;
  settings: PlaygroundSettings;
  lesson?: { id: string; step: number };
}

export const VIEWS: readonly PlaygroundView[] = ['results', 'diagram', 'plan', 'compare'];
export const MODES: readonly PlaygroundMode[] = ['single', 'compare'];
const ENGINES: readonly EngineId[] = ['postgres', 'sqlite'];

/** Limits that keep hostile or broken input from freezing the tab. */
export const LIMITS = {
  nameChars: 200,
  scriptChars: 2_000_000,
  positions: 5_000,
  tableKeyChars: 300,
  coordinate: 1_000_000,
  minTimeoutMs: 1_000,
  maxTimeoutMs: 600_000,
  lessonIdChars: 200,
  lessonStep: 10_000,
} as const;

/** One thing wrong with a candidate state: where, and what we expected there. */
export interface Problem {
  path: string;
  expected: string;
  /** What was there instead, in words: 'missing', 'text', 'a list', '0'… */
  found?: string;
}

export type StateValidation =
  { ok: true; state: PlaygroundState } | { ok: false; problems: Problem[] };

/** A fresh, empty playground. */
export function defaultState(): PlaygroundState {
  return {
    name: 'Untitled playground',
    scripts: { postgres: '', sqlite: '' },
    compareScript: '',
    activeEngine: 'postgres',
    view: 'results',
    mode: 'single',
    positions: { postgres: {}, sqlite: {} },
    settings: { stopOnError: true, timeoutMs: 30_000, autoRunSharedLinks: false },
  };
}

/**
 * Takes a state that came from someone else (a link or a file) but keeps the local
 * `autoRunSharedLinks`, so a link can never switch on running itself.
 */
export function adoptSharedState(
  shared: PlaygroundState,
  local: PlaygroundSettings,
): PlaygroundState {
  return {
    ...shared,
    settings: { ...shared.settings, autoRunSharedLinks: local.autoRunSharedLinks },
  };
}

/** Plain-data deep equality (key order ignored): tells a real change from a no-op save. */
export function sameState(a: PlaygroundState, b: PlaygroundState): boolean {
  return sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra).filter((k) => ra[k] !== undefined);
  if (keys.length !== Object.keys(rb).filter((k) => rb[k] !== undefined).length) return false;
  return keys.every((k) => sameValue(ra[k], rb[k]));
}

/** The parts of a playground a user knows by name; other paths are shown as they are. */
const PATH_NAMES: Record<string, string> = {
  '': 'the playground',
  'scripts.postgres': 'the PostgreSQL script',
  'scripts.sqlite': 'the SQLite script',
  compareScript: 'the compare script',
};

/** Joins problems into one readable sentence list, e.g. for an error banner. */
export function describeProblems(problems: readonly Problem[], max = 3): string {
  const shown = problems
    .slice(0, max)
    .map(
      (p) =>
        `${PATH_NAMES[p.path] ?? p.path} should be ${p.expected}${p.found ? `, not ${p.found}` : ''}`,
    );
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '') + '.';
}

// Stop collecting after this many, so a 5,000-entry broken object yields a short report.
const MAX_PROBLEMS = 20;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly problems: Problem[] = [];

  // `found` is described only when a value was passed: an explicit undefined means "missing".
  fail(path: string, expected: string, ...value: [] | [unknown]): undefined {
    if (this.problems.length < MAX_PROBLEMS) {
      this.problems.push(
        value.length === 0 ? { path, expected } : { path, expected, found: describe(value[0]) },
      );
    }
    return undefined;
  }

  get full(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }

  object(
    v: unknown,
    path: string,
    keys: readonly string[],
    optional: readonly string[] = [],
  ): Obj | undefined {
    if (!isObject(v)) return this.fail(path, 'an object', v);
    for (const k of Object.keys(v)) {
      if (!keys.includes(k) && !optional.includes(k)) {
        this.fail(join(path, k), 'left out (it is not a field Schemalab knows)');
      }
    }
    return v;
  }

  string(v: unknown, path: string, max: number, min = 0): string | undefined {
    if (typeof v !== 'string') return this.fail(path, 'text', v);
    if (v.length > max || v.length < min) {
      const range = min > 0 ? `${fmt(min)} to ${fmt(max)}` : `at most ${fmt(max)}`;
      return this.fail(path, `text of ${range} characters`, v);
    }
    return v;
  }

  boolean(v: unknown, path: string): boolean | undefined {
    return typeof v === 'boolean' ? v : this.fail(path, 'true or false', v);
  }

  integer(v: unknown, path: string, min: number, max: number, what: string): number | undefined {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return this.fail(path, `a whole number ${what}from ${fmt(min)} to ${fmt(max)}`, v);
    }
    return v === 0 ? 0 : v;
  }

  coordinate(v: unknown, path: string): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > LIMITS.coordinate) {
      const limit = fmt(LIMITS.coordinate);
      return this.fail(path, `a finite number between -${limit} and ${limit}`, v);
    }
    // -0 does not survive JSON; normalising it keeps round trips exact.
    return v === 0 ? 0 : v;
  }

  oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T | undefined {
    const found = options.find((o) => o === v);
    return found ?? this.fail(path, `one of ${options.map((o) => `'${o}'`).join(', ')}`, v);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

// Says what a wrong value was without echoing long or hostile text back into the UI.
function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string')
    return v.length > 40 ? `text of ${fmt(v.length)} characters` : JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function checkPositions(
  c: Checker,
  v: unknown,
  path: string,
  budget: { left: number },
): TablePositions | undefined {
  if (!isObject(v)) return c.fail(path, 'an object of table positions', v);
  const entries: [string, TablePosition][] = [];
  for (const key of Object.keys(v)) {
    if (c.full) return undefined;
    if (--budget.left < 0)
      return c.fail('positions', `at most ${fmt(LIMITS.positions)} table positions in all`);
    const at = `${path}[${JSON.stringify(key.slice(0, 40))}]`;
    if (key.length === 0 || key.length > LIMITS.tableKeyChars) {
      c.fail(at, `keyed by a table name of 1 to ${LIMITS.tableKeyChars} characters`);
      continue;
    }
    const p = c.object(v[key], at, ['x', 'y']);
    if (!p) continue;
    const x = c.coordinate(p.x, `${at}.x`);
    const y = c.coordinate(p.y, `${at}.y`);
    if (x !== undefined && y !== undefined) entries.push([key, { x, y }]);
  }
  // fromEntries defines own properties, so a key such as "__proto__" stays plain data.
  return Object.fromEntries(entries);
}

/**
 * Checks that `value` is a complete, sane PlaygroundState and returns a clean copy of it,
 * or the list of problems (path + what was expected). Strings are kept exactly as given.
 */
export function validateState(value: unknown): StateValidation {
  const c = new Checker();
  const root = c.object(
    value,
    '',
    ['name', 'scripts', 'compareScript', 'activeEngine', 'view', 'mode', 'positions', 'settings'],
    ['lesson'],
  );
  if (!root) return { ok: false, problems: c.problems };

  const name = c.string(root.name, 'name', LIMITS.nameChars);
  const scriptsObj = c.object(root.scripts, 'scripts', ENGINES);
  const postgres =
    scriptsObj && c.string(scriptsObj.postgres, 'scripts.postgres', LIMITS.scriptChars);
  const sqlite = scriptsObj && c.string(scriptsObj.sqlite, 'scripts.sqlite', LIMITS.scriptChars);
  const compareScript = c.string(root.compareScript, 'compareScript', LIMITS.scriptChars);
  const activeEngine = c.oneOf(root.activeEngine, 'activeEngine', ENGINES);
  const view = c.oneOf(root.view, 'view', VIEWS);
  const mode = c.oneOf(root.mode, 'mode', MODES);

  const posObj = c.object(root.positions, 'positions', ENGINES);
  const budget = { left: LIMITS.positions };
  const posPg = posObj && checkPositions(c, posObj.postgres, 'positions.postgres', budget);
  const posLite = posObj && checkPositions(c, posObj.sqlite, 'positions.sqlite', budget);

  const s = c.object(root.settings, 'settings', ['stopOnError', 'timeoutMs', 'autoRunSharedLinks']);
  const stopOnError = s && c.boolean(s.stopOnError, 'settings.stopOnError');
  const timeoutMs =
    s &&
    c.integer(
      s.timeoutMs,
      'settings.timeoutMs',
      LIMITS.minTimeoutMs,
      LIMITS.maxTimeoutMs,
      'of milliseconds ',
    );
  const autoRun = s && c.boolean(s.autoRunSharedLinks, 'settings.autoRunSharedLinks');

  let lesson: PlaygroundState['lesson'];
  if (root.lesson !== undefined) {
    const l = c.object(root.lesson, 'lesson', ['id', 'step']);
    const id = l && c.string(l.id, 'lesson.id', LIMITS.lessonIdChars, 1);
    const step = l && c.integer(l.step, 'lesson.step', 0, LIMITS.lessonStep, '');
    if (id !== undefined && step !== undefined) lesson = { id, step };
  }

  if (
    c.problems.length > 0 ||
    name === undefined ||
    postgres === undefined ||
    sqlite === undefined ||
    compareScript === undefined ||
    activeEngine === undefined ||
    view === undefined ||
    mode === undefined ||
    posPg === undefined ||
    posLite === undefined ||
    stopOnError === undefined ||
    timeoutMs === undefined ||
    autoRun === undefined
  ) {
    return { ok: false, problems: c.problems };
  }
  const state: PlaygroundState = {
    name,
    scripts: { postgres, sqlite },
    compareScript,
    activeEngine,
    view,
    mode,
    positions: { postgres: posPg, sqlite: posLite },
    settings: { stopOnError, timeoutMs, autoRunSharedLinks: autoRun },
  };
  if (lesson) state.lesson = lesson;
  return { ok: true, state };
}
