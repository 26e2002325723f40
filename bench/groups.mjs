// The benchmark groups. Each returns flat JSON fields; run.mjs merges them.
// Times are medians of cold loads in fresh browser contexts (empty cache, empty storage).

const COLD_RUNS = 5;

/** Records (in the page) when a grid cell with exactly `text` first appears. */
function watchForCell(text) {
  return `(() => {
    const found = () => Array.from(document.querySelectorAll('[role=gridcell]')).some((c) => c.textContent.trim() === ${JSON.stringify(text)});
    const start = () => new MutationObserver((_, obs) => {
      if (!window.__firstCell && found()) { window.__firstCell = performance.now(); obs.disconnect(); }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
  })();`;
}

async function firstResult(ctx, engine) {
  const context = await ctx.browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchForCell('1'));
    await page.goto(`${ctx.baseUrl}/`);
    if (engine === 'sqlite') await page.getByTestId('engine-sqlite').click();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('select 1');
    await page.getByTestId('run-all').click();
    await page.waitForFunction(() => window.__firstCell !== undefined, null, { timeout: 60_000 });
    // The page's own resource timeline does not include what workers fetch.
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => new URL(r.name).pathname)
        .filter((p) => p.endsWith('.js') && !/\.worker-/.test(p)),
    );
    return { ms: await page.evaluate(() => window.__firstCell), scripts };
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

const round = (v) => Math.round(v * 10) / 10;

export const GROUPS = [
  {
    name: 'startup',
    async run(ctx) {
      // Interleave app and baseline loads so that machine noise hits both alike.
      const pg = [];
      const base = [];
      const scripts = new Set();
      for (let i = 0; i < COLD_RUNS; i++) {
        const r = await firstResult(ctx, 'postgres');
        pg.push(r.ms);
        for (const s of r.scripts) scripts.add(s);
        base.push(await baseline(ctx));
      }
      const sqlite = (await repeat(COLD_RUNS, () => firstResult(ctx, 'sqlite'))).map((r) => r.ms);
      const js = ctx.gzipSizes([...scripts]);
      const pgMs = ctx.median(pg);
      const baseMs = ctx.median(base);
      return {
        pg_first_result_ms: round(pgMs),
        pg_baseline_ms: round(baseMs),
        pg_ratio: Math.round((pgMs / baseMs) * 1000) / 1000,
        sqlite_first_result_ms: round(ctx.median(sqlite)),
        initial_js_gzip_bytes: js.total,
        initial_js_files: js.detail,
        startup_samples: {
          pg: pg.map(round),
          baseline: base.map(round),
          sqlite: sqlite.map(round),
        },
      };
    },
  },
  {
    name: 'share',
    async run(ctx) {
      return ctx.nodeBenches.shareBench(ctx.root);
    },
  },
];
