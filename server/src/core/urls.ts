import type { Span } from './types';

/** Schemes that may become clickable links. Anything else (file:, command:, javascript:, vscode:) stays text. */
const safeSchemes = new Set(['http', 'https', 'mailto']);

export function urlScheme(url: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match ? match[1].toLowerCase() : undefined;
}

export function isSafeLinkTarget(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme !== undefined && safeSchemes.has(scheme);
}

// A URL ends at whitespace, a closing bracket or quote; trailing sentence punctuation is not part of it.
const urlPattern = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|mailto:)[^\s<>"“”‘’()[\]{}]+/gi;

/** Spans of URLs written in the text, so recognisers can ignore names and numbers inside them. */
export function findUrls(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(urlPattern)) {
    let end = match.index + match[0].length;
    while (end > match.index && /[.,;:!?'’]/.test(text[end - 1])) end--;
    spans.push({ start: match.index, end });
  }
  return spans;
}
