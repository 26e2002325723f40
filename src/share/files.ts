// Playgrounds as files: a versioned .json envelope that round-trips everything, and plain
// .sql for one engine's script. Pure functions; the library and the UI do the I/O.

import type { EngineId } from '../engine/types';
import { ENGINE_LABELS } from '../engine/types';
import type { PlaygroundState } from './state';
import { LIMITS, defaultState, describeProblems, validateState } from './state';
import type { PlaygroundRecord } from './store';

export const FILE_FORMAT = 'schemalab-playground';
export const FILE_VERSION = 1;
/** Bigger files are refused before parsing: three scripts at their limit fit well under it. */
export const MAX_IMPORT_CHARS = 20_000_000;

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
}

export interface PlaygroundEnvelope {
  format: typeof FILE_FORMAT;
  version: number;
  playground: { name: string; createdAt: number; updatedAt: number; state: PlaygroundState };
}

export type ParsedImport = { ok: true; state: PlaygroundState } | { ok: false; message: string };

/** A safe, readable file name: `Shop schema` → `shop-schema.json`. */
export function fileNameFor(name: string, extension: 'json' | 'sql'): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'playground'}.${extension}`;
}

/** The whole playground as a pretty, versioned JSON file. */
export function exportJson(record: PlaygroundRecord): ExportedFile {
  const envelope: PlaygroundEnvelope = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    playground: {
      name: record.name,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      state: record.state,
    },
  };
  return {
    fileName: fileNameFor(record.name, 'json'),
    mimeType: 'application/json',
    text: JSON.stringify(envelope, null, 2) + '\n',
  };
}

/** One engine's script as a .sql file, under a one-line comment naming the playground. */
export function exportSql(
  record: PlaygroundRecord,
  engine: EngineId = record.state.activeEngine,
): ExportedFile {
  // A name holding a newline must not end the comment and turn into SQL.
  const title = record.name.replace(/[\p{C}\p{Zl}\p{Zp}]+/gu, ' ').trim();
  const header = `-- ${title || 'Playground'} (${ENGINE_LABELS[engine]}), exported from Schemalab\n`;
  const script = record.state.scripts[engine];
  return {
    fileName: fileNameFor(record.name, 'sql'),
    mimeType: 'application/sql',
    text: header + script + (script.endsWith('\n') || script === '' ? '' : '\n'),
  };
}

/** Reads a .json export; every failure is a message that says what is wrong with the file. */
export function parseJsonImport(text: string): ParsedImport {
  if (text.length > MAX_IMPORT_CHARS) {
    return {
      ok: false,
      message: 'This file is too big to be a Schemalab playground (over 20 MB).',
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    const detail = err instanceof SyntaxError ? ` (${err.message})` : '';
    return { ok: false, message: `This file isn’t valid JSON${detail}. Is it a Schemalab export?` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('format' in data)) {
    return {
      ok: false,
      message: 'This JSON file isn’t a Schemalab playground export (it has no “format” field).',
    };
  }
  const env = data as Partial<Record<keyof PlaygroundEnvelope, unknown>>;
  if (env.format !== FILE_FORMAT) {
    return {
      ok: false,
      message: `This JSON file isn’t a Schemalab playground export (its format is ${JSON.stringify(env.format)}).`,
    };
  }
  if (typeof env.version !== 'number' || !Number.isInteger(env.version) || env.version < 1) {
    return {
      ok: false,
      message: 'This playground file has no valid version number, so it can’t be read safely.',
    };
  }
  if (env.version > FILE_VERSION) {
    return {
      ok: false,
      message: `This playground was exported by a newer Schemalab (file version ${env.version}). Reload the page to update, then import it again.`,
    };
  }
  const pg = env.playground;
  const state =
    typeof pg === 'object' && pg !== null ? (pg as Record<string, unknown>).state : undefined;
  const checked = validateState(state);
  if (!checked.ok) {
    const problems = checked.problems.map((p) => ({
      ...p,
      path: p.path ? `playground.state.${p.path}` : 'playground.state',
    }));
    return {
      ok: false,
      message: `This playground file has a problem: ${describeProblems(problems)}`,
    };
  }
  return { ok: true, state: checked.state };
}

/** A new playground holding `script` for `engine`, named after the file it came from. */
export function parseSqlImport(script: string, engine: EngineId, fileName = ''): ParsedImport {
  if (script.length > LIMITS.scriptChars) {
    return {
      ok: false,
      message: 'This SQL file is too big for a playground (over 2 million characters).',
    };
  }
  const base = fileName
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, LIMITS.nameChars);
  const state = defaultState();
  state.name = base || `Imported ${ENGINE_LABELS[engine]} script`;
  state.scripts[engine] = script.replace(/^\ufeff/, '');
  state.activeEngine = engine;
  return { ok: true, state };
}
