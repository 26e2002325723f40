import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notRunNote, runOutcome, stoppedLabel } from '../../../src/ui/result-items';
import type { SqljsEngine } from '../../../src/engine/sqljs';
import { runAll, startSqlite } from '../helpers/engines';

describe('stoppedLabel', () => {
  it('names why a statement did not finish', () => {
    expect(stoppedLabel({ kind: 'timeout', message: 'Stopped after 30 s' })).toBe('Timed out');
    expect(stoppedLabel({ kind: 'crashed', message: 'out of memory' })).toBe('Engine failed');
    expect(stoppedLabel({ kind: 'cancelled', message: 'Cancelled' })).toBe('Cancelled');
    expect(stoppedLabel(undefined)).toBe('Cancelled');
  });
});

describe('runOutcome (real sql.js runs)', () => {
  let engine: SqljsEngine;
  beforeAll(async () => {
    engine = await startSqlite();
  });
  afterAll(() => engine.close());

  const outcome = async (script: string) => runOutcome((await runAll(engine, script)).results);

  it('counts the statements of a clean run', async () => {
    expect(await outcome('select 1; select 2;')).toBe('2 statements run');
    expect(await outcome('select 1;')).toBe('1 statement run');
  });

  it('names the one statement that failed', async () => {
    expect(await outcome('select 1; select nope; select 3;')).toBe('3 statements run, #2 failed');
  });

  it('names every failure, not only the first', async () => {
    expect(await outcome('select nope; select 2; select * from missing;')).toBe(
      '3 statements run, 2 failed: #1, #3',
    );
  });

  it('names the first three failures and counts the rest', async () => {
    const script = Array.from({ length: 7 }, (_, i) => (i % 2 ? 'select 1;' : 'select nope;'));
    expect(await outcome(script.join('\n'))).toBe(
      '7 statements run, 4 failed: #1, #3, #5 and 1 more',
    );
  });

  it('says why the rest of a run did not run', async () => {
    const stopped = await engine.run({
      script: 'select 1; select nope; select 3; select 4;',
      stopOnError: true,
    });
    expect(notRunNote(stopped.results, stopped.notRun)).toBe(
      '2 statements after #2 were not run because “Stop on error” is on.',
    );
    const whole = await engine.run({ script: 'select nope; select 2;', stopOnError: false });
    expect(notRunNote(whole.results, whole.notRun)).toBeNull();
  });
});
