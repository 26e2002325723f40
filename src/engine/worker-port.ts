// The Web Worker side of the port: postMessage out, one message handler in.
import type { Port, WorkerEvent, WorkerRequest } from './worker-core';

const scope = self as unknown as {
  postMessage(message: WorkerEvent, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  name: string;
};

export const workerPort: Port = {
  postMessage: (message, transfer = []) => scope.postMessage(message, transfer),
  onMessage: (handler) => {
    scope.onmessage = (event) => handler(event.data);
  },
};

/** The name the client gave this worker: `eager` means "start right away". */
export const workerName = (): string => scope.name;
