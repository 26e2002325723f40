// Shared steps for browser tests: they drive the real UI, as a user would.
import { expect, type Page } from '@playwright/test';
import type { EngineId } from '../../src/engine/types';

/** Opens the app and waits until the engine is ready. */
export async function openApp(page: Page, engine: EngineId = 'postgres'): Promise<void> {
  await page.goto('/');
  if (engine !== 'postgres') await page.getByTestId(`engine-${engine}`).click();
  await expect(page.getByTestId(`status-${engine}`)).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
}

/** Replaces the script in the editor with `text`, pasted as a user would. */
export async function setScript(page: Page, text: string): Promise<void> {
  const content = page.locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await paste(page, text);
}

/**
 * Pastes `text` at the cursor through a real paste event (keyboard.insertText types an IME
 * composition, which takes seconds for a few kilobytes and hangs Chromium on large text).
 */
export async function paste(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Runs the whole script and waits for the run to finish (whatever view is shown). */
export async function runAll(page: Page): Promise<void> {
  const before = await page.evaluate(
    () => performance.getEntriesByName('schemalab:run-end').length,
  );
  await page.getByTestId('run-all').click();
  await page.waitForFunction(
    (n) => performance.getEntriesByName('schemalab:run-end').length > n,
    before,
    { timeout: 60_000 },
  );
}

/** The text of every grid cell of the last result card, row by row. */
export async function lastGridRows(page: Page): Promise<string[][]> {
  const grid = page.locator('[role=grid]').last();
  return grid
    .locator('[role=row]:not(.header)')
    .evaluateAll((rows) =>
      rows.map((r) =>
        Array.from(r.querySelectorAll('[role=gridcell]')).map((c) => (c.textContent ?? '').trim()),
      ),
    );
}

/** Waits until a page has finished its start-up work (catalog read, layout engine loaded). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => performance.getEntriesByName('schemalab:settled').length > 0,
    null,
    { timeout: 60_000 },
  );
}
