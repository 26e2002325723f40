import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../src/engine/client';
import { nodeClient } from '../helpers/node-client';
import { notRunNote, runOutcome } from '../../../src/ui/result-items';

const RUNAWAY =
  'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT count(*) FROM r';

describe.each(['postgres', 'sqlite'] as const)(
  'EngineClient on %s in a worker thread',
  (engine) => {
    let client: EngineClient;
    afterEach(() => client.close());

    it('runs statements and reports each one as it finishes', async () => {
      client = nodeClient(engine);
      const seen: string[] = [];
      const run = await client.run(
        {
          script:
            'create table a (x int);\ninsert into a values (1), (2);\nselect sum(x) as s from a;',
          stopOnError: true,
        },
        (r) => seen.push(r.command),
      );
      expect(seen).toEqual(['CREATE TABLE', 'INSERT', 'SELECT']);
      expect(run.results[2]?.rows).toEqual([[3]]);
      expect(client.getStatus().state).toBe('ready');
    });

    it('cancels a runaway query and restores the tables that existed', async () => {
      client = nodeClient(engine);
      await client.run({
        script: "create table kept (v text); insert into kept values ('before');",
        stopOnError: true,
      });
      const states: string[] = [];
      client.onStatus((s) => states.push(s.state));
      let cancelledAt = 0;
      const run = await client.run(
        {
          script: `insert into kept values ('same run');\n${RUNAWAY};\nselect 'never';`,
          stopOnError: true,
        },
        // The first statement has finished: the worker is now inside the runaway query.
        (r) => {
          if (r.index === 0) {
            cancelledAt = performance.now();
            client.cancel();
          }
        },
      );
      expect(performance.now() - cancelledAt).toBeLessThan(1000);
      expect(run.results.map((r) => r.status)).toEqual(['ok', 'cancelled']);
      expect(run.results[1]?.error?.kind).toBe('cancelled');
      expect(runOutcome(run.results)).toBe('2 statements run, #2 cancelled');
      expect(run.notRun).toBe(1);
      expect(notRunNote(run.results, run.notRun)).toBe(
        '1 statement after #2 was not run: #2 was cancelled.',
      );
      const after = await client.run({
        script: 'select v from kept order by v;',
        stopOnError: true,
      });
      expect(after.results[0]?.rows).toEqual([['before'], ['same run']]);
      expect(states).toContain('restarting');
      expect(client.getStatus().state).toBe('ready');
    });

    it('stops a run at the timeout the same way', async () => {
      client = nodeClient(engine);
      await client.run({
        script: 'create table t1 (x int); insert into t1 values (42);',
        stopOnError: true,
      });
      client.timeoutMs = 300;
      const run = await client.run({
        script: `${RUNAWAY};\nselect 1;\nselect 2;`,
        stopOnError: false,
      });
      expect(run.results[0]?.error?.kind).toBe('timeout');
      // Even with "Stop on error" off, nothing runs after a statement that timed out.
      expect(notRunNote(run.results, run.notRun)).toBe(
        '2 statements after #1 were not run: #1 timed out.',
      );
      expect(run.results[0]?.error?.message).toMatch(/300 ms/);
      expect(runOutcome(run.results)).toBe('1 statement run, #1 timed out');
      client.timeoutMs = 30_000;
      const after = await client.run({ script: 'select x from t1', stopOnError: true });
      expect(after.results[0]?.rows).toEqual([[42]]);
    });

    it('recovers from an engine crash with the data restored', async () => {
      client = nodeClient(engine);
      await client.run({
        script: 'create table c (x int); insert into c values (7);',
        stopOnError: true,
      });
      await client.crashForTest();
      const after = await client.run({ script: 'select x from c', stopOnError: true });
      expect(after.results[0]?.rows).toEqual([[7]]);
    });

    it('restores from a snapshot plus the statements run after it', async () => {
      client = nodeClient(engine);
      // Enough statements to trigger a snapshot, then more that only the replay log holds.
      const many = Array.from({ length: 320 }, (_, i) => `insert into s values (${i});`).join('\n');
      await client.run({ script: `create table s (x int);\n${many}`, stopOnError: true });
      await client.flushSnapshot();
      expect(client.replayLogLength()).toBe(0);
      await client.run({ script: 'insert into s values (1000);', stopOnError: true });
      expect(client.replayLogLength()).toBe(1);
      client.timeoutMs = 200;
      await client.run({ script: RUNAWAY, stopOnError: true });
      client.timeoutMs = 30_000;
      const after = await client.run({
        script: 'select count(*) as n, max(x) as m from s',
        stopOnError: true,
      });
      expect(after.results[0]?.rows).toEqual([[321, 1000]]);
    });
  },
);
