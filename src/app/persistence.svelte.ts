// Keeps the open playground in the local library: loads it at start (or creates one from a
// share link), saves every change, notices other tabs, and offers the library's actions
// (new, open, rename, fork, delete with undo, import, export, share) to the UI.

// Imported module by module (not from share/index.ts) so the link codec stays out of the
// start-up bundle: it loads when a link is opened or made.
import { AutosaveScheduler } from '../share/autosave';
import { PlaygroundSession } from '../share/session';
import { TabSync, connectLibrary } from '../share/sync';
import {
  adoptSharedState,
  defaultState,
  describeProblems,
  sameState,
  type PlaygroundState,
} from '../share/state';
import { openLibrary, type PlaygroundLibrary } from '../share/library';
import {
  clearRescue,
  holdTabLock,
  openTabs,
  tabId,
  takeRescueTexts,
  writeRescue,
  type KeyValueStorage,
} from '../share/rescue';
import type { PlaygroundRecord, StorageStatus } from '../share/store';
import type { LinkLengthInfo } from '../share/link-length';
/** The link codec and its helpers load only when a link is opened or made. */
const loadCodec = () =>
  Promise.all([import('../share/codec'), import('../share/link-length')]).then(
    ([codec, length]) => ({ ...codec, ...length }),
  );
import { ENGINE_IDS, type EngineId } from '../engine/types';
import type { Workspace } from './workspace.svelte';
import { DEFAULT_COMPARE_SCRIPT, DEFAULT_SCRIPTS } from './default-scripts';

export type Banner =
  | { kind: 'info'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'stale'; message: string }
  | { kind: 'conflict'; message: string }
  | { kind: 'deleted'; message: string };

export interface ShareResult {
  url: string;
  info: LinkLengthInfo;
}

const DEVICE_KEY = 'schemalab:device';

/** Web Storage, or undefined where the browser denies it (reading it can throw). */
function webStorage(kind: 'localStorage' | 'sessionStorage'): KeyValueStorage | undefined {
  try {
    return globalThis[kind];
  } catch {
    return undefined;
  }
}
const localStore = (): KeyValueStorage | undefined => webStorage('localStorage');

/** The Web Locks API, where the browser has it. */
function webLocks(): LockManager | undefined {
  return typeof navigator === 'object' && 'locks' in navigator ? navigator.locks : undefined;
}

/** Settings of this browser, not of a playground (a link must not turn auto-run on). */
function readDeviceSettings(): { autoRunSharedLinks: boolean } {
  try {
    const raw = localStorage.getItem(DEVICE_KEY);
    const parsed = raw ? (JSON.parse(raw) as { autoRunSharedLinks?: unknown }) : {};
    return { autoRunSharedLinks: parsed.autoRunSharedLinks === true };
  } catch {
    return { autoRunSharedLinks: false };
  }
}

export class Persistence {
  current = $state.raw<PlaygroundRecord | undefined>();
  playgrounds = $state.raw<PlaygroundRecord[]>([]);
  storage = $state.raw<StorageStatus>({ kind: 'persistent', reason: '' });
  banner = $state.raw<Banner | undefined>();
  saveText = $state('All changes saved');
  saveProblem = $state(false);
  /** The last deleted playground, while its undo is offered. */
  recentlyDeleted = $state.raw<PlaygroundRecord | undefined>();

  private session: PlaygroundSession | undefined;
  private readonly autosave: AutosaveScheduler;
  private readonly sync = new TabSync();
  private deleteTimer: ReturnType<typeof setTimeout> | undefined;
  /** The playground this page left a rescue note for, until its edits are saved. */
  private rescueId: string | undefined;
  /** This tab, as named in its rescue notes; held open by a Web Lock while the tab lives. */
  private readonly tab = tabId(webStorage('sessionStorage'));

  private constructor(
    private readonly ws: Workspace,
    private readonly library: PlaygroundLibrary,
  ) {
    this.autosave = new AutosaveScheduler({
      save: () => this.saveNow(),
      onError: (error) => {
        this.saveText = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
        this.saveProblem = true;
      },
    });
    connectLibrary(library, this.sync);
    this.storage = library.storageStatus;
    library.onStatusChange((s) => (this.storage = s));
    this.sync.onAnyRemoteChange(() => void this.refreshList());
    ws.settings.autoRunSharedLinks = readDeviceSettings().autoRunSharedLinks;
  }

  /** Opens the library and the playground to show: from the link in `hash`, or the latest. */
  static async start(ws: Workspace, hash: string): Promise<Persistence> {
    const p = new Persistence(ws, await openLibrary());
    // Before choosing what to open: rescued edits make their playground the latest one.
    const open = await openTabs(webLocks());
    // The notes of this tab's previous page (a reload) are this page's to restore.
    open.delete(p.tab);
    holdTabLock(webLocks(), p.tab);
    const notes = takeRescueTexts(localStore(), open);
    const copies =
      notes.length > 0
        ? await import('../share/rescue-restore').then((m) => m.restoreRescues(p.library, notes))
        : [];
    const fromLink = hash.length > 1 ? await p.createFromLink(hash) : undefined;
    const latest = fromLink ?? (await p.library.list())[0];
    const record = latest ?? (await p.library.create(starterState('My first playground'), 'new'));
    p.attach(record);
    p.applyToWorkspace(record.state);
    if (copies.length > 0) {
      const names = copies.map((name) => `“${name}”`).join(', ');
      const kept = `Edits that were not yet saved when this page last closed could not go back into their playground (another tab changed or deleted it since), so they are kept as a playground of their own: ${names}.`;
      p.banner = p.banner
        ? { ...p.banner, message: `${p.banner.message} ${kept}` }
        : { kind: 'info', message: kept };
    }
    await p.refreshList();
    return p;
  }

  /**
   * The page is being hidden or closed: unsaved edits are written synchronously to a rescue
   * note (IndexedDB may not finish before the page is gone), then saved as usual.
   */
  leave(): void {
    const current = this.current;
    const session = this.session;
    const unsaved =
      this.autosave.busy || this.banner?.kind === 'conflict' || this.banner?.kind === 'stale';
    // Without IndexedDB the library itself lasts only as long as the tab: nothing to rescue.
    if (current && session && unsaved && this.storage.kind !== 'memory') {
      const note = {
        id: current.id,
        baseRevision: session.baseRevision,
        state: this.currentState(),
        at: Date.now(),
      };
      if (writeRescue(localStore(), this.tab, note)) this.rescueId = current.id;
    }
    void this.flush();
  }

  /** The playground as it is now, with the editor's live text. */
  currentState(): PlaygroundState {
    const ws = this.ws;
    const base = this.current?.state ?? defaultState();
    const scripts = { ...ws.scripts };
    for (const engine of ENGINE_IDS) {
      if (ws.editor) scripts[engine] = ws.editor.textOf(engine);
    }
    return {
      ...base,
      name: this.current?.name ?? base.name,
      scripts,
      compareScript: ws.editor ? ws.editor.compareText() : ws.compareScript,
      activeEngine: ws.engine,
      mode: ws.mode,
      view: ws.view,
      positions: ws.positions,
      settings: {
        stopOnError: ws.settings.stopOnError,
        timeoutMs: ws.settings.timeoutMs,
        autoRunSharedLinks: false,
      },
    };
  }

  /** Call on every change: saves at most a second after changes stop. */
  schedule(): void {
    this.saveText = 'Saving…';
    this.saveProblem = false;
    this.autosave.schedule();
  }

  /** Saves now (page hidden or closing). */
  flush(): Promise<void> {
    return this.autosave.flush();
  }

  /** Saves the device-wide auto-run preference. */
  saveDeviceSettings(): void {
    try {
      localStorage.setItem(
        DEVICE_KEY,
        JSON.stringify({ autoRunSharedLinks: this.ws.settings.autoRunSharedLinks }),
      );
    } catch {
      // Without storage the preference lasts for this tab only.
    }
  }

  async newPlayground(): Promise<void> {
    await this.flush();
    const record = await this.library.create(starterState(await this.freeName('Untitled')), 'new');
    await this.switchTo(record);
  }

  async openPlayground(id: string): Promise<void> {
    if (id === this.current?.id) return;
    await this.flush();
    const record = await this.library.get(id);
    if (!record) {
      this.banner = { kind: 'error', message: 'That playground no longer exists.' };
      await this.refreshList();
      return;
    }
    await this.switchTo(record);
  }

  async rename(name: string): Promise<void> {
    const current = this.current;
    const trimmed = name.trim().slice(0, 200);
    if (!current || !trimmed || trimmed === current.name) return;
    await this.flush();
    const renamed = await this.library.rename(current.id, trimmed);
    if (renamed) this.attach(renamed, false);
    await this.refreshList();
  }

  async duplicate(): Promise<void> {
    const current = this.current;
    if (!current) return;
    await this.flush();
    const copy = await this.library.duplicate(current.id);
    if (copy) await this.switchTo(copy);
  }

  /** Deletes a playground; it can be restored with undoDelete for 30 seconds. */
  async remove(id: string): Promise<void> {
    const record = await this.library.get(id);
    if (!record) return;
    if (id === this.current?.id) this.autosave.cancel();
    await this.library.delete(id);
    this.recentlyDeleted = record;
    clearTimeout(this.deleteTimer);
    this.deleteTimer = setTimeout(() => (this.recentlyDeleted = undefined), 30_000);
    if (id === this.current?.id) {
      const next = (await this.library.list())[0];
      await this.switchTo(next ?? (await this.library.create(starterState('Untitled'), 'new')));
    } else await this.refreshList();
  }

  async undoDelete(): Promise<void> {
    const record = this.recentlyDeleted;
    if (!record) return;
    this.recentlyDeleted = undefined;
    const restored = await this.library.restore(record.id);
    if (restored) await this.switchTo(restored);
  }

  /** Imports `.json` playgrounds and `.sql` scripts; returns a message per failed file. */
  async importFiles(files: readonly File[]): Promise<string[]> {
    const problems: string[] = [];
    let last: PlaygroundRecord | undefined;
    for (const file of files) {
      if (file.size > 20 * 1024 * 1024) {
        problems.push(`${file.name}: larger than 20 MB, too big to open in a playground.`);
        continue;
      }
      const text = await file.text();
      const result = /\.json$/i.test(file.name)
        ? await this.library.importJson(text)
        : await this.library.importSql(text, this.ws.engine, file.name);
      if (result.ok) last = result.record;
      else problems.push(`${file.name}: ${result.message}`);
    }
    if (last) {
      await this.flush();
      await this.switchTo(last);
    }
    return problems;
  }

  /** The current playground as a downloadable file. */
  async exportFile(
    kind: 'json' | 'sql',
  ): Promise<{ fileName: string; mimeType: string; text: string } | undefined> {
    await this.flush();
    const id = this.current?.id;
    if (!id) return undefined;
    return kind === 'json'
      ? this.library.exportJson(id)
      : this.library.exportSql(id, this.ws.engine);
  }

  /** A link that carries the whole playground in its fragment. */
  async share(): Promise<ShareResult | { error: string }> {
    const { encodeState, shareUrl, linkLengthInfo, ShareEncodeError } = await loadCodec();
    try {
      const payload = await encodeState(this.currentState());
      const url = shareUrl(location.href, payload);
      return { url, info: linkLengthInfo(url) };
    } catch (error) {
      if (error instanceof ShareEncodeError) return { error: error.message };
      throw error;
    }
  }

  /** Opens a link pasted into this tab's address bar while the app runs. */
  async openLink(hash: string): Promise<void> {
    await this.flush();
    const record = await this.createFromLink(hash);
    if (record) await this.switchTo(record);
  }

  /** "Keep mine" after another tab changed the playground. */
  async keepMine(): Promise<void> {
    if (!this.session) return;
    const result = await this.session.keepMine(this.currentState());
    if (result.status === 'saved') {
      this.current = result.record;
      this.banner = undefined;
      this.settle();
    }
  }

  /** "Take theirs": shows the version another tab saved. */
  async takeTheirs(): Promise<void> {
    if (!this.session) return;
    this.autosave.cancel();
    const record = await this.session.takeTheirs();
    if (record) {
      this.current = record;
      this.applyToWorkspace(record.state);
    }
    this.banner = undefined;
    this.settle();
  }

  dismissBanner(): void {
    this.banner = undefined;
  }

  private async createFromLink(hash: string): Promise<PlaygroundRecord | undefined> {
    // Whatever happens, the fragment is consumed: a reload must not import it twice.
    history.replaceState(null, '', location.pathname + location.search);
    const { decodeLink } = await loadCodec();
    const decoded = await decodeLink(hash);
    if (!decoded.ok) {
      this.banner = {
        kind: 'error',
        message: `This share link could not be opened: ${decoded.error.message} Your own playgrounds are unchanged.`,
      };
      return undefined;
    }
    const state = adoptSharedState(decoded.state, {
      ...decoded.state.settings,
      ...readDeviceSettings(),
    });
    const record = await this.library.create(state, 'link');
    this.banner = {
      kind: 'info',
      message: `Opened the shared playground “${record.name}” as a new playground in your library; your other playgrounds are unchanged. Press Run to run its script.`,
    };
    this.openedFromLink = true;
    return record;
  }

  /** True right after a link was opened, so the app can auto-run when allowed. */
  openedFromLink = false;

  private attach(record: PlaygroundRecord, resetSession = true): void {
    this.current = record;
    if (resetSession || !this.session || this.session.id !== record.id) {
      this.session?.close();
      this.session = new PlaygroundSession(this.library, this.sync, record);
      this.session.onEvent((e) => {
        if (e.type === 'stale') {
          if (this.autosave.busy) this.showStale();
          else void this.followOtherTab();
        } else if (e.type === 'conflict') {
          this.banner = {
            kind: 'conflict',
            message:
              'Another tab saved this playground after you started editing here. Nothing was overwritten: choose which version to keep.',
          };
          this.saveText = 'Not saved: changed in another tab';
          this.saveProblem = true;
        } else if (e.type === 'deleted') {
          this.banner = {
            kind: 'deleted',
            message: 'This playground was deleted in another tab. Keep it by saving a copy.',
          };
        }
      });
    }
  }

  private showStale(): void {
    this.banner = {
      kind: 'stale',
      message: 'This playground was just changed in another tab, and you have unsaved edits here.',
    };
  }

  /**
   * Shows what another tab saved when this tab has nothing unsaved. Typing that starts while
   * the stored version is being read wins: then the choice is offered instead.
   */
  private async followOtherTab(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const record = await session.latest();
    if (session !== this.session || !record) return;
    if (this.autosave.busy) {
      if (session.stale) this.showStale();
      return;
    }
    session.adopt(record);
    this.current = record;
    this.applyToWorkspace(record.state);
  }

  private async switchTo(record: PlaygroundRecord): Promise<void> {
    this.attach(record);
    this.banner = this.openedFromLink ? this.banner : undefined;
    this.applyToWorkspace(record.state);
    await this.ws.resetEngines();
    await this.refreshList();
  }

  private applyToWorkspace(state: PlaygroundState): void {
    const ws = this.ws;
    ws.scripts = { ...state.scripts };
    ws.compareScript = state.compareScript || DEFAULT_COMPARE_SCRIPT;
    ws.engine = state.activeEngine;
    ws.mode = state.mode;
    ws.view = state.view === 'compare' ? 'results' : state.view;
    ws.positions = {
      postgres: { ...state.positions.postgres },
      sqlite: { ...state.positions.sqlite },
    };
    ws.settings.stopOnError = state.settings.stopOnError;
    ws.settings.timeoutMs = state.settings.timeoutMs;
    ws.editor?.load(state.scripts, ws.compareScript);
  }

  private async saveNow(): Promise<void> {
    if (!this.session) return;
    if (this.banner?.kind === 'conflict' || this.banner?.kind === 'stale') return;
    const state = this.currentState();
    if (this.current && sameState(state, this.current.state)) {
      // Nothing changed (e.g. the view re-applied a stored state): no new revision, so other
      // tabs are not told about a change that is not one.
      this.settle();
      return;
    }
    const result = await this.session.save(state);
    if (result.status === 'saved') {
      this.current = result.record;
      this.settle();
      await this.refreshList();
    } else if (result.status === 'missing') {
      this.banner = {
        kind: 'deleted',
        message: 'This playground was deleted in another tab. Keep it by saving a copy.',
      };
    } else if (result.status === 'invalid') {
      this.saveText = `Not saved: ${describeProblems(result.problems)}`;
      this.saveProblem = true;
    }
  }

  /**
   * After a save: says so, unless more changes came while it was written (they are saved
   * next, and until then the status keeps saying "Saving…").
   */
  private settle(): void {
    if (this.autosave.pending) return;
    this.saveText = this.storage.kind === 'memory' ? 'Kept in this tab only' : 'All changes saved';
    this.saveProblem = this.storage.kind === 'memory';
    if (this.rescueId !== undefined && this.rescueId === this.current?.id) {
      clearRescue(localStore(), this.tab, this.rescueId);
      this.rescueId = undefined;
    }
  }

  /** Saves the open playground as a new one (after it was deleted elsewhere). */
  async saveAsCopy(): Promise<void> {
    const record = await this.library.create(this.currentState(), 'fork');
    this.banner = undefined;
    this.attach(record);
    await this.refreshList();
  }

  private async refreshList(): Promise<void> {
    this.playgrounds = await this.library.list();
  }

  private async freeName(base: string): Promise<string> {
    const names = (await this.library.list()).map((r) => r.name);
    if (!names.includes(base)) return base;
    for (let i = 2; ; i++) if (!names.includes(`${base} ${i}`)) return `${base} ${i}`;
  }
}

/** A new playground with the starter scripts. */
function starterState(name: string): PlaygroundState {
  return {
    ...defaultState(),
    name,
    scripts: { ...DEFAULT_SCRIPTS },
    compareScript: DEFAULT_COMPARE_SCRIPT,
  };
}

export type { EngineId };
