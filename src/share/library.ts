// The local library of playgrounds: list, open, save with conflict detection, rename, fork,
// delete with undo, import and export. Storage is any RecordStore (IndexedDB in the browser,
// memory as fallback and in tests); the rules here are the same for both.

import type { EngineId } from '../engine/types';
import type { ExportedFile } from './files';
import { exportJson, exportSql, parseJsonImport, parseSqlImport } from './files';
import { openIndexedDbStore } from './idb-store';
import type { PlaygroundState, Problem } from './state';
import { LIMITS, describeProblems, validateState } from './state';
import type { PlaygroundOrigin, PlaygroundRecord, RecordStore, StorageStatus } from './store';
import { ResilientStore, STORAGE_MESSAGES } from './store';

export type SaveResult =
  | { status: 'saved'; record: PlaygroundRecord }
  /** Someone (usually another tab) saved after `baseRevision`; nothing was overwritten. */
  | {
      status: 'conflict';
      id: string;
      mine: PlaygroundState;
      baseRevision: number;
      theirs: PlaygroundRecord;
    }
  /** The playground is gone, or waiting in the bin when `deleted` is true. */
  | { status: 'missing'; id: string; deleted: boolean }
  | { status: 'invalid'; id: string; problems: Problem[] };

export type ImportResult = { ok: true; record: PlaygroundRecord } | { ok: false; message: string };

/** A change this library made, for cross-tab announcements (see sync.ts). */
export interface LibraryChange {
  type: 'created' | 'saved' | 'deleted' | 'restored' | 'purged';
  id: string;
  revision: number;
}

export interface LibraryOptions {
  now?: () => number;
  newId?: () => string;
  /** How long a deleted playground can be restored before it is purged. */
  undoWindowMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const DEFAULT_UNDO_WINDOW_MS = 30_000;

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address does not have one.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

function byRecent(a: PlaygroundRecord, b: PlaygroundRecord): number {
  return b.updatedAt - a.updatedAt || a.id.localeCompare(b.id);
}

export class PlaygroundLibrary {
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly undoWindowMs: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly timers = new Set<unknown>();
  private readonly changeListeners = new Set<(c: LibraryChange) => void>();

  constructor(
    private readonly store: ResilientStore,
    options: LibraryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomId;
    this.undoWindowMs = options.undoWindowMs ?? DEFAULT_UNDO_WINDOW_MS;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer =
      options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** 'persistent' (IndexedDB) or 'memory', with a reason the UI can show. */
  get storageStatus(): StorageStatus {
    return this.store.status;
  }

  /** Tells `listener` when storage falls back to memory; returns an unsubscribe function. */
  onStatusChange(listener: (s: StorageStatus) => void): () => void {
    return this.store.onStatusChange(listener);
  }

  /** Tells `listener` about every change this library makes; returns an unsubscribe function. */
  onChange(listener: (c: LibraryChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private emit(type: LibraryChange['type'], id: string, revision: number): void {
    for (const l of this.changeListeners) l({ type, id, revision });
  }

  /** Live playgrounds, most recently updated first. Records with a broken state are skipped. */
  async list(): Promise<PlaygroundRecord[]> {
    const all = await this.store.list();
    return all.filter((r) => r.deletedAt === undefined && validateState(r.state).ok).sort(byRecent);
  }

  /** Playgrounds waiting for undo, most recently deleted first. */
  async listDeleted(): Promise<PlaygroundRecord[]> {
    const all = await this.store.list();
    return all
      .filter((r) => r.deletedAt !== undefined)
      .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
  }

  /** One live playground, or undefined when it does not exist or was deleted. */
  async get(id: string): Promise<PlaygroundRecord | undefined> {
    const r = await this.store.get(id);
    return r && r.deletedAt === undefined ? r : undefined;
  }

  /** Stores a new playground at revision 1. Throws when the state is invalid (a bug in the caller). */
  async create(
    state: PlaygroundState,
    origin: PlaygroundOrigin = 'new',
  ): Promise<PlaygroundRecord> {
    const checked = validateState(state);
    if (!checked.ok)
      throw new Error(`Cannot create playground: ${describeProblems(checked.problems)}`);
    const at = this.now();
    const record: PlaygroundRecord = {
      id: this.newId(),
      name: checked.state.name,
      state: checked.state,
      createdAt: at,
      updatedAt: at,
      revision: 1,
      origin,
    };
    await this.store.put(record);
    this.emit('created', record.id, record.revision);
    return record;
  }

  /**
   * Saves `state` as the next revision if the stored one is still `baseRevision`; otherwise
   * returns a conflict with both versions. "Keep mine" is save(id, mine, theirs.revision).
   */
  async save(id: string, state: PlaygroundState, baseRevision: number): Promise<SaveResult> {
    const checked = validateState(state);
    if (!checked.ok) return { status: 'invalid', id, problems: checked.problems };
    const at = this.now();
    const result = await this.store.update<SaveResult>(id, (current) => {
      if (!current) return { result: { status: 'missing', id, deleted: false } };
      if (current.deletedAt !== undefined)
        return { result: { status: 'missing', id, deleted: true } };
      if (current.revision !== baseRevision) {
        return {
          result: { status: 'conflict', id, mine: checked.state, baseRevision, theirs: current },
        };
      }
      const record: PlaygroundRecord = {
        ...current,
        name: checked.state.name,
        state: checked.state,
        updatedAt: Math.max(at, current.updatedAt),
        revision: current.revision + 1,
      };
      return { write: record, result: { status: 'saved', record } };
    });
    if (result.status === 'saved') this.emit('saved', id, result.record.revision);
    return result;
  }

  /** Renames a playground (a new revision). Blank names become "Untitled playground". */
  async rename(id: string, name: string): Promise<PlaygroundRecord | undefined> {
    const clean = name.trim().slice(0, LIMITS.nameChars) || 'Untitled playground';
    const at = this.now();
    const record = await this.store.update<PlaygroundRecord | undefined>(id, (current) => {
      if (!current || current.deletedAt !== undefined) return { result: undefined };
      const next: PlaygroundRecord = {
        ...current,
        name: clean,
        state: { ...current.state, name: clean },
        updatedAt: Math.max(at, current.updatedAt),
        revision: current.revision + 1,
      };
      return { write: next, result: next };
    });
    if (record) this.emit('saved', id, record.revision);
    return record;
  }

  /** Copies a playground into a new one ("fork"), named "… (copy)". */
  async duplicate(id: string): Promise<PlaygroundRecord | undefined> {
    const source = await this.get(id);
    if (!source) return undefined;
    const suffix = ' (copy)';
    const name = source.name.slice(0, LIMITS.nameChars - suffix.length) + suffix;
    return this.create({ ...source.state, name }, 'fork');
  }

  /** Moves a playground to the bin; it can be restored until the undo window ends. */
  async delete(id: string): Promise<boolean> {
    const at = this.now();
    const record = await this.store.update<PlaygroundRecord | undefined>(id, (current) => {
      if (!current || current.deletedAt !== undefined) return { result: undefined };
      const next = { ...current, deletedAt: at };
      return { write: next, result: next };
    });
    if (!record) return false;
    const handle = this.setTimer(() => {
      this.timers.delete(handle);
      void this.purgeOne(id, at);
    }, this.undoWindowMs);
    this.timers.add(handle);
    this.emit('deleted', id, record.revision);
    return true;
  }

  /** Brings a deleted playground back. */
  async restore(id: string): Promise<PlaygroundRecord | undefined> {
    const record = await this.store.update<PlaygroundRecord | undefined>(id, (current) => {
      if (!current || current.deletedAt === undefined) return { result: undefined };
      const next: PlaygroundRecord = { ...current };
      delete next.deletedAt;
      return { write: next, result: next };
    });
    if (record) this.emit('restored', id, record.revision);
    return record;
  }

  // Removes the record only if it is still the same deletion: a restore (here or in another
  // tab) followed by a new delete must get its own full undo window.
  private async purgeOne(id: string, deletedAt: number): Promise<boolean> {
    const removed = await this.store.update<PlaygroundRecord | undefined>(id, (current) =>
      current && current.deletedAt !== undefined && current.deletedAt <= deletedAt
        ? { remove: true, result: current }
        : { result: undefined },
    );
    if (removed) this.emit('purged', id, removed.revision);
    return removed !== undefined;
  }

  /** Permanently removes playgrounds deleted at least `olderThanMs` ago; returns how many. */
  async purgeDeleted(olderThanMs = 0): Promise<number> {
    const cutoff = this.now() - olderThanMs;
    let count = 0;
    for (const r of await this.store.list()) {
      if (r.deletedAt !== undefined && r.deletedAt <= cutoff && (await this.purgeOne(r.id, cutoff)))
        count++;
    }
    return count;
  }

  /** Imports a .json export as a new playground; failures carry a message for the user. */
  async importJson(text: string): Promise<ImportResult> {
    const parsed = parseJsonImport(text);
    return parsed.ok ? { ok: true, record: await this.create(parsed.state, 'import') } : parsed;
  }

  /** Imports a .sql file as a new playground with that script for `engine`. */
  async importSql(script: string, engine: EngineId, fileName?: string): Promise<ImportResult> {
    const parsed = parseSqlImport(script, engine, fileName);
    return parsed.ok ? { ok: true, record: await this.create(parsed.state, 'import') } : parsed;
  }

  /** The playground as a versioned .json file, or undefined if it does not exist. */
  async exportJson(id: string): Promise<ExportedFile | undefined> {
    const r = await this.get(id);
    return r && exportJson(r);
  }

  /** One engine's script (default: the active one) as a .sql file. */
  async exportSql(id: string, engine?: EngineId): Promise<ExportedFile | undefined> {
    const r = await this.get(id);
    return r && exportSql(r, engine);
  }

  /** Stops pending purge timers (records stay in the bin and are purged on next open). */
  dispose(): void {
    for (const h of this.timers) this.clearTimer(h);
    this.timers.clear();
  }
}

/** A library kept only in memory, e.g. for tests or when storage is known to be missing. */
export function memoryLibrary(
  options: LibraryOptions = {},
  reason: string = STORAGE_MESSAGES.unavailable,
): PlaygroundLibrary {
  return new PlaygroundLibrary(new ResilientStore(undefined, reason), options);
}

/** A library over any store (e.g. a test double standing in for IndexedDB). */
export function libraryOver(primary: RecordStore, options: LibraryOptions = {}): PlaygroundLibrary {
  return new PlaygroundLibrary(new ResilientStore(primary), options);
}

/**
 * Opens the library on IndexedDB, falling back to memory when it is missing or refuses
 * (private mode). Leftovers from a tab closed during an undo window are purged.
 */
export async function openLibrary(
  options: LibraryOptions & { indexedDB?: IDBFactory | null } = {},
): Promise<PlaygroundLibrary> {
  const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
  let library: PlaygroundLibrary;
  try {
    if (!factory) throw new Error('IndexedDB is missing');
    library = libraryOver(await openIndexedDbStore(factory), options);
  } catch {
    library = memoryLibrary(options);
  }
  await library.purgeDeleted(options.undoWindowMs ?? DEFAULT_UNDO_WINDOW_MS).catch(() => 0);
  return library;
}
