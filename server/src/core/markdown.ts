import { isSafeLinkTarget } from './urls';

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]#|<>~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '\\' + c));
}

// Sticky, so the scanner tries them where it stands; bounded, so a line of a million `[` stays linear.
// The target may hold one level of balanced parentheses, as CommonMark allows: javascript:alert(1).
const inlineLink = /(!?)\[([^\]\n]{0,1000})\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\)){0,2000})>?(?:\s+"[^"\n]{0,1000}")?\s*\)/y;
const linkDefinition = /([ \t]{0,3})\[([^\]\n]{1,1000})\]:[ \t]*<?(\S{1,2000}?)>?(?=\s|$)/y;

/**
 * Makes Markdown from annotation files safe to render, in one linear pass. Raw HTML (and with it every
 * <autolink>) is escaped; an inline link, image or line-start link definition whose target is not http,
 * https or mailto (command:, javascript:, file:, vscode:) is reduced to its text with the target shown as
 * code, and images (remote content) always are. Every other `](`, `]:` and `![` is escaped, so no other
 * link, image or definition can form, however it is nested, split over lines, or placed in a list, a quote
 * or around a code span. VS Code renders hovers untrusted too; this protects other editors as well.
 */
export function sanitizeMarkdown(markdown: string): string {
  let out = '';
  let at = 0;
  while (at < markdown.length) {
    const char = markdown[at];
    const next = markdown[at + 1];
    const lineStart = at === 0 || markdown[at - 1] === '\n' || markdown[at - 1] === '\r';
    const definition = lineStart ? stickyMatch(linkDefinition, markdown, at) : undefined;
    const link = char === '[' || (char === '!' && next === '[') ? stickyMatch(inlineLink, markdown, at) : undefined;
    if (definition) {
      const [whole, indent, label, target] = definition;
      out += isSafeLinkTarget(target) ? whole : `${indent}\\[${label}\\]: ${codeSpan(target)}`;
      at += whole.length;
    } else if (link) {
      const [whole, bang, text, target] = link;
      out += isSafeLinkTarget(target) && !bang ? safeLink(text, target) : `${escapeMarkdown(text)} (${codeSpan(target)})`;
      at += whole.length;
    } else if (char === '\\' && next !== undefined) {
      out += char + next; // an escape pair stays a pair: `\](` is no link
      at += 2;
    } else {
      out += char === '<' ? '&lt;' : (char === ']' && (next === '(' || next === ':')) || (char === '!' && next === '[') ? '\\' + char : char;
      at++;
    }
  }
  return out;
}

function stickyMatch(pattern: RegExp, text: string, at: number): RegExpExecArray | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text) ?? undefined;
}

/** Text as a code span: fenced by a backtick run longer than any inside it, on one line. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/[\r\n]/g, ' ');
  const longestRun = (oneLine.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space on each side when both are there, so padding shows the text as it is.
  const padded = /^[` ]|[` ]$/.test(oneLine) ? ` ${oneLine} ` : oneLine;
  return `${fence}${padded}${fence}`;
}

/** A Markdown link only when the target is safe; otherwise the target as code. */
export function safeLink(text: string, url: string): string {
  return isSafeLinkTarget(url) ? `[${escapeMarkdown(text)}](${url.replace(/[()\s]/g, percentEncode)})` : codeSpan(url);
}

function percentEncode(c: string): string {
  return '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
}
