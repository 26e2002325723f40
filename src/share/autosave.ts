// Autosave: saves about a second after typing stops, at least every maxWaitMs while typing
// goes on, never two saves at once (each save must start from the previous one's revision),
// and flush() for pagehide / visibilitychange so closing the tab loses as little as possible.

export interface AutosaveOptions {
  /** Writes the current state; called with no arguments so it always reads the latest. */
  save: () => Promise<unknown>;
  /** Quiet time after the last change before saving. */
  delayMs?: number;
  /** Longest a change may wait while changes keep coming. */
  maxWaitMs?: number;
  /** Called when a save throws; the changes stay pending for the next schedule or flush. */
  onError?: (error: unknown) => void;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class AutosaveScheduler {
  private readonly delayMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private timer: unknown;
  private dirtySince: number | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: AutosaveOptions) {
    this.delayMs = options.delayMs ?? 1_000;
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer =
      options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** True while there are changes that have not been handed to save yet. */
  get pending(): boolean {
    return this.dirtySince !== undefined;
  }

  /** True while changes are pending or a save is being written. */
  get busy(): boolean {
    return this.pending || this.running !== undefined;
  }

  /** Call on every change: (re)starts the quiet-time countdown. */
  schedule(): void {
    if (this.disposed) return;
    const at = this.now();
    this.dirtySince ??= at;
    this.cancelTimer();
    const wait = Math.max(0, Math.min(this.delayMs, this.dirtySince + this.maxWaitMs - at));
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
  }

  /** Saves pending changes now (after any save in flight) and resolves when they are written. */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.running) await this.running;
    if (this.dirtySince === undefined) return;
    this.dirtySince = undefined;
    this.running = (async () => {
      try {
        await this.options.save();
      } catch (error) {
        // Keep the changes pending; a later schedule() or flush() retries them.
        this.dirtySince ??= this.now();
        this.options.onError?.(error);
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Forgets pending changes without saving (e.g. after "take theirs"). */
  cancel(): void {
    this.cancelTimer();
    this.dirtySince = undefined;
  }

  /** Stops scheduling; call flush() first if pending changes matter. */
  dispose(): void {
    this.cancel();
    this.disposed = true;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }
}
