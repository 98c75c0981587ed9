import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { AnnotationIndex, isPartialDate, parseAnnotationFile, roleAt } from '../../server/src/core/annotations';
import { actorKindSynonyms, actorKinds, type Actor, type AnnotationFile, type Role } from '../../server/src/core/model';
import { LineIndex } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';
import { assertAgreement, loadSchema } from '../support/schemas';
import { yaml } from '../support/text';

const peopleUri = 'file:///ws/annotations/people.yaml';
const statesUri = 'file:///ws/annotations/states.yaml';


/** A finding as a reader sees it: code, severity, line:character range and the text it covers. */
function located(text: string, findings: readonly Finding[]): string[] {
  const lines = new LineIndex(text);
  return findings.map((finding) => {
    const { start, end } = lines.range(finding);
    const covered = JSON.stringify(text.slice(finding.start, finding.end));
    return `${finding.code} ${finding.severity} ${start.line}:${start.character}-${end.line}:${end.character} ${covered}`;
  });
}

function findingsOf(text: string): string[] {
  return located(text, parseAnnotationFile(peopleUri, text).findings);
}

function covered(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

const shinAndKorea = yaml(
  'version: 1',
  'actors:',
  '  - id: shin-won-sik',
  '    name: Shin Won-sik',
  '    kind: person',
  '    aliases: [Shin, Minister Shin]',
  '    family: first',
  "    summary: South Korea's defence minister.",
  '    background: |',
  '      A retired general who entered the National Assembly in 2020.',
  '    roles:',
  '      - title: Member of the National Assembly',
  '        from: 2020-05',
  '        to: 2023-10',
  '      - title: Minister of National Defense',
  '        org: south-korea',
  '        from: 2023-10-07',
  '    links:',
  '      - https://example.org/profiles/shin-won-sik',
  '  - id: south-korea',
  '    name: South Korea',
  '    kind: country',
  '    aliases: [Republic of Korea, Seoul]',
  'articles:',
  '  - file: articles/balancing-act.txt',
  "    title: Seoul's balancing act",
  '    source: Example Review',
  '    author: Staff reporter',
  '    published: 2024-02-06',
  '    url: https://example.org/articles/balancing-act',
);

describe('annotation files', () => {
  describe('parseAnnotationFile', () => {
    it('reads every field of a valid file and reports nothing', () => {
      const file = parseAnnotationFile(peopleUri, shinAndKorea);
      assert.deepEqual(file.findings, []);
      assert.deepEqual(
        file.actors.map((a) => a.id),
        ['shin-won-sik', 'south-korea'],
      );
      const shin = file.actors[0];
      assert.equal(shin.name, 'Shin Won-sik');
      assert.equal(shin.kind, 'person');
      assert.deepEqual(shin.aliases, ['Shin', 'Minister Shin']);
      assert.equal(shin.family, 'first');
      assert.equal(shin.summary, "South Korea's defence minister.");
      assert.equal(shin.background, 'A retired general who entered the National Assembly in 2020.');
      assert.deepEqual(
        shin.roles.map(({ title, org, from, to }) => ({ title, org, from, to })),
        [
          { title: 'Member of the National Assembly', org: undefined, from: '2020-05', to: '2023-10' },
          { title: 'Minister of National Defense', org: 'south-korea', from: '2023-10-07', to: undefined },
        ],
      );
      assert.deepEqual(shin.links, ['https://example.org/profiles/shin-won-sik']);
      assert.equal(file.articles.length, 1);
      const { sourceSpan, fileSource, authorSource, ...article } = file.articles[0];
      assert.deepEqual(article, {
        file: 'articles/balancing-act.txt',
        title: "Seoul's balancing act",
        source: 'Example Review',
        author: 'Staff reporter',
        published: '2024-02-06',
        url: 'https://example.org/articles/balancing-act',
      });
      assert.ok(covered(shinAndKorea, sourceSpan).startsWith('file: articles/balancing-act.txt'));
      assert.ok(covered(shinAndKorea, sourceSpan).endsWith('url: https://example.org/articles/balancing-act'));
      assert.equal(fileSource && covered(shinAndKorea, fileSource), 'articles/balancing-act.txt');
      assert.equal(authorSource && covered(shinAndKorea, authorSource), 'Staff reporter');
    });

    it('records where each actor, id, name and alias was written', () => {
      const [shin, korea] = parseAnnotationFile(peopleUri, shinAndKorea).actors;
      assert.equal(shin.source.uri, peopleUri);
      assert.ok(covered(shinAndKorea, shin.source).startsWith('id: shin-won-sik\n    name: Shin Won-sik'));
      assert.ok(covered(shinAndKorea, shin.source).endsWith('- https://example.org/profiles/shin-won-sik'));
      assert.ok(covered(shinAndKorea, korea.source).endsWith('aliases: [Republic of Korea, Seoul]'));
      assert.equal(covered(shinAndKorea, shin.idSource), 'shin-won-sik');
      assert.deepEqual(new LineIndex(shinAndKorea).range(korea.idSource), { start: { line: 19, character: 8 }, end: { line: 19, character: 19 } });
      assert.equal(shin.nameSource && covered(shinAndKorea, shin.nameSource), 'Shin Won-sik');
      assert.deepEqual(
        shin.aliasSources?.map((span) => covered(shinAndKorea, span)),
        ['Shin', 'Minister Shin'],
      );
      assert.equal(shin.roles[1].orgSource && covered(shinAndKorea, shin.roles[1].orgSource), 'south-korea');
    });

    it('keeps dates as written: bare years, months and days all as text', () => {
      const text = yaml(
        'actors:',
        '  - id: kim',
        '    name: Kim',
        '    kind: person',
        '    roles:',
        '      - { title: Ambassador, from: 2016, to: 2019-03 }',
        '      - { title: Adviser, from: "2019-04-01" }',
        'articles:',
        '  - { file: a.txt, published: 2024-02-06 }',
      );
      const file = parseAnnotationFile(peopleUri, text);
      assert.deepEqual(file.findings, []);
      assert.deepEqual(
        file.actors[0].roles.map((r) => [r.from, r.to]),
        [
          ['2016', '2019-03'],
          ['2019-04-01', undefined],
        ],
      );
      assert.equal(file.articles[0].published, '2024-02-06');
    });

    it('trims text, accepts one alias or link written alone and ignores empty optional fields', () => {
      const text = yaml(
        'actors:',
        '  - id: nato',
        '    name: "  North Atlantic Treaty Organization  "',
        '    kind: organization',
        '    aliases: NATO',
        '    links: https://example.org/nato',
        '    summary: ""',
        '    background:',
        '    roles: ~',
        '    family:',
      );
      const file = parseAnnotationFile(peopleUri, text);
      assert.deepEqual(file.findings, []);
      const [nato] = file.actors;
      assert.equal(nato.name, 'North Atlantic Treaty Organization');
      assert.deepEqual(nato.aliases, ['NATO']);
      assert.deepEqual(nato.links, ['https://example.org/nato']);
      assert.equal(nato.summary, undefined);
      assert.equal(nato.background, undefined);
      assert.equal(nato.family, undefined);
      assert.deepEqual(nato.roles, []);
    });

    it('normalises article paths written with backslashes or a leading ./', () => {
      const text = yaml('articles:', '  - file: ./articles\\seoul.txt');
      assert.equal(parseAnnotationFile(peopleUri, text).articles[0].file, 'articles/seoul.txt');
    });

    describe('findings, each on the offending node', () => {
      it('yaml-syntax at the parser error', () => {
        const text = yaml('actors:', '  - id: kim', '    name: Kim: Jong', '    kind: person');
        const syntax = findingsOf(text).filter((f) => f.startsWith('yaml-syntax'));
        assert.deepEqual(syntax, ['yaml-syntax error 2:10-2:11 "K"']);
        const tabs = yaml('actors:', '\t- id: kim');
        assert.deepEqual(findingsOf(tabs).slice(0, 1), ['yaml-syntax error 1:0-1:1 "\\t"']);
      });

      it('yaml-syntax when a second document follows, which is not read', () => {
        const text = yaml('actors:', '  - { id: kim, name: Kim, kind: person }', '---', 'actors:', '  - { id: lee, name: Lee, kind: person }');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(
          file.findings.map((f) => [f.code, new LineIndex(text).positionAt(f.start)]),
          [['yaml-syntax', { line: 2, character: 0 }]],
        );
        assert.deepEqual(
          file.actors.map((a) => a.id),
          ['kim'],
        );
      });

      it('yaml-too-deep: refuses absurd nesting before composing it, and stays usable', () => {
        // Composing these recursively would overflow the stack, after which V8 could abort the process.
        for (const text of ['['.repeat(1000), '- '.repeat(1000), '{a: '.repeat(1000), '- [' + '{'.repeat(5000)]) {
          assert.deepEqual(
            parseAnnotationFile(peopleUri, text).findings.map((f) => f.code),
            ['yaml-too-deep'],
          );
        }
        const deep = '['.repeat(1000);
        assert.deepEqual(located(deep, parseAnnotationFile(peopleUri, deep).findings), ['yaml-too-deep error 0:64-0:65 "["']);
        assert.deepEqual(parseAnnotationFile(peopleUri, shinAndKorea).findings, []);
        const nestedLists = yaml('actors:', '  - id: kim', '    name: Kim', '    kind: person', '    aliases: ' + '['.repeat(10) + ']'.repeat(10));
        assert.ok(parseAnnotationFile(peopleUri, nestedLists).findings.every((f) => f.code !== 'yaml-too-deep'));
      });

      it('yaml-syntax for a repeated key, and the first value counts', () => {
        const text = yaml('actors:', '  - id: kim', '    id: lee', '    name: Kim', '    kind: person');
        const file = parseAnnotationFile(peopleUri, text);
        // yaml marks the first character of the repeated key.
        assert.deepEqual(located(text, file.findings), ['yaml-syntax error 2:4-2:5 "i"']);
        assert.equal(file.actors[0].id, 'kim');
      });

      it('schema: a missing required field on the entry’s first key; no id is made from the name, no name drops the entry', () => {
        const text = yaml('actors:', '  - name: Lee Jae-myung', '    kind: person', '  - id: moon', '    kind: person');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), ['schema error 1:4-1:8 "name"', 'schema error 3:4-3:6 "id"']);
        assert.deepEqual(
          file.findings.map((f) => f.message),
          ["Actor is missing 'id'; read as 'lee-jae-myung'", "Actor is missing 'name'"],
        );
        assert.deepEqual(
          file.actors.map((a) => [a.id, a.name]),
          [['lee-jae-myung', 'Lee Jae-myung']],
        );
      });

      it('schema: a required field without a value, on its key', () => {
        const text = yaml('actors:', '  - id: moon', '    name:', '    kind: person');
        assert.deepEqual(findingsOf(text), ['schema error 2:4-2:8 "name"']);
      });

      it('schema: a wrong type on the value', () => {
        const text = yaml('actors:', '  - id: lee', '    name: [Lee]', '    kind: person', '  - id: yoon', '    name: 1984', '    kind: person');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), ['schema error 2:10-2:15 "[Lee]"', 'schema error 5:10-5:14 "1984"']);
        assert.match(file.findings[1].message, /quotes/);
        assert.deepEqual(file.actors, []);
      });

      it('schema: an unknown or missing kind, listing the allowed ones, keeping the actor as other', () => {
        const text = yaml('actors:', '  - id: seoul', '    name: Seoul', '    kind: metropolis', '  - id: busan', '    name: Busan');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), ['schema error 3:10-3:20 "metropolis"', 'schema error 4:4-4:6 "id"']);
        for (const kind of actorKinds) assert.ok(file.findings[0].message.includes(kind), kind);
        assert.match(file.findings[0].message, /read as other$/);
        assert.deepEqual(
          file.actors.map((a) => [a.id, a.kind]),
          [['seoul', 'other'], ['busan', 'other']],
        );
      });

      it('schema: a kind written as annotation writers often do (state, alliance, outlet…, any case) is reported and read as the kind it names', () => {
        const kinds = ['state', 'alliance', 'organisation', 'outlet', 'individual', 'city', 'Person', 'STATE'];
        const text = yaml('actors:', ...kinds.flatMap((kind, i) => [`  - id: a${i}`, `    name: A${i}`, `    kind: ${kind}`]));
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(
          file.actors.map((a) => a.kind),
          ['country', 'organization', 'organization', 'media', 'person', 'place', 'person', 'country'],
        );
        assert.deepEqual(
          file.findings.map((f) => `${f.severity} ${text.slice(f.start, f.end)} ${f.message.slice(f.message.indexOf('read as'))}`),
          kinds.map((kind, i) => `error ${kind} read as ${file.actors[i].kind}`),
        );
      });

      it('schema: an actor with aliases but no name is found by its first alias', () => {
        const text = yaml('actors:', '  - id: nato', '    kind: organization', '    aliases: [NATO, the Alliance]');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), ['schema error 1:4-1:6 "id"']);
        assert.match(file.findings[0].message, /first alias 'NATO' stands in/);
        assert.deepEqual(file.actors.map((a) => [a.name, a.aliases]), [['NATO', ['NATO', 'the Alliance']]]);
      });

      it('schema: an id that is not lowercase-hyphenated, keeping the actor', () => {
        const text = yaml('actors:', '  - id: Shin_Won-sik', '    name: Shin Won-sik', '    kind: person', '  - id: bad--id', '    name: X', '    kind: other');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), ['schema error 1:8-1:20 "Shin_Won-sik"', 'schema error 4:8-4:15 "bad--id"']);
        assert.equal(file.actors.length, 2);
      });

      it('schema: unknown fields are warnings on the key, also at the top level (notes: included)', () => {
        const text = yaml('notes: []', 'actors:', '  - id: putin', '    name: Vladimir Putin', '    kind: person', '    nmae: typo', '    roles:', '      - title: President', '        since: 2012');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), ['schema warning 0:0-0:5 "notes"', 'schema warning 5:4-5:8 "nmae"', 'schema warning 8:8-8:13 "since"']);
        assert.equal(file.actors[0].roles[0].title, 'President');
      });

      it('schema: aliases and links that are not text or not URLs, keeping the actor', () => {
        const text = yaml(
          'actors:',
          '  - id: lavrov',
          '    name: Sergei Lavrov',
          '    kind: person',
          '    aliases: [Lavrov, 42, {x: 1}, ""]',
          '    links: [www.example.org, https://example.org/lavrov]',
          '    family: middle',
        );
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), [
          'schema error 4:22-4:24 "42"',
          'schema error 4:26-4:32 "{x: 1}"',
          'schema warning 4:34-4:36 "\\"\\""',
          'schema error 5:12-5:27 "www.example.org"',
          'schema error 6:12-6:18 "middle"',
        ]);
        const [lavrov] = file.actors;
        assert.deepEqual(lavrov.aliases, ['Lavrov']);
        assert.deepEqual(lavrov.links, ['https://example.org/lavrov']);
      });

      it('schema: a root, list or entry of the wrong shape, and version other than 1', () => {
        assert.deepEqual(findingsOf('[]\n'), ['schema error 0:0-0:2 "[]"']);
        assert.deepEqual(findingsOf('just a sentence\n'), ['schema error 0:0-0:15 "just a sentence"']);
        assert.deepEqual(findingsOf(yaml('version: 2', 'actors: {id: x}')), ['schema error 0:9-0:10 "2"', 'schema error 1:8-1:15 "{id: x}"']);
        assert.deepEqual(findingsOf(yaml('actors:', '  - kim', '  - [lee]')), ['schema error 1:4-1:7 "kim"', 'schema error 2:4-2:9 "[lee]"']);
      });

      it('bad-date: malformed or impossible dates, and a role ending before it starts', () => {
        const text = yaml(
          'actors:',
          '  - id: kim',
          '    name: Kim',
          '    kind: person',
          '    roles:',
          '      - { title: Envoy, from: 2023-02-30, to: March 2024 }',
          '      - { title: Adviser, from: 2024-06, to: 2024-05-31 }',
          '      - { title: Chair, from: 2024, to: 2024-01 }',
          'articles:',
          '  - { file: a.txt, published: 06.02.2024 }',
        );
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), [
          'bad-date error 5:30-5:40 "2023-02-30"',
          'bad-date error 5:46-5:56 "March 2024"',
          'bad-date warning 6:45-6:55 "2024-05-31"',
          'bad-date error 9:30-9:40 "06.02.2024"',
        ]);
        assert.match(file.findings[0].message, /not a calendar date/);
        // The broken dates are dropped, the roles kept; a role within its own year is fine.
        assert.deepEqual(
          file.actors[0].roles.map((r) => [r.title, r.from, r.to]),
          [
            ['Envoy', undefined, undefined],
            ['Adviser', '2024-06', '2024-05-31'],
            ['Chair', '2024', '2024-01'],
          ],
        );
        assert.equal(file.articles[0].published, undefined);
      });

      it('yaml-aliases: aliases are reported once and never expanded', () => {
        const text = yaml('actors:', '  - &kim', '    id: kim', '    name: Kim', '    kind: person', '  - *kim', '  - *kim');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), ['yaml-aliases error 5:4-5:8 "*kim"']);
        assert.match(file.findings[0].message, /2 in this file/);
        assert.deepEqual(
          file.actors.map((a) => a.id),
          ['kim'],
        );
      });

      it('refuses a billion-laughs bomb quickly', () => {
        const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
        for (let i = 1; i <= 12; i++) levels.push(`${'b' + i}: &${'b' + i} [${Array(10).fill(i === 1 ? '*a' : `*b${i - 1}`).join(',')}]`);
        const bomb = yaml(...levels, 'actors: [*b12]');
        const started = performance.now();
        const file = parseAnnotationFile(peopleUri, bomb);
        assert.ok(performance.now() - started < 2000, 'parsing must not expand the aliases');
        assert.ok(file.findings.some((f) => f.code === 'yaml-aliases'));
        assert.deepEqual(file.actors, []);
      });

      it('file-too-large at 0..0 when the UTF-8 size exceeds maxBytes', () => {
        const text = yaml('actors:', '  - { id: seoul, name: Séoul, kind: place }');
        const bytes = text.length + 1; // é takes two bytes
        assert.deepEqual(parseAnnotationFile(peopleUri, text, { maxBytes: bytes }).findings, []);
        const refused = parseAnnotationFile(peopleUri, text, { maxBytes: bytes - 1 });
        assert.deepEqual(located(text, refused.findings), ['file-too-large error 0:0-0:0 ""']);
        assert.deepEqual(refused.actors, []);
        const huge = 'x'.repeat(2 * 1024 * 1024 + 1);
        assert.equal(parseAnnotationFile(peopleUri, huge).findings[0].code, 'file-too-large');
      });
    });

    it('keeps every valid entry when others in the same file are broken', () => {
      const text = yaml(
        'actors:',
        '  - id: xi-jinping',
        '    name: Xi Jinping',
        '    kind: person',
        '  - id: broken',
        '    kind: person',
        '  - not an actor',
        '  - id: kishida',
        '    name: Fumio Kishida',
        '    kind: person',
        '    aliases: [Kishida, 7]',
        '    roles:',
        '      - from: 2021',
        '      - title: Prime Minister of Japan',
        '        from: 2021-10',
        '        to: 2024-10',
        'articles:',
        '  - title: No file',
        '  - file: b.txt',
      );
      const file = parseAnnotationFile(peopleUri, text);
      assert.deepEqual(
        file.actors.map((a) => a.id),
        ['xi-jinping', 'kishida'],
      );
      assert.deepEqual(file.actors[1].aliases, ['Kishida']);
      assert.deepEqual(
        file.actors[1].roles.map((r) => r.title),
        ['Prime Minister of Japan'],
      );
      assert.deepEqual(
        file.articles.map((a) => a.file),
        ['b.txt'],
      );
      assert.deepEqual(
        file.findings.map((f) => f.code),
        ['schema', 'schema', 'schema', 'schema', 'schema'],
      );
    });

    describe('odd input, without throwing', () => {
      it('empty, comment-only and null documents declare nothing and report nothing', () => {
        for (const text of ['', '# nothing yet\n', '~\n', '---\n', 'actors:\narticles:\n']) {
          const file = parseAnnotationFile(peopleUri, text);
          assert.deepEqual([file.actors, file.articles, file.findings], [[], [], []], JSON.stringify(text));
        }
      });

      it('a BOM leaves positions on the original text', () => {
        const text = '\uFEFF' + yaml('actors:', '  - id: Kim', '    name: Kim', '    kind: person');
        const file = parseAnnotationFile(peopleUri, text);
        assert.deepEqual(located(text, file.findings), ['schema error 1:8-1:11 "Kim"']);
        assert.equal(covered(text, file.actors[0].idSource), 'Kim');
      });

      it('CRLF and lone CR line breaks give the same lines and characters as LF', () => {
        const lf = yaml('actors:', '  - id: moon', '    name: Moon Jae-in', '    kind: leader');
        for (const newline of ['\r\n', '\r']) {
          const text = lf.replace(/\n/g, newline);
          assert.deepEqual(findingsOf(text), ['schema error 3:10-3:16 "leader"'], JSON.stringify(newline));
        }
      });

      it('NUL bytes, lone surrogates and a 100k-character line', () => {
        const odd = [
          yaml('actors:', '  - id: a\u0000b', '    name: "\uD800"', '    kind: person'),
          yaml('actors:', '  - { id: kim, name: K\uDC00im, kind: person }'),
          'actors: ' + 'x'.repeat(100_000),
          '\u0000\u0000\u0000',
        ];
        for (const text of odd) {
          const file = parseAnnotationFile(peopleUri, text);
          for (const f of file.findings) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length);
        }
        assert.deepEqual(
          parseAnnotationFile(peopleUri, odd[1]).actors.map((a) => a.name),
          ['K\uDC00im'],
        );
      });

      it('arbitrary YAML-like text: never throws, every finding lies inside the text', () => {
        const fragments = ['actors:', 'articles:', '\n', '  ', '- ', 'id: ', 'name: ', 'kind: person', 'roles:', 'from: 2024', ':', '&a ', '*a', '"', "'", '[', ']', '{', '}', ',', '#', '|', '\t', '\r', '\uFEFF', 'é', '\uD83D'];
        const text = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 3 })), { maxLength: 60 }).map((parts) => parts.join(''));
        fc.assert(
          fc.property(text, (source) => {
            const file = parseAnnotationFile(peopleUri, source);
            const index = AnnotationIndex.build([file]);
            for (const f of index.findings(peopleUri)) {
              if (!(f.start >= 0 && f.start <= f.end && f.end <= source.length)) return false;
            }
            return true;
          }),
          { numRuns: 500 },
        );
      });
    });
  });

  describe('AnnotationIndex', () => {
    const people = yaml(
      'actors:',
      '  - id: shin-won-sik',
      '    name: Shin Won-sik',
      '    kind: person',
      '    aliases: [Shin]',
      '    roles:',
      '      - { title: Minister of National Defense, org: south-korea, from: 2023-10 }',
      '      - { title: Adviser, org: unification-ministry }',
      '  - id: south-korea',
      '    name: Republic of Korea',
      '    kind: country',
      'articles:',
      '  - file: 000_balancing.txt',
      '    published: 2024-02-06',
      '    author: jane-doe',
      '  - file: articles/seoul.txt',
      '    author: Staff Reporter',
    );
    const states = yaml(
      'actors:',
      '  - id: south-korea',
      '    name: South Korea',
      '    kind: country',
      '    aliases: [Seoul, republic of korea]',
      '  - id: russia',
      '    name: Russia',
      '    kind: country',
      '    aliases: [Moscow, Shin]',
      'articles:',
      '  - file: 000_balancing.txt',
      '    title: A second description',
      '    author: reuters',
    );
    const build = (...files: [string, string][]): AnnotationIndex => AnnotationIndex.build(files.map(([uri, text]) => parseAnnotationFile(uri, text)));

    it('merges actors and articles across files, first definition (by URI) winning', () => {
      const index = build([statesUri, states], [peopleUri, people]);
      assert.deepEqual(index.uris, [peopleUri, statesUri]);
      assert.deepEqual(
        index.actors.map((a) => a.id),
        ['shin-won-sik', 'south-korea', 'russia'],
      );
      assert.equal(index.actor('south-korea')?.name, 'Republic of Korea');
      assert.equal(index.actor('russia')?.source.uri, statesUri);
      assert.equal(index.actor('nobody'), undefined);
      assert.deepEqual(
        index.articles.map((a) => a.file),
        ['000_balancing.txt', 'articles/seoul.txt'],
      );
    });

    it('does not depend on the order the files are given in', () => {
      const forward = build([peopleUri, people], [statesUri, states]);
      const backward = build([statesUri, states], [peopleUri, people]);
      assert.deepEqual(backward.actors, forward.actors);
      assert.deepEqual(backward.findings(statesUri), forward.findings(statesUri));
    });

    it('reports cross-file problems on the later file’s nodes', () => {
      const index = build([peopleUri, people], [statesUri, states]);
      assert.deepEqual(located(people, index.findings(peopleUri)), [
        'unknown-actor error 7:31-7:51 "unification-ministry"',
        'unknown-actor error 14:12-14:20 "jane-doe"',
      ]);
      assert.deepEqual(located(states, index.findings(statesUri)), [
        'duplicate-id error 1:8-1:19 "south-korea"',
        'alias-collision warning 8:22-8:26 "Shin"',
        'duplicate-article warning 10:10-10:27 "000_balancing.txt"',
      ]);
      const duplicate = index.findings(statesUri)[0];
      assert.match(duplicate.message, /people\.yaml/);
      assert.deepEqual(index.findings('file:///ws/annotations/unknown.yaml'), []);
    });

    it('duplicate-id within one file, on the second id', () => {
      const text = yaml('actors:', '  - { id: kim, name: Kim Jong-un, kind: person }', '  - { id: kim, name: Kim Yo-jong, kind: person }');
      const index = build([peopleUri, text]);
      assert.deepEqual(located(text, index.findings(peopleUri)), ['duplicate-id error 2:10-2:13 "kim"']);
      assert.match(index.findings(peopleUri)[0].message, /earlier in this file/);
      assert.equal(index.actor('kim')?.name, 'Kim Jong-un');
    });

    it('alias-collision compares names as the matcher reads them', () => {
      const text = yaml(
        'actors:',
        '  - { id: north-korea, name: North Korea, kind: country, aliases: [Pyongyang, DPRK] }',
        '  - { id: turkey, name: Turkey, kind: country }',
        '  - { id: o-brien, name: Robert O’Brien, kind: person }',
        // Multi-word names ignore case; single words keep it; apostrophes are unified.
        '  - { id: dprk-media, name: north  korea, kind: media, aliases: [turkey, "Robert O\'Brien", dprk] }',
        '  - { id: pyongyang-city, name: Pyongyang, kind: place, aliases: [Pyongyang] }',
      );
      const index = build([peopleUri, text]);
      assert.deepEqual(located(text, index.findings(peopleUri)), [
        'alias-collision warning 4:28-4:40 "north  korea"',
        'alias-collision warning 4:73-4:89 "\\"Robert O\'Brien\\""',
        'alias-collision warning 5:32-5:41 "Pyongyang"',
      ]);
      assert.match(index.findings(peopleUri)[0].message, /north-korea/);
    });

    it('unknown-actor: org must be an id; author only when it looks like one', () => {
      const text = yaml(
        'actors:',
        '  - { id: jane-doe, name: Jane Doe, kind: person, roles: [{ title: Editor, org: example-review }] }',
        '  - { id: example-review, name: Example Review, kind: media }',
        'articles:',
        '  - { file: a.txt, author: jane-doe }',
        '  - { file: b.txt, author: Jane Doe }',
        '  - { file: c.txt, author: reuters }',
        '  - { file: d.txt, author: john-roe }',
      );
      const index = build([peopleUri, text]);
      assert.deepEqual(located(text, index.findings(peopleUri)), ['unknown-actor error 7:27-7:35 "john-roe"']);
    });

    it('finds article metadata by relative path, or by base name for a bare file name', () => {
      const text = yaml(
        'articles:',
        '  - { file: 000_balancing.txt, title: Bare }',
        '  - { file: articles/seoul.txt, title: Nested }',
        '  - { file: seoul.txt, title: Bare Seoul }',
      );
      const index = build([peopleUri, text]);
      assert.equal(index.article('000_balancing.txt')?.title, 'Bare');
      assert.equal(index.article('articles/2024/000_balancing.txt')?.title, 'Bare');
      assert.equal(index.article('articles\\000_balancing.txt')?.title, 'Bare');
      assert.equal(index.article('articles/seoul.txt')?.title, 'Nested');
      assert.equal(index.article('other/seoul.txt')?.title, 'Bare Seoul');
      assert.equal(index.article('other/balancing.txt'), undefined);
    });

    it('loads the other files when one is unreadable', () => {
      const broken = yaml('actors:', '  - id: "unterminated', '    name: [');
      const index = build([peopleUri, people], ['file:///ws/annotations/broken.yaml', broken], ['file:///ws/annotations/big.yaml', 'x'.repeat(3 * 1024 * 1024)]);
      assert.deepEqual(
        index.actors.map((a) => a.id),
        ['shin-won-sik', 'south-korea'],
      );
      assert.ok(index.findings('file:///ws/annotations/broken.yaml').some((f) => f.code === 'yaml-syntax'));
      assert.equal(index.findings('file:///ws/annotations/big.yaml')[0].code, 'file-too-large');
    });

    it('accepts files built by hand, without the optional source spans', () => {
      const span = { uri: peopleUri, start: 0, end: 1 };
      const actor = (id: string, name: string): Actor => ({ id, name, kind: 'person', aliases: [], roles: [{ title: 'Envoy', org: 'nowhere' }], links: [], source: span, idSource: span });
      const file: AnnotationFile = { uri: peopleUri, actors: [actor('a', 'Same Name'), actor('b', 'Same Name')], articles: [], findings: [] };
      const codes = AnnotationIndex.build([file])
        .findings(peopleUri)
        .map((f) => f.code);
      assert.deepEqual(codes.sort(), ['alias-collision', 'unknown-actor', 'unknown-actor']);
    });
  });

  describe('roleAt', () => {
    const roles: Role[] = [
      { title: 'Lawmaker', from: '2020-05', to: '2023-10' },
      { title: 'Minister', from: '2023-10-07', to: '2024-09' },
      { title: 'Envoy', from: '2024-10' },
      { title: 'Party adviser', from: '2019' },
    ];
    const actor = (list: Role[]): Actor => {
      const span = { uri: peopleUri, start: 0, end: 0 };
      return { id: 'kim', name: 'Kim', kind: 'person', aliases: [], roles: list, links: [], source: span, idSource: span };
    };
    const titleAt = (date: string | undefined, list = roles): string | undefined => roleAt(actor(list), date)?.title;

    it('picks the role whose range contains the date, preferring the one that started last', () => {
      assert.equal(titleAt('2021-03-01'), 'Lawmaker');
      assert.equal(titleAt('2024-02-06'), 'Minister');
      assert.equal(titleAt('2025-01-15'), 'Envoy');
      assert.equal(titleAt('2019-06-01'), 'Party adviser');
    });

    it('compares partial dates at the coarser precision', () => {
      // October 2023 holds both the last lawmaker month and the first minister days.
      assert.equal(titleAt('2023-10'), 'Minister');
      assert.equal(titleAt('2023-10-01'), 'Lawmaker');
      assert.equal(titleAt('2023-10-07'), 'Minister');
      assert.equal(titleAt('2024-09-30'), 'Minister');
      assert.equal(titleAt('2024'), 'Envoy');
      assert.equal(titleAt('2018'), undefined);
      const closed: Role[] = [{ title: 'Ambassador', from: '2016', to: '2019' }];
      assert.equal(titleAt('2019-12-31', closed), 'Ambassador');
      assert.equal(titleAt('2020-01-01', closed), undefined);
      assert.equal(titleAt('2015-12', closed), undefined);
    });

    it('without a usable date: the latest open-ended role, else the last listed', () => {
      assert.equal(titleAt(undefined), 'Envoy');
      assert.equal(titleAt('next spring'), 'Envoy');
      assert.equal(titleAt(undefined, roles.slice(0, 2)), 'Minister');
      assert.equal(titleAt(undefined, [{ title: 'Founder' }, { title: 'Chair', from: '2001' }]), 'Chair');
      assert.equal(titleAt(undefined, []), undefined);
      assert.equal(titleAt('2024-01-01', []), undefined);
    });
  });

  describe('isPartialDate', () => {
    it('accepts years, months and real days', () => {
      for (const date of ['2024', '0999', '2024-02', '2024-12', '2024-02-29', '2000-02-29', '2023-01-31', '2023-04-30']) assert.ok(isPartialDate(date), date);
    });

    it('rejects other shapes and days the calendar does not have', () => {
      for (const date of ['24', '2024-2', '2024-02-6', '2024-00', '2024-13', '2023-02-29', '1900-02-29', '2023-04-31', '2024-02-00', ' 2024', '2024-02-06T10:00', '२०२४', '']) {
        assert.ok(!isPartialDate(date), date);
      }
    });
  });

  describe('schemas/annotations.schema.json', () => {
    const { schema, ajv, validate } = loadSchema<{ definitions: { actor: { properties: { kind: { enum: string[] } } }; optionalDate: object } }>('schemas/annotations.schema.json');

    /** What the schema can express: shape and values, not relations between entries. */
    const walkerRejects = (text: string): boolean =>
      parseAnnotationFile(peopleUri, text).findings.some((f) => f.code === 'schema' || (f.code === 'bad-date' && f.severity === 'error'));

    const actor = (...lines: string[]) => yaml('actors:', '  - id: kim', '    name: Kim', '    kind: person', ...lines.map((line) => '    ' + line));
    const article = (...lines: string[]) => yaml('articles:', '  - file: a.txt', ...lines.map((line) => '    ' + line));
    const samples: string[] = [
      '',
      '~',
      '[]',
      'text',
      'version: 1',
      'version: 2',
      'version: "1"',
      'actors:',
      'actors: {}',
      'actors: [~]',
      'actors: ["kim"]',
      'notes: []',
      shinAndKorea,
      actor(),
      actor('extra: 1'),
      yaml('actors:', '  - name: Kim', '    kind: person'),
      yaml('actors:', '  - id: kim', '    kind: person'),
      yaml('actors:', '  - id: kim', '    name: Kim'),
      yaml('actors:', '  - id: Kim', '    name: Kim', '    kind: person'),
      yaml('actors:', '  - id: kim-', '    name: Kim', '    kind: person'),
      yaml('actors:', '  - id: 2024', '    name: Kim', '    kind: person'),
      yaml('actors:', '  - id: ""', '    name: Kim', '    kind: person'),
      yaml('actors:', '  - id: kim', '    name: "  "', '    kind: person'),
      yaml('actors:', '  - id: kim', '    name: 42', '    kind: person'),
      yaml('actors:', '  - id: kim', '    name: Kim', '    kind: Person'),
      yaml('actors:', '  - id: kim', '    name: Kim', '    kind:'),
      ...[...actorKinds, ...Object.keys(actorKindSynonyms), 'Person', 'city state'].map((kind) => yaml('actors:', '  - id: kim', '    name: Kim', `    kind: ${kind}`)),
      yaml('actors:', '  - id: kim', '    aliases: [Kim]', '    kind: person'),
      actor('aliases: Kim Jong-un'),
      actor('aliases: [Kim Jong-un, Chairman Kim]'),
      actor('aliases: [Kim, ""]'),
      actor('aliases: [Kim, 5]'),
      actor('aliases: ""'),
      actor('aliases: 5'),
      actor('aliases: {a: b}'),
      actor('aliases:'),
      actor('aliases: [~]'),
      actor('family: first'),
      actor('family: last'),
      actor('family: middle'),
      actor('family:'),
      actor('family: ""'),
      actor('summary: ""'),
      actor('summary: 12'),
      actor('summary: [a]'),
      actor('background: |', '  Markdown *text*.'),
      actor('links: https://example.org'),
      actor('links: [https://example.org, mailto:desk@example.org]'),
      actor('links: [example.org]'),
      actor('links: ""'),
      actor('links: "https://example.org "'),
      actor('links: [~]'),
      actor('roles:'),
      actor('roles: []'),
      actor('roles: {}'),
      actor('roles: [Minister]'),
      actor('roles:', '  - title: Minister'),
      actor('roles:', '  - org: south-korea'),
      actor('roles:', '  - title: ""'),
      actor('roles:', '  - title: Minister', '    org: 12'),
      actor('roles:', '  - title: Minister', '    rank: 1'),
      ...['2024', '2024-02', '2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2023-11-31', '2023-13', '"2024"', '24', '999', '0999', '"0999"', '2024.0', '2024.5', '+2024', 'true', '', '[2024]', '2024-02-06T10:00:00Z'].map((date) =>
        actor('roles:', '  - title: Minister', `    from: ${date}`),
      ),
      actor('roles:', '  - title: Minister', '    from: 2024', '    to: 2023'),
      article(),
      article('title: Seoul', 'source: Example Review', 'author: Jane Doe', 'published: 2024-02-06', 'url: https://example.org/a'),
      article('published: 2024-02-30'),
      article('url: example.org'),
      article('url:'),
      article('author: 5'),
      article('pages: 3'),
      yaml('articles:', '  - title: No file'),
      yaml('articles:', '  - file: "  "'),
      yaml('articles:', '  - file: [a]'),
    ];

    it('agrees with the walker on which documents are invalid', () => {
      assertAgreement(validate, walkerRejects, samples, 20);
    });

    it('lists the kinds of the data model', () => {
      assert.deepEqual(schema.definitions.actor.properties.kind.enum, [...actorKinds]);
    });

    it('accepts exactly the dates isPartialDate accepts', () => {
      const dateSchema = ajv.compile({ ...schema.definitions.optionalDate, definitions: schema.definitions });
      for (const year of ['0000', '1900', '2000', '2023', '2024', '2100']) {
        assert.equal(dateSchema(year), isPartialDate(year), year);
        for (let month = 0; month <= 13; month++) {
          const yearMonth = `${year}-${String(month).padStart(2, '0')}`;
          assert.equal(dateSchema(yearMonth), isPartialDate(yearMonth), yearMonth);
          for (let day = 0; day <= 32; day++) {
            const date = `${yearMonth}-${String(day).padStart(2, '0')}`;
            assert.equal(dateSchema(date), isPartialDate(date), date);
          }
        }
      }
    });

    it('describes every property', () => {
      const undocumented: string[] = [];
      const visit = (node: unknown, where: string): void => {
        if (typeof node !== 'object' || node === null) return;
        const properties = (node as { properties?: Record<string, { description?: string; title?: string }> }).properties;
        for (const [name, property] of Object.entries(properties ?? {})) {
          if (!property.title || !property.description) undocumented.push(`${where}.${name}`);
        }
        for (const [key, child] of Object.entries(node)) visit(child, `${where}.${key}`);
      };
      visit(schema, '$');
      assert.deepEqual(undocumented, []);
    });
  });
});
