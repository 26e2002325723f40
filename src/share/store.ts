// Where playground records live. The library's logic sits on top of one small interface so
// IndexedDB and the in-memory fallback behave the same; the memory store is what the Node
// tests exercise, and IndexedDbStore (idb-store.ts) is a thin mapping onto the same calls.

import type { PlaygroundState } from './state';

export type PlaygroundOrigin = 'link' | 'import' | 'new' | 'fork';

export interface PlaygroundRecord {
  id: string;
  name: string;
  state: PlaygroundState;
  createdAt: number;
  updatedAt: number;
  /** Goes up by one on every write; saves name the revision they started from. */
  revision: number;
  origin?: PlaygroundOrigin;
  /** Set while the record waits for undo after a delete; absent when it is live. */
  deletedAt?: number;
}

/** What an atomic update wants done with the record it was shown. */
export interface UpdateOutcome<T> {
  write?: PlaygroundRecord;
  remove?: boolean;
  result: T;
}

/** The storage contract: four plain operations plus one atomic read-modify-write. */
export interface RecordStore {
  get(id: string): Promise<PlaygroundRecord | undefined>;
  list(): Promise<PlaygroundRecord[]>;
  put(record: PlaygroundRecord): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Reads the record, lets `change` decide (synchronously) and applies the decision in one
   * transaction, so two tabs cannot both save over the same revision.
   */
  update<T>(
    id: string,
    change: (current: PlaygroundRecord | undefined) => UpdateOutcome<T>,
  ): Promise<T>;
}

export interface StorageStatus {
  kind: 'persistent' | 'memory';
  /** Plain words for the UI; empty when all is well. */
  reason: string;
}

/** Records kept in a Map, copied in and out so callers never share objects with it. */
export class MemoryStore implements RecordStore {
  private readonly records = new Map<string, PlaygroundRecord>();

  get(id: string): Promise<PlaygroundRecord | undefined> {
    const r = this.records.get(id);
    return Promise.resolve(r && structuredClone(r));
  }

  list(): Promise<PlaygroundRecord[]> {
    return Promise.resolve([...this.records.values()].map((r) => structuredClone(r)));
  }

  put(record: PlaygroundRecord): Promise<void> {
    this.records.set(record.id, structuredClone(record));
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.records.delete(id);
    return Promise.resolve();
  }

  update<T>(
    id: string,
    change: (current: PlaygroundRecord | undefined) => UpdateOutcome<T>,
  ): Promise<T> {
    try {
      const current = this.records.get(id);
      const outcome = change(current && structuredClone(current));
      if (outcome.remove) this.records.delete(id);
      else if (outcome.write) this.records.set(outcome.write.id, structuredClone(outcome.write));
      return Promise.resolve(outcome.result);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

export const STORAGE_MESSAGES = {
  persistent: '',
  unavailable:
    'This browser isn’t letting Schemalab keep data (private browsing does this), so playgrounds last only while this tab is open. Export anything you want to keep.',
  quota:
    'Your browser’s storage for Schemalab is full, so new changes are kept only in this tab. Export your playgrounds to keep them, then free up space.',
  failed:
    'Saving to browser storage stopped working, so new changes are kept only in this tab. Export your playgrounds to keep them.',
} as const;

function isQuotaError(err: unknown): boolean {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/**
 * Uses the persistent store while it works. The first time it throws (quota exceeded,
 * storage revoked) every record it can still read is copied into memory, the operation is
 * retried there, and the status switches to 'memory' so the UI can say so.
 */
export class ResilientStore implements RecordStore {
  private active: RecordStore;
  private readonly memory = new MemoryStore();
  private switching: Promise<void> = Promise.resolve();
  private current: StorageStatus;
  private readonly listeners = new Set<(s: StorageStatus) => void>();

  constructor(
    primary: RecordStore | undefined,
    unavailableReason: string = STORAGE_MESSAGES.unavailable,
  ) {
    this.active = primary ?? this.memory;
    this.current = primary
      ? { kind: 'persistent', reason: STORAGE_MESSAGES.persistent }
      : { kind: 'memory', reason: unavailableReason };
  }

  get status(): StorageStatus {
    return this.current;
  }

  /** Calls `listener` when storage falls back to memory. Returns an unsubscribe function. */
  onStatusChange(listener: (s: StorageStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async run<T>(op: (store: RecordStore) => Promise<T>): Promise<T> {
    await this.switching;
    const store = this.active;
    try {
      return await op(store);
    } catch (err) {
      if (store === this.memory) throw err;
      if (this.active === store) this.switching = this.fallBack(store, err);
      await this.switching;
      return op(this.active);
    }
  }

  private async fallBack(failed: RecordStore, err: unknown): Promise<void> {
    this.active = this.memory;
    try {
      for (const r of await failed.list()) await this.memory.put(r);
    } catch {
      // Reading failed too: the record being written still lands in memory below.
    }
    this.current = {
      kind: 'memory',
      reason: isQuotaError(err) ? STORAGE_MESSAGES.quota : STORAGE_MESSAGES.failed,
    };
    for (const l of this.listeners) l(this.current);
  }

  get(id: string): Promise<PlaygroundRecord | undefined> {
    return this.run((s) => s.get(id));
  }
  list(): Promise<PlaygroundRecord[]> {
    return this.run((s) => s.list());
  }
  put(record: PlaygroundRecord): Promise<void> {
    return this.run((s) => s.put(record));
  }
  delete(id: string): Promise<void> {
    return this.run((s) => s.delete(id));
  }
  update<T>(
    id: string,
    change: (current: PlaygroundRecord | undefined) => UpdateOutcome<T>,
  ): Promise<T> {
    return this.run((s) => s.update(id, change));
  }
}
