// Saves each engine's script on this device at most one second after typing stops, and
// restores it on reload.

import type { Workspace } from './workspace.svelte';
import { ENGINE_IDS, type EngineId } from '../engine/types';

const KEY = 'schemalab:autosave:v1';
const DELAY_MS = 500;

interface Saved {
  scripts: Record<EngineId, string>;
  engine: EngineId;
}

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ws: Workspace,
    private readonly report: (text: string, problem: boolean) => void,
  ) {}

  /** Puts the saved scripts into the workspace; call before the editor is created. */
  restore(): void {
    try {
      const raw = localStorage.getItem(KEY);
      if (!raw) return;
      const saved = JSON.parse(raw) as Partial<Saved>;
      for (const engine of ENGINE_IDS) {
        const script = saved.scripts?.[engine];
        if (typeof script === 'string') this.ws.scripts[engine] = script;
      }
      if (saved.engine && ENGINE_IDS.includes(saved.engine)) this.ws.engine = saved.engine;
    } catch {
      this.report('Could not read the saved scripts of this device', true);
    }
  }

  schedule(): void {
    this.report('Saving…', false);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DELAY_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const editor = this.ws.editor;
    if (!editor) return;
    const saved: Saved = {
      scripts: { postgres: editor.textOf('postgres'), sqlite: editor.textOf('sqlite') },
      engine: this.ws.engine,
    };
    try {
      localStorage.setItem(KEY, JSON.stringify(saved));
      this.report('All changes saved on this device', false);
    } catch (error) {
      this.report(
        `Not saved: ${error instanceof Error ? error.message : 'storage is unavailable'}. Keep this tab open or export your work.`,
        true,
      );
    }
  }
}
