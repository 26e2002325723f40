// Typed access to the workspace from any component, without passing it through props.
import { getContext, setContext } from 'svelte';
import type { Workspace } from './workspace.svelte';

const key = Symbol('workspace');

export function setWorkspace(workspace: Workspace): Workspace {
  return setContext(key, workspace);
}

export function getWorkspace(): Workspace {
  const workspace = getContext<Workspace | undefined>(key);
  if (!workspace) throw new Error('getWorkspace() called outside the App component');
  return workspace;
}
