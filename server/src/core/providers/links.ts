import type { DocumentLink } from 'vscode-languageserver-types';
import { isSafeLinkTarget } from '../urls';
import type { FeatureRequest } from './context';

/** Links for URLs in an article; only http, https and mailto (unsafe ones get a diagnostic instead). */
export function documentLinks(request: FeatureRequest): DocumentLink[] {
  const analysis = request.model.analysis(request.uri, request.token);
  if (!analysis) return [];
  return analysis.urls
    .map((span) => ({ span, target: analysis.lines.text.slice(span.start, span.end) }))
    .filter(({ target }) => isSafeLinkTarget(target))
    .map(({ span, target }) => ({ range: analysis.lines.range(span), target, tooltip: 'Open the source' }));
}
