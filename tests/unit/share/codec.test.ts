import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_INFLATED_BYTES,
  MAX_INPUT_CHARS,
  ShareEncodeError,
  benchCodec,
  decodeLink,
  encodeState,
  shareUrl,
} from '../../../src/share/codec';
import type { DecodeResult } from '../../../src/share/codec';
import { packFrame, toBase64Url } from '../../../src/share/frame';
import type { PlaygroundState } from '../../../src/share/state';
import { defaultState } from '../../../src/share/state';
import { craftLink, deflatedRun } from './helpers';
import { Rng } from './prng';

const SHOP_DDL = readFileSync(new URL('./fixtures/shop-20-tables.sql', import.meta.url), 'utf8');

function withScript(script: string): PlaygroundState {
  return { ...defaultState(), name: 'Shop', scripts: { postgres: script, sqlite: '' } };
}

function errorOf(result: DecodeResult): { code: string; message: string } {
  if (result.ok) throw new Error('expected the link to fail');
  return result.error;
}

describe('encodeState / decodeLink', () => {
  it('round-trips the default state', async () => {
    const payload = await encodeState(defaultState());
    expect(payload).toMatch(/^s1\.[A-Za-z0-9_-]+$/);
    expect(await decodeLink(payload)).toStrictEqual({
      ok: true,
      version: 1,
      state: defaultState(),
    });
  });

  it('fits a realistic 20-table DDL in a 2,000-character link', async () => {
    expect(SHOP_DDL.match(/CREATE TABLE/g)).toHaveLength(20);
    const payload = await encodeState(withScript(SHOP_DDL));
    const url = `https://schemalab.app/#${payload}`;
    console.log(`20-table DDL: ${SHOP_DDL.length} chars of SQL -> link of ${url.length} chars`);
    expect(url.length).toBeLessThanOrEqual(2_000);

    // With a diagram laid out (integer positions for all 20 tables) it still fits.
    const tables = [...SHOP_DDL.matchAll(/CREATE TABLE (\w+)/g)].map((m) => `public.${m[1]}`);
    const state = withScript(SHOP_DDL);
    state.positions.postgres = Object.fromEntries(
      tables.map((t, i) => [t, { x: 40 + (i % 5) * 280, y: 40 + Math.floor(i / 5) * 240 }]),
    );
    const withDiagram = `https://schemalab.app/#${await encodeState(state)}`;
    console.log(`20-table DDL with diagram positions: link of ${withDiagram.length} chars`);
    expect(withDiagram.length).toBeLessThanOrEqual(2_000);
    expect(await decodeLink(withDiagram)).toStrictEqual({ ok: true, version: 1, state });
  });

  it('accepts a whole URL, a fragment with or without #, and chat-tool whitespace', async () => {
    const state = withScript('SELECT 1;\n');
    const payload = await encodeState(state);
    const wrapped = payload.replace(/(.{20})/g, '$1\n  ');
    const variants = [
      payload,
      `#${payload}`,
      `https://schemalab.app/#${payload}`,
      `  https://schemalab.app/?lesson=1#${payload}\n`,
      wrapped,
      `https://schemalab.app/#${payload.replace(/(.{15})/g, '$1\u200b')}`,
      `(see https://schemalab.app/#${payload}).`,
      `<https://schemalab.app/#${payload}>`,
      `#${payload}==`,
      `#${payload.replace(/-/g, '+').replace(/_/g, '/')}`,
    ];
    for (const v of variants)
      expect(await decodeLink(v), v).toStrictEqual({ ok: true, version: 1, state });
  });

  it('builds share URLs, replacing any existing fragment', () => {
    expect(shareUrl('https://schemalab.app/', 's1.abc')).toBe('https://schemalab.app/#s1.abc');
    expect(shareUrl('https://schemalab.app/#s1.old', 's1.new')).toBe(
      'https://schemalab.app/#s1.new',
    );
  });

  it('refuses to encode an invalid state', async () => {
    const bad = { ...defaultState(), settings: { ...defaultState().settings, timeoutMs: 5 } };
    await expect(encodeState(bad)).rejects.toThrow(/settings\.timeoutMs/);
    await expect(encodeState(bad)).rejects.toBeInstanceOf(ShareEncodeError);
  });

  it('refuses to encode a state too big to open again', async () => {
    // Three scripts at their size limit, mostly four-byte characters: over the 5 MB cap.
    const big = '😀'.repeat(1_000_000);
    const state: PlaygroundState = {
      ...defaultState(),
      scripts: { postgres: big, sqlite: big },
      compareScript: big,
    };
    await expect(encodeState(state)).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('decodeLink failures', () => {
  it('names each kind of broken link', async () => {
    const good = await encodeState(withScript(SHOP_DDL));
    const cases: [string, string][] = [
      ['', 'empty'],
      ['   \n ', 'empty'],
      ['https://schemalab.app/#', 'empty'],
      ['https://schemalab.app/', 'not-a-schemalab-link'],
      ['#section-2', 'not-a-schemalab-link'],
      [`s9.${good.slice(3)}`, 'unsupported-version'],
      [`s0.${good.slice(3)}`, 'unsupported-version'],
      [`${good.slice(0, 40)}*${good.slice(41)}`, 'bad-base64'],
      [good.slice(0, good.length - 30), 'truncated'],
      ['s1.', 'truncated'],
      [`${good}AAAA`, 'corrupt'],
      [`${good.slice(0, 100)}${good[100] === 'A' ? 'B' : 'A'}${good.slice(101)}`, 'corrupt'],
    ];
    for (const [input, code] of cases) {
      const error = errorOf(await decodeLink(input));
      expect(error.code, input.slice(0, 60)).toBe(code);
      expect(error.message.length).toBeGreaterThan(20);
    }
  });

  it('says which character is wrong and how much of a cut link is missing', async () => {
    const good = await encodeState(withScript(SHOP_DDL));
    expect(errorOf(await decodeLink(`${good.slice(0, 50)}é${good.slice(50)}`)).message).toContain(
      '“é”',
    );
    const cut = errorOf(await decodeLink(good.slice(0, 1000)));
    expect(cut.message).toMatch(/cut off \(it has 997 of the \d[\d,]* characters/);
    expect(errorOf(await decodeLink('s2.AAAA')).message).toMatch(/newer Schemalab/);
  });

  it('rejects overlong input before doing any work', async () => {
    const start = performance.now();
    const error = errorOf(await decodeLink(`s1.${'A'.repeat(MAX_INPUT_CHARS)}`));
    expect(error.code).toBe('too-large');
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('stops a zip bomb that admits its size before inflating', async () => {
    const body = await deflatedRun(50 * 1024 * 1024);
    const link = `s1.${toBase64Url(packFrame(body, 50 * 1024 * 1024))}`;
    const start = performance.now();
    expect(errorOf(await decodeLink(link)).code).toBe('too-large');
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('stops a zip bomb that lies about its size while inflating', async () => {
    const body = await deflatedRun(50 * 1024 * 1024);
    const link = `s1.${toBase64Url(packFrame(body, 100))}`;
    console.log(`zip bomb: ${link.length} chars of link inflating to 50 MB`);
    const start = performance.now();
    expect(errorOf(await decodeLink(link)).code).toBe('too-large');
    const ms = performance.now() - start;
    console.log(`zip bomb rejected after ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1_000);
  });

  it('stops a payload of dictionary codes that would expand twentyfold', async () => {
    const codes = new Uint8Array(MAX_INFLATED_BYTES - 16).fill(9);
    expect(errorOf(await decodeLink(await craftLink(codes))).code).toBe('too-large');
  });

  it('reports bytes that are not UTF-8 as corrupt and text that is not JSON as bad-json', async () => {
    expect(errorOf(await decodeLink(await craftLink(Uint8Array.of(0x7b, 0xff, 0x7d)))).code).toBe(
      'corrupt',
    );
    expect(errorOf(await decodeLink(await craftLink('{"n": "unfinished'))).code).toBe('bad-json');
  });

  it('names the field when valid JSON has the wrong shape', async () => {
    const cases: [string, RegExp][] = [
      ['[1,2,3]', /the playground should be an object/],
      [
        '{"o":{"t":"soon"}}',
        /settings\.timeoutMs should be a whole number of milliseconds from 1,000 to 600,000, not "soon"/,
      ],
      ['{"o":{"t":1e9}}', /settings\.timeoutMs .*not 1000000000/],
      ['{"e":"mysql"}', /activeEngine should be one of 'postgres', 'sqlite', not "mysql"/],
      ['{"v":"chart"}', /view should be one of/],
      ['{"zz":1}', /link field "zz"/],
      ['{"x":["public.users",1]}', /positions\.postgres should be a list of table, x, y triples/],
      ['{"x":["t",1,2,"t",3,4]}', /positions\.postgres\[1\] should be listed once/],
      ['{"y":["t","left",2]}', /positions\.sqlite\["t"\]\.x should be a finite number/],
      ['{"n":42}', /name should be text, not 42/],
      ['{"l":["intro"]}', /lesson should be a lesson id and step/],
      ['{"l":["", 2]}', /lesson\.id should be text of 1 to 200 characters/],
    ];
    for (const [json, message] of cases) {
      const error = errorOf(await decodeLink(await craftLink(json)));
      expect(error.code, json).toBe('bad-shape');
      expect(error.message, json).toMatch(message);
    }
  });

  it('never throws, even for values that are not strings', async () => {
    expect(errorOf(await decodeLink(undefined as unknown as string)).code).toBe('empty');
  });
});

describe('benchCodec', () => {
  it('measures 1 MB scripts (logged, not asserted)', async () => {
    const ddl = SHOP_DDL.repeat(Math.ceil(1_000_000 / SHOP_DDL.length)).slice(0, 1_000_000);
    const rng = new Rng(7);
    const rows: string[] = [];
    for (let size = 0, i = 1; size < 1_000_000; i++) {
      const row = `INSERT INTO orders (id, user_id, status, total, placed_at) VALUES (${i}, ${rng.int(1, 50_000)}, '${rng.pick(['pending', 'paid', 'shipped'])}', ${rng.int(100, 99_999) / 100}, '2024-${rng.int(1, 12)}-${rng.int(1, 28)} ${rng.int(0, 23)}:${rng.int(10, 59)}:00+00');\n`;
      rows.push(row);
      size += row.length;
    }
    const inserts = rows.join('').slice(0, 1_000_000);
    for (const [label, script] of [
      ['1 MB of repeated DDL', ddl],
      ['1 MB of varied INSERTs', inserts],
    ] as const) {
      const r = await benchCodec(script);
      console.log(
        `${label}: encode ${r.encodeMs.toFixed(1)} ms, decode ${r.decodeMs.toFixed(1)} ms, link payload ${r.chars} chars`,
      );
      expect(r.chars).toBeGreaterThan(0);
    }
  });
});
