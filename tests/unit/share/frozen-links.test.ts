// Links made with format v1, generated once and pasted here. They must decode to exactly
// these states forever: if one of these tests fails, the change broke links people already
// shared. Add a new link version instead of editing wire-v1.ts. To add a case, encode a
// state once, paste the link and the state, and never touch either again.

import { describe, expect, it } from 'vitest';
import { decodeLink } from '../../../src/share/codec';
import type { PlaygroundState } from '../../../src/share/state';

const FROZEN: { title: string; link: string; state: PlaygroundState }[] = [
  {
    title: 'the default state',
    link: 's1.HRv3v2Qvq1bKU7JSCs0rySzJSU1RKMhJrEwvyi_NS1GqBQA',
    state: {
      name: 'Untitled playground',
      scripts: { postgres: '', sqlite: '' },
      compareScript: '',
      activeEngine: 'postgres',
      view: 'results',
      mode: 'single',
      positions: { postgres: {}, sqlite: {} },
      settings: { stopOnError: true, timeoutMs: 30_000, autoRunSharedLinks: false },
    },
  },
  {
    title: 'a small shop schema with positions, settings and a lesson',
    link: 'https://schemalab.app/#s1.jgKYA2ct171tjktLw0AUhbEWX4j_oOZyVo3clklqXUzRnVtd2IUgpUyTsb2SR8kkUin97zJNCy6Euzp857tniwIab6tyTS5Z2dyAsYbGSeNs5ah_KyktZOlsJSajTs_mRjKq7aamLp0F4SQITsoq_Zf1inmbSeH504NU0vCyV5e1yahocltJ0o9ipjikLp23-dMjqdDrL1r7_CCbS7qh1xc6_jzE4SQAw_0ZLildUYepHTx9fp_6wS2XQOP67mZPTsD4hkYqZlmZHIwN9AfWzSKTZLhHwPfK3zFsf4NHsRqOeRDFw3g8Y_z4Xm6kOLYUqxmjhN76ZZ8mc5ZRQz8opRTDQNdVY3eMzDe_SincIFIReDTb_QI',
    state: {
      name: 'Shop schema',
      scripts: {
        postgres:
          'CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL UNIQUE\n);\n\nCREATE TABLE orders (\n  id bigserial PRIMARY KEY,\n  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n  total numeric(12, 2) NOT NULL CHECK (total >= 0)\n);\nCREATE INDEX orders_user_id_idx ON orders (user_id);\n',
        sqlite: 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);\n',
      },
      compareScript: 'SELECT * FROM users;',
      activeEngine: 'postgres',
      view: 'diagram',
      mode: 'single',
      positions: {
        postgres: { 'public.users': { x: 40, y: 40 }, 'public.orders': { x: 320.5, y: -12.25 } },
        sqlite: { 'main.users': { x: 0, y: 0 } },
      },
      settings: { stopOnError: false, timeoutMs: 60_000, autoRunSharedLinks: true },
      lesson: { id: 'joins-101', step: 3 },
    },
  },
  {
    title: 'hostile strings, lone surrogates and a __proto__ table key',
    link: '#s1.xwH9ARQTpvdVjE1KxEAUhPEabqapTRRe9GUho00mF_FJCElHGqbTmZfOqAwDcwx3bj2XJ_AIEn8W1ubjK6g6YIBF6cOjmbTdPJs4ONWom2brNF0Ul5WRmZnZyNzdMpvPt9cTCBMszjNZZWSyj9P7Apm7vu8zk-c_k8KcrUBoYSGoyqlVP6bq77e8_i1AcLCYdlufHAh7WLQxjI0uFv7ZC-w96nrUmGJdgwqXr-nuO4TQ-OFK8OS8dkYgGJrgFgpA-Q2tHwgR9oAEWzDz8fgF',
    state: {
      name: '<img src=x onerror=alert(1)> \u0000 \ud800 😀',
      scripts: {
        postgres: '',
        sqlite: "select '\\n', '\u2028', '\udfff' -- \u0001 CREATE TABLE \n",
      },
      compareScript: '"><script>alert(1)</script>',
      activeEngine: 'sqlite',
      view: 'compare',
      mode: 'compare',
      positions: {
        postgres: {},
        sqlite: { ['__proto__']: { x: 1e-7, y: 999999 }, 'main."weird ""name"""': { x: -5, y: 7 } },
      },
      settings: { stopOnError: true, timeoutMs: 1_000, autoRunSharedLinks: false },
    },
  },
];

describe('frozen v1 links', () => {
  for (const { title, link, state } of FROZEN) {
    it(`still opens: ${title}`, async () => {
      const result = await decodeLink(link);
      expect(result).toStrictEqual({ ok: true, version: 1, state });
    });
  }

  it('keeps a __proto__ table key as plain data', async () => {
    const result = await decodeLink(FROZEN[2]!.link);
    if (!result.ok) throw new Error(result.error.message);
    const sqlite = result.state.positions.sqlite;
    expect(Object.getPrototypeOf(sqlite)).toBe(Object.prototype);
    expect(Object.keys(sqlite)).toContain('__proto__');
  });
});
