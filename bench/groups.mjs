// The benchmark groups. Each returns flat JSON fields; run.mjs merges them.
// Times are medians of cold loads in fresh browser contexts (empty cache, empty storage).

import { generatedSchema } from './erd-schema.mjs';
import { syntheticPlan } from './plan-fixture.mjs';

const COLD_RUNS = 5;

/** A pause between cold loads, so one load's background work does not slow the next. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
const round = (v) => Math.round(v * 10) / 10;

/** Pastes into the editor the way Ctrl+V does (a paste event with clipboard data). */
async function pasteScript(page, text) {
  await page.locator('.cm-content').evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}
const ERD_RUNS = 3;

/** Collects long main-thread tasks from the start of the page. */
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });`;

/**
 * Runs a generated schema in the app with the diagram open; times run end → rendered. With
 * `again`, a second schema of the same size is then run in the same page (warm layout
 * worker) and timed too.
 */
async function erdOnce(ctx, script, tables, again, { settled = true } = {}) {
  const context = await ctx.browser.newContext({ viewport: { width: 1500, height: 950 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(LONG_TASKS);
    await page.goto(`${ctx.baseUrl}/`);
    await page.waitForSelector('[data-testid=status-postgres][data-state=ready]', {
      timeout: 60_000,
    });
    // Settled: the app has finished its start-up work (ELK is loaded and warmed up in the
    // layout worker, Postgres has run its catalog query once), as it has by the time someone
    // has typed a schema. Otherwise the run starts the moment Postgres is ready, and competes
    // with that warm-up.
    if (settled) {
      await page.waitForFunction(
        () => performance.getEntriesByName('schemalab:settled').length > 0,
        null,
        { timeout: 60_000 },
      );
    }
    await page.getByRole('tab', { name: 'Diagram' }).click();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await pasteScript(page, script);
    await page.getByTestId('run-all').click();
    await page.waitForFunction(
      (n) =>
        performance
          .getEntriesByName('schemalab:diagram-rendered')
          .some((m) => m.detail?.tables === n),
      tables,
      { timeout: 120_000, polling: 100 },
    );
    const first = await page.evaluate((n) => {
      const end = performance.getEntriesByName('schemalab:run-end').at(-1).startTime;
      const rendered = performance
        .getEntriesByName('schemalab:diagram-rendered')
        .find((m) => m.detail?.tables === n).startTime;
      const introspected = performance.getEntriesByName('schemalab:introspected').at(-1).detail.ms;
      const longest = Math.max(
        0,
        ...window.__longTasks
          .filter((t) => t.start + t.duration >= end && t.start <= rendered)
          .map((t) => t.duration),
      );
      return { ms: rendered - end, longest, introspected };
    }, tables);
    if (!again) return first;
    const runs = await page.evaluate(
      () => performance.getEntriesByName('schemalab:run-end').length,
    );
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await pasteScript(page, again);
    await page.getByTestId('run-all').click();
    await page.waitForFunction(
      (n) => performance.getEntriesByName('schemalab:run-end').length > n,
      runs,
      { timeout: 120_000 },
    );
    const total = tables * 2;
    await page.waitForFunction(
      (n) =>
        performance
          .getEntriesByName('schemalab:diagram-rendered')
          .some((m) => m.detail?.tables === n),
      total,
      { timeout: 120_000, polling: 50 },
    );
    const second = await page.evaluate((n) => {
      const end = performance.getEntriesByName('schemalab:run-end').at(-1).startTime;
      const rendered = performance
        .getEntriesByName('schemalab:diagram-rendered')
        .find((m) => m.detail?.tables === n).startTime;
      return rendered - end;
    }, total);
    return { ...first, again: second };
  } finally {
    await context.close();
  }
}

/** Pastes `text` into the plan view's paste box, as Ctrl+V does. */
async function pastePlan(page, text) {
  await page.getByRole('button', { name: 'Paste a plan…' }).click();
  await page.getByTestId('paste-plan').evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    if (
      !el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    )
      return;
    // Small pastes go into the textarea itself.
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/** Times "Show this plan" → all `nodes` nodes in the DOM and the next frame. */
async function timeShowPlan(page, nodes) {
  const measured = page.evaluate(
    (n) =>
      new Promise((resolve) => {
        let start = 0;
        document.addEventListener('click', () => (start = performance.now()), {
          capture: true,
          once: true,
        });
        const obs = new MutationObserver(() => {
          if (start && document.querySelectorAll('[data-node-id]').length >= n) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - start));
          }
        });
        obs.observe(document.body, { childList: true, subtree: true });
      }),
    nodes,
  );
  await page.getByTestId('open-pasted').click();
  return measured;
}

/**
 * Pastes a 200-node plan into the plan view and times click → tree rendered: the first time
 * in a fresh page (code still compiling) and again once the page has rendered one.
 */
async function planRenderOnce(ctx, text) {
  const context = await ctx.browser.newContext({ viewport: { width: 1500, height: 950 } });
  try {
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/`);
    // Measured once Postgres has started, so the start-up's work on the other core does not
    // end up in the figure.
    await page.waitForSelector('[data-testid=status-postgres][data-state=ready]', {
      timeout: 60_000,
    });
    await page.getByRole('tab', { name: 'Query plan' }).click();
    // Load the plan code with a small plan first, so neither figure includes downloading it.
    await pastePlan(page, syntheticPlan(3));
    await timeShowPlan(page, 3);
    await pastePlan(page, text);
    const cold = await timeShowPlan(page, 200);
    await pastePlan(page, syntheticPlan(5));
    await timeShowPlan(page, 5);
    await pastePlan(page, text);
    const warm = await timeShowPlan(page, 200);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

async function firstResult(ctx, engine) {
  const context = await ctx.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/`);
    if (engine === 'sqlite') await page.getByTestId('engine-sqlite').click();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await pasteScript(page, 'select 1');
    await page.getByTestId('run-all').click();
    await page.waitForFunction(
      () => performance.getEntriesByName('schemalab:results-rendered').length > 0,
      null,
      { timeout: 60_000, polling: 50 },
    );
    const cell = await page.locator('[role=gridcell]').first().textContent();
    if (cell?.trim() !== '1') throw new Error(`The first result was ${cell}, not 1.`);
    // The page's own resource timeline does not include what workers fetch.
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => new URL(r.name).pathname)
        .filter((p) => p.endsWith('.js') && !/\.worker-/.test(p)),
    );
    const ms = await page.evaluate(
      () => performance.getEntriesByName('schemalab:results-rendered')[0].startTime,
    );
    return { ms, scripts };
  } finally {
    await context.close();
  }
}

/**
 * SQLite on first use: from the click on the SQLite tab (its engine not loaded yet) to the
 * result of `select 1` on screen. The clicks and the paste happen inside the page, one right
 * after the other, so the figure is the app's time rather than the test driver's.
 */
async function sqliteFirstUse(ctx) {
  const context = await ctx.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/`);
    await page.waitForSelector('.cm-content');
    return await page.evaluate(async () => {
      const tab = document.querySelector('[data-testid=engine-sqlite]');
      const start = performance.now();
      tab.click();
      // The editor shows the SQLite script after the click's state update.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const content = document.querySelector('.cm-content');
      content.focus();
      document.execCommand('selectAll');
      const data = new DataTransfer();
      data.setData('text/plain', 'select 1');
      content.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
      document.querySelector('[data-testid=run-all]').click();
      await new Promise((resolve) => {
        const check = () => {
          if (performance.getEntriesByName('schemalab:results-rendered').length > 0) resolve();
          else setTimeout(check, 5);
        };
        check();
      });
      const cell = document.querySelector('[role=gridcell]')?.textContent.trim();
      if (cell !== '1') throw new Error(`first SQLite result was ${cell}`);
      return performance.getEntriesByName('schemalab:results-rendered')[0].startTime - start;
    });
  } finally {
    await context.close();
  }
}

async function baseline(ctx) {
  const context = await ctx.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/__baseline/`);
    await page.waitForFunction(() => window.__benchDone !== undefined, null, { timeout: 60_000 });
    return await page.evaluate(() => window.__benchDone);
  } finally {
    await context.close();
  }
}

async function repeat(n, f) {
  const values = [];
  for (let i = 0; i < n; i++) values.push(await f());
  return values;
}

export const GROUPS = [
  {
    name: 'startup',
    async run(ctx) {
      // Interleave app and baseline loads so that machine noise hits both alike.
      const pg = [];
      const base = [];
      const scripts = new Set();
      for (let i = 0; i < COLD_RUNS; i++) {
        // Let the previous page's workers wind down so each load starts on an idle machine.
        await settle();
        const r = await firstResult(ctx, 'postgres');
        pg.push(r.ms);
        for (const s of r.scripts) scripts.add(s);
        await settle();
        base.push(await baseline(ctx));
      }
      const sqlite = (
        await repeat(COLD_RUNS, async () => {
          await settle();
          return firstResult(ctx, 'sqlite');
        })
      ).map((r) => r.ms);
      const firstUse = await repeat(COLD_RUNS, async () => {
        await settle();
        return sqliteFirstUse(ctx);
      });
      const js = ctx.gzipSizes([...scripts]);
      const pgMs = ctx.median(pg);
      const baseMs = ctx.median(base);
      return {
        pg_first_result_ms: round(pgMs),
        pg_baseline_ms: round(baseMs),
        pg_ratio: Math.round((pgMs / baseMs) * 1000) / 1000,
        // SQLite loads on first use, so its first result is timed from that use: the click on
        // its tab in a cold page (engine not downloaded) to the result of `select 1` on screen.
        sqlite_first_result_ms: round(ctx.median(firstUse)),
        // The same result timed from navigation also counts the app's own start (the editor
        // exists only after ~0.8 s here), which `pg_first_result_ms` already measures.
        sqlite_first_result_from_navigation_ms: round(ctx.median(sqlite)),
        initial_js_gzip_bytes: js.total,
        initial_js_files: js.detail,
        startup_samples: {
          pg: pg.map(round),
          baseline: base.map(round),
          sqlite: firstUse.map(round),
          sqlite_from_navigation: sqlite.map(round),
        },
      };
    },
  },
  {
    name: 'erd',
    async run(ctx) {
      const big = generatedSchema(400, 800);
      const small = generatedSchema(20, 30);
      const runs400 = [];
      for (let i = 0; i < ERD_RUNS; i++) runs400.push(await erdOnce(ctx, big, 400));
      // The second 20-table schema adds 20 more tables to the first (names t021…t040 are
      // made unique by a prefix), so the diagram then holds 40 cards.
      const more = generatedSchema(20, 30, 7).replace(/\bt0(\d\d)\b/g, 'u0$1');
      const runs20 = [];
      for (let i = 0; i < ERD_RUNS; i++) runs20.push(await erdOnce(ctx, small, 20, more));
      const early20 = [];
      for (let i = 0; i < ERD_RUNS; i++) {
        early20.push(await erdOnce(ctx, small, 20, undefined, { settled: false }));
      }
      return {
        erd_400_ms: round(ctx.median(runs400.map((r) => r.ms))),
        erd_400_longest_task_ms: round(ctx.median(runs400.map((r) => r.longest))),
        erd_20_ms: round(ctx.median(runs20.map((r) => r.ms))),
        // 20 more tables in the same page: the layout worker is warm by then.
        erd_20_more_warm_ms: round(ctx.median(runs20.map((r) => r.again))),
        // The same 20 tables run the moment Postgres is ready, while ELK is still warming up.
        erd_20_right_after_start_ms: round(ctx.median(early20.map((r) => r.ms))),
        introspect_400_ms: round(ctx.median(runs400.map((r) => r.introspected))),
        erd_samples: {
          erd_400: runs400.map((r) => round(r.ms)),
          longest: runs400.map((r) => round(r.longest)),
          erd_20: runs20.map((r) => round(r.ms)),
          erd_20_right_after_start: early20.map((r) => round(r.ms)),
        },
      };
    },
  },
  {
    name: 'plan',
    async run(ctx) {
      const text = syntheticPlan(200);
      const samples = [];
      for (let i = 0; i < 5; i++) samples.push(await planRenderOnce(ctx, text));
      return {
        plan_render_200_nodes_ms: round(ctx.median(samples.map((s) => s.warm))),
        plan_render_200_nodes_first_ms: round(ctx.median(samples.map((s) => s.cold))),
        plan_render_samples: samples.map((s) => ({ first: round(s.cold), again: round(s.warm) })),
      };
    },
  },
  {
    name: 'datagen',
    async run(ctx) {
      return ctx.nodeBenches.datagenBench(ctx.root);
    },
  },
  {
    name: 'share',
    async run(ctx) {
      return ctx.nodeBenches.shareBench(ctx.root);
    },
  },
];
