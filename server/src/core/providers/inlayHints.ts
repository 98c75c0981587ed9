import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { DateMention } from '../model';
import type { FeatureRequest } from './context';

export type DateHintMode = 'off' | 'ambiguous' | 'all';

/**
 * The ISO value after a date whose text does not say it plainly: numeric forms read by convention
 * (06.02.2024), relative dates, and partial dates resolved from context. 'all' shows every date.
 */
export function inlayHints(request: FeatureRequest, range: Range, mode: DateHintMode): InlayHint[] {
  const analysis = request.model.analysis(request.uri, request.token);
  if (!analysis || mode === 'off') return [];
  const from = analysis.lines.offsetAt(range.start);
  const to = analysis.lines.offsetAt(range.end);
  return analysis.dates
    .filter((d): d is DateMention & { value: string } => d.value !== undefined && d.end >= from && d.start <= to)
    .filter((d) => mode === 'all' || needsHint(d))
    .map((d) => ({ position: analysis.lines.positionAt(d.end), label: `= ${d.value}`, paddingLeft: true, tooltip: `Read as ${d.value}` }));
}

/** Numeric forms other than ISO, relative dates, and dates whose text lacks the year they were given. */
function needsHint(date: DateMention & { value: string }): boolean {
  const numeric = /^[\d./-]+$/.test(date.text) && date.text !== date.value;
  return numeric || date.ambiguous || date.relative || !date.text.includes(date.value.slice(0, 4));
}
