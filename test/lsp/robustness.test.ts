import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import {
  CancellationTokenSource,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type DocumentLink,
  type Hover,
  type SemanticTokens,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { indexedNotification } from '../../server/src/protocol';
import { hoverText, LspClient, sampleDir, serverPath, useLspServer } from '../support/lspClient';
import { positionOf } from '../support/text';

const messageOf = (diagnostic: Diagnostic): string => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);

/** A temporary workspace holding the given files (text or bytes); useLspServer removes it after the suite. */
async function workspace(files: Record<string, string | Buffer>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ar-robust-'));
  for (const [relative, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await fs.writeFile(path.join(root, relative), content);
  }
  return root;
}

const actorsYaml = `actors:
  - id: marta-quillfeather
    name: Marta Quillfeather
    kind: person
    aliases: [Quillfeather]
    summary: Envoy for grid talks.
  - id: estonia
    name: Estonia
    kind: country
`;

const paragraph = 'On 6 February 2024, Marta Quillfeather told Estonia that the cable talks would resume.[1] Officials met again in March 2024.[2]\n\n';
const referenceList =
  'References\n\n[1] “Cable talks resume”, Baltic Wire, https://example.org/cable, (Access Date: 06.02.2024).\n' +
  '[2] “March meeting”, Grid Weekly, https://example.org/march, (Access Date: 07.03.2024).\n';

/** An article of about `bytes` bytes (ASCII apart from the quotes): one paragraph repeated, one reference list. */
function articleOfSize(bytes: number): string {
  return 'Grid talks\n\n' + paragraph.repeat(Math.max(1, Math.round(bytes / Buffer.byteLength(paragraph)))) + referenceList;
}

const pull = (client: LspClient, uri: string) => client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }).then((r) => r.items);
const hoverAt = (client: LspClient, uri: string, text: string, needle: string, within = 1, nth = 0) =>
  client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, { within, nth }) });

describe('limits: oversized, binary and non-UTF-8 articles are refused with a message', function () {
  const server = useLspServer(() => workspace({
    'annotations/actors.yaml': actorsYaml,
    'articles/small.txt': articleOfSize(2_000),
    'articles/big.txt': articleOfSize(200_000),
    'articles/binary.txt': Buffer.from([0x47, 0x72, 0x69, 0x64, 0x00, 0x01, 0x02, 0x00, 0xff]),
    'articles/latin1.txt': Buffer.from('Gr\xfcn talks in K\xf6ln\n', 'latin1'),
  }), { pullDiagnostics: true, settings: { maxArticleSizeMB: 0.1 }, removeAfter: true });

  it('indexes only readable articles under the limit, and logs why each other one was skipped', async function () {
    const indexed = await server.client.whenIndexed();
    assert.equal(indexed.articles, 1);
    const logs = server.client.logs.join('\n');
    assert.match(logs, /Skipped \S*big\.txt: it is 0\.2 MB, over the 0\.1 MB limit/);
    assert.match(logs, /Skipped \S*binary\.txt: it looks binary/);
    assert.match(logs, /Skipped \S*latin1\.txt: it is not valid UTF-8/);
    assert.deepEqual(server.client.stderr, []);
  });

  it('answers an open article over annotatedReading.maxArticleSizeMB with one information diagnostic, unanalysed', async function () {
    const text = articleOfSize(200_000);
    const uri = await server.client.open('articles/big.txt', 'article', text);
    const items = await pull(server.client, uri);
    assert.deepEqual(
      items.map((d) => [d.code, d.severity, d.range.start, d.range.end]),
      [['file-too-large', 3, { line: 0, character: 0 }, { line: 0, character: 0 }]],
    );
    assert.match(messageOf(items[0]), /0\.2 MB, over the 0\.1 MB limit \(setting annotatedReading\.maxArticleSizeMB\)/);
    assert.equal(await hoverAt(server.client, uri, text, '6 February 2024'), null);
  });

  it('still analyses an open article under the limit', async function () {
    const text = articleOfSize(2_000);
    const uri = await server.client.open('articles/small.txt', 'article', text);
    assert.match(hoverText(await hoverAt(server.client, uri, text, '6 February 2024')), /\*\*2024-02-06\*\*/);
    assert.match(hoverText(await hoverAt(server.client, uri, text, 'Marta Quillfeather')), /\*\*Marta Quillfeather\*\* · person/);
  });
});

describe('limits: a 10 MB article under a raised limit is analysed', function () {
  const text = articleOfSize(10 * 1024 * 1024);

  const server = useLspServer(() => workspace({ 'annotations/actors.yaml': actorsYaml, 'articles/ten.txt': text }), { pullDiagnostics: true, settings: { maxArticleSizeMB: 12 }, removeAfter: true });

  it('indexes it, then analyses it whole when opened (timings printed)', async function () {
    this.timeout(120_000);
    const indexed = await server.client.whenIndexed();
    assert.equal(indexed.articles, 1);
    const opened = performance.now();
    const uri = await server.client.open('articles/ten.txt', 'article', text);
    const items = await pull(server.client, uri);
    const analysed = performance.now() - opened;
    assert.deepEqual(items, [], 'every marker of the repeated paragraph has its reference');
    const hovered = performance.now();
    const lastParagraph = text.split('6 February 2024').length - 2;
    assert.match(hoverText(await hoverAt(server.client, uri, text, '6 February 2024', 1, lastParagraph)), /\*\*2024-02-06\*\*/);
    const tokens = await server.client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    // Per paragraph: a person, a country, two dates and two markers.
    assert.equal(tokens.data.length / 5, 6 * (lastParagraph + 1) + 2 /* the access dates */);
    console.log(
      `      10 MB article: indexed in ${indexed.elapsed} ms; open → pulled diagnostics ${analysed.toFixed(0)} ms; ` +
        `hover and semantic tokens ${(performance.now() - hovered).toFixed(0)} ms`,
    );
  });
});

describe('annotation files that are bombs, too deep, too large or binary are refused on the file itself', function () {
  const laughs = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 10; level++) laughs.push(`lol${level}: &lol${level} [${Array(9).fill(`*lol${level - 1}`).join(', ')}]`);
  const filler = '  - id: filler\n    name: Filler\n    kind: other\n';

  const server = useLspServer(() => workspace({
    'annotations/actors.yaml': actorsYaml,
    'annotations/bomb.yaml': `actors:\n${laughs.join('\n')}\n`,
    'annotations/deep.yaml': `actors: ${'['.repeat(100_000)}\n`,
    'annotations/huge.yaml': `actors:\n${filler.repeat(Math.ceil((2.2 * 1024 * 1024) / filler.length))}`,
    'annotations/binary.yaml': Buffer.from([0x61, 0x3a, 0x00, 0x01, 0xff]),
    'articles/talks.txt': articleOfSize(2_000),
  }), { pullDiagnostics: false, removeAfter: true });

  const cases: [file: string, code: string, message: RegExp][] = [
    ['bomb.yaml', 'yaml-aliases', /aliases are not supported/],
    ['deep.yaml', 'yaml-too-deep', /nested more than \d+ levels/],
    ['huge.yaml', 'unreadable-file', /not read: it is 2\.2 MB, over the 2\.0 MB limit/],
    ['binary.yaml', 'unreadable-file', /not read: it looks binary/],
  ];
  for (const [file, code, message] of cases) {
    it(`${file}: ${code}`, async function () {
      const diagnostics = await server.client.pushedDiagnostics(server.client.uri(`annotations/${file}`), (d) => d.length > 0);
      const found = diagnostics.find((d) => d.code === code);
      assert.ok(found, JSON.stringify(diagnostics.slice(0, 3)));
      assert.equal(found.severity, 1);
      assert.match(messageOf(found), message);
    });
  }

  it('refuses an oversized annotation file opened in the editor with file-too-large', async function () {
    const uri = await server.client.open('annotations/pasted.yaml', 'yaml', `actors:\n${filler.repeat(50_000)}`);
    const diagnostics = await server.client.pushedDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => d.code), ['file-too-large']);
  });

  it('keeps the good annotation file working beside them', async function () {
    const text = articleOfSize(2_000);
    const uri = await server.client.open('articles/talks.txt', 'article', text);
    assert.match(hoverText(await hoverAt(server.client, uri, text, 'Marta Quillfeather')), /Envoy for grid talks/);
    assert.deepEqual(server.client.stderr, []);
  });
});

describe('aliases are data: matched literally and in linear time, never as patterns', function () {
  const aliases = ['(a+)+$', '.*', '[', '\\'];
  const yaml = `actors:\n  - id: pattern-actor\n    name: Pattern Actor\n    kind: other\n    aliases: [${aliases.map((a) => `'${a}'`).join(', ')}]\n`;
  // A backtracking engine given (a+)+$ needs 2^n steps on a run of n letters a followed by anything else.
  const trap = `${'a'.repeat(40)}!`;
  const text = `Analysis\n\nThe string (a+)+$ is a classic trap. So is .* in a glob, an unclosed [ bracket and a lone \\ backslash.\n\n${`${trap} `.repeat(25_000)}\n\nA line of aaaa and a.b and ab.\n`;

  const server = useLspServer(() => workspace({ 'annotations/patterns.yaml': yaml }), { pullDiagnostics: true, removeAfter: true });

  it('finds every alias where it is written, by hover', async function () {
    const uri = await server.client.open('articles/patterns.txt', 'article', text);
    for (const alias of aliases) {
      const hover = await hoverAt(server.client, uri, text, ` ${alias} `, 1);
      assert.match(hoverText(hover), /\*\*Pattern Actor\*\* · other/, alias);
      assert.equal(hover!.range!.end.character - hover!.range!.start.character, alias.length, alias);
    }
  });

  it('finds nothing where only a pattern reading would match, on a 1 MB line built to make backtracking explode', async function () {
    const uri = server.client.uri('articles/patterns.txt');
    await server.client.change(uri, text); // a new version, so the request below analyses the text afresh
    const started = performance.now();
    const tokens = await server.client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const elapsed = performance.now() - started;
    assert.equal(tokens.data.length / 5, aliases.length, 'the four written aliases and nothing else');
    for (const needle of [trap, 'aaaa', 'a.b', 'ab.']) assert.equal(await hoverAt(server.client, uri, text, needle, 0), null, needle);
    console.log(`      1 MB of (a+)+$ bait: semantic tokens in ${elapsed.toFixed(0)} ms`);
  });
});

describe('invalid settings: a message to the user, and a server that still works', function () {
  const article = 'Analysis\n\nOn 6 February 2024, Kaja Kallas spoke in Tallinn.\n';
  const cases: [title: string, settings: Record<string, unknown>, messages: RegExp[], actorsKnown: boolean][] = [
    ['an article glob that cannot compile', { articleGlobs: ['['] }, [/articleGlobs: "\[" has an unclosed "\["; it is ignored/], true],
    ['a missing annotations folder', { annotationsFolder: 'no-such-folder' }, [/no annotation files found in "no-such-folder"/], false],
    [
      'settings of the wrong types',
      { maxArticleSizeMB: 'big', articleGlobs: 5, dateHints: 3, severity: { 'unused-reference': 'loud' }, annotationsFolder: '' },
      [/annotationsFolder must be a folder path/, /articleGlobs must be a list of glob patterns/, /dateHints must be/, /severity must be an object/, /maxArticleSizeMB must be a positive number/],
      true,
    ],
  ];
  for (const [title, settings, messages, actorsKnown] of cases) {
    it(`${title}: ${messages.length} warning${messages.length > 1 ? 's' : ''}, then hovers as usual`, async function () {
      const client = await LspClient.start({ root: sampleDir, pullDiagnostics: true, settings });
      try {
        await client.whenIndexed();
        assert.equal(client.messages.length, messages.length, JSON.stringify(client.messages));
        messages.forEach((expected, i) => {
          assert.equal(client.messages[i].type, 2, 'a warning');
          assert.match(client.messages[i].message, expected);
        });
        const uri = await client.open('articles/settings-check.txt', 'article', article);
        assert.match(hoverText(await hoverAt(client, uri, article, '6 February 2024')), /\*\*2024-02-06\*\*/);
        const actor = hoverText(await hoverAt(client, uri, article, 'Kaja Kallas'));
        if (actorsKnown) assert.match(actor, /\*\*Kaja Kallas\*\*/);
        else assert.equal(actor, '');
      } finally {
        await client.stop();
      }
    });
  }

  it('a client that answers none of the server’s requests and declares no optional capability still gets a working server', async function () {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const warnings: string[] = [];
    const indexed = new Promise<void>((resolve) => connection.onNotification(indexedNotification, () => resolve()));
    connection.onNotification('window/showMessage', ({ message }: ShowMessageParams) => {
      warnings.push(message);
    });
    connection.listen();
    try {
      await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(sampleDir).toString(),
        capabilities: {},
        workspaceFolders: null,
        initializationOptions: { settings: { articleGlobs: ['['] } },
      });
      await connection.sendNotification(InitializedNotification.type, {});
      await indexed;
      assert.match(warnings.join('\n'), /unclosed "\["/);
      const uri = pathToFileURL(path.join(sampleDir, 'articles', 'bare.txt')).toString();
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'article', version: 1, text: article } });
      const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(article, 'Kaja Kallas', { within: 1 }) });
      assert.match(hoverText(hover), /\*\*Kaja Kallas\*\*/);
      assert.equal(child.exitCode, null);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});

describe('hover text from annotation YAML is untrusted Markdown', function () {
  /** A CommonMark renderer with raw HTML and bare-URL links on: anything unsafe that got through would show. */
  const renderer = new MarkdownIt({ html: true, linkify: true });
  const yaml = `actors:
  - id: vexa-morrow
    name: Vexa Morrow
    kind: person
    summary: "<img src=x onerror=alert(1)> [click](command:workbench.action.terminal.new) [x](javascript:alert(1)) <script>alert(1)</script> <command:foo>"
    background: |
      [nested [link]](command:workbench.action.terminal.new) and [ref] and [quoted]

      [ref]: command:workbench.action.terminal.new
      > [quoted]: javascript:alert(1)
      - [listed]: vscode://settings

      ![pixel](https://tracker.example/p.png) [profile](https://example.org/profile)
    roles:
      - title: "<script>alert(1)</script> [t](command:x)"
    links: [command:workbench.action.terminal.new, "javascript:alert(1)", file:///etc/passwd, https://example.org/page]
`;
  const unsafe = ['file:///etc/passwd', 'command:workbench.action.terminal.new', 'javascript:alert(1)', 'vscode://settings/editor'];
  const text =
    `Analysis\n\nVexa Morrow spoke on 6 February 2024.[1][2][3][4][5]\n\nReferences\n\n` +
    unsafe.map((url, i) => `[${i + 1}] “Source ${i + 1}”, Outlet, ${url}, (Access Date: 06.02.2024).\n`).join('') +
    `[5] “Fine”, Outlet, https://example.org/fine, (Access Date: 06.02.2024).\n`;
  let uri: string;

  const server = useLspServer(() => workspace({ 'annotations/hostile.yaml': yaml }), { pullDiagnostics: true, removeAfter: true });
  before(async function () {
    uri = await server.client.open('articles/hostile.txt', 'article', text);
  });

  /** The hover as HTML, after checking it holds no raw HTML, no image and no link but http, https or mailto. */
  function rendered(markdown: string): string {
    const html = renderer.render(markdown);
    for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) assert.ok(['p', 'a', 'code', 'em', 'strong', 'blockquote', 'ul', 'li'].includes(tag), `<${tag}> in ${html}`);
    for (const [, target] of html.matchAll(/href="([^"]*)"/g)) assert.match(target, /^(https?:|mailto:)/, `link to ${target} in ${html}`);
    return html;
  }

  it('escapes HTML and shows command:, javascript: and vscode: targets as text, keeping https links', async function () {
    const html = rendered(hoverText(await hoverAt(server.client, uri, text, 'Vexa Morrow')));
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /<code>command:workbench\.action\.terminal\.new<\/code>/);
    assert.match(html, /<code>javascript:alert\(1\)<\/code>/);
    const links = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(links.sort(), ['https://example.org/page', 'https://example.org/profile']);
  });

  it('shows unsafe reference URLs as text and links the safe one', async function () {
    for (const [i, url] of unsafe.entries()) {
      const html = rendered(hoverText(await hoverAt(server.client, uri, text, `[${i + 1}]`, 1)));
      assert.doesNotMatch(html, /href=/, url);
      assert.ok(html.includes(`<code>${url}</code>`), `${url} in ${html}`);
    }
    assert.match(rendered(hoverText(await hoverAt(server.client, uri, text, '[5]', 1))), /href="https:\/\/example\.org\/fine"/);
  });

  it('makes document links only of http, https and mailto, and warns unsafe-url on the others', async function () {
    const links = await server.client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links.map((l) => l.target), ['https://example.org/fine']);
    const warnings = (await pull(server.client, uri)).filter((d) => d.code === 'unsafe-url');
    assert.deepEqual(
      warnings.map((d) => [d.severity, d.range.start]),
      unsafe.map((url) => [2, positionOf(text, url)]),
    );
  });
});

describe('cancelled requests settle at once and do not pile up', function () {
  const text = articleOfSize(2 * 1024 * 1024);
  const position = positionOf(text, '6 February 2024', { within: 1 });

  const server = useLspServer(() => workspace({ 'annotations/actors.yaml': actorsYaml }), { pullDiagnostics: true, removeAfter: true });

  it('answers a hover promptly after 50 edits whose hovers were all cancelled (timings printed)', async function () {
    const uri = await server.client.open('articles/long.txt', 'article', text);
    let version = 1;
    /** One keystroke at the end of the text, as an incremental change, so every hover must analyse anew. */
    const type = () =>
      server.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: { line: 100_000_000, character: 0 }, end: { line: 100_000_000, character: 0 } }, text: ' ' }],
      });
    const hover = (token?: CancellationTokenSource) => server.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }, token?.token);
    const timed = async (request: () => Promise<Hover | null>) => {
      const started = performance.now();
      const result = await request();
      return { result, ms: performance.now() - started };
    };

    await type();
    const single = await timed(() => hover());
    assert.match(hoverText(single.result), /\*\*2024-02-06\*\*/);

    const stale = 50;
    const sources: CancellationTokenSource[] = [];
    // Each outcome is taken as it comes (a rejection left unobserved until later would be reported as unhandled).
    const outcomes: Promise<PromiseSettledResult<Hover | null>>[] = [];
    for (let i = 0; i < stale; i++) {
      await type();
      const source = new CancellationTokenSource();
      sources.push(source);
      outcomes.push(Promise.allSettled([hover(source)]).then(([outcome]) => outcome));
    }
    sources.forEach((source) => source.cancel());
    await type();
    const latest = await timed(() => hover());
    const settled = await Promise.all(outcomes);

    assert.match(hoverText(latest.result), /\*\*2024-02-06\*\*/);
    const cancelled = settled.filter((s) => s.status === 'rejected' && (s.reason as { code?: number }).code === LSPErrorCodes.RequestCancelled).length;
    const answered = settled.filter((s) => s.status === 'fulfilled').length;
    assert.equal(cancelled + answered, stale, 'every stale request settles, answered or cancelled');
    assert.ok(cancelled >= stale / 2, `only ${cancelled} of ${stale} were cancelled`);
    // Had the stale hovers each analysed the 2 MB text, the last one would wait for all of them.
    assert.ok(latest.ms < (stale / 4) * single.ms, `the last hover took ${latest.ms.toFixed(0)} ms; one analysis takes ${single.ms.toFixed(0)} ms`);
    console.log(`      2 MB article: one hover after an edit ${single.ms.toFixed(0)} ms; after ${stale} cancelled ones ${latest.ms.toFixed(0)} ms (${cancelled} cancelled, ${answered} answered)`);
  });
});
