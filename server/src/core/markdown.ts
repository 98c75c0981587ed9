import { isSafeLinkTarget } from './urls';

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]#|<>~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '\\' + c));
}

// The target may hold one level of balanced parentheses, as CommonMark allows: javascript:alert(1).
const inlineLink = /(!?)\[([^\]\n]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+"[^"\n]*")?\s*\)/g;
const linkDefinition = /^([ \t]{0,3})\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?=\s|$)/gm;

/**
 * Makes Markdown from annotation files safe to render: raw HTML (and with it every <autolink>) is escaped,
 * and links or images whose
 * target is not http, https or mailto (command:, javascript:, file:, vscode:) are reduced to their text
 * with the target shown as code. VS Code renders hovers untrusted as well; this protects other editors too.
 */
export function sanitizeMarkdown(markdown: string): string {
  return markdown
    .replace(/</g, '&lt;')
    .replace(inlineLink, (whole, bang: string, text: string, target: string) =>
      isSafeLinkTarget(target) && !bang ? whole : `${text} (${codeSpan(target)})`,
    )
    .replace(linkDefinition, (whole, indent: string, label: string, target: string) =>
      isSafeLinkTarget(target) ? whole : `${indent}\\[${label}\\]: ${codeSpan(target)}`,
    );
}

export function codeSpan(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.replace(/\n/g, ' ')}${fence}`;
}

/** A Markdown link only when the target is safe; otherwise the target as code. */
export function safeLink(text: string, url: string): string {
  return isSafeLinkTarget(url) ? `[${escapeMarkdown(text)}](${url.replace(/[()\s]/g, percentEncode)})` : codeSpan(url);
}

function percentEncode(c: string): string {
  return '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
}
