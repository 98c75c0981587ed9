import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseAnnotationFile } from '../../server/src/core/annotations';
import type { AnnotationFile } from '../../server/src/core/model';
import { LineIndex } from '../../server/src/core/text';
import { annotationContext, assertRange, assertSpan, assertSpans, corpusArticles, fuzz, hostileText, mutate, mutations, repoAnnotations, yamlFragment } from './inputs';

/** Every span a parsed file holds lies inside the file's text and maps to valid LSP positions. */
function assertFile(file: AnnotationFile, text: string): void {
  const lines = new LineIndex(text);
  const spans = [
    ...file.findings.map((f) => ({ span: f, what: `finding ${f.code}` })),
    ...file.actors.flatMap((actor) => [
      { span: actor.source, what: `actor ${actor.id}` },
      { span: actor.idSource, what: 'id' },
      ...(actor.nameSource ? [{ span: actor.nameSource, what: 'name' }] : []),
      ...(actor.aliasSources ?? []).map((span) => ({ span, what: 'alias' })),
      ...actor.roles.flatMap((role) => (role.orgSource ? [{ span: role.orgSource, what: 'org' }] : [])),
    ]),
    ...file.articles.flatMap((article) => [
      { span: article.sourceSpan, what: `article ${article.file}` },
      ...(article.fileSource ? [{ span: article.fileSource, what: 'file' }] : []),
      ...(article.authorSource ? [{ span: article.authorSource, what: 'author' }] : []),
    ]),
  ];
  for (const { span, what } of spans) {
    assertSpan(span, text.length, what);
    assertRange(lines.range(span), lines, what);
  }
  for (const actor of file.actors) {
    assert.equal(actor.aliasSources?.length, actor.aliases.length, `alias sources of ${actor.id}`);
    assert.ok(actor.id && actor.name, 'an actor is kept only with an id and a name');
  }
}

/** What a file declares, independent of offsets: for comparing readings of the same content. */
function declared(file: AnnotationFile) {
  return {
    actors: file.actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind, aliases: a.aliases, roles: a.roles.map((r) => [r.title, r.org, r.from, r.to]), links: a.links })),
    articles: file.articles.map((a) => [a.file, a.title, a.published, a.author]),
    findings: file.findings.map((f) => f.code),
  };
}

const mutatedRepoFile = fc
  .tuple(fc.constantFrom(...repoAnnotations().sources), mutations(yamlFragment, 10))
  .map(([source, edits]) => ({ uri: source.uri, text: mutate(source.text, edits) }));

describe('fuzz: annotation files never throw and keep every span inside the file', function () {
  fuzz('parseAnnotationFile on random Unicode, lone surrogates, NUL and BOM', hostileText(), (text) => {
    assertFile(parseAnnotationFile('file:///ws/annotations/random.yaml', text), text);
  });

  fuzz('parseAnnotationFile on YAML-shaped soup: anchors, aliases, tags, flow and block collections', fc.array(yamlFragment, { maxLength: 200 }).map((parts) => parts.join('')), (text) => {
    assertFile(parseAnnotationFile('file:///ws/annotations/soup.yaml', text), text);
  });

  fuzz('parseAnnotationFile on the repository annotation files with random edits', mutatedRepoFile, ({ uri, text }) => {
    assertFile(parseAnnotationFile(uri, text), text);
  });

  fuzz(
    'an edited file, indexed with the others and matched against a corpus article, keeps every mention inside the article',
    fc.tuple(mutatedRepoFile, fc.constantFrom(...corpusArticles())),
    ([edited, article]) => {
      const files = repoAnnotations().sources.map((source) => parseAnnotationFile(source.uri, source.uri === edited.uri ? edited.text : source.text));
      const { index, matcher } = annotationContext(files);
      for (const source of repoAnnotations().sources) {
        const text = source.uri === edited.uri ? edited.text : source.text;
        for (const finding of index.findings(source.uri)) assertSpan(finding, text.length, `index finding ${finding.code}`);
      }
      const mentions = matcher.match(article.text);
      assertSpans(mentions, article.text.length, 'mention', true);
      for (const mention of mentions) assert.ok(index.actor(mention.actorId), `mention of unknown actor ${mention.actorId}`);
    },
    4,
  );
});

describe('fuzz: annotation files read the same whatever the run or the line-break style', function () {
  fuzz('the same file parsed twice gives the same result', mutatedRepoFile, ({ uri, text }) => {
    assert.deepEqual(parseAnnotationFile(uri, text), parseAnnotationFile(uri, text));
  });

  fuzz('converting \\n to \\r\\n or \\r declares the same actors and articles, with the same findings', fc.tuple(mutatedRepoFile, fc.constantFrom('\r\n', '\r')), ([{ uri, text }, style]) => {
    const unix = text.replace(/\r\n?/g, '\n');
    const converted = unix.replace(/\n/g, style);
    const file = parseAnnotationFile(uri, converted);
    assertFile(file, converted);
    assert.deepEqual(declared(file), declared(parseAnnotationFile(uri, unix)));
  });
});

describe('YAML bombs and oversized files are refused quickly, with a finding', function () {
  const uri = 'file:///ws/annotations/bomb.yaml';
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 10; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  const cases: [string, string, string][] = [
    ['a billion laughs of nested aliases', `actors:\n  - id: lol\n    name: Lol\n    kind: other\n    summary: x\n${laughs.join('\n')}\n`, 'yaml-aliases'],
    ['100,000 nested flow sequences', '['.repeat(100_000), 'yaml-too-deep'],
    ['1,000 nested block mappings', Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), 'yaml-too-deep'],
    ['a file over 2 MB', `actors:\n${'  - id: filler\n    name: Filler\n    kind: other\n'.repeat(50_000)}`, 'file-too-large'],
  ];
  for (const [title, text, code] of cases) {
    it(`${title}: ${code}`, function () {
      const started = process.cpuUsage();
      const file = parseAnnotationFile(uri, text);
      const used = process.cpuUsage(started);
      assert.ok(file.findings.some((f) => f.code === code && f.severity === 'error'), JSON.stringify(file.findings.slice(0, 3)));
      assertFile(file, text);
      assert.ok(used.user + used.system < 2e6, `took ${((used.user + used.system) / 1000).toFixed(0)} ms of CPU`);
    });
  }
});
