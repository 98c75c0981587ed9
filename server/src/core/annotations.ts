/**
 * Annotation files: YAML under the workspace's annotations/ folder declaring actors (people, states,
 * outlets…) and metadata of article files.
 *
 * `parseAnnotationFile` checks one file's shape with a hand-written walker over the YAML syntax tree, so
 * each finding sits exactly on the offending node and a broken entry never costs its neighbours.
 * `AnnotationIndex.build` merges the files and checks what needs all of them: duplicates, names shared
 * by two actors, references to actor ids. schemas/annotations.schema.json states the same contract for
 * YAML editors; a unit test keeps the walker and the schema in agreement.
 *
 * Aliases (`*name`) are never expanded: the walker reads the syntax tree, never `toJS()`, so alias bombs
 * cost nothing, and any alias is reported instead of being silently resolved.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { idFromName } from './annotationEdits';
import { actorKinds, actorKindSynonyms, type Actor, type ActorKind, type AnnotationFile, type ArticleMeta, type PartialDate, type Role, type SourceSpan } from './model';
import type { Finding, Severity, Span } from './types';
import { nodeSpan, readYamlTree } from './yamlTree';

export const defaultMaxAnnotationBytes = 2 * 1024 * 1024;

export interface AnnotationParseOptions {
  /** Files larger than this (in UTF-8 bytes) are refused with a `file-too-large` finding. */
  maxBytes?: number;
}

const actorIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const urlPattern = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const partialDatePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const dateFormat = 'YYYY, YYYY-MM or YYYY-MM-DD';

const topLevelFields = ['version', 'actors', 'articles'];
const actorFields = ['id', 'name', 'kind', 'aliases', 'family', 'summary', 'background', 'roles', 'links'];
const roleFields = ['title', 'org', 'from', 'to'];
const articleFields = ['file', 'title', 'source', 'author', 'published', 'url'];
const families = ['first', 'last'] as const;

/**
 * Parses one annotation file (schema version 1). Never throws: whatever is wrong becomes a finding
 * positioned in `text`, and every entry that is still usable is kept.
 */
export function parseAnnotationFile(uri: string, text: string, options: AnnotationParseOptions = {}): AnnotationFile {
  const maxBytes = options.maxBytes ?? defaultMaxAnnotationBytes;
  if (exceedsUtf8Bytes(text, maxBytes)) {
    const message = `Annotation file is larger than ${maxBytes} bytes and was not read`;
    return { uri, actors: [], articles: [], findings: [{ start: 0, end: 0, code: 'file-too-large', severity: 'error', message }] };
  }
  return new FileReader(uri, text).read();
}

// ---- Reading one file -------------------------------------------------------------------------

interface Field {
  key: Node;
  /** Null for a key written without a value in flow style (`{ id }`). */
  value: Node | null;
}

type Fields = ReadonlyMap<string, Field>;

interface StringValue {
  value: string;
  node: Scalar;
}

function isActorKind(value: string): value is ActorKind {
  return (actorKinds as readonly string[]).includes(value);
}

class FileReader {
  private readonly findings: Finding[] = [];

  constructor(
    private readonly uri: string,
    private readonly text: string,
  ) {}

  read(): AnnotationFile {
    const file: AnnotationFile = { uri: this.uri, actors: [], articles: [], findings: this.findings };
    const tree = readYamlTree(this.text, 'annotation file');
    for (const problem of tree.problems) this.reportRange(problem.range, problem.code, problem.severity, problem.message);
    if (tree.aliases) {
      const more = tree.aliases.count > 1 ? ` (${tree.aliases.count} in this file)` : '';
      this.report(tree.aliases.first, 'yaml-aliases', 'error', `YAML aliases are not supported in annotation files; write the value out in full${more}`);
    }
    if (tree.root !== undefined) this.readRoot(tree.root, file);
    this.findings.sort(byPosition);
    return file;
  }

  private readRoot(root: Node | null, file: AnnotationFile): void {
    if (isEmpty(root) || isAlias(root)) return;
    if (!isMap(root)) {
      this.report(root, 'schema', 'error', "An annotation file is a mapping with 'actors:' and/or 'articles:' at the top level");
      return;
    }
    const fields = this.fields(root, topLevelFields, 'top-level key');
    const version = fields.get('version');
    if (version && !isAlias(version.value) && !(isScalar(version.value) && version.value.value === 1)) {
      this.report(isEmpty(version.value) ? version.key : version.value, 'schema', 'error', "'version' must be 1, the only version of this format");
    }
    for (const item of this.entries(fields, 'actors')) {
      const actor = this.actor(item);
      if (actor) file.actors.push(actor);
    }
    for (const item of this.entries(fields, 'articles')) {
      const article = this.article(item);
      if (article) file.articles.push(article);
    }
  }

  private actor(node: Node): Actor | undefined {
    if (!isMap(node)) {
      this.report(node, 'schema', 'error', 'Each actor is a mapping with at least id, name and kind');
      return undefined;
    }
    const fields = this.fields(node, actorFields, 'actor field');
    const aliases = this.stringList(fields.get('aliases'), 'alias');
    const name = this.actorName(node, fields, aliases);
    const id = this.actorId(node, fields, name);
    const kind = this.actorKind(node, fields);
    const family = this.choice(node, fields, 'family', families);
    const summary = this.freeText(node, fields, 'summary');
    const background = this.freeText(node, fields, 'background');
    const links = this.stringList(fields.get('links'), 'link');
    const roles = this.roles(fields.get('roles'));
    if (!id || !name) return undefined;

    const actor: Actor = {
      id: id.value,
      name: name.value,
      kind,
      aliases: aliases.map((alias) => alias.value),
      roles,
      links: links.map((link) => link.value),
      source: this.source(node),
      idSource: this.source(id.node),
      nameSource: this.source(name.node),
      aliasSources: aliases.map((alias) => this.source(alias.node)),
    };
    if (family) actor.family = family;
    if (summary) actor.summary = summary.value;
    if (background) actor.background = background.value;
    return actor;
  }

  private roles(field: Field | undefined): Role[] {
    const roles: Role[] = [];
    for (const item of this.listItems(field, 'roles', 'a list of roles')) {
      const role = this.role(item);
      if (role) roles.push(role);
    }
    return roles;
  }

  private role(node: Node): Role | undefined {
    if (!isMap(node)) {
      this.report(node, 'schema', 'error', 'Each role is a mapping with at least a title');
      return undefined;
    }
    const fields = this.fields(node, roleFields, 'role field');
    const title = this.freeText(node, fields, 'title', 'Role');
    const org = this.freeText(node, fields, 'org');
    const from = this.date(fields, 'from');
    const to = this.date(fields, 'to');
    if (from && to && comparePartialDates(from.value, to.value) > 0) {
      this.report(to.node, 'bad-date', 'warning', `This role ends (${to.value}) before it starts (${from.value})`);
    }
    if (!title) return undefined;

    const role: Role = { title: title.value };
    if (org) {
      role.org = org.value;
      role.orgSource = this.source(org.node);
    }
    if (from) role.from = from.value;
    if (to) role.to = to.value;
    return role;
  }

  private article(node: Node): ArticleMeta | undefined {
    if (!isMap(node)) {
      this.report(node, 'schema', 'error', 'Each article is a mapping with at least a file');
      return undefined;
    }
    const fields = this.fields(node, articleFields, 'article field');
    const file = this.freeText(node, fields, 'file', 'Article');
    const title = this.freeText(node, fields, 'title');
    const source = this.freeText(node, fields, 'source');
    const author = this.freeText(node, fields, 'author');
    const published = this.date(fields, 'published');
    const url = this.url(fields, 'url');
    if (!file) return undefined;

    const article: ArticleMeta = { file: normalizeArticlePath(file.value), sourceSpan: this.source(node), fileSource: this.source(file.node) };
    if (title) article.title = title.value;
    if (source) article.source = source.value;
    if (author) {
      article.author = author.value;
      article.authorSource = this.source(author.node);
    }
    if (published) article.published = published.value;
    if (url) article.url = url.value;
    return article;
  }

  // ---- Fields and values ----

  /** The known fields of a mapping; unknown keys are reported, and of a repeated key (a YAML error) the first counts. */
  private fields(map: YAMLMap, known: readonly string[], what: string): Fields {
    const fields = new Map<string, Field>();
    for (const pair of map.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (key === null || isAlias(key)) continue;
      if (!isScalar(key)) {
        this.report(key, 'schema', 'warning', `Unexpected ${what}: keys are plain names`);
        continue;
      }
      const name = String(key.value);
      if (!known.includes(name)) {
        this.report(key, 'schema', 'warning', `Unknown ${what} '${name}'; expected one of: ${known.join(', ')}`);
      } else if (!fields.has(name)) {
        fields.set(name, { key, value });
      }
    }
    return fields;
  }

  /** The items of a top-level list; an empty value is an empty list. */
  private entries(fields: Fields, name: string): Node[] {
    return this.listItems(fields.get(name), name, "a list (each entry starts with '- ')");
  }

  private listItems(field: Field | undefined, name: string, expected: string): Node[] {
    const node = field?.value;
    if (isEmpty(node) || isAlias(node)) return [];
    if (!isSeq(node)) {
      this.report(node, 'schema', 'error', `'${name}' must be ${expected}`);
      return [];
    }
    return present(node.items);
  }

  /**
   * A string field as written. Absent or empty values are reported only when required (`owner` names the
   * entry kind then); aliases were reported already; any other type is an error.
   */
  private string(entry: YAMLMap, fields: Fields, name: string, owner?: string): StringValue | undefined {
    const field = fields.get(name);
    if (!field || isEmpty(field.value)) {
      if (owner) {
        const at = field ? field.key : firstKey(entry);
        this.report(at, 'schema', 'error', field ? `'${name}' has no value` : `${owner} is missing '${name}'`);
      }
      return undefined;
    }
    return this.stringNode(field.value, `'${name}'`);
  }

  private stringNode(node: Node, label: string): StringValue | undefined {
    if (isAlias(node)) return undefined;
    if (isScalar(node) && typeof node.value === 'string') return { value: node.value, node };
    this.report(node, 'schema', 'error', `${label} must be text${isScalar(node) ? '; put it in quotes' : ''}`);
    return undefined;
  }

  /** A string that must be there and not blank, kept as written (ids, kinds). */
  private requiredString(entry: YAMLMap, fields: Fields, name: string, owner: string): StringValue | undefined {
    const found = this.string(entry, fields, name, owner);
    if (found && found.value.trim() === '') {
      this.report(found.node, 'schema', 'error', `'${name}' is empty`);
      return undefined;
    }
    return found;
  }

  /** Free text, trimmed; a blank optional field counts as not given. */
  private freeText(entry: YAMLMap, fields: Fields, name: string, owner?: string): StringValue | undefined {
    const found = owner ? this.requiredString(entry, fields, name, owner) : this.string(entry, fields, name);
    if (!found) return undefined;
    const value = found.value.trim();
    return value ? { value, node: found.node } : undefined;
  }

  /** The id; without one, an id made from the name stands in (the error says which), so that the actor is kept. */
  private actorId(entry: YAMLMap, fields: Fields, name: StringValue | undefined): StringValue | undefined {
    if (!fields.has('id') && name) {
      const made = idFromName(name.value);
      this.report(firstKey(entry), 'schema', 'error', `Actor is missing 'id'; read as '${made}'`);
      return { value: made, node: name.node };
    }
    const id = this.requiredString(entry, fields, 'id', 'Actor');
    if (id && !actorIdPattern.test(id.value)) {
      this.report(id.node, 'schema', 'error', `Actor id '${id.value}' must be lowercase letters and digits, words joined by single hyphens (like 'shin-won-sik')`);
    }
    return id;
  }

  /** The name; without one, the first alias stands in (the error says so), so that the actor is still found. */
  private actorName(entry: YAMLMap, fields: Fields, aliases: readonly StringValue[]): StringValue | undefined {
    if (fields.has('name') || aliases.length === 0) return this.freeText(entry, fields, 'name', 'Actor');
    this.report(firstKey(entry), 'schema', 'error', `Actor is missing 'name'; its first alias '${aliases[0].value}' stands in`);
    return aliases[0];
  }

  /**
   * The kind. Anything else is an error, but the actor is kept, so that it is still matched: a word that
   * stands for a kind (state, alliance, outlet…, in any case) is read as that kind, any other value or
   * none as `other`, and the error says how it was read.
   */
  private actorKind(entry: YAMLMap, fields: Fields): ActorKind {
    const allowed = actorKinds.join(', ');
    const field = fields.get('kind');
    if (!field || isEmpty(field.value)) {
      const problem = field ? "'kind' has no value" : "Actor is missing 'kind'";
      this.report(field ? field.key : firstKey(entry), 'schema', 'error', `${problem} (${allowed}); read as other`);
      return 'other';
    }
    const written = this.stringNode(field.value, "'kind'");
    if (!written) return 'other';
    if (isActorKind(written.value)) return written.value;
    const folded = written.value.trim().toLowerCase();
    const kind = isActorKind(folded) ? folded : Object.hasOwn(actorKindSynonyms, folded) ? actorKindSynonyms[folded] : 'other';
    this.report(written.node, 'schema', 'error', `'kind' must be one of: ${allowed} (not '${written.value}'); read as ${kind}`);
    return kind;
  }

  private choice<T extends string>(entry: YAMLMap, fields: Fields, name: string, allowed: readonly T[], owner?: string): T | undefined {
    const found = this.string(entry, fields, name, owner);
    if (!found) return undefined;
    if ((allowed as readonly string[]).includes(found.value)) return found.value as T;
    this.report(found.node, 'schema', 'error', `'${name}' must be one of: ${allowed.join(', ')} (not '${found.value}')`);
    return undefined;
  }

  private url(fields: Fields, name: string): StringValue | undefined {
    const field = fields.get(name);
    if (!field || isEmpty(field.value)) return undefined;
    const found = this.stringNode(field.value, `'${name}'`);
    if (!found || urlPattern.test(found.value)) return found;
    this.report(found.node, 'schema', 'error', `'${name}' must be an absolute URL such as https://example.org/page`);
    return undefined;
  }

  /**
   * A date as text. `2024-02-06` is a string under the core schema; a bare year (`2023`) is an integer
   * to YAML and is taken as its digits; an explicitly tagged `!!timestamp` is read from its source.
   */
  private date(fields: Fields, name: string): { value: PartialDate; node: Node } | undefined {
    const node = fields.get(name)?.value;
    if (isEmpty(node) || isAlias(node)) return undefined;
    if (!isScalar(node)) {
      this.report(node, 'schema', 'error', `'${name}' must be a date: ${dateFormat}`);
      return undefined;
    }
    const written = typeof node.value === 'string' ? node.value : typeof node.value === 'number' ? String(node.value) : (node.source ?? '');
    if (isPartialDate(written)) return { value: written, node };
    const message = partialDatePattern.test(written) ? `'${written}' is not a calendar date` : `'${name}' must be a date: ${dateFormat}`;
    this.report(node, 'bad-date', 'error', message);
    return undefined;
  }

  /**
   * Aliases (trimmed names) or links (URLs): a list, or one string standing for a list of one. Empty
   * items are ignored with a warning, invalid ones reported and skipped.
   */
  private stringList(field: Field | undefined, item: 'alias' | 'link'): StringValue[] {
    const node = field?.value;
    if (isEmpty(node) || isAlias(node)) return [];
    const items = isSeq(node) ? present(node.items) : isScalar(node) && typeof node.value === 'string' ? [node] : undefined;
    if (!items) {
      const expected = item === 'alias' ? "'aliases' must be a list of names" : "'links' must be a list of URLs";
      this.report(node, 'schema', 'error', expected);
      return [];
    }
    const values: StringValue[] = [];
    for (const itemNode of items) {
      if (isEmpty(itemNode) || (isScalar(itemNode) && typeof itemNode.value === 'string' && itemNode.value.trim() === '')) {
        this.report(itemNode, 'schema', 'warning', `An empty ${item} is ignored`);
        continue;
      }
      const found = this.stringNode(itemNode, `Each ${item}`);
      if (!found) continue;
      if (item === 'alias') values.push({ value: found.value.trim(), node: found.node });
      else if (urlPattern.test(found.value)) values.push(found);
      else this.report(found.node, 'schema', 'error', 'A link must be an absolute URL such as https://example.org/page');
    }
    return values;
  }

  // ---- Findings ----

  private report(at: Node, code: string, severity: Severity, message: string): void {
    this.findings.push({ ...this.span(at), code, severity, message });
  }

  private reportRange([start, end]: readonly [number, number], code: string, severity: Severity, message: string): void {
    const clampedStart = this.boundary(start);
    this.findings.push({ start: clampedStart, end: Math.max(clampedStart, this.boundary(end)), code, severity, message });
  }

  /** An offset of a yaml error clamped to the text and moved off the middle of a \r\n pair, which has no LSP position. */
  private boundary(offset: number): number {
    const at = Math.min(offset, this.text.length);
    return at > 0 && this.text.charCodeAt(at - 1) === 13 && this.text.charCodeAt(at) === 10 ? at - 1 : at;
  }

  private span(node: Node): Span {
    return nodeSpan(this.text, node);
  }

  private source(node: Node): SourceSpan {
    return { uri: this.uri, ...this.span(node) };
  }
}

/** The nodes of a sequence that can be read: aliases were reported already. */
function present(items: readonly unknown[]): Node[] {
  return (items as (Node | null)[]).filter((item): item is Node => item !== null && !isAlias(item));
}

/** Absent, `~`, `null` or nothing after the colon. */
export function isEmpty(node: Node | null | undefined): node is null | undefined | Scalar {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function firstKey(map: YAMLMap): Node {
  const key = map.items[0]?.key as Node | null | undefined;
  return key ?? map;
}

function byPosition(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/** Whether the text's UTF-8 encoding exceeds `max` bytes, counting without encoding. */
export function exceedsUtf8Bytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate pair is 4 bytes, 2 per half.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
  }
  return bytes > max;
}

// ---- Dates and roles --------------------------------------------------------------------------

/** YYYY, YYYY-MM or YYYY-MM-DD, naming a real month and day (leap years included). */
export function isPartialDate(s: string): boolean {
  const match = partialDatePattern.exec(s);
  if (!match) return false;
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  return day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Compares two partial dates at the coarser of their precisions, so 2024 equals 2024-03: a year
 * neither precedes nor follows a month inside it.
 */
function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const length = Math.min(a.length, b.length);
  const left = a.slice(0, length);
  const right = b.slice(0, length);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether role `a` starts no earlier than `b`; a role without `from` started at the beginning of time. */
function startsNoEarlier(a: Role, b: Role): boolean {
  if (a.from === undefined) return b.from === undefined;
  return b.from === undefined || comparePartialDates(a.from, b.from) >= 0;
}

/**
 * The role an actor held at `date`: one whose [from, to] contains it, comparing at the coarser
 * precision of each pair (so the date 2024 falls inside a role from 2023-10 to 2024-09) and reading a
 * missing bound as open. Of several, the one that started last (on a tie, the later listed).
 * Without a usable date: the latest open-ended role, or else the last listed.
 */
export function roleAt(actor: Actor, date: string | undefined): Role | undefined {
  let best: Role | undefined;
  if (date === undefined || !isPartialDate(date)) {
    for (const role of actor.roles) {
      if (role.to === undefined && (!best || startsNoEarlier(role, best))) best = role;
    }
    return best ?? actor.roles[actor.roles.length - 1];
  }
  for (const role of actor.roles) {
    if (role.from !== undefined && comparePartialDates(date, role.from) < 0) continue;
    if (role.to !== undefined && comparePartialDates(date, role.to) > 0) continue;
    if (!best || startsNoEarlier(role, best)) best = role;
  }
  return best;
}

// ---- The merged index -------------------------------------------------------------------------

/**
 * All annotation files merged. Files are taken in URI order, so "the first definition wins" does not
 * depend on the order in which files were found or edited.
 */
export class AnnotationIndex {
  private constructor(
    readonly actors: readonly Actor[],
    readonly articles: readonly ArticleMeta[],
    readonly uris: readonly string[],
    private readonly actorsById: ReadonlyMap<string, Actor>,
    private readonly articlesByPath: ReadonlyMap<string, ArticleMeta>,
    private readonly articlesByBareName: ReadonlyMap<string, ArticleMeta>,
    private readonly findingsByUri: ReadonlyMap<string, readonly Finding[]>,
  ) {}

  static build(files: readonly AnnotationFile[]): AnnotationIndex {
    const sorted = [...files].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const findings = new Map<string, Finding[]>(sorted.map((file) => [file.uri, [...file.findings]]));
    const report = (at: SourceSpan, code: string, severity: Severity, message: string): void => {
      findings.get(at.uri)?.push({ start: at.start, end: at.end, code, severity, message });
    };

    const actorsById = new Map<string, Actor>();
    for (const actor of sorted.flatMap((file) => file.actors)) {
      const first = actorsById.get(actor.id);
      if (first) report(actor.idSource, 'duplicate-id', 'error', `Actor id '${actor.id}' is already defined ${where(first.idSource, actor.idSource)}; this entry is ignored`);
      else actorsById.set(actor.id, actor);
    }
    const actors = [...actorsById.values()];
    reportSharedNames(actors, report);
    for (const actor of actors) {
      for (const role of actor.roles) {
        if (role.org !== undefined && !actorsById.has(role.org)) {
          report(role.orgSource ?? actor.source, 'unknown-actor', 'error', `No actor has the id '${role.org}'; 'org' takes an actor id`);
        }
      }
    }

    const articlesByPath = new Map<string, ArticleMeta>();
    const articlesByBareName = new Map<string, ArticleMeta>();
    for (const article of sorted.flatMap((file) => file.articles)) {
      const at = article.fileSource ?? article.sourceSpan;
      const first = articlesByPath.get(article.file);
      if (first) {
        report(at, 'duplicate-article', 'warning', `'${article.file}' is already described ${where(first.fileSource ?? first.sourceSpan, at)}; this entry is ignored`);
        continue;
      }
      articlesByPath.set(article.file, article);
      if (!article.file.includes('/')) articlesByBareName.set(article.file, article);
      // Free-text authors are common ("Staff reporter"); only something shaped like an id is checked.
      const author = article.author;
      if (author !== undefined && author.includes('-') && actorIdPattern.test(author) && !actorsById.has(author)) {
        report(article.authorSource ?? article.sourceSpan, 'unknown-actor', 'error', `No actor has the id '${author}'; write the author's name as text or add the actor`);
      }
    }

    for (const list of findings.values()) list.sort(byPosition);
    return new AnnotationIndex(actors, [...articlesByPath.values()], [...findings.keys()], actorsById, articlesByPath, articlesByBareName, findings);
  }

  actor(id: string): Actor | undefined {
    return this.actorsById.get(id);
  }

  /** Article metadata whose `file` equals the relative path, or (bare file name) the path's base name. */
  article(relativePath: string): ArticleMeta | undefined {
    const path = normalizeArticlePath(relativePath);
    return this.articlesByPath.get(path) ?? this.articlesByBareName.get(path.slice(path.lastIndexOf('/') + 1));
  }

  /** Findings per annotation file URI: each file's own plus cross-file ones. */
  findings(uri: string): Finding[] {
    return [...(this.findingsByUri.get(uri) ?? [])];
  }
}

/**
 * Warns where a name or alias already belongs to another actor. Surfaces compare as the matcher reads
 * them: whitespace runs, dashes and apostrophes unified, and case ignored for multi-word names only
 * (a single word like "Turkey" vs "turkey" is case-sensitive).
 */
function reportSharedNames(actors: readonly Actor[], report: (at: SourceSpan, code: string, severity: Severity, message: string) => void): void {
  const owners = new Map<string, Actor>();
  for (const actor of actors) {
    const surfaces = [actor.name, ...actor.aliases];
    const spans = [actor.nameSource, ...(actor.aliasSources ?? [])];
    const own = new Set<string>();
    surfaces.forEach((surface, i) => {
      const key = surfaceKey(surface);
      if (own.has(key)) return; // an actor repeating its own name is harmless, and reported once at most
      own.add(key);
      const owner = owners.get(key);
      if (!owner) owners.set(key, actor);
      else report(spans[i] ?? actor.source, 'alias-collision', 'warning', `'${surface}' also names '${owner.id}' (${owner.name}); mentions of it cannot tell the two apart`);
    });
  }
}

function surfaceKey(surface: string): string {
  const unified = surface.replace(/\s+/g, ' ').replace(/\p{Pd}/gu, '-').replace(/[\u2018\u2019\u02bc]/g, "'");
  return unified.includes(' ') ? unified.toLowerCase() : unified;
}

/** "earlier in this file" or "in people.yaml", for messages about a second definition. */
function where(first: SourceSpan, second: SourceSpan): string {
  if (first.uri === second.uri) return 'earlier in this file';
  const name = first.uri.slice(first.uri.lastIndexOf('/') + 1);
  try {
    return `in ${decodeURIComponent(name)}`;
  } catch {
    return `in ${name}`;
  }
}

/** Forward slashes and no leading "./", so `file:` values and workspace paths compare as written. */
function normalizeArticlePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}
