import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, Hover, InlayHint, Location, SemanticTokens, SymbolInformation } from 'vscode-languageserver-protocol';
import { hoverText, LspClient, sampleDir } from '../support/lspClient';
import { lineStartingWith, positionOf } from '../support/text';


describe('language server on the sample workspace (pull diagnostics, as VS Code)', function () {
  let client: LspClient;
  let baltic: string;
  let balticUri: string;

  before(async function () {
    client = await LspClient.start({ root: sampleDir, pullDiagnostics: true });
    baltic = await fs.readFile(path.join(sampleDir, 'articles/baltic-grid.txt'), 'utf8');
    balticUri = await client.open('articles/baltic-grid.txt');
  });
  after(() => client.stop());

  const hoverAt = (uri: string, text: string, needle: string, within = 1, nth = 0) =>
    client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, { within, nth }) });

  it('reports the indexed workspace once every article and actor is loaded', async function () {
    const indexed = await client.whenIndexed();
    // The default globs take articles/**/*.txt and every Markdown file (the sample's README too).
    const files = await fs.readdir(sampleDir, { recursive: true });
    const articles = files.filter((f) => /^articles\/.*\.txt$/.test(f) || f.endsWith('.md')).length;
    assert.equal(indexed.articles, articles);
    assert.ok(indexed.actors > 20, `only ${indexed.actors} actors`);
  });

  it('hovers an actor with its kind, summary, role at publication and mention counts', async function () {
    await client.whenIndexed();
    const text = hoverText(await hoverAt(balticUri, baltic, 'Raudsepp-Kane leads'));
    assert.match(text, /\*\*Liisa Raudsepp-Kane\*\* · person/);
    // Published 2024-03-15: the second role (from 2021-09, open) is the one held then.
    assert.match(text, /Head of the Energy Security Programme/);
    assert.doesNotMatch(text, /Research Fellow/);
    const mentions = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: balticUri },
      position: positionOf(baltic, 'Raudsepp-Kane leads', { within: 1 }),
      context: { includeDeclaration: false },
    });
    const here = mentions.filter((l) => l.uri === balticUri).length;
    assert.match(text, new RegExp(`Mentions: ${here} in this article · ${mentions.length} in the workspace`));
  });

  it('hovers a date with its ISO value and distance from publication', async function () {
    const text = hoverText(await hoverAt(balticUri, baltic, 'December 6, 2022'));
    assert.match(text, /\*\*2022-12-06\*\* · day/);
    assert.match(text, /15 months before publication \(2024-03-15\)/);
  });

  it('resolves a relative date against the publication date', async function () {
    const text = hoverText(await hoverAt(balticUri, baltic, 'earlier this month', 3));
    assert.match(text, /\*\*2024-03\*\*/);
  });

  it('reads relative dates against the publication date an unannotated article states at its top', async function () {
    const text = '# Sahel notes\n\n*Published 14 March 2024*\n\nTwo days ago the junta expelled an envoy; talks resume next week.\n';
    const uri = await client.open('notes/dateline-probe.md', 'markdown', text);
    assert.match(hoverText(await hoverAt(uri, text, 'Two days ago', 4)), /\*\*2024-03-12\*\*[\s\S]*2 days before publication \(2024-03-14\)/);
    assert.match(hoverText(await hoverAt(uri, text, 'next week', 2)), /\*\*2024-03-18\/2024-03-24\*\*/);
  });

  it('hovers a marker with its full reference', async function () {
    const text = hoverText(await hoverAt(balticUri, baltic, 'overtones, and the timetable has tightened accordingly.[1]', 'overtones, and the timetable has tightened accordingly.['.length));
    assert.match(text, /\*\*\[1\]\*\*/);
    assert.match(text, /Access|Accessed 2024-03-14/);
    assert.match(text, /https:\/\//);
  });

  it('goes from a marker to its reference entry', async function () {
    const locations = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: balticUri },
      position: positionOf(baltic, 'Harmony Link, the planned cable to Poland[2]', { within: 'Harmony Link, the planned cable to Poland['.length }),
    });
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri, balticUri);
    assert.equal(locations[0].range.start.line, lineStartingWith(baltic, '[2] '));
  });

  it('goes from an actor to its entry in the annotation YAML', async function () {
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: balticUri }, position: positionOf(baltic, 'Estonia', { within: 2 }) });
    assert.equal(locations.length, 1);
    assert.match(locations[0].uri, /\/annotations\/[a-z]+\.yaml$/);
    const yaml = await fs.readFile(new URL(locations[0].uri), 'utf8');
    assert.match(yaml.split('\n')[locations[0].range.start.line], /id: estonia\b/);
  });

  it('finds every marker that cites a reference, from the reference entry', async function () {
    const line = lineStartingWith(baltic, '[3] ');
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: balticUri },
      position: { line, character: 1 },
      context: { includeDeclaration: false },
    });
    const markers = [...baltic.matchAll(/\[3\]/g)].length - 1; // all but the entry's own label
    assert.equal(locations.length, markers);
    assert.ok(locations.every((l) => l.range.start.line < line));
  });

  it('finds every mention of an actor across the workspace, from its YAML entry', async function () {
    await client.whenIndexed();
    const yamlPath = path.join(sampleDir, 'annotations/states.yaml');
    const yaml = await fs.readFile(yamlPath, 'utf8');
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: client.uri('annotations/states.yaml') },
      position: positionOf(yaml, 'id: russia', { within: 5 }),
      context: { includeDeclaration: false },
    });
    const files = new Set(locations.map((l) => path.basename(l.uri)));
    assert.ok(files.size >= 3, `Russia is mentioned in ${[...files].join(', ')}`);
    for (const location of locations.slice(0, 20)) {
      const text = await fs.readFile(new URL(location.uri), 'utf8');
      const line = text.split(/\r?\n/)[location.range.start.line];
      assert.match(line.slice(location.range.start.character, location.range.end.character), /^(Russia|Moscow|Kremlin|Russian Federation)/);
    }
  });

  it('links reference URLs, only for http, https and mailto', async function () {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: balticUri } });
    const urls = [...baltic.matchAll(/https?:\/\/[^\s,]+/g)].map((m) => m[0]);
    assert.equal(links.length, urls.length);
    assert.deepEqual(links.map((l) => l.target), urls);
  });

  it('pulls citation diagnostics for the broken article', async function () {
    const uri = await client.open('articles/broken-citations.txt');
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    const codes = new Set(report.items.map((d) => d.code));
    for (const code of ['undefined-citation', 'unused-reference', 'duplicate-reference', 'reference-missing-url', 'unbalanced-quotes', 'invalid-access-date']) {
      assert.ok(codes.has(code), `no ${code} in ${[...codes].join(', ')}`);
    }
    const text = await fs.readFile(path.join(sampleDir, 'articles/broken-citations.txt'), 'utf8');
    const undefinedCitation = report.items.find((d) => d.code === 'undefined-citation')!;
    assert.equal(undefinedCitation.severity, 1);
    assert.deepEqual(undefinedCitation.range.start, positionOf(text, 'between Moscow and Kyiv.[7]', { within: 'between Moscow and Kyiv.'.length }));
  });

  it('shows inlay hints after numeric dates', async function () {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: balticUri },
      range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } },
    });
    const accessLine = lineStartingWith(baltic, '[1] ');
    assert.ok(hints.some((h) => h.position.line === accessLine && h.label === '= 2024-03-14'), JSON.stringify(hints.slice(0, 5)));
  });

  it('outlines the title, sections and the reference list', async function () {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: balticUri } });
    const flat = (list: DocumentSymbol[]): DocumentSymbol[] => list.flatMap((s) => [s, ...flat(s.children ?? [])]);
    const references = flat(symbols).find((s) => s.name === 'References');
    assert.ok(references, 'no References symbol');
    assert.equal(references.children?.length, [...baltic.matchAll(/^\[\d+\] /gm)].length);
  });

  it('lists actors and article titles as workspace symbols', async function () {
    const actors = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Kallas' });
    assert.ok(actors.some((s) => s.name === 'Kaja Kallas'));
    const titles = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Unplugging from BRELL' });
    assert.ok(titles.some((s) => s.location.uri === balticUri));
  });

  it('colours actors by kind, dates and markers with semantic tokens', async function () {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: balticUri } });
    assert.equal(tokens.data.length % 5, 0);
    const types = new Set<number>();
    for (let i = 3; i < tokens.data.length; i += 5) types.add(tokens.data[i]);
    // person, country, organization, date and citation all appear in this article
    for (const type of [0, 1, 2, 6, 7]) assert.ok(types.has(type), `token type ${type} missing`);
  });

  it('serves Markdown articles the same, with [^label] footnotes', async function () {
    const markdown = await fs.readFile(path.join(sampleDir, 'notes/pacific-summit.md'), 'utf8');
    const uri = await client.open('notes/pacific-summit.md', 'markdown', markdown);
    const marker = positionOf(markdown, 'respond together.[^yonhap]', { within: 'respond together.['.length });
    assert.match(hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: marker })), /\*\*\[\^yonhap\]\*\* “Yoon Suk Yeol Urges NATO Partners/);
    const [definition] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: marker });
    assert.equal(definition.range.start.line, lineStartingWith(markdown, '[^yonhap]:'));
    const actor = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(markdown, 'Yoon Suk Yeol used', { within: 2 }) }));
    assert.match(actor, /\*\*Yoon Suk[- ]yeol\*\* · person/i);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const names = JSON.stringify(symbols);
    for (const heading of markdown.match(/^#{1,6} .+$/gm) ?? []) assert.ok(names.includes(heading.replace(/^#+ /, '').trim()), heading);
  });

  it('completes actor ids after org: in annotation YAML', async function () {
    const uri = client.uri('annotations/actors.yaml');
    const yaml = await fs.readFile(path.join(sampleDir, 'annotations/actors.yaml'), 'utf8');
    await client.open('annotations/actors.yaml', 'yaml', yaml);
    const position = positionOf(yaml, 'org: estonia', { within: 'org: '.length });
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
    assert.ok(items.some((i) => i.label === 'estonia'));
    assert.ok(items.some((i) => i.label === 'european-union'));
  });
});

describe('language server code actions (push diagnostics, as older editors)', function () {
  let client: LspClient;
  let root: string;

  before(async function () {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'ar-lsp-'));
    await fs.cp(sampleDir, root, { recursive: true });
    client = await LspClient.start({ root, pullDiagnostics: false });
    await client.whenIndexed();
  });
  after(async () => {
    await client.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('pushes diagnostics and offers a stub reference for an undefined citation', async function () {
    const uri = await client.open('articles/broken-citations.txt');
    const diagnostics = await client.pushedDiagnostics(uri, (d) => d.length > 0);
    const undefinedCitation = diagnostics.find((d) => d.code === 'undefined-citation')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: undefinedCitation.range,
      context: { diagnostics: [undefinedCitation] },
    });
    const stub = actions.find((a) => a.title === 'Add a reference entry for [7]');
    assert.ok(stub, actions.map((a) => a.title).join(' | '));
    const edit = stub.edit!.changes![uri][0];
    assert.match(edit.newText, /^\n*\[7\] “Title”, Outlet, https:\/\/, \(Access Date: \d\d\.\d\d\.\d{4}\)\.$/);
  });

  it('re-checks open articles when an annotation file changes', async function () {
    const uri = await client.open('articles/baltic-grid.txt');
    const text = await fs.readFile(path.join(root, 'articles/baltic-grid.txt'), 'utf8');
    const position = positionOf(text, 'Raudsepp-Kane leads', { within: 1 });
    const before = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hoverText(before), /Raudsepp-Kane/);
    const yamlUri = client.uri('annotations/actors.yaml');
    const yaml = await fs.readFile(path.join(root, 'annotations/actors.yaml'), 'utf8');
    await client.open('annotations/actors.yaml', 'yaml', yaml);
    await client.change(yamlUri, yaml.replace(/summary: .*Raudsepp.*|(- id: liisa-raudsepp-kane\n)/, (m, idLine) => (idLine ? `${idLine}    summary: Edited live in the YAML.\n` : m)));
    const after = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hoverText(after), /Edited live in the YAML/);
  });

  it('reports annotation YAML problems at their position', async function () {
    const yamlUri = client.uri('annotations/broken.yaml');
    await client.open('annotations/broken.yaml', 'yaml', 'actors:\n  - id: Bad Id\n    name: X\n    kind: planet\n');
    const diagnostics = await client.pushedDiagnostics(yamlUri, (d) => d.length >= 2);
    const kind = diagnostics.find((d) => /kind/i.test(typeof d.message === "string" ? d.message : d.message.value));
    assert.ok(kind, JSON.stringify(diagnostics));
    assert.equal(kind.range.start.line, 3);
  });

  it('offers to annotate an unknown selected name as an actor', async function () {
    const text = 'Analysis\n\nThe envoy Marta Quillfeather met officials in Tallinn.\n';
    const uri = await client.open('articles/new-article.txt', 'article', text);
    const start = positionOf(text, 'Marta Quillfeather');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start, end: { line: start.line, character: start.character + 'Marta Quillfeather'.length } },
      context: { diagnostics: [] },
    });
    const annotate = actions.find((a) => a.title === 'Annotate “Marta Quillfeather” as actor: person');
    assert.ok(annotate, actions.map((a) => a.title).join(' | '));
    const [target, edits] = Object.entries(annotate.edit!.changes!)[0];
    assert.match(target, /annotations\/actors\.yaml$/);
    assert.match(edits[0].newText, /- id: marta-quillfeather\n\s+name: Marta Quillfeather\n\s+kind: person/);
    const alias = actions.find((a) => a.title.startsWith('Add “Marta Quillfeather” as alias of'));
    assert.ok(alias, 'no alias action although Tallinn is a known actor nearby');
  });
});
