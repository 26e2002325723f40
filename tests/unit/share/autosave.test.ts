import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveScheduler } from '../../../src/share/autosave';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AutosaveScheduler', () => {
  it('saves once, one second after typing stops', async () => {
    const save = vi.fn(() => Promise.resolve());
    const auto = new AutosaveScheduler({ save, now: () => Date.now() });
    for (let i = 0; i < 5; i++) {
      auto.schedule();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(save).not.toHaveBeenCalled();
    expect(auto.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(auto.pending).toBe(false);
  });

  it('still saves every maxWaitMs while typing never stops', async () => {
    const save = vi.fn(() => Promise.resolve());
    const auto = new AutosaveScheduler({ save, maxWaitMs: 3_000, now: () => Date.now() });
    for (let i = 0; i < 20; i++) {
      auto.schedule();
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(save.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('flushes immediately (for pagehide) and does nothing when clean', async () => {
    const save = vi.fn(() => Promise.resolve());
    const auto = new AutosaveScheduler({ save });
    await auto.flush();
    expect(save).not.toHaveBeenCalled();
    auto.schedule();
    await auto.flush();
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('never runs two saves at once and saves changes made during a save', async () => {
    let running = 0;
    let maxRunning = 0;
    const gates: ReturnType<typeof deferred>[] = [];
    const save = vi.fn(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      running--;
    });
    const auto = new AutosaveScheduler({ save });
    auto.schedule();
    const first = auto.flush();
    auto.schedule(); // a change while the first save is in flight
    const second = auto.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);
    gates[0]?.resolve();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    gates[1]?.resolve();
    await second;
    expect(maxRunning).toBe(1);
    expect(auto.pending).toBe(false);
  });

  it('is busy while a save is being written, though nothing is pending any more', async () => {
    const gate = deferred();
    const auto = new AutosaveScheduler({ save: () => gate.promise });
    expect(auto.busy).toBe(false);
    auto.schedule();
    expect(auto.busy).toBe(true);
    const flushed = auto.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(auto.pending).toBe(false);
    expect(auto.busy).toBe(true);
    gate.resolve();
    await flushed;
    expect(auto.busy).toBe(false);
  });

  it('keeps changes pending when a save fails and reports the error', async () => {
    const errors: unknown[] = [];
    const save = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
    const auto = new AutosaveScheduler({ save, onError: (e) => errors.push(e) });
    auto.schedule();
    await auto.flush();
    expect(errors).toHaveLength(1);
    expect(auto.pending).toBe(true);
    await auto.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(auto.pending).toBe(false);
  });

  it('can cancel and dispose', async () => {
    const save = vi.fn(() => Promise.resolve());
    const auto = new AutosaveScheduler({ save });
    auto.schedule();
    auto.cancel();
    await vi.advanceTimersByTimeAsync(2_000);
    auto.dispose();
    auto.schedule();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(save).not.toHaveBeenCalled();
  });
});
