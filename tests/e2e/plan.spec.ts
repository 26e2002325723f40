import { expect, test } from '@playwright/test';
import { openApp, runAll, setScript } from './helpers';

test('200,000 generated rows → selective filter → Seq Scan finding → Try this index → faster plan using the index', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openApp(page);
  await setScript(
    page,
    `create table customers (id integer primary key, name text not null, city text);
create table orders (
  id bigint generated always as identity primary key,
  customer_id integer not null references customers (id),
  status text not null check (status in ('new', 'paid', 'shipped')),
  total numeric(10, 2)
);
select * from orders where customer_id = 42;`,
  );
  await runAll(page);

  // Sample data: 200,000 orders, and the customers they need first.
  await page.getByTestId('sample-data').click();
  await page.getByTestId('datagen-table').selectOption('public.orders');
  await page.getByTestId('datagen-rows').fill('200000');
  await page.getByTestId('datagen-rows').press('Tab');
  await expect(page.getByTestId('datagen-dialog')).toContainText('customers');
  await page.getByTestId('datagen-run').click();
  await expect(page.getByTestId('datagen-outcome')).toContainText('200,000 rows to orders', {
    timeout: 180_000,
  });
  await page.getByRole('button', { name: 'Close' }).click();

  // Explain the query under the cursor (the last line of the script).
  await page.locator('.cm-line').last().click();
  await page.getByTestId('explain-toolbar').click();
  const finding = page.locator('[data-testid=annotation][data-rule=pg-seq-scan-filter]');
  await expect(finding).toBeVisible({ timeout: 60_000 });
  await expect(finding).toContainText('Seq Scan on orders');
  await expect(finding.locator('pre')).toHaveText(/CREATE INDEX \S+ ON orders \(customer_id\);/);
  const before = Number(
    (await page.getByTestId('execution-time').textContent())?.replace(/[^\d.]/g, ''),
  );

  await finding.getByTestId('try-fix').click();
  const result = page.getByTestId('fix-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('compare-summary')).toContainText('faster');
  await expect(page.getByTestId('compare-summary')).toContainText(/Index|Bitmap/);
  // The "after" tree uses the new index.
  const afterTree = result.getByRole('list', { name: 'Plan after' });
  await expect(afterTree).toContainText(/using idx_orders_customer_id|idx_orders_customer_id/);
  expect(before).toBeGreaterThan(0);

  // Undo drops the index again.
  await page.getByTestId('undo-fix').click();
  await expect(result).toContainText('Undone:');
});

test('SQLite: a full-table SCAN is flagged, and the suggested index turns it into a SEARCH', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, 'sqlite');
  await setScript(
    page,
    `create table events (id integer primary key, kind text not null, at integer not null);
insert into events (kind, at)
  with recursive n(i) as (select 1 union all select i + 1 from n where i < 50000)
  select case i % 50 when 0 then 'error' else 'info' end, i from n;
select * from events where kind = 'error' and at > 1000;`,
  );
  await runAll(page);
  await page.locator('.cm-line').last().click();
  await page.getByTestId('explain-toolbar').click();
  const finding = page.locator('[data-testid=annotation][data-rule=sqlite-scan]');
  await expect(finding).toBeVisible({ timeout: 60_000 });
  await expect(finding.locator('pre')).toHaveText(/CREATE INDEX \S+ ON events \(kind/);
  await expect(page.getByTestId('plan-tree')).toContainText('SCAN events');
  await finding.getByTestId('try-fix').click();
  const result = page.getByTestId('fix-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByRole('list', { name: 'Plan after' })).toContainText(
    /SEARCH events USING (COVERING )?INDEX idx_events_kind/,
  );
});
