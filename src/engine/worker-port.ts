// The Web Worker side of the port: postMessage out, one message handler in. Messages that
// arrive while the worker is still loading its code are kept and handed over in order.
import type { Port, WorkerEvent, WorkerRequest } from './worker-core';

const scope = self as unknown as {
  postMessage(message: WorkerEvent, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  name: string;
};

// Installed when this module is evaluated, before any slow import of the entry.
const early: WorkerRequest[] = [];
let wake: (() => void) | undefined;
scope.onmessage = (event) => {
  early.push(event.data);
  wake?.();
};

/** Resolves when the client sends its first request (at once if it already has). */
export function firstRequest(): Promise<void> {
  return early.length > 0 ? Promise.resolve() : new Promise((resolve) => (wake = resolve));
}

export const workerPort: Port = {
  postMessage: (message, transfer = []) => scope.postMessage(message, transfer),
  onMessage: (handler) => {
    scope.onmessage = (event) => handler(event.data);
    for (const message of early.splice(0)) handler(message);
  },
};

/** The name the client gave this worker: `eager` means "start right away". */
export const workerName = (): string => scope.name;
