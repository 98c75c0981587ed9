/**
 * The workspace views: actors with their mentions, the timeline of dated statements, and the network
 * of actors named in the same paragraphs. Answers come from the index (closed articles) and from the
 * current analysis (open ones); the shapes are those of the protocol's corpus-view requests.
 */
import { datedStatements, pairStride, type CorpusSummary, type DatedStatement } from '../corpus';
import { actorKinds, type Actor } from '../model';
import { LineIndex } from '../text';
import { neverCancelled, throwIfCancelled, type CancellationToken, type Range } from '../types';
import type { WorkspaceModel } from '../workspace';

/** Characters of a mention's line shown in the actors view, and at most how many of them come before it. */
const contextLength = 120;
const contextBefore = 30;

export function actorsView(model: WorkspaceModel, filter = '', token: CancellationToken = neverCancelled) {
  const needle = filter.trim().toLowerCase();
  const matches = (actor: Actor) => !needle || [actor.name, actor.id, ...actor.aliases].some((name) => name.toLowerCase().includes(needle));
  const summaries = model.annotations.index.actors.filter(matches).map((actor) => {
    throwIfCancelled(token);
    const byUri = model.mentionsOf(actor.id, token);
    let mentions = 0;
    for (const ranges of byUri.values()) mentions += ranges.length;
    return { id: actor.id, name: actor.name, kind: actor.kind, mentions, articles: byUri.size };
  });
  const groups = actorKinds
    .map((kind) => ({ kind, actors: summaries.filter((a) => a.kind === kind).sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)) }))
    .filter((group) => group.actors.length > 0);
  return { groups };
}

export function actorArticles(model: WorkspaceModel, actorId: string, token: CancellationToken = neverCancelled) {
  return [...model.mentionsOf(actorId, token)]
    .map(([uri, ranges]) => ({ uri, title: model.articleTitle(uri) ?? fileName(uri), mentions: ranges.length }))
    .sort((a, b) => b.mentions - a.mentions || a.title.localeCompare(b.title));
}

/** An actor's mentions in one article with their lines, from the article's current text. */
export function actorMentions(model: WorkspaceModel, actorId: string, uri: string, text: string, token: CancellationToken = neverCancelled) {
  const ranges = model.mentionsOf(actorId, token).get(uri) ?? [];
  const lines = new LineIndex(text);
  return ranges.map((range) => ({ range, ...lineContext(lines, range) }));
}

export function actorLocations(model: WorkspaceModel, actorId: string, token: CancellationToken = neverCancelled) {
  return [...model.mentionsOf(actorId, token)].flatMap(([uri, ranges]) => ranges.map((range) => ({ uri, range })));
}

/** An article's current text: the editor's when it is open, else the file's; undefined when it cannot be read. */
export type ArticleReader = (uri: string) => Promise<string | undefined>;

/** Timeline rows sent unless a request asks for more: ten thousand articles hold hundreds of thousands of dates. */
export const defaultTimelineLimit = 1000;

export interface TimelineFilter {
  actorIds?: string[];
  uris?: string[];
  /** At most this many statements, the earliest. */
  limit?: number;
}

/**
 * The earliest dated statements of the workspace that match the filter, and how many match in all.
 * Which dates there are, and where, comes from the index; closed articles keep no sentences, so the
 * texts of the articles that give the statements sent are read again, and with an actor filter those of
 * the articles that mention the actors (to count the statements that name them). Dates whose article
 * changed on disk since it was indexed may give no statement.
 */
export async function timeline(model: WorkspaceModel, filter: TimelineFilter, readText: ArticleReader, token: CancellationToken = neverCancelled) {
  const index = model.annotations.index;
  const wantedActors = filter.actorIds?.length ? new Set(filter.actorIds) : undefined;
  const wantedUris = filter.uris?.length ? new Set(filter.uris) : undefined;
  const limit = Math.max(0, Math.floor(filter.limit ?? defaultTimelineLimit));
  // First, as it brings open articles' analyses, and so their mentions, up to date.
  const all = model.corpusSummaries(token);
  // Only an article that mentions a wanted actor can have a sentence naming it.
  const mentioning = wantedActors && new Set([...wantedActors].flatMap((id) => model.articlesMentioning(id)));
  const articles: { uri: string; title: string }[] = [];
  const actorChoices = new Set<string>();
  const candidates: { uri: string; start: number; extent: { from: string; until: string } }[] = [];
  const summaries = new Map<string, CorpusSummary>();
  // Workspaces repeat their date values many times over.
  const extents = new Map<string, ReturnType<typeof extentOf>>();
  const extentOfValue = (value: string) => {
    if (!extents.has(value)) extents.set(value, extentOf(value));
    return extents.get(value);
  };
  for (const { uri, title, corpus } of all) {
    if (corpus.dates.length === 0) continue;
    articles.push({ uri, title: title ?? fileName(uri) });
    for (const id of model.actorsMentionedIn(uri)) actorChoices.add(id);
    if ((wantedUris && !wantedUris.has(uri)) || (mentioning && !mentioning.has(uri))) continue;
    summaries.set(uri, corpus);
    for (let i = 0; i < corpus.dates.length; i += 3) {
      const extent = extentOfValue(model.dateValues.value(corpus.dates[i + 2]));
      if (extent) candidates.push({ uri, start: corpus.dates[i], extent });
    }
  }
  // Stable: statements of one day keep the order of articles and, within one, of the text.
  candidates.sort((a, b) => (a.extent.from < b.extent.from ? -1 : a.extent.from > b.extent.from ? 1 : 0));

  const read = new Map<string, Promise<ReadStatements | undefined>>();
  const statementsOf = (uri: string) => {
    let found = read.get(uri);
    if (!found) read.set(uri, (found = readStatements(model, uri, summaries.get(uri)!, readText)));
    return found;
  };
  const items = [];
  let missing = 0;
  let matching = 0;
  for (const candidate of candidates) {
    // Without an actor filter every remaining date is a statement: they need not be read to be counted.
    if (!wantedActors && items.length >= limit) break;
    throwIfCancelled(token);
    const article = await statementsOf(candidate.uri);
    const statement = article?.statements.get(candidate.start);
    if (!article || !statement) {
      missing++;
      continue;
    }
    const { value, precision, sentence, actorIds } = statement;
    if (wantedActors && !actorIds.some((id) => wantedActors.has(id))) continue;
    matching++;
    if (items.length >= limit) continue;
    const { text, lines } = article;
    items.push({ uri: candidate.uri, range: lines.range(statement), text: text.slice(statement.start, statement.end), value, precision, ...candidate.extent, sentence, actorIds });
  }
  const actors = [...actorChoices].map((id) => ({ id, name: index.actor(id)?.name ?? id })).sort((a, b) => a.name.localeCompare(b.name));
  articles.sort((a, b) => a.title.localeCompare(b.title));
  return { items, total: wantedActors ? matching : candidates.length - missing, actors, articles };
}

interface ReadStatements {
  text: string;
  lines: LineIndex;
  /** By the start of their date. */
  statements: Map<number, DatedStatement>;
}

async function readStatements(model: WorkspaceModel, uri: string, summary: CorpusSummary, readText: ArticleReader): Promise<ReadStatements | undefined> {
  const text = model.openArticleText(uri)?.text ?? (await readText(uri));
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  const statements = new Map(datedStatements(text, summary, model.dateValues, model.articleMentions(uri, lines)).map((statement) => [statement.start, statement]));
  return { text, lines, statements };
}

export function connections(model: WorkspaceModel, minWeight = 1, token: CancellationToken = neverCancelled) {
  const weights = new Map<string, number>();
  for (const { corpus } of model.corpusSummaries(token)) {
    const { actorIds, pairs } = corpus;
    for (let i = 0; i < pairs.length; i += 2) {
      const [a, b] = [actorIds[Math.floor(pairs[i] / pairStride)], actorIds[pairs[i] % pairStride]].sort();
      const key = `${a}\n${b}`;
      weights.set(key, (weights.get(key) ?? 0) + pairs[i + 1]);
    }
  }
  const index = model.annotations.index;
  const edges = [...weights]
    .filter(([, weight]) => weight >= minWeight)
    .map(([key, weight]) => {
      const [source, target] = key.split('\n');
      return { source, target, weight };
    })
    .filter((edge) => index.actor(edge.source) && index.actor(edge.target));
  const ids = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = [...ids].map((id) => {
    const actor = index.actor(id) as Actor;
    return { id, name: actor.name, kind: actor.kind, mentions: model.mentionCount(id) };
  });
  return { nodes, edges };
}

/** The first day a date value covers and the day after its last, as YYYY-MM-DD; undefined if unreadable. */
export function extentOf(value: string): { from: string; until: string } | undefined {
  const [first, last = first] = value.split('/');
  const from = bounds(first);
  const until = bounds(last);
  return from && until && from.start < until.end ? { from: from.start, until: until.end } : undefined;
}

function bounds(partial: string): { start: string; end: string } | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(partial);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : undefined;
  const day = match[3] ? Number(match[3]) : undefined;
  const start = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const end = new Date(Date.UTC(month ? year : year + 1, month ? (day ? month - 1 : month) : 0, day ? day + 1 : 1));
  return { start: isoDay(start), end: isoDay(end) };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The mention's line, starting a little before the mention so that a narrow view still shows it. */
function lineContext(lines: LineIndex, range: Range): { context: string; highlight: [number, number] } {
  const line = lines.lineText(range.start.line);
  const mentionStart = Math.min(range.start.character, line.length);
  const mentionEnd = range.end.line === range.start.line ? Math.min(range.end.character, line.length) : line.length;
  let from = Math.max(0, mentionStart - contextBefore);
  // Start at a word: after the last space within the lead, when there is one.
  const space = line.indexOf(' ', from);
  if (from > 0 && space >= 0 && space < mentionStart) from = space + 1;
  const to = Math.min(line.length, Math.max(mentionEnd, from + contextLength));
  const before = (from > 0 ? '…' : '') + collapse(line.slice(from, mentionStart)).trimStart();
  const mention = collapse(line.slice(mentionStart, mentionEnd));
  const after = collapse(line.slice(mentionEnd, to)).trimEnd() + (to < line.length ? '…' : '');
  return { context: before + mention + after, highlight: [before.length, before.length + mention.length] };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
