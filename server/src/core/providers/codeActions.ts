import type { CodeAction, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis';
import { citationKey } from '../citations';
import { addAlias, appendActor, idFromName, type TextInsertion } from '../annotationEdits';
import { actorKinds, type ActorKind, type Reference } from '../model';
import type { LineIndex } from '../text';
import { unlinkedMentionCode } from '../unlinked';
import type { WorkspaceModel } from '../workspace';
import type { FeatureRequest } from './context';

export interface CodeActionRequest extends FeatureRequest {
  range: Range;
  diagnostics: Diagnostic[];
  /** Where a new annotation file goes when the workspace has none: `<folder>/actors.yaml`. */
  annotationsFolder: string | undefined;
}

const quickFix = 'quickfix';
const refactor = 'refactor.rewrite';
/** How many nearby actors "Add as alias of…" offers. */
const aliasCandidates = 5;

export function codeActions(request: CodeActionRequest): CodeAction[] {
  const analysis = request.model.analysis(request.uri, request.token);
  if (!analysis) return [];
  const fixes = request.diagnostics.flatMap((diagnostic) => {
    const offset = analysis.lines.offsetAt(diagnostic.range.start);
    if (diagnostic.code === 'undefined-citation') return [addReferenceStub(request.uri, analysis, diagnostic)];
    if (diagnostic.code === 'unused-reference') {
      const reference = analysis.citations.references.find((r) => r.labelSpan.start <= offset && offset <= r.labelSpan.end);
      return reference ? [removeReference(request.uri, analysis, reference, diagnostic)] : [];
    }
    return [];
  });
  // A selected name comes first; without a selection, the unlinked-mention hints under the cursor offer theirs.
  const selected = annotateName(request, analysis, request.range);
  const hinted = selected.length ? [] : request.diagnostics.filter((d) => d.code === unlinkedMentionCode).flatMap((d) => annotateName(request, analysis, d.range, d));
  return [...fixes, ...citeUnusedHere(request, analysis), ...selected, ...hinted];
}

function edit(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

/** A stub entry in the seed format at the end of the reference list (or of the article). */
function addReferenceStub(uri: string, analysis: DocumentAnalysis, diagnostic: Diagnostic): CodeAction {
  const label = analysis.lines.text.slice(analysis.lines.offsetAt(diagnostic.range.start), analysis.lines.offsetAt(diagnostic.range.end)).replace(/^\[\^?|\]$/g, '');
  const footnote = /^\[\^/.test(analysis.lines.text.slice(analysis.lines.offsetAt(diagnostic.range.start)));
  const references = analysis.citations.references;
  const at = references.length ? references[references.length - 1].end : analysis.lines.text.length;
  const stub = footnote ? `[^${label}]: “Title”, Outlet, https://` : `[${label}] “Title”, Outlet, https://, (Access Date: ${today()}).`;
  const separator = references.length ? '\n\n' : analysis.lines.text.endsWith('\n') ? '\n' : '\n\n';
  const position = analysis.lines.positionAt(at);
  return {
    title: `Add a reference entry for [${footnote ? '^' : ''}${label}]`,
    kind: quickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: edit(uri, [{ range: { start: position, end: position }, newText: separator + stub }]),
  };
}

function removeReference(uri: string, analysis: DocumentAnalysis, reference: Reference, diagnostic: Diagnostic): CodeAction {
  // Take the entry with the blank lines after it, so the list stays evenly spaced.
  let end = reference.end;
  while (end < analysis.lines.text.length && /[\r\n]/.test(analysis.lines.text[end])) end++;
  return {
    title: `Remove the unused reference [${reference.footnote ? '^' : ''}${reference.label}]`,
    kind: quickFix,
    diagnostics: [diagnostic],
    edit: edit(uri, [{ range: analysis.lines.range({ start: reference.start, end }), newText: '' }]),
  };
}

/** In the article's body, offer to cite each reference that nothing cites yet, at the cursor. */
function citeUnusedHere(request: CodeActionRequest, analysis: DocumentAnalysis): CodeAction[] {
  const offset = analysis.lines.offsetAt(request.range.end);
  const list = analysis.citations.referenceList;
  if (list && offset >= list.start) return [];
  const cited = new Set(analysis.citations.markers.map(citationKey));
  return analysis.citations.references
    .filter((r) => !cited.has(citationKey(r)))
    .map((r) => {
      const marker = r.footnote ? `[^${r.label}]` : `[${r.label}]`;
      return { title: `Cite ${marker} here`, kind: quickFix, edit: edit(request.uri, [{ range: { start: request.range.end, end: request.range.end }, newText: marker }]) };
    });
}

/**
 * "Annotate as actor…" and "Add as alias of…" for a name that no annotation covers: the selection, or the
 * range of an unlinked-mention hint (then the actions fix that diagnostic).
 */
function annotateName(request: CodeActionRequest, analysis: DocumentAnalysis, range: Range, diagnostic?: Diagnostic): CodeAction[] {
  const start = analysis.lines.offsetAt(range.start);
  const end = analysis.lines.offsetAt(range.end);
  const fixes = diagnostic ? { diagnostics: [diagnostic] } : {};
  const name = analysis.lines.text.slice(start, end).replace(/\s+/g, ' ').trim();
  if (!name || name.length > 80 || !/\p{L}/u.test(name)) return [];
  if (analysis.actors.some((m) => m.start <= start && end <= m.end)) return [];
  const id = uniqueId(request.model, idFromName(name));
  const target = annotationTarget(request);
  const annotate = actorKinds.map((kind: ActorKind): CodeAction => ({
    title: `Annotate “${name}” as actor: ${kind}`,
    kind: refactor,
    ...fixes,
    edit: insertInAnnotations(target, (text) => appendActor(text, { id, name, kind })),
  }));
  const aliases = nearestActors(analysis, start, aliasCandidates).flatMap((actorId): CodeAction[] => {
    const actor = request.model.annotations.index.actor(actorId);
    const lines = actor && request.model.annotationLines(actor.source.uri);
    const insertion = lines && addAlias(lines.text, actorId, name);
    if (!actor || !lines || !insertion) return [];
    return [{ title: `Add “${name}” as alias of ${actor.name}`, kind: refactor, ...fixes, edit: textInsertion(actor.source.uri, lines, insertion) }];
  });
  return [...annotate, ...aliases];
}

interface AnnotationTarget {
  uri: string;
  lines?: LineIndex;
}

/** The file new actors go to: an existing `actors.yaml`, else the first annotation file, else a new one. */
function annotationTarget(request: CodeActionRequest): AnnotationTarget | undefined {
  const uris = request.model.annotationUris.filter((u) => !/\/notes\//.test(u)).sort();
  const uri = uris.find((u) => /\/actors\.ya?ml$/.test(u)) ?? uris[0];
  if (uri) return { uri, lines: request.model.annotationLines(uri) };
  return request.annotationsFolder ? { uri: request.annotationsFolder.replace(/\/?$/, '/actors.yaml') } : undefined;
}

function insertInAnnotations(target: AnnotationTarget | undefined, insertion: (text: string) => TextInsertion): WorkspaceEdit | undefined {
  if (!target) return undefined;
  if (target.lines) return textInsertion(target.uri, target.lines, insertion(target.lines.text));
  const { text } = insertion('');
  return {
    documentChanges: [
      { kind: 'create', uri: target.uri, options: { ignoreIfExists: true } },
      { textDocument: { uri: target.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ],
  };
}

function textInsertion(uri: string, lines: LineIndex, insertion: TextInsertion): WorkspaceEdit {
  const position = lines.positionAt(insertion.offset);
  return edit(uri, [{ range: { start: position, end: position }, newText: insertion.text }]);
}

function uniqueId(model: WorkspaceModel, base: string): string {
  let id = base;
  for (let n = 2; model.annotations.index.actor(id); n++) id = `${base}-${n}`;
  return id;
}

/** Distinct actors mentioned in the article, nearest to the offset first. */
function nearestActors(analysis: DocumentAnalysis, offset: number, count: number): string[] {
  const distance = new Map<string, number>();
  for (const mention of analysis.actors) {
    const d = Math.abs(mention.start - offset);
    if (d < (distance.get(mention.actorId) ?? Infinity)) distance.set(mention.actorId, d);
  }
  return [...distance].sort((a, b) => a[1] - b[1]).slice(0, count).map(([id]) => id);
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(now.getDate())}.${pad(now.getMonth() + 1)}.${now.getFullYear()}`;
}
