// A reader's note in a real VS Code workbench (code-server + headless Chromium): select a passage, add a
// note from the command palette, edit the text around it, and the note is still on its passage.
// Works on a copy of the sample workspace, since adding a note writes a notes file. Needs `npm run build`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  clickOn,
  launchBrowser,
  openFileFromExplorer,
  openWorkbench,
  pollUntil,
  repoRoot,
  screenshot,
  showHover,
  startCodeServer,
  textPosition,
  waitForEditorText,
  workbenchUrl,
  type BrowserSession,
  type CodeServer,
} from '../support/codeServer';

/** Runs a command from the palette by its title. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

describe('reading notes in a VS Code workbench', function () {
  this.timeout(180_000);
  const body = 'Why is Belarus named first in the ring';
  let workspace: string;
  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  let page: Page;

  before(async () => {
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'client.js')), 'dist/client.js is missing: run `npm run build` first');
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'annotated-reading-notes-e2e-'));
    fs.cpSync(path.join(repoRoot, 'sample'), workspace, { recursive: true });
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
    if (this.currentTest?.state === 'failed' && browser) console.log(`    screenshot: ${await screenshot(page, `notes-failed-${this.currentTest.title.replace(/\W+/g, '-')}`)}`);
  });

  it('adds a note on a selected passage and shows it in the passage’s hover', async () => {
    await openFileFromExplorer(page, 'articles/baltic-grid.txt');
    await waitForEditorText(page, 'Unplugging from BRELL:');
    // Wait until the language server answers for this article (an actor hover), so the command reaches it.
    await showHover(page, 'Estonia, Latvia and Lithuania are preparing', 'country');
    const { x, y } = await textPosition(page, 'BRELL');
    await page.mouse.dblclick(x, y);
    await runCommand(page, 'Annotated Reading: Add Note');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(body);
    await page.keyboard.press('Enter');
    const notesFile = path.join(workspace, 'annotations', 'notes', 'articles', 'baltic-grid.txt.yaml');
    const yaml = await pollUntil('the notes file', 15_000, async () => (fs.existsSync(notesFile) ? fs.readFileSync(notesFile, 'utf8') : undefined));
    assert.match(yaml, /quote: "BRELL"/);
    await showHover(page, 'BRELL:', body);
    await screenshot(page, 'note-added');
  });

  it('keeps the note on its passage after the text around it is edited', async () => {
    await clickOn(page, 'Unplugging from');
    await page.keyboard.press('Home');
    await page.keyboard.type('Update: ');
    await page.keyboard.press('End');
    await page.keyboard.type(' (revised)');
    await waitForEditorText(page, 'Update: Unplugging from BRELL: Why');
    await waitForEditorText(page, '(revised)');
    await showHover(page, 'BRELL:', body);
    await screenshot(page, 'note-after-edit');
    // The comment thread's gutter glyph marks the passage's line.
    assert.ok(await page.locator('.part.editor .comment-range-glyph, .part.editor .comment-thread').count() > 0, 'no comment thread is shown');
  });
});
