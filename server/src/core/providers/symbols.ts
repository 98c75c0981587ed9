import type { DocumentSymbol, SymbolInformation, SymbolKind as LspSymbolKind } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis';
import type { Span } from '../types';
import type { WorkspaceModel } from '../workspace';
import type { FeatureRequest } from './context';
import { actorLocation } from './navigation';

// LSP SymbolKind values, written out so the core needs no LSP runtime.
const SymbolKind = { File: 1, Namespace: 3, Class: 5, Field: 8, String: 15, Key: 20, Struct: 23 } as const;
const actorSymbolKind = { person: SymbolKind.Class, country: SymbolKind.Namespace, organization: SymbolKind.Struct, media: SymbolKind.String, place: SymbolKind.Field, other: SymbolKind.Key } as const;

/** The outline: title, sections, and the reference list with its entries. */
export function documentSymbols(request: FeatureRequest): DocumentSymbol[] {
  const analysis = request.model.analysis(request.uri, request.token);
  if (!analysis) return [];
  const symbol = (name: string, kind: LspSymbolKind, span: Span, children: DocumentSymbol[] = []): DocumentSymbol => {
    const range = analysis.lines.range(span);
    return { name: name || ' ', kind, range, selectionRange: range, children };
  };
  const top: DocumentSymbol[] = analysis.headings.map((h) => symbol(h.text, h.level === 1 ? SymbolKind.File : SymbolKind.Namespace, h));
  const { references, referenceList } = analysis.citations;
  if (referenceList && references.length) {
    const entries = references.map((r) => symbol(`[${r.label}] ${r.title ?? r.body}`.slice(0, 120), SymbolKind.Key, r));
    top.push(symbol('References', SymbolKind.Namespace, referenceList, entries));
  }
  return nestUnderSections(analysis, top);
}

/** Sections and the reference list sit under the title, as a reader expects of an outline. */
function nestUnderSections(analysis: DocumentAnalysis, symbols: DocumentSymbol[]): DocumentSymbol[] {
  const [first, ...rest] = symbols;
  if (!first || first.kind !== SymbolKind.File || rest.length === 0) return symbols;
  const end = analysis.lines.positionAt(analysis.lines.text.length);
  return [{ ...first, range: { start: first.range.start, end }, children: rest }];
}

/** Every actor and every article title, filtered by the query (case-insensitive substring). */
export function workspaceSymbols(model: WorkspaceModel, query: string): SymbolInformation[] {
  const needle = query.toLowerCase();
  const matches = (name: string) => name.toLowerCase().includes(needle);
  const actors = model.annotations.index.actors
    .filter((a) => matches(a.name) || a.aliases.some(matches) || matches(a.id))
    .map((a): SymbolInformation => ({ name: a.name, kind: actorSymbolKind[a.kind], location: actorLocation(model, a), containerName: a.kind }));
  const articles: SymbolInformation[] = [];
  for (const uri of model.articleUris) {
    const title = model.articleTitle(uri);
    if (title && matches(title)) articles.push({ name: title, kind: SymbolKind.File, location: { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, containerName: 'article' });
  }
  return [...actors, ...articles];
}

