/**
 * What the workspace views (timeline, connections) need of one article, computed when it is analysed
 * and kept for closed articles in place of their text. Kept small: ten thousand articles must fit in a
 * few tens of megabytes, so sentences are cut to `maxSentenceLength`, co-occurrences are packed in a
 * typed array, and every stored string is copied out of the article's text (a slice of a long string
 * would otherwise keep the whole article alive).
 */
import type { ArticleDigest, ArticleText } from './analysis';
import { recognizeDates } from './dates';
import type { ActorMention, DateMention, DatePrecision } from './model';
import { paragraphs, sentences } from './segments';
import { overlapsAny } from './spans';
import type { LineIndex } from './text';
import { neverCancelled, type CancellationToken, type Range, type Span } from './types';
import { findUrls } from './urls';

export const maxSentenceLength = 200;
/** Distinct actors counted per paragraph; more is a list, not a paragraph, and would cost pairs quadratically. */
const maxActorsPerParagraph = 60;

export interface CorpusDate {
  /** ISO value: YYYY, YYYY-MM, YYYY-MM-DD or START/END. */
  value: string;
  precision: DatePrecision;
  text: string;
  range: Range;
  /** The sentence around the date, whitespace collapsed, at most `maxSentenceLength` characters. */
  sentence: string;
  /** Actors mentioned in that sentence, each once. */
  actorIds: string[];
}

export interface CorpusSummary {
  /** Dates with a value (relative dates that could not be resolved are left out), in text order. */
  dates: CorpusDate[];
  /** Actors that share a paragraph with another actor; `pairs` indexes into it. */
  actorIds: string[];
  /** Triples (i, j, paragraphs) with i < j: how many paragraphs mention both actorIds[i] and actorIds[j]. */
  pairs: Uint32Array;
}

/** What a summary is made from: an analysed article, open or indexed. */
export interface SummaryInput {
  lines: LineIndex;
  markdown: boolean;
  /** Sorted, as the analysis gives them. */
  actors: readonly ActorMention[];
  dates: readonly DateMention[];
}

export function summarizeArticle(input: SummaryInput): CorpusSummary {
  return { dates: datesWithContext(input), ...cooccurrences(input) };
}

/**
 * The summary of an indexed article, whose digest has no dates: they are recognised here, outside URLs
 * as in a full analysis.
 */
export function summarizeIndexed(article: ArticleText, digest: ArticleDigest, token: CancellationToken = neverCancelled): CorpusSummary {
  const urls = findUrls(article.text);
  const dates = recognizeDates(article.text, { published: digest.article?.published }, token).filter((d) => !overlapsAny(urls, d.start, d.end));
  return summarizeArticle({ lines: digest.lines, markdown: article.markdown, actors: digest.actors, dates });
}

/** A reference entry ("[1] “Title”, Outlet, …", "[^note]: …"): its access date is no event of the article. */
const referenceEntry = /\[\^?[\p{L}\p{N}_-]{1,20}\]/uy;

function datesWithContext(input: SummaryInput): CorpusDate[] {
  const text = input.lines.text;
  const dated = input.dates.filter((d) => d.value !== undefined);
  if (dated.length === 0) return [];
  const found: CorpusDate[] = [];
  let next = 0;
  for (const paragraph of paragraphs(text, input.markdown)) {
    if (next >= dated.length) break;
    if (dated[next].start >= paragraph.end) continue;
    referenceEntry.lastIndex = paragraph.start;
    const isReference = referenceEntry.test(text);
    for (const sentence of sentences(text, paragraph)) {
      for (; next < dated.length && dated[next].start < sentence.end; next++) {
        const date = dated[next];
        if (date.start < sentence.start || isReference) continue;
        found.push({
          value: detached(date.value as string),
          precision: date.precision,
          text: detached(date.text),
          range: input.lines.range(date),
          sentence: excerpt(text, sentence, date),
          actorIds: actorsIn(input.actors, sentence),
        });
      }
    }
  }
  return found;
}

function cooccurrences(input: SummaryInput): Pick<CorpusSummary, 'actorIds' | 'pairs'> {
  const text = input.lines.text;
  const mentions = input.actors;
  const indexOf = new Map<string, number>();
  const counts = new Map<number, number>();
  // Pair keys are i * stride + j; actors number far fewer than the stride.
  const stride = 0x10000;
  let next = 0;
  for (const paragraph of paragraphs(text, input.markdown)) {
    if (next >= mentions.length) break;
    const here = new Set<number>();
    for (; next < mentions.length && mentions[next].start < paragraph.end; next++) {
      if (mentions[next].start < paragraph.start || here.size >= maxActorsPerParagraph) continue;
      const id = mentions[next].actorId;
      let index = indexOf.get(id);
      if (index === undefined) indexOf.set(id, (index = indexOf.size));
      if (index < stride) here.add(index);
    }
    const members = [...here].sort((a, b) => a - b);
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const key = members[a] * stride + members[b];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  if (counts.size === 0) return { actorIds: [], pairs: new Uint32Array(0) };
  const pairs = new Uint32Array(counts.size * 3);
  let at = 0;
  for (const [key, count] of counts) {
    pairs[at++] = Math.floor(key / stride);
    pairs[at++] = key % stride;
    pairs[at++] = count;
  }
  // Actor ids come from the annotation index, so the array shares their strings.
  return { actorIds: [...indexOf.keys()], pairs };
}

/** Distinct actors whose mentions start inside the span. */
function actorsIn(mentions: readonly ActorMention[], span: Span): string[] {
  let low = 0;
  let high = mentions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (mentions[mid].start < span.start) low = mid + 1;
    else high = mid;
  }
  const ids = new Set<string>();
  for (let i = low; i < mentions.length && mentions[i].start < span.end; i++) ids.add(mentions[i].actorId);
  return [...ids];
}

/** The sentence with whitespace collapsed, cut around the date to `maxSentenceLength` characters. */
function excerpt(text: string, sentence: Span, date: Span): string {
  let start = sentence.start;
  let end = sentence.end;
  if (end - start > maxSentenceLength) {
    const half = Math.floor((maxSentenceLength - (date.end - date.start)) / 2);
    start = Math.max(sentence.start, date.start - Math.max(0, half));
    end = Math.min(sentence.end, start + maxSentenceLength);
    start = Math.max(sentence.start, end - maxSentenceLength);
  }
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return detached(`${start > sentence.start ? '…' : ''}${body}${end < sentence.end ? '…' : ''}`);
}

/** A copy of the string that shares no memory with the text it was cut from. */
export function detached(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}
