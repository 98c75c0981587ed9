import type { LineIndex } from './text';
import type { Span } from './types';

export interface Heading extends Span {
  text: string;
  /** 1 for the title, 2.. for sections. */
  level: number;
}

// The rest of the line is taken whole and trimmed in code: a lazy `(.+?)[ \t#]*$` backtracks
// quadratically on a heading with a long run of spaces inside it.
const markdownHeading = /^(#{1,6})[ \t]+([^\r\n\u2028\u2029]*)/gm;

/**
 * The outline of an article. Markdown headings where there are any; in plain text, the first line is the
 * title and a short capitalised line standing alone between blank lines, without closing punctuation,
 * is a section heading. Takes the article's line index, which has already found its lines.
 */
export function findHeadings(lines: LineIndex, markdown: boolean): Heading[] {
  return markdown ? markdownHeadings(lines.text) : plainHeadings(lines);
}

function markdownHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  for (const match of text.matchAll(markdownHeading)) {
    const content = withoutClosingHashes(match[2]);
    if (!content) continue;
    const start = match.index + match[0].length - match[2].length;
    headings.push({ start, end: start + content.length, text: content, level: match[1].length });
  }
  return headings;
}

/** Heading text without trailing blanks and an optional closing run of `#` (which follows a blank, as in CommonMark). */
function withoutClosingHashes(content: string): string {
  let end = content.length;
  while (end > 0 && isBlank(content.charCodeAt(end - 1))) end--;
  let hashes = end;
  while (hashes > 0 && content.charCodeAt(hashes - 1) === 0x23 /* # */) hashes--;
  if (hashes < end && (hashes === 0 || isBlank(content.charCodeAt(hashes - 1)))) {
    end = hashes;
    while (end > 0 && isBlank(content.charCodeAt(end - 1))) end--;
  }
  return content.slice(0, end);
}

function isBlank(unit: number): boolean {
  return unit === 0x20 || unit === 0x09;
}

function plainHeadings(lines: LineIndex): Heading[] {
  const headings: Heading[] = [];
  let previousBlank = true;
  let sawTitle = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    const trimmed = content.trim();
    if (trimmed && previousBlank && looksLikeHeading(trimmed) && (!sawTitle || line + 1 === lines.lineCount || lines.lineText(line + 1).trim() === '')) {
      const start = lines.lineStart(line) + content.indexOf(trimmed);
      headings.push({ start, end: start + trimmed.length, text: trimmed, level: sawTitle ? 2 : 1 });
      sawTitle = true;
    }
    previousBlank = trimmed === '';
  }
  return headings;
}

function looksLikeHeading(line: string): boolean {
  return line.length <= 100 && /^\p{Lu}/u.test(line) && !/[.,;:]$/.test(line) && !/^\[/.test(line);
}
