/**
 * Paragraphs and sentences of an article, as spans. Used where a feature needs to know what belongs
 * together: citation coverage (claims per sentence), the timeline (a date's sentence) and connections
 * (actors in the same paragraph). Both scans are linear and allocate one span per segment.
 */
import type { Span } from './types';

/**
 * Paragraph spans, trimmed of surrounding whitespace. A blank line always ends a paragraph. Plain-text
 * articles are usually pasted one paragraph per line, so there a line break also ends one unless the
 * next line starts with a lower-case letter (a hard-wrapped sentence). Markdown paragraphs run to a
 * blank line or to a line that starts another block (heading, list item, quote, table row).
 */
export function paragraphs(text: string, markdown: boolean): Span[] {
  const found: Span[] = [];
  let start = -1;
  let end = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    const first = firstNonSpace(text, lineStart, lineEnd);
    if (first === lineEnd) {
      if (start >= 0) found.push({ start, end });
      start = -1;
    } else {
      const continues = start >= 0 && (markdown ? !startsBlock(text, first) && !startsBlock(text, start) : isLowerCase(text, first));
      if (!continues) {
        if (start >= 0) found.push({ start, end });
        start = first;
      }
      end = lastNonSpace(text, first, lineEnd);
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  if (start >= 0) found.push({ start, end });
  return found;
}

/** Abbreviations whose period does not end a sentence (compared lower-case, without the period). */
const abbreviations: ReadonlySet<string> = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'gen', 'lt', 'col', 'capt', 'sgt', 'gov', 'sen', 'rep', 'rev', 'hon', 'jr', 'sr',
  'no', 'nos', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'approx', 'ca', 'c', 'u.s', 'u.k', 'u.n', 'e.u', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'fig', 'vol', 'pp', 'p', 'ed', 'eds', 'inc', 'ltd', 'co', 'corp',
]);

const sentenceEnd = /[.!?…]/g;
const closing = /[.!?…"'”’»)\]]/;
/** Longer than any abbreviation with its inner periods ("e.g", "u.s"), so the look-back stays short. */
const maxAbbreviation = 8;

/**
 * Sentence spans within a paragraph. A sentence ends at . ! ? or … (with any closing quotes, brackets
 * and footnote markers after it, so "Seoul.[1]" cites the sentence before the marker) when whitespace
 * and a character that is not lower-case follow, or the paragraph ends. A period after an abbreviation
 * ("Dr.", "U.S.") or a single capital ("Anthony V. Rinna") does not end one.
 */
export function sentences(text: string, paragraph: Span): Span[] {
  const found: Span[] = [];
  let start = paragraph.start;
  sentenceEnd.lastIndex = paragraph.start;
  for (let match = sentenceEnd.exec(text); match && match.index < paragraph.end; match = sentenceEnd.exec(text)) {
    let end = match.index + 1;
    while (end < paragraph.end && closing.test(text[end])) end++;
    end = skipMarkers(text, end, paragraph.end);
    sentenceEnd.lastIndex = end;
    if (end < paragraph.end) {
      const next = firstNonSpace(text, end, paragraph.end);
      if (next === end || isLowerCase(text, next)) continue;
    }
    if (text[match.index] === '.' && isAbbreviation(text, match.index)) continue;
    found.push({ start, end });
    start = firstNonSpace(text, end, paragraph.end);
  }
  if (start < paragraph.end) found.push({ start, end: paragraph.end });
  return found;
}

const marker = /\[\^?[\p{L}\p{N}_-]{1,20}\]/uy;

/** Footnote markers right after a sentence's end: "[1]", "[12][13]", "[^note]". */
function skipMarkers(text: string, at: number, limit: number): number {
  for (;;) {
    marker.lastIndex = at;
    const match = marker.exec(text);
    if (!match || marker.lastIndex > limit) return at;
    at = marker.lastIndex;
  }
}

function isAbbreviation(text: string, period: number): boolean {
  let start = period;
  while (start > 0 && period - start <= maxAbbreviation && /[\p{L}.]/u.test(text[start - 1])) start--;
  const word = text.slice(start, period);
  return (word.length === 1 && /\p{Lu}/u.test(word)) || abbreviations.has(word.toLowerCase());
}

function firstNonSpace(text: string, from: number, to: number): number {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  return from;
}

function lastNonSpace(text: string, from: number, to: number): number {
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return to;
}

function isSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d || unit === 0xa0 || unit === 0xfeff || (unit >= 0x2000 && unit <= 0x200b) || unit === 0x3000;
}

function isLowerCase(text: string, at: number): boolean {
  return /\p{Ll}/u.test(text[at] ?? '');
}

const markdownBlock = /#{1,6}\s|[-*+]\s|>|\||\d{1,9}[.)]\s/y;

function startsBlock(text: string, at: number): boolean {
  markdownBlock.lastIndex = at;
  return markdownBlock.test(text);
}
