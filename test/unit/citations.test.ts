import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeCitations } from '../../server/src/core/citations';
import type { Reference } from '../../server/src/core/model';
import { CancelledError, type Finding, type Span } from '../../server/src/core/types';

// ---- Helpers ------------------------------------------------------------------------------------

/** Labels of the markers in text order; footnote labels carry their caret. */
function markerLabels(text: string): string[] {
  return analyzeCitations(text).markers.map((m) => (m.footnote ? `^${m.label}` : m.label));
}

function slices(text: string, spans: readonly Span[]): string[] {
  return spans.map((s) => text.slice(s.start, s.end));
}

function findingsWith(text: string, code: string): Finding[] {
  return analyzeCitations(text).findings.filter((f) => f.code === code);
}

function onlyReference(text: string): Reference {
  const { references } = analyzeCitations(text);
  assert.equal(references.length, 1, `expected one reference in ${JSON.stringify(text)}`);
  return references[0];
}

/** A reference entry in the seed articles' style. */
function entry(label: number, title: string, outlet: string, url: string, accessed = '06.02.2024'): string {
  return `[${label}] “${title}”, ${outlet}, ${url}, (Access Date: ${accessed}).`;
}

// Our own article in the seed style: analysis text, numbered markers, a reference list, an author note.
const article = [
  'Analysis',
  '',
  'Why Is Georgia Rethinking Its Transit Corridors?',
  '',
  'Georgia’s government announced a review of its rail agreements with Azerbaijan and Türkiye.[1] The review follows months of delays at the Kars crossing[2]. Officials in Tbilisi called the corridor “a strategic priority” [3], while the opposition asked for a public debate.',
  '',
  'Observers expect the talks to resume in the spring.[2]',
  '',
  '',
  entry(1, 'Georgia Reviews Transit Deals With Neighbours', 'Caucasus Monitor', 'https://example.org/news/georgia-transit-review/1024', '14.03.2024'),
  '',
  entry(2, 'Freight Delays Persist at Kars Crossing', 'Regional Rail Review', 'https://example.com/rail/kars-delays?id=77&lang=en', '15.03.2024'),
  '',
  '[3]Corridor Policy Statement 2024”, Ministry of Economy of Georgia, https://example.gov/docs/corridor-2024.pdf, (Access Date: 16.03.2024).',
  '',
  'Dr. Jane Doe',
  'Dr. Jane Doe is a researcher in transport policy.',
].join('\n');

/** The repository root: the nearest folder above this file with the project's package.json. */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

function corpusArticle(prefix: string): string {
  const dir = path.resolve(repoRoot(), '..', 'shared', 'corpus');
  const name = fs.readdirSync(dir).find((f) => f.startsWith(prefix));
  assert.ok(name, `corpus article ${prefix} is missing from ${dir}`);
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

// ---- Markers ------------------------------------------------------------------------------------

describe('analyzeCitations', () => {
  describe('markers', () => {
    it('finds numbered markers after punctuation, before punctuation and straight after a word', () => {
      const text = 'The talks in Baku ended.[1] Critics raised issues[3]. Others disagreed [2], and left.';
      const { markers } = analyzeCitations(text);
      assert.deepEqual(markers.map((m) => m.label), ['1', '3', '2']);
      assert.deepEqual(slices(text, markers), ['[1]', '[3]', '[2]']);
      assert.ok(markers.every((m) => !m.footnote));
    });

    it('gives each label of a list group its own marker on its number', () => {
      for (const [text, labels, covered] of [
        ['Both sides agreed [1, 2].', ['1', '2'], ['1', '2']],
        ['Both sides agreed [1,2].', ['1', '2'], ['1', '2']],
        ['Both sides agreed [4; 7].', ['4', '7'], ['4', '7']],
      ] as const) {
        const { markers } = analyzeCitations(text);
        assert.deepEqual(markers.map((m) => m.label), labels, text);
        assert.deepEqual(slices(text, markers), covered, text);
      }
    });

    it('expands hyphen and en-dash ranges, the implied labels spanning the dash', () => {
      const hyphen = 'Several reports [1-3] agree.';
      assert.deepEqual(markerLabels(hyphen), ['1', '2', '3']);
      assert.deepEqual(slices(hyphen, analyzeCitations(hyphen).markers), ['1', '-', '3']);
      const enDash = 'Several reports [2–5, 9] agree.';
      assert.deepEqual(markerLabels(enDash), ['2', '3', '4', '5', '9']);
      assert.deepEqual(slices(enDash, analyzeCitations(enDash).markers), ['2', '–', '–', '5', '9']);
    });

    it('reads adjacent groups as separate citations', () => {
      assert.deepEqual(markerLabels('Ankara objected.[1][2]'), ['1', '2']);
    });

    it('finds Markdown footnote references with letters, digits and hyphens', () => {
      const text = 'A claim[^note] and another[^a-1], then a third [^2b].';
      const { markers } = analyzeCitations(text);
      assert.deepEqual(markerLabels(text), ['^note', '^a-1', '^2b']);
      assert.deepEqual(slices(text, markers), ['[^note]', '[^a-1]', '[^2b]']);
    });

    it('ignores brackets that are not citations', () => {
      const samples = [
        'He wrote “thier [sic] view”.',
        'One of [its] members.',
        'They will extend[ing] the deal.',
        'A note [Ed.] here.',
        'A checkbox [x] and an empty one [ ].',
        'A link [1](https://example.org/report) in Markdown.',
        'A reference-style link [the report][1] in Markdown.',
        'Code like `a[1]` or ``b[2]`` is not a citation.',
        'Index zero [0] and padded [01] are not citations.',
        'Years and big numbers [2022] [20221] [1000] are not citations.',
        'An escaped \\[1] is literal.',
        'A reversed range [3-1] and an absurd one [1-500] are not citations.',
        'Broken groups [1,] [, 2] [1 2] [^] [^two words] stay text.',
        'Unclosed [1 and [^note stay text.',
      ];
      for (const sample of samples) assert.deepEqual(markerLabels(sample), [], sample);
    });

    it('keeps fenced code blocks free of markers', () => {
      const text = ['Before [1].', '', '```ts', 'const first = items[2];', '```', '', '~~~', 'value[3]', '~~~', 'After [4].'].join('\n');
      assert.deepEqual(markerLabels(text), ['1', '4']);
      // An unclosed fence runs to the end of the text, as Markdown renders it.
      assert.deepEqual(markerLabels('Before [1].\n\n```\nitems[2]\n\nStill code [3].'), ['1']);
    });

    it('takes a number after a letter as a citation but a word after a letter as text', () => {
      assert.deepEqual(markerLabels('The ministry listed issues[3] and extend[ing] terms.'), ['3']);
    });

    it('reads [^label]: at a line start as a definition but mid-line as a marker', () => {
      const text = 'As the report says[^a]: prices rose.\n\n[^a]: “Prices”, Outlet, https://example.org/p, (Access Date: 06.02.2024).';
      const { markers, references } = analyzeCitations(text);
      assert.deepEqual(markers.map((m) => m.label), ['a']);
      assert.equal(markers[0].start, text.indexOf('[^a]'));
      assert.deepEqual(references.map((r) => r.label), ['a']);
    });
  });

  // ---- The reference list -----------------------------------------------------------------------

  describe('reference list', () => {
    it('parses seed-style entries and finds their markers', () => {
      const analysis = analyzeCitations(article);
      assert.deepEqual(analysis.markers.map((m) => m.label), ['1', '2', '3', '2']);
      assert.deepEqual(analysis.references.map((r) => r.label), ['1', '2', '3']);
      const [first, second, third] = analysis.references;
      assert.equal(first.title, 'Georgia Reviews Transit Deals With Neighbours');
      assert.equal(first.outlet, 'Caucasus Monitor');
      assert.equal(first.url, 'https://example.org/news/georgia-transit-review/1024');
      assert.equal(article.slice(first.urlSpan!.start, first.urlSpan!.end), first.url);
      assert.equal(first.accessed, '2024-03-14');
      assert.equal(article.slice(first.labelSpan.start, first.labelSpan.end), '[1]');
      assert.equal(second.url, 'https://example.com/rail/kars-delays?id=77&lang=en');
      assert.equal(third.title, 'Corridor Policy Statement 2024');
      assert.equal(third.outlet, 'Ministry of Economy of Georgia');
      assert.ok(first.body.startsWith('“Georgia Reviews'));
      const list = analysis.referenceList!;
      assert.ok(article.slice(list.start, list.end).startsWith('[1] “Georgia'));
      assert.ok(article.slice(list.start, list.end).endsWith('(Access Date: 16.03.2024).'));
    });

    it('runs an entry over its continuation lines up to a blank line or the next entry', () => {
      const text = [
        'Text [1] and [2].',
        '',
        '[1] “A Long Title That',
        'Wraps Onto a Second Line”, Wire Service,',
        'https://example.org/a, (Access Date: 06.02.2024).',
        '[2] “Second”, Outlet, https://example.org/b, (Access Date: 06.02.2024).',
        '',
        'About the author.',
      ].join('\n');
      const [first, second] = analyzeCitations(text).references;
      assert.equal(first.title, 'A Long Title That Wraps Onto a Second Line');
      assert.equal(first.outlet, 'Wire Service');
      assert.equal(first.url, 'https://example.org/a');
      assert.ok(text.slice(first.start, first.end).endsWith('(Access Date: 06.02.2024).'));
      assert.equal(second.title, 'Second');
      assert.ok(!text.slice(second.start, second.end).includes('About the author'));
    });

    it('ends an entry at a Markdown heading even without a blank line', () => {
      const text = `Cited [1].\n\n${entry(1, 'One', 'Outlet', 'https://example.org/1')}\n## About the author\nShe writes on ports [2].`;
      const [reference] = analyzeCitations(text).references;
      assert.ok(text.slice(reference.start, reference.end).endsWith('(Access Date: 06.02.2024).'));
      assert.deepEqual(markerLabels(text), ['1', '2']);
    });

    it('does not count markers inside reference entries as citations', () => {
      const text = 'Only one citation [1].\n\n[1] “Report”, Outlet, https://example.org/r, (Access Date: 06.02.2024). See also [2].\n[2] “Annex”, Outlet, https://example.org/a, (Access Date: 06.02.2024).';
      const analysis = analyzeCitations(text);
      assert.deepEqual(analysis.markers.map((m) => m.label), ['1']);
      assert.deepEqual(analysis.findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['unused-reference', '[2]']]);
    });

    it('reads a body paragraph that opens with a marker as text, not as an entry', () => {
      const text = ['Intro.', '', '[2] is discussed first in this paragraph.', '', 'Then comes [1].', '', entry(1, 'One', 'Outlet', 'https://example.org/1'), entry(2, 'Two', 'Outlet', 'https://example.org/2')].join('\n');
      const analysis = analyzeCitations(text);
      assert.deepEqual(analysis.markers.map((m) => m.label), ['2', '1']);
      assert.deepEqual(analysis.references.map((r) => r.label), ['1', '2']);
    });

    it('keeps every entry after a reference heading, even with prose between entries', () => {
      for (const heading of ['References', '## Notes', '**Sources:**', 'Kaynakça', 'FOOTNOTES']) {
        const text = ['Text [1] and [2].', '', heading, '', entry(1, 'One', 'Outlet', 'https://example.org/1'), '', 'A remark between the entries.', '', entry(2, 'Two', 'Outlet', 'https://example.org/2')].join('\n');
        const analysis = analyzeCitations(text);
        assert.deepEqual(analysis.references.map((r) => r.label), ['1', '2'], heading);
        assert.deepEqual(analysis.findings, [], heading);
        assert.ok(text.slice(analysis.referenceList!.start).startsWith(heading), heading);
      }
    });

    it('without a heading, only the final block of entries is the list', () => {
      const text = ['[1] opens this paragraph of prose.', '', 'More prose here.', '', entry(1, 'One', 'Outlet', 'https://example.org/1')].join('\n');
      const analysis = analyzeCitations(text);
      assert.deepEqual(analysis.references.map((r) => r.start), [text.lastIndexOf('[1]')]);
      assert.deepEqual(analysis.markers.map((m) => m.start), [0]);
    });

    it('treats a Markdown link definition [n]: url as neither entry nor marker', () => {
      const text = 'A [linked report][1] here.\n\n[1]: https://example.org/report "The report"\n';
      const analysis = analyzeCitations(text);
      assert.deepEqual(analysis.markers, []);
      assert.deepEqual(analysis.references, []);
      assert.deepEqual(analysis.findings, []);
    });

    it('reads [n]: followed by citation text as an entry', () => {
      const reference = onlyReference('Claim [1].\n\n[1]: “Title”, Outlet, https://example.org/t, (Access Date: 06.02.2024).');
      assert.equal(reference.title, 'Title');
      assert.equal(reference.accessed, '2024-02-06');
    });

    it('reads single-line and multi-line footnote definitions', () => {
      const text = [
        'A claim[^n1], a sourced one[^long-label] and a third[^Note2].',
        '',
        '[^n1]: A short aside by the author.',
        '[^long-label]: “Title on',
        'two lines”, Outlet, https://example.org/f',
        '',
        '    An indented second paragraph of the same note.',
        '',
        'Text after the notes.',
        '[^Note2]: Another aside.',
      ].join('\n');
      const analysis = analyzeCitations(text);
      assert.deepEqual(analysis.references.map((r) => [r.label, r.footnote]), [['n1', true], ['long-label', true], ['Note2', true]]);
      const [aside, sourced] = analysis.references;
      assert.equal(text.slice(aside.labelSpan.start, aside.labelSpan.end), '[^n1]:');
      assert.equal(aside.body, 'A short aside by the author.');
      assert.equal(sourced.title, 'Title on two lines');
      assert.equal(sourced.url, 'https://example.org/f');
      assert.ok(text.slice(sourced.start, sourced.end).endsWith('same note.'));
      assert.deepEqual(analysis.markers.map((m) => m.label), ['n1', 'long-label', 'Note2']);
      // The sourced note quotes a title, so it is held to the access-date rule; the asides are not.
      assert.deepEqual(analysis.findings.map((f) => [f.code, text.slice(f.start, f.end)]), [['reference-missing-access-date', '[^long-label]:']]);
    });
  });

  // ---- Entry fields -----------------------------------------------------------------------------

  describe('entry fields', () => {
    const cases: Array<[string, Partial<Reference>]> = [
      ['[1] “Ports Reopen”, Harbour Daily, https://example.org/ports, (Access Date: 13.02.2024).', { title: 'Ports Reopen', outlet: 'Harbour Daily', url: 'https://example.org/ports', accessed: '2024-02-13' }],
      ['[1] “Ports Reopen”, Harbour Daily, https://example.org/ports. Accessed 6 February 2024.', { title: 'Ports Reopen', outlet: 'Harbour Daily', accessed: '2024-02-06' }],
      ['[1] “Ports Reopen”, Harbour Daily, https://example.org/ports (accessed on 2024-02-06)', { outlet: 'Harbour Daily', accessed: '2024-02-06' }],
      ['[1] Smith, J. “Ports Reopen,” Harbour Daily. Retrieved February 6, 2024, from https://example.org/ports', { title: 'Ports Reopen', outlet: 'Harbour Daily', url: 'https://example.org/ports', accessed: '2024-02-06' }],
      ['[1] "Ports Reopen", Harbour Daily, Available at: https://example.org/ports. Accessed: Feb. 6th, 2024.', { title: 'Ports Reopen', outlet: 'Harbour Daily', url: 'https://example.org/ports', accessed: '2024-02-06' }],
      ['[1] «Limanlar Açıldı», Liman Gazetesi, https://example.org/liman, (Erişim Tarihi: 06.02.2024).', { title: 'Limanlar Açıldı', outlet: 'Liman Gazetesi', accessed: '2024-02-06' }],
      ['[1] “Ports Reopen”, U.S. News, https://example.org/ports, accessed 6/2/2024.', { outlet: 'U.S. News', accessed: '2024-02-06' }],
      ['[1] “Ports Reopen”, Department of State, U.S., https://example.org/ports, (Access Date: 06.02.2024).', { outlet: 'Department of State, U.S.' }],
      ['[1] “Ports Reopen”, Archive, https://example.org/accessed:2019-01-01/ports, (Access Date: 06.02.2024).', { url: 'https://example.org/accessed:2019-01-01/ports', accessed: '2024-02-06' }],
      ['[1] “Ports Reopen”, Harbour Daily, (Access Date: 06.02.2024).', { title: 'Ports Reopen', outlet: 'Harbour Daily', url: undefined, accessed: '2024-02-06' }],
      ['[1] Harbour Daily report, https://example.org/ports, (Access Date: 06.02.2024).', { title: undefined, outlet: undefined, url: 'https://example.org/ports' }],
    ];
    for (const [line, expected] of cases) {
      it(`parses ${line}`, () => {
        const reference = onlyReference(`See [1].\n\n${line}`);
        for (const [field, value] of Object.entries(expected)) assert.equal(reference[field as keyof Reference], value, field);
      });
    }

    it('reads dotted numeric access dates day first', () => {
      assert.equal(onlyReference(`A [1].\n\n${entry(1, 'T', 'O', 'https://example.org', '02.06.2024')}`).accessed, '2024-06-02');
      assert.equal(onlyReference(`A [1].\n\n${entry(1, 'T', 'O', 'https://example.org', '29.02.2024')}`).accessed, '2024-02-29');
    });
  });

  // ---- Diagnostics ------------------------------------------------------------------------------

  describe('diagnostics', () => {
    const list = (...labels: number[]) => labels.map((n) => entry(n, `Title ${n}`, 'Outlet', `https://example.org/${n}`)).join('\n');

    it('undefined-citation: an error on a marker with no entry', () => {
      const text = `A claim [4] and [1].\n\n${list(1)}`;
      const [found] = findingsWith(text, 'undefined-citation');
      assert.equal(found.severity, 'error');
      assert.equal(text.slice(found.start, found.end), '[4]');
      assert.match(found.message, /\[4\]/);
      assert.deepEqual(findingsWith(`Claims [1] and [2].\n\n${list(1, 2)}`, 'undefined-citation'), []);
    });

    it('undefined-citation: names a footnote with no definition, on the implied label of a range too', () => {
      assert.match(findingsWith('A claim[^missing].', 'undefined-citation')[0].message, /\[\^missing\]/);
      const text = `Claims [1–3].\n\n${list(1, 3)}`;
      const found = findingsWith(text, 'undefined-citation');
      assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['–']);
      assert.match(found[0].message, /\[2\]/);
    });

    it('unused-reference: a warning on the label of an entry nothing cites', () => {
      const text = `Only [1].\n\n${list(1, 2)}`;
      const found = findingsWith(text, 'unused-reference');
      assert.deepEqual(found.map((f) => [f.severity, text.slice(f.start, f.end)]), [['warning', '[2]']]);
      assert.deepEqual(findingsWith(`A range [1-3] cites the middle one.\n\n${list(1, 2, 3)}`, 'unused-reference'), []);
    });

    it('duplicate-reference: an error on the second entry with the same label', () => {
      const text = `Cited [1].\n\n${list(1)}\n[1] “Again”, Outlet, https://example.org/again, (Access Date: 06.02.2024).`;
      const found = findingsWith(text, 'duplicate-reference');
      assert.equal(found.length, 1);
      assert.equal(found[0].severity, 'error');
      assert.equal(found[0].start, text.lastIndexOf('[1]'));
      // Numbered and footnote labels are separate: [1] and [^1] do not collide.
      assert.deepEqual(findingsWith(`Cited [1] and [^1].\n\n${list(1)}\n[^1]: An aside.`, 'duplicate-reference'), []);
    });

    it('reference-missing-url: a warning when a numbered entry has no URL', () => {
      const text = 'Cited [1].\n\n[1] “A Book Chapter”, University Press, (Access Date: 06.02.2024).';
      const found = findingsWith(text, 'reference-missing-url');
      assert.deepEqual(found.map((f) => [f.severity, text.slice(f.start, f.end)]), [['warning', '[1]']]);
      assert.deepEqual(findingsWith(`Cited [1].\n\n${list(1)}`, 'reference-missing-url'), []);
      assert.deepEqual(findingsWith('An aside[^a].\n\n[^a]: The author visited the port in 2023.', 'reference-missing-url'), []);
    });

    it('reference-missing-access-date: information when a URL has no access date', () => {
      const text = 'Cited [1].\n\n[1] “Title”, Outlet, https://example.org/t';
      const [found] = findingsWith(text, 'reference-missing-access-date');
      assert.equal(found.severity, 'information');
      assert.equal(text.slice(found.start, found.end), '[1]');
      assert.deepEqual(findingsWith(`Cited [1].\n\n${list(1)}`, 'reference-missing-access-date'), []);
      // Without a URL the missing URL is the problem, not the date.
      assert.deepEqual(findingsWith('Cited [1].\n\n[1] “Title”, Outlet', 'reference-missing-access-date'), []);
    });

    it('invalid-access-date: a warning on impossible dates and dates before 1990', () => {
      for (const date of ['31.02.2024', '29.02.2023', '12.13.2024', '06.02.1985']) {
        const text = `Cited [1].\n\n${entry(1, 'T', 'O', 'https://example.org/t', date)}`;
        const found = findingsWith(text, 'invalid-access-date');
        assert.deepEqual(found.map((f) => [f.severity, text.slice(f.start, f.end)]), [['warning', date]], date);
        assert.equal(analyzeCitations(text).references[0].accessed, undefined, date);
        assert.deepEqual(findingsWith(text, 'reference-missing-access-date'), [], date);
      }
      assert.deepEqual(findingsWith(`Cited [1].\n\n${entry(1, 'T', 'O', 'https://example.org/t', '29.02.2024')}`, 'invalid-access-date'), []);
    });

    it('unbalanced-quotes: a warning when a title lacks its opening or closing quote', () => {
      const noOpening = 'Cited [3].\n\n[3]Strategy for Open Ports”, Ministry, https://example.org/s, (Access Date: 06.02.2024).';
      const [missingOpen] = findingsWith(noOpening, 'unbalanced-quotes');
      assert.equal(missingOpen.severity, 'warning');
      assert.equal(noOpening.slice(missingOpen.start, missingOpen.end), 'Strategy for Open Ports”');
      const noClosing = 'Cited [3].\n\n[3] “Strategy for Open Ports, Ministry, https://example.org/s, (Access Date: 06.02.2024).';
      const [missingClose] = findingsWith(noClosing, 'unbalanced-quotes');
      assert.equal(noClosing.slice(missingClose.start, missingClose.end), '“Strategy for Open Ports');
      assert.equal(analyzeCitations(noClosing).references[0].title, 'Strategy for Open Ports');
      assert.deepEqual(findingsWith(`Cited [1].\n\n${list(1)}`, 'unbalanced-quotes'), []);
    });

    it('citation-order: information on a label first cited before a smaller one', () => {
      const text = `First [2], then [1].\n\n${list(1, 2)}`;
      const found = findingsWith(text, 'citation-order');
      assert.deepEqual(found.map((f) => [f.severity, f.start]), [['information', text.indexOf('[2]')]]);
      assert.match(found[0].message, /\[2\].*\[1\]/);
      const early = `Intro [9]. ${[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `[${n}]`).join(' ')}\n\n${list(1, 2, 3, 4, 5, 6, 7, 8, 9)}`;
      assert.deepEqual(findingsWith(early, 'citation-order').map((f) => early.slice(f.start, f.end)), ['[9]']);
      assert.deepEqual(findingsWith(`Cited [1], [2], [1] again, then [3].\n\n${list(1, 2, 3)}`, 'citation-order'), []);
    });

    it('numbering-gap: a warning on the entry after a skipped number', () => {
      const text = `Cited [1] [2] [4].\n\n${list(1, 2, 4)}`;
      const found = findingsWith(text, 'numbering-gap');
      assert.deepEqual(found.map((f) => [f.severity, f.start]), [['warning', text.lastIndexOf('[4]')]]);
      assert.match(found[0].message, /\[3\]/);
      assert.match(findingsWith(`Cited [2].\n\n${list(2)}`, 'numbering-gap')[0].message, /\[1\] is missing/);
      assert.deepEqual(findingsWith(`Cited [1] [2] [3].\n\n${list(3, 1, 2)}`, 'numbering-gap'), []);
    });

    it('unsafe-url: a warning on URLs that are not http, https or mailto, kept as text', () => {
      for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/hosts', 'file:/etc/passwd', 'vscode://settings/open', 'vscode:extension/some.extension', 'VSCODE-INSIDERS:extension/x', 'data:text/html,x', 'JavaScript:void(0)', 'javaſcript:alert(1)', 'VbScript:msgbox']) {
        const text = `Cited [1].\n\n[1] “Title”, Outlet, ${url}, (Access Date: 06.02.2024).`;
        const found = findingsWith(text, 'unsafe-url');
        assert.deepEqual(found.map((f) => [f.severity, text.slice(f.start, f.end)]), [['warning', url]], url);
        assert.equal(analyzeCitations(text).references[0].url, url, url);
      }
      // A scheme name inside a longer word starts no URL.
      for (const url of ['http://example.org/a', 'https://example.org/a', 'mailto:desk@example.org', 'prefile:/etc/passwd', 'metadata:text/html']) {
        assert.deepEqual(findingsWith(`Cited [1].\n\n[1] “Title”, Outlet, ${url}, (Access Date: 06.02.2024).`, 'unsafe-url'), [], url);
      }
    });

    it('reports nothing for a clean article', () => {
      assert.deepEqual(analyzeCitations(`Claims [1], [2] and [3, 4].\n\nReferences\n\n${list(1, 2, 3, 4)}`).findings, []);
    });
  });

  // ---- The corpus -------------------------------------------------------------------------------

  describe('corpus', () => {
    it('article 000: three markers, three references, an unbalanced title on [3]', () => {
      const text = corpusArticle('000_');
      const analysis = analyzeCitations(text);
      assert.deepEqual(analysis.markers.map((m) => m.label), ['1', '2', '3']);
      assert.deepEqual(slices(text, analysis.markers), ['[1]', '[2]', '[3]']);
      assert.deepEqual(analysis.references.map((r) => r.label), ['1', '2', '3']);
      assert.ok(analysis.references.every((r) => r.url?.startsWith('https://') && r.accessed === '2024-02-06' && r.title && r.outlet));
      assert.equal(analysis.references[0].outlet, 'AA');
      assert.deepEqual(analysis.findings.map((f) => [f.code, f.severity]), [['unbalanced-quotes', 'warning']]);
      const third = analysis.references[2];
      assert.ok(third.start <= analysis.findings[0].start && analysis.findings[0].end <= third.end);
    });

    it('articles 001 and 002 carry no citations, so nothing is reported', () => {
      for (const prefix of ['001_', '002_']) {
        const analysis = analyzeCitations(corpusArticle(prefix));
        assert.deepEqual(analysis, { markers: [], references: [], findings: [] }, prefix);
      }
    });
  });

  // ---- Robustness -------------------------------------------------------------------------------

  describe('robustness', () => {
    it('keeps spans exact with CRLF and lone CR line breaks', () => {
      const lf = analyzeCitations(article);
      for (const br of ['\r\n', '\r']) {
        const text = article.replace(/\n/g, br);
        const analysis = analyzeCitations(text);
        assert.deepEqual(slices(text, analysis.markers), slices(article, lf.markers));
        assert.deepEqual(
          analysis.references.map((r) => [text.slice(r.start, r.end), text.slice(r.labelSpan.start, r.labelSpan.end), r.title, r.url, r.accessed]),
          lf.references.map((r) => [article.slice(r.start, r.end), article.slice(r.labelSpan.start, r.labelSpan.end), r.title, r.url, r.accessed]),
        );
        assert.deepEqual(slices(text, analysis.findings), slices(article, lf.findings));
      }
    });

    it('reads an entry on the first line after a byte order mark', () => {
      const text = '\uFEFF[1] “Title”, Outlet, https://example.org/t, (Access Date: 06.02.2024).\nCited [1].';
      assert.equal(onlyReference(text).labelSpan.start, 1);
    });

    it('never crashes on odd input and keeps its invariants', () => {
      const alphabet = ['[', ']', '^', '1', '2', '0', '9', ',', '-', '–', ':', '“', '”', '"', '`', '~', ' ', '\t', '\n', '\r', '\u0000', '\uFEFF', '\uD800', '\uDC00', 'a', 'é', '#', 'h', 'https://x.y ', 'Access Date: ', '31.02.2024', 'References\n'];
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let round = 0; round < 300; round++) {
        const text = Array.from({ length: 1 + Math.floor(random() * 200) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
        const analysis = analyzeCitations(text);
        for (const marker of analysis.markers) {
          assert.ok(marker.start < marker.end && marker.end <= text.length, JSON.stringify(text));
          assert.ok(/^[-–‐‑—\d[\]^,; ]/u.test(text.slice(marker.start, marker.end)) || marker.footnote, JSON.stringify(text));
        }
        for (let i = 1; i < analysis.markers.length; i++) assert.ok(analysis.markers[i - 1].start <= analysis.markers[i].start, JSON.stringify(text));
        for (const item of [...analysis.references, ...analysis.findings]) assert.ok(0 <= item.start && item.start <= item.end && item.end <= text.length, JSON.stringify(text));
      }
    });

    it('stays linear on pathological input', () => {
      const started = Date.now();
      const manyMarkers = Array.from({ length: 10000 }, (_, i) => `claim [${(i % 999) + 1}]`).join(' ');
      assert.equal(analyzeCitations(manyMarkers).markers.length, 10000);
      assert.deepEqual(analyzeCitations('['.repeat(100000)).markers, []);
      assert.deepEqual(analyzeCitations(`[${'1, '.repeat(50000)}`).markers, []);
      assert.equal(analyzeCitations(`${'word '.repeat(20000)}[1]${' '.repeat(100000)}`).markers.length, 1);
      assert.deepEqual(analyzeCitations(Array.from({ length: 400 }, (_, i) => `${'`'.repeat(i + 1)}[1]`).join('')).markers.length, 400);
      assert.equal(onlyReference(`[1] “${'x'.repeat(100000)}, Access${' '.repeat(100000)}${','.repeat(100000)}`).title?.length, 100000);
      assert.equal(analyzeCitations('[1] x\n\n    y\n\n'.repeat(20000)).references.length, 20000);
      // Quadratic behaviour on these inputs would take minutes; linear work takes well under a second.
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    });

    it('stops when cancelled', () => {
      assert.throws(() => analyzeCitations(article, { isCancellationRequested: true }), CancelledError);
    });
  });
});
