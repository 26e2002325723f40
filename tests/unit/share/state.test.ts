import { describe, expect, it } from 'vitest';
import type { PlaygroundState } from '../../../src/share/state';
import {
  LIMITS,
  adoptSharedState,
  defaultState,
  describeProblems,
  sameState,
  validateState,
} from '../../../src/share/state';
import { HOSTILE } from './prng';

function problemsOf(value: unknown): string[] {
  const r = validateState(value);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map((p) => `${p.path}: ${p.expected}${p.found ? ` / ${p.found}` : ''}`);
}

function tweak(change: (s: Record<string, unknown>) => void): unknown {
  const s = structuredClone(defaultState()) as unknown as Record<string, unknown>;
  change(s);
  return s;
}

describe('validateState', () => {
  it('accepts the default state and returns an equal copy', () => {
    const state = defaultState();
    const r = validateState(state);
    expect(r).toStrictEqual({ ok: true, state });
    if (r.ok) expect(r.state).not.toBe(state);
  });

  it('keeps hostile strings exactly, as data', () => {
    for (const text of HOSTILE) {
      const state: PlaygroundState = {
        ...defaultState(),
        name: text,
        scripts: { postgres: text, sqlite: text },
        compareScript: text,
        positions: { postgres: Object.fromEntries([[text, { x: 1, y: 2 }]]), sqlite: {} },
        lesson: { id: text, step: 0 },
      };
      const r = validateState(state);
      // toEqual, not toStrictEqual: the latter compares a `constructor` key as the object's type.
      expect(r, JSON.stringify(text)).toEqual({ ok: true, state });
      expect(r.ok && JSON.stringify(r.state)).toBe(JSON.stringify(state));
    }
  });

  it('rejects wrong shapes, naming the path and what was expected', () => {
    expect(problemsOf(null)).toEqual([': an object / null']);
    expect(problemsOf([])).toEqual([': an object / a list']);
    expect(problemsOf(tweak((s) => delete s.name))).toEqual(['name: text / missing']);
    expect(problemsOf(tweak((s) => (s.scripts = 'SELECT 1')))).toEqual([
      'scripts: an object / "SELECT 1"',
    ]);
    expect(problemsOf(tweak((s) => (s.activeEngine = 'mysql')))).toEqual([
      "activeEngine: one of 'postgres', 'sqlite' / \"mysql\"",
    ]);
    expect(problemsOf(tweak((s) => (s.view = 'chart')))).toHaveLength(1);
    expect(problemsOf(tweak((s) => (s.mode = undefined)))).toEqual([
      "mode: one of 'single', 'compare' / missing",
    ]);
    expect(problemsOf(tweak((s) => (s.extra = 1)))).toEqual([
      'extra: left out (it is not a field Schemalab knows)',
    ]);
    expect(problemsOf(tweak((s) => (s.lesson = { id: 'a', step: -1 })))).toEqual([
      'lesson.step: a whole number from 0 to 10,000 / -1',
    ]);
  });

  it('rejects non-finite and out-of-range numbers', () => {
    const withTimeout = (t: unknown): unknown =>
      tweak((s) => (s.settings = { stopOnError: true, timeoutMs: t, autoRunSharedLinks: false }));
    for (const t of [999, 600_001, 1500.5, Number.NaN, Number.POSITIVE_INFINITY, '30000']) {
      expect(problemsOf(withTimeout(t))[0]).toMatch(
        /^settings\.timeoutMs: a whole number of milliseconds from 1,000 to 600,000/,
      );
    }
    expect(validateState(withTimeout(1_000)).ok).toBe(true);
    expect(validateState(withTimeout(600_000)).ok).toBe(true);
    for (const x of [Number.NaN, Number.NEGATIVE_INFINITY, 1e7, '1', null]) {
      const value = tweak(
        (s) => (s.positions = { postgres: { 'public.t': { x, y: 0 } }, sqlite: {} }),
      );
      expect(problemsOf(value)[0]).toMatch(
        /^positions\.postgres\["public\.t"\]\.x: a finite number/,
      );
    }
  });

  it('rejects absurd sizes', () => {
    const many = Object.fromEntries(
      Array.from({ length: LIMITS.positions + 1 }, (_, i) => [`t${i}`, { x: 0, y: 0 }]),
    );
    expect(problemsOf(tweak((s) => (s.positions = { postgres: many, sqlite: {} })))).toContain(
      'positions: at most 5,000 table positions in all',
    );
    const split = Object.fromEntries(
      Array.from({ length: 2_600 }, (_, i) => [`t${i}`, { x: 0, y: 0 }]),
    );
    expect(validateState(tweak((s) => (s.positions = { postgres: split, sqlite: split }))).ok).toBe(
      false,
    );
    expect(problemsOf(tweak((s) => (s.name = 'x'.repeat(201))))).toEqual([
      'name: text of at most 200 characters / text of 201 characters',
    ]);
    expect(
      problemsOf(tweak((s) => (s.compareScript = 'x'.repeat(LIMITS.scriptChars + 1))))[0],
    ).toMatch(/^compareScript:/);
    expect(
      problemsOf(
        tweak(
          (s) => (s.positions = { postgres: { ['k'.repeat(301)]: { x: 0, y: 0 } }, sqlite: {} }),
        ),
      )[0],
    ).toMatch(/keyed by a table name of 1 to 300 characters/);
  });

  it('caps the number of problems reported', () => {
    const broken = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`t${i}`, { x: 'a', y: 'b' }]),
    );
    const r = validateState(tweak((s) => (s.positions = { postgres: broken, sqlite: {} })));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toHaveLength(20);
  });

  it('normalises -0 so JSON round trips stay exact', () => {
    const r = validateState(
      tweak((s) => (s.positions = { postgres: { t: { x: -0, y: 0 } }, sqlite: {} })),
    );
    expect(r.ok && Object.is(r.state.positions.postgres.t?.x, 0)).toBe(true);
  });

  it('keeps a __proto__ table key as an own property, not a prototype', () => {
    const positions = JSON.parse('{"__proto__": {"x": 1, "y": 2}}') as unknown;
    const r = validateState(tweak((s) => (s.positions = { postgres: positions, sqlite: {} })));
    if (!r.ok) throw new Error('expected ok');
    expect(Object.getPrototypeOf(r.state.positions.postgres)).toBe(Object.prototype);
    expect(Object.keys(r.state.positions.postgres)).toEqual(['__proto__']);
  });
});

describe('helpers', () => {
  it('tells a real change from the same state with its keys in another order', () => {
    const a = {
      ...defaultState(),
      positions: { postgres: { 'public.t': { x: 1, y: 2 } }, sqlite: {} },
    };
    const reordered: PlaygroundState = JSON.parse(
      JSON.stringify({ ...a, positions: { sqlite: {}, postgres: { 'public.t': { y: 2, x: 1 } } } }),
    ) as PlaygroundState;
    expect(sameState(a, reordered)).toBe(true);
    expect(sameState(a, { ...a, lesson: undefined })).toBe(true);
    expect(sameState(a, { ...a, scripts: { ...a.scripts, postgres: 'select 1' } })).toBe(false);
    const moved = { ...a, positions: { postgres: { 'public.t': { x: 1, y: 3 } }, sqlite: {} } };
    expect(sameState(a, moved)).toBe(false);
    expect(sameState(a, { ...a, lesson: { id: 'l', step: 0 } })).toBe(false);
  });

  it('describes problems in one sentence', () => {
    const text = describeProblems([
      { path: 'settings.timeoutMs', expected: 'a whole number', found: '"soon"' },
      { path: 'view', expected: 'one of …' },
      { path: 'mode', expected: 'x' },
      { path: 'name', expected: 'text' },
    ]);
    expect(text).toBe(
      'settings.timeoutMs should be a whole number, not "soon"; view should be one of …; mode should be x (and 1 more).',
    );
  });

  it('names the scripts as a user knows them', () => {
    const tooLong = `x`.repeat(LIMITS.scriptChars + 1);
    const state = { ...defaultState(), scripts: { postgres: tooLong, sqlite: '' } };
    const checked = validateState(state);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : describeProblems(checked.problems)).toBe(
      'the PostgreSQL script should be text of at most 2,000,000 characters, not text of 2,000,001 characters.',
    );
  });

  it('keeps the local auto-run preference when adopting a shared state', () => {
    const shared = {
      ...defaultState(),
      settings: { stopOnError: false, timeoutMs: 5_000, autoRunSharedLinks: true },
    };
    const adopted = adoptSharedState(shared, defaultState().settings);
    expect(adopted.settings).toEqual({
      stopOnError: false,
      timeoutMs: 5_000,
      autoRunSharedLinks: false,
    });
  });
});
