import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis';
import { citationKey } from '../citations';
import type { ActorKind } from '../model';
import type { Span } from '../types';
import type { FeatureRequest } from './context';

const tokenTypes = ['person', 'country', 'organization', 'media', 'place', 'actor', 'date', 'citation'] as const;
const tokenModifiers = ['relative', 'ambiguous', 'backReference', 'undefined'] as const;
type TokenType = (typeof tokenTypes)[number];
type TokenModifier = (typeof tokenModifiers)[number];

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

const typeOfKind: Record<ActorKind, TokenType> = { person: 'person', country: 'country', organization: 'organization', media: 'media', place: 'place', other: 'actor' };

interface Token extends Span {
  type: TokenType;
  modifiers: TokenModifier[];
}

/** Actors coloured by kind, dates, and citation markers (a marker with no reference is `undefined`). */
export function semanticTokens(request: FeatureRequest): SemanticTokens {
  const analysis = request.model.analysis(request.uri, request.token);
  if (!analysis) return { data: [] };
  const index = request.model.annotations.index;
  const defined = new Set(analysis.citations.references.map(citationKey));
  const tokens: Token[] = [
    ...analysis.actors.map((m): Token => ({ ...m, type: typeOfKind[index.actor(m.actorId)?.kind ?? 'other'], modifiers: m.backReference ? ['backReference'] : [] })),
    ...analysis.dates.map((d): Token => ({ ...d, type: 'date', modifiers: [...(d.relative ? ['relative' as const] : []), ...(d.ambiguous ? ['ambiguous' as const] : [])] })),
    ...analysis.citations.markers.map((m): Token => ({ ...m, type: 'citation', modifiers: defined.has(citationKey(m)) ? [] : ['undefined'] })),
  ].sort((a, b) => a.start - b.start);
  return { data: encode(analysis, tokens) };
}

/** LSP's relative encoding; a token that crosses a line break (a name split over lines) becomes one per line. */
function encode(analysis: DocumentAnalysis, tokens: Token[]): number[] {
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  for (const token of tokens) {
    const type = tokenTypes.indexOf(token.type);
    const modifiers = token.modifiers.reduce((bits, m) => bits | (1 << tokenModifiers.indexOf(m)), 0);
    const start = analysis.lines.positionAt(token.start);
    const end = analysis.lines.positionAt(token.end);
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      const to = line === end.line ? end.character : analysis.lines.lineEnd(line) - analysis.lines.lineStart(line);
      if (to <= from) continue;
      data.push(line - previousLine, line === previousLine ? from - previousCharacter : from, to - from, type, modifiers);
      previousLine = line;
      previousCharacter = from;
    }
  }
  return data;
}
