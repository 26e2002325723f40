// Builds the workspace and mounts the UI.
import { mount } from 'svelte';
import '../ui/theme.css';
import App from '../App.svelte';
import { Workspace } from './workspace.svelte';
import type { EngineClient } from '../engine/client';
import type { EngineId } from '../engine/types';

export function startApp(started: Partial<Record<EngineId, EngineClient>>): void {
  const workspace = new Workspace(started);
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  mount(App, { target, props: { workspace } });
}
