// The reader's notes in the editor: comment threads (VS Code's Comments API), a highlight on each
// anchored passage and a "Reading Notes" view that also lists orphans. The client only shows: the
// language server anchors the notes and writes the notes files; the hover on a passage comes from it too.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  addNoteRequest,
  deleteNoteRequest,
  editNoteRequest,
  notesChangedNotification,
  notesRequest,
  replyNoteRequest,
  type AddNoteParams,
  type NoteInfo,
  type NoteRange,
  type NotesResult,
} from '../../server/src/protocol';

/** A thread as shown, for tests and other extensions. */
export interface NoteThreadState {
  id: string;
  range: vscode.Range;
  resolved: boolean;
  /** The note's body, then each reply's. */
  bodies: string[];
}

export interface NotesApi {
  /** The note threads shown on a document. */
  threads(uri: vscode.Uri): NoteThreadState[];
  /** Asks the server again and resolves once threads, highlights and the view show its answer. */
  refresh(): Promise<void>;
}

/** Arguments the note commands accept instead of a selection, a thread or a comment (scripts and tests). */
interface NoteArgs {
  id?: string;
  uri?: string;
  range?: NoteRange;
  body?: string;
  tags?: string[];
}

class NoteComment implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  readonly author = { name: 'Note' };
  /** Rendered Markdown, or the Markdown source while being edited. */
  body: string | vscode.MarkdownString;
  timestamp?: Date;
  constructor(
    readonly noteId: string,
    readonly text: string,
    readonly contextValue: 'note' | 'reply',
    created: string | undefined,
  ) {
    this.body = markdown(text);
    if (created && !Number.isNaN(Date.parse(created))) this.timestamp = new Date(created);
  }
}

export class NotesController implements vscode.Disposable {
  private readonly comments = vscode.comments.createCommentController('annotatedReading.notes', 'Reading Notes');
  private readonly threads = new Map<string, Map<string, vscode.CommentThread>>();
  private readonly highlight = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('annotatedReading.noteBackground'),
    overviewRulerColor: new vscode.ThemeColor('annotatedReading.noteBackground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private readonly view = new NotesView();
  private readonly disposables: vscode.Disposable[] = [];
  private refreshing: Promise<void> | undefined;
  private pending = false;
  private debounce: NodeJS.Timeout | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.comments.options = { prompt: 'Add a note on this passage', placeHolder: 'Markdown; #tags become tags' };
    this.comments.commentingRangeProvider = {
      provideCommentingRanges: (document) => (isArticle(document) ? [new vscode.Range(0, 0, document.lineCount, 0)] : []),
    };
    this.disposables.push(
      this.comments,
      this.highlight,
      vscode.window.createTreeView('annotatedReading.notesView', { treeDataProvider: this.view, showCollapseAll: true }),
      vscode.commands.registerCommand('annotatedReading.addNote', (args?: NoteArgs) => this.addNote(args)),
      vscode.commands.registerCommand('annotatedReading.replyNote', (reply: vscode.CommentReply | NoteArgs) => this.reply(reply)),
      vscode.commands.registerCommand('annotatedReading.editNote', (target: NoteComment | NoteArgs) => this.edit(target)),
      vscode.commands.registerCommand('annotatedReading.saveNote', (comment: NoteComment) => this.saveEdit(comment)),
      vscode.commands.registerCommand('annotatedReading.cancelNoteEdit', (comment: NoteComment) => this.setMode(comment, vscode.CommentMode.Preview)),
      vscode.commands.registerCommand('annotatedReading.resolveNote', (target: vscode.CommentThread | NoteArgs) => this.setResolved(target, true)),
      vscode.commands.registerCommand('annotatedReading.reopenNote', (target: vscode.CommentThread | NoteArgs) => this.setResolved(target, false)),
      vscode.commands.registerCommand('annotatedReading.deleteNote', (target: vscode.CommentThread | NoteArgs) => this.remove(target)),
      vscode.commands.registerCommand('annotatedReading.revealNote', (note: NoteInfo) => revealNote(note)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.scheduleRefresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length && this.threads.has(event.document.uri.toString())) this.scheduleRefresh();
      }),
    );
  }

  readonly api: NotesApi = {
    threads: (uri) =>
      [...(this.threads.get(uri.toString())?.entries() ?? [])].map(([id, thread]) => ({
        id,
        range: thread.range ?? new vscode.Range(0, 0, 0, 0),
        resolved: thread.state === vscode.CommentThreadState.Resolved,
        bodies: thread.comments.map((comment) => (comment as NoteComment).text),
      })),
    refresh: () => this.refresh(),
  };

  /** Listens to a (new) language client. */
  attach(client: LanguageClient): void {
    client.onNotification(notesChangedNotification, () => this.scheduleRefresh());
  }

  dispose(): void {
    for (const byNote of this.threads.values()) for (const thread of byNote.values()) thread.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  private scheduleRefresh(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), 150);
  }

  /** One refresh at a time; a request during one runs once more after it. */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.pending = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.pending = false;
        await this.reconcile().catch((error) => console.error('Annotated Reading: refreshing notes failed', error));
      } while (this.pending);
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async reconcile(): Promise<void> {
    const client = this.client();
    if (!client?.isRunning()) return;
    const { notes } = await client.sendRequest<NotesResult>(notesRequest, {});
    this.view.set(notes);
    const shown = new Set([...vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()), ...this.threads.keys()]);
    const byArticle = new Map<string, NoteInfo[]>();
    for (const note of notes) if (note.articleUri && note.range) byArticle.set(note.articleUri, [...(byArticle.get(note.articleUri) ?? []), note]);
    for (const uri of shown) this.showThreads(uri, byArticle.get(uri) ?? []);
    for (const editor of vscode.window.visibleTextEditors) {
      const ranges = (byArticle.get(editor.document.uri.toString()) ?? []).map((note) => toRange(note.range!));
      editor.setDecorations(this.highlight, ranges);
    }
  }

  private showThreads(uri: string, notes: NoteInfo[]): void {
    const existing = this.threads.get(uri) ?? new Map<string, vscode.CommentThread>();
    const keep = new Set(notes.map((note) => note.id));
    for (const [id, thread] of existing) {
      if (!keep.has(id)) {
        thread.dispose();
        existing.delete(id);
      }
    }
    for (const note of notes) {
      const range = toRange(note.range!);
      const comments = [new NoteComment(note.id, note.body, 'note', note.created), ...note.replies.map((r) => new NoteComment(note.id, r.body, 'reply', r.created))];
      let thread = existing.get(note.id);
      if (!thread) {
        thread = this.comments.createCommentThread(vscode.Uri.parse(uri), range, comments);
        thread.canReply = true;
        existing.set(note.id, thread);
      } else {
        thread.range = range;
        // Keep a comment being edited as it is, so a refresh never throws away the reader's typing.
        if (!thread.comments.some((c) => c.mode === vscode.CommentMode.Editing)) thread.comments = comments;
      }
      thread.label = note.tags.length ? note.tags.map((t) => `#${t}`).join(' ') : 'Note';
      thread.state = note.resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
      thread.contextValue = note.resolved ? 'resolved' : 'unresolved';
    }
    if (existing.size) this.threads.set(uri, existing);
    else this.threads.delete(uri);
  }

  // ---- commands ----

  private async addNote(args?: NoteArgs): Promise<NoteInfo | undefined> {
    const editor = vscode.window.activeTextEditor;
    const uri = args?.uri ?? editor?.document.uri.toString();
    const range = args?.range ?? (editor && !editor.selection.isEmpty ? fromRange(editor.selection) : undefined);
    if (!uri || !range) {
      void vscode.window.showInformationMessage('Select the passage the note is about first.');
      return undefined;
    }
    const body = args?.body ?? (await vscode.window.showInputBox({ prompt: 'Note on the selected passage (Markdown; #tags become tags)', ignoreFocusOut: true }));
    if (body === undefined) return undefined;
    return this.send<NoteInfo>(addNoteRequest, { uri, range, body, tags: args?.tags ?? hashTags(body) } satisfies AddNoteParams);
  }

  /** A reply in a note's thread, or the first comment of a thread opened from the gutter (a new note). */
  private async reply(reply: vscode.CommentReply | NoteArgs): Promise<NoteInfo | undefined> {
    if (!('thread' in reply)) return reply.id && reply.body !== undefined ? this.send(replyNoteRequest, { id: reply.id, body: reply.body }) : undefined;
    const id = this.noteOf(reply.thread);
    if (id) return this.send(replyNoteRequest, { id, body: reply.text });
    const range = reply.thread.range;
    reply.thread.dispose();
    return range ? this.addNote({ uri: reply.thread.uri.toString(), range: fromRange(range), body: reply.text }) : undefined;
  }

  private async edit(target: NoteComment | NoteArgs): Promise<NoteInfo | undefined> {
    if (target instanceof NoteComment) {
      this.setMode(target, vscode.CommentMode.Editing);
      return undefined;
    }
    return target.id && target.body !== undefined ? this.send(editNoteRequest, { id: target.id, body: target.body, ...(target.tags ? { tags: target.tags } : {}) }) : undefined;
  }

  private async saveEdit(comment: NoteComment): Promise<NoteInfo | undefined> {
    const body = typeof comment.body === 'string' ? comment.body : comment.body.value;
    this.setMode(comment, vscode.CommentMode.Preview);
    return this.send(editNoteRequest, { id: comment.noteId, body, tags: hashTags(body) });
  }

  private setMode(comment: NoteComment, mode: vscode.CommentMode): void {
    for (const byNote of this.threads.values()) {
      const thread = byNote.get(comment.noteId);
      if (!thread) continue;
      thread.comments = thread.comments.map((c) => {
        if (c !== comment) return c;
        c.mode = mode;
        // Editing shows the Markdown source; cancelling restores the stored text.
        c.body = mode === vscode.CommentMode.Editing ? comment.text : markdown(comment.text);
        return c;
      });
    }
  }

  private async setResolved(target: vscode.CommentThread | NoteArgs, resolved: boolean): Promise<NoteInfo | undefined> {
    const id = this.idOf(target);
    return id ? this.send(editNoteRequest, { id, resolved }) : undefined;
  }

  private async remove(target: vscode.CommentThread | NoteArgs): Promise<boolean> {
    const id = this.idOf(target);
    return id ? ((await this.send<boolean>(deleteNoteRequest, { id })) ?? false) : false;
  }

  /** The note a thread (from a menu) or arguments (from a script) are about. */
  private idOf(target: vscode.CommentThread | NoteArgs): string | undefined {
    return target.uri instanceof vscode.Uri ? this.noteOf(target as vscode.CommentThread) : (target as NoteArgs).id;
  }

  private noteOf(thread: vscode.CommentThread): string | undefined {
    for (const byNote of this.threads.values()) for (const [id, candidate] of byNote) if (candidate === thread) return id;
    return undefined;
  }

  /** Sends a request and shows what the server refused; the view and threads are refreshed before it resolves. */
  private async send<R>(method: string, params: object): Promise<R | undefined> {
    const client = this.client();
    if (!client) return undefined;
    try {
      const result = await client.sendRequest<R>(method, params);
      await this.refresh();
      return result;
    } catch (error) {
      void vscode.window.showErrorMessage(`Annotated Reading: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}

/** The "Reading Notes" view: articles, and under each its notes; orphans flagged. */
class NotesView implements vscode.TreeDataProvider<NoteInfo | string> {
  private notes: NoteInfo[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  set(notes: NoteInfo[]): void {
    this.notes = notes;
    this.changed.fire();
  }

  getChildren(element?: NoteInfo | string): (NoteInfo | string)[] {
    if (element === undefined) return [...new Set(this.notes.map((n) => n.article))].sort();
    return typeof element === 'string' ? this.notes.filter((n) => n.article === element) : [];
  }

  getTreeItem(element: NoteInfo | string): vscode.TreeItem {
    if (typeof element === 'string') {
      const orphans = this.notes.filter((n) => n.article === element && n.orphan).length;
      const item = new vscode.TreeItem(element, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = vscode.ThemeIcon.File;
      item.description = orphans ? `${orphans} orphaned` : undefined;
      return item;
    }
    const item = new vscode.TreeItem(preview(element.quote, 50), vscode.TreeItemCollapsibleState.None);
    item.description = (element.orphan ? 'orphaned · ' : element.resolved ? 'resolved · ' : '') + preview(element.body, 60);
    item.tooltip = new vscode.MarkdownString(element.orphan ? `**Orphaned**: the passage is no longer in the article.\n\n${element.body}` : element.body);
    item.iconPath = new vscode.ThemeIcon(element.orphan ? 'warning' : element.resolved ? 'pass' : 'comment');
    item.contextValue = element.orphan ? 'orphanNote' : 'note';
    item.command = { command: 'annotatedReading.revealNote', title: 'Show Note', arguments: [element] };
    return item;
  }
}

/** Shows a note's passage; an orphan's entry in its notes file instead. */
async function revealNote(note: NoteInfo): Promise<void> {
  if (note.articleUri && note.range) {
    await vscode.window.showTextDocument(vscode.Uri.parse(note.articleUri), { selection: toRange(note.range) });
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(note.notesUri));
  const line = document.getText().split(/\r?\n/).findIndex((text) => text.includes(note.id));
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(Math.max(0, line), 0, Math.max(0, line), 0) });
}

function isArticle(document: vscode.TextDocument): boolean {
  return document.languageId === 'article' || document.languageId === 'markdown';
}

function markdown(text: string): vscode.MarkdownString {
  const value = new vscode.MarkdownString(text);
  value.isTrusted = false;
  value.supportHtml = false;
  return value;
}

/** Words written as #tag in a note. */
function hashTags(body: string): string[] {
  return [...new Set([...body.matchAll(/(?:^|\s)#([\p{L}\p{N}][\p{L}\p{N}_-]*)/gu)].map((m) => m[1]))];
}

function preview(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function toRange(range: NoteRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function fromRange(range: vscode.Range): NoteRange {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}
