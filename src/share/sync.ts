// Cross-tab coordination over BroadcastChannel('schemalab'). Each library write is announced
// as { type, id, revision, tabId }, so a tab editing the same playground learns its copy is
// stale before it saves. The library's revision check still decides; this is the early warning.

import type { LibraryChange, PlaygroundLibrary } from './library';

export const CHANNEL_NAME = 'schemalab';

export interface SyncMessage extends LibraryChange {
  tabId: string;
}

/** What a tab hears about a playground that another tab changed. */
export type RemoteChange = SyncMessage;

/** The part of BroadcastChannel we use, so tests and old browsers can pass something else. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

const TYPES: readonly LibraryChange['type'][] = [
  'created',
  'saved',
  'deleted',
  'restored',
  'purged',
];

// Messages may come from an older or newer Schemalab in another tab: check before trusting.
function parseMessage(data: unknown): SyncMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  const type = TYPES.find((t) => t === m.type);
  if (!type || typeof m.id !== 'string' || typeof m.tabId !== 'string') return undefined;
  if (typeof m.revision !== 'number' || !Number.isInteger(m.revision)) return undefined;
  return { type, id: m.id, revision: m.revision, tabId: m.tabId };
}

function newTabId(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
}

export class TabSync {
  readonly tabId: string;
  private readonly channel: ChannelLike | undefined;
  private readonly byId = new Map<string, Set<(c: RemoteChange) => void>>();
  private readonly any = new Set<(c: RemoteChange) => void>();
  private readonly onMessage = (event: MessageEvent): void => {
    const msg = parseMessage(event.data);
    if (!msg || msg.tabId === this.tabId) return;
    for (const cb of [...(this.byId.get(msg.id) ?? [])]) cb(msg);
    for (const cb of [...this.any]) cb(msg);
  };

  /** Without BroadcastChannel (very old browsers) it works as a single tab. */
  constructor(options: { channel?: ChannelLike; tabId?: string } = {}) {
    this.tabId = options.tabId ?? newTabId();
    this.channel =
      options.channel ??
      (typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : undefined);
    this.channel?.addEventListener('message', this.onMessage);
  }

  /** Tells other tabs about a change this tab made. */
  announce(change: LibraryChange): void {
    const message: SyncMessage = { ...change, tabId: this.tabId };
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel only means other tabs learn later, through a save conflict.
    }
  }

  /** Calls `listener` when another tab changes playground `id`; returns an unsubscribe function. */
  onRemoteChange(id: string, listener: (c: RemoteChange) => void): () => void {
    let set = this.byId.get(id);
    if (!set) this.byId.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byId.delete(id);
    };
  }

  /** Calls `listener` for every change from another tab, e.g. to refresh the library list. */
  onAnyRemoteChange(listener: (c: RemoteChange) => void): () => void {
    this.any.add(listener);
    return () => this.any.delete(listener);
  }

  /** Stops listening and closes the channel. */
  close(): void {
    this.channel?.removeEventListener('message', this.onMessage);
    this.channel?.close();
    this.byId.clear();
    this.any.clear();
  }
}

/** Announces every change `library` makes through `sync`. Returns a function that stops it. */
export function connectLibrary(library: PlaygroundLibrary, sync: TabSync): () => void {
  return library.onChange((change) => sync.announce(change));
}
