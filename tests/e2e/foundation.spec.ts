import { expect, test } from '@playwright/test';
import { lastGridRows, openApp, runAll, setScript } from './helpers';
import { encodeState } from '../../src/share/codec';
import { defaultState } from '../../src/share/state';

for (const engine of ['postgres', 'sqlite'] as const) {
  test(`${engine}: create, insert, select shows the rows`, async ({ page }) => {
    await openApp(page, engine);
    await setScript(
      page,
      "create table pets (id int primary key, name text, born date);\ninsert into pets values (1, 'Rex', '2020-01-02'), (2, NULL, NULL), (3, 'NULL', '2021-05-06');\nselect * from pets order by id;",
    );
    await runAll(page);
    await expect(page.locator('.summary .good')).toHaveText(/3 statements run/);
    expect(await lastGridRows(page)).toEqual([
      ['1', 'Rex', engine === 'postgres' ? '2020-01-02' : '2020-01-02'],
      ['2', 'NULL', 'NULL'],
      ['3', 'NULL', '2021-05-06'],
    ]);
    // A real NULL and the string 'NULL' look different.
    const row2name = page
      .locator('[role=grid]')
      .last()
      .locator('[role=row]')
      .nth(2)
      .locator('[role=gridcell]')
      .nth(1);
    const row3name = page
      .locator('[role=grid]')
      .last()
      .locator('[role=row]')
      .nth(3)
      .locator('[role=gridcell]')
      .nth(1);
    await expect(row2name).toHaveClass(/null/);
    await expect(row3name).not.toHaveClass(/null/);
    // Numbers are right-aligned, text is not.
    const idCell = page.locator('[role=grid]').last().locator('[role=gridcell]').first();
    await expect(idCell).toHaveCSS('text-align', 'right');
  });

  test(`${engine}: a syntax error puts a diagnostic on the right line`, async ({ page }) => {
    await openApp(page, engine);
    await setScript(page, 'select 1;\n\nselect 2;\nselec 3;\nselect 4;');
    await runAll(page);
    await expect(page.locator('.summary .bad')).toHaveText(/#3 failed/);
    const marked = page.locator('.cm-lintRange-error');
    await expect(marked).toHaveCount(1);
    await expect(marked).toHaveText('selec');
    const line = await marked.evaluate((el) => {
      const lineEl = el.closest('.cm-line');
      return (
        Array.from(document.querySelectorAll('.cm-content .cm-line')).indexOf(lineEl as Element) + 1
      );
    });
    expect(line).toBe(4);
    await expect(page.getByRole('button', { name: 'Line 4, column 1' })).toBeVisible();
  });

  test(`${engine}: a runaway query is cancelled within 1 s and earlier tables still answer`, async ({
    page,
  }) => {
    await openApp(page, engine);
    await setScript(page, "create table kept (v text);\ninsert into kept values ('still here');");
    await runAll(page);
    await setScript(
      page,
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT count(*) FROM r',
    );
    await page.getByTestId('run-all').click();
    const cancel = page.getByTestId('cancel');
    await expect(cancel).toBeVisible();
    // Measure in the page: from the click on Cancel to the cancelled result being shown.
    const measured = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let pressed = 0;
          document.addEventListener('click', () => (pressed = performance.now()), {
            capture: true,
            once: true,
          });
          const observer = new MutationObserver(() => {
            if (pressed && document.querySelector('.card.cancelled')) {
              observer.disconnect();
              resolve(performance.now() - pressed);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
        }),
    );
    await cancel.click();
    expect(await measured).toBeLessThan(1000);
    await expect(page.locator('.card.cancelled')).toContainText('Cancelled');
    await expect(page.getByTestId(`status-${engine}`)).toHaveAttribute('data-state', 'ready', {
      timeout: 30_000,
    });
    await setScript(page, 'select v from kept;');
    await runAll(page);
    expect(await lastGridRows(page)).toEqual([['still here']]);
  });
}

test('SQLite loads on first use: the pointer on its tab starts it, and the Postgres tab stays selected', async ({
  page,
}) => {
  const wasmRequests: string[] = [];
  page.on('request', (request) => {
    if (/sql-wasm.*\.wasm$/.test(request.url())) wasmRequests.push(request.url());
  });
  await openApp(page);
  await expect(page.getByTestId('status-postgres')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  // Its worker thread is ready and waiting, but SQLite itself is not loaded.
  await expect.poll(() => page.workers().some((w) => /sqlite\.worker/.test(w.url()))).toBe(true);
  await expect(page.getByTestId('status-sqlite')).toHaveAttribute('data-state', 'idle');
  expect(wasmRequests).toEqual([]);
  await page.getByTestId('engine-sqlite').hover();
  await expect(page.getByTestId('status-sqlite')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('engine-postgres')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('engine-sqlite').click();
  await setScript(page, 'select 1 + 1 as two;');
  await runAll(page);
  expect(await lastGridRows(page)).toEqual([['2']]);
  expect(wasmRequests).toHaveLength(1);
});

test('the server sends the big engine files as they are, without compressing them on the fly', async ({
  page,
  request,
}) => {
  const sent: { url: string; type: string; encoding: string | undefined }[] = [];
  page.on('response', (response) => {
    if (/pglite-[\w-]+\.(data|wasm)$/.test(response.url())) {
      const headers = response.headers();
      sent.push({
        url: response.url(),
        type: headers['content-type'] ?? '',
        encoding: headers['content-encoding'],
      });
    }
  });
  await openApp(page);
  await expect(page.getByTestId('status-postgres')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  const data = sent.find((s) => s.url.endsWith('.data'));
  const wasm = sent.find((s) => s.url.endsWith('.wasm'));
  expect(data).toMatchObject({ type: 'application/octet-stream', encoding: undefined });
  expect(wasm).toMatchObject({ type: 'application/wasm', encoding: undefined });
  // Asked for gzip outright, the 6 MB bundle still comes whole: gzipping it took ~350 ms.
  const direct = await request.get(new URL(data?.url ?? '').pathname, {
    headers: { 'accept-encoding': 'gzip, br' },
  });
  expect(direct.headers()['content-encoding']).toBeUndefined();
  expect(Number(direct.headers()['content-length'])).toBeGreaterThan(1_000_000);
});

test('before the first run, the results panel holds one hidden sample result that no one can see or reach; the run replaces it', async ({
  page,
}) => {
  await openApp(page);
  const sample = page.locator('[data-rehearsal]');
  await expect(sample).toBeAttached();
  await expect(sample).toBeHidden();
  await expect(page.locator('[role=grid]:visible')).toHaveCount(0);
  await expect(
    page.getByText('Run the script to see one result per statement here.'),
  ).toBeVisible();
  await setScript(page, "select 'real' as v;");
  await runAll(page);
  await expect(sample).toHaveCount(0);
  await expect(page.locator('[role=grid]')).toHaveCount(1);
  expect(await lastGridRows(page)).toEqual([['real']]);
});

test('hidden editors are prepared in idle moments, but not while a run’s results are awaited', async ({
  context,
}) => {
  // The recipient allows shared links to run on opening; a link opened in a new tab then
  // awaits its results from the moment the page mounts until Postgres has started.
  const settings = await context.newPage();
  await settings.goto('/');
  await settings.getByRole('button', { name: 'Settings' }).click();
  const autoRun = settings.getByLabel('Run scripts from shared links as soon as they open');
  await autoRun.check();
  await expect(autoRun).toBeChecked();
  await settings.close();
  const state = { ...defaultState(), scripts: { postgres: 'select 1 as one;', sqlite: '' } };
  const page = await context.newPage();
  await page.goto(`/#${await encodeState(state)}`);
  await page.waitForFunction(
    () => performance.getEntriesByName('schemalab:run-end').length > 0,
    null,
    {
      timeout: 60_000,
    },
  );
  expect(await lastGridRows(page)).toEqual([['1']]);
  // Then the other engine's script and the compare script are prepared, after the run.
  await page.waitForFunction(
    () => performance.getEntriesByName('schemalab:editor-prepared').length === 2,
  );
  const { prepared, runEnd } = await page.evaluate(() => ({
    prepared: performance
      .getEntriesByName('schemalab:editor-prepared')
      .map((m) => ({ doc: (m as PerformanceMark).detail.doc as string, at: m.startTime })),
    runEnd: performance.getEntriesByName('schemalab:run-end')[0]?.startTime ?? Infinity,
  }));
  expect(prepared.map((p) => p.doc)).toEqual(['sqlite', 'compare']);
  expect(prepared.filter((p) => p.at < runEnd)).toEqual([]);
});

test('a reload keeps each engine’s script', async ({ page }) => {
  await openApp(page);
  await setScript(page, 'select 42 as answer; -- postgres draft');
  await page.getByTestId('engine-sqlite').click();
  await setScript(page, 'select 7; -- sqlite draft');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('select 7; -- sqlite draft');
  await page.getByTestId('engine-postgres').click();
  await expect(page.locator('.cm-content')).toContainText('select 42 as answer; -- postgres draft');
});

test('each script keeps its own editor and undo history across engine switches', async ({
  page,
}) => {
  await openApp(page);
  await setScript(page, 'select 1; -- postgres, first');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  await setScript(page, 'select 2; -- postgres, second');
  await page.getByTestId('engine-sqlite').click();
  await setScript(page, 'select 3; -- sqlite');
  await page.getByTestId('engine-postgres').click();
  // Only the shown script's editor is in the page.
  await expect(page.locator('.cm-content')).toHaveCount(1);
  await expect(page.locator('.cm-content')).toHaveText('select 2; -- postgres, second');
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.locator('.cm-content')).toHaveText('select 1; -- postgres, first');
  await page.getByTestId('engine-sqlite').click();
  await expect(page.locator('.cm-content')).toHaveCount(1);
  await expect(page.locator('.cm-content')).toHaveText('select 3; -- sqlite');

  // Search loads on its first use. A selected word marks its other occurrences…
  await setScript(page, 'select orders from orders; -- sqlite');
  const word = await page.evaluate(() => {
    const content = document.querySelector('.cm-content');
    const walker = document.createTreeWalker(content ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent?.indexOf('orders') ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + 'orders'.length);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  });
  if (!word) throw new Error('no word to select');
  await page.mouse.dblclick(word.x, word.y);
  await expect(page.locator('.cm-selectionMatch')).toHaveText(['orders']);
  // …and Ctrl/Cmd+F opens the find panel at once, and it finds.
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.getByRole('textbox', { name: 'Find' });
  await expect(find).toBeFocused();
  await find.pressSequentially('sqlite');
  await page.keyboard.press('Enter');
  await expect(page.locator('.cm-searchMatch-selected')).toHaveText('sqlite');
  await page.keyboard.press('Escape');
  await expect(find).toHaveCount(0);
});

test('100,000 rows: the grid keeps the DOM small and scrolls to the last row', async ({ page }) => {
  await openApp(page);
  await setScript(
    page,
    'select g as n, md5(g::text) as hash, null::text as nothing from generate_series(1, 100000) g;',
  );
  await runAll(page);
  const card = page.locator('.card').last();
  await expect(card).toContainText('100,000 rows');
  const grid = card.locator('[role=grid]');
  await expect(grid).toHaveAttribute('aria-rowcount', '100001');
  // Only the rows in view (plus a margin) exist in the DOM.
  const rendered = await grid.locator('[role=row]').count();
  expect(rendered).toBeLessThan(80);
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.locator('[role=rowheader]').filter({ hasText: /^100000$/ })).toHaveCount(1);
  const last = grid
    .locator('[role=row]')
    .filter({ has: page.locator('[role=rowheader]', { hasText: /^100000$/ }) });
  await expect(last.locator('[role=gridcell]').first()).toHaveText('100000');
  await expect(last.locator('[role=gridcell]').nth(2)).toHaveClass(/null/);
});
