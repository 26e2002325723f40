import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openApp, paste, runAll, setScript } from './helpers';

async function cardBoxes(page: Page): Promise<Record<string, string>> {
  return page
    .locator('[data-table]')
    .evaluateAll((cards) =>
      Object.fromEntries(
        cards.map((c) => [c.getAttribute('data-table') ?? '', c.getAttribute('transform') ?? '']),
      ),
    );
}

async function showDiagram(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Diagram' }).click();
  await expect(page.getByTestId('diagram-status')).toHaveAttribute('data-state', 'ready');
}

for (const engine of ['postgres', 'sqlite'] as const) {
  test(`${engine}: three related tables give three cards and two edges; adding one keeps the others in place`, async ({
    page,
  }) => {
    await openApp(page, engine);
    await setScript(
      page,
      `create table authors (id integer primary key, name text not null);
create table books (id integer primary key, author_id integer not null references authors (id), title text);
create table reviews (id integer primary key, book_id integer references books (id), stars integer check (stars between 1 and 5));`,
    );
    await runAll(page);
    await showDiagram(page);
    const schema = engine === 'postgres' ? 'public' : 'main';
    await expect(page.locator('[data-table]')).toHaveCount(3);
    await expect(page.locator('path.edge')).toHaveCount(2);
    await expect(page.getByTestId('diagram-status')).toHaveText('3 tables, 2 relationships');
    // Hovering a foreign-key column highlights it and the column it references.
    await page.locator(`[data-table="${schema}.books"] g.row[data-col="author_id"]`).hover();
    await expect(page.locator(`[data-table="${schema}.authors"] g.row[data-col="id"]`)).toHaveClass(
      /\bhl\b/,
    );
    await expect(page.locator('g.row.hl')).toHaveCount(2);
    await page.mouse.move(0, 0);
    await expect(page.locator('g.row.hl')).toHaveCount(0);
    const before = await cardBoxes(page);
    expect(Object.keys(before).sort()).toEqual([
      `${schema}.authors`,
      `${schema}.books`,
      `${schema}.reviews`,
    ]);

    // A new table, run on its own: the existing cards do not move.
    await page.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+End');
    await paste(page, '\ncreate table publishers (id integer primary key, name text);');
    const counts = () =>
      page.evaluate(() => ({
        runs: performance.getEntriesByName('schemalab:run-end').length,
        layouts: performance.getEntriesByName('schemalab:layout-requested').length,
      }));
    const { runs, layouts } = await counts();
    await page.getByTestId('run-statement').click();
    await page.waitForFunction(
      (n) => performance.getEntriesByName('schemalab:run-end').length > n,
      runs,
    );
    await showDiagram(page);
    await expect(page.locator('[data-table]')).toHaveCount(4);
    // The run asked for exactly one layout, though both the workspace (as soon as the new
    // schema arrived) and the diagram (when it saw it) ask to show it.
    expect((await counts()).layouts).toBe(layouts + 1);
    // And it asked before the rest of the page had even been told about the new schema.
    const [requested, introspected] = await page.evaluate(() =>
      ['layout-requested', 'introspected'].map(
        (name) => performance.getEntriesByName(`schemalab:${name}`).at(-1)?.startTime ?? NaN,
      ),
    );
    expect(requested).toBeLessThanOrEqual(introspected ?? NaN);
    await expect(page.locator(`[data-table="${schema}.publishers"]`)).toBeVisible();
    const after = await cardBoxes(page);
    for (const key of Object.keys(before)) expect(after[key]).toBe(before[key]);

    // A run that changes no table: while the catalog is read again the diagram does not
    // count as ready, and its text keeps the counts instead of flickering.
    await page.evaluate(() => {
      const status = document.querySelector('[data-testid="diagram-status"]');
      if (!status) throw new Error('no diagram status');
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      new MutationObserver(() =>
        w.seen.push(
          `${status.getAttribute('data-state')}: ${status.textContent?.replace(/\s+/g, ' ').trim()}`,
        ),
      ).observe(status, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    await paste(page, '\nselect 1;');
    const runsBefore = (await counts()).runs;
    await page.getByTestId('run-statement').click();
    await page.waitForFunction(
      (n) => performance.getEntriesByName('schemalab:run-end').length > n,
      runsBefore,
    );
    await expect(page.getByTestId('diagram-status')).toHaveAttribute('data-state', 'ready');
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([
      'working: 4 tables, 2 relationships',
      'ready: 4 tables, 2 relationships',
    ]);

    // Clicking a card shows the statement that created it.
    await page.locator(`[data-table="${schema}.books"]`).click();
    await expect
      .poll(() => page.evaluate(() => document.getSelection()?.toString() ?? ''))
      .toMatch(/^create table books \(id integer primary key, author_id/);
  });
}

test('an empty diagram draws one hidden sample card ahead of the first real ones, and drops it for them', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Diagram' }).click();
  const sample = page.locator('[data-rehearsal]');
  await expect(sample).toBeAttached();
  await expect(sample).toBeHidden();
  await expect(page.getByTestId('diagram-status')).toHaveText('0 tables, 0 relationships');
  await expect(page.getByText('No tables yet.', { exact: false })).toBeVisible();
  await page.getByRole('tab', { name: 'Results' }).click();
  await setScript(page, 'create table t (id int primary key);');
  await runAll(page);
  await showDiagram(page);
  await expect(page.locator('[data-table]')).toHaveCount(1);
  await expect(sample).toHaveCount(0);
});

test('hostile names render as text in the diagram and in the exported SVG, and no script runs', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openApp(page);
  await setScript(
    page,
    `create table "<img src=x onerror=alert(1)>" (id int primary key, "<script>alert(2)</script>" text);
create table plain (id int primary key, hostile_id int references "<img src=x onerror=alert(1)>" (id));`,
  );
  await runAll(page);
  await showDiagram(page);
  await expect(page.locator('[data-table]')).toHaveCount(2);
  await expect(
    page.locator('svg text.title').filter({ hasText: '<img src=x onerror=alert(1)>' }),
  ).toHaveCount(1);
  await expect(page.locator('svg img')).toHaveCount(0);
  await expect(page.locator('svg script')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const file = await (await download).path();
  const svg = await readFile(file, 'utf8');
  for (const name of ['plain', 'hostile_id']) expect(svg).toContain(name);
  expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(svg).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  expect(svg).not.toContain('<img');
  expect(svg).not.toContain('<script');

  // The exported file opens on its own and shows the names as text.
  const standalone = await page.context().newPage();
  await standalone.setContent(svg.replace(/^<\?xml[^>]*>/, ''));
  await expect(standalone.locator('text.title').filter({ hasText: 'plain' })).toHaveCount(1);
  expect(dialogs).toEqual([]);
});

test('a partitioned table is one card listing its partitions; a child table is joined to the table it inherits from', async ({
  page,
}) => {
  await openApp(page);
  const months = Array.from(
    { length: 12 },
    (_, i) =>
      `create table payment_m${String(i + 1).padStart(2, '0')} partition of payment for values from ('2024-${String(i + 1).padStart(2, '0')}-01') to ('${i === 11 ? '2025-01' : `2024-${String(i + 2).padStart(2, '0')}`}-01');`,
  );
  await setScript(
    page,
    `create table customer (id int primary key);
create table payment (id int, customer_id int, at date not null, primary key (id, at)) partition by range (at);
${months.join('\n')}
alter table payment_m01 add foreign key (customer_id) references customer (id);
alter table payment_m02 add foreign key (customer_id) references customer (id);
create table city (name text primary key);
create table capital (state text) inherits (city);`,
  );
  await runAll(page);
  await showDiagram(page);
  await expect(page.getByTestId('diagram-status')).toHaveText(
    '4 tables, 1 relationship, 12 partitions inside their tables',
  );
  await expect(page.locator('[data-table]')).toHaveCount(4);
  const payment = page.locator('[data-table="public.payment"]');
  const parts = payment.locator('text.parts');
  expect(await parts.evaluate((t) => t.lastChild?.textContent)).toBe(
    '▤ 12 partitions: payment_m01 … payment_m12',
  );
  await expect(parts.locator('title')).toContainText(
    "12 partitions of public.payment:\npayment_m01 FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
  );
  // The key declared on two partitions is drawn once, from the table's card.
  await expect(page.locator('path.edge[data-edge]')).toHaveCount(2);
  await expect(page.locator('path.edge.inherits')).toHaveCount(1);
  await expect(page.locator('path.edge.inherits')).toHaveAttribute('marker-end', 'url(#m-parent)');

  // Looking a partition up finds the card it is listed in.
  await page.getByPlaceholder('Find a table…').fill('payment_m07');
  await page.keyboard.press('Enter');
  await expect(page.getByText('payment_m07 is a partition of payment.')).toBeVisible();
  await expect(payment).toHaveClass(/\bselected\b/);
});
