// A reader's note in a real VS Code workbench (code-server + headless Chromium): select a passage, add a
// note from the command palette, edit the text around it, and the note is still on its passage.
// Works on a copy of the sample workspace, since adding a note writes a notes file. Needs `npm run build`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clickOn,
  openFileFromExplorer,
  pollUntil,
  runCommand,
  screenshot,
  showHover,
  textPosition,
  waitForEditorText,
} from '../support/codeServer';
import { useWorkbench, copyOfSample } from '../support/workbenchSession';

describe('reading notes in a VS Code workbench', function () {
  this.timeout(180_000);
  const body = 'Why is Belarus named first in the ring';
  const session = useWorkbench('notes', copyOfSample, { temporary: true });

  it('adds a note on a selected passage and shows it in the passage’s hover', async () => {
    await openFileFromExplorer(session.page, 'articles/baltic-grid.txt');
    await waitForEditorText(session.page, 'Unplugging from BRELL:');
    // Wait until the language server answers for this article (an actor hover), so the command reaches it.
    await showHover(session.page, 'Estonia, Latvia and Lithuania are preparing', 'country');
    const { x, y } = await textPosition(session.page, 'BRELL');
    await session.page.mouse.dblclick(x, y);
    await runCommand(session.page, 'Annotated Reading: Add Note');
    const input = session.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(body);
    await session.page.keyboard.press('Enter');
    const notesFile = path.join(session.workspace, 'annotations', 'notes', 'articles', 'baltic-grid.txt.yaml');
    const yaml = await pollUntil('the notes file', 15_000, async () => (fs.existsSync(notesFile) ? fs.readFileSync(notesFile, 'utf8') : undefined));
    assert.match(yaml, /quote: "BRELL"/);
    await showHover(session.page, 'BRELL:', body);
    await screenshot(session.page, 'note-added');
  });

  it('keeps the note on its passage after the text around it is edited', async () => {
    await clickOn(session.page, 'Unplugging from');
    await session.page.keyboard.press('Home');
    await session.page.keyboard.type('Update: ');
    await session.page.keyboard.press('End');
    await session.page.keyboard.type(' (revised)');
    await waitForEditorText(session.page, 'Update: Unplugging from BRELL: Why');
    await waitForEditorText(session.page, '(revised)');
    await showHover(session.page, 'BRELL:', body);
    await screenshot(session.page, 'note-after-edit');
    // The comment thread's gutter glyph marks the passage's line.
    assert.ok(await session.page.locator('.part.editor .comment-range-glyph, .part.editor .comment-thread').count() > 0, 'no comment thread is shown');
  });
});
