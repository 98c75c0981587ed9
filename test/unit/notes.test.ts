import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNotesFile } from '../../server/src/core/notes';
import { repoRoot } from '../fuzz/inputs';
import { assertAgreement, loadSchema } from '../support/schemas';
import { yaml } from '../support/text';

const notesUri = 'file:///ws/annotations/notes/articles/port.txt.yaml';


describe('schemas/notes.schema.json', () => {
  const { validate } = loadSchema<object>('schemas/notes.schema.json');

  /** What the schema can express: shape and values, not that ids are unique. */
  const readerRejects = (text: string): boolean => parseNotesFile(notesUri, text).findings.some((f) => f.code === 'schema');

  const note = (...lines: string[]) => yaml('article: articles/port.txt', 'notes:', '  - id: n-1', '    quote: the northern pier', ...lines.map((line) => '    ' + line));
  const samples: string[] = [
    '',
    '[]',
    'text',
    'article: articles/port.txt',
    'version: 1\narticle: articles/port.txt',
    'version: 2\narticle: articles/port.txt',
    'version:\narticle: articles/port.txt',
    'notes: []',
    'article:',
    'article: 5',
    'article: articles/port.txt\nnotes:',
    'article: articles/port.txt\nnotes: {}',
    'article: articles/port.txt\nnotes: [text]',
    'article: articles/port.txt\nextra: 1',
    note(),
    note('prefix: "before "', 'suffix: " after"', 'offset: 12', 'created: 2024-05-01T10:00:00.000Z', 'resolved: true', 'tags: [grid, 2024]', 'body: Some *Markdown*.'),
    note('prefix:', 'suffix:', 'offset:', 'created:', 'resolved:', 'tags:', 'body:', 'replies:'),
    note('offset: -1'),
    note('offset: 1.5'),
    note('offset: "12"'),
    note('resolved: "yes"'),
    note('tags: grid'),
    note('tags: 7'),
    note('tags: true'),
    note('tags: [grid, ""]'),
    note('tags: [~]'),
    note('tags: {a: b}'),
    note('body: 5'),
    note('prefix: [a]'),
    note('rating: 5'),
    note('replies: []'),
    note('replies: {}'),
    note('replies:', '  - body: A reply.'),
    note('replies:', '  - id: r-1', '    created: 2024-05-02T08:00:00.000Z', '    body: A reply.'),
    note('replies:', '  - body: ""'),
    note('replies:', '  - id: r-1'),
    note('replies:', '  - body:'),
    note('replies:', '  - body: A reply.', '    mood: calm'),
    note('replies:', '  - id: 5', '    body: A reply.'),
    note('replies:', '  - just text'),
    yaml('article: articles/port.txt', 'notes:', '  - quote: the northern pier'),
    yaml('article: articles/port.txt', 'notes:', '  - id: n-1'),
    yaml('article: articles/port.txt', 'notes:', '  - id: "  "', '    quote: the northern pier'),
    yaml('article: articles/port.txt', 'notes:', '  - id: 7', '    quote: the northern pier'),
    yaml('article: articles/port.txt', 'notes:', '  - id: n-1', '    quote: ""'),
    yaml('article: articles/port.txt', 'notes:', '  - id: n-1', '    quote: " "'),
    yaml('article: articles/port.txt', 'notes:', '  - id: n-1', '    quote:'),
  ];

  it('agrees with the reader on which documents are invalid', () => {
    assertAgreement(validate, readerRejects, samples, 10);
  });

  it('is what the package points the YAML extension at, for files under annotations/notes/', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string[]; url: string }[] } };
    const entry = manifest.contributes.yamlValidation.find((v) => v.url === './schemas/notes.schema.json');
    assert.deepEqual(entry?.fileMatch, ['annotations/notes/**/*.yaml', 'annotations/notes/**/*.yml']);
  });
});
