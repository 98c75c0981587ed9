import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { codeSpan, sanitizeMarkdown } from '../../server/src/core/markdown';
import { anyUnit, fuzz } from './inputs';

/** A CommonMark renderer as the judge, with raw HTML and bare-URL linking on: the most permissive reading. */
const renderer = new MarkdownIt({ html: true, linkify: true });

/** The tags plain Markdown text and http(s) links produce; anything else came from raw HTML or an image. */
const allowedTags = new Set(['p', 'a', 'code', 'em', 'strong', 'blockquote', 'ul', 'ol', 'li', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 's']);

const markdownFragment = fc.oneof(
  fc.constantFrom(
    '[', ']', '(', ')', '<', '>', '!', '`', '``', '\\', ':', ' ', '\n', '\r', '\n\n', '- ', '> ', '    ', '1. ', '"', "'", '*', '_', '&#106;', '&lt;',
    'text', 'command:workbench.action.terminal.new', 'javascript:alert(1)', 'JaVaScRiPt:x', 'vscode://settings', 'file:///etc/passwd', 'data:text/html,x',
    'https://example.org/a', 'mailto:a@example.org', 'www.example.org', '<img src=x onerror=alert(1)>', '<script>', '</script>', '<command:foo>',
    '[click](command:x)', '[x](javascript:alert(1))', '[x]: command:foo', '[x]', '![i](https://example.org/p.png)', '[a [b]](command:x)', '"title"',
  ),
  anyUnit,
);

describe('fuzz: Markdown from annotation files renders without HTML or unsafe links', function () {
  fuzz('sanitized text renders no raw HTML, no image and no link other than http, https or mailto', fc.array(markdownFragment, { maxLength: 60 }).map((parts) => parts.join('')), (markdown) => {
    const html = renderer.render(sanitizeMarkdown(markdown));
    for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) assert.ok(allowedTags.has(tag.toLowerCase()), `<${tag}> in ${html}`);
    for (const [, target] of html.matchAll(/href="([^"]*)"/g)) assert.match(target, /^(https?:|mailto:)/i, `link to ${target} in ${html}`);
  });

  fuzz('a code span shows its text literally, whatever backticks, brackets or HTML it holds', fc.string({ unit: fc.oneof(anyUnit, fc.constantFrom('`', '``', ' ', '<', '[', '](', '\\')), minLength: 1, maxLength: 40 }), (text) => {
    const shown = text.replace(/[\r\n]/g, ' ');
    // markdown-it drops NUL and normalises a few characters on input; compare where the text is plain.
    fc.pre(!/[\0\uFFFD]/.test(shown) && shown.trim() !== '');
    const html = renderer.renderInline(codeSpan(text));
    assert.equal(html, `<code>${escapeHtml(shown)}</code>`);
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
