import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { indexedNotification, type IndexedParams } from '../../server/src/protocol';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');
export const sampleDir = path.join(repoRoot, 'sample');

export interface StartOptions {
  /** Workspace folder the server indexes. */
  root: string;
  /** Advertise pull diagnostics (as VS Code does) or rely on pushed ones (as older editors do). */
  pullDiagnostics?: boolean;
  /** `annotatedReading` settings, answered to workspace/configuration. */
  settings?: Record<string, unknown>;
}

/**
 * A real language server process spoken to over stdio JSON-RPC, as an editor would: the test waits on the
 * server's own messages (the indexed notification, published diagnostics), never on time.
 */
export class LspClient {
  private readonly pushed = new Map<string, Diagnostic[]>();
  private readonly pushWaiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** What the server showed the user (window/showMessage), in order. */
  readonly messages: ShowMessageParams[] = [];
  private indexed: Promise<IndexedParams>;
  private resolveIndexed!: (params: IndexedParams) => void;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly root: string,
  ) {
    this.indexed = new Promise((resolve) => (this.resolveIndexed = resolve));
    connection.onNotification(indexedNotification, (params: IndexedParams) => this.resolveIndexed(params));
    connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.pushed.set(uri, diagnostics);
      this.pushWaiters.splice(0).forEach((wake) => wake());
    });
    connection.onNotification('window/logMessage', ({ message }: { message: string }) => {
      this.logs.push(message);
    });
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      this.messages.push(params);
    });
  }

  static async start(options: StartOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.root);
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => options.settings ?? {}));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.listen();
    const capabilities: ClientCapabilities = {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, diagnostics: { refreshSupport: true } },
      textDocument: {
        hover: { contentFormat: ['markdown'] },
        ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false } } : {}),
        publishDiagnostics: {},
      },
      window: { workDoneProgress: true },
    };
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: [{ uri: pathToFileURL(options.root).toString(), name: path.basename(options.root) }],
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(relativePath: string): string {
    return pathToFileURL(path.resolve(this.root, relativePath)).toString();
  }

  /** Resolves when the server says the workspace is indexed. */
  whenIndexed(): Promise<IndexedParams> {
    return this.indexed;
  }

  /** Opens a file as the editor would, with its text from disk unless given. */
  async open(relativePath: string, languageId = 'article', text?: string): Promise<string> {
    const uri = this.uri(relativePath);
    const content = text ?? (await fs.readFile(path.resolve(this.root, relativePath), 'utf8'));
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text: content } });
    return uri;
  }

  /** Replaces the whole text of an open document. */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Waits until pushed diagnostics for `uri` satisfy the predicate. */
  async pushedDiagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    for (;;) {
      const current = this.pushed.get(uri);
      if (current && accept(current)) return current;
      await new Promise<void>((wake) => this.pushWaiters.push(wake));
    }
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      await this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
      await exited;
    }
    this.connection.dispose();
  }
}

/** The Markdown of a hover, or '' when there is none. */
export function hoverText(hover: Hover | null): string {
  return hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
}

/**
 * Registers the suite's hooks: a server on the workspace `open` makes, indexed before the first test,
 * stopped (and the workspace removed) after the last.
 */
export function useLspServer(open: () => Promise<string>, options: Omit<StartOptions, 'root'> & { removeAfter: boolean }): { client: LspClient; root: string } {
  const session = {} as { client: LspClient; root: string };
  before(async function () {
    session.root = await open();
    session.client = await LspClient.start({ ...options, root: session.root });
    await session.client.whenIndexed();
  });
  after(async () => {
    await session.client?.stop();
    if (options.removeAfter && session.root) await fs.rm(session.root, { recursive: true, force: true });
  });
  return session;
}
