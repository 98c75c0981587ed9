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

// A URL ends at whitespace, a bracket or a quote; trailing sentence punctuation and a closing
// parenthesis it did not open (as in "(see https://…)") are not part of it.
const urlPattern = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|mailto:)[^\s<>"“”‘’[\]{}]+/gi;

/** Spans of URLs written in the text, so recognisers can ignore names and numbers inside them. */
export function findUrls(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(urlPattern)) {
    let end = match.index + match[0].length;
    for (;;) {
      const last = text[end - 1];
      if (/[.,;:!?'’]/.test(last)) end--;
      else if (last === ')' && unbalancedClose(text.slice(match.index, end))) end--;
      else break;
    }
    spans.push({ start: match.index, end });
  }
  return spans;
}

function unbalancedClose(url: string): boolean {
  let depth = 0;
  for (const c of url) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
  return depth < 0;
}
