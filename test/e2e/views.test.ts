// The workspace views in a real VS Code workbench (code-server + headless Chromium): open each from the
// command palette, click an item as a reader would, and check the editor lands on the right line.
// Works on a small workspace written for the test. Needs `npm run build`. Screenshots: .artifacts/e2e/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { gridArticle, writeCorpusWorkspace } from '../support/corpusFixture';
import { launchBrowser, openWorkbench, pollUntil, repoRoot, screenshot, startCodeServer, workbenchUrl, type BrowserSession, type CodeServer } from '../support/codeServer';
import { positionOf } from '../support/text';

/** Runs a command from the palette by its title; retried, since the palette may not list an extension's commands at first. */
async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await pollUntil(`the command palette to offer ${title}`, 30_000, async () => {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return true;
    await page.keyboard.press('Escape');
    return undefined;
  });
  await page.keyboard.press('Enter');
}

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
  let workspace: string;
  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  let page: Page;

  before(async () => {
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'webview', 'timeline.js')), 'dist/webview is missing: run `npm run build` first');
    workspace = await writeCorpusWorkspace();
    server = await startCodeServer();
    browser = await launchBrowser();
    page = browser.page;
    await openWorkbench(page, workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot }));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) console.log(`    screenshot: ${await screenshot(page, `views-failed-${this.currentTest.title.replace(/\W+/g, '-')}`)}`);
  });

  it('opens the actors view and goes to a mention from it', async () => {
    await runCommand(page, 'Annotated Reading: Show Actors');
    const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Actors' }) });
    const row = (label: string) => tree.locator('.monaco-list-row', { hasText: label }).first();
    await row('Kadri Mets').waitFor({ timeout: 60_000 });
    await row('Kadri Mets').click();
    await row('Cables Under the Baltic').click();
    // The third mention in that article is the back-reference "Mets added…".
    await row('Mets added that Estonia').click();
    await waitForCursorLine(page, 'grid.txt', positionOf(gridArticle, 'Mets added').line + 1);
    await screenshot(page, 'views-actors');
  });

  it('opens the timeline and goes to a dated sentence from it', async () => {
    await runCommand(page, 'Annotated Reading: Show Timeline');
    const frame = await webviewFrame(page, '#timeline svg .row');
    const line = positionOf(gridArticle, 'March 4, 2024').line;
    const item = frame.locator(`#timeline .row[data-line="${line}"]`, { hasText: 'March 4, 2024' });
    await item.waitFor({ timeout: 30_000 });
    assert.match((await item.textContent()) ?? '', /day · 2024-03-04/);
    await screenshot(page, 'views-timeline');
    await item.click();
    await waitForCursorLine(page, 'grid.txt', line + 1);
  });

  it('opens the connections graph and lists an actor’s mentions from a node', async () => {
    await runCommand(page, 'Annotated Reading: Show Connections');
    const frame = await webviewFrame(page, '#connections .node[data-id="tallinn"]');
    const node = frame.locator('#connections .node[data-id="tallinn"]');
    // Let the force layout settle before clicking.
    await pollUntil('the graph to settle', 15_000, async () => {
      const before = await node.getAttribute('transform');
      await new Promise((resolve) => setTimeout(resolve, 300));
      return before === (await node.getAttribute('transform')) ? true : undefined;
    });
    await screenshot(page, 'views-connections');
    // The node's label lets clicks through to the canvas; its circle takes them.
    await node.locator('circle').click();
    await waitForCursorLine(page, 'grid.txt', positionOf(gridArticle, 'Tallinn').line + 1);
    await page.locator('.peekview-widget').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'views-connections-mentions');
  });
});
