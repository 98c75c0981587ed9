// The reader's notes over LSP: custom requests to list, add, edit, reply to and delete notes, and the
// rewriting of stored offset hints when an article is saved. The server is the only writer of notes
// files: a file open in the editor is changed with workspace/applyEdit (the reader's buffer stays the
// truth), any other is written on disk. Writes are serialised so that two quick requests never lose one.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ResponseError, ErrorCodes, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { captureAnchor } from '../core/anchoring';
import { anchoredNotes, articleUriOf, type AnchoredNote } from '../core/noteIndex';
import { addNote, addReply, applyReplacements, changeNote, hintReplacements, minimalReplacement, notesFilePath, parseNotesFile, removeNote, type Note } from '../core/notes';
import { LineIndex } from '../core/text';
import type { WorkspaceModel } from '../core/workspace';
import { readTextFile } from '../node/files';
import {
  addNoteRequest,
  deleteNoteRequest,
  editNoteRequest,
  notesChangedNotification,
  notesRequest,
  replyNoteRequest,
  type AddNoteParams,
  type DeleteNoteParams,
  type EditNoteParams,
  type NoteInfo,
  type NotesParams,
  type NotesResult,
  type ReplyNoteParams,
} from '../protocol';
import { locate, type Folder } from './indexer';

/** What the notes glue needs from the server; getters, because the server replaces its model and settings. */
export interface NotesHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  model(): WorkspaceModel;
  folders(): readonly Folder[];
  annotationsFolder(): string;
  maxArticleBytes(): number;
  /** Publishes the diagnostics of one file. */
  publish(uri: string): void;
}

export interface NotesGlue {
  /** Notes files changed: re-anchor the articles concerned and tell the client. */
  changed(): Promise<void>;
  /** Every article has been indexed: notes on articles that were not found are orphans now. */
  indexed(): void;
}

const maxNotesBytes = 2 * 1024 * 1024;

export function registerNotes(host: NotesHost): NotesGlue {
  const { connection, documents } = host;
  let writes: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every earlier write has finished. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = writes.then(task);
    writes = run.catch(() => undefined);
    return run;
  }

  async function currentText(uri: string): Promise<string> {
    const open = documents.get(uri);
    if (open) return open.getText();
    const read = await readTextFile(URI.parse(uri).fsPath, maxNotesBytes);
    if (read.ok) return read.text;
    if (read.reason === 'it does not exist') return '';
    throw new ResponseError(ErrorCodes.InvalidRequest, `The notes file cannot be read: ${read.reason}.`);
  }

  async function write(uri: string, before: string, after: string): Promise<void> {
    const open = documents.get(uri);
    if (open) {
      const change = minimalReplacement(open.getText(), after);
      const range = { start: open.positionAt(change.start), end: open.positionAt(change.end) };
      const result = await connection.workspace.applyEdit({ label: 'Reading note', edit: { changes: { [uri]: [{ range, newText: change.text }] } } });
      if (!result.applied) throw new ResponseError(ErrorCodes.InvalidRequest, `The notes file was not changed${result.failureReason ? `: ${result.failureReason}` : ''}.`);
    } else if (before !== after) {
      const file = URI.parse(uri).fsPath;
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, after, 'utf8');
      await fs.rename(temporary, file);
    }
    host.model().notes.setFile(uri, after);
  }

  /** Reads, edits and writes one notes file; `edit` answers undefined when the file cannot be edited. */
  async function editFile(uri: string, edit: (text: string) => string | undefined): Promise<void> {
    await exclusive(async () => {
      const before = await currentText(uri);
      const after = edit(before);
      if (after === undefined) throw new ResponseError(ErrorCodes.InvalidRequest, 'The notes file has YAML errors or no longer holds this note; fix it by hand first.');
      await write(uri, before, after);
    });
    await changed();
  }

  function findNote(id: string): Note | undefined {
    const notes = host.model().notes;
    for (const uri of notes.fileUris) {
      const found = notes.file(uri)?.notes.find((note) => note.id === id);
      if (found) return found;
    }
    return undefined;
  }

  function info(note: Note, anchored: AnchoredNote | undefined): NoteInfo {
    const notes = host.model().notes;
    const articleUri = anchored?.articleUri ?? articleUriOf(host.model(), note.article);
    const orphan = anchored ? !anchored.match : notes.articlesComplete && articleUri === undefined;
    return {
      id: note.id,
      article: note.article,
      ...(articleUri ? { articleUri } : {}),
      notesUri: note.source.uri,
      quote: note.quote,
      body: note.body,
      tags: note.tags,
      ...(note.created ? { created: note.created } : {}),
      resolved: note.resolved,
      replies: note.replies,
      ...(anchored?.range ? { range: anchored.range } : {}),
      orphan,
    };
  }

  function noteInfo(id: string): NoteInfo | null {
    const note = findNote(id);
    if (!note) return null;
    const uri = articleUriOf(host.model(), note.article);
    const anchored = uri === undefined ? undefined : anchoredNotes(host.model(), uri).find((a) => a.note === note);
    return info(note, anchored);
  }

  function listNotes(params: NotesParams): NotesResult {
    const model = host.model();
    if (params.uri) return { notes: anchoredNotes(model, params.uri).map((anchored) => info(anchored.note, anchored)) };
    // Open articles are anchored in their current text first, so the list matches the editors.
    for (const uri of model.articleUris) if (model.isOpen(uri)) anchoredNotes(model, uri);
    return { notes: model.notes.all().map(({ note, anchored }) => info(note, anchored)) };
  }

  async function add(params: AddNoteParams): Promise<NoteInfo> {
    const model = host.model();
    const article = model.openArticleText(params.uri);
    if (!article) throw new ResponseError(ErrorCodes.InvalidRequest, 'Notes can be added to open articles only.');
    const lines = new LineIndex(article.text);
    const span = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
    if (span.end <= span.start) throw new ResponseError(ErrorCodes.InvalidParams, 'Select the passage the note is about.');
    const id = newId('n');
    const anchor = captureAnchor(article.text, span);
    const notesUri = model.notes.fileOf(article.relativePath) ?? defaultNotesUri(article.uri, article.relativePath);
    const note = { id, ...anchor, body: params.body, tags: params.tags ?? [], created: new Date().toISOString() };
    await editFile(notesUri, (text) => addNote(text, article.relativePath, note));
    return noteInfo(id) ?? failed();
  }

  function defaultNotesUri(articleUri: string, relativePath: string): string {
    const folder = locate(host.folders(), articleUri)?.folder ?? host.folders()[0];
    if (!folder) throw new ResponseError(ErrorCodes.InvalidRequest, 'Notes need a workspace folder to be kept in.');
    return URI.file(path.resolve(folder.fsPath, host.annotationsFolder(), ...notesFilePath(relativePath).split('/'))).toString();
  }

  async function edit(params: EditNoteParams): Promise<NoteInfo | null> {
    const note = findNote(params.id);
    if (!note) return null;
    const change = { ...(params.body !== undefined ? { body: params.body } : {}), ...(params.resolved !== undefined ? { resolved: params.resolved } : {}), ...(params.tags ? { tags: params.tags } : {}) };
    await editFile(note.source.uri, (text) => changeNote(text, note.id, change));
    return noteInfo(params.id);
  }

  async function reply(params: ReplyNoteParams): Promise<NoteInfo | null> {
    const note = findNote(params.id);
    if (!note) return null;
    await editFile(note.source.uri, (text) => addReply(text, note.id, { id: newId('r'), body: params.body, created: new Date().toISOString() }));
    return noteInfo(params.id);
  }

  async function remove(params: DeleteNoteParams): Promise<boolean> {
    const note = findNote(params.id);
    if (!note) return false;
    await editFile(note.source.uri, (text) => removeNote(text, note.id));
    return true;
  }

  /** After an article is saved, the notes that moved get their stored offsets rewritten. */
  async function rewriteHints(articleUri: string): Promise<void> {
    const model = host.model();
    const article = model.openArticleText(articleUri);
    if (!article) return;
    const movedByFile = new Map<string, Map<string, number>>();
    for (const { note, match } of model.notes.anchor(article, article.version)) {
      if (!match || match.start === note.offset) continue;
      const moved = movedByFile.get(note.source.uri) ?? new Map<string, number>();
      moved.set(note.id, match.start);
      movedByFile.set(note.source.uri, moved);
    }
    for (const [uri, moved] of movedByFile) {
      await exclusive(async () => {
        const before = await currentText(uri);
        const replacements = hintReplacements(parseNotesFile(uri, before), moved);
        if (replacements.length) await write(uri, before, applyReplacements(before, replacements));
      });
    }
    if (movedByFile.size) await changed();
  }

  /** Articles on disk whose notes changed are read again and re-anchored; then every notes file's diagnostics are refreshed. */
  async function changed(): Promise<void> {
    const model = host.model();
    for (const article of model.notes.staleArticles()) {
      if (model.isOpen(article.uri)) continue;
      const read = await readTextFile(URI.parse(article.uri).fsPath, host.maxArticleBytes());
      if (read.ok) model.notes.anchor({ ...article, text: read.text, markdown: /\.(md|markdown)$/i.test(article.uri) });
      else model.notes.forget(article.uri);
    }
    for (const uri of model.notes.fileUris) host.publish(uri);
    void connection.sendNotification(notesChangedNotification);
  }

  /** Orphaned note ids per open article, as last published. */
  const orphansShown = new Map<string, string>();
  const editedArticles = new Set<string>();

  /** After edits to open articles (once the server has taken them in), notes files are re-checked if a note was lost or found. */
  function checkOrphans(): void {
    const model = host.model();
    let changedFiles = false;
    for (const uri of editedArticles) {
      const orphans = anchoredNotes(model, uri).filter((a) => !a.match).map((a) => a.note.id).join(' ');
      if ((orphansShown.get(uri) ?? '') !== orphans) changedFiles = true;
      orphansShown.set(uri, orphans);
    }
    editedArticles.clear();
    if (!changedFiles) return;
    for (const uri of model.notes.fileUris) host.publish(uri);
    void connection.sendNotification(notesChangedNotification);
  }

  connection.onRequest(notesRequest, listNotes);
  documents.onDidChangeContent(({ document }) => {
    const article = host.model().openArticleText(document.uri);
    if (!article || host.model().notes.notesOn(article.relativePath).length === 0) return;
    if (editedArticles.size === 0) setImmediate(checkOrphans);
    editedArticles.add(document.uri);
  });
  connection.onRequest(addNoteRequest, add);
  connection.onRequest(editNoteRequest, edit);
  connection.onRequest(replyNoteRequest, reply);
  connection.onRequest(deleteNoteRequest, remove);
  documents.onDidSave(({ document }) => {
    rewriteHints(document.uri).catch((error) => connection.console.error(`Updating note offsets failed: ${String(error)}`));
  });

  return {
    changed,
    indexed() {
      host.model().notes.articlesComplete = true;
      for (const uri of host.model().notes.fileUris) host.publish(uri);
      void connection.sendNotification(notesChangedNotification);
    },
  };
}

function newId(kind: 'n' | 'r'): string {
  return `${kind}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

function failed(): never {
  throw new ResponseError(ErrorCodes.InternalError, 'The note was written but could not be read back.');
}
