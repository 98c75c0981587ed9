/**
 * What the workspace views (timeline, connections) need of one article, computed when it is analysed
 * and kept for closed articles in place of their text. Indexing ten thousand articles has to stay lean,
 * so a summary holds numbers, not text: where each dated statement's date stands and which value it
 * has (an index into a value table shared by the workspace), and how many paragraphs each pair of the
 * article's actors shares, all in typed arrays. The timeline's sentences and the actors named in them
 * are worked out only when the timeline is asked for, from the article's text (`datedStatements`).
 */
import { publicationDate, type ArticleDigest, type ArticleText } from './analysis';
import { recognizeDates } from './dates';
import type { ActorMention, DateMention, DatePrecision } from './model';
import { paragraphs, sentences } from './segments';
import { overlapsAny } from './spans';
import { neverCancelled, type CancellationToken, type Span } from './types';

export const maxSentenceLength = 200;
/** Distinct actors counted per paragraph; more is a list, not a paragraph, and would cost pairs quadratically. */
const maxActorsPerParagraph = 60;
/** Pair keys are i * pairStride + j; an article's actors number far fewer than the stride. */
export const pairStride = 0x10000;

export interface CorpusSummary {
  /** Whether the text is Markdown, which decides its paragraphs. */
  markdown: boolean;
  /** Dates with a value outside the reference list, in text order, as (start, end, value index) triples. */
  dates: Int32Array;
  /** Actors that share a paragraph with another actor; `pairs` indexes into it. */
  actorIds: string[];
  /** (i * pairStride + j, paragraphs) with i < j: how many paragraphs mention both actorIds[i] and actorIds[j]. */
  pairs: Uint32Array;
}

/**
 * The distinct date values of the workspace, each stored once: ten thousand articles hold a few hundred
 * thousand dates but far fewer values. It only grows; values no article uses any more are few and short.
 */
export class DateValues {
  private readonly indexes = new Map<DatePrecision, Map<string, number>>();
  private readonly values: string[] = [];
  private readonly precisions: DatePrecision[] = [];

  intern(value: string, precision: DatePrecision): number {
    let byValue = this.indexes.get(precision);
    if (!byValue) this.indexes.set(precision, (byValue = new Map()));
    let index = byValue.get(value);
    if (index === undefined) {
      index = this.values.length;
      // A value may be cut from the article's text; the table must not keep the article alive.
      const copy = detached(value);
      byValue.set(copy, index);
      this.values.push(copy);
      this.precisions.push(precision);
    }
    return index;
  }

  value(index: number): string {
    return this.values[index];
  }

  precision(index: number): DatePrecision {
    return this.precisions[index];
  }

  /** How many values there are: indexes run from 0 to size - 1, in the order they were interned. */
  get size(): number {
    return this.values.length;
  }
}

/** What a summary is made from: an analysed article, open or indexed. */
export interface SummaryInput {
  text: string;
  markdown: boolean;
  /** Sorted, as the analysis gives them. */
  actors: readonly ActorMention[];
  dates: readonly DateMention[];
}

/** A reference entry ("[1] “Title”, Outlet, …", "[^note]: …"): its access date is no event of the article. */
const referenceEntry = /\[\^?[\p{L}\p{N}_-]{1,20}\]/uy;

/** One pass over the paragraphs: the dates outside reference entries, and the actors paragraph by paragraph. */
export function summarizeArticle(input: SummaryInput, values: DateValues): CorpusSummary {
  const { text, actors: mentions } = input;
  const dated = input.dates.filter((d) => d.value !== undefined);
  const dates: number[] = [];
  const indexOf = new Map<string, number>();
  const counts = new Map<number, number>();
  let nextDate = 0;
  let nextMention = 0;
  for (const paragraph of paragraphs(text, input.markdown)) {
    if (nextDate >= dated.length && nextMention >= mentions.length) break;
    // Dates and mentions between paragraphs stand in blank space: there are none, but skip them all the same.
    while (nextDate < dated.length && dated[nextDate].start < paragraph.start) nextDate++;
    if (nextDate < dated.length && dated[nextDate].start < paragraph.end) {
      referenceEntry.lastIndex = paragraph.start;
      const isReference = referenceEntry.test(text);
      for (; nextDate < dated.length && dated[nextDate].start < paragraph.end; nextDate++) {
        const date = dated[nextDate];
        if (!isReference) dates.push(date.start, date.end, values.intern(date.value as string, date.precision));
      }
    }
    const here = new Set<number>();
    for (; nextMention < mentions.length && mentions[nextMention].start < paragraph.end; nextMention++) {
      if (mentions[nextMention].start < paragraph.start || here.size >= maxActorsPerParagraph) continue;
      const id = mentions[nextMention].actorId;
      let index = indexOf.get(id);
      if (index === undefined) indexOf.set(id, (index = indexOf.size));
      if (index < pairStride) here.add(index);
    }
    if (here.size > 1) countPairs([...here].sort((a, b) => a - b), counts);
  }
  const pairs = new Uint32Array(counts.size * 2);
  let at = 0;
  for (const [key, count] of counts) {
    pairs[at++] = key;
    pairs[at++] = count;
  }
  // Actor ids come from the annotation index, so the array shares their strings.
  return { markdown: input.markdown, dates: Int32Array.from(dates), actorIds: counts.size === 0 ? [] : [...indexOf.keys()], pairs };
}

function countPairs(members: number[], counts: Map<number, number>): void {
  for (let a = 0; a < members.length; a++) {
    for (let b = a + 1; b < members.length; b++) {
      const key = members[a] * pairStride + members[b];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
}

/**
 * The summary of an indexed article, whose digest has no dates: they are recognised here, outside the
 * digest's URLs as in a full analysis.
 */
export function summarizeIndexed(article: ArticleText, digest: ArticleDigest, values: DateValues, token: CancellationToken = neverCancelled): CorpusSummary {
  const found = recognizeDates(article.text, { published: publicationDate(digest.article, article.text) }, token);
  const dates = digest.urls.length === 0 ? found : found.filter((d) => !overlapsAny(digest.urls, d.start, d.end));
  return summarizeArticle({ text: article.text, markdown: article.markdown, actors: digest.actors, dates }, values);
}

/** A dated statement of the timeline: its date, the sentence around it and the actors named there. */
export interface DatedStatement extends Span {
  value: string;
  precision: DatePrecision;
  /** The sentence around the date, whitespace collapsed, at most `maxSentenceLength` characters. */
  sentence: string;
  /** Actors mentioned in that sentence, each once. */
  actorIds: string[];
}

/**
 * The dated statements of a summary, from the text it was made from and its actor mentions (sorted by
 * start). Offsets past the end of the text (it changed on disk since) are left out.
 */
export function datedStatements(text: string, summary: CorpusSummary, values: DateValues, mentions: readonly Pick<ActorMention, 'start' | 'actorId'>[]): DatedStatement[] {
  const { dates } = summary;
  const found: DatedStatement[] = [];
  let next = 0;
  for (const paragraph of paragraphs(text, summary.markdown)) {
    if (next >= dates.length) break;
    if (dates[next] >= paragraph.end) continue;
    for (const sentence of sentences(text, paragraph)) {
      for (; next < dates.length && dates[next] < sentence.end; next += 3) {
        const date = { start: dates[next], end: dates[next + 1] };
        if (date.start < sentence.start || date.end > text.length) continue;
        found.push({
          ...date,
          value: values.value(dates[next + 2]),
          precision: values.precision(dates[next + 2]),
          sentence: excerpt(text, sentence, date),
          actorIds: actorsIn(mentions, sentence),
        });
      }
    }
  }
  return found;
}

/** Distinct actors whose mentions start inside the span. */
function actorsIn(mentions: readonly Pick<ActorMention, 'start' | 'actorId'>[], span: Span): string[] {
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
  return `${start > sentence.start ? '…' : ''}${body}${end < sentence.end ? '…' : ''}`;
}

/** A copy of the string that shares no memory with the text it was cut from. */
export function detached(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}
