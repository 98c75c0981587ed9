import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { indexedNotification, type IndexedParams } from '../../server/src/protocol';
import { NotesController, type NotesApi } from './notes';
import { CorpusViews } from './views/corpusViews';

let client: LanguageClient | undefined;
let notes: NotesController | undefined;
let corpusViews: CorpusViews | undefined;

/** What the extension exports: the server's index reports, for other extensions and for the tests. */
export interface AnnotatedReadingApi {
  readonly onDidIndex: vscode.Event<IndexedParams>;
  readonly lastIndex: IndexedParams | undefined;
  /** The reader's notes as shown in the editors. */
  readonly notes: NotesApi;
}

const indexedEmitter = new vscode.EventEmitter<IndexedParams>();
let lastIndex: IndexedParams | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<AnnotatedReadingApi> {
  const status = vscode.window.createStatusBarItem('annotatedReading.status', vscode.StatusBarAlignment.Left);
  status.name = 'Annotated Reading';
  status.text = '$(sync~spin) Annotated Reading';
  status.tooltip = 'Indexing articles and annotations';
  status.command = 'annotatedReading.restartServer';
  status.show();

  context.subscriptions.push(
    status,
    indexedEmitter,
    vscode.commands.registerCommand('annotatedReading.openActor', openActorUnderCursor),
    vscode.commands.registerCommand('annotatedReading.showMentions', showMentionsUnderCursor),
    vscode.commands.registerCommand('annotatedReading.restartServer', async () => {
      status.text = '$(sync~spin) Annotated Reading';
      await client?.restart();
    }),
    vscode.workspace.onDidOpenTextDocument(assignArticleLanguage),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('annotatedReading.annotationsFolder') || event.affectsConfiguration('annotatedReading.articleGlobs')) {
        vscode.workspace.textDocuments.forEach(assignArticleLanguage);
        await restartWithCurrentSettings(context, status);
      }
    }),
  );
  notes = new NotesController(() => client);
  context.subscriptions.push(notes);
  corpusViews = new CorpusViews(context, () => client);
  context.subscriptions.push(corpusViews);
  const notesApi = notes.api;
  vscode.workspace.textDocuments.forEach(assignArticleLanguage);
  await restartWithCurrentSettings(context, status);
  return {
    notes: notesApi,
    onDidIndex: indexedEmitter.event,
    get lastIndex() {
      return lastIndex;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** The document selector depends on the annotations folder setting, so a change starts a new client. */
async function restartWithCurrentSettings(context: vscode.ExtensionContext, status: vscode.StatusBarItem): Promise<void> {
  await client?.stop().catch(() => undefined);
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'article' },
      { language: 'markdown' },
      { language: 'yaml', pattern: annotationFilesPattern() },
    ],
    markdown: { isTrusted: false, supportHtml: false },
  };
  client = new LanguageClient('annotatedReading', 'Annotated Reading', serverOptions, clientOptions);
  client.onNotification(indexedNotification, (params: IndexedParams) => {
    status.text = `$(book) ${params.articles} articles · ${params.actors} actors`;
    status.tooltip = `Annotated Reading: ${params.articles} articles, ${params.actors} actors from ${params.annotationFiles} annotation files, indexed in ${params.elapsed} ms by server process ${params.serverPid}. Click to restart the server.`;
    lastIndex = params;
    indexedEmitter.fire(params);
  });
  notes?.attach(client);
  corpusViews?.attach(client);
  try {
    await client.start();
  } catch (error) {
    // Never leave the extension half-started: say what failed and offer the way back.
    status.text = '$(error) Annotated Reading';
    status.tooltip = 'The language server did not start. Click to try again.';
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Annotated Reading: the language server did not start (${message}).`, 'Restart').then((choice) => {
      if (choice) void vscode.commands.executeCommand('annotatedReading.restartServer');
    });
  }
}

/** Annotation files for the document selector; a setting that is not a folder path falls back to the default (the server says why). */
function annotationFilesPattern(): string {
  const setting = vscode.workspace.getConfiguration('annotatedReading').get<unknown>('annotationsFolder');
  const folder = typeof setting === 'string' && setting.trim() ? setting.trim().replace(/\\/g, '/').replace(/\/+$/, '') : 'annotations';
  return /^(\/|[A-Za-z]:\/)/.test(folder) ? `${folder}/**/*.{yaml,yml}` : `**/${folder.replace(/^\.?\/+/, '')}/**/*.{yaml,yml}`;
}

/** Plain-text files that match the article globs become articles. */
function assignArticleLanguage(document: vscode.TextDocument): void {
  if (document.languageId !== 'plaintext' || document.uri.scheme !== 'file') return;
  const globs = vscode.workspace.getConfiguration('annotatedReading').get<unknown>('articleGlobs');
  const matches = Array.isArray(globs) && globs.some((glob) => typeof glob === 'string' && vscode.languages.match({ pattern: glob }, document) > 0);
  if (matches) void vscode.languages.setTextDocumentLanguage(document, 'article');
}

async function openActorUnderCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, editor.selection.active);
  const target = locations?.[0];
  if (!target) {
    void vscode.window.showInformationMessage('No annotated actor under the cursor.');
    return;
  }
  const uri = 'targetUri' in target ? target.targetUri : target.uri;
  const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
  await vscode.window.showTextDocument(uri, { selection: range });
}

async function showMentionsUnderCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const position = editor.selection.active;
  const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, position);
  if (!locations?.length) {
    void vscode.window.showInformationMessage('No mentions found for what is under the cursor.');
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', editor.document.uri, position, locations);
}
