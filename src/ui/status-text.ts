// Words for an engine's status, shared by the status bar and tests.
import type { EngineStatus } from '../engine/client';
import { formatDuration } from './result-items';

/** A short, human description of an engine's status. */
export function statusText(status: EngineStatus, now: number): string {
  switch (status.state) {
    case 'idle':
      return 'Not started — starts on first use';
    case 'loading':
      return status.progress?.message ?? 'Loading…';
    case 'ready':
      return 'Ready';
    case 'running':
      return `Running… ${formatDuration(Math.max(0, now - status.since))}`;
    case 'restarting':
      return status.reason;
    case 'failed':
      return `Failed to start: ${status.reason}`;
  }
}
