import * as assert from 'node:assert/strict';
import type { CodeAction, CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { gridArticle, summitArticle, writeCorpusWorkspace } from '../support/corpusFixture';
import { LspClient, hoverText, useLspServer } from '../support/lspClient';
import { positionOf } from '../support/text';


describe('what is not annotated yet, over LSP', function () {
  const server = useLspServer(writeCorpusWorkspace, { pullDiagnostics: true, removeAfter: true });

  it('reads a bare family name after the full name as a back-reference', async function () {
    const uri = await server.client.open('articles/grid.txt');
    const hover = await server.client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(gridArticle, 'Mets added', { within: 1 }) });
    assert.match(hoverText(hover), /\*\*Kadri Mets\*\* · person · _back-reference_/);
    const plain = await server.client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(gridArticle, 'Kadri Mets later', { within: 7 }) });
    assert.doesNotMatch(hoverText(plain), /back-reference/);
  });

  it('hints at a likely actor that no annotation covers, and offers to annotate it', async function () {
    const uri = await server.client.open('articles/summit.txt', 'article', summitArticle);
    const { items } = await server.client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    const hints = items.filter((d) => d.code === 'unlinked-mention');
    assert.deepEqual(
      hints.map((d) => [d.range.start, d.severity, d.message]),
      [[positionOf(summitArticle, 'Ilmar Tamm'), 4, '“Ilmar Tamm” looks like a person that no annotation covers']],
    );
    // No selection: the cursor just sits on the hint.
    const cursor = positionOf(summitArticle, 'Ilmar Tamm', { within: 2 });
    const actions = await server.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: cursor, end: cursor },
      context: { diagnostics: hints },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Annotate “Ilmar Tamm” as actor: person'), titles.join('\n'));
    assert.ok(titles.includes('Add “Ilmar Tamm” as alias of Kadri Mets'), titles.join('\n'));
    const annotate = actions.find((a) => a.title === 'Annotate “Ilmar Tamm” as actor: person');
    assert.deepEqual(annotate?.diagnostics?.map((d) => d.code), ['unlinked-mention']);
    const inserted = Object.values(annotate?.edit?.changes ?? {}).flat().map((e) => e.newText).join('');
    assert.match(inserted, /id: ilmar-tamm\n\s+name: Ilmar Tamm\n\s+kind: person/);
  });

  it('gives no hints on a well-annotated article', async function () {
    const uri = await server.client.open('articles/grid.txt');
    const { items } = await server.client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(items.filter((d) => d.code === 'unlinked-mention'), []);
  });

  it('counts claims and cited claims per paragraph in code lenses', async function () {
    const uri = await server.client.open('articles/grid.txt');
    const lenses = await server.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [positionOf(gridArticle, 'Ministers from').line, '2 claims, 1 cited'],
        [positionOf(gridArticle, 'Kadri Mets later').line, '1 claim, 0 cited'],
        [positionOf(gridArticle, 'From 2009').line, '2 claims, 1 cited'],
      ],
    );
  });

  it('turns the code lenses off with annotatedReading.citationCoverage', async function () {
    const quiet = await LspClient.start({ root: server.root, pullDiagnostics: true, settings: { citationCoverage: false } });
    try {
      await quiet.whenIndexed();
      const uri = await quiet.open('articles/grid.txt');
      assert.deepEqual(await quiet.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }), []);
    } finally {
      await quiet.stop();
    }
  });
});
