// IndexedDB behind the RecordStore interface: database 'schemalab', object store
// 'playgrounds', keyed by record id. Deliberately thin: all library rules live in
// library.ts and are tested against MemoryStore; this file only maps calls to requests.

import type { PlaygroundRecord, RecordStore, UpdateOutcome } from './store';

export const DB_NAME = 'schemalab';
export const STORE_NAME = 'playgrounds';
const DB_VERSION = 1;

function toError(err: unknown, fallback: string): Error {
  // Keep DOMException names (QuotaExceededError…): ResilientStore decides on them.
  return err instanceof Error || err instanceof DOMException ? (err as Error) : new Error(fallback);
}

/** Resolves when the transaction commits; rejects with its error when it aborts. */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(toError(tx.error, 'The browser storage request failed.'));
    tx.onabort = () => reject(toError(tx.error, 'The browser storage request was aborted.'));
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(toError(req.error, 'The browser storage request failed.'));
  });
}

class IndexedDbStore implements RecordStore {
  constructor(private readonly db: IDBDatabase) {}

  private tx(mode: IDBTransactionMode): { tx: IDBTransaction; store: IDBObjectStore } {
    const tx = this.db.transaction(STORE_NAME, mode);
    return { tx, store: tx.objectStore(STORE_NAME) };
  }

  async get(id: string): Promise<PlaygroundRecord | undefined> {
    const { store } = this.tx('readonly');
    return (await request(store.get(id))) as PlaygroundRecord | undefined;
  }

  async list(): Promise<PlaygroundRecord[]> {
    const { store } = this.tx('readonly');
    return (await request(store.getAll())) as PlaygroundRecord[];
  }

  async put(record: PlaygroundRecord): Promise<void> {
    const { tx, store } = this.tx('readwrite');
    store.put(record);
    await done(tx);
  }

  async delete(id: string): Promise<void> {
    const { tx, store } = this.tx('readwrite');
    store.delete(id);
    await done(tx);
  }

  async update<T>(
    id: string,
    change: (current: PlaygroundRecord | undefined) => UpdateOutcome<T>,
  ): Promise<T> {
    const { tx, store } = this.tx('readwrite');
    const committed = done(tx);
    let outcome: UpdateOutcome<T> | undefined;
    const read = store.get(id);
    read.onsuccess = () => {
      // Still inside the transaction: the decision and the write are one atomic step.
      try {
        outcome = change(read.result as PlaygroundRecord | undefined);
        if (outcome.remove) store.delete(id);
        else if (outcome.write) store.put(outcome.write);
      } catch {
        tx.abort();
      }
    };
    await committed;
    if (!outcome) throw new Error('The browser storage update did not run.');
    return outcome.result;
  }
}

/**
 * Opens (creating on first use) the playground database. Rejects when IndexedDB is
 * unusable, e.g. in some private-browsing modes, or when opening takes longer than timeoutMs.
 */
export function openIndexedDbStore(factory: IDBFactory, timeoutMs = 5_000): Promise<RecordStore> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('Opening browser storage timed out.')),
      timeoutMs,
    );
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(DB_NAME, DB_VERSION);
    } catch (err) {
      clearTimeout(timer);
      reject(toError(err, 'Browser storage is not available.'));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE_NAME))
        db.createObjectStore(STORE_NAME, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      clearTimeout(timer);
      const db = req.result;
      // Let a newer Schemalab in another tab upgrade the database instead of blocking it.
      db.onversionchange = () => db.close();
      resolve(new IndexedDbStore(db));
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(toError(req.error, 'Browser storage is not available.'));
    };
  });
}
