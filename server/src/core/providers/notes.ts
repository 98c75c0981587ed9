import type { Hover } from 'vscode-languageserver-types';
import { escapeMarkdown, sanitizeMarkdown } from '../markdown';
import { anchoredNotes, notesForActor, type AnchoredNote } from '../noteIndex';
import type { Range } from '../types';
import type { WorkspaceModel } from '../workspace';
import { articleAt, type PositionRequest } from './context';

/** The hover of an article position with the reader's notes on that passage added below it. */
export function withNotes(request: PositionRequest, base: Hover | undefined): Hover | undefined {
  const found = articleAt(request);
  if (!found) return base;
  const here = anchoredNotes(request.model, request.uri).filter((n) => n.range && contains(n.range, request.position));
  if (here.length === 0) return base;
  const notes = here.map(noteMarkdown).join('\n\n---\n\n');
  if (!base) return { contents: { kind: 'markdown', value: notes }, range: here[0].range };
  const value = typeof base.contents === 'object' && 'value' in base.contents ? base.contents.value : '';
  return { contents: { kind: 'markdown', value: `${value}\n\n---\n\n${notes}` }, range: base.range };
}

/** "2 notes" for an actor's hover, or nothing when no note's passage mentions the actor. */
export function actorNotesLine(model: WorkspaceModel, actorId: string): string | undefined {
  const count = notesForActor(model, actorId).length;
  return count === 0 ? undefined : `Reading notes: ${count === 1 ? '1 note' : `${count} notes`} on passages that mention this actor`;
}

function noteMarkdown(anchored: AnchoredNote): string {
  const { note } = anchored;
  const head = [`**Note**${note.resolved ? ' · _resolved_' : ''}`];
  if (note.tags.length) head.push(note.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(' '));
  if (anchored.match?.method === 'fuzzy') head.push('_passage edited since_');
  const parts = [head.join(' · '), sanitizeMarkdown(note.body || '_(empty)_')];
  for (const reply of note.replies) parts.push(`↳ ${sanitizeMarkdown(reply.body)}`);
  if (note.created) parts.push(`_${escapeMarkdown(note.created.slice(0, 10))}_`);
  return parts.join('\n\n');
}

/** End-inclusive, like the other hovers: a cursor just after the passage still shows it. */
function contains(range: Range, position: Range['start']): boolean {
  const after = (a: Range['start'], b: Range['start']) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}
