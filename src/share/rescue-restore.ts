// Restores the rescue notes of earlier pages (see rescue.ts) into the library at start.

import type { PlaygroundLibrary } from './library';
import type { PlaygroundRecord } from './store';
import { LIMITS, sameState, validateState, type PlaygroundState } from './state';
import type { RescueNote, StoredRescue } from './rescue';

/**
 * The notes that are sound, oldest first. A note that is not valid JSON, or whose playground
 * fails validation, is dropped: a broken note must not stop the start.
 */
export function parseRescues(stored: readonly StoredRescue[]): RescueNote[] {
  const notes: RescueNote[] = [];
  for (const { id, text } of stored) {
    const note = parseNote(text, id);
    if (note) notes.push(note);
  }
  return notes.sort((a, b) => a.at - b.at);
}

function parseNote(raw: string, id: string): RescueNote | undefined {
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
  stored: readonly StoredRescue[],
): Promise<string[]> {
  const copies: string[] = [];
  for (const note of parseRescues(stored)) {
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
