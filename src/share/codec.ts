// Share links: a playground packed into the URL fragment, e.g.
//   https://schemalab.app/#s1.<base64url(frame)>
// The fragment never reaches a server, so the playground stays between the people sharing it.
// `s1.` names the link format; `decoders` keeps every format that was ever published, so old
// links keep opening after the format moves on.

import type { PlaygroundState } from './state';
import { defaultState, describeProblems, validateState } from './state';
import {
  deflateRaw,
  fromBase64Url,
  inflateRawCapped,
  packFrame,
  toBase64Url,
  unpackFrame,
} from './frame';
import { expandV1, fromWireV1, shrinkV1, toWireV1 } from './wire-v1';

/** The format new links are written in. */
export const LINK_VERSION = 1;
/** Longest payload we write or read: Chromium refuses URLs over 2 MB. */
export const MAX_PAYLOAD_CHARS = 2_000_000;
/** Longest pasted text we look at at all (room for whitespace chat tools add). */
export const MAX_INPUT_CHARS = 4_000_000;
/** Inflating stops as soon as the output passes this: zip-bomb guard. */
export const MAX_INFLATED_BYTES = 5 * 1024 * 1024;
// After the dictionary is expanded; a payload of dictionary codes could otherwise grow 19×.
const MAX_EXPANDED_CHARS = 8_000_000;

export type DecodeErrorCode =
  | 'empty'
  | 'not-a-schemalab-link'
  | 'bad-base64'
  | 'truncated'
  | 'corrupt'
  | 'too-large'
  | 'unsupported-version'
  | 'bad-json'
  | 'bad-shape';

export interface DecodeError {
  code: DecodeErrorCode;
  /** Plain, user-facing explanation that names the problem. */
  message: string;
}

export type DecodeResult =
  { ok: true; state: PlaygroundState; version: number } | { ok: false; error: DecodeError };

/** Thrown by encodeState when a playground cannot become a link that would open again. */
export class ShareEncodeError extends Error {
  constructor(
    readonly code: 'invalid-state' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'ShareEncodeError';
  }
}

/** One published link format: turns its inflated bytes into today's PlaygroundState. */
interface VersionDecoder {
  decode(raw: Uint8Array): DecodeResult;
}

function fail(code: DecodeErrorCode, message: string): DecodeResult {
  return { ok: false, error: { code, message } };
}

const MESSAGES = {
  empty: 'There is no playground in this link. Paste the whole link, including the part after “#”.',
  notLink:
    'This doesn’t look like a Schemalab share link. Shared playgrounds have a code after “#s1.” at the end of the link.',
  corrupt:
    'This link is damaged: some of its characters changed on the way (its checksum doesn’t match). Copy it again from the original message.',
  tooLarge:
    'This link holds more than Schemalab will open (over 5 MB of playground). Ask the sender to export the playground as a file instead.',
  badJson:
    'This link’s contents can’t be read as a playground. It may have been made by another tool or edited by hand.',
} as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeV1(raw: Uint8Array): DecodeResult {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return fail('corrupt', MESSAGES.corrupt);
  }
  const json = expandV1(text, MAX_EXPANDED_CHARS);
  if (json === 'too-large') return fail('too-large', MESSAGES.tooLarge);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return fail('bad-json', MESSAGES.badJson);
  }
  const wire = fromWireV1(parsed);
  const checked = wire.ok ? validateState(wire.candidate) : wire;
  if (!checked.ok) {
    return fail(
      'bad-shape',
      `This link’s playground isn’t valid: ${describeProblems(checked.problems)}`,
    );
  }
  return { ok: true, state: checked.state, version: 1 };
}

/**
 * Every link format ever published, by version. To add v2: write wire-v2.ts, add
 * `2: { decode: decodeV2 }`, point encodeState at it, and migrate v1's result to the new
 * state type inside decodeV1 so old links keep opening.
 */
const decoders: Readonly<Record<number, VersionDecoder>> = {
  1: { decode: decodeV1 },
};

// Chat tools wrap long links and may add zero-width spaces or soft hyphens at the breaks.
const INVISIBLE = /[\s\u00ad\u200b-\u200d\u2060\ufeff]+/g;
// Punctuation that ends up glued to a pasted link: "(see https://…#s1.abc)." No base64url
// character is among them, so stripping them cannot change a real payload.
const TRAILING = /[.,;:!?)\]}>'"”’»]+$/;
const LEADING = /^[<(["'“‘«]+/;

/**
 * Reduces a pasted URL, fragment or bare payload to the payload itself:
 *   "(see https://schemalab.app/#s1.AbC\n  dEf)" → "s1.AbCdEf)" (the ")" goes later)
 */
function extractPayload(input: string): string {
  let text = input.replace(INVISIBLE, '');
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(hash + 1);
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // Not percent-encoded after all; the alphabet check below will say what is wrong.
    }
  }
  // Trailing punctuation is stripped from the body later, so a bare "s1." stays recognisable.
  return text.replace(LEADING, '');
}

function badCharMessage(body: string): string {
  const ch = [...body].find((c) => !/^[A-Za-z0-9_\-+/]$/.test(c));
  const shown = ch && /^\P{C}$/u.test(ch) ? `“${ch}”` : 'an invisible character';
  return `This link contains ${shown}, which never appears in a Schemalab link. It may have been changed on the way; copy it again from the original message.`;
}

async function decodeUnsafe(input: string): Promise<DecodeResult> {
  if (input.length > MAX_INPUT_CHARS) return fail('too-large', MESSAGES.tooLarge);
  const payload = extractPayload(input);
  if (payload === '') return fail('empty', MESSAGES.empty);
  if (payload.length > MAX_PAYLOAD_CHARS) return fail('too-large', MESSAGES.tooLarge);

  const head = /^s(\d{1,6})\./.exec(payload);
  if (!head) return fail('not-a-schemalab-link', MESSAGES.notLink);
  const version = Number(head[1]);
  const decoder = decoders[version];
  if (!decoder) {
    const newer = version > LINK_VERSION;
    return fail(
      'unsupported-version',
      newer
        ? `This link was made by a newer Schemalab (link format ${version}). Reload the page to get the latest version, then open the link again.`
        : `This link uses a link format (${version}) that Schemalab never published, so it can’t be opened.`,
    );
  }

  // Padding is optional in base64url; some tools add it back.
  const body = payload.slice(head[0].length).replace(TRAILING, '').replace(/=+$/, '');
  const bytes = fromBase64Url(body);
  if (!bytes) return fail('bad-base64', badCharMessage(body));
  const frame = unpackFrame(bytes, MAX_INFLATED_BYTES);
  if (!frame.ok) {
    if (frame.failure === 'too-large') return fail('too-large', MESSAGES.tooLarge);
    if (frame.failure === 'corrupt') return fail('corrupt', MESSAGES.corrupt);
    const need = frame.expectedBytes ? Math.ceil((frame.expectedBytes * 4) / 3) : undefined;
    const counts = need
      ? ` (it has ${body.length.toLocaleString('en-US')} of the ${need.toLocaleString('en-US')} characters after “${head[0]}”)`
      : '';
    return fail(
      'truncated',
      `This link is cut off${counts}. Some apps shorten long links; copy the whole link again, or ask the sender for an exported file.`,
    );
  }
  const raw = await inflateRawCapped(frame.body, MAX_INFLATED_BYTES);
  if (raw === 'too-large') return fail('too-large', MESSAGES.tooLarge);
  if (raw === 'corrupt' || raw.length !== frame.rawLength) return fail('corrupt', MESSAGES.corrupt);
  return decoder.decode(raw);
}

/**
 * Opens a share link. Accepts a whole URL, a fragment with or without '#', or the bare
 * payload, with any whitespace chat tools inserted. Never throws: failures are results.
 */
export async function decodeLink(fragmentOrUrl: string): Promise<DecodeResult> {
  try {
    if (typeof fragmentOrUrl !== 'string') return fail('empty', MESSAGES.empty);
    return await decodeUnsafe(fragmentOrUrl);
  } catch {
    // Nothing above should throw; if the platform does, the link is still just unreadable.
    return fail('corrupt', MESSAGES.corrupt);
  }
}

/**
 * Packs a playground into a link payload (no leading '#'), e.g. `s1.AbC…`. Throws
 * ShareEncodeError when the state is invalid or too big to open again.
 */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const checked = validateState(state);
  if (!checked.ok) {
    throw new ShareEncodeError(
      'invalid-state',
      `This playground can’t be shared: ${describeProblems(checked.problems)}`,
    );
  }
  const json = JSON.stringify(toWireV1(checked.state));
  const raw = new TextEncoder().encode(shrinkV1(json));
  const tooBig = new ShareEncodeError(
    'too-large',
    'This playground is too big for a link. Export it as a file and share that instead.',
  );
  if (json.length > MAX_EXPANDED_CHARS || raw.length > MAX_INFLATED_BYTES) throw tooBig;
  const frame = packFrame(await deflateRaw(raw), raw.length);
  const payload = `s${LINK_VERSION}.${toBase64Url(frame)}`;
  if (payload.length > MAX_PAYLOAD_CHARS) throw tooBig;
  return payload;
}

/** Joins the page address (any existing fragment dropped) and a payload into a share URL. */
export function shareUrl(pageUrl: string, payload: string): string {
  const hash = pageUrl.indexOf('#');
  return `${hash >= 0 ? pageUrl.slice(0, hash) : pageUrl}#${payload}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median encode and decode times (ms) and payload length for a Postgres script, for `npm run bench`. */
export async function benchCodec(
  script: string,
  runs = 5,
): Promise<{ encodeMs: number; decodeMs: number; chars: number }> {
  const state: PlaygroundState = { ...defaultState(), scripts: { postgres: script, sqlite: '' } };
  const enc: number[] = [];
  const dec: number[] = [];
  let payload = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    payload = await encodeState(state);
    const t1 = performance.now();
    const result = await decodeLink(payload);
    const t2 = performance.now();
    if (!result.ok) throw new Error(`benchCodec: round trip failed: ${result.error.message}`);
    enc.push(t1 - t0);
    dec.push(t2 - t1);
  }
  return { encodeMs: median(enc), decodeMs: median(dec), chars: payload.length };
}
