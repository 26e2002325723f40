import { mount } from 'svelte';
import './ui/theme.css';
import App from './App.svelte';
import { Workspace } from './app/workspace.svelte';

// Postgres takes longest to start: its worker begins loading before the UI is built.
const workspace = new Workspace();
workspace.warmUp('postgres');

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { workspace } });
