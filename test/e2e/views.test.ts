// The workspace views in a real VS Code workbench (code-server + headless Chromium): open each from the
// command palette, click an item as a reader would, and check the editor lands on the right line.
// Works on a small workspace written for the test. Needs `npm run build`. Screenshots: .artifacts/e2e/.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { gridArticle, writeCorpusWorkspace } from '../support/corpusFixture';
import { positionOf } from '../support/text';
import {
  pollUntil,
  runCommand,
  screenshot,
} from '../support/codeServer';
import { useWorkbench } from '../support/workbenchSession';

/** Waits until the active editor is `fileName` with the cursor on `line` (1-based, as the status bar shows it). */
async function waitForCursorLine(page: Page, fileName: string, line: number): Promise<void> {
  await page.locator('.part.editor .tab.active', { hasText: fileName }).first().waitFor({ timeout: 15_000 });
  const selection = page.locator('.part.statusbar [id="status.editor.selection"]');
  await pollUntil(`cursor on line ${line} of ${fileName}`, 15_000, async () => {
    const text = (await selection.textContent().catch(() => '')) ?? '';
    return new RegExp(`Ln ${line},`).test(text) ? true : undefined;
  });
}

/** The frame of the webview whose page has `selector` (webviews are iframes inside iframes). */
async function webviewFrame(page: Page, selector: string): Promise<Frame> {
  return pollUntil(`a webview with ${selector}`, 30_000, async () => {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    return undefined;
  });
}

describe('the workspace views in a VS Code workbench', function () {
  this.timeout(180_000);
  const session = useWorkbench('views', writeCorpusWorkspace, { temporary: true });

  it('opens the actors view and goes to a mention from it', async () => {
    await runCommand(session.page, 'Annotated Reading: Show Actors');
    const tree = session.page.locator('.pane', { has: session.page.locator('.pane-header', { hasText: 'Actors' }) });
    const row = (label: string) => tree.locator('.monaco-list-row', { hasText: label }).first();
    await row('Kadri Mets').waitFor({ timeout: 60_000 });
    await row('Kadri Mets').click();
    await row('Cables Under the Baltic').click();
    // The third mention in that article is the back-reference "Mets added…".
    await row('Mets added that Estonia').click();
    await waitForCursorLine(session.page, 'grid.txt', positionOf(gridArticle, 'Mets added').line + 1);
    await screenshot(session.page, 'views-actors');
  });

  it('opens the timeline and goes to a dated sentence from it', async () => {
    await runCommand(session.page, 'Annotated Reading: Show Timeline');
    const frame = await webviewFrame(session.page, '#timeline svg .row');
    const line = positionOf(gridArticle, 'March 4, 2024').line;
    const item = frame.locator(`#timeline .row[data-line="${line}"]`, { hasText: 'March 4, 2024' });
    await item.waitFor({ timeout: 30_000 });
    assert.match((await item.textContent()) ?? '', /day · 2024-03-04/);
    await screenshot(session.page, 'views-timeline');
    await item.click();
    await waitForCursorLine(session.page, 'grid.txt', line + 1);
  });

  it('opens the connections graph and lists an actor’s mentions from a node', async () => {
    await runCommand(session.page, 'Annotated Reading: Show Connections');
    const frame = await webviewFrame(session.page, '#connections .node[data-id="tallinn"]');
    const node = frame.locator('#connections .node[data-id="tallinn"]');
    // Click once the force layout has come to rest (the webview marks its graph settled).
    await frame.locator('#connections svg[data-settled="true"]').waitFor({ timeout: 30_000 });
    await screenshot(session.page, 'views-connections');
    // The node's label lets clicks through to the canvas; its circle takes them.
    await node.locator('circle').click();
    await waitForCursorLine(session.page, 'grid.txt', positionOf(gridArticle, 'Tallinn').line + 1);
    await session.page.locator('.peekview-widget').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(session.page, 'views-connections-mentions');
  });
});
