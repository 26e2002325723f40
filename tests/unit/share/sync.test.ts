// Two "tabs" in one process: two libraries over one shared store (as two tabs share one
// IndexedDB) and two TabSyncs on real BroadcastChannels, which Node delivers in-process.

import { afterEach, describe, expect, it } from 'vitest';
import { libraryOver } from '../../../src/share/library';
import type { SessionEvent } from '../../../src/share/session';
import { PlaygroundSession } from '../../../src/share/session';
import type { PlaygroundState } from '../../../src/share/state';
import { defaultState } from '../../../src/share/state';
import { MemoryStore } from '../../../src/share/store';
import type { RemoteChange } from '../../../src/share/sync';
import { CHANNEL_NAME, TabSync, connectLibrary } from '../../../src/share/sync';

const open: TabSync[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function tabSync(channelName: string, tabId: string): TabSync {
  const sync = new TabSync({ channel: new BroadcastChannel(channelName), tabId });
  open.push(sync);
  return sync;
}

function script(text: string): PlaygroundState {
  return { ...defaultState(), name: 'Shared', scripts: { postgres: text, sqlite: '' } };
}

function next<T>(subscribe: (cb: (value: T) => void) => () => void): Promise<T> {
  return new Promise((resolve) => {
    const stop = subscribe((value) => {
      stop();
      resolve(value);
    });
  });
}

let n = 0;
async function twoTabs() {
  const channel = `schemalab-test-${++n}`;
  const store = new MemoryStore();
  const tabs = ['A', 'B'].map((id) => {
    const library = libraryOver(store);
    const sync = tabSync(channel, id);
    connectLibrary(library, sync);
    return { library, sync };
  });
  const [a, b] = tabs as [(typeof tabs)[number], (typeof tabs)[number]];
  const record = await a.library.create(script('v1'));
  return { a, b, record };
}

/** Two tabs on one playground, after tab A saved 'from A' and tab B was told it is stale. */
async function savedInA() {
  const { a, b, record } = await twoTabs();
  const sessionA = new PlaygroundSession(a.library, a.sync, record);
  const sessionB = new PlaygroundSession(b.library, b.sync, record);
  const stale = next<SessionEvent>((cb) => sessionB.onEvent(cb));
  await sessionA.save(script('from A'));
  await stale;
  return { a, record, sessionA, sessionB };
}

describe('TabSync', () => {
  it('uses the "schemalab" channel by default and ignores its own messages', async () => {
    expect(CHANNEL_NAME).toBe('schemalab');
    const one = new TabSync({ tabId: 'one' });
    const two = new TabSync({ tabId: 'two' });
    open.push(one, two);
    const heard: RemoteChange[] = [];
    one.onAnyRemoteChange((c) => heard.push(c));
    const received = next<RemoteChange>((cb) => two.onRemoteChange('pg-1', cb));
    one.announce({ type: 'saved', id: 'pg-1', revision: 4 });
    expect(await received).toEqual({ type: 'saved', id: 'pg-1', revision: 4, tabId: 'one' });
    expect(heard).toEqual([]);
  });

  it('drops malformed messages from other versions', async () => {
    const sync = tabSync('schemalab-malformed', 'me');
    const raw = new BroadcastChannel('schemalab-malformed');
    const heard: RemoteChange[] = [];
    sync.onAnyRemoteChange((c) => heard.push(c));
    const done = next<RemoteChange>((cb) => sync.onRemoteChange('ok', cb));
    for (const m of [
      null,
      'saved',
      { type: 'saved' },
      { type: 'exploded', id: 'x', revision: 1, tabId: 't' },
      { type: 'saved', id: 'x', revision: '2', tabId: 't' },
    ]) {
      raw.postMessage(m);
    }
    raw.postMessage({ type: 'saved', id: 'ok', revision: 2, tabId: 'other' });
    await done;
    raw.close();
    expect(heard.map((c) => c.id)).toEqual(['ok']);
  });
});

describe('PlaygroundSession across two tabs', () => {
  it('tells the other tab its copy is stale, then resolves with "take theirs"', async () => {
    const { a, b, record } = await twoTabs();
    const sessionA = new PlaygroundSession(a.library, a.sync, record);
    const sessionB = new PlaygroundSession(b.library, b.sync, record);

    const stale = next<SessionEvent>((cb) => sessionB.onEvent(cb));
    expect(await sessionA.save(script('from A'))).toMatchObject({
      status: 'saved',
      record: { revision: 2 },
    });
    expect(await stale).toMatchObject({
      type: 'stale',
      change: { type: 'saved', revision: 2, tabId: 'A' },
    });
    expect(sessionB.stale).toBe(true);
    expect(sessionA.stale).toBe(false);

    const theirs = await sessionB.takeTheirs();
    expect(theirs?.state.scripts.postgres).toBe('from A');
    expect(sessionB.stale).toBe(false);
    expect(await sessionB.save(script('B after taking'))).toMatchObject({
      status: 'saved',
      record: { revision: 3 },
    });
    sessionA.close();
    sessionB.close();
  });

  it('reading the latest version does not move the base until it is adopted', async () => {
    const { sessionA, sessionB } = await savedInA();
    const latest = await sessionB.latest();
    expect(latest?.revision).toBe(2);
    // B typed while reading: its save must still be refused, not silently win.
    expect(sessionB.baseRevision).toBe(1);
    expect((await sessionB.save(script('typed in B meanwhile'))).status).toBe('conflict');
    if (latest) sessionB.adopt(latest);
    expect(sessionB.baseRevision).toBe(2);
    expect(sessionB.stale).toBe(false);
    sessionA.close();
    sessionB.close();
  });

  it('lets the later writer keep theirs or keep mine', async () => {
    const { a, record, sessionA, sessionB } = await savedInA();

    // B saves anyway: it is told about the conflict, nothing is overwritten.
    const conflictEvent = next<SessionEvent>((cb) => sessionB.onEvent(cb));
    const result = await sessionB.save(script('from B'));
    expect(result.status).toBe('conflict');
    expect(await conflictEvent).toMatchObject({
      type: 'conflict',
      result: { theirs: { revision: 2 } },
    });
    expect((await a.library.get(record.id))?.state.scripts.postgres).toBe('from A');

    // "Keep mine": a new revision over A's, which A then hears about.
    const aHears = next<SessionEvent>((cb) => sessionA.onEvent(cb));
    expect(await sessionB.keepMine(script('from B'))).toMatchObject({
      status: 'saved',
      record: { revision: 3 },
    });
    expect(await aHears).toMatchObject({ type: 'stale', change: { revision: 3, tabId: 'B' } });
    expect((await a.library.get(record.id))?.state.scripts.postgres).toBe('from B');
    sessionA.close();
    sessionB.close();
  });

  it('tells the other tab when the playground is deleted and restored', async () => {
    const { a, b, record } = await twoTabs();
    const sessionB = new PlaygroundSession(b.library, b.sync, record);
    const deleted = next<SessionEvent>((cb) => sessionB.onEvent(cb));
    await a.library.delete(record.id);
    expect(await deleted).toMatchObject({ type: 'deleted' });
    expect(await sessionB.save(script('x'))).toEqual({
      status: 'missing',
      id: record.id,
      deleted: true,
    });
    expect(await sessionB.keepMine(script('x'))).toEqual({
      status: 'missing',
      id: record.id,
      deleted: false,
    });
    const restored = next<SessionEvent>((cb) => sessionB.onEvent(cb));
    await a.library.restore(record.id);
    expect(await restored).toMatchObject({ type: 'restored' });
    a.library.dispose();
    sessionB.close();
  });
});
