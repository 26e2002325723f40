// Compare mode on the real engines: differing cells are marked and explained, a catalogue
// port fixes a statement for both engines, Chinook loads the same on both, and a script of
// 15,000 statements renders without freezing the page.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openApp, setScript } from './helpers';

const repoRoot = join(import.meta.dirname, '..', '..');
const fixtures = join(repoRoot, '..', 'shared', 'fixtures');
const chinookPg = join(fixtures, 'chinook', 'Chinook_PostgreSql.sql');
const chinookLite = join(fixtures, 'chinook', 'Chinook_Sqlite.sql');

async function openCompare(page: Page): Promise<void> {
  await openApp(page);
  await page.getByTestId('mode-compare').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
}

/** Runs the compare script from empty databases and waits for the summary. */
async function runCompare(page: Page): Promise<void> {
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('compare-summary')).toBeVisible({ timeout: 120_000 });
}

/** The card of the statement whose first line contains `text`. */
function rowWith(page: Page, text: string): Locator {
  return page
    .getByTestId('compare-row')
    .filter({ has: page.getByTestId('compare-first-line').filter({ hasText: text }) });
}

/** Opens a playground whose compare script is `script`, through the import of a .json file. */
async function importCompareScript(page: Page, name: string, script: string): Promise<void> {
  const envelope = {
    format: 'schemalab-playground',
    version: 1,
    playground: {
      name,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      state: {
        name,
        scripts: { postgres: '', sqlite: '' },
        compareScript: script,
        activeEngine: 'postgres',
        view: 'results',
        mode: 'compare',
        positions: { postgres: {}, sqlite: {} },
        settings: { stopOnError: false, timeoutMs: 120_000, autoRunSharedLinks: false },
      },
    },
  };
  await page.getByTestId('open-library').click();
  await page.getByTestId('import-input').setInputFiles({
    name: `${name}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(envelope)),
  });
  await expect(page.getByTestId('playground-name')).toHaveText(name);
  await expect(page.getByTestId('compare-view')).toBeVisible();
}

test('a row only one engine returns is marked on that side, with its note', async ({ page }) => {
  await openCompare(page);
  await setScript(
    page,
    [
      'create table t (name text);',
      "insert into t values ('abc'), ('Abc');",
      "select name from t where name like 'a%' order by name;",
    ].join('\n'),
  );
  await runCompare(page);
  const row = rowWith(page, "select name from t where name like 'a%'");
  await expect(row).toHaveAttribute('data-verdict', 'differs');
  // SQLite's LIKE ignores case for ASCII, so it returns one row more than Postgres.
  const sqlite = row.getByRole('grid', { name: 'SQLite rows of statement 3' });
  const postgres = row.getByRole('grid', { name: 'PostgreSQL rows of statement 3' });
  await expect(sqlite).toHaveAttribute('aria-rowcount', '3');
  await expect(postgres).toHaveAttribute('aria-rowcount', '2');
  const extra = sqlite.locator('[role=row].extra');
  await expect(extra).toHaveCount(1);
  await expect(extra).toHaveAttribute('aria-rowindex', '3');
  await expect(extra).toHaveAttribute('title', /.+/);
  await expect(postgres.locator('[role=row].extra')).toHaveCount(0);
});

test('a value that SQLite keeps and Postgres converts is marked at its cell and explained', async ({
  page,
}) => {
  await openCompare(page);
  await setScript(
    page,
    [
      'create table t (id integer, n integer);',
      "insert into t values (1, '12'), (2, 12.5);",
      'select id, n from t order by id;',
    ].join('\n'),
  );
  await runCompare(page);
  await expect(page.getByTestId('count-differs')).toHaveText('1 differ');
  const row = rowWith(page, 'select id, n from t');
  await expect(row).toHaveAttribute('data-verdict', 'differs');
  for (const [engine, value] of [
    ['PostgreSQL', '13'],
    ['SQLite', '12.5'],
  ] as const) {
    const grid = row.getByRole('grid', { name: `${engine} rows of statement 3` });
    const marked = grid.locator('[data-diff]');
    await expect(marked).toHaveCount(1);
    // Row 2, column n (after the row number and id): the one cell that differs.
    await expect(marked).toHaveText(new RegExp(`^${value.replace('.', '\\.')}\\(differs`));
    await expect(
      grid.locator('[role=row]').nth(2).locator('[role=gridcell]').nth(1),
    ).toHaveAttribute('data-diff', '');
  }
  const difference = row.getByTestId('difference');
  await expect(difference).toHaveAttribute('data-kind', 'value');
  const explanation = difference.getByTestId('explanation');
  await expect(explanation).toHaveAttribute('data-entry', 'real-into-integer');
  await expect(explanation).toContainText('A fraction stored in an INTEGER column');
  await expect(explanation).toContainText('Portable SQL');

  // The same statement's plans, side by side.
  await row.getByTestId('compare-first-line').click();
  await page.getByTestId('explain-toolbar').click();
  await expect(page.getByTestId('compare-tab-plans')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('plan-postgres').getByTestId('plan-tree')).toBeVisible();
  await expect(page.getByTestId('plan-sqlite').getByTestId('plan-tree')).toBeVisible();
});

test('a statement SQLite rejects is ported, and after the re-run it succeeds on both', async ({
  page,
}) => {
  await openCompare(page);
  await setScript(
    page,
    [
      "create table fruit (name text); insert into fruit values ('Apple');",
      'select now() is not null as ok;',
      "select name from fruit where name ilike 'apple';",
      'select 1 as last_one;',
    ].join('\n'),
  );
  await runCompare(page);

  // now() → CURRENT_TIMESTAMP runs on both engines: it replaces the statement in place.
  const now = rowWith(page, 'select now()');
  await expect(now.getByTestId('pill-sqlite')).toHaveAttribute('data-status', 'error');
  await expect(now.getByTestId('explanation').first()).toHaveAttribute(
    'data-entry',
    'now-function',
  );
  const port = now.getByTestId('port');
  await expect(port).toHaveAttribute('data-placement', 'replace');
  await expect(port.getByTestId('ported-sql')).toHaveText(
    'select CURRENT_TIMESTAMP is not null as ok',
  );
  await port.getByTestId('use-port').click();
  const ported = rowWith(page, 'select CURRENT_TIMESTAMP is not null');
  await expect(ported.getByTestId('pill-postgres')).toHaveAttribute('data-status', 'ok');
  await expect(ported.getByTestId('pill-sqlite')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('.cm-content')).toContainText('select CURRENT_TIMESTAMP is not null');

  // ILIKE → LIKE is case-sensitive on Postgres: it goes into a variant block instead.
  const ilike = rowWith(page, 'ilike');
  await expect(ilike.getByTestId('pill-sqlite')).toHaveAttribute('data-status', 'error');
  await expect(ilike.getByTestId('port')).toHaveAttribute('data-placement', 'variant');
  await ilike.getByTestId('use-port').click();
  const variant = page
    .getByTestId('compare-row')
    .filter({ has: page.getByTestId('compare-side-sqlite').filter({ hasText: "like 'apple'" }) });
  await expect(variant.getByTestId('pill-postgres')).toHaveAttribute('data-status', 'ok');
  await expect(variant.getByTestId('pill-sqlite')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('.cm-content')).toContainText('-- @sqlite');
  await expect(rowWith(page, 'select 1 as last_one').getByTestId('verdict')).toHaveText('Same');
  await expect(page.getByTestId('compare-problem')).toHaveCount(0);
});

test('the catalogue is searchable, and a demo goes into the compare script', async ({ page }) => {
  await openCompare(page);
  await setScript(page, 'select 1;');
  await page.getByTestId('compare-tab-catalogue').click();
  await page.getByTestId('catalogue-search').fill('nulls sort');
  const entry = page.locator('[data-entry-id="null-ordering"]');
  await entry.getByRole('button', { expanded: false }).click();
  await expect(entry.getByTestId('explanation')).toContainText('Portable SQL');
  await entry.getByTestId('try-demo').click();
  await expect(page.locator('.cm-content')).toContainText('Demo from the differences catalogue');
  await runCompare(page);
  await expect(page.getByTestId('count-differs')).not.toHaveText('0 differ');
  await expect(
    page
      .getByTestId('difference')
      .getByTestId('explanation')
      .and(page.locator('[data-entry="null-ordering"]')),
  ).not.toHaveCount(0);
});

const chinookPresent = existsSync(chinookPg) && existsSync(chinookLite);

test(`Chinook loads on both engines with the same tables and row counts${chinookPresent ? '' : ' (skipped: ../shared/fixtures not present)'}`, async ({
  page,
}) => {
  test.skip(
    !existsSync(chinookPg) || !existsSync(chinookLite),
    `The Chinook fixtures are not at ${join(fixtures, 'chinook')}`,
  );
  test.setTimeout(180_000);
  const tables: [string, string][] = [
    ['album', 'Album'],
    ['artist', 'Artist'],
    ['customer', 'Customer'],
    ['employee', 'Employee'],
    ['genre', 'Genre'],
    ['invoice', 'Invoice'],
    ['invoice_line', 'InvoiceLine'],
    ['media_type', 'MediaType'],
    ['playlist', 'Playlist'],
    ['playlist_track', 'PlaylistTrack'],
    ['track', 'Track'],
  ];
  const counts = (pick: (t: [string, string]) => string): string =>
    tables
      .map((t) => `select '${t[0]}' as table_name, cast(count(*) as integer) as n from ${pick(t)}`)
      .join('\nunion all ') + '\norder by table_name;';
  // Each file in its own section; the checks name the tables the way each file does.
  const script = [
    '-- @postgres',
    readFileSync(chinookPg, 'utf8'),
    '-- @sqlite',
    readFileSync(chinookLite, 'utf8'),
    '-- @end',
    '-- @postgres',
    "select lower(replace(table_name, '_', '')) as table_key from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1;",
    '-- @sqlite',
    "select lower(name) as table_key from sqlite_master where type = 'table' and name not like 'sqlite%' order by 1;",
    '-- @end',
    '-- @postgres',
    counts((t) => t[0]),
    '-- @sqlite',
    counts((t) => `[${t[1]}]`),
    '-- @end',
    '',
  ].join('\n');
  await openApp(page);
  await importCompareScript(page, 'Chinook on both', script);
  await runCompare(page);

  for (const [text, rowsExpected] of [
    ['as table_key', 11],
    ['as table_name', 11],
  ] as const) {
    const row = rowWith(page, text);
    await expect(row).toHaveAttribute('data-verdict', 'same');
    await row.getByRole('button', { name: /Show both results/ }).click();
    const pg = await gridText(row.getByRole('grid', { name: /^PostgreSQL rows/ }));
    const lite = await gridText(row.getByRole('grid', { name: /^SQLite rows/ }));
    expect(pg).toHaveLength(rowsExpected);
    expect(lite).toEqual(pg);
  }
  const countRow = rowWith(page, 'as table_name');
  const pgCounts = await gridText(countRow.getByRole('grid', { name: /^PostgreSQL rows/ }));
  expect(Object.fromEntries(pgCounts)).toMatchObject({
    album: '347',
    invoice_line: '2240',
    playlist_track: '8715',
    track: '3503',
  });
});

test('15,000 statements render without a long freeze', async ({ page }) => {
  test.setTimeout(240_000);
  const lines = ['create table big (id integer primary key, name text, qty integer);'];
  for (let i = 1; i <= 15_000; i++) {
    lines.push(`insert into big values (${i}, 'item ${i}', ${i % 7});`);
  }
  lines.push('select count(*) as n, sum(qty) as total from big;');
  await openApp(page);
  await importCompareScript(page, 'Fifteen thousand', lines.join('\n'));
  await expect(page.getByTestId('run-all')).toBeEnabled();
  // Long tasks, and when both engines last became ready: the tasks that start after that
  // hand the results to the compare worker, take its answer and render it. (The engine
  // clients' own work, splitting the script and receiving results, comes before.)
  await page.evaluate(() => {
    const perf = { tasks: [] as { start: number; end: number }[], readyAt: 0 };
    (window as unknown as { perf: typeof perf }).perf = perf;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        perf.tasks.push({ start: e.startTime, end: e.startTime + e.duration });
      }
    }).observe({ type: 'longtask' });
    const state = (engine: string): string | null | undefined =>
      document.querySelector(`[data-testid=status-${engine}]`)?.getAttribute('data-state');
    new MutationObserver(() => {
      if (state('postgres') === 'ready' && state('sqlite') === 'ready') {
        perf.readyAt = performance.now();
      }
    }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-state'] });
  });
  await runCompare(page);
  await expect(page.getByTestId('compare-group')).toContainText('15,001 statements');
  await expect(page.getByTestId('compare-summary')).toContainText('15,002 statements');
  await expect(rowWith(page, 'select count(*) as n')).toHaveAttribute('data-verdict', 'same');
  // Let the frame that shows the results finish before reading the observer.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
  const { whole, rendering } = await page.evaluate(() => {
    const { tasks, readyAt } = (
      window as unknown as { perf: { tasks: { start: number; end: number }[]; readyAt: number } }
    ).perf;
    const longest = (list: typeof tasks): number =>
      Math.round(Math.max(0, ...list.map((t) => t.end - t.start)));
    return { whole: longest(tasks), rendering: longest(tasks.filter((t) => t.start >= readyAt)) };
  });
  console.log(
    `15,000 statements: longest main-thread task ${rendering} ms while comparing and rendering, ${whole} ms over the whole run`,
  );
  expect(rendering).toBeLessThan(1000);
});

/** The text of every grid cell, row by row. */
async function gridText(grid: Locator): Promise<string[][]> {
  return grid
    .locator('[role=row]:not(.header)')
    .evaluateAll((rows) =>
      rows.map((r) =>
        Array.from(r.querySelectorAll('[role=gridcell]')).map((c) => (c.textContent ?? '').trim()),
      ),
    );
}

test('the Diagrams tab shows what each engine created from the same script', async ({ page }) => {
  await openCompare(page);
  await setScript(
    page,
    `create table parent (id integer primary key, name varchar(20) not null);
create table child (id integer primary key, parent_id integer references parent (id), flag boolean);`,
  );
  await runCompare(page);
  await page.getByTestId('compare-tab-diagrams').click();
  const diagrams = page.getByTestId('compare-diagrams');
  for (const [label, type] of [
    ['PostgreSQL', 'character varying(20)'],
    ['SQLite', 'varchar(20)'],
  ] as const) {
    const half = diagrams.getByRole('region', { name: `${label} diagram` });
    await expect(half.locator('[data-table]')).toHaveCount(2);
    await expect(half.locator('path.edge')).toHaveCount(1);
    // Each side names the type as its engine does.
    await expect(half.locator('text.type').filter({ hasText: type })).toHaveCount(1);
  }
});
