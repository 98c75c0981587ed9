/**
 * What the fuzz suites share: how many runs each property gets, the hostile inputs they draw from, and
 * the invariants every result must keep (spans inside the text, valid LSP positions, sorted lists).
 *
 * Runs: FUZZ_RUNS per property (200 by default, for CI), or FUZZ_TOTAL_RUNS split evenly over every
 * property registered with `fuzz` (scripts/fuzz.mjs sets 100,000); a property with a `cost` runs that
 * many times fewer. FUZZ_SEED fixes the random stream;
 * CI uses a constant, the long run a fresh seed that it prints, and fast-check prints the seed and path of
 * any failure so that `FUZZ_SEED=<seed> npx mocha … --grep <title>` reproduces it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { ActorMatcher } from '../../server/src/core/actors';
import type { AnnotationContext, DocumentAnalysis } from '../../server/src/core/analysis';
import { AnnotationIndex, parseAnnotationFile } from '../../server/src/core/annotations';
import type { AnnotationFile } from '../../server/src/core/model';
import type { LineIndex } from '../../server/src/core/text';
import type { Range, Span } from '../../server/src/core/types';

/** The repository root: the first folder above this file with a package.json (works from out/ and under tsx). */
function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

export const repoRoot = findRepoRoot();
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

// ---- Runs -------------------------------------------------------------------------------------

const seed = Number(process.env.FUZZ_SEED ?? 20240206);
let registeredProperties = 0;

function runsPerProperty(): number {
  const total = Number(process.env.FUZZ_TOTAL_RUNS);
  if (total > 0) return Math.max(1, Math.ceil(total / registeredProperties));
  return Number(process.env.FUZZ_RUNS ?? 200);
}

/**
 * Registers a property as a mocha test. `cost` scales its runs down for inputs that are expensive to
 * check (a rebuilt actor index per run), so every property takes a similar share of the time budget.
 */
export function fuzz<T>(title: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, cost = 1): void {
  registeredProperties++;
  it(title, function () {
    const numRuns = Math.max(1, Math.round(runsPerProperty() / cost));
    fc.assert(
      fc.property(arbitrary, (value) => {
        predicate(value);
      }),
      { seed, numRuns },
    );
  });
}

// ---- Inputs -----------------------------------------------------------------------------------

/** Any UTF-16 code unit, so lone surrogate halves and NUL included. */
export const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** Characters that steer the recognisers: brackets, quotes, line breaks of every style, BOM, NUL, surrogates. */
const structural = ['\n', '\r\n', '\r', '\n\n', '\u2028', '\uFEFF', '\0', '\t', ' ', '[', ']', '[^', '(', ')', '“', '”', '"', "'", '’', '«', '»', '#', '`', '```', '\\', '-', '–', ':', '.', ',', '\uD800', '\uDC00', '😀', 'İ', 'ß'];

const dateFragments = [
  '6 February 2024', 'February 6, 2024', '06.02.2024', '2024-02-06', '31.02.2024', '29.02.2023', '12/13/2024', 'early 2023', 'mid-2021',
  'last June', 'this month', 'earlier this month', 'on Friday', 'April 24–30', 'from 2009 to 2011', 'between 2019 and', 'the 2020s', '1990',
  '9999', '0000-00-00', 'May', 'may', 'December 2022', '25 March 2021', 'next year', 'in 2020–21',
];

const citationFragments = [
  '[1]', '[2]', '[12]', '[999]', '[1000]', '[0]', '[01]', '[1, 2]', '[1; 4]', '[1-3]', '[1–3]', '[3–1]', '[^note]', '[^1]', '[sic]', '[Ed.]', '\\[1]',
  '[1](https://example.org)', '[text][1]', '[1][2]', '`[1]`', '[', ']', '[[', ']]', '[^',
];

const lineFragments = [
  '\n[1] “Title of a report”, The Outlet, https://example.org/report, (Access Date: 06.02.2024).',
  '\n[2] "Quoted title", Outlet, https://example.org/b, (Accessed on 2024-02-06).',
  '\n[3] “Unclosed title, Outlet, https://example.org/c',
  '\n[4] Title with a closing quote only”, Outlet, (Access Date: 31.13.1980).',
  '\n[5] “Hostile”, Outlet, command:workbench.action.terminal.new',
  '\n[6] “Local”, Outlet, file:///etc/passwd, javascript:alert(1), vscode://settings',
  '\n[^note]: A footnote aside.',
  '\n[7]: https://example.org/link-definition',
  '\nReferences\n',
  '\n# Notes\n',
  '\n## A section\n',
  '\n```\n',
  '\n~~~\n',
  '\n    indented code\n',
  '\n\n',
];

const urlFragments = ['https://example.org/path?q=1#f', 'http://x.y', 'mailto:a@b.c', 'javascript:alert(1)', 'file:///etc/passwd', 'vscode://file/x', 'command:foo', 'https://', 'www.example.org'];

const words = ['the', 'and', 'said', 'minister', 'talks', 'in', 'on', 'of', 'Analysis', 'It', 'A'];

/** Pieces of YAML syntax, including the features annotation files refuse: anchors, aliases, merge keys, tags. */
export const yamlFragment = fc.oneof(
  fc.constantFrom(
    '\n', '\r\n', '\r', '  ', '    ', '\t', '- ', ': ', '? ', ',', '&a ', '*a', '<<: *a', '!!str ', '!!timestamp ', '!!binary ', '!!map ', '!custom ',
    '{', '}', '[', ']', '"', "'", '|', '>-', '#', '---\n', '...\n', '%YAML 1.2\n', '~', 'null', '0x1F', '1e400', '.inf', '2024-13-45',
    '\n  - id: extra-actor\n    name: Extra\n    kind: person\n', '\n    aliases: [', '\n    roles:\n      - title: T\n        org: nobody\n        from: 2024-02-30\n',
    '\nactors:\n', '\narticles:\n  - file: x.txt\n    published: 2024\n', 'id: Bad Id', 'kind: planet', '\uFEFF', '\0', '\uD800', '😀',
  ),
  anyUnit,
);

/** Names and aliases the repository's annotation files declare, so that texts mention real actors. */
let actorNames: string[] | undefined;
function annotatedNames(): string[] {
  actorNames ??= repoAnnotations().context.index.actors.flatMap((actor) => [actor.name, ...actor.aliases]);
  return actorNames;
}

/** A fragment of an article: a word, a name, a date, a marker, a reference line, a URL or a hostile unit. */
export function articleFragment(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...words), weight: 4 },
    { arbitrary: fc.constantFrom(...annotatedNames()), weight: 4 },
    { arbitrary: fc.constantFrom(...structural), weight: 6 },
    { arbitrary: fc.constantFrom(...dateFragments), weight: 2 },
    { arbitrary: fc.constantFrom(...citationFragments), weight: 3 },
    { arbitrary: fc.constantFrom(...lineFragments), weight: 2 },
    { arbitrary: fc.constantFrom(...urlFragments), weight: 1 },
    { arbitrary: anyUnit, weight: 1 },
  );
}

/** Texts shaped like articles, assembled from fragments with spaces between some of them. */
export function articleSoup(maxFragments = 300): fc.Arbitrary<string> {
  return fc.array(fc.tuple(articleFragment(), fc.constantFrom('', ' ', ' ', '\n')), { maxLength: maxFragments }).map((parts) => parts.map(([fragment, gap]) => fragment + gap).join(''));
}

/** Random text of any code points, of any code units (lone surrogates), or of mostly structural characters. */
export function hostileText(maxLength = 2000): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: anyUnit, maxLength }),
    fc.string({ unit: fc.oneof(anyUnit, fc.constantFrom(...structural)), maxLength }),
  );
}

/** One edit to a text: positions are fractions of its length, so they fit whatever text they meet. */
export interface Mutation {
  kind: 'insert' | 'delete' | 'replace' | 'duplicate';
  at: number;
  length: number;
  fragment: string;
}

export function mutations(fragment: fc.Arbitrary<string>, maxLength = 8): fc.Arbitrary<Mutation[]> {
  const mutation = fc.record({
    kind: fc.constantFrom<Mutation['kind']>('insert', 'delete', 'replace', 'duplicate'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 400 }),
    fragment,
  });
  return fc.array(mutation, { minLength: 1, maxLength });
}

/** A mutation as one replacement of `text[start, end)` by `insert`, so that it can also be sent as an LSP edit. */
export function asReplacement(text: string, { kind, at, length, fragment }: Mutation): { start: number; end: number; insert: string } {
  const start = Math.floor(at * text.length);
  const end = Math.min(text.length, start + length);
  if (kind === 'insert') return { start, end: start, insert: fragment };
  if (kind === 'delete') return { start, end, insert: '' };
  if (kind === 'replace') return { start, end, insert: fragment };
  return { start: end, end, insert: text.slice(start, end) };
}

export function mutate(text: string, edits: readonly Mutation[]): string {
  return edits.reduce((result, edit) => {
    const { start, end, insert } = asReplacement(result, edit);
    return result.slice(0, start) + insert + result.slice(end);
  }, text);
}

/** The seed corpus articles, read at test time (never copied into the repository). */
let corpus: { name: string; text: string }[] | undefined;
export function corpusArticles(): { name: string; text: string }[] {
  corpus ??= fs
    .readdirSync(corpusDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(corpusDir, name), 'utf8') }));
  assert.ok(corpus.length > 0, `no articles in ${corpusDir}`);
  return corpus;
}

/** A corpus article with a few random edits, named so that its metadata (publication date) still applies. */
export function mutatedCorpusArticle(): fc.Arbitrary<{ name: string; text: string }> {
  return fc.tuple(fc.constantFrom(...corpusArticles()), mutations(articleFragment())).map(([article, edits]) => ({ name: article.name, text: mutate(article.text, edits) }));
}

// ---- The repository's annotations ---------------------------------------------------------------

export interface AnnotationSource {
  uri: string;
  text: string;
}

let annotations: { sources: AnnotationSource[]; context: AnnotationContext } | undefined;

/** The repository's annotations/*.yaml, parsed and indexed once: the actors real articles are read with. */
export function repoAnnotations(): { sources: AnnotationSource[]; context: AnnotationContext } {
  if (!annotations) {
    const folder = path.join(repoRoot, 'annotations');
    const sources = fs
      .readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => ({ uri: `file:///ws/annotations/${name}`, text: fs.readFileSync(path.join(folder, name), 'utf8') }));
    annotations = { sources, context: annotationContext(sources.map((s) => parseAnnotationFile(s.uri, s.text))) };
  }
  return annotations;
}

export function annotationContext(files: readonly AnnotationFile[]): AnnotationContext {
  const index = AnnotationIndex.build(files);
  return { index, matcher: ActorMatcher.build(index.actors) };
}

// ---- Invariants -------------------------------------------------------------------------------

/** A span lies inside the text and does not end before it starts. */
export function assertSpan(span: Span, length: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span ${JSON.stringify(span)}`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= length, `${what}: span ${span.start}..${span.end} outside 0..${length}`);
}

/** Every span inside the text and sorted by start; `disjoint` also forbids overlaps (binary searches over them need both). */
export function assertSpans(spans: readonly Span[], length: number, what: string, disjoint: boolean): void {
  let previous: Span | undefined;
  for (const span of spans) {
    assertSpan(span, length, what);
    if (previous) {
      assert.ok(previous.start <= span.start, `${what}: ${previous.start} listed before ${span.start}`);
      if (disjoint) assert.ok(previous.end <= span.start, `${what}: ${previous.start}..${previous.end} overlaps ${span.start}..${span.end}`);
    }
    previous = span;
  }
}

/** An LSP range names real lines and stays inside each line's content (never between \r and \n). */
export function assertRange(range: Range, lines: LineIndex, what: string): void {
  for (const position of [range.start, range.end]) {
    assert.ok(position.line >= 0 && position.line < lines.lineCount, `${what}: line ${position.line} of ${lines.lineCount}`);
    const width = lines.lineEnd(position.line) - lines.lineStart(position.line);
    assert.ok(position.character >= 0 && position.character <= width, `${what}: character ${position.character} on a line of ${width}`);
  }
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: range ends before it starts ${JSON.stringify(range)}`);
}

/** Every span of an analysis is inside its text, mapped to valid positions, and ordered as lookups expect. */
export function assertAnalysis(analysis: DocumentAnalysis, text: string): void {
  const length = text.length;
  assert.equal(analysis.lines.text, text);
  assertSpans(analysis.actors, length, 'actor mention', true);
  for (const mention of analysis.actors) assert.equal(text.slice(mention.start, mention.end), mention.text, 'mention text');
  assertSpans(analysis.dates, length, 'date', true);
  for (const date of analysis.dates) {
    assert.equal(text.slice(date.start, date.end), date.text, 'date text');
    if (date.value !== undefined) assert.match(date.value, /^\d{4}(-\d\d(-\d\d)?)?(\/\d{4}(-\d\d(-\d\d)?)?)?$/, `date value of ${JSON.stringify(date.text)}`);
  }
  const { markers, references, referenceList, findings } = analysis.citations;
  assertSpans(markers, length, 'citation marker', true);
  assertSpans(references, length, 'reference', true);
  for (const reference of references) {
    assertSpan(reference.labelSpan, length, 'reference label');
    assert.ok(reference.start <= reference.labelSpan.start && reference.labelSpan.end <= reference.end, 'label inside its reference');
    if (reference.urlSpan) {
      assertSpan(reference.urlSpan, length, 'reference URL');
      assert.equal(text.slice(reference.urlSpan.start, reference.urlSpan.end), reference.url, 'reference URL text');
    }
  }
  if (referenceList) assertSpan(referenceList, length, 'reference list');
  assertSpans(analysis.headings, length, 'heading', true);
  assertSpans(analysis.urls, length, 'URL', true);
  for (const finding of [...analysis.findings, ...findings]) assertSpan(finding, length, `finding ${finding.code}`);
  const all: Span[] = [...analysis.actors, ...analysis.dates, ...markers, ...references, ...analysis.headings, ...analysis.urls, ...analysis.findings];
  for (const span of all) assertRange(analysis.lines.range(span), analysis.lines, 'range');
}
