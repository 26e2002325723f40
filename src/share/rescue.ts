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
 * Writes a note synchronously. Returns false when storage refused it (no storage, or the
 * playground is larger than its quota); the asynchronous save is then the only copy.
 */
export function writeRescue(storage: KeyValueStorage | undefined, note: RescueNote): boolean {
  if (!storage) return false;
  try {
    storage.setItem(RESCUE_PREFIX + note.id, JSON.stringify(note));
    return true;
  } catch {
    return false;
  }
}

export function clearRescue(storage: KeyValueStorage | undefined, id: string): void {
  try {
    storage?.removeItem(RESCUE_PREFIX + id);
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
 * Takes every rescue note out of storage. Reading them is cheap and stays in the start-up
 * bundle; checking and restoring them (rescue-restore.ts) loads only when there is one.
 */
export function takeRescueTexts(storage: KeyValueStorage | undefined): StoredRescue[] {
  const taken: StoredRescue[] = [];
  try {
    if (!storage) return taken;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(RESCUE_PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      const text = storage.getItem(key);
      storage.removeItem(key);
      if (text !== null) taken.push({ id: key.slice(RESCUE_PREFIX.length), text });
    }
  } catch {
    // Storage that throws (disabled by the user) has no notes to offer.
  }
  return taken;
}
