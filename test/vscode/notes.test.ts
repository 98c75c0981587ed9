// Reading notes through the Comments API, inside a real VS Code on the sample workspace. The notes
// file this writes is removed afterwards, and the article is reverted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnnotatedReadingApi } from '../../client/src/extension';
import type { NoteInfo } from '../../server/src/protocol';

describe('reading notes in the editor', function () {
  let api: AnnotatedReadingApi;
  let editor: vscode.TextEditor;
  let notesFolder: string;
  let notesFolderExisted: boolean;
  let notesFile: string;
  let articleFile: string;
  let articleOnDisk: string;
  const quote = 'ties the frequency of the Baltic grid';

  before(async function () {
    const extension = vscode.extensions.getExtension<AnnotatedReadingApi>('annotated-reading.annotated-reading');
    assert.ok(extension, 'the extension is not loaded');
    api = await extension.activate();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    notesFolder = path.join(root, 'annotations', 'notes');
    notesFolderExisted = fs.existsSync(notesFolder);
    notesFile = path.join(notesFolder, 'articles', 'baltic-grid.txt.yaml');
    const indexed = api.lastIndex ? Promise.resolve() : new Promise<void>((resolve) => api.onDidIndex(() => resolve()));
    articleFile = path.join(root, 'articles', 'baltic-grid.txt');
    articleOnDisk = fs.readFileSync(articleFile, 'utf8');
    editor = await vscode.window.showTextDocument(vscode.Uri.file(articleFile));
    await indexed;
  });

  after(async function () {
    // Take the inserted line out again before reverting. After a revert the test workbench sometimes still
    // writes the article once as it shuts down (VS Code's own file service does, not the extension); it
    // then writes the text the article had.
    const document = editor.document;
    if (document.getText() !== articleOnDisk && document.getText().endsWith(articleOnDisk)) {
      const restore = new vscode.WorkspaceEdit();
      restore.delete(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length - articleOnDisk.length)));
      await vscode.workspace.applyEdit(restore);
    }
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    fs.rmSync(notesFolderExisted ? notesFile : notesFolder, { recursive: true, force: true });
  });

  const thread = () => {
    const threads = api.notes.threads(editor.document.uri);
    assert.equal(threads.length, 1, `expected one note thread, found ${threads.length}`);
    return threads[0];
  };
  const rangeText = (range: vscode.Range) => editor.document.getText(range);

  let note: NoteInfo;

  it('adds a note on a passage and shows it as a comment thread there', async function () {
    const start = editor.document.positionAt(editor.document.getText().indexOf(quote));
    const range = new vscode.Range(start, start.translate(0, quote.length));
    const added = await vscode.commands.executeCommand<NoteInfo | undefined>('annotatedReading.addNote', {
      uri: editor.document.uri.toString(),
      range: { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } },
      body: 'Who runs the **dispatch**? #grid',
    });
    assert.ok(added, 'the command did not add a note');
    note = added;
    assert.deepEqual(note.tags, ['grid']);
    assert.equal(rangeText(thread().range), quote);
    assert.deepEqual(thread().bodies, ['Who runs the **dispatch**? #grid']);
    assert.ok(fs.readFileSync(notesFile, 'utf8').includes(`quote: "${quote}"`));
  });

  it('keeps the thread on its passage while the article is edited', async function () {
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'An inserted line.\n\n'));
    await api.notes.refresh();
    assert.equal(rangeText(thread().range), quote);
  });

  it('replies to, edits and resolves the note', async function () {
    await vscode.commands.executeCommand('annotatedReading.replyNote', { id: note.id, body: 'Elering, AST and Litgrid.' });
    await vscode.commands.executeCommand('annotatedReading.editNote', { id: note.id, body: 'Who runs the dispatch centres?' });
    assert.deepEqual(thread().bodies, ['Who runs the dispatch centres?', 'Elering, AST and Litgrid.']);
    assert.equal(thread().resolved, false);
    await vscode.commands.executeCommand('annotatedReading.resolveNote', { id: note.id });
    assert.equal(thread().resolved, true);
    assert.match(fs.readFileSync(notesFile, 'utf8'), /resolved: true/);
  });

  it('writes only the notes file: the edited article stays unsaved', function () {
    assert.ok(editor.document.isDirty, 'the article was saved or reverted');
    assert.equal(fs.readFileSync(articleFile, 'utf8'), articleOnDisk);
  });
});
