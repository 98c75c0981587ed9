import type { Span } from './types';

export interface Heading extends Span {
  text: string;
  /** 1 for the title, 2.. for sections. */
  level: number;
}

const markdownHeading = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/gm;

/**
 * The outline of an article. Markdown headings where there are any; in plain text, the first line is the
 * title and a short capitalised line standing alone between blank lines, without closing punctuation,
 * is a section heading.
 */
export function findHeadings(text: string, markdown: boolean): Heading[] {
  return markdown ? markdownHeadings(text) : plainHeadings(text);
}

function markdownHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  for (const match of text.matchAll(markdownHeading)) {
    const start = match.index + match[0].indexOf(match[2]);
    headings.push({ start, end: start + match[2].length, text: match[2], level: match[1].length });
  }
  return headings;
}

function plainHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let offset = 0;
  let previousBlank = true;
  let sawTitle = false;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    const nextBlank = i + 1 >= lines.length || lines[i + 1].trim() === '';
    if (trimmed && previousBlank && looksLikeHeading(trimmed) && (nextBlank || !sawTitle)) {
      const start = offset + line.indexOf(trimmed);
      headings.push({ start, end: start + trimmed.length, text: trimmed, level: sawTitle ? 2 : 1 });
      sawTitle = true;
    }
    previousBlank = trimmed === '';
    offset += line.length + lineBreakLength(text, offset + line.length);
  });
  return headings;
}

function looksLikeHeading(line: string): boolean {
  return line.length <= 100 && /^\p{Lu}/u.test(line) && !/[.,;:]$/.test(line) && !/^\[/.test(line);
}

function lineBreakLength(text: string, at: number): number {
  if (text.startsWith('\r\n', at)) return 2;
  return at < text.length ? 1 : 0;
}
