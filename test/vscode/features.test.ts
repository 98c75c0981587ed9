import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnnotatedReadingApi } from '../../client/src/extension';
import type { IndexedParams } from '../../server/src/protocol';

// The workspace is the repo's sample/ folder (see scripts/run-extension-tests.mjs).
const folder = () => vscode.workspace.workspaceFolders![0].uri;
const article = (relative: string) => vscode.Uri.joinPath(folder(), relative);

async function api(): Promise<AnnotatedReadingApi> {
  const extension = vscode.extensions.getExtension<AnnotatedReadingApi>('annotated-reading.annotated-reading');
  assert.ok(extension, 'the extension is not loaded');
  return extension.activate();
}

/** Resolves with the next index report (or the last one, if it came before we asked and `orLast`). */
function nextIndex(reading: AnnotatedReadingApi, orLast: boolean): Promise<IndexedParams> {
  if (orLast && reading.lastIndex) return Promise.resolve(reading.lastIndex);
  return new Promise((resolve) => {
    const listener = reading.onDidIndex((params) => {
      listener.dispose();
      resolve(params);
    });
  });
}

/** Resolves when the diagnostics of `uri` satisfy `accept`, checking on every change. */
function diagnosticsWhere(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      listener.dispose();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => event.uris.some((u) => u.toString() === uri.toString()) && check());
    check();
  });
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(article(relative));
  await vscode.window.showTextDocument(document);
  return document;
}

function positionOf(document: vscode.TextDocument, needle: string, within = 1): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `no ${needle} in ${document.uri.path}`);
  return document.positionAt(offset + within);
}

const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');

describe('Annotated Reading in VS Code', function () {
  let reading: AnnotatedReadingApi;

  before(async function () {
    reading = await api();
    await nextIndex(reading, true);
  });

  it('opens .txt files under articles/ as articles', async function () {
    const document = await open('articles/baltic-grid.txt');
    assert.equal(document.languageId, 'article');
  });

  it('hovers an actor with the background from the YAML', async function () {
    const document = await open('articles/baltic-grid.txt');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'Raudsepp-Kane leads'));
    const text = hoverText(hovers);
    assert.match(text, /Liisa Raudsepp/);
    assert.match(text, /Head of the Energy Security Programme/);
  });

  it('hovers a marker with its reference and goes to the reference line', async function () {
    const document = await open('articles/baltic-grid.txt');
    const marker = positionOf(document, 'cable to Poland[2]', 'cable to Poland['.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, marker);
    assert.match(hoverText(hovers), /Grid Operators Ask Brussels/);
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, marker);
    const target = definitions[0];
    const range = 'targetRange' in target ? target.targetRange : target.range;
    assert.ok(document.lineAt(range.start.line).text.startsWith('[2] '));
  });

  it('finds an actor’s mentions across the workspace', async function () {
    const document = await open('articles/baltic-grid.txt');
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'Russia', 2));
    const files = new Set(locations.map((l) => l.uri.path.split('/').pop()));
    assert.ok(files.size >= 2, [...files].join(', '));
  });

  it('links reference URLs', async function () {
    const document = await open('articles/baltic-grid.txt');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    assert.ok(links.length >= 5);
    assert.ok(links.every((l) => l.target && /^https?$/.test(l.target.scheme)));
  });

  it('shows the broken citation in diagnostics and fixes it with a quick fix', async function () {
    const document = await open('articles/broken-citations.txt');
    const diagnostics = await diagnosticsWhere(document.uri, (d) => d.some((x) => x.code === 'undefined-citation'));
    const broken = diagnostics.find((d) => d.code === 'undefined-citation')!;
    assert.equal(broken.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(broken.range), '[7]');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, broken.range, vscode.CodeActionKind.QuickFix.value);
    const stub = actions.find((a) => a.title === 'Add a reference entry for [7]');
    assert.ok(stub?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(stub.edit));
    try {
      await diagnosticsWhere(document.uri, (d) => !d.some((x) => x.code === 'undefined-citation'));
      assert.match(document.getText(), /\n\[7\] “Title”, Outlet, https:\/\//);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('colours actors by kind, dates and markers with semantic tokens', async function () {
    const document = await open('articles/baltic-grid.txt');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
    const typed = new Map<string, Set<string>>();
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      character = tokens.data[i] === 0 ? character + tokens.data[i + 1] : tokens.data[i + 1];
      const text = document.lineAt(line).text.slice(character, character + tokens.data[i + 2]);
      const type = legend.tokenTypes[tokens.data[i + 3]];
      typed.set(type, (typed.get(type) ?? new Set()).add(text));
    }
    assert.ok(typed.get('country')?.has('Estonia'), JSON.stringify([...typed].map(([t, s]) => [t, [...s].slice(0, 3)])));
    assert.ok(typed.get('date')?.has('December 6, 2022'));
    assert.ok(typed.get('citation')?.has('[1]'));
  });

  it('survives invalid settings: the server restarts with the defaults and still answers', async function () {
    const config = vscode.workspace.getConfiguration('annotatedReading');
    const reindexed = nextIndex(reading, false);
    await config.update('articleGlobs', ['articles/[broken'], vscode.ConfigurationTarget.Global);
    try {
      await reindexed;
      const document = await open('articles/baltic-grid.txt');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'Raudsepp-Kane leads'));
      assert.match(hoverText(hovers), /Liisa Raudsepp/);
    } finally {
      const restored = nextIndex(reading, false);
      await config.update('articleGlobs', undefined, vscode.ConfigurationTarget.Global);
      await restored;
    }
  });

  it('restarts the language server after it crashes, and the features come back', async function () {
    const before = reading.lastIndex!;
    const restarted = nextIndex(reading, false);
    process.kill(before.serverPid, 'SIGKILL');
    const after = await restarted;
    assert.notEqual(after.serverPid, before.serverPid);
    const document = await open('articles/baltic-grid.txt');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'Raudsepp-Kane leads'));
    assert.match(hoverText(hovers), /Liisa Raudsepp/);
  });
});
