import { isMap, isSeq, parse, parseDocument, type Node } from 'yaml';
import type { ActorKind } from './model';

/** A text insertion in an annotation file, by offset. */
export interface TextInsertion {
  offset: number;
  text: string;
}

/** A lowercase, hyphenated id from a name: "Leif-Eric Easley" → "leif-eric-easley". */
export function idFromName(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'actor';
}

/** A YAML scalar that reads back as exactly this text: plain where YAML would read it as this string, quoted otherwise (2024, true, null, "a: b"). */
function yamlString(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .’'-]*$/u.test(text) && parse(text) === text ? text : JSON.stringify(text);
}

/** Where and what to insert so that a new actor entry ends the `actors:` list of an annotation file. */
export function appendActor(yamlText: string, actor: { id: string; name: string; kind: ActorKind }): TextInsertion {
  const document = parseDocument(yamlText);
  const actors = isMap(document.contents) ? document.contents.get('actors', true) : undefined;
  const entry = (indent: string) =>
    `${indent}- id: ${yamlString(actor.id)}\n${indent}  name: ${yamlString(actor.name)}\n${indent}  kind: ${actor.kind}\n${indent}  summary: ""\n`;
  if (isSeq(actors) && actors.items.length > 0) {
    const last = actors.items[actors.items.length - 1] as Node;
    const end = lineEndAfter(yamlText, last.range?.[1] ?? yamlText.length);
    return { offset: end, text: (needsLineBreak(yamlText, end) ? '\n' : '') + entry(dashIndent(yamlText, (actors.items[0] as Node).range?.[0] ?? 0)) };
  }
  const prefix = yamlText.length === 0 || yamlText.endsWith('\n') ? '' : '\n';
  return { offset: yamlText.length, text: `${prefix}actors:\n${entry('  ')}` };
}

/** Where and what to insert so that `alias` joins the aliases of the actor with this id; undefined if not found. */
export function addAlias(yamlText: string, actorId: string, alias: string): TextInsertion | undefined {
  const document = parseDocument(yamlText);
  const actors = isMap(document.contents) ? document.contents.get('actors', true) : undefined;
  if (!isSeq(actors)) return undefined;
  const entry = actors.items.find((item) => isMap(item) && String(item.get('id')) === actorId);
  if (!isMap(entry)) return undefined;
  const aliases = entry.get('aliases', true);
  if (isSeq(aliases) && aliases.flow && aliases.range) {
    const close = yamlText.lastIndexOf(']', aliases.range[1]);
    return { offset: close, text: (aliases.items.length ? ', ' : '') + yamlString(alias) };
  }
  if (isSeq(aliases) && aliases.items.length && aliases.range) {
    const first = aliases.items[0] as Node;
    const end = lineEndAfter(yamlText, (aliases.items[aliases.items.length - 1] as Node).range?.[1] ?? aliases.range[1]);
    return { offset: end, text: (needsLineBreak(yamlText, end) ? '\n' : '') + `${dashIndent(yamlText, first.range?.[0] ?? 0)}- ${yamlString(alias)}\n` };
  }
  const nameKey = entry.items.find((pair) => (pair.key as Node | null)?.toString() === 'name');
  const anchor = (nameKey?.value as Node | undefined)?.range?.[1] ?? entry.range?.[0] ?? 0;
  const end = lineEndAfter(yamlText, anchor);
  const keyIndent = indentOf(yamlText, ((nameKey?.key as Node | undefined)?.range?.[0]) ?? anchor);
  return { offset: end, text: (needsLineBreak(yamlText, end) ? '\n' : '') + `${keyIndent}aliases: [${yamlString(alias)}]\n` };
}

/** The offset just after the line break that ends the line holding `offset` (or the text's end). */
function lineEndAfter(text: string, offset: number): number {
  const probe = Math.max(0, Math.min(offset, text.length) - 1);
  const newline = text.indexOf('\n', probe);
  return newline === -1 ? text.length : newline + 1;
}

function needsLineBreak(text: string, offset: number): boolean {
  return offset > 0 && text[offset - 1] !== '\n';
}

/** The indentation of the `- ` that opens the block sequence item starting at `itemStart`. */
function dashIndent(text: string, itemStart: number): string {
  return indentOf(text, text.lastIndexOf('-', itemStart));
}

/** The column of `offset` as spaces, i.e. its indentation when it starts the line's content. */
function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return ' '.repeat(offset - lineStart);
}
