import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { ActorMatcher, type ActorPatternSource } from '../../server/src/core/actors';
import { analyzeArticle, type DocumentAnalysis } from '../../server/src/core/analysis';
import { analyzeCitations } from '../../server/src/core/citations';
import { recognizeDates } from '../../server/src/core/dates';
import {
  anyUnit,
  articleSoup,
  assertAnalysis,
  assertSpan,
  assertSpans,
  corpusArticles,
  fuzz,
  hostileText,
  mutatedCorpusArticle,
  repoAnnotations,
} from './inputs';

/** An article as the server would analyse it, read with the repository's annotations. */
function analyze(text: string, name = 'fuzzed.txt', markdown = false): DocumentAnalysis {
  return analyzeArticle({ uri: `file:///ws/articles/${name}`, relativePath: name, text, markdown }, repoAnnotations().context);
}

/** What a reader would count in an article, independent of offsets. */
function summary(analysis: DocumentAnalysis) {
  return {
    actors: analysis.actors.map((m) => m.actorId),
    dates: analysis.dates.map((d) => d.value ?? d.text),
    markers: analysis.citations.markers.map((m) => m.label),
    references: analysis.citations.references.map((r) => `${r.label} ${r.title ?? ''} ${r.url ?? ''} ${r.accessed ?? ''}`),
    findings: analysis.findings.map((f) => f.code),
  };
}

const anyArticle = fc.oneof(
  hostileText().map((text) => ({ name: 'random.txt', text })),
  articleSoup().map((text) => ({ name: 'soup.txt', text })),
  mutatedCorpusArticle(),
);

describe('fuzz: the analysis core never throws and keeps every span inside the text', function () {
  fuzz('analyzeArticle on random Unicode, lone surrogates, NUL, BOM and mixed line breaks', fc.tuple(hostileText(), fc.boolean()), ([text, markdown]) => {
    assertAnalysis(analyze(text, 'random.txt', markdown), text);
  });

  fuzz('analyzeArticle on article-shaped text: names, dates, markers, reference lines, URLs', fc.tuple(articleSoup(), fc.boolean()), ([text, markdown]) => {
    assertAnalysis(analyze(text, 'soup.md', markdown), text);
  });

  fuzz('analyzeArticle on corpus articles with slices inserted, deleted, replaced and duplicated', mutatedCorpusArticle(), ({ name, text }) => {
    assertAnalysis(analyze(text, name), text);
  });

  const publication = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('2024', '2024-02', '2024-02-06', '2024-02-29', '2023-02-29', '0000', '9999-12-31', '2024-13', '', 'yesterday'),
    fc.string({ unit: anyUnit, maxLength: 12 }),
  );
  fuzz('recognizeDates against any publication date, valid or not', fc.tuple(fc.oneof(articleSoup(), hostileText()), publication), ([text, published]) => {
    const dates = recognizeDates(text, { published });
    assertSpans(dates, text.length, 'date', true);
    for (const date of dates) {
      assert.equal(text.slice(date.start, date.end), date.text);
      if (date.value !== undefined) assert.match(date.value, /^\d{4}(-\d\d(-\d\d)?)?(\/\d{4}(-\d\d(-\d\d)?)?)?$/);
    }
  });

  fuzz('analyzeCitations: markers never inside reference entries, findings inside the text', fc.oneof(articleSoup(), hostileText()), (text) => {
    const citations = analyzeCitations(text);
    assertSpans(citations.markers, text.length, 'marker', true);
    assertSpans(citations.references, text.length, 'reference', true);
    for (const marker of citations.markers) {
      const inside = citations.references.find((r) => r.start < marker.end && marker.start < r.end);
      assert.equal(inside, undefined, `marker [${marker.label}] at ${marker.start} lies inside reference [${inside?.label}]`);
    }
    for (const finding of citations.findings) assertSpan(finding, text.length, finding.code);
  });
});

describe('fuzz: actor aliases are data, never patterns', function () {
  const metacharacters = ['(a+)+$', '.*', '[', '\\', '^', '$', 'a|b', '\\d+', '(?=x)', '${x}', '*', '+', '?', '{2,}', '[^]', '.', '|', '\\1'];
  const alias = fc.oneof(
    fc.constantFrom(...metacharacters),
    fc.string({ unit: fc.oneof(fc.constantFrom(...metacharacters, 'a', 'B', ' ', '-', '’'), anyUnit), minLength: 1, maxLength: 12 }),
  );
  const actors = fc.array(fc.array(alias, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }).map((lists) =>
    lists.map(([name, ...aliases], i): ActorPatternSource => ({ id: `actor-${i}`, name, aliases })),
  );

  fuzz(
    'an alias written between spaces is found where it stands, whatever characters it has',
    fc.tuple(actors, fc.nat(), fc.string({ unit: fc.oneof(anyUnit, fc.constantFrom('a', ' ', '(', '+', ')', '$')), maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true })),
    ([sources, pick, filler, at]) => {
      const patterns = sources.flatMap((s) => [s.name, ...s.aliases]).filter((p) => p.trim() !== '');
      fc.pre(patterns.length > 0);
      const written = patterns[pick % patterns.length].trim();
      const cut = Math.floor(at * filler.length);
      const text = `${filler.slice(0, cut)} ${written} ${filler.slice(cut)}`;
      const start = cut + 1;
      const mentions = ActorMatcher.build(sources).match(text);
      assertSpans(mentions, text.length, 'mention', true);
      const ids = new Set(sources.map((s) => s.id));
      for (const mention of mentions) {
        assert.ok(ids.has(mention.actorId));
        assert.equal(text.slice(mention.start, mention.end), mention.text);
      }
      // Leftmost-longest may prefer an overlapping mention that starts earlier; it still covers this one.
      assert.ok(
        mentions.some((m) => m.start <= start && start < m.end),
        `${JSON.stringify(written)} at ${start} not found in ${JSON.stringify(text)}: ${JSON.stringify(mentions)}`,
      );
    },
  );
});

describe('fuzz: results depend on the text, not on the run or the line-break style', function () {
  fuzz('the same article analysed twice gives the same result', anyArticle, ({ name, text }) => {
    assert.deepEqual(analyze(text, name), analyze(text, name));
  });

  const lineBreak = fc.constantFrom('\r\n', '\r');
  fuzz(
    'converting \\n to \\r\\n or \\r keeps the same mentions, dates, markers, references and findings',
    fc.tuple(fc.oneof(articleSoup().map((text) => ({ name: 'soup.txt', text })), mutatedCorpusArticle()), lineBreak),
    ([{ name, text }, style]) => {
      // Only texts whose every break is \n, so the conversion changes the style and nothing else.
      const unix = text.replace(/\r\n?/g, '\n');
      const converted = unix.replace(/\n/g, style);
      const analysis = analyze(converted, name);
      assertAnalysis(analysis, converted);
      assert.deepEqual(summary(analysis), summary(analyze(unix, name)));
    },
  );
});

describe('worst-case inputs finish in linear time', function () {
  /**
   * Far below the project's 20 MB/s target, so that a slow but linear recogniser passes on machines under
   * load; a quadratic step on these inputs takes tens of seconds (the Markdown heading case took 29 s).
   */
  const minimumMBps = 0.5;
  const megabyte = 1024 * 1024;
  const fill = (unit: string, length = megabyte) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const corpusText = () => corpusArticles()[0].text;
  const cases: [string, () => string][] = [
    ['a 100,000-character line of one word', () => fill('a', 100_000)],
    ['a 1 MB line of words and names without a break', () => fill('Shin Won-sik met Russia and South Korea in Seoul ')],
    ['10,000 markers and a 999-entry reference list', () => {
      const body = Array.from({ length: 10_000 }, (_, i) => `Claim ${i}.[${(i % 999) + 1}]`).join(' ');
      const list = Array.from({ length: 999 }, (_, i) => `[${i + 1}] “Title ${i}”, Outlet, https://example.org/${i}, (Access Date: 06.02.2024).`).join('\n');
      return `${body}\n\nReferences\n\n${list}\n`;
    }],
    ['a 1 MB run of opening brackets', () => fill('[')],
    ['50,000 nested brackets', () => fill('[', 50_000) + fill(']', 50_000)],
    ['a 1 MB run of opening quotes in a reference entry', () => `[1] ${fill('“')}\n`],
    ['a reference entry of 1 MB of comma-separated text', () => `Text.[1]\n\n[1] “${fill('a, ')}\n`],
    ['backtick runs of every length', () => Array.from({ length: 1400 }, (_, i) => '`'.repeat(i + 1) + 'x').join(' ')],
    ['a Markdown heading with 100,000 spaces inside', () => `# a${fill(' ', 100_000)}b\n`],
    ['200,000 lone CR line breaks', () => fill('a\r', 400_000)],
    ['200,000 blank CRLF lines', () => fill('\r\n', 400_000)],
    ['1 MB of NUL, BOM and lone surrogates', () => fill('\0\uFEFF\uD800x\uDC00')],
    ['100,000 numeric dates', () => fill('06.02.2024 ')],
    ['one URL of 1 MB', () => `https://example.org/${fill('a/')}`],
    ['a 1 MB alias-shaped run for (a+)+$', () => `${fill('a', megabyte - 1)}!`],
    ['the first corpus article repeated to 1 MB', () => fill(corpusText() + '\n')],
  ];
  /** CPU seconds, not wall time: other processes on a loaded machine must not fail the test. */
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  for (const [title, build] of cases) {
    it(title, function () {
      const text = build();
      // A second run when the first misses the floor: a cold JIT costs a few hundred milliseconds once.
      let seconds = Infinity;
      for (let run = 0; run < 2 && text.length / megabyte / seconds < minimumMBps; run++) {
        const started = process.cpuUsage();
        const analysis = analyze(text, 'worst.md', true);
        seconds = Math.min(seconds, cpuSeconds(started));
        assertAnalysis(analysis, text);
      }
      const mbps = text.length / megabyte / seconds;
      assert.ok(mbps >= minimumMBps, `${(text.length / megabyte).toFixed(2)} MB took ${(seconds * 1000).toFixed(0)} ms of CPU (${mbps.toFixed(1)} MB/s)`);
    });
  }
});
