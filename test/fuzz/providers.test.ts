import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Diagnostic, Location, Range as LspRange, TextEdit } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/core/providers/codeActions';
import { completion } from '../../server/src/core/providers/completion';
import { diagnostics } from '../../server/src/core/providers/diagnostics';
import { hover } from '../../server/src/core/providers/hover';
import { inlayHints } from '../../server/src/core/providers/inlayHints';
import { documentLinks } from '../../server/src/core/providers/links';
import { definition, references } from '../../server/src/core/providers/navigation';
import { semanticTokens } from '../../server/src/core/providers/semanticTokens';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/providers/symbols';
import { LineIndex } from '../../server/src/core/text';
import { neverCancelled, type Position } from '../../server/src/core/types';
import { WorkspaceModel } from '../../server/src/core/workspace';
import { articleSoup, assertRange, fuzz, hostileText, mutatedCorpusArticle, repoAnnotations } from './inputs';

const articleUri = 'file:///ws/articles/fuzzed.txt';

/** A workspace holding the repository's annotations and one open article, as the server keeps them. */
function workspaceWith(text: string, name: string): { model: WorkspaceModel; texts: Map<string, string> } {
  const model = new WorkspaceModel();
  const texts = new Map<string, string>();
  for (const source of repoAnnotations().sources) {
    model.setAnnotationFile(source.uri, source.text);
    texts.set(source.uri, source.text);
  }
  model.openArticle({ uri: articleUri, version: 1, text, relativePath: name, markdown: name.endsWith('.md') });
  texts.set(articleUri, text);
  return { model, texts };
}

/** A location points into a document the workspace knows, at a valid range of it. */
function assertLocation(location: Location, texts: Map<string, string>, what: string): void {
  const text = texts.get(location.uri);
  assert.ok(text !== undefined, `${what} points to unknown ${location.uri}`);
  assertRange(location.range, new LineIndex(text), what);
}

/**
 * Positions as fractions of the document, made valid for whatever text they meet (as an editor sends
 * them), plus raw positions past the end or negative, which must merely not throw.
 */
const where = fc.record({ line: fc.double({ min: 0, max: 1, noNaN: true }), character: fc.double({ min: 0, max: 1, noNaN: true }) });
type Where = { line: number; character: number };
const wild = fc.record({ line: fc.integer({ min: -2, max: 100_000 }), character: fc.integer({ min: -2, max: 100_000 }) });

function positionIn(lines: LineIndex, at: Where): Position {
  const line = Math.min(lines.lineCount - 1, Math.floor(at.line * lines.lineCount));
  return { line, character: Math.round(at.character * (lines.lineEnd(line) - lines.lineStart(line))) };
}

function rangeIn(lines: LineIndex, [a, b]: [Where, Where]): LspRange {
  const [start, end] = [positionIn(lines, a), positionIn(lines, b)].sort((p, q) => p.line - q.line || p.character - q.character);
  return { start, end };
}

const diagnosticCode = fc.constantFrom('undefined-citation', 'unused-reference', 'duplicate-reference', 'unknown');
const article = fc.oneof(mutatedCorpusArticle(), articleSoup().map((text) => ({ name: 'soup.md', text })), hostileText().map((text) => ({ name: 'random.txt', text })));

describe('fuzz: every editor feature answers any request on any article', function () {
  fuzz(
    'hover, definition, references, links, symbols, hints, tokens, diagnostics and code actions stay inside the documents',
    fc.tuple(article, fc.array(where, { minLength: 1, maxLength: 6 }), fc.tuple(where, where), fc.array(fc.tuple(where, where, diagnosticCode), { maxLength: 3 }), fc.string({ maxLength: 6 }), wild),
    ([{ name, text }, places, selected, reported, query, outside]) => {
      const { model, texts } = workspaceWith(text, name);
      const lines = new LineIndex(text);
      const request = { model, uri: articleUri, token: neverCancelled };
      const selection = rangeIn(lines, selected);
      hover({ ...request, position: outside });
      codeActions({ ...request, range: { start: outside, end: outside }, diagnostics: [], annotationsFolder: undefined });
      for (const at of places.map((p) => positionIn(lines, p))) {
        const found = hover({ ...request, position: at });
        if (found?.range) assertRange(found.range, lines, 'hover');
        for (const location of definition({ ...request, position: at })) assertLocation(location, texts, 'definition');
        for (const location of references({ ...request, position: at }, true)) assertLocation(location, texts, 'reference');
      }
      for (const link of documentLinks(request)) {
        assertRange(link.range, lines, 'link');
        assert.match(link.target ?? '', /^(https?|mailto):/i, 'only http, https and mailto become links');
      }
      const outline = documentSymbols(request);
      for (const symbol of outline.flatMap(function flat(s): typeof outline {
        return [s, ...(s.children ?? []).flatMap(flat)];
      })) {
        assertRange(symbol.range, lines, `symbol ${symbol.name}`);
        assertRange(symbol.selectionRange, lines, `symbol ${symbol.name}`);
      }
      for (const hint of inlayHints(request, selection, 'all')) assertRange({ start: hint.position as Position, end: hint.position as Position }, lines, 'inlay hint');
      assertSemanticTokens(semanticTokens(request).data, lines);
      const shown: Diagnostic[] = diagnostics(request);
      for (const diagnostic of shown) assertRange(diagnostic.range, lines, `diagnostic ${diagnostic.code}`);
      const asked = [...shown, ...reported.map(([a, b, code]): Diagnostic => ({ range: rangeIn(lines, [a, b]), code, message: code }))];
      for (const action of codeActions({ ...request, range: selection, diagnostics: asked, annotationsFolder: 'file:///ws/annotations' })) {
        for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
          for (const edit of edits as TextEdit[]) assertLocation({ uri, range: edit.range }, texts, `edit of "${action.title}"`);
        }
      }
      for (const symbol of workspaceSymbols(model, query)) assertLocation(symbol.location as Location, texts, 'workspace symbol');
    },
    2,
  );

  fuzz(
    'completion and references on annotation files at any position',
    fc.tuple(fc.constantFrom(...repoAnnotations().sources.map((s) => s.uri)), fc.array(where, { minLength: 1, maxLength: 8 }), wild),
    ([uri, places, outside]) => {
      const { model, texts } = workspaceWith('', 'empty.txt');
      const lines = new LineIndex(texts.get(uri) as string);
      completion({ model, uri, position: outside, token: neverCancelled });
      for (const at of places.map((p) => positionIn(lines, p))) {
        const request = { model, uri, position: at, token: neverCancelled };
        for (const item of completion(request)) {
          const edit = item.textEdit as TextEdit;
          assertRange(edit.range, lines, 'completion');
        }
        for (const location of references(request, true)) assertLocation(location, texts, 'reference from YAML');
        assert.equal(hover(request), undefined, 'no hover on annotation files');
      }
    },
    4,
  );
});

/** Decodes LSP's relative token encoding and checks every token lies on one line, inside it. */
function assertSemanticTokens(data: readonly number[], lines: LineIndex): void {
  assert.equal(data.length % 5, 0);
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length] = data.slice(i, i + 3);
    assert.ok(deltaLine >= 0 && length > 0, `token ${i / 5}: deltaLine ${deltaLine}, length ${length}`);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    assertRange({ start: { line, character }, end: { line, character: character + length } }, lines, `semantic token ${i / 5}`);
  }
}
