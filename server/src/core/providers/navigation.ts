import type { Location } from 'vscode-languageserver-types';
import { spanAt, type DocumentAnalysis } from '../analysis';
import { citationKey } from '../citations';
import type { Actor } from '../model';
import type { Span } from '../types';
import type { WorkspaceModel } from '../workspace';
import { articleAt, type PositionRequest } from './context';

/** Marker → its reference entry; actor mention → its entry in the annotation YAML. */
export function definition(request: PositionRequest): Location[] {
  const found = articleAt(request);
  if (!found) return [];
  const { analysis, offset } = found;
  const marker = spanAt(analysis.citations.markers, offset);
  if (marker) {
    return analysis.citations.references
      .filter((r) => citationKey(r) === citationKey(marker))
      .map((r) => location(analysis, r));
  }
  const mention = spanAt(analysis.actors, offset);
  const actor = mention && request.model.annotations.index.actor(mention.actorId);
  return actor ? [actorLocation(request.model, actor)] : [];
}

/**
 * Reference entry or marker → every marker citing that label (and the entry itself when asked);
 * actor mention, or actor entry in the YAML → every mention in every article of the workspace.
 */
export function references(request: PositionRequest, includeDeclaration: boolean): Location[] {
  const actor = actorInAnnotations(request) ?? actorUnderCursor(request);
  if (actor) {
    const mentions = [...request.model.mentionsOf(actor.id, request.token)].flatMap(([uri, ranges]) => ranges.map((range) => ({ uri, range })));
    return includeDeclaration ? [actorLocation(request.model, actor), ...mentions] : mentions;
  }
  const found = articleAt(request);
  if (!found) return [];
  const { analysis, offset } = found;
  const cited = spanAt(analysis.citations.markers, offset) ?? analysis.citations.references.find((r) => r.start <= offset && offset <= r.end);
  if (!cited) return [];
  const key = citationKey(cited);
  const citing = analysis.citations.markers.filter((m) => citationKey(m) === key).map((m) => location(analysis, m));
  const entries = includeDeclaration ? analysis.citations.references.filter((r) => citationKey(r) === key).map((r) => location(analysis, r.labelSpan)) : [];
  return [...entries, ...citing];
}

function actorUnderCursor(request: PositionRequest): Actor | undefined {
  const found = articleAt(request);
  const mention = found && spanAt(found.analysis.actors, found.offset);
  return mention && request.model.annotations.index.actor(mention.actorId);
}

/** The actor whose YAML entry holds the cursor, when the request is on an annotation file. */
export function actorInAnnotations(request: PositionRequest): Actor | undefined {
  const lines = request.model.annotationLines(request.uri);
  if (!lines) return undefined;
  const offset = lines.offsetAt(request.position);
  return request.model.annotations.index.actors.find((a) => a.source.uri === request.uri && a.source.start <= offset && offset <= a.source.end);
}

export function actorLocation(model: WorkspaceModel, actor: Actor): Location {
  const lines = model.annotationLines(actor.idSource.uri);
  const range = lines ? lines.range(actor.idSource) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { uri: actor.idSource.uri, range };
}

function location(analysis: DocumentAnalysis, span: Span): Location {
  return { uri: analysis.uri, range: analysis.lines.range(span) };
}
