import * as assert from 'node:assert/strict';
import { escapeMarkdown, safeLink, sanitizeMarkdown } from '../../server/src/core/markdown';
import { findUrls, isSafeLinkTarget } from '../../server/src/core/urls';

describe('untrusted Markdown from annotation files', function () {
  it('escapes raw HTML so it shows as text', function () {
    const out = sanitizeMarkdown('Hi <img src=x onerror=alert(1)> and <script>alert(1)</script>');
    assert.doesNotMatch(out, /<img|<script/);
    assert.match(out, /&lt;img src=x onerror=alert\(1\)>/);
  });

  it('keeps http, https and mailto links and reduces others to code', function () {
    assert.equal(sanitizeMarkdown('[site](https://example.org/a)'), '[site](https://example.org/a)');
    assert.equal(sanitizeMarkdown('[mail](mailto:desk@example.org)'), '[mail](mailto:desk@example.org)');
    for (const target of ['command:workbench.action.terminal.new', 'javascript:alert(1)', 'file:///etc/passwd', 'vscode://settings']) {
      const out = sanitizeMarkdown(`[click](${target})`);
      assert.equal(out, `click (\`${target}\`)`, target);
    }
  });

  it('neutralises autolinks and link definitions with unsafe targets', function () {
    assert.doesNotMatch(sanitizeMarkdown('<command:foo>'), /<command/);
    assert.equal(sanitizeMarkdown('[x][1]\n\n[1]: command:foo'), '[x][1]\n\n\\[1\\]: `command:foo`');
    assert.equal(sanitizeMarkdown('[1]: https://example.org'), '[1]: https://example.org');
  });

  it('never renders images, which would load remote content', function () {
    assert.equal(sanitizeMarkdown('![pixel](https://tracker.example/p.png)'), 'pixel (`https://tracker.example/p.png`)');
  });

  it('escapes plain text so names show literally', function () {
    assert.equal(escapeMarkdown('Kim *Jong* [un] <b>'), 'Kim \\*Jong\\* \\[un\\] &lt;b&gt;');
    assert.equal(escapeMarkdown('Raudsepp-Kane'), 'Raudsepp-Kane');
  });

  it('links only safe targets', function () {
    assert.equal(safeLink('a', 'https://x.example/(1)'), '[a](https://x.example/%281%29)');
    assert.equal(safeLink('a', 'javascript:alert(1)'), '`javascript:alert(1)`');
    assert.equal(isSafeLinkTarget('HTTPS://X.EXAMPLE'), true);
    assert.equal(isSafeLinkTarget('vscode:extension/x'), false);
  });
});

describe('URLs in article text', function () {
  const urls = (text: string) => findUrls(text).map((s) => text.slice(s.start, s.end));

  it('ends a URL before trailing punctuation and an unopened parenthesis', function () {
    assert.deepEqual(urls('See https://example.org/a/b.'), ['https://example.org/a/b']);
    assert.deepEqual(urls('(see https://example.org/x)'), ['https://example.org/x']);
    assert.deepEqual(urls('https://en.wikipedia.org/wiki/Foo_(bar), next'), ['https://en.wikipedia.org/wiki/Foo_(bar)']);
    assert.deepEqual(urls('“https://example.org/q?a=1&b=2”'), ['https://example.org/q?a=1&b=2']);
  });

  it('finds mailto and other schemes, so unsafe ones can be reported', function () {
    assert.deepEqual(urls('write to mailto:desk@example.org.'), ['mailto:desk@example.org']);
    assert.deepEqual(urls('file:///etc/passwd and ftp://host/x'), ['file:///etc/passwd', 'ftp://host/x']);
  });
});
