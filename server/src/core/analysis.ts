import type { ActorMatcher } from './actors';
import type { AnnotationIndex } from './annotations';
import { addBackReferences } from './backReferences';
import { analyzeCitations } from './citations';
import { recognizeDates, statedPublicationDate } from './dates';
import type { ActorMention, ArticleMeta, CitationAnalysis, DateMention, PartialDate } from './model';
import { findHeadings, type Heading } from './structure';
import { LineIndex } from './text';
import { neverCancelled, throwIfCancelled, type CancellationToken, type Finding, type Span } from './types';
import { unlinkedMentionsIn } from './unlinked';
import { findUrls } from './urls';

/** An article as the core sees it: text plus where it lives. */
export interface ArticleText {
  uri: string;
  /** Path relative to its workspace folder, used to find its metadata. */
  relativePath: string;
  text: string;
  markdown: boolean;
}

/** What the core knows from the annotation files, ready for matching. */
export interface AnnotationContext {
  index: AnnotationIndex;
  matcher: ActorMatcher;
}

export interface AnalysisLimits {
  /** Articles longer than this (in UTF-16 code units) are skipped with an information finding. */
  maxArticleLength: number;
}

export const defaultLimits: AnalysisLimits = { maxArticleLength: 10 * 1024 * 1024 };

export interface DocumentAnalysis {
  uri: string;
  lines: LineIndex;
  article?: ArticleMeta;
  /** What relative dates are read against: see publicationDate. */
  published?: PartialDate;
  actors: ActorMention[];
  dates: DateMention[];
  citations: CitationAnalysis;
  headings: Heading[];
  urls: Span[];
  /** Every finding about the article, citations' included. */
  findings: Finding[];
}

export function analyzeArticle(
  article: ArticleText,
  annotations: AnnotationContext,
  limits: AnalysisLimits = defaultLimits,
  token: CancellationToken = neverCancelled,
): DocumentAnalysis {
  // A request cancelled while it waited in the queue (the reader typed on) costs nothing.
  throwIfCancelled(token);
  const meta = annotations.index.article(article.relativePath);
  const lines = new LineIndex(article.text);
  if (article.text.length > limits.maxArticleLength) {
    return { ...emptyAnalysis(article.uri, lines, meta), findings: [tooLarge(article.text.length, limits)] };
  }
  const urls = findUrls(article.text);
  const citations = analyzeCitations(article.text, token, lines);
  const published = publicationDate(meta, article.text);
  const analysis: DocumentAnalysis = {
    uri: article.uri,
    lines,
    article: meta,
    published,
    actors: actorMentions(article.text, urls, annotations, token),
    dates: outside(urls, recognizeDates(article.text, { published }, token)),
    citations,
    headings: findHeadings(lines, article.markdown),
    urls,
    findings: citations.findings,
  };
  return { ...analysis, findings: [...citations.findings, ...unlinkedMentionsIn(article.text, analysis)] };
}

/** The article's publication date: its annotation's `published`, else the date it states at its top. */
export function publicationDate(meta: ArticleMeta | undefined, text: string): PartialDate | undefined {
  return meta?.published ?? statedPublicationDate(text);
}

/** What the workspace index keeps of an article on disk: its actor mentions and what gives its title. */
export type ArticleDigest = Pick<DocumentAnalysis, 'lines' | 'article' | 'actors' | 'headings' | 'urls'>;

/**
 * The part of `analyzeArticle` that indexing thousands of closed articles needs, with the same mentions:
 * dates, citations and findings are left for when an article is opened, which makes indexing several
 * times faster and leaves far less garbage behind.
 */
export function digestArticle(article: ArticleText, annotations: AnnotationContext, limits: AnalysisLimits = defaultLimits, token: CancellationToken = neverCancelled): ArticleDigest {
  const meta = annotations.index.article(article.relativePath);
  const lines = new LineIndex(article.text);
  if (article.text.length > limits.maxArticleLength) return { lines, article: meta, actors: [], headings: [], urls: [] };
  const urls = findUrls(article.text);
  return { lines, article: meta, actors: actorMentions(article.text, urls, annotations, token), headings: findHeadings(lines, article.markdown), urls };
}

function actorMentions(text: string, urls: Span[], annotations: AnnotationContext, token: CancellationToken): ActorMention[] {
  return outside(urls, addBackReferences(text, annotations.matcher.match(text, token), (id) => annotations.index.actor(id)));
}

/** The spans that overlap no URL (a name inside a link is part of the address, not a mention). */
function outside<T extends Span>(urls: Span[], spans: T[]): T[] {
  return urls.length === 0 ? spans : spans.filter((s) => !overlapsAny(s, urls));
}

function emptyAnalysis(uri: string, lines: LineIndex, article: ArticleMeta | undefined): DocumentAnalysis {
  return { uri, lines, article, published: article?.published, actors: [], dates: [], citations: { markers: [], references: [], findings: [] }, headings: [], urls: [], findings: [] };
}

function tooLarge(length: number, limits: AnalysisLimits): Finding {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return {
    start: 0,
    end: 0,
    code: 'file-too-large',
    severity: 'information',
    message: `This article is ${mb(length)} MB, over the ${mb(limits.maxArticleLength)} MB limit (setting annotatedReading.maxArticleSizeMB); it is not analysed.`,
  };
}

/** Spans are sorted by start; a binary search finds the only candidates that can overlap. */
function overlapsAny(span: Span, sorted: Span[]): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].end <= span.start) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low].start < span.end;
}

/** The item whose span contains the offset (end-inclusive, so a cursor just after a word still finds it). */
export function spanAt<T extends Span>(sorted: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].end < offset) low = mid + 1;
    else high = mid;
  }
  const found = sorted[low];
  return found && found.start <= offset && offset <= found.end ? found : undefined;
}
