// One open playground in one tab: remembers which revision the editor's copy is based on,
// hears (through TabSync) when another tab saves a newer one, and offers the two ways out of
// a conflict: keep mine (save over theirs as a new revision) or take theirs (reload).

import type { PlaygroundLibrary, SaveResult } from './library';
import type { PlaygroundState } from './state';
import type { PlaygroundRecord } from './store';
import type { RemoteChange, TabSync } from './sync';

export type SessionEvent =
  /** Another tab saved a newer revision: this tab's copy is out of date. */
  | { type: 'stale'; change: RemoteChange }
  /** Another tab deleted (or purged) the playground. */
  | { type: 'deleted'; change: RemoteChange }
  /** Another tab restored it after a delete. */
  | { type: 'restored'; change: RemoteChange }
  /** This tab's save found a newer revision and wrote nothing. */
  | { type: 'conflict'; result: Extract<SaveResult, { status: 'conflict' }> };

export class PlaygroundSession {
  readonly id: string;
  private base: number;
  private newest: number;
  private readonly listeners = new Set<(e: SessionEvent) => void>();
  private readonly stopListening: () => void;

  constructor(
    private readonly library: PlaygroundLibrary,
    sync: TabSync,
    record: PlaygroundRecord,
  ) {
    this.id = record.id;
    this.base = record.revision;
    this.newest = record.revision;
    this.stopListening = sync.onRemoteChange(record.id, (change) => this.heard(change));
  }

  /** The revision the editor's copy was loaded from or last saved as. */
  get baseRevision(): number {
    return this.base;
  }

  /** True when another tab has saved a revision newer than this tab's copy. */
  get stale(): boolean {
    return this.newest > this.base;
  }

  /** Subscribes to stale/deleted/restored/conflict events; returns an unsubscribe function. */
  onEvent(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: SessionEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private heard(change: RemoteChange): void {
    if (change.type === 'saved' && change.revision > this.newest) {
      this.newest = change.revision;
      this.emit({ type: 'stale', change });
    } else if (change.type === 'deleted' || change.type === 'purged') {
      this.emit({ type: 'deleted', change });
    } else if (change.type === 'restored') {
      this.emit({ type: 'restored', change });
    }
  }

  /** Saves on top of the base revision; a 'conflict' result is also sent as an event. */
  async save(state: PlaygroundState): Promise<SaveResult> {
    const result = await this.library.save(this.id, state, this.base);
    if (result.status === 'saved') {
      this.base = result.record.revision;
      this.newest = Math.max(this.newest, this.base);
    } else if (result.status === 'conflict') {
      this.newest = Math.max(this.newest, result.theirs.revision);
      this.emit({ type: 'conflict', result });
    }
    return result;
  }

  /** "Keep mine": saves `state` as a new revision over whatever is stored now. */
  async keepMine(state: PlaygroundState): Promise<SaveResult> {
    const latest = await this.library.get(this.id);
    if (!latest) return { status: 'missing', id: this.id, deleted: false };
    this.base = latest.revision;
    // A third tab may still win the race; then this returns another conflict to resolve.
    return this.save(state);
  }

  /** "Take theirs": returns the stored playground and makes it this tab's base. */
  async takeTheirs(): Promise<PlaygroundRecord | undefined> {
    const latest = await this.latest();
    if (latest) this.adopt(latest);
    return latest;
  }

  /** The stored playground, without changing this tab's base (see adopt). */
  latest(): Promise<PlaygroundRecord | undefined> {
    return this.library.get(this.id);
  }

  /** Makes `record` (read with latest) the revision this tab's copy is based on. */
  adopt(record: PlaygroundRecord): void {
    if (record.id !== this.id) return;
    this.base = record.revision;
    this.newest = Math.max(this.newest, record.revision);
  }

  /** Stops listening to other tabs. */
  close(): void {
    this.stopListening();
    this.listeners.clear();
  }
}
