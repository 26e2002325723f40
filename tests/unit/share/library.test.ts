import { describe, expect, it } from 'vitest';
import type { LibraryOptions } from '../../../src/share/library';
import { libraryOver, memoryLibrary, openLibrary } from '../../../src/share/library';
import type { PlaygroundState } from '../../../src/share/state';
import { defaultState } from '../../../src/share/state';
import type { PlaygroundRecord, UpdateOutcome } from '../../../src/share/store';
import { MemoryStore, STORAGE_MESSAGES } from '../../../src/share/store';

/** A clock, id source and timer queue the test controls. */
function controls(): LibraryOptions & { tick(ms: number): void; pendingTimers(): number } {
  let now = 1_000;
  let seq = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    newId: () => `pg-${++seq}`,
    undoWindowMs: 30_000,
    setTimer: (run, ms) => {
      const t = { at: now + ms, run };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    tick(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.run();
      }
    },
    pendingTimers: () => timers.length,
  };
}

function named(name: string, script = ''): PlaygroundState {
  return { ...defaultState(), name, scripts: { postgres: script, sqlite: '' } };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PlaygroundLibrary (memory)', () => {
  it('creates, gets and lists newest first', async () => {
    const c = controls();
    const lib = memoryLibrary(c);
    expect(lib.storageStatus).toEqual({ kind: 'memory', reason: STORAGE_MESSAGES.unavailable });
    const a = await lib.create(named('A'));
    c.tick(10);
    const b = await lib.create(named('B'), 'link');
    expect(a).toMatchObject({
      id: 'pg-1',
      name: 'A',
      revision: 1,
      origin: 'new',
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(b.origin).toBe('link');
    expect((await lib.list()).map((r) => r.name)).toEqual(['B', 'A']);
    c.tick(10);
    await lib.save(a.id, named('A2'), 1);
    expect((await lib.list()).map((r) => r.name)).toEqual(['A2', 'B']);
    expect(await lib.get('nope')).toBeUndefined();
  });

  it('returns copies, so editing a result does not change the stored playground', async () => {
    const lib = memoryLibrary(controls());
    const a = await lib.create(named('A'));
    a.state.scripts.postgres = 'changed';
    expect((await lib.get(a.id))?.state.scripts.postgres).toBe('');
  });

  it('refuses to create an invalid playground', async () => {
    const lib = memoryLibrary(controls());
    await expect(lib.create({ ...defaultState(), view: 'chart' as 'plan' })).rejects.toThrow(
      /view should be one of/,
    );
  });

  it('saves on top of the expected revision and reports a conflict otherwise', async () => {
    const c = controls();
    const lib = memoryLibrary(c);
    const rec = await lib.create(named('Shop', 'v1'));
    const tabA = await lib.save(rec.id, named('Shop', 'A'), 1);
    expect(tabA).toMatchObject({ status: 'saved', record: { revision: 2 } });

    // Tab B still works from revision 1: nothing is overwritten, it gets both versions.
    const tabB = await lib.save(rec.id, named('Shop', 'B'), 1);
    if (tabB.status !== 'conflict') throw new Error(`expected a conflict, got ${tabB.status}`);
    expect(tabB.mine.scripts.postgres).toBe('B');
    expect(tabB.theirs).toMatchObject({ revision: 2, state: { scripts: { postgres: 'A' } } });
    expect((await lib.get(rec.id))?.state.scripts.postgres).toBe('A');

    // "Keep mine": save over theirs as a new revision.
    const kept = await lib.save(rec.id, tabB.mine, tabB.theirs.revision);
    expect(kept).toMatchObject({
      status: 'saved',
      record: { revision: 3, state: { scripts: { postgres: 'B' } } },
    });
  });

  it('reports invalid and missing saves without writing', async () => {
    const lib = memoryLibrary(controls());
    const rec = await lib.create(named('A'));
    const bad = await lib.save(
      rec.id,
      { ...named('A'), settings: { stopOnError: true, timeoutMs: 0, autoRunSharedLinks: false } },
      1,
    );
    expect(bad).toMatchObject({ status: 'invalid', problems: [{ path: 'settings.timeoutMs' }] });
    expect(await lib.save('gone', named('A'), 1)).toEqual({
      status: 'missing',
      id: 'gone',
      deleted: false,
    });
    await lib.delete(rec.id);
    expect(await lib.save(rec.id, named('A'), 1)).toEqual({
      status: 'missing',
      id: rec.id,
      deleted: true,
    });
  });

  it('renames (trimming, with a fallback for blank names) and duplicates', async () => {
    const lib = memoryLibrary(controls());
    const rec = await lib.create(named('A', 'select 1'));
    expect(await lib.rename(rec.id, '  Orders  ')).toMatchObject({
      name: 'Orders',
      revision: 2,
      state: { name: 'Orders' },
    });
    expect((await lib.rename(rec.id, '   '))?.name).toBe('Untitled playground');
    const copy = await lib.duplicate(rec.id);
    expect(copy).toMatchObject({ name: 'Untitled playground (copy)', origin: 'fork', revision: 1 });
    expect(copy?.id).not.toBe(rec.id);
    expect(copy?.state.scripts.postgres).toBe('select 1');
    const long = await lib.create(named('x'.repeat(200)));
    expect((await lib.duplicate(long.id))?.name).toHaveLength(200);
    expect(await lib.rename('nope', 'x')).toBeUndefined();
    expect(await lib.duplicate('nope')).toBeUndefined();
  });

  it('deletes softly, restores, and purges after the undo window', async () => {
    const c = controls();
    const lib = memoryLibrary(c);
    const a = await lib.create(named('A'));
    const b = await lib.create(named('B'));
    expect(await lib.delete(a.id)).toBe(true);
    expect(await lib.delete(a.id)).toBe(false);
    expect(await lib.get(a.id)).toBeUndefined();
    expect((await lib.list()).map((r) => r.id)).toEqual([b.id]);
    expect((await lib.listDeleted()).map((r) => r.id)).toEqual([a.id]);

    expect((await lib.restore(a.id))?.name).toBe('A');
    expect(await lib.restore(a.id)).toBeUndefined();
    c.tick(30_000);
    await settle();
    expect(await lib.get(a.id)).toBeDefined(); // restored before the timer: kept

    await lib.delete(b.id);
    c.tick(29_999);
    await settle();
    expect(await lib.listDeleted()).toHaveLength(1);
    c.tick(1);
    await settle();
    expect(await lib.listDeleted()).toHaveLength(0);
    expect(await lib.restore(b.id)).toBeUndefined();
  });

  it('gives a restore-then-delete its own full undo window', async () => {
    const c = controls();
    const lib = memoryLibrary(c);
    const a = await lib.create(named('A'));
    await lib.delete(a.id);
    c.tick(20_000);
    await lib.restore(a.id);
    await lib.delete(a.id);
    c.tick(10_000); // the first delete's timer fires now
    await settle();
    expect(await lib.listDeleted()).toHaveLength(1);
    c.tick(20_000);
    await settle();
    expect(await lib.listDeleted()).toHaveLength(0);
  });

  it('purges on demand and stops timers on dispose', async () => {
    const c = controls();
    const lib = memoryLibrary(c);
    const a = await lib.create(named('A'));
    await lib.delete(a.id);
    expect(c.pendingTimers()).toBe(1);
    expect(await lib.purgeDeleted(60_000)).toBe(0);
    expect(await lib.purgeDeleted()).toBe(1);
    lib.dispose();
    expect(c.pendingTimers()).toBe(0);
  });

  it('announces its changes', async () => {
    const lib = memoryLibrary(controls());
    const seen: string[] = [];
    const stop = lib.onChange((ch) => seen.push(`${ch.type}:${ch.id}:${ch.revision}`));
    const a = await lib.create(named('A'));
    await lib.save(a.id, named('A'), 1);
    await lib.save(a.id, named('A'), 1); // conflict: not announced
    await lib.rename(a.id, 'B');
    await lib.delete(a.id);
    await lib.restore(a.id);
    await lib.delete(a.id);
    await lib.purgeDeleted();
    stop();
    await lib.create(named('C'));
    expect(seen).toEqual([
      'created:pg-1:1',
      'saved:pg-1:2',
      'saved:pg-1:3',
      'deleted:pg-1:3',
      'restored:pg-1:3',
      'deleted:pg-1:3',
      'purged:pg-1:3',
    ]);
  });

  it('skips stored records whose state no longer validates', async () => {
    const store = new MemoryStore();
    const lib = libraryOver(store, controls());
    const good = await lib.create(named('Good'));
    await store.put({
      ...good,
      id: 'broken',
      state: { ...good.state, view: 'chart' } as unknown as PlaygroundState,
    });
    expect((await lib.list()).map((r) => r.id)).toEqual([good.id]);
  });
});

/** A "persistent" store that starts refusing writes, like IndexedDB when the disk is full. */
class FullStore extends MemoryStore {
  full = false;
  private quota(): Promise<never> {
    return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  }
  override put(record: PlaygroundRecord): Promise<void> {
    return this.full ? this.quota() : super.put(record);
  }
  override update<T>(
    id: string,
    change: (c: PlaygroundRecord | undefined) => UpdateOutcome<T>,
  ): Promise<T> {
    return this.full ? this.quota() : super.update(id, change);
  }
}

describe('storage fallback', () => {
  it('switches to memory on QuotaExceededError, reports it and loses nothing', async () => {
    const store = new FullStore();
    const lib = libraryOver(store, controls());
    expect(lib.storageStatus.kind).toBe('persistent');
    const statuses: string[] = [];
    lib.onStatusChange((s) => statuses.push(s.kind));
    const a = await lib.create(named('A', 'one'));
    const b = await lib.create(named('B', 'two'));

    store.full = true;
    const saved = await lib.save(a.id, named('A', 'three'), 1);
    expect(saved).toMatchObject({ status: 'saved', record: { revision: 2 } });
    expect(lib.storageStatus).toEqual({ kind: 'memory', reason: STORAGE_MESSAGES.quota });
    expect(statuses).toEqual(['memory']);
    expect((await lib.get(a.id))?.state.scripts.postgres).toBe('three');
    expect((await lib.get(b.id))?.state.scripts.postgres).toBe('two');
    const c = await lib.create(named('C'));
    expect((await lib.list()).map((r) => r.id).sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it('falls back with a different reason for other storage failures', async () => {
    const store = new MemoryStore();
    store.put = () => Promise.reject(new Error('connection closed'));
    const lib = libraryOver(store, controls());
    await lib.create(named('A'));
    expect(lib.storageStatus).toEqual({ kind: 'memory', reason: STORAGE_MESSAGES.failed });
    expect(await lib.list()).toHaveLength(1);
  });
});

describe('openLibrary', () => {
  it('uses memory when IndexedDB is missing', async () => {
    const lib = await openLibrary({ indexedDB: null });
    expect(lib.storageStatus).toEqual({ kind: 'memory', reason: STORAGE_MESSAGES.unavailable });
    expect(await lib.list()).toEqual([]);
  });

  it('uses memory when opening IndexedDB throws (as in some private modes)', async () => {
    const refusing = {
      open: () => {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
    } as unknown as IDBFactory;
    const lib = await openLibrary({ indexedDB: refusing });
    expect(lib.storageStatus.kind).toBe('memory');
    await lib.create(named('Still works'));
    expect(await lib.list()).toHaveLength(1);
  });
});
