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

test('a reload or a closed tab a moment after typing keeps the edits, and nothing is saved twice', async ({
  page,
  context,
}) => {
  await openApp(page);
  await setScript(page, 'select 99 as kept_after_reload;');
  // Reload while the save is still pending: IndexedDB cannot finish before the page is gone.
  await expect(page.getByTestId('save-status')).toHaveText('Saving…');
  await page.reload();
  await expect(page.locator('.cm-content')).toHaveText('select 99 as kept_after_reload;');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  expect((await storedPlaygrounds(page)).map((p) => p.scripts.postgres)).toEqual([
    'select 99 as kept_after_reload;',
  ]);

  // The same for a tab that is closed: the next tab opens with the edits.
  await setScript(page, 'select 100 as kept_after_close;');
  await expect(page.getByTestId('save-status')).toHaveText('Saving…');
  await page.close({ runBeforeUnload: true });
  const next = await context.newPage();
  await openApp(next);
  await expect(next.locator('.cm-content')).toHaveText('select 100 as kept_after_close;');
  await expect(next.getByTestId('save-status')).toHaveText('All changes saved');
  // One playground, holding the last edits; no copy was made of them.
  expect((await storedPlaygrounds(next)).map((p) => [p.name, p.scripts.postgres])).toEqual([
    ['My first playground', 'select 100 as kept_after_close;'],
  ]);
});

test('a tab reloaded with edits another tab saved over keeps them as a playground of their own', async ({
  context,
}) => {
  const a = await context.newPage();
  await openApp(a);
  const b = await context.newPage();
  await openApp(b);
  await Promise.all([settled(a), settled(b)]);
  // Both tabs edit before either autosave has written (see the conflict test above).
  await a.bringToFront();
  await setScript(a, '-- typed in tab A');
  await b.bringToFront();
  await setScript(b, '-- typed in tab B');
  const loser = await Promise.race(
    [a, b].map((page) =>
      page
        .getByTestId('banner')
        .waitFor()
        .then(() => page),
    ),
  );
  const [mine, theirs] = loser === a ? ['A', 'B'] : ['B', 'A'];
  // The told tab goes to the background, where it writes its unsaved edits down. Headless
  // Chromium keeps background tabs visible, so the test hides it the way the browser would.
  const setHidden = (hidden: boolean): Promise<void> =>
    loser.evaluate((hide) => {
      if (hide)
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      else delete (document as { visibilityState?: DocumentVisibilityState }).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  // A third tab opens meanwhile: the told tab is still open, so its edits are left to it.
  const third = await context.newPage();
  await openApp(third);
  await expect(third.getByTestId('save-status')).toHaveText('All changes saved');
  expect((await storedPlaygrounds(third)).map((p) => p.name)).toEqual(['My first playground']);
  await expect(third.getByTestId('banner')).toHaveCount(0);
  await setHidden(false);
  // The told tab reloads without choosing: its edits are not lost.
  await loser.reload();
  await expect(loser.locator('.cm-content')).toHaveText(`-- typed in tab ${mine}`);
  await expect(loser.getByTestId('banner')).toContainText(
    'kept as a playground of their own: “My first playground (unsaved edits)”',
  );
  await expect(loser.getByTestId('playground-name')).toHaveText(
    'My first playground (unsaved edits)',
  );
  await expect(loser.getByTestId('save-status')).toHaveText('All changes saved');
  const stored = await storedPlaygrounds(loser);
  expect(Object.fromEntries(stored.map((p) => [p.name, p.scripts.postgres]))).toEqual({
    'My first playground': `-- typed in tab ${theirs}`,
    'My first playground (unsaved edits)': `-- typed in tab ${mine}`,
  });
  expect(stored).toHaveLength(2);
});

test('“All changes saved” waits for edits made while a save was being written', async ({
  page,
}) => {
  await openApp(page);
  // Hold the library's store with a transaction of our own, so the app's next save waits.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const w = window as unknown as { hold: boolean; writes: number };
        w.hold = true;
        w.writes = 0;
        const open = indexedDB.open('schemalab');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('playgrounds', 'readwrite').objectStore('playgrounds');
          const spin = (): void => {
            if (w.hold) store.count().onsuccess = spin;
          };
          spin();
          // Count the app's write transactions from now on.
          const begin = IDBDatabase.prototype.transaction;
          IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args) {
            if (args[1] === 'readwrite') w.writes++;
            return begin.apply(this, args);
          } as typeof begin;
          resolve();
        };
      }),
  );
  await setScript(page, 'select 42 as answer; -- postgres draft');
  // The save of the Postgres edit has begun and waits for the store.
  await page.waitForFunction(() => (window as unknown as { writes: number }).writes >= 1);
  await page.getByTestId('engine-sqlite').click();
  await setScript(page, 'select 7; -- sqlite draft');
  // The moment the status says "All changes saved", read what is stored (the reader is put
  // in the page first, so that the observer can start the read without a round trip).
  await page.evaluate(`window.readStored = ${readStoredInPage.toString()}`);
  await page.evaluate(() => {
    const w = window as unknown as {
      hold: boolean;
      readStored: () => Promise<{ scripts: Record<string, string> }[]>;
      seen?: Promise<Record<string, string>>;
    };
    const status = document.querySelector('[data-testid="save-status"]');
    if (!status) throw new Error('no save status');
    const observer = new MutationObserver(() => {
      if (status.textContent?.trim() !== 'All changes saved') return;
      observer.disconnect();
      w.seen = w.readStored().then(([record]) => record?.scripts ?? {});
    });
    observer.observe(status, { subtree: true, childList: true, characterData: true });
    w.hold = false;
  });
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  const seen = await page.evaluate(
    () => (window as unknown as { seen?: Promise<Record<string, string>> }).seen,
  );
  expect(seen).toEqual({
    postgres: 'select 42 as answer; -- postgres draft',
    sqlite: 'select 7; -- sqlite draft',
  });
});

interface StoredPlayground {
  revision: number;
  name: string;
  scripts: Record<string, string>;
}

/** Runs in the page: every playground stored in IndexedDB, as stored. */
function readStoredInPage(): Promise<StoredPlayground[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('schemalab');
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const all = open.result.transaction('playgrounds').objectStore('playgrounds').getAll();
      all.onsuccess = () => {
        open.result.close();
        const records = all.result as (Omit<StoredPlayground, 'scripts'> & {
          state: { scripts: Record<string, string> };
        })[];
        resolve(
          records.map((r) => ({ revision: r.revision, name: r.name, scripts: r.state.scripts })),
        );
      };
      all.onerror = () => reject(all.error ?? new Error('read failed'));
    };
  });
}

/** Every playground stored in this context's IndexedDB, as stored. */
function storedPlaygrounds(page: Page): Promise<StoredPlayground[]> {
  return page.evaluate(readStoredInPage);
}

/** Revision of every playground stored in this context's IndexedDB. */
async function storedRevisions(page: Page): Promise<number[]> {
  return (await storedPlaygrounds(page)).map((p) => p.revision);
}
