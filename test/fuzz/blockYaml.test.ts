import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { readBlockYaml } from '../../server/src/core/blockYaml';
import { nodeSpan } from '../../server/src/core/yamlTree';
import { fuzz, mutate, mutations, repoRoot, yamlFragment } from './inputs';

/** A tree as the annotation readers see it: kinds, values and spans. */
function shape(text: string, node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  const { start, end } = nodeSpan(text, node);
  if (isMap(node)) return { map: node.items.map((pair) => [shape(text, pair.key as Node), shape(text, pair.value as Node)]), start, end, flow: Boolean(node.flow) };
  if (isSeq(node)) return { seq: node.items.map((item) => shape(text, item as Node)), start, end, flow: Boolean(node.flow) };
  if (isScalar(node)) return { value: Number.isNaN(node.value) ? 'NaN' : node.value, type: typeof node.value, start, end };
  return { alias: isAlias(node), start, end };
}

/** Whatever the fast reader accepts is valid YAML that the yaml package reads to the same tree. */
function assertReadAsYamlDoes(text: string): boolean {
  const fast = readBlockYaml(text);
  if (!fast) return false;
  const document = parseDocument(text, { schema: 'core' });
  assert.deepEqual([...document.errors, ...document.warnings].map((problem) => problem.message), [], `accepted invalid YAML:\n${text}`);
  assert.deepEqual(shape(text, fast.root), shape(text, document.contents as Node | null), `read differently:\n${text}`);
  return true;
}

const yamlFiles = ['annotations', 'sample/annotations'].flatMap((folder) =>
  fs
    .readdirSync(path.join(repoRoot, folder))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => path.join(repoRoot, folder, name)),
);

/** Block YAML as people write it, every scalar style and core type included. */
const blockYaml = `# every form the fast reader takes
version: 1
actors:
  - id: an-actor   # trailing comment
    name: "Quoted \\"name\\" with \\u00e9 and \\x41"
    kind: 'single ''quoted'''
    aliases: [One, "Two", 'Three', 4, -5, .5, 0x1F, 0o17, true, ~, null, .inf, -.Inf, .NaN, 1e3, +12]
    summary: Plain text:with a colon, C#, 50% and [brackets]
    background: |
      First line
        indented line

      after a blank
    note: >-
      folded
      lines

      kept apart
    keep: |+
      kept

    empty:
    links:
    - https://example.org/a?b=c&d=e#f
    -
      nested: map
articles:
- file: a.txt
  published: 2024-02-06
  year: 2023
`;

const blockFragments = fc.constantFrom('|\n', '|-\n', '>+\n', '>\n', '\n      more', '\n\n', '\n  ', ' # c', '"\\t"', "'a''b'", '[a, b]', '[]', '- ', '\n- x', ': ', 'key: value\n', '\\u263A', '\\', '  ');

describe('the fast block YAML reader', () => {
  it("reads the repository's and the sample's YAML files itself, exactly as the yaml package does", () => {
    assert.ok(yamlFiles.length >= 5);
    for (const file of yamlFiles) assert.ok(assertReadAsYamlDoes(fs.readFileSync(file, 'utf8')), `${file} took the slow path`);
    assert.ok(assertReadAsYamlDoes(blockYaml), 'the sample of every form took the slow path');
  });

  it('leaves YAML outside its subset to the yaml package', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: {b: c}\n', '? a\n: b\n', '---\na: 1\n', 'a: 1\na: 2\n', 'a:\n\t- b\n', 'a: "multi\n  line"\n', 'a: b\n  c\n', '- - a\n']) {
      assert.equal(readBlockYaml(text), undefined, JSON.stringify(text));
    }
  });

  const sources = [...yamlFiles.map((file) => fs.readFileSync(file, 'utf8')), blockYaml];
  fuzz(
    'reads whatever it accepts of mutated files exactly as the yaml package does',
    fc.tuple(fc.constantFrom(...sources), mutations(fc.oneof(yamlFragment, blockFragments), 4)),
    ([text, edits]) => {
      assertReadAsYamlDoes(mutate(text, edits));
    },
  );
});
