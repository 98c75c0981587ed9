import type { Hover } from 'vscode-languageserver-types';
import { spanAt, type DocumentAnalysis } from '../analysis';
import { roleAt } from '../annotations';
import { citationKey } from '../citations';
import { codeSpan, escapeMarkdown, safeLink, sanitizeMarkdown } from '../markdown';
import type { ActorMention, CitationMarker, DateMention, Reference } from '../model';
import type { Span } from '../types';
import type { WorkspaceModel } from '../workspace';
import { articleAt, type PositionRequest } from './context';
import { actorNotesLine, withNotes } from './notes';

export function hover(request: PositionRequest): Hover | undefined {
  return withNotes(request, featureHover(request));
}

function featureHover(request: PositionRequest): Hover | undefined {
  const found = articleAt(request);
  if (!found) return undefined;
  const { analysis, offset } = found;
  const mention = spanAt(analysis.actors, offset);
  if (mention) return result(analysis, mention, actorHover(request.model, analysis, mention));
  const marker = spanAt(analysis.citations.markers, offset);
  if (marker) return result(analysis, marker, markerHover(analysis, marker));
  const reference = spanAt(analysis.citations.references.map((r) => ({ ...r.labelSpan, reference: r })), offset);
  if (reference) return result(analysis, reference, referenceHover(reference.reference, citingCount(analysis, reference.reference)));
  const date = spanAt(analysis.dates, offset);
  if (date) return result(analysis, date, dateHover(date, analysis.published));
  return undefined;
}

function result(analysis: DocumentAnalysis, span: Span, markdown: string | undefined): Hover | undefined {
  return markdown === undefined ? undefined : { contents: { kind: 'markdown', value: markdown }, range: analysis.lines.range(span) };
}

function actorHover(model: WorkspaceModel, analysis: DocumentAnalysis, mention: ActorMention): string | undefined {
  const actor = model.annotations.index.actor(mention.actorId);
  if (!actor) return undefined;
  const parts = [`**${escapeMarkdown(actor.name)}** · ${actor.kind}${mention.backReference ? ' · _back-reference_' : ''}`];
  if (actor.summary) parts.push(sanitizeMarkdown(actor.summary));
  const published = analysis.published;
  const role = roleAt(actor, published);
  if (role) {
    const org = role.org ? model.annotations.index.actor(role.org)?.name ?? role.org : undefined;
    const period = [role.from ?? '…', role.to ?? 'present'].join(' – ');
    const when = published ? `at publication (${published})` : 'latest';
    parts.push(`Role ${when}: _${escapeMarkdown(role.title)}${org ? ', ' + escapeMarkdown(org) : ''}_ (${period})`);
  }
  if (actor.background) parts.push(sanitizeMarkdown(actor.background.trim()));
  if (actor.links.length) parts.push('Links: ' + actor.links.map((url) => safeLink(url, url)).join(' · '));
  const here = analysis.actors.filter((m) => m.actorId === actor.id).length;
  const everywhere = model.mentionCount(actor.id);
  parts.push(`Mentions: ${here} in this article · ${everywhere} in the workspace`);
  const notes = actorNotesLine(model, actor.id);
  if (notes) parts.push(notes);
  return parts.join('\n\n');
}

function markerHover(analysis: DocumentAnalysis, marker: CitationMarker): string {
  const reference = analysis.citations.references.find((r) => citationKey(r) === citationKey(marker));
  if (!reference) return `**[${escapeMarkdown(citationKey(marker))}]** has no entry in the reference list.`;
  return referenceHover(reference, citingCount(analysis, reference));
}

function referenceHover(reference: Reference, citedTimes: number): string {
  const parts = [`**[${escapeMarkdown(citationKey(reference))}]** ${reference.title ? `“${escapeMarkdown(reference.title)}”` : escapeMarkdown(reference.body)}`];
  if (reference.outlet) parts.push(escapeMarkdown(reference.outlet));
  if (reference.url) parts.push(safeLink(reference.url, reference.url));
  if (reference.accessed) parts.push(`Accessed ${reference.accessed}`);
  parts.push(citedTimes === 1 ? 'Cited once' : `Cited ${citedTimes} times`);
  return parts.join('\n\n');
}

function citingCount(analysis: DocumentAnalysis, reference: Reference): number {
  return analysis.citations.markers.filter((m) => citationKey(m) === citationKey(reference)).length;
}

function dateHover(date: DateMention, published: string | undefined): string {
  if (!date.value) {
    return `${codeSpan(date.text)} is relative to the publication date, which the annotations do not give for this article.`;
  }
  const parts = [`**${date.value}** · ${date.precision}${date.relative ? ' · relative' : ''}${date.ambiguous ? ' · read day-first' : ''}`];
  if (published) parts.push(distanceFromPublication(date.value, published));
  return parts.join('\n\n');
}

/** "3 months before publication (2024-02-06)", measured from the start of the date (or range). */
export function distanceFromPublication(value: string, published: string): string {
  const start = toUtcDay(value.split('/')[0]);
  const reference = toUtcDay(published);
  const days = Math.round((start - reference) / 86_400_000);
  if (days === 0) return `The publication date (${published})`;
  const magnitude = Math.abs(days);
  const span =
    magnitude < 45 ? plural(magnitude, 'day') : magnitude < 548 ? plural(Math.round(magnitude / 30.44), 'month') : plural(Math.round(magnitude / 365.25), 'year');
  return `${span} ${days < 0 ? 'before' : 'after'} publication (${published})`;
}

function toUtcDay(partial: string): number {
  const [year, month = 1, day = 1] = partial.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
