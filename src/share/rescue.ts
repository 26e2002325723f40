// Edits that were not saved yet when the page went away. The library lives in IndexedDB,
// whose writes are asynchronous: a reload or a closed tab a moment after typing ends the page
// before the last save commits. So when the page is hidden or closed with changes pending,
// the playground is also written synchronously to localStorage as a rescue note, and the next
// start puts it back into the library before anything is shown.

import type { PlaygroundLibrary } from './library';
import type { PlaygroundRecord } from './store';
import { LIMITS, sameState, validateState, type PlaygroundState } from './state';

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

/**
 * Takes every rescue note out of storage, oldest first. Notes that are not valid JSON or
 * whose playground fails validation are dropped: a broken note must not stop the start.
 */
export function takeRescues(storage: KeyValueStorage | undefined): RescueNote[] {
  if (!storage) return [];
  const notes: RescueNote[] = [];
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(RESCUE_PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      const note = parseNote(storage.getItem(key), key.slice(RESCUE_PREFIX.length));
      storage.removeItem(key);
      if (note) notes.push(note);
    }
  } catch {
    // Storage that throws (disabled by the user) has no notes to offer.
  }
  return notes.sort((a, b) => a.at - b.at);
}

function parseNote(raw: string | null, id: string): RescueNote | undefined {
  if (raw === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const note = value as Partial<Record<keyof RescueNote, unknown>>;
  if (note.id !== id) return undefined;
  if (typeof note.baseRevision !== 'number' || !Number.isInteger(note.baseRevision))
    return undefined;
  if (typeof note.at !== 'number' || !Number.isFinite(note.at)) return undefined;
  const checked = validateState(note.state);
  if (!checked.ok) return undefined;
  return { id, baseRevision: note.baseRevision, state: checked.state, at: note.at };
}

/** What to do with a note, given the stored playground it belongs to. */
export type RescuePlan =
  /** The library already holds these edits. */
  | { kind: 'none' }
  /** Nothing was saved on top of the edits' base: save them as the next revision. */
  | { kind: 'apply'; state: PlaygroundState; baseRevision: number }
  /**
   * The playground was deleted, or changed elsewhere after the edits began: keep the edits
   * as a playground of their own rather than overwrite or lose either version.
   */
  | { kind: 'copy'; state: PlaygroundState };

export function planRescue(note: RescueNote, stored: PlaygroundRecord | undefined): RescuePlan {
  const live = stored && stored.deletedAt === undefined ? stored : undefined;
  if (live && sameState(live.state, note.state)) return { kind: 'none' };
  if (live && live.revision === note.baseRevision)
    return { kind: 'apply', state: note.state, baseRevision: note.baseRevision };
  const suffix = ' (unsaved edits)';
  const name = note.state.name.slice(0, LIMITS.nameChars - suffix.length) + suffix;
  return { kind: 'copy', state: { ...note.state, name } };
}

/**
 * Puts the edits of earlier pages that closed before their last save back into the library.
 * Returns the names of the playgrounds made for edits that could not go back into their own
 * (deleted, or changed by another tab since).
 */
export async function restoreRescues(
  library: PlaygroundLibrary,
  storage: KeyValueStorage | undefined,
): Promise<string[]> {
  const copies: string[] = [];
  for (const note of takeRescues(storage)) {
    let plan = planRescue(note, await library.get(note.id));
    if (plan.kind === 'none') continue;
    if (plan.kind === 'apply') {
      const saved = await library.save(note.id, plan.state, plan.baseRevision);
      if (saved.status === 'saved') continue;
      // Changed or deleted between the read and the save: keep the edits apart.
      plan = planRescue(note, undefined);
    }
    if (plan.kind === 'copy') copies.push((await library.create(plan.state, 'fork')).name);
  }
  return copies;
}
