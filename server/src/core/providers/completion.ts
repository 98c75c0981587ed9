import type { CompletionItem } from 'vscode-languageserver-types';
import type { PositionRequest } from './context';

// `org:` and `author:` take an actor id; the cursor sits in the value being typed.
const idValue = /^\s*(?:-\s+)?(org|author)\s*:\s*["']?([a-z0-9-]*)$/;

/** Actor ids where an annotation file expects one. */
export function completion(request: PositionRequest): CompletionItem[] {
  const lines = request.model.annotationLines(request.uri);
  if (!lines) return [];
  const before = lines.lineText(request.position.line).slice(0, request.position.character);
  const match = idValue.exec(before);
  if (!match) return [];
  const typed = match[2];
  const range = { start: { line: request.position.line, character: request.position.character - typed.length }, end: request.position };
  // LSP CompletionItemKind.Reference = 18
  return request.model.annotations.index.actors.map((actor) => ({
    label: actor.id,
    kind: 18,
    detail: `${actor.name} (${actor.kind})`,
    documentation: actor.summary,
    filterText: `${actor.id} ${actor.name}`,
    textEdit: { range, newText: actor.id },
  }));
}
