import { expect, test } from '@playwright/test';
import { openApp, runAll, setScript, settled } from './helpers';
import type { Page } from '@playwright/test';

/** Card positions in the diagram, by table key. */
async function cardPositions(page: Page): Promise<Record<string, string>> {
  await page.getByRole('tab', { name: 'Diagram' }).click();
  await expect(page.getByTestId('diagram-status')).toHaveAttribute('data-state', 'ready');
  return page
    .locator('[data-table]')
    .evaluateAll((cards) =>
      Object.fromEntries(
        cards.map((c) => [c.getAttribute('data-table') ?? '', c.getAttribute('transform') ?? '']),
      ),
    );
}

test('share → open the link in a fresh browser context → same scripts and diagram positions, as a new playground', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await setScript(
    page,
    "create table shared_table (id int primary key, note text default 'hé <b>');\ncreate table other_table (id int primary key, shared_id int references shared_table (id));",
  );
  await runAll(page);
  // Move a card by hand: the link must carry where the user put it.
  await page.getByRole('tab', { name: 'Diagram' }).click();
  const card = page.locator('[data-table="public.other_table"]');
  const box = await card.boundingBox();
  if (!box) throw new Error('no card');
  await page.mouse.move(box.x + 20, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + 90, { steps: 8 });
  await page.mouse.up();
  const positions = await cardPositions(page);
  expect(Object.keys(positions)).toHaveLength(2);
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByTestId('engine-sqlite').click();
  await setScript(page, 'select 1 as sqlite_side;');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#s1\./);
  await expect(page.getByTestId('share-length')).toHaveText(
    `${url.length.toLocaleString('en-US')} characters`,
  );

  // The recipient already has work of their own.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await openApp(page2);
  await setScript(page2, 'select 2 as recipients_own_work;');
  await expect(page2.getByTestId('save-status')).toHaveText('All changes saved');
  await page2.goto(url);
  await expect(page2.getByTestId('banner')).toContainText('Opened the shared playground');
  // The link is consumed: reloading must not create a second copy.
  expect(page2.url()).not.toContain('#');
  await expect(page2.locator('.cm-content')).toContainText('select 1 as sqlite_side;');
  await page2.getByTestId('engine-postgres').click();
  await expect(page2.locator('.cm-content')).toContainText("note text default 'hé <b>'");
  // Nothing ran on open: the results panel still invites a first run.
  await expect(
    page2.getByText('Run the script to see one result per statement here.'),
  ).toBeVisible();
  await expect(page2.locator('.card:visible')).toHaveCount(0);
  // Running it gives the same diagram, cards where the sender left them.
  await runAll(page2);
  expect(await cardPositions(page2)).toEqual(positions);
  await page2.getByRole('tab', { name: 'Results' }).click();
  await page2.getByTestId('open-library').click();
  await expect(page2.getByTestId('library-list').locator('li')).toHaveCount(2);
  await expect(page2.getByTestId('library-list')).toContainText('from a link');
  // The recipient's own playground is untouched.
  await page2
    .getByTestId('library-list')
    .locator('li')
    .filter({ hasNotText: 'from a link' })
    .locator('button.open')
    .click();
  await expect(page2.locator('.cm-content')).toContainText('select 2 as recipients_own_work;');
  await other.close();
});

test('a garbled link shows the error and the library is intact', async ({ page }) => {
  await openApp(page);
  await setScript(page, 'select 1 as mine;');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  await page.goto('/#s1.AAAA_not-really-a-link');
  await expect(page.getByTestId('banner')).toContainText('This share link could not be opened');
  await expect(page.locator('.cm-content')).toContainText('select 1 as mine;');
  await page.getByTestId('open-library').click();
  await expect(page.getByTestId('library-list').locator('li')).toHaveCount(1);
});

test('two tabs on one playground get the conflict notice instead of losing text', async ({
  context,
}) => {
  const a = await context.newPage();
  await openApp(a);
  await setScript(a, '-- first version');
  await expect(a.getByTestId('save-status')).toHaveText('All changes saved');
  const b = await context.newPage();
  await openApp(b);
  await expect(b.locator('.cm-content')).toContainText('-- first version');
  // Opening a playground in a second tab is not a change: no tab writes a new revision.
  const revision = await storedRevisions(b);
  await expect(a.getByTestId('save-status')).toHaveText('All changes saved');
  await expect(b.getByTestId('save-status')).toHaveText('All changes saved');
  expect(await storedRevisions(b)).toEqual(revision);

  // Both tabs edit before either autosave (1 s after typing stops) has written. Each tab is
  // brought to the front to type, as a user would (a background tab's timers are throttled),
  // once its start-up work is done, so that the two edits land well within that second.
  await Promise.all([settled(a), settled(b)]);
  await a.bringToFront();
  await setScript(a, '-- typed in tab A');
  await b.bringToFront();
  await setScript(b, '-- typed in tab B');
  // Whichever tab writes second is told; it keeps its text on screen.
  const noticed = await Promise.race([
    a
      .getByTestId('banner')
      .waitFor()
      .then(() => ({ loser: a, winner: b, mine: 'A', theirs: 'B' })),
    b
      .getByTestId('banner')
      .waitFor()
      .then(() => ({ loser: b, winner: a, mine: 'B', theirs: 'A' })),
  ]);
  await expect(noticed.loser.getByTestId('banner')).toContainText(/another tab/);
  await expect(noticed.loser.locator('.cm-content')).toContainText(
    `-- typed in tab ${noticed.mine}`,
  );
  await expect(noticed.winner.locator('.cm-content')).toContainText(
    `-- typed in tab ${noticed.theirs}`,
  );
  // Keeping mine saves it over theirs, and the other tab (with nothing unsaved) follows.
  await noticed.loser.getByRole('button', { name: 'Keep mine' }).click();
  await expect(noticed.loser.getByTestId('banner')).toHaveCount(0);
  await expect(noticed.winner.locator('.cm-content')).toContainText(
    `-- typed in tab ${noticed.mine}`,
  );
});

test('without IndexedDB (private mode), work is kept in memory with a visible warning', async ({
  browser,
}) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  const page = await context.newPage();
  await openApp(page);
  await expect(page.getByTestId('storage-warning')).toContainText('only while this tab is open');
  await setScript(page, 'select 5 as still_works;');
  await runAll(page);
  await expect(page.locator('[role=gridcell]').first()).toHaveText('5');
  await expect(page.getByTestId('save-status')).toHaveText('Kept in this tab only');
  await context.close();
});

test('reload keeps edits made a moment before', async ({ page }) => {
  await openApp(page);
  await setScript(page, 'select 99 as kept_after_reload;');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('select 99 as kept_after_reload;');
});

/** Revision of every playground stored in this context's IndexedDB. */
function storedRevisions(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('schemalab');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const all = open.result.transaction('playgrounds').objectStore('playgrounds').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as { revision: number }[]).map((r) => r.revision));
          };
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        };
      }),
  );
}
