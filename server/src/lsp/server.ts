import * as path from 'node:path';
import {
  CancellationTokenSource,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { codeActions } from '../core/providers/codeActions';
import { codeLenses } from '../core/providers/codeLens';
import { completion } from '../core/providers/completion';
import { diagnostics } from '../core/providers/diagnostics';
import { hover } from '../core/providers/hover';
import { inlayHints } from '../core/providers/inlayHints';
import { documentLinks } from '../core/providers/links';
import { definition, references } from '../core/providers/navigation';
import { semanticTokens, semanticTokensLegend } from '../core/providers/semanticTokens';
import { documentSymbols, workspaceSymbols } from '../core/providers/symbols';
import { CancelledError } from '../core/types';
import { WorkspaceModel } from '../core/workspace';
import { articleMatcher, findWorkspaceFiles, readTextFile, type ReadResult } from '../node/files';
import { indexedNotification, type IndexedParams } from '../protocol';
import { registerCorpusViews } from './corpusViews';
import { IndexHelper, indexArticles, locate, minArticlesForHelper, relativePathOf, type Folder } from './indexer';
import { registerNotes } from './notes';
import { defaultSettings, readSettings, type Settings } from './settings';

const articleLanguages = new Set(['article', 'markdown', 'plaintext']);
const maxAnnotationBytes = 2 * 1024 * 1024;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: Settings = defaultSettings;
  let model = new WorkspaceModel();
  let folders: Folder[] = [];
  let pullDiagnostics = false;
  let canWatchFiles = false;
  let canConfigure = false;
  let canRefreshCodeLenses = false;
  let canRefreshDiagnostics = false;
  let canTrackFolders = false;
  let indexRun: CancellationTokenSource | undefined;
  let indexed: Promise<void> = Promise.resolve();

  const log = (message: string) => connection.console.log(message);
  // A notification, not window/showMessageRequest: nothing waits for an answer, and a client that does not
  // implement the request would answer with an error that nobody handles.
  const warn = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Annotated Reading: ${message}` });
  /** A request to the client that it may refuse: logged, never left to reject unhandled and end the process. */
  const tolerate = <T>(request: Promise<T>, what: string): Promise<T | undefined> =>
    request.catch((error: unknown) => {
      log(`The client refused ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
  /** Annotation files are the YAML files under the annotations folder of any workspace folder (or an absolute one). */
  const isAnnotationUri = (uri: string) => {
    const fsPath = URI.parse(uri).fsPath;
    return /\.ya?ml$/i.test(fsPath) && folders.some((f) => fsPath.startsWith(path.resolve(f.fsPath, settings.annotationsFolder) + path.sep));
  };
  const isArticleDocument = (document: TextDocument) => articleLanguages.has(document.languageId) && !isAnnotationUri(document.uri);
  /** The reader's notes live in the annotations folder's notes/ and are read as notes, not as actor files. */
  const isNotesUri = (uri: string) => {
    const fsPath = URI.parse(uri).fsPath;
    return isAnnotationUri(uri) && folders.some((f) => fsPath.startsWith(path.resolve(f.fsPath, settings.annotationsFolder, 'notes') + path.sep));
  };
  const setAnnotationText = (target: WorkspaceModel, uri: string, text: string) => (isNotesUri(uri) ? target.notes.setFile(uri, text) : target.setAnnotationFile(uri, text));
  const notes = registerNotes({
    connection,
    documents,
    model: () => model,
    folders: () => folders,
    annotationsFolder: () => settings.annotationsFolder,
    maxArticleBytes: () => settings.maxArticleSizeMB * 1024 * 1024,
    publish: (uri) => publish(uri),
  });
  const views = registerCorpusViews({ connection, documents, model: () => model, indexed: () => indexed, maxArticleBytes: () => settings.maxArticleSizeMB * 1024 * 1024, guard });

  /** Wraps a handler: errors are logged and answered with `fallback`, so one bad request never kills the server. */
  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<never>> => {
      try {
        return await handler(params, token);
      } catch (error) {
        if (error instanceof CancelledError || token.isCancellationRequested) return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'cancelled');
        connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  // ---- lifecycle ----

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = !!capabilities.textDocument?.diagnostic;
    canWatchFiles = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canConfigure = !!capabilities.workspace?.configuration;
    canRefreshCodeLenses = !!capabilities.workspace?.codeLens?.refreshSupport;
    canRefreshDiagnostics = !!capabilities.workspace?.diagnostics?.refreshSupport;
    canTrackFolders = !!capabilities.workspace?.workspaceFolders;
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : [])).map((f) => ({
      uri: f.uri,
      fsPath: URI.parse(f.uri).fsPath,
    }));
    readInitialSettings(params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' ', ':'] },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'annotated-reading', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'annotated-reading-server' },
    };
  });

  /** Editors without workspace/configuration (plain LSP clients) may pass settings at initialize. */
  function readInitialSettings(options: unknown): void {
    const raw = (options as { settings?: unknown } | undefined)?.settings;
    if (raw !== undefined) applySettings(raw);
  }

  function applySettings(raw: unknown): void {
    const { settings: next, problems } = readSettings(raw);
    settings = next;
    for (const problem of problems) warn(problem);
  }

  connection.onInitialized(async () => {
    if (canWatchFiles) {
      const watchers = [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*.{txt,md,markdown,article}' }];
      await tolerate(connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }), 'file watching');
    }
    if (canConfigure) {
      await tolerate(connection.client.register(DidChangeConfigurationNotification.type, { section: 'annotatedReading' }), 'settings changes');
      applySettings(await tolerate(connection.workspace.getConfiguration('annotatedReading'), 'the settings'));
    }
    // Subscribing throws when the client cannot send folder changes, and indexing below must still start.
    if (canTrackFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => f.uri));
      folders = [...folders.filter((f) => !removed.has(f.uri)), ...event.added.map((f) => ({ uri: f.uri, fsPath: URI.parse(f.uri).fsPath }))];
      reindexAll();
    });
    reindexAll();
  });

  connection.onDidChangeConfiguration(async (change) => {
    applySettings(canConfigure ? await tolerate(connection.workspace.getConfiguration('annotatedReading'), 'the settings') : (change.settings as { annotatedReading?: unknown })?.annotatedReading);
    if (canRefreshCodeLenses) void tolerate(connection.sendRequest(CodeLensRefreshRequest.type), 'a code lens refresh');
    reindexAll();
  });

  // ---- indexing ----

  /** Starts over: annotation files first (every article depends on them), then articles in the background. */
  function reindexAll(): void {
    indexRun?.cancel();
    const run = (indexRun = new CancellationTokenSource());
    indexed = indexWorkspace(run.token).catch((error) => {
      if (!(error instanceof CancelledError)) connection.console.error(`Indexing failed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  }

  async function indexWorkspace(token: CancellationToken): Promise<void> {
    const started = Date.now();
    const isArticle = articleMatcher(settings.articleGlobs, (glob, error) => {
      warn(`the article glob "${glob}" is invalid (${error}); it is ignored.`);
    });
    const found = await Promise.all(folders.map((f) => findWorkspaceFiles(f.fsPath, isArticle, settings.annotationsFolder)));
    if (token.isCancellationRequested) throw new CancelledError();
    warnIfNoAnnotationsFolder(found.every((f) => f.annotations.length === 0));
    const fresh = new WorkspaceModel({ maxArticleLength: settings.maxArticleSizeMB * 1024 * 1024 });
    const annotationUris = found.flatMap((f) => f.annotations).map((file) => URI.file(file).toString());
    const reads = await Promise.all(annotationUris.map(readAnnotationFile));
    const articles = found.flatMap((f) => f.articles);
    // The helper starts first and parses the actor files on its own core while this thread parses them here.
    const helper = startHelper(
      articles.length,
      annotationUris.flatMap((uri, i) => {
        const read = reads[i];
        return read.ok && !isNotesUri(uri) ? [{ uri, text: read.text }] : [];
      }),
    );
    annotationUris.forEach((uri, i) => applyAnnotationRead(fresh, uri, reads[i]));
    for (const document of documents.all()) openInModel(fresh, document);
    model = fresh;
    refreshDiagnostics();
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Annotated Reading', 0, 'Indexing articles', true);
    try {
      await indexArticles(model, folders, articles, settings.maxArticleSizeMB * 1024 * 1024, progress, token, (file, reason) => log(`Skipped ${file}: ${reason}.`), helper);
      notes.indexed();
      views.changed();
      const params: IndexedParams = { articles: model.articleUris.length, actors: model.annotations.index.actors.length, annotationFiles: model.annotationUris.length, elapsed: Date.now() - started, serverPid: process.pid };
      void connection.sendNotification(indexedNotification, params);
      log(`Indexed ${params.articles} articles and ${params.actors} actors in ${params.elapsed} ms.`);
    } finally {
      progress.done();
    }
  }

  function warnIfNoAnnotationsFolder(none: boolean): void {
    if (none && settings.annotationsFolder !== defaultSettings.annotationsFolder) {
      warn(`no annotation files found in "${settings.annotationsFolder}"; actors will not be recognised.`);
    }
  }

  async function readAnnotationFile(uri: string): Promise<ReadResult> {
    const open = documents.get(uri);
    return open ? { ok: true, text: open.getText() } : readTextFile(URI.parse(uri).fsPath, maxAnnotationBytes);
  }

  async function loadAnnotationFile(target: WorkspaceModel, uri: string): Promise<void> {
    applyAnnotationRead(target, uri, await readAnnotationFile(uri));
  }

  function applyAnnotationRead(target: WorkspaceModel, uri: string, read: ReadResult): void {
    // An actor file that cannot be read says why on itself; the notes index has no findings of that kind.
    if (read.ok || isNotesUri(uri)) setAnnotationText(target, uri, read.ok ? read.text : '');
    else target.setUnreadableAnnotationFile(uri, read.reason);
    if (!read.ok) log(`Annotation file ${uri} could not be read: ${read.reason}.`);
  }

  /** After annotations change, summaries of closed articles are redone from disk, in the background. */
  function reindexStale(): void {
    const stale = model.staleArticles().filter((uri) => !model.isOpen(uri));
    if (stale.length === 0) return;
    indexRun?.cancel();
    const run = (indexRun = new CancellationTokenSource());
    const target = model;
    const helper = startHelper(stale.length, target.annotationTexts());
    indexed = (async () => {
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin('Annotated Reading', 0, 'Re-indexing articles', true);
      try {
        await indexArticles(target, folders, stale.map((uri) => URI.parse(uri).fsPath), settings.maxArticleSizeMB * 1024 * 1024, progress, run.token, (file, reason) => log(`Skipped ${file}: ${reason}.`), helper);
        views.changed();
      } finally {
        progress.done();
      }
    })().catch((error) => {
      if (!(error instanceof CancelledError)) connection.console.error(String(error));
    });
  }

  /**
   * A second thread for indexing many articles, which first parses the actor files `annotations`;
   * undefined for few articles or when a thread cannot be started.
   */
  function startHelper(articleCount: number, annotations: { uri: string; text: string }[]): IndexHelper | undefined {
    if (articleCount < minArticlesForHelper) return undefined;
    try {
      return IndexHelper.start({ annotations, maxBytes: settings.maxArticleSizeMB * 1024 * 1024, maxArticleLength: settings.maxArticleSizeMB * 1024 * 1024 }, log);
    } catch (error) {
      log(`Indexing on one thread: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  // ---- documents ----

  function openInModel(target: WorkspaceModel, document: TextDocument): void {
    if (isAnnotationUri(document.uri)) {
      setAnnotationText(target, document.uri, document.getText());
    } else if (isArticleDocument(document)) {
      target.openArticle({
        uri: document.uri,
        version: document.version,
        text: document.getText(),
        relativePath: relativePathOf(folders, document.uri),
        markdown: document.languageId === 'markdown',
      });
    }
  }

  documents.onDidOpen(({ document }) => {
    openInModel(model, document);
    if (isAnnotationUri(document.uri)) annotationsChanged();
    else scheduleDiagnostics(document.uri);
  });
  documents.onDidChangeContent(({ document }) => {
    openInModel(model, document);
    views.changed();
    if (isAnnotationUri(document.uri)) annotationsChanged();
    else scheduleDiagnostics(document.uri);
  });
  documents.onDidClose(({ document }) => {
    if (isAnnotationUri(document.uri)) {
      void loadAnnotationFile(model, document.uri).then(annotationsChanged);
      return;
    }
    model.closeArticle(document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let annotationChange = false;
    for (const change of changes) {
      if (isAnnotationUri(change.uri)) {
        annotationChange = true;
        if (change.type === FileChangeType.Deleted) model.deleteAnnotationFile(change.uri);
        else if (!documents.get(change.uri)) await loadAnnotationFile(model, change.uri);
      } else if (change.type === FileChangeType.Deleted) {
        model.removeArticle(change.uri);
      } else if (!documents.get(change.uri) && isWatchedArticle(change.uri)) {
        const read = await readTextFile(URI.parse(change.uri).fsPath, settings.maxArticleSizeMB * 1024 * 1024);
        if (read.ok) model.indexArticle({ uri: change.uri, relativePath: relativePathOf(folders, change.uri), text: read.text, markdown: /\.(md|markdown)$/i.test(change.uri) });
      }
    }
    if (annotationChange) annotationsChanged();
    views.changed();
  });

  function isWatchedArticle(uri: string): boolean {
    const located = locate(folders, uri);
    return !!located && articleMatcher(settings.articleGlobs, () => undefined)(located.relativePath);
  }

  /** Every open article is re-checked, annotation files get fresh findings, and closed articles are re-indexed. */
  function annotationsChanged(): void {
    refreshDiagnostics();
    void notes.changed();
    views.changed();
    reindexStale();
  }

  // ---- diagnostics: pulled for articles where the client can, pushed otherwise and for annotation files ----

  const pending = new Set<string>();
  let flush: NodeJS.Immediate | undefined;

  function scheduleDiagnostics(uri: string): void {
    if (pullDiagnostics) return;
    pending.add(uri);
    flush ??= setImmediate(() => {
      flush = undefined;
      for (const pendingUri of pending) publish(pendingUri);
      pending.clear();
    });
  }

  function publish(uri: string): void {
    try {
      void connection.sendDiagnostics({ uri, diagnostics: diagnostics({ model, uri, token: neverCancelledToken }, settings.severity) });
    } catch (error) {
      connection.console.error(`diagnostics for ${uri} failed: ${String(error)}`);
    }
  }

  function refreshDiagnostics(): void {
    for (const uri of model.annotationUris) publish(uri);
    if (canRefreshDiagnostics) void tolerate(connection.languages.diagnostics.refresh(), 'a diagnostics refresh');
    else for (const document of documents.all()) if (isArticleDocument(document)) scheduleDiagnostics(document.uri);
  }

  connection.languages.diagnostics.on(
    guard('diagnostics', { kind: 'full' as const, items: [] }, ({ textDocument }, token) => ({
      kind: 'full' as const,
      items: isAnnotationUri(textDocument.uri) ? [] : diagnostics({ model, uri: textDocument.uri, token }, settings.severity),
    })),
  );

  // ---- features: each a line over the core ----

  connection.onHover(guard('hover', null, ({ textDocument, position }, token) => hover({ model, uri: textDocument.uri, position, token }) ?? null));
  connection.onDefinition(guard('definition', [], ({ textDocument, position }, token) => definition({ model, uri: textDocument.uri, position, token })));
  // References and workspace symbols need every article, so they wait for the index; the rest need one document.
  connection.onReferences(
    guard('references', [], async ({ textDocument, position, context }, token) => {
      await indexed;
      return references({ model, uri: textDocument.uri, position, token }, context.includeDeclaration);
    }),
  );
  connection.onDocumentLinks(guard('documentLinks', [], ({ textDocument }, token) => documentLinks({ model, uri: textDocument.uri, token })));
  connection.onDocumentSymbol(guard('documentSymbol', [], ({ textDocument }, token) => documentSymbols({ model, uri: textDocument.uri, token })));
  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', [], async ({ query }) => {
      await indexed;
      return workspaceSymbols(model, query);
    }),
  );
  connection.languages.inlayHint.on(guard('inlayHint', [], ({ textDocument, range }, token) => inlayHints({ model, uri: textDocument.uri, token }, range, settings.dateHints)));
  connection.onCompletion(guard('completion', [], ({ textDocument, position }, token) => completion({ model, uri: textDocument.uri, position, token })));
  connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] }, ({ textDocument }, token) => semanticTokens({ model, uri: textDocument.uri, token })));
  connection.onCodeLens(
    guard('codeLens', [], ({ textDocument }, token) =>
      settings.citationCoverage ? codeLenses({ model, uri: textDocument.uri, token }, documents.get(textDocument.uri)?.languageId === 'markdown') : [],
    ),
  );
  connection.onCodeAction(
    guard('codeAction', [], ({ textDocument, range, context }, token) =>
      codeActions({ model, uri: textDocument.uri, range, diagnostics: context.diagnostics, token, annotationsFolder: annotationsFolderUri(textDocument.uri) }),
    ),
  );

  function annotationsFolderUri(uri: string): string | undefined {
    const folder = locate(folders, uri)?.folder ?? folders[0];
    return folder && URI.file(path.resolve(folder.fsPath, settings.annotationsFolder)).toString();
  }

  documents.listen(connection);
  connection.listen();
}

const neverCancelledToken = { isCancellationRequested: false };
