// Builds the workspace and mounts the UI.
import { mount } from 'svelte';
import '../ui/theme.css';
import App from '../App.svelte';
import { Workspace } from './workspace.svelte';
import { Persistence } from './persistence.svelte';
import { prepareSqliteWorker, type EngineClient } from '../engine/client';
import type { EngineId } from '../engine/types';

/** Opens the playground to show (library or share link), then mounts the UI. */
export async function startApp(started: Partial<Record<EngineId, EngineClient>>): Promise<void> {
  const workspace = new Workspace(started);
  const persistence = await Persistence.start(workspace, location.hash);
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  mount(App, { target, props: { workspace, persistence } });
  // SQLite loads on first use; its worker thread can already exist, empty, for that moment.
  if (!workspace.hasClient('sqlite')) prepareSqliteWorker();
}
