// A reader's session in a real VS Code (code-server + headless Chromium): hover an actor and a marker,
// go to a reference, see a broken citation in Problems, and edit the annotations live. Each step saves a
// screenshot to .artifacts/e2e/ and asserts on the DOM text. Runs on a copy of sample/, since it saves an edit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clickOn,
  openFileFromExplorer,
  openProblems,
  pollUntil,
  screenshot,
  showHover,
  waitForEditorText,
} from '../support/codeServer';
import { useWorkbench, copyOfSample } from '../support/workbenchSession';

const baltic = 'articles/baltic-grid.txt';

describe('reading an annotated article in VS Code', function () {
  this.timeout(120_000);
  const session = useWorkbench('reading', copyOfSample, { temporary: true });

  before(async () => {
    await openFileFromExplorer(session.page, baltic);
    await waitForEditorText(session.page, 'Estonia, Latvia and Lithuania are preparing');
  });

  it('hovers an actor and shows its background from the YAML', async () => {
    const text = await showHover(session.page, 'Estonia', 'Estlink power cables');
    assert.match(text, /Estonia · country/);
    assert.match(text, /Northernmost Baltic state/);
    await screenshot(session.page, '1-hover-actor');
  });

  it('hovers a marker and shows its reference', async () => {
    const text = await showHover(session.page, '[1]', 'Accessed 2024-03-14');
    assert.match(text, /\[1\]/);
    await screenshot(session.page, '2-hover-marker');
  });

  it('goes to the definition of a marker and lands on the reference line', async () => {
    const lines = fs.readFileSync(path.join(session.workspace, baltic), 'utf8').split(/\r?\n/);
    const referenceLine = lines.findIndex((line) => line.startsWith('[2] ')) + 1;
    await clickOn(session.page, '[2]');
    await session.page.keyboard.press('F12');
    const cursor = session.page.locator('.part.statusbar [id="status.editor.selection"]', { hasText: new RegExp(`Ln ${referenceLine},`) });
    await cursor.waitFor({ timeout: 15_000 });
    await waitForEditorText(session.page, lines[referenceLine - 1].slice(0, 40));
    await screenshot(session.page, '3-definition');
  });

  it('shows the broken citation in the Problems panel', async () => {
    await openFileFromExplorer(session.page, 'articles/broken-citations.txt');
    const problems = await openProblems(session.page);
    const row = problems.locator('.monaco-list-row', { hasText: 'Citation [7] has no entry in the reference list' }).first();
    await row.waitFor({ timeout: 30_000 });
    await screenshot(session.page, '4-problems');
  });

  it('takes an edit to the annotation YAML, once saved, without a reload', async () => {
    await openFileFromExplorer(session.page, 'annotations/states.yaml');
    // Click into the summary until the cursor is really there: a click can land while the editor still lays out.
    const yamlLines = fs.readFileSync(path.join(session.workspace, 'annotations/states.yaml'), 'utf8').split(/\r?\n/);
    const summaryLine = yamlLines.findIndex((line) => line.includes('summary: Northernmost Baltic state')) + 1;
    const cursorOnSummary = session.page.locator('.part.statusbar [id="status.editor.selection"]', { hasText: new RegExp(`Ln ${summaryLine},`) });
    await pollUntil('the cursor on the summary line', 30_000, async () => {
      await clickOn(session.page, 'summary: Northernmost Baltic state');
      return (await cursorOnSummary.count()) > 0 || undefined;
    });
    await session.page.keyboard.press('End');
    await session.page.keyboard.press('Shift+Home');
    await session.page.keyboard.type('summary: Edited during the browser test.');
    // The edit is in the editor before it is saved; once saved, the tab has no dirty mark.
    await waitForEditorText(session.page, 'summary: Edited during the browser test.');
    await session.page.keyboard.press('Control+S');
    await session.page.locator('.part.editor .tab.dirty', { hasText: 'states.yaml' }).waitFor({ state: 'detached', timeout: 15_000 });
    await openFileFromExplorer(session.page, baltic);
    // The editor comes back scrolled to the reference list, where F12 left it: click into it and go to the
    // top, until the status bar says the cursor is on line 1.
    const atTop = session.page.locator('.part.statusbar [id="status.editor.selection"]', { hasText: /Ln 1,/ });
    await pollUntil('the cursor at the top of the article', 30_000, async () => {
      await session.page.locator('.part.editor .editor-instance .monaco-editor .view-lines').first().click();
      await session.page.keyboard.press('Control+Home');
      return (await atTop.count()) > 0 || undefined;
    });
    await waitForEditorText(session.page, 'Estonia, Latvia and Lithuania are preparing');
    const text = await showHover(session.page, 'Estonia', 'Edited during the browser test.');
    assert.doesNotMatch(text, /Northernmost Baltic state/);
    await screenshot(session.page, '5-hover-after-yaml-edit');
  });
});
