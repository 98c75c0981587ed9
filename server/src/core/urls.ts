import type { Span } from './types';

/** Schemes that may become clickable links. Anything else (file:, command:, javascript:, vscode:) stays text. */
const safeSchemes = new Set(['http', 'https', 'mailto']);

export function urlScheme(url: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match ? match[1].toLowerCase() : undefined;
}

// The same test as safeSchemes.has(urlScheme(url)) without building the scheme's string: citations ask
// it of every URL in a reference list.
const safeScheme = new RegExp(`^(?:${[...safeSchemes].join('|')}):`, 'i');

export function isSafeLinkTarget(url: string): boolean {
  return safeScheme.test(url);
}

/*
 * A URL is `scheme://…` (a scheme of 2–16 ASCII letters, digits, `+`, `.` or `-`, starting with a letter)
 * or `mailto:…`, starting at a word boundary and followed by at least one URL character. It ends at
 * whitespace, a bracket or a quote; trailing sentence punctuation and a closing parenthesis it did not
 * open (as in "(see https://…)") are not part of it.
 *
 * Every URL has a colon right after its scheme, and colons are rare in prose, so the scan jumps from
 * colon to colon with indexOf and looks back for a scheme: far faster than trying a pattern at every
 * word boundary. It finds exactly what the global pattern
 * /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|mailto:)[^\s<>"“”‘’[\]{}]+/gi would: leftmost first, without overlaps.
 */
const maxSchemeLength = 16;
// Characters that end a URL: a table for ASCII (URLs are mostly ASCII, and this is the scan's inner
// loop), the pattern's own class for the rest.
const asciiUrlEnd = new Uint8Array(0x80);
for (const char of ' \t\n\v\f\r<>"[]{}') asciiUrlEnd[char.charCodeAt(0)] = 1;
const nonAsciiUrlEnd = /[\s“”‘’]/;
const mailto = /mailto:/iy;
const trailingPunctuation = ".,;:!?'’";

/** Spans of URLs written in the text, so recognisers can ignore names and numbers inside them. */
export function findUrls(text: string): Span[] {
  const spans: Span[] = [];
  // Where the previous URL ended, before trimming: URLs do not overlap.
  let searchFrom = 0;
  for (let colon = text.indexOf(':'); colon >= 0; ) {
    const url = urlAround(text, colon, searchFrom);
    if (url) {
      spans.push({ start: url.start, end: trimmedEnd(text, url.start, url.end) });
      searchFrom = url.end;
    }
    colon = text.indexOf(':', url ? url.end : colon + 1);
  }
  return spans;
}

/** The untrimmed URL whose scheme ends at `colon` and starts no earlier than `from`, if any. */
function urlAround(text: string, colon: number, from: number): Span | undefined {
  if (text.startsWith('//', colon + 1)) {
    const end = bodyEnd(text, colon + 3);
    const start = end > colon + 3 ? hierarchicalSchemeStart(text, colon, from) : -1;
    if (start >= 0) return { start, end };
  }
  // `mailto://` with nothing after the slashes is still a mailto: URL, of two slashes.
  const start = colon - 'mailto'.length;
  // Most colons end other words ("Date:"); a look at the letter before spares them the pattern.
  if (start < from || (text.charCodeAt(colon - 1) | 0x20) !== 0x6f /* o */) return undefined;
  mailto.lastIndex = start;
  if (!mailto.test(text) || isWordUnit(text.charCodeAt(start - 1))) return undefined;
  const end = bodyEnd(text, colon + 1);
  return end > colon + 1 ? { start, end } : undefined;
}

/**
 * The leftmost start of a scheme ending at `colon`: a letter at a word boundary, with only scheme
 * characters up to the colon. Inside a run like `x.http` the boundary after `.` allows a later start.
 */
function hierarchicalSchemeStart(text: string, colon: number, from: number): number {
  let runStart = colon;
  const lowest = Math.max(from, colon - maxSchemeLength);
  while (runStart > lowest && isSchemeUnit(text.charCodeAt(runStart - 1))) runStart--;
  for (let start = runStart; start <= colon - 2; start++) {
    if (isAsciiLetter(text.charCodeAt(start)) && !isWordUnit(text.charCodeAt(start - 1))) return start;
  }
  return -1;
}

/** The end of the run of URL characters from `from`: up to whitespace, `<>"“”‘’[]{}` or the end of the text. */
function bodyEnd(text: string, from: number): number {
  let at = from;
  for (; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (unit < 0x80 ? asciiUrlEnd[unit] : nonAsciiUrlEnd.test(String.fromCharCode(unit))) break;
  }
  return at;
}

/** The end without trailing punctuation and closing parentheses that the URL did not open. */
function trimmedEnd(text: string, start: number, end: number): number {
  let trimmed = end;
  // Counted only once a `)` ends the URL: most URLs end in a letter, digit or `/`.
  let unopenedCloses: number | undefined;
  for (;;) {
    const last = text[trimmed - 1];
    if (trailingPunctuation.includes(last)) {
      trimmed--;
    } else if (last === ')' && (unopenedCloses ??= countUnopenedCloses(text, start, trimmed)) > 0) {
      trimmed--;
      unopenedCloses--;
    } else {
      return trimmed;
    }
  }
}

/** How many more `)` than `(` there are between start and end. */
function countUnopenedCloses(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = start; at < end; at++) {
    const unit = text.charCodeAt(at);
    if (unit === 0x28 /* ( */) count--;
    else if (unit === 0x29 /* ) */) count++;
  }
  return count;
}

function isAsciiLetter(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a);
}

function isAsciiDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

/** A character of \w without the u flag: ASCII letters, digits and `_`. */
function isWordUnit(unit: number): boolean {
  return isAsciiLetter(unit) || isAsciiDigit(unit) || unit === 0x5f;
}

function isSchemeUnit(unit: number): boolean {
  return isAsciiLetter(unit) || isAsciiDigit(unit) || unit === 0x2b /* + */ || unit === 0x2e /* . */ || unit === 0x2d /* - */;
}
