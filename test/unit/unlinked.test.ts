import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActorMatcher } from '../../server/src/core/actors';
import { analyzeArticle, type AnnotationContext } from '../../server/src/core/analysis';
import { AnnotationIndex, parseAnnotationFile } from '../../server/src/core/annotations';
import { unlinkedMentionCode } from '../../server/src/core/unlinked';

const repoRoot = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'out' ? ['..'] : []));
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

function context(yamlFiles: { uri: string; text: string }[]): AnnotationContext {
  const index = AnnotationIndex.build(yamlFiles.map((f) => parseAnnotationFile(f.uri, f.text)));
  return { index, matcher: ActorMatcher.build(index.actors) };
}

const noAnnotations = context([]);

/** The text of each unlinked-mention hint, in order. */
function hints(text: string, annotations: AnnotationContext = noAnnotations, markdown = false): string[] {
  const analysis = analyzeArticle({ uri: 'file:///a.txt', relativePath: 'a.txt', text, markdown }, annotations);
  return analysis.findings.filter((f) => f.code === unlinkedMentionCode).map((f) => text.slice(f.start, f.end));
}

describe('unlinked mentions', function () {
  describe('finds names by their signs', function () {
    it('a name after a person’s title, capitalised or not, abbreviated or not', function () {
      assert.deepEqual(hints('The ministry’s spokeswoman Marta Ilves declined to comment.'), ['Marta Ilves']);
      assert.deepEqual(hints('Grid operators met Foreign Minister Tomas Brandt in Riga.'), ['Tomas Brandt']);
      assert.deepEqual(hints('A letter signed by Dr. Ingrid Saar was circulated.'), ['Ingrid Saar']);
      assert.deepEqual(hints('They waited for President Okonjo to arrive.'), ['Okonjo']);
    });

    it('a person’s name with a Korean hyphenated given name or a middle initial', function () {
      assert.deepEqual(hints('The delegation included Hwang Jin-woo and several aides.'), ['Hwang Jin-woo']);
      assert.deepEqual(hints('The memo reached Harold J. Whitcombe late.'), ['Harold J. Whitcombe']);
    });

    it('a two-word name followed by an apposition or a verb of saying', function () {
      assert.deepEqual(hints('Kaija Lindqvist, an energy economist in Helsinki, disagreed.'), ['Kaija Lindqvist']);
      assert.deepEqual(hints('In a statement Tarmo Vello said the cable was safe.'), ['Tarmo Vello']);
      assert.deepEqual(hints('“It will hold,” said Edgars Kalnins on Monday.'), ['Edgars Kalnins']);
    });

    it('institutions by their head word at either end', function () {
      assert.deepEqual(hints('A report by the Nordic Grid Institute warned of delays.'), ['Nordic Grid Institute']);
      assert.deepEqual(hints('She studied at the University of Tartu before joining the Ministry of Economic Affairs and Communications.'), [
        'University of Tartu',
        'Ministry of Economic Affairs and Communications',
      ]);
    });

    it('each of two names joined by “and”', function () {
      assert.deepEqual(hints('The deal was signed by Minister Aino Kask and Minister Jonas Petraitis.'), ['Aino Kask', 'Jonas Petraitis']);
    });

    it('leaves a title out of an institution’s name', function () {
      assert.deepEqual(hints('He later became Director of the National Cyber Security Office.'), ['National Cyber Security Office']);
    });
  });

  describe('stays quiet about', function () {
    it('capitalised phrases with nothing else that says they are names', function () {
      assert.deepEqual(hints('The Global Pivot Country idea came with an Indo-Pacific Strategy Paper. Western Allies said little.'), []);
      assert.deepEqual(hints('Cold War habits returned. New Zealand Prime Time aired it.'), []);
    });

    it('function words opening a sentence, months and weekdays', function () {
      assert.deepEqual(hints('However Professor said nothing. In March the talks resumed. On Monday Tuesday Group met.'), []);
    });

    it('names the annotations already cover, and dates', function () {
      const annotations = context([
        {
          uri: 'file:///w/annotations/actors.yaml',
          text: 'actors:\n  - id: marta-ilves\n    name: Marta Ilves\n    kind: person\n  - id: nordic-grid-institute\n    name: Nordic Grid Institute\n    kind: organization\n',
        },
      ]);
      assert.deepEqual(hints('Spokeswoman Marta Ilves quoted the Nordic Grid Institute report of May 2023.', annotations), []);
      // The covered name is cut out, and what remains still has to stand on its own.
      assert.deepEqual(hints('Marta Ilves and Professor Janis Ozols disagreed.', annotations), ['Janis Ozols']);
    });

    it('headings, the reference list and URLs', function () {
      const markdown = '# Inside the Nordic Grid Institute\n\nText here.\n\nSee https://example.org/Nordic-Grid-Institute for more.\n';
      assert.deepEqual(hints(markdown, noAnnotations, true), []);
      const plain = 'Body text cites a report.[1]\n\n[1] “Energy Outlook”, Nordic Grid Institute, https://example.org/r, (Access Date: 06.02.2024).\n';
      assert.deepEqual(hints(plain), []);
    });

    it('hostile input, without crashing', function () {
      for (const text of ['\uD800President \uDC00Okonjo', 'Dr.'.repeat(30000), 'A. '.repeat(30000), 'President ' + 'Okonjo '.repeat(20000), '\0University of\r\rOslo']) {
        assert.doesNotThrow(() => hints(text));
      }
    });
  });

  it('is precise on the corpus articles (hand-labelled)', function () {
    if (!fs.existsSync(corpusDir)) this.skip();
    const annotationsDir = path.join(repoRoot, 'annotations');
    const repoAnnotations = context(fs.readdirSync(annotationsDir).map((f) => ({ uri: `file:///repo/annotations/${f}`, text: fs.readFileSync(path.join(annotationsDir, f), 'utf8') })));
    // Every name in the three articles that a reader could annotate as an actor (people,
    // institutions, outlets), labelled by reading them. A hint whose text is not here is a false hint.
    const trueNames = new Set([
      'Shin Won-sik', 'Jens Stoltenberg', 'Cenk Tamer', 'Vladimir Putin', 'Kim Jong-un', 'Maria Zakharova', 'Andrei Lankov',
      'Park Won-gon', 'Lee Seong-hyon', 'Leif-Eric Easley', 'Kim Joon-hyung', 'Yoon Suk-yeol', 'Sergei Lavrov', 'Chung Eui-yong',
      'Ahn Young-joon', 'Moon Jae-in', 'Anthony V Rinna', 'North Atlantic Treaty Organisation', 'Sakarya University',
      'Gazi University', 'Department of International Relations', 'Department of Middle Eastern and African Studies',
      'UN Security Council', 'Kookmin University', 'Sejoing Institute', 'Ewha Womans University', 'Korea National Diplomatic Academy',
      'Foreign Ministry', 'East Asia Forum', 'Hankyoreh', 'Kremlin', 'Six-Party Talks', 'Sino-NK', 'ANKASAM', 'Bloomberg', 'Reuters',
    ]);
    const articles = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.txt'));
    for (const [label, annotations] of [['with the repository’s annotations', repoAnnotations], ['with no annotations', noAnnotations]] as const) {
      const found = articles.flatMap((f) => hints(fs.readFileSync(path.join(corpusDir, f), 'utf8'), annotations));
      const right = found.filter((name) => trueNames.has(name));
      const wrong = found.filter((name) => !trueNames.has(name));
      console.log(`      unlinked-mention precision (${label}): ${right.length}/${found.length} = ${Math.round((100 * right.length) / found.length)}%${wrong.length ? `; false: ${wrong.join(', ')}` : ''}`);
      assert.ok(found.length > 0, `no hints ${label}`);
      assert.ok(right.length / found.length >= 0.8, `precision below 80% ${label}: false hints ${wrong.join(', ')}`);
    }
  });
});
