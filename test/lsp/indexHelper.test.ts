import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { WorkspaceModel } from '../../server/src/core/workspace';
import { IndexHelper, indexArticles, type Folder } from '../../server/src/lsp/indexer';

const actors = `actors:
  - id: republic-of-varnia
    name: "Republic of Varnia"
    kind: country
    aliases: ["Varnia", "Ostrel"]
  - id: helga-morrin
    name: "Helga Morrin"
    kind: person
    family: last
  - id: northern-compact
    name: "Northern Compact"
    kind: organization
    aliases: ["the Compact"]
articles:
  - file: articles/a-007.txt
    title: "Varnia and the Compact"
    published: 2022-05-01
`;

/** Article i: its actors, dates and paragraphs vary with i, so the two threads get different work. */
function article(i: number): string {
  const lines = [
    `Report ${i}`,
    '',
    `On March ${(i % 27) + 1}, ${2000 + (i % 20)}, Helga Morrin said that Varnia would ${i % 2 ? 'join' : 'leave'} the Northern Compact.`,
    i % 3 ? `Morrin met officials in Ostrel in ${2010 + (i % 9)}; see https://example.org/Varnia/${i} for the minutes.` : 'Nothing was agreed.',
    '',
    `The Compact answered in April ${2005 + (i % 11)} that Republic of Varnia had been ${'consulted '.repeat(i % 4)}early.`,
    '',
    `[1] “Minutes ${i}”, Varnia Herald, https://example.org/${i}, (Access Date: 06.02.2024).`,
  ];
  return lines.join(i % 5 ? '\n' : '\r\n');
}

describe('indexing with a helper thread', function () {
  this.timeout(30000);
  let root: string;
  let files: string[];

  before(async function () {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'index-helper-'));
    await fs.mkdir(path.join(root, 'annotations'));
    await fs.mkdir(path.join(root, 'articles'));
    await fs.writeFile(path.join(root, 'annotations', 'actors.yaml'), actors);
    files = [];
    for (let i = 0; i < 180; i++) {
      const file = path.join(root, 'articles', `a-${String(i).padStart(3, '0')}.txt`);
      await fs.writeFile(file, article(i));
      files.push(file);
    }
    // One file is binary: it is skipped, whichever thread reads it.
    const binary = path.join(root, 'articles', 'a-binary.txt');
    await fs.writeFile(binary, Buffer.from([0x56, 0x00, 0x61]));
    files.push(binary);
  });
  after(() => fs.rm(root, { recursive: true, force: true }));

  async function index(withHelper: boolean): Promise<{ model: WorkspaceModel; skipped: string[] }> {
    const model = new WorkspaceModel();
    const yaml = path.join(root, 'annotations', 'actors.yaml');
    const uri = URI.file(yaml).toString();
    const text = await fs.readFile(yaml, 'utf8');
    model.setAnnotationFile(uri, text);
    const folders: Folder[] = [{ uri: URI.file(root).toString(), fsPath: root }];
    // The helper parses the actor file itself, as it does a workspace's. It is handed two slices before
    // this thread starts, so it always indexes some of the articles.
    const helper = withHelper ? IndexHelper.start({ annotations: model.annotationTexts(), maxBytes: 1 << 20, maxArticleLength: 1 << 20 }) : undefined;
    const skipped: string[] = [];
    const reported: number[] = [];
    await indexArticles(model, folders, files, 1 << 20, { report: (percentage) => reported.push(percentage) }, { isCancellationRequested: false }, (file) => skipped.push(file), helper);
    assert.equal(reported.at(-1), 100, 'progress ends at 100%');
    assert.deepEqual([...reported].sort((a, b) => a - b), reported, 'progress never goes back');
    return { model, skipped };
  }

  /** What the workspace views and references see of a model, with date values spelt out. */
  function observable(model: WorkspaceModel) {
    const summaries = model
      .corpusSummaries()
      .map(({ uri, title, corpus }) => {
        const dates: string[] = [];
        for (let i = 0; i < corpus.dates.length; i += 3) dates.push(`${corpus.dates[i]}-${corpus.dates[i + 1]}=${model.dateValues.value(corpus.dates[i + 2])}`);
        return { uri, title, dates, actorIds: corpus.actorIds, pairs: [...corpus.pairs] };
      })
      .sort((a, b) => a.uri.localeCompare(b.uri));
    const mentions = ['republic-of-varnia', 'helga-morrin', 'northern-compact'].map((id) => [id, model.mentionCount(id), [...model.mentionsOf(id)].sort()]);
    return { summaries, mentions };
  }

  it('gives the same summaries, dates and mentions as indexing on one thread', async function () {
    const alone = await index(false);
    const helped = await index(true);
    const expected = observable(alone.model);
    assert.equal(expected.summaries.length, 180);
    assert.ok(expected.summaries.some((s) => s.dates.length > 0) && expected.mentions.every(([, count]) => (count as number) > 100), 'the articles have dates and mentions to compare');
    assert.equal(expected.summaries.find((s) => s.uri.endsWith('a-007.txt'))?.title, 'Varnia and the Compact');
    assert.deepEqual(observable(helped.model), expected);
    assert.deepEqual(helped.skipped, alone.skipped);
    assert.deepEqual(alone.skipped, [files.at(-1)]);
  });
});
