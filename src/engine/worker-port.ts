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
scope.onmessage = (event) => early.push(event.data);

export const workerPort: Port = {
  postMessage: (message, transfer = []) => scope.postMessage(message, transfer),
  onMessage: (handler) => {
    scope.onmessage = (event) => handler(event.data);
    for (const message of early.splice(0)) handler(message);
  },
};

/** The name the client gave this worker: `eager` means "start right away". */
export const workerName = (): string => scope.name;
