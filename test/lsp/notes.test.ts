import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, DidSaveTextDocumentNotification, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import {
  addNoteRequest,
  editNoteRequest,
  notesChangedNotification,
  notesRequest,
  replyNoteRequest,
  type AddNoteParams,
  type NoteInfo,
  type NoteRange,
  type NotesResult,
} from '../../server/src/protocol';
import { hoverText, LspClient, sampleDir } from '../support/lspClient';
import { positionOf } from '../support/text';


/** The text a range covers. */
function textAt(text: string, range: NoteRange): string {
  const lines = text.split('\n');
  const offset = (p: NoteRange['start']) => lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

function rangeOf(text: string, needle: string): NoteRange {
  return { start: positionOf(text, needle), end: positionOf(text, needle, { within: needle.length }) };
}

describe('reading notes over LSP', function () {
  const articlePath = 'articles/baltic-grid.txt';
  const notesPath = 'annotations/notes/articles/baltic-grid.txt.yaml';
  const quote = 'ties the frequency of the Baltic grid to dispatchers in Moscow and Minsk';
  let root: string;
  let client: LspClient;
  let article: string;
  let articleUri: string;
  let notesChanged: () => void = () => undefined;

  /** Resolves at the server's next notesChanged notification. */
  const nextNotesChange = () => new Promise<void>((resolve) => (notesChanged = resolve));
  const notesOf = async (uri: string) => (await client.request<NotesResult>(notesRequest, { uri })).notes;

  before(async function () {
    // A copy of the sample workspace: the server writes notes files into it.
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'annotated-reading-notes-'));
    await fs.cp(sampleDir, root, { recursive: true });
    client = await LspClient.start({ root });
    client.connection.onNotification(notesChangedNotification, () => notesChanged());
    article = await fs.readFile(path.join(root, articlePath), 'utf8');
    articleUri = await client.open(articlePath);
    await client.whenIndexed();
  });
  after(async () => {
    await client.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  let added: NoteInfo;

  it('adds a note on the selected passage and keeps it in a YAML file named after the article', async function () {
    const params: AddNoteParams = { uri: articleUri, range: rangeOf(article, quote), body: 'Check **who** runs the dispatch centre.', tags: ['grid'] };
    added = await client.request<NoteInfo>(addNoteRequest, params);
    assert.equal(added.quote, quote);
    assert.equal(added.orphan, false);
    assert.deepEqual(added.range, params.range);
    const yaml = await fs.readFile(path.join(root, notesPath), 'utf8');
    assert.match(yaml, /^article: articles\/baltic-grid\.txt$/m);
    assert.ok(yaml.includes(`quote: "${quote}"`), yaml);
    assert.match(yaml, /prefix: ".{32}"/);
    assert.match(yaml, /tags: \[ grid \]/);
    const listed = await notesOf(articleUri);
    assert.deepEqual(listed.map((n) => n.id), [added.id]);
  });

  it('shows the note in the hover of its passage, and counts it in the hover of an actor mentioned there', async function () {
    const onPassage = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: articleUri }, position: positionOf(article, 'dispatchers', { within: 3 }) }));
    assert.match(onPassage, /Check \*\*who\*\* runs the dispatch centre\./);
    assert.match(onPassage, /`grid`/);
    const onActor = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: articleUri }, position: positionOf(article, 'Moscow and Minsk', { within: 2 }) }));
    assert.match(onActor, /Reading notes: 1 note on passages that mention this actor/);
  });

  it('follows its passage when the article is edited around and inside it', async function () {
    const inserted = 'A new opening paragraph pushes everything down.\n\n';
    const edited = inserted + article.replace('dispatchers in Moscow', 'dispatcher in Moscow');
    await client.change(articleUri, edited);
    const [note] = await notesOf(articleUri);
    assert.equal(note.orphan, false);
    assert.ok(note.range, 'the note lost its place');
    assert.equal(textAt(edited, note.range), quote.replace('dispatchers', 'dispatcher'));
  });

  it('rewrites the stored offset when the article is saved', async function () {
    const changed = nextNotesChange();
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: articleUri } });
    await changed;
    const yaml = await fs.readFile(path.join(root, notesPath), 'utf8');
    const edited = 'A new opening paragraph pushes everything down.\n\n' + article.replace('dispatchers in Moscow', 'dispatcher in Moscow');
    assert.match(yaml, new RegExp(`offset: ${edited.indexOf('ties the frequency')}\\b`));
    // Only the hint changed: the quote stays as the reader selected it.
    assert.ok(yaml.includes(`quote: "${quote}"`));
  });

  it('edits, replies to and resolves a note in its file', async function () {
    await client.request(editNoteRequest, { id: added.id, body: 'Rewritten body.' });
    await client.request(replyNoteRequest, { id: added.id, body: 'A reply\nover two lines.' });
    const resolved = await client.request<NoteInfo>(editNoteRequest, { id: added.id, resolved: true });
    assert.equal(resolved.resolved, true);
    assert.equal(resolved.body, 'Rewritten body.');
    assert.deepEqual(resolved.replies.map((r) => r.body), ['A reply\nover two lines.']);
    const yaml = await fs.readFile(path.join(root, notesPath), 'utf8');
    assert.match(yaml, /resolved: true/);
    assert.match(yaml, /body: \|-\n\s+A reply\n\s+over two lines\./);
  });

  it('orphans the note when its passage is deleted, with a warning on its entry in the notes file', async function () {
    const notesUri = client.uri(notesPath);
    const orphaned = client.pushedDiagnostics(notesUri, (ds) => ds.some((d) => d.code === 'orphaned-note'));
    await client.change(articleUri, article.replace(/ties the frequency[^.]*\./, 'is gone.'));
    const [note] = await notesOf(articleUri);
    assert.equal(note.orphan, true);
    assert.equal(note.range, undefined);
    const diagnostics: Diagnostic[] = await orphaned;
    const yaml = await fs.readFile(path.join(root, notesPath), 'utf8');
    const warning = diagnostics.find((d) => d.code === 'orphaned-note')!;
    assert.equal(warning.severity, 2);
    assert.match(yaml.split('\n')[warning.range.start.line], new RegExp(`- id: ${added.id}`));
    assert.ok(yaml.includes(added.id), 'an orphan must never be deleted');
  });

  it('reports a hand-written bad entry at its position', async function () {
    const notesUri = client.uri('annotations/notes/articles/arctic-shipping.txt.yaml');
    const text = 'article: articles/arctic-shipping.txt\nnotes:\n  - id: good\n    quote: "the"\n  - id: bad\n    resolved: maybe\n';
    const pushed = client.pushedDiagnostics(notesUri, (ds) => ds.length >= 2);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: notesUri, languageId: 'yaml', version: 1, text } });
    const diagnostics = await pushed;
    const lines = text.split('\n');
    const messages = diagnostics.map((d) => `${lines[d.range.start.line].trim()} → ${d.message}`);
    assert.ok(messages.some((m) => m.startsWith('- id: bad') && /missing 'quote'/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('resolved: maybe') && /true or false/.test(m)), messages.join('\n'));
    // Not read as an actor file: no complaint about unknown top-level keys.
    assert.ok(!messages.some((m) => /Unknown top-level key/.test(m)), messages.join('\n'));
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: notesUri } });
  });
});
