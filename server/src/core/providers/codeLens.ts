import type { CodeLens } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis';
import { paragraphs, sentences } from '../segments';
import { overlapsAny } from '../spans';
import type { Span } from '../types';
import type { FeatureRequest } from './context';

export interface ParagraphCoverage {
  paragraph: Span;
  claims: number;
  cited: number;
}

/** A number as a claim states it: digits not glued to a word before them ("COVID-19", "F-35" are names). */
const number = /(?<![\p{L}\p{N}]-?)\d+(?:[.,]\d+)*/gu;

/**
 * Citation coverage per paragraph of the article's body. A claim is a sentence with a date or a number
 * (footnote markers and URLs aside); it is cited when the sentence has a footnote marker. Paragraphs
 * without claims are left out, as are headings and the reference list.
 */
export function citationCoverage(analysis: DocumentAnalysis, markdown: boolean): ParagraphCoverage[] {
  const text = analysis.lines.text;
  const { markers, referenceList } = analysis.citations;
  const notClaims = [...markers, ...analysis.urls].sort((a, b) => a.start - b.start);
  const claimStarts: number[] = analysis.dates.map((d) => d.start);
  for (const match of text.matchAll(number)) {
    if (!overlapsAny(notClaims, match.index, match.index + 1)) claimStarts.push(match.index);
  }
  claimStarts.sort((a, b) => a - b);
  const markerStarts = markers.map((m) => m.start);
  const headingStarts = analysis.headings.map((h) => h.start);
  const coverage: ParagraphCoverage[] = [];
  for (const paragraph of paragraphs(text, markdown)) {
    if (referenceList && paragraph.end > referenceList.start) break;
    if (countIn(claimStarts, paragraph) === 0 || countIn(headingStarts, paragraph) > 0) continue;
    let claims = 0;
    let cited = 0;
    for (const sentence of sentences(text, paragraph)) {
      if (countIn(claimStarts, sentence) === 0) continue;
      claims++;
      if (countIn(markerStarts, sentence) > 0) cited++;
    }
    coverage.push({ paragraph, claims, cited });
  }
  return coverage;
}

/** "3 claims, 1 cited" over each paragraph that makes dated or numeric claims. */
export function codeLenses(request: FeatureRequest, markdown: boolean): CodeLens[] {
  const analysis = request.model.analysis(request.uri, request.token);
  if (!analysis) return [];
  return citationCoverage(analysis, markdown).map(({ paragraph, claims, cited }) => {
    const start = analysis.lines.positionAt(paragraph.start);
    const title = `${claims} ${claims === 1 ? 'claim' : 'claims'}, ${cited} cited`;
    // An empty command id makes the lens a label: there is nothing to run.
    return { range: { start, end: start }, command: { title, command: '' } };
  });
}

/** How many of the sorted offsets fall inside the span. */
function countIn(sorted: readonly number[], span: Span): number {
  return lowerBound(sorted, span.end) - lowerBound(sorted, span.start);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
