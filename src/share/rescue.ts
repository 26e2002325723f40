// Edits that were not saved yet when the page went away. The library lives in IndexedDB,
// whose writes are asynchronous: a reload or a closed tab a moment after typing ends the page
// before the last save commits. So when the page is hidden or closed with changes pending,
// the playground is also written synchronously to localStorage as a rescue note, and the next
// start puts it back into the library before anything is shown.

import type { PlaygroundState } from './state';

/** The part of the Web Storage API that rescue notes use (localStorage in the browser). */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** One playground's unsaved edits. */
export interface RescueNote {
  /** The playground the edits belong to. */
  id: string;
  /** The stored revision the edits were made on. */
  baseRevision: number;
  state: PlaygroundState;
  /** When the page went away (ms since the epoch). */
  at: number;
}

export const RESCUE_PREFIX = 'schemalab:unsaved:';

/**
 * A note's key: the tab that wrote it, then the playground. Each tab has its own note, so two
 * tabs on one playground do not overwrite each other's, and a start can leave alone the notes
 * of tabs that are still open (they may yet save, or the user may choose in them).
 */
function rescueKey(tab: string, id: string): string {
  return `${RESCUE_PREFIX}${tab}:${id}`;
}

/**
 * Writes a note synchronously. Returns false when storage refused it (no storage, or the
 * playground is larger than its quota); the asynchronous save is then the only copy.
 */
export function writeRescue(
  storage: KeyValueStorage | undefined,
  tab: string,
  note: RescueNote,
): boolean {
  if (!storage) return false;
  try {
    storage.setItem(rescueKey(tab, note.id), JSON.stringify(note));
    return true;
  } catch {
    return false;
  }
}

export function clearRescue(storage: KeyValueStorage | undefined, tab: string, id: string): void {
  try {
    storage?.removeItem(rescueKey(tab, id));
  } catch {
    // Nothing to clear without storage.
  }
}

/** A note as stored: which playground, and the note's JSON (checked when it is restored). */
export interface StoredRescue {
  id: string;
  text: string;
}

/**
 * Takes the rescue notes of tabs that are gone out of storage; notes of the tabs in
 * `openTabs` stay. Reading them is cheap and stays in the start-up bundle; checking and
 * restoring them (rescue-restore.ts) loads only when there is one.
 */
export function takeRescueTexts(
  storage: KeyValueStorage | undefined,
  openTabs: ReadonlySet<string> = new Set(),
): StoredRescue[] {
  const taken: StoredRescue[] = [];
  try {
    if (!storage) return taken;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(RESCUE_PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      const rest = key.slice(RESCUE_PREFIX.length);
      const colon = rest.indexOf(':');
      const tab = colon > 0 ? rest.slice(0, colon) : '';
      if (openTabs.has(tab)) continue;
      const text = storage.getItem(key);
      storage.removeItem(key);
      if (text !== null && colon > 0) taken.push({ id: rest.slice(colon + 1), text });
    }
  } catch {
    // Storage that throws (disabled by the user) has no notes to offer.
  }
  return taken;
}

const TAB_LOCK_PREFIX = 'schemalab:tab:';
const TAB_KEY = 'schemalab:tab';

/**
 * This tab's id. It is kept in sessionStorage, which belongs to the tab and outlives a
 * reload, so a reloaded page knows the notes its previous page wrote as its own even while
 * the browser has not yet released that page's lock.
 */
export function tabId(session: KeyValueStorage | undefined): string {
  try {
    const known = session?.getItem(TAB_KEY);
    if (known) return known;
  } catch {
    // A fresh id below.
  }
  const id =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : Math.random().toString(36).slice(2) + Date.now().toString(36);
  try {
    session?.setItem(TAB_KEY, id);
  } catch {
    // The id lasts for this page only.
  }
  return id;
}

/**
 * Marks the tab as open for as long as its page lives, with a Web Lock that the browser
 * releases when the page is closed or reloaded.
 */
export function holdTabLock(locks: LockManager | undefined, tab: string): void {
  void locks
    ?.request(TAB_LOCK_PREFIX + tab, () => new Promise<never>(() => undefined))
    .catch(() => undefined);
}

/** The ids of the tabs that are open now (none known without Web Locks). */
export async function openTabs(locks: LockManager | undefined): Promise<Set<string>> {
  const open = new Set<string>();
  try {
    const state = await locks?.query();
    for (const lock of state?.held ?? []) {
      if (lock.name?.startsWith(TAB_LOCK_PREFIX)) open.add(lock.name.slice(TAB_LOCK_PREFIX.length));
    }
  } catch {
    // Without Web Locks every note is taken, as if its tab were gone.
  }
  return open;
}
