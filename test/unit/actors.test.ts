import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { ActorMatcher, type ActorPatternSource } from '../../server/src/core/actors';
import type { ActorMention } from '../../server/src/core/model';
import { CancelledError } from '../../server/src/core/types';

function actor(id: string, name: string, ...aliases: string[]): ActorPatternSource {
  return { id, name, aliases };
}

/**
 * The actors behind an actor with 1,500 one-character aliases the tests' texts never contain:
 * the alphabet grows so large that the automaton keeps the other patterns' states as sparse edges
 * rather than dense rows, so both representations get exercised.
 */
function withWideAlphabet(actors: readonly ActorPatternSource[]): ActorPatternSource[] {
  const cjk = Array.from({ length: 1500 }, (_, i) => String.fromCharCode(0x4e00 + i));
  return [actor('cjk', cjk[0], ...cjk.slice(1)), ...actors];
}

/** Mentions as a reader sees them, `actorId:text`, after checking each one's span against the text. */
function found(actors: readonly ActorPatternSource[], text: string): string[] {
  return ActorMatcher.build(actors)
    .match(text)
    .map((mention) => {
      assert.equal(text.slice(mention.start, mention.end), mention.text);
      return `${mention.actorId}:${mention.text}`;
    });
}

type Case = [text: string, expected: string[]];

/** One `it` per row: the row's text must yield exactly the expected mentions. */
function table(actors: readonly ActorPatternSource[], cases: readonly Case[]): void {
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected.length ? JSON.stringify(expected) : 'nothing'}`, () => {
      assert.deepEqual(found(actors, text), expected);
    });
  }
}

/** The corpus shared by all workers: ../shared/corpus next to the repository root. */
function corpusFile(name: string): string {
  let root = __dirname;
  while (!fs.existsSync(path.join(root, 'package.json'))) {
    if (path.dirname(root) === root) throw new Error(`no package.json above ${__dirname}`);
    root = path.dirname(root);
  }
  return path.resolve(root, '..', 'shared', 'corpus', name);
}

describe('ActorMatcher', () => {
  describe('rule 1: every name and alias is a pattern', () => {
    const actors = [actor('rok', 'South Korea', 'Seoul', 'ROK'), actor('putin', 'Vladimir Putin', 'Putin')];
    table(actors, [
      ['South Korea and Seoul, the ROK.', ['rok:South Korea', 'rok:Seoul', 'rok:ROK']],
      ['Vladimir Putin; later Putin alone.', ['putin:Vladimir Putin', 'putin:Putin']],
      ['Nothing relevant here.', []],
      ['', []],
    ]);

    it('reports offsets of the mention in the original text', () => {
      const text = 'In Seoul, officials met.';
      assert.deepEqual(ActorMatcher.build(actors).match(text), [{ start: 3, end: 8, actorId: 'rok', text: 'Seoul' }]);
    });

    it('finds nothing with no actors', () => {
      assert.deepEqual(found([], 'South Korea and the US'), []);
    });
  });

  describe('rule 2: a mention stands between non-word characters', () => {
    describe('hyphens, dashes and punctuation are boundaries', () => {
      const actors = [actor('rok', 'ROK', 'Korea'), actor('us', 'US', 'U.S.'), actor('jp', 'Japan')];
      table(actors, [
        ['Korea-US-Japan', ['rok:Korea', 'us:US', 'jp:Japan']],
        ['ROK-U.S.', ['rok:ROK', 'us:U.S.']],
        ['the U.S.-led talks', ['us:U.S.']],
        ['Korea–Japan—US', ['rok:Korea', 'jp:Japan', 'us:US']],
        ['(US), [Japan]; "ROK"!', ['us:US', 'jp:Japan', 'rok:ROK']],
        ['US/Japan', ['us:US', 'jp:Japan']],
        ['US', ['us:US']],
        ['\nJapan\n', ['jp:Japan']],
      ]);
    });

    describe('letters and digits are not', () => {
      const actors = [actor('us', 'US', 'U.S.'), actor('jp', 'Japan'), actor('ankara', 'Ankara')];
      table(actors, [
        ['USA and AUS', []],
        ['US1 and 2US', []],
        ['Japanese goods', []],
        ['U.S.A. and U.S.S.R.', []],
        ['Ankara3', []],
      ]);
    });

    describe('Unicode letters, marks, digits and characters outside the BMP', () => {
      const actors = [actor('ankara', 'Ankara'), actor('tr', 'Türkiye'), actor('us', 'US'), actor('beijing', '北京')];
      table(actors, [
        ['Ankara’s position', ['ankara:Ankara']],
        ['Türkiye and Türkiye’s allies', ['tr:Türkiye', 'tr:Türkiye']],
        ['Türkiyeli', []],
        ['éAnkara and Ankaraé', []],
        ['Ankara\u0301', []],
        ['\u0301Ankara', []],
        ['US٣', []],
        ['𝐀US and US𝐀', []],
        ['😀US😀', ['us:US']],
        ['美国US', []],
        ['美国 US', ['us:US']],
        ['「US」', ['us:US']],
        ['在北京市', []],
        ['（北京）', ['beijing:北京']],
        ['\uD800US\uDC00', ['us:US']],
      ]);
    });

    describe('composed and decomposed letters (NFC and NFD) are the same name', () => {
      // "Erdoğan" written with ğ, and with g and a combining breve (as text copied from a PDF often is).
      const composed = 'Erdo\u011fan';
      const decomposed = 'Erdog\u0306an';
      table([actor('erdogan', composed, 'Recep Tayyip Erdo\u011fan')], [
        [`${decomposed} said`, [`erdogan:${decomposed}`]],
        [`President Recep Tayyip ${decomposed}`, [`erdogan:Recep Tayyip ${decomposed}`]],
        [`${composed} said`, [`erdogan:${composed}`]],
        ['Erdogan said', []],
      ]);
      table([actor('erdogan', decomposed)], [[`${composed} and ${decomposed}`, [`erdogan:${composed}`, `erdogan:${decomposed}`]]]);
    });
  });

  describe('rule 3: a one-word pattern matches exactly, case included', () => {
    const actors = [actor('us', 'US', 'U.S.'), actor('shin', 'Shin Won-sik', 'Shin'), actor('nato', 'NATO'), actor('brien', "O'Brien")];
    table(actors, [
      ['US', ['us:US']],
      ['us Us uS', []],
      ['Shin said', ['shin:Shin']],
      ['shin and SHIN', []],
      ['U.S. but not u.s.', ['us:U.S.']],
      ['NATO, not Nato', ['nato:NATO']],
      ["O’Brien and O'BRIEN", ['brien:O’Brien']],
    ]);
  });

  describe('rule 4: a multi-word pattern keeps its first letter and ignores the case of the rest', () => {
    const actors = [
      actor('yoon', 'Yoon Suk-yeol'),
      actor('kim', 'Kim Jong-un'),
      actor('tamer', 'Cenk Tamer'),
      actor('won', 'Won-sik'),
    ];
    describe('matches', () => {
      table(actors, [
        ['Yoon Suk-yeol', ['yoon:Yoon Suk-yeol']],
        ['Yoon Suk Yeol', ['yoon:Yoon Suk Yeol']],
        ['Yoon Suk-Yeol', ['yoon:Yoon Suk-Yeol']],
        ['YOON SUK-YEOL', ['yoon:YOON SUK-YEOL']],
        ['Yoon  Suk\tyeol', ['yoon:Yoon  Suk\tyeol']],
        ['Yoon\r\nSuk-yeol', ['yoon:Yoon\r\nSuk-yeol']],
        ['Yoon\u00A0Suk–yeol', ['yoon:Yoon\u00A0Suk–yeol']],
        ['Kim Jong Un', ['kim:Kim Jong Un']],
        ['Kim\r\n\r\nJong-un', ['kim:Kim\r\n\r\nJong-un']],
        ['Cenk TAMER', ['tamer:Cenk TAMER']],
        ['Won sik and Won-Sik', ['won:Won sik', 'won:Won-Sik']],
      ]);
    });
    describe('does not match', () => {
      table(actors, [
        ['yoon Suk-yeol', []],
        ['kim Jong-un', []],
        ['cenk Tamer', []],
        ['won-sik', []],
        ['Yoon Sukyeol', []],
        ['Yoon Suk--yeol', []],
        ['Yoon Suk - yeol', []],
        ['Kim Jong-\r\nun', []],
        ['Yoon Suk_yeol and Yoon Suk.yeol', []],
        ['Kim Jong-unification', []],
      ]);
    });
  });

  describe('rule 5: apostrophes are one character, and a possessive stays outside the mention', () => {
    const actors = [actor('ci', "Côte d'Ivoire"), actor('allies', 'Allies'), actor('ankara', 'Ankara'), actor('yoon', 'Yoon Suk-yeol'), actor('us', 'U.S.')];
    table(actors, [
      ["Côte d'Ivoire", ["ci:Côte d'Ivoire"]],
      ['Côte d’Ivoire', ['ci:Côte d’Ivoire']],
      ['Côte d‘Ivoire', ['ci:Côte d‘Ivoire']],
      ['Côte dʼIvoire', ['ci:Côte dʼIvoire']],
      ['Côte d"Ivoire', []],
      ['Côte d’Ivoire’s cocoa', ['ci:Côte d’Ivoire']],
      ["Ankara's and Ankara’s", ['ankara:Ankara', 'ankara:Ankara']],
      ['the Allies’ plan', ['allies:Allies']],
      ['Yoon Suk-yeol’s party', ['yoon:Yoon Suk-yeol']],
      ['the U.S.’s role', ['us:U.S.']],
    ]);

    it('also reads a curly-apostrophe pattern in text with straight ones', () => {
      assert.deepEqual(found([actor('ci', 'Côte d’Ivoire')], "in Côte d'Ivoire"), ["ci:Côte d'Ivoire"]);
    });

    it('excludes the possessive from the range', () => {
      const [mention] = ActorMatcher.build(actors).match('Ankara’s');
      assert.deepEqual([mention.start, mention.end, mention.text], [0, 6, 'Ankara']);
    });
  });

  describe('rule 6: leftmost-longest, no overlaps', () => {
    const actors = [
      actor('korea', 'Korea'),
      actor('nk', 'North Korea'),
      actor('wapo', 'The Washington Post'),
      actor('us', 'Washington'),
      actor('ny', 'New York'),
      actor('times', 'York Times'),
      actor('rok', 'South Korea', 'South'),
    ];
    table(actors, [
      ['North Korea and Korea', ['nk:North Korea', 'korea:Korea']],
      ['North Korea’s', ['nk:North Korea']],
      ['The Washington Post reported from Washington', ['wapo:The Washington Post', 'us:Washington']],
      ['the Washington Post', ['us:Washington']],
      ['South Korea, the South', ['rok:South Korea', 'rok:South']],
      ['New York Times', ['ny:New York']],
      ['North Koreans', []],
    ]);

    it('finds a name that begins inside a longer name broken off part-way', () => {
      const names = [actor('rok', 'South Korea'), actor('kim', 'Kim Jong-un'), actor('jong', 'Jong Suk'), actor('a3', 'a a a b')];
      for (const actors of [names, withWideAlphabet(names)]) {
        assert.deepEqual(found(actors, 'South Kim Jong-un'), ['kim:Kim Jong-un']);
        assert.deepEqual(found(actors, 'Kim Jong Suk'), ['jong:Jong Suk']);
        assert.deepEqual(found(actors, 'a a a a a b'), ['a3:a a a b']);
      }
    });

    it('lets the longest of same-start candidates win whichever actor came first', () => {
      assert.deepEqual(found([actor('south', 'South'), actor('rok', 'South Korea')], 'South Korea'), ['rok:South Korea']);
    });
  });

  describe('rule 7: patterns are literal text', () => {
    const metacharacters = ['(a+)+$', '.*', '[', '\\', 'a|b', '^US$', '?', '{2}', '$1'];
    const actors = metacharacters.map((pattern, index) => actor(`m${index}`, pattern));
    table(actors, [
      ['aaaa!', []],
      ['see (a+)+$ here', ['m0:(a+)+$']],
      ['any .* thing', ['m1:.*']],
      ['a [ b', ['m2:[']],
      ['a \\ b', ['m3:\\']],
      ['a|b and ab', ['m4:a|b']],
      ['^US$ but not US', ['m5:^US$']],
      ['why ? so', ['m6:?']],
      ['x{2} and {2}', ['m7:{2}']],
      ['cost $1 each', ['m8:$1']],
    ]);

    it('stays correct on a 100k-character input that defeats backtracking regexes', () => {
      const matcher = ActorMatcher.build([actor('evil', '(a+)+$', '(a|a)*b', 'a a a a a a a a a b'), actor('a', 'a')]);
      assert.deepEqual(matcher.match('a'.repeat(100_000) + '!'), []);
      const spaced = 'a '.repeat(50_000);
      const mentions = matcher.match(spaced);
      assert.equal(mentions.length, 50_000);
      assert.ok(mentions.every((mention, index) => mention.actorId === 'a' && mention.start === 2 * index));
    });
  });

  describe('pattern hygiene and collisions', () => {
    it('ignores empty and whitespace-only patterns, and trims the others', () => {
      const matcher = ActorMatcher.build([actor('a', 'Seoul', '', '   ', '\n'), actor('b', '  Moscow  ', '', '\t')]);
      assert.deepEqual(matcher.collisions, []);
      assert.deepEqual(
        matcher.match('Seoul and Moscow').map((m) => m.text),
        ['Seoul', 'Moscow'],
      );
    });

    it('treats a pattern repeated by one actor as one, not as a collision', () => {
      const matcher = ActorMatcher.build([actor('us', 'US', 'US', ' US'), actor('kim', 'Kim Jong-un', 'Kim Jong Un')]);
      assert.deepEqual(matcher.collisions, []);
      assert.deepEqual(
        matcher.match('US and Kim Jong Un').map((m) => m.actorId),
        ['us', 'kim'],
      );
    });

    it('reports a pattern two actors share and gives its mentions to the first in input order', () => {
      const country = actor('georgia-country', 'Georgia', 'Sakartvelo');
      const state = actor('georgia-state', 'Georgia', 'GA');
      const matcher = ActorMatcher.build([country, state]);
      assert.deepEqual(matcher.collisions, [{ pattern: 'Georgia', actorIds: ['georgia-country', 'georgia-state'] }]);
      assert.deepEqual(found([country, state], 'Georgia and GA'), ['georgia-country:Georgia', 'georgia-state:GA']);
      assert.deepEqual(found([state, country], 'Georgia'), ['georgia-state:Georgia']);
    });

    it('compares patterns by their normalised form', () => {
      const matcher = ActorMatcher.build([actor('a', 'Kim Jong-un'), actor('b', 'KIM JONG UN'), actor('c', "Côte d'Ivoire"), actor('d', 'Côte d’Ivoire')]);
      assert.deepEqual(matcher.collisions, [
        { pattern: 'Kim Jong-un', actorIds: ['a', 'b'] },
        { pattern: "Côte d'Ivoire", actorIds: ['c', 'd'] },
      ]);
    });

    it('counts a name written composed by one actor and decomposed by another as one collision', () => {
      const matcher = ActorMatcher.build([actor('a', '\u00c7elik'), actor('b', 'C\u0327elik')]);
      assert.deepEqual(matcher.collisions, [{ pattern: '\u00c7elik', actorIds: ['a', 'b'] }]);
    });

    it('still tells apart one-word patterns that differ only in case', () => {
      const actors = [actor('us', 'US'), actor('pronoun', 'us')];
      assert.deepEqual(ActorMatcher.build(actors).collisions, [{ pattern: 'US', actorIds: ['us', 'pronoun'] }]);
      assert.deepEqual(found(actors, 'US and us'), ['us:US', 'pronoun:us']);
    });
  });

  describe('robustness', () => {
    const actors = [actor('us', 'US', 'U.S.'), actor('kim', 'Kim Jong-un'), actor('ci', "Côte d'Ivoire"), actor('emoji', '😀 Club')];

    it('survives odd text: BOM, NUL, lone CR, lone surrogates, a 100k-character line', () => {
      const matcher = ActorMatcher.build(actors);
      assert.deepEqual(
        matcher.match('\uFEFFUS\u0000Kim\rJong-un\uD83D').map((m) => m.text),
        ['US', 'Kim\rJong-un'],
      );
      assert.deepEqual(
        matcher.match('😀 Club and 😀\nclub').map((m) => m.text),
        ['😀 Club', '😀\nclub'],
      );
      assert.equal(matcher.match('x'.repeat(100_000) + ' US').length, 1);
    });

    it('returns sorted, non-overlapping mentions bounded by non-word characters on arbitrary text', () => {
      const matcher = ActorMatcher.build(actors);
      const isWord = (char: string) => /^[\p{L}\p{N}\p{M}]$/u.test(char);
      const noise = fc.string({ unit: 'binary', maxLength: 60 });
      fc.assert(
        fc.property(noise, fc.constantFrom('US', 'U.S.', 'Kim\r\nJONG-UN'), noise, (before, planted, after) => {
          const text = `${before} ${planted} ${after}`;
          const mentions = matcher.match(text);
          let covered = 0;
          for (const mention of mentions) {
            assert.ok(mention.start >= covered && mention.end > mention.start);
            assert.equal(text.slice(mention.start, mention.end), mention.text);
            assert.ok(!isWord([...text.slice(0, mention.start)].pop() ?? ' '));
            assert.ok(!isWord([...text.slice(mention.end)][0] ?? ' '));
            covered = mention.end;
          }
          assert.ok(mentions.some((m) => m.start === before.length + 1 && m.text === planted));
        }),
        { numRuns: 200 },
      );
    });

    it('agrees with a direct, regex-based reading of the rules on random near-miss text', () => {
      const vocabulary = ['US', 'us', 'U.S.', 'Korea', 'South Korea', 'Kim Jong-un', 'Jong', 'a', 'a a', 'é', "Côte d'Ivoire", 'd’Ivoire', '(a+)+$', 'Ab-cd', 'ab cd', 'S.'];
      // Single characters, pieces of the vocabulary and whole entries, so that names break off and restart.
      const fragments = [...vocabulary, 'South K', 'Kim Jong', 'Côte d', 'U.S', 'a a a', 'US', 'us', 'U', 'S', '.', 'Korea', 'korea', 'South', 'Kim', 'KIM', 'Jong', 'un', 'Un', 'a', 'é', 'É', 'Côte', 'côte', 'd', 'Ivoire', 'ab', 'Ab', 'cd', '(', 'a+', ')', '+', '$', ' ', '  ', '\r\n', '\t', '-', '–', '--', '’', "'", 's', 'x', '1', '𝐀', '😀'];
      const actorList = fc
        .array(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 })
        .map((lists) => lists.map(([name, ...aliases], index) => actor(`a${index}`, name, ...aliases)));
      const text = fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(actorList, text, (actors, source) => {
          const spans = (mentions: Pick<ActorMention, 'start' | 'end' | 'actorId'>[]) => mentions.map((m) => `${m.actorId}@${m.start}-${m.end}`);
          const expected = spans(referenceMatch(actors, source));
          assert.deepEqual(spans(ActorMatcher.build(actors).match(source)), expected);
          assert.deepEqual(spans(ActorMatcher.build(withWideAlphabet(actors)).match(source)), expected);
        }),
        { numRuns: 300 },
      );
    });

    it('stops when cancelled', () => {
      const matcher = ActorMatcher.build(actors);
      assert.throws(() => matcher.match('US', { isCancellationRequested: true }), CancelledError);
    });
  });

  describe('scale', () => {
    it('finds exactly the planted mentions among 5,000 actors and 10,000 aliases', () => {
      const letters = (n: number) => {
        let word = '';
        for (let rest = n; word.length < 4; rest = Math.floor(rest / 26)) word += String.fromCharCode(97 + (rest % 26));
        return word;
      };
      const capital = (word: string) => word[0].toUpperCase() + word.slice(1);
      const people = Array.from({ length: 5000 }, (_, i) => {
        const given = capital(letters(i)) + 'ov';
        const family = capital(letters(i).split('').reverse().join('')) + 'ski';
        return { given, family, ...actor(`p${i}`, `${given} ${family}`, `X${letters(i).toUpperCase()}`, `${family}-${given}`) };
      });
      const matcher = ActorMatcher.build(people);
      assert.deepEqual(matcher.collisions, []);

      let text = '';
      const expected: string[] = [];
      const plant = (written: string, id: string) => {
        expected.push(`${id}@${text.length}:${written}`);
        text += written;
      };
      for (let i = 0; i < people.length; i += 7) {
        const { given, family, id, aliases } = people[i];
        text += 'On Monday ';
        plant(`${given} ${family.toUpperCase()}`, id);
        text += ' met ';
        plant(aliases[0], id);
        text += ' and ';
        plant(`${family}\n${given}`, id);
        text += `’s aides; ${aliases[0].toLowerCase()} and ${given}${family} were not there, nor ${given} ${family}ian.\n`;
      }
      assert.deepEqual(
        matcher.match(text).map((m) => `${m.actorId}@${m.start}:${m.text}`),
        expected,
      );
    });
  });

  describe('a real article (corpus 001)', () => {
    const actors = [
      actor('shin-won-sik', 'Shin Won-sik', 'Shin'),
      actor('kim-jong-un', 'Kim Jong-un'),
      actor('yoon-suk-yeol', 'Yoon Suk-yeol'),
      actor('vladimir-putin', 'Vladimir Putin', 'Putin'),
      actor('andrei-lankov', 'Andrei Lankov', 'Lankov'),
      actor('south-korea', 'South Korea', 'Seoul'),
      actor('north-korea', 'North Korea', 'Pyongyang'),
      actor('korea', 'Korea'),
      actor('us', 'United States', 'US', 'Washington'),
      actor('russia', 'Russia', 'Moscow'),
      actor('ukraine', 'Ukraine', 'Kyiv'),
    ];
    let text = '';
    let mentions: ActorMention[] = [];
    before(() => {
      text = fs.readFileSync(corpusFile('001_d244fc5f7e0565cb.txt'), 'utf8');
      mentions = ActorMatcher.build(actors).match(text);
    });
    const written = (id: string) => mentions.filter((m) => m.actorId === id).map((m) => m.text);
    const count = (id: string, form: string) => written(id).filter((w) => w === form).length;

    it('finds each actor as often as the article names it', () => {
      const counts = Object.fromEntries(actors.map(({ id }) => [id, written(id).length]));
      assert.deepEqual(counts, {
        'shin-won-sik': 3,
        'kim-jong-un': 2,
        'yoon-suk-yeol': 1,
        'vladimir-putin': 3,
        'andrei-lankov': 3,
        'south-korea': 34,
        'north-korea': 14,
        korea: 1,
        us: 16,
        russia: 28,
        ukraine: 17,
      });
    });

    it('separates the forms: full names, aliases, and Korea inside longer names', () => {
      assert.equal(count('shin-won-sik', 'Shin Won-sik'), 1);
      assert.equal(count('vladimir-putin', 'Vladimir Putin'), 2);
      assert.equal(count('south-korea', 'South Korea'), 19);
      assert.equal(count('north-korea', 'North Korea'), 8);
      assert.equal(count('us', 'US'), 9);
      assert.equal(count('us', 'United States'), 2);
      assert.equal(count('russia', 'Moscow'), 4);
      // The only bare "Korea" is the academy's name; South Korea, North Korea and Korean never yield it.
      const [korea] = mentions.filter((m) => m.actorId === 'korea');
      assert.ok(text.startsWith('Korea National Diplomatic Academy', korea.start));
    });

    it('keeps possessives out of the mentions', () => {
      // South Korea’s ×4, North Korea’s, Seoul’s ×5, Russia’s ×6, Shin’s, Washington’s, Ukraine’s, Yoon Suk-yeol’s.
      const possessive = mentions.filter((m) => /^['’]/.test(text.slice(m.end)));
      assert.equal(possessive.length, 20);
      assert.ok(mentions.every((m) => !/['’]s?$/.test(m.text)));
    });
  });
});

/**
 * The rules read directly, one anchored regex per pattern at every position: slow, but independent
 * of the automaton's normalisation, failure links and boundary shortcuts.
 */
function referenceMatch(actors: readonly ActorPatternSource[], text: string): ActorMention[] {
  const word = '[\\p{L}\\p{N}\\p{M}]';
  const canonical = (char: string) => (/\s/.test(char) ? ' ' : /\p{Pd}/u.test(char) ? '-' : "'‘’ʼ".includes(char) ? "'" : char);
  const patterns = actors.flatMap((a) =>
    [a.name, ...a.aliases]
      .map((pattern) => pattern.trim())
      .filter((pattern) => pattern !== '')
      .map((pattern) => {
        const source = pattern.replace(/\s+|\p{Pd}|['‘’ʼ]|[\\^$.*+?()[\]{}|/]/gu, (piece) =>
          /^[\s\p{Pd}]/u.test(piece) ? '(?:\\s+|\\p{Pd})' : "'‘’ʼ".includes(piece) ? "['‘’ʼ]" : `\\${piece}`,
        );
        const multiWord = /[\s\p{Pd}]/u.test(pattern);
        const regex = new RegExp(`(?<!${word})(?:${source})(?!${word})`, multiWord ? 'iuy' : 'uy');
        return { actorId: a.id, first: canonical(pattern[0]), regex };
      }),
  );
  const candidates: ActorMention[] = [];
  for (let start = 0; start < text.length; start++) {
    for (const { actorId, first, regex } of patterns) {
      regex.lastIndex = start;
      const hit = regex.exec(text);
      if (hit && canonical(text[start]) === first) candidates.push({ start, end: start + hit[0].length, actorId, text: hit[0] });
    }
  }
  // A stable sort keeps, for equal spans, the first actor in input order ahead.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: ActorMention[] = [];
  for (const candidate of candidates) {
    if (chosen.length === 0 || candidate.start >= chosen[chosen.length - 1].end) chosen.push(candidate);
  }
  return chosen;
}
