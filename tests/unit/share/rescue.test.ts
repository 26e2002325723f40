import { describe, expect, it } from 'vitest';
import { memoryLibrary } from '../../../src/share/library';
import {
  RESCUE_PREFIX,
  clearRescue,
  tabId,
  takeRescueTexts,
  writeRescue,
  type KeyValueStorage,
  type RescueNote,
} from '../../../src/share/rescue';
import { parseRescues, planRescue, restoreRescues } from '../../../src/share/rescue-restore';

/** Takes the notes out of storage and keeps the sound ones, as a start does. */
function takeRescues(storage: KeyValueStorage | undefined): RescueNote[] {
  return parseRescues(takeRescueTexts(storage));
}
import { defaultState, type PlaygroundState } from '../../../src/share/state';
import type { PlaygroundRecord } from '../../../src/share/store';

/** Web Storage over a Map, optionally with a quota in characters like the browser's. */
class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  constructor(private readonly quotaChars = Infinity) {}
  get length(): number {
    return this.map.size;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.map) if (k !== key) used += k.length + v.length;
    if (used > this.quotaChars) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

function withScript(script: string, name = 'Orders'): PlaygroundState {
  return { ...defaultState(), name, scripts: { postgres: script, sqlite: '' } };
}

function note(id: string, baseRevision: number, script: string, at = 1): RescueNote {
  return { id, baseRevision, state: withScript(script), at };
}

function record(id: string, revision: number, script: string): PlaygroundRecord {
  return {
    id,
    name: 'Orders',
    state: withScript(script),
    createdAt: 0,
    updatedAt: 0,
    revision,
  };
}

describe('rescue notes in storage', () => {
  it('round-trips a note, and taking it removes it', () => {
    const storage = new MapStorage();
    storage.setItem('schemalab:device', '{}');
    expect(takeRescueTexts(storage)).toEqual([]);
    expect(writeRescue(storage, 'tab1', note('a', 3, 'select 1;'))).toBe(true);
    expect(takeRescues(storage)).toEqual([note('a', 3, 'select 1;')]);
    expect(storage.map.size).toBe(1);
    expect(takeRescues(storage)).toEqual([]);
  });

  it('keeps one note per playground, the latest', () => {
    const storage = new MapStorage();
    writeRescue(storage, 'tab1', note('a', 3, 'first'));
    writeRescue(storage, 'tab1', note('a', 3, 'second'));
    expect(takeRescues(storage).map((n) => n.state.scripts.postgres)).toEqual(['second']);
  });

  it('returns notes oldest first and leaves other keys alone', () => {
    const storage = new MapStorage();
    storage.setItem('schemalab:device', '{"autoRunSharedLinks":true}');
    writeRescue(storage, 'tab1', note('b', 1, 'late', 20));
    writeRescue(storage, 'tab1', note('a', 1, 'early', 10));
    expect(takeRescues(storage).map((n) => n.id)).toEqual(['a', 'b']);
    expect([...storage.map.keys()]).toEqual(['schemalab:device']);
  });

  it('drops broken notes instead of failing the start', () => {
    const storage = new MapStorage();
    storage.setItem(`${RESCUE_PREFIX}t:x`, '{not json');
    storage.setItem(`${RESCUE_PREFIX}t:y`, JSON.stringify({ ...note('y', 1, ''), state: {} }));
    storage.setItem(`${RESCUE_PREFIX}t:z`, JSON.stringify(note('other-id', 1, '')));
    storage.setItem(
      `${RESCUE_PREFIX}t:w`,
      JSON.stringify({ ...note('w', 1, ''), baseRevision: 'one' }),
    );
    storage.setItem(`${RESCUE_PREFIX}t:v`, 'null');
    writeRescue(storage, 'tab1', note('good', 2, 'select 2;'));
    expect(takeRescues(storage).map((n) => n.id)).toEqual(['good']);
    expect(storage.map.size).toBe(0);
  });

  it('says so when storage refuses a note (quota), and works without storage', () => {
    const storage = new MapStorage(1_000);
    expect(writeRescue(storage, 'tab1', note('a', 1, 'x'.repeat(2_000)))).toBe(false);
    expect(storage.map.size).toBe(0);
    expect(writeRescue(undefined, 'tab1', note('a', 1, ''))).toBe(false);
    expect(takeRescues(undefined)).toEqual([]);
    expect(() => clearRescue(undefined, 'tab1', 'a')).not.toThrow();
  });

  it('keeps a note per tab, and leaves the notes of open tabs where they are', () => {
    const storage = new MapStorage();
    writeRescue(storage, 'gone', note('a', 1, 'from a closed tab'));
    writeRescue(storage, 'open', note('a', 1, 'from an open tab'));
    const taken = takeRescueTexts(storage, new Set(['open']));
    expect(parseRescues(taken).map((n) => n.state.scripts.postgres)).toEqual(['from a closed tab']);
    // Once that tab is gone too, its note is taken.
    expect(parseRescues(takeRescueTexts(storage, new Set())).map((n) => n.id)).toEqual(['a']);
    expect(storage.map.size).toBe(0);
  });

  it('clears one playground’s note only', () => {
    const storage = new MapStorage();
    writeRescue(storage, 'tab1', note('a', 1, 'a'));
    writeRescue(storage, 'tab1', note('b', 1, 'b'));
    clearRescue(storage, 'tab1', 'a');
    expect(takeRescues(storage).map((n) => n.id)).toEqual(['b']);
  });
});

describe('tabId', () => {
  it('stays the same across pages of one tab (sessionStorage), and differs between tabs', () => {
    const tab = new MapStorage();
    const first = tabId(tab);
    expect(first).toMatch(/^[\w-]{8,}$/);
    expect(tabId(tab)).toBe(first);
    expect(tabId(new MapStorage())).not.toBe(first);
    expect(tabId(undefined)).not.toBe(first);
  });
});

describe('planRescue', () => {
  it('does nothing when the library already holds the edits', () => {
    expect(planRescue(note('a', 3, 'same'), record('a', 4, 'same'))).toEqual({ kind: 'none' });
  });

  it('applies the edits on top of the revision they were made on', () => {
    expect(planRescue(note('a', 3, 'mine'), record('a', 3, 'stored'))).toEqual({
      kind: 'apply',
      state: withScript('mine'),
      baseRevision: 3,
    });
  });

  it('keeps the edits apart when another tab saved since, or the playground is gone', () => {
    for (const stored of [
      record('a', 5, 'theirs'),
      undefined,
      { ...record('a', 3, 'stored'), deletedAt: 10 },
    ]) {
      const plan = planRescue(note('a', 3, 'mine'), stored);
      expect(plan).toEqual({ kind: 'copy', state: withScript('mine', 'Orders (unsaved edits)') });
    }
  });

  it('keeps the copy’s name within the limit', () => {
    const long = { ...note('a', 1, 'x'), state: withScript('x', 'n'.repeat(200)) };
    const plan = planRescue(long, undefined);
    expect(plan.kind === 'copy' && plan.state.name.length).toBe(200);
    expect(plan.kind === 'copy' && plan.state.name.endsWith(' (unsaved edits)')).toBe(true);
  });
});

describe('restoreRescues', () => {
  it('saves edits into their playground, or into a copy when it changed since', async () => {
    const library = memoryLibrary();
    const kept = await library.create(withScript('v1', 'Kept'));
    const changed = await library.create(withScript('v1', 'Changed'));
    const deleted = await library.create(withScript('v1', 'Deleted'));
    const savedAlready = await library.create(withScript('v1', 'Saved'));
    // Another tab saved "Changed" after this tab's edits began; "Deleted" was deleted.
    await library.save(changed.id, withScript('theirs', 'Changed'), 1);
    await library.delete(deleted.id);

    const storage = new MapStorage();
    const mine = (id: string, name: string, script: string, at: number): RescueNote => ({
      id,
      baseRevision: 1,
      state: withScript(script, name),
      at,
    });
    writeRescue(storage, 'tab1', mine(kept.id, 'Kept', 'mine: kept', 1));
    writeRescue(storage, 'tab1', mine(changed.id, 'Changed', 'mine: changed', 2));
    writeRescue(storage, 'tab1', mine(deleted.id, 'Deleted', 'mine: deleted', 3));
    writeRescue(storage, 'tab1', mine(savedAlready.id, 'Saved', 'v1', 4));

    const copies = await restoreRescues(library, takeRescueTexts(storage));
    expect(copies).toEqual(['Changed (unsaved edits)', 'Deleted (unsaved edits)']);
    expect(storage.map.size).toBe(0);

    const byName = new Map((await library.list()).map((r) => [r.name, r]));
    expect(byName.get('Kept')?.state.scripts.postgres).toBe('mine: kept');
    expect(byName.get('Kept')?.revision).toBe(2);
    expect(byName.get('Changed')?.state.scripts.postgres).toBe('theirs');
    expect(byName.get('Changed (unsaved edits)')?.state.scripts.postgres).toBe('mine: changed');
    expect(byName.get('Deleted (unsaved edits)')?.state.scripts.postgres).toBe('mine: deleted');
    // Nothing new for the playground that already held the edits.
    expect(byName.get('Saved')?.revision).toBe(1);
    expect(byName.size).toBe(5);
  });
});
