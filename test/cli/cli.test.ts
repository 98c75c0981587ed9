import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusDir, repoRoot, sampleDir } from '../support/lspClient';

const cli = path.join(repoRoot, 'dist', 'cli.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd = repoRoot): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface AnalyzeOutput {
  version: number;
  files: {
    path: string;
    error?: string;
    actors: { id: string; text: string; range: Range }[];
    dates: { text: string; value: string | null; range: Range }[];
    citations: { label: string; range: Range; reference: number | null }[];
    published: string | null;
    references: { label: string; range: Range; title: string | null; outlet: string | null; url: string | null; accessed: string | null }[];
    diagnostics: { code: string; severity: string; message: string; range: Range }[];
  }[];
}

/** The text a range covers, so assertions check positions against the file itself. */
function slice(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

describe('CLI: analyze', function () {
  const article000 = path.join(corpusDir, '000_624a0c400f302594.txt');

  it('reports corpus article 000: 3 markers, 3 references, no undefined citation, a warning on reference 3', async function () {
    const result = await run(['analyze', '--annotations', 'annotations', '--format', 'json', article000]);
    assert.equal(result.code, 0, result.stderr);
    const output = JSON.parse(result.stdout) as AnalyzeOutput;
    assert.equal(output.version, 1);
    const [file] = output.files;
    assert.equal(file.citations.length, 3);
    assert.equal(file.references.length, 3);
    assert.ok(file.citations.every((c) => c.reference !== null && file.references[c.reference].label === c.label));
    assert.equal(file.diagnostics.filter((d) => d.code === 'undefined-citation').length, 0);
    const warningsOn3 = file.diagnostics.filter((d) => d.severity === 'warning' && d.range.start.line === file.references[2].range.start.line);
    assert.ok(warningsOn3.length >= 1, JSON.stringify(file.diagnostics));
    assert.equal(file.references[0].accessed, '2024-02-06');
    assert.match(file.references[1].url ?? '', /^https:\/\/www\.scmp\.com\//);
    assert.equal(file.published, '2024-02-06', 'the annotation’s publication date');
    assert.deepEqual(
      file.references.map((r) => r.outlet),
      ['AA', 'SCMP', 'The Government of Republic of Korea'],
    );
  });

  it('gives positions that point at the text they name (0-based lines, UTF-16 characters)', async function () {
    const text = await fs.readFile(article000, 'utf8');
    const output = JSON.parse((await run(['analyze', '--annotations', 'annotations', article000])).stdout) as AnalyzeOutput;
    const [file] = output.files;
    assert.ok(file.actors.length > 20);
    for (const actor of file.actors) assert.equal(slice(text, actor.range).replace(/\s+/g, ' '), actor.text.replace(/\s+/g, ' '));
    for (const date of file.dates) assert.equal(slice(text, date.range), date.text);
    for (const citation of file.citations) assert.equal(slice(text, citation.range).replace(/^\[|\]$/g, ''), citation.label);
    assert.ok(file.actors.some((a) => a.id === 'shin-won-sik'));
    assert.ok(file.dates.some((d) => d.text === 'December 2022' && d.value === '2022-12'));
  });

  it('prints a readable text report', async function () {
    const result = await run(['analyze', '--annotations', 'annotations', '--format', 'text', article000]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /citations: 3 markers, 3 references/);
    assert.match(result.stdout, /December 2022 → 2022-12/);
  });

  it('reports a file it cannot read and still analyses the others', async function () {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ar-cli-'));
    const binary = path.join(dir, 'scan.txt');
    await fs.writeFile(binary, Buffer.from([0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
    const result = await run(['analyze', '--annotations', 'annotations', path.join(dir, 'missing.txt'), binary, article000]);
    await fs.rm(dir, { recursive: true, force: true });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /missing\.txt: it does not exist/);
    assert.match(result.stderr, /scan\.txt: it looks binary/);
    const output = JSON.parse(result.stdout) as AnalyzeOutput;
    assert.equal(output.files.length, 3);
    assert.equal(output.files[2].citations.length, 3);
  });

  it('explains its usage on bad arguments, with exit code 2', async function () {
    const result = await run(['analyze', '--format', 'xml', article000]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--format must be one of json, text/);
    assert.equal((await run(['frobnicate'])).code, 2);
  });
});

describe('CLI: check', function () {
  it('lints the sample workspace and exits 1 on its broken citations', async function () {
    const result = await run(['check'], sampleDir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /articles\/broken-citations\.txt:\d+:\d+: error undefined-citation: /);
    assert.match(result.stdout, /\d+ articles, \d+ annotation files: [1-9]\d* errors/);
  });

  it('exits 0 on an article whose citations are all sound', async function () {
    const result = await run(['check', 'articles/baltic-grid.txt'], sampleDir);
    assert.equal(result.code, 0, result.stdout);
  });

  it('writes SARIF 2.1.0 with 1-based regions', async function () {
    const result = await run(['check', '--format', 'sarif', 'articles/broken-citations.txt'], sampleDir);
    const sarif = JSON.parse(result.stdout) as { version: string; runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const undefinedCitation = sarif.runs[0].results.find((r) => r.ruleId === 'undefined-citation');
    assert.ok(undefinedCitation);
    assert.equal(undefinedCitation.level, 'error');
    const text = await fs.readFile(path.join(sampleDir, 'articles/broken-citations.txt'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('Moscow and Kyiv.[7]')) + 1;
    assert.equal(undefinedCitation.locations[0].physicalLocation.region.startLine, line);
  });

  it("lints the reader's notes: broken entries, and notes whose passage or article is gone", async function () {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ar-cli-'));
    await fs.mkdir(path.join(dir, 'annotations', 'notes', 'articles'), { recursive: true });
    await fs.mkdir(path.join(dir, 'articles'));
    await fs.writeFile(path.join(dir, 'articles', 'port.txt'), 'The harbour authority of Varnia reopened the northern pier after the storm.\n');
    await fs.writeFile(path.join(dir, 'articles', 'other.txt'), 'Nothing here is noted.\n');
    const notes = [
      'version: 1',
      'article: articles/port.txt',
      'notes:',
      '  - id: n-kept',
      '    quote: "reopened the northern pier"',
      '    body: Still in the text.',
      '  - id: n-gone',
      '    quote: "closed the southern quay"',
      '    body: The passage was edited away.',
      '  - id: n-broken',
      '    body: No quote at all.',
      '',
    ].join('\n');
    await fs.writeFile(path.join(dir, 'annotations', 'notes', 'articles', 'port.txt.yaml'), notes);
    await fs.writeFile(path.join(dir, 'annotations', 'notes', 'articles', 'missing.txt.yaml'), 'version: 1\narticle: articles/missing.txt\nnotes:\n  - id: n-lost\n    quote: "anything"\n');
    const whole = await run(['check', '--format', 'json'], dir);
    const narrow = await run(['check', '--format', 'json', 'articles/other.txt'], dir);
    const text = await run(['check'], dir);
    await fs.rm(dir, { recursive: true, force: true });
    type Output = { files: { path: string; diagnostics: { code: string; severity: string; range: Range }[] }[] };
    const diagnostics = (output: string, file: string) => ((JSON.parse(output) as Output).files.find((f) => f.path === file)?.diagnostics ?? []).map((d) => `${d.severity} ${d.code} line ${d.range.start.line}`);
    assert.equal(whole.code, 1, 'a broken note is an error');
    assert.deepEqual(diagnostics(whole.stdout, 'annotations/notes/articles/port.txt.yaml'), ['warning orphaned-note line 6', 'error schema line 9']);
    assert.deepEqual(diagnostics(whole.stdout, 'annotations/notes/articles/missing.txt.yaml'), ['warning orphaned-note line 3']);
    // Checking one article says nothing of the notes on articles it did not read.
    assert.deepEqual(diagnostics(narrow.stdout, 'annotations/notes/articles/missing.txt.yaml'), []);
    assert.match(text.stdout, /2 articles, 0 annotation files, 2 notes files: 1 errors, 2 warnings/);
  });

  it('reports broken annotation files at their position', async function () {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ar-cli-'));
    await fs.mkdir(path.join(dir, 'annotations'));
    await fs.writeFile(path.join(dir, 'annotations', 'people.yaml'), 'actors:\n  - id: ok-one\n    name: Ok One\n    kind: person\n  - id: ok-one\n    name: Other\n    kind: wizard\n');
    const result = await run(['check', '--format', 'json'], dir);
    await fs.rm(dir, { recursive: true, force: true });
    assert.equal(result.code, 1);
    const output = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; range: Range }[] }[] };
    const yaml = output.files.find((f) => f.path === 'annotations/people.yaml');
    assert.ok(yaml);
    assert.ok(yaml.diagnostics.some((d) => d.code === 'schema' && d.range.start.line === 6));
  });
});
