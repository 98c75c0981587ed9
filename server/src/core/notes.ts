/**
 * The reader's own notes: plain YAML under `<annotationsFolder>/notes/`, one file per article, named
 * after the article's workspace-relative path (`notes/articles/baltic-grid.txt.yaml` for
 * `articles/baltic-grid.txt`; see `notesFilePath`). The `article:` key inside is what counts, so a file
 * renamed by hand keeps working.
 *
 *   version: 1
 *   article: articles/baltic-grid.txt
 *   notes:
 *     - id: n-lt3k9q-4f2c
 *       quote: "the BRELL ring"          # the passage exactly as selected
 *       prefix: "…up to 32 characters before it"
 *       suffix: "…and after it"
 *       offset: 1204                     # where it was last found: a hint, rewritten when it moves
 *       created: 2024-05-01T10:00:00.000Z
 *       resolved: false
 *       tags: [grid, russia]
 *       body: Markdown text of the note.
 *       replies:
 *         - { id: r-lt3kb1-09aa, created: 2024-05-02T08:00:00.000Z, body: A reply. }
 *
 * `parseNotesFile` reads a file the way annotation files are read: a walker over the YAML syntax tree,
 * each finding on the offending node, a broken entry never costing its neighbours. The editing
 * functions change the YAML through the `yaml` Document API, so comments and hand formatting survive;
 * a file with YAML errors is never rewritten.
 */
import { Document, isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextAnchor } from './anchoring';
import { defaultMaxAnnotationBytes, exceedsUtf8Bytes, isEmpty } from './annotations';
import type { SourceSpan } from './model';
import type { Finding, Severity, Span } from './types';
import { nodeSpan, readYamlTree } from './yamlTree';

export interface NoteReply {
  id: string;
  body: string;
  created?: string;
}

export interface Note extends TextAnchor {
  id: string;
  /** The article's path relative to its workspace folder, '/'-separated. */
  article: string;
  /** Markdown. */
  body: string;
  tags: string[];
  /** ISO 8601 time the note was written, as stored. */
  created?: string;
  resolved: boolean;
  replies: NoteReply[];
  /** The whole entry in its notes file. */
  source: SourceSpan;
  /** Where the `offset` value is written, so a moved note's hint is rewritten in place. */
  offsetSource?: SourceSpan;
}

export interface NotesFile {
  uri: string;
  article?: string;
  notes: Note[];
  findings: Finding[];
}

/** A note as created, before it has a place in a file. */
export interface NewNote extends TextAnchor {
  id: string;
  body: string;
  tags: string[];
  created: string;
}

/** Where an article's notes file goes, relative to the annotations folder. */
export function notesFilePath(articlePath: string): string {
  return `notes/${normalizePath(articlePath)}.yaml`;
}

const topLevelFields = ['version', 'article', 'notes'];
const noteFields = ['id', 'quote', 'prefix', 'suffix', 'offset', 'created', 'resolved', 'tags', 'body', 'replies'];
const replyFields = ['id', 'created', 'body'];

/** Parses one notes file. Never throws: problems become findings positioned in `text`. */
export function parseNotesFile(uri: string, text: string, maxBytes = defaultMaxAnnotationBytes): NotesFile {
  if (exceedsUtf8Bytes(text, maxBytes)) {
    return { uri, notes: [], findings: [{ start: 0, end: 0, code: 'file-too-large', severity: 'error', message: `Notes file is larger than ${maxBytes} bytes and was not read` }] };
  }
  return new NotesReader(uri, text).read();
}

// ---- reading --------------------------------------------------------------------------------

type Fields = ReadonlyMap<string, { key: Node; value: Node | null }>;

class NotesReader {
  private readonly findings: Finding[] = [];

  constructor(
    private readonly uri: string,
    private readonly text: string,
  ) {}

  read(): NotesFile {
    const file: NotesFile = { uri: this.uri, notes: [], findings: this.findings };
    const tree = readYamlTree(this.text, 'notes file');
    for (const problem of tree.problems) this.reportRange(problem.range, problem.code, problem.severity, problem.message);
    const root = tree.root;
    if (root !== undefined && !isEmpty(root) && !isAlias(root)) this.readRoot(root, file);
    this.findings.sort((a, b) => a.start - b.start || a.end - b.end);
    return file;
  }

  private readRoot(root: Node, file: NotesFile): void {
    if (!isMap(root)) {
      this.report(root, 'schema', 'error', "A notes file is a mapping with 'article:' and 'notes:' at the top level");
      return;
    }
    const fields = this.fields(root, topLevelFields, 'top-level key');
    const version = fields.get('version');
    if (version && !(isScalar(version.value) && version.value.value === 1)) this.report(version.value ?? version.key, 'schema', 'error', "'version' must be 1");
    const article = this.string(fields, 'article', root, 'The notes file');
    if (article !== undefined) file.article = normalizePath(article.trim());
    const ids = new Set<string>();
    for (const item of this.list(fields, 'notes')) {
      const note = this.note(item, file.article ?? '');
      if (!note) continue;
      if (ids.has(note.id)) {
        this.reportSpan(note.source, 'duplicate-id', 'error', `Note id '${note.id}' is used earlier in this file; this note is ignored`);
        continue;
      }
      ids.add(note.id);
      if (file.article !== undefined) file.notes.push(note);
    }
  }

  private note(node: Node, article: string): Note | undefined {
    if (!isMap(node)) {
      this.report(node, 'schema', 'error', 'Each note is a mapping with at least an id and a quote');
      return undefined;
    }
    const fields = this.fields(node, noteFields, 'note field');
    const id = this.string(fields, 'id', node, 'A note');
    if (id !== undefined && !id.trim()) this.report(fields.get('id')!.value!, 'schema', 'error', "'id' is empty");
    const quote = this.string(fields, 'quote', node, 'A note');
    if (quote?.length === 0) this.report(fields.get('quote')!.value!, 'schema', 'error', "'quote' is empty: a note needs the passage it is about");
    const prefix = this.string(fields, 'prefix') ?? '';
    const suffix = this.string(fields, 'suffix') ?? '';
    const offset = this.offset(fields);
    const created = this.string(fields, 'created');
    const resolved = this.boolean(fields, 'resolved');
    const tags = this.tags(fields);
    const body = this.string(fields, 'body') ?? '';
    const replies = this.list(fields, 'replies').flatMap((reply, i) => this.reply(reply, `${id ?? 'note'}-reply-${i + 1}`) ?? []);
    if (!id?.trim() || !quote) return undefined;
    const note: Note = { id: id.trim(), article, quote, prefix, suffix, offset: offset?.value ?? 0, body, tags, resolved, replies, source: this.source(node) };
    if (created !== undefined) note.created = created;
    if (offset) note.offsetSource = this.source(offset.node);
    return note;
  }

  private reply(node: Node, fallbackId: string): NoteReply | undefined {
    if (!isMap(node)) {
      this.report(node, 'schema', 'error', 'Each reply is a mapping with a body');
      return undefined;
    }
    const fields = this.fields(node, replyFields, 'reply field');
    const body = this.string(fields, 'body', node, 'A reply');
    const id = this.string(fields, 'id')?.trim();
    const created = this.string(fields, 'created');
    if (body === undefined) return undefined;
    return { id: id || fallbackId, body, ...(created !== undefined ? { created } : {}) };
  }

  private fields(map: YAMLMap, known: readonly string[], what: string): Fields {
    const fields = new Map<string, { key: Node; value: Node | null }>();
    for (const pair of map.items) {
      const key = pair.key as Node | null;
      if (key === null || isAlias(key)) continue;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === undefined || !known.includes(name)) {
        this.report(key, 'schema', 'warning', `Unknown ${what}${name === undefined ? '' : ` '${name}'`}; expected one of: ${known.join(', ')}`);
      } else if (!fields.has(name)) {
        fields.set(name, { key, value: pair.value as Node | null });
      }
    }
    return fields;
  }

  /** A text value; reported when required (`owner` given) and missing, or when not text. */
  private string(fields: Fields, name: string, entry?: YAMLMap, owner?: string): string | undefined {
    const field = fields.get(name);
    if (!field || isEmpty(field.value)) {
      if (owner && entry) this.report(field?.key ?? firstKey(entry), 'schema', 'error', field ? `'${name}' has no value` : `${owner} is missing '${name}'`);
      return undefined;
    }
    const node = field.value;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    this.report(node, 'schema', 'error', `'${name}' must be text${isScalar(node) ? '; put it in quotes' : ''}`);
    return undefined;
  }

  private offset(fields: Fields): { value: number; node: Node } | undefined {
    const node = fields.get('offset')?.value;
    if (isEmpty(node)) return undefined;
    if (isScalar(node) && typeof node.value === 'number' && Number.isSafeInteger(node.value) && node.value >= 0) return { value: node.value, node };
    this.report(node, 'schema', 'warning', "'offset' is a character position (a whole number); it is only a hint and is ignored");
    return undefined;
  }

  private boolean(fields: Fields, name: string): boolean {
    const node = fields.get(name)?.value;
    if (isEmpty(node)) return false;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.report(node, 'schema', 'error', `'${name}' must be true or false`);
    return false;
  }

  /** Tags: a list of words, or one string standing for a list of one. */
  private tags(fields: Fields): string[] {
    const node = fields.get('tags')?.value;
    if (isEmpty(node)) return [];
    const items = isSeq(node) ? (node.items as (Node | null)[]) : [node];
    const tags: string[] = [];
    for (const item of items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') && String(item.value).trim()) tags.push(String(item.value).trim());
      else if (item) this.report(item, 'schema', 'error', 'Each tag is a word or short phrase');
    }
    return tags;
  }

  private list(fields: Fields, name: string): Node[] {
    const node = fields.get(name)?.value;
    if (isEmpty(node) || isAlias(node)) return [];
    if (!isSeq(node)) {
      this.report(node, 'schema', 'error', `'${name}' must be a list (each entry starts with '- ')`);
      return [];
    }
    return (node.items as (Node | null)[]).filter((item): item is Node => item !== null && !isAlias(item));
  }

  private report(at: Node, code: string, severity: Severity, message: string): void {
    this.reportSpan(this.span(at), code, severity, message);
  }

  private reportSpan(span: Span, code: string, severity: Severity, message: string): void {
    this.findings.push({ start: span.start, end: span.end, code, severity, message });
  }

  private reportRange([start, end]: readonly number[], code: string, severity: Severity, message: string): void {
    const from = Math.min(start, this.text.length);
    this.findings.push({ start: from, end: Math.max(from, Math.min(end, this.text.length)), code, severity, message });
  }

  private span(node: Node): Span {
    return nodeSpan(this.text, node);
  }

  private source(node: Node): SourceSpan {
    return { uri: this.uri, ...this.span(node) };
  }
}

function firstKey(map: YAMLMap): Node {
  return (map.items[0]?.key as Node | null | undefined) ?? map;
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

// ---- editing --------------------------------------------------------------------------------

/** A replacement of text[start, end) by `text`. */
export interface TextReplacement extends Span {
  text: string;
}

export type NoteChange = { body?: string; resolved?: boolean; tags?: string[] };

/** The notes file's text with `note` appended (a new file when `text` is empty); undefined if the file has YAML errors. */
export function addNote(text: string, article: string, note: NewNote): string | undefined {
  const document = text.trim() ? editable(text) : newNotesDocument(article);
  if (!document) return undefined;
  const existing: unknown = document.get('notes', true);
  const notes = isSeq(existing) ? existing : (document.createNode([]) as YAMLSeq);
  if (notes !== existing) document.set('notes', notes);
  const entry = document.createNode({
    id: note.id,
    quote: note.quote,
    prefix: note.prefix,
    suffix: note.suffix,
    offset: note.offset,
    created: note.created,
    resolved: false,
    ...(note.tags.length ? { tags: note.tags } : {}),
    body: note.body,
  }) as YAMLMap;
  for (const key of ['quote', 'prefix', 'suffix']) (entry.get(key, true) as Scalar).type = Scalar.QUOTE_DOUBLE;
  styleBody(entry);
  const tags = entry.get('tags', true);
  if (isSeq(tags)) tags.flow = true;
  entry.spaceBefore = notes.items.length > 0;
  notes.items.push(entry);
  return serialize(document);
}

/** The text with the note's body, resolved state or tags changed; undefined if there is no such note or the YAML is broken. */
export function changeNote(text: string, id: string, change: NoteChange): string | undefined {
  const document = editable(text);
  const entry = document && findEntry(document, id);
  if (!document || !entry) return undefined;
  if (change.body !== undefined) {
    entry.set('body', change.body);
    styleBody(entry);
  }
  if (change.resolved !== undefined) entry.set('resolved', change.resolved);
  if (change.tags !== undefined) {
    if (change.tags.length === 0) entry.delete('tags');
    else {
      const tags = document.createNode(change.tags) as YAMLSeq;
      tags.flow = true;
      entry.set('tags', tags);
    }
  }
  return serialize(document);
}

/** The text with a reply added to the note; undefined if there is no such note or the YAML is broken. */
export function addReply(text: string, id: string, reply: Required<NoteReply>): string | undefined {
  const document = editable(text);
  const entry = document && findEntry(document, id);
  if (!document || !entry) return undefined;
  const existing: unknown = entry.get('replies', true);
  const replies = isSeq(existing) ? existing : (document.createNode([]) as YAMLSeq);
  if (replies !== existing) entry.set('replies', replies);
  const node = document.createNode({ id: reply.id, created: reply.created, body: reply.body }) as YAMLMap;
  styleBody(node);
  replies.items.push(node);
  return serialize(document);
}

/** The text without the note; undefined if there is no such note or the YAML is broken. */
export function removeNote(text: string, id: string): string | undefined {
  const document = editable(text);
  const notes = document?.get('notes', true);
  if (!document || !isSeq(notes)) return undefined;
  const index = notes.items.findIndex((item) => isMap(item) && String(item.get('id')) === id);
  if (index === -1) return undefined;
  notes.items.splice(index, 1);
  const next = notes.items[index];
  if (index === 0 && isMap(next)) next.spaceBefore = false;
  return serialize(document);
}

/** In-place rewrites of the `offset` hints of notes that moved, leaving every other character as it was. */
export function hintReplacements(file: NotesFile, moved: ReadonlyMap<string, number>): TextReplacement[] {
  const replacements: TextReplacement[] = [];
  for (const note of file.notes) {
    const offset = moved.get(note.id);
    if (offset !== undefined && offset !== note.offset && note.offsetSource) replacements.push({ start: note.offsetSource.start, end: note.offsetSource.end, text: String(offset) });
  }
  return replacements;
}

/** The single replacement that turns `before` into `after` (their common start and end kept). */
export function minimalReplacement(before: string, after: string): TextReplacement {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

/** Applies non-overlapping replacements. */
export function applyReplacements(text: string, replacements: readonly TextReplacement[]): string {
  let result = text;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) result = result.slice(0, r.start) + r.text + result.slice(r.end);
  return result;
}

function editable(text: string): Document | undefined {
  const document = parseDocument(text, { schema: 'core' });
  return document.errors.length === 0 && (isMap(document.contents) || document.contents === null) ? document : undefined;
}

function newNotesDocument(article: string): Document {
  const document = new Document({ version: 1, article, notes: [] });
  document.commentBefore = ` Reading notes on ${article}, kept by Annotated Reading. Edit freely: a note finds its\n passage again by its quote and the text around it; 'offset' is only a hint.`;
  return document;
}

function findEntry(document: Document, id: string): YAMLMap | undefined {
  const notes = document.get('notes', true);
  if (!isSeq(notes)) return undefined;
  const entry = notes.items.find((item) => isMap(item) && String(item.get('id')) === id);
  return isMap(entry) ? entry : undefined;
}

/** Multi-line bodies as literal blocks, so Markdown stays readable in the file. */
function styleBody(entry: YAMLMap): void {
  const body = entry.get('body', true);
  if (isScalar(body) && typeof body.value === 'string' && body.value.includes('\n')) body.type = Scalar.BLOCK_LITERAL;
}

function serialize(document: Document): string {
  // No folding: a long quote folded over lines is hard to compare with the article by eye.
  return document.toString({ lineWidth: 0 });
}
