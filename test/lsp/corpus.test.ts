import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Hover, Location } from 'vscode-languageserver-protocol';
import { corpusDir, hoverText, LspClient, repoRoot } from '../support/lspClient';
import { lineStartingWith, positionOf } from '../support/text';


/** The three real articles in ../shared/corpus, with the repo's annotations/ for them. */
describe('language server on the real corpus', function () {
  let client: LspClient;
  const texts = new Map<string, string>();
  const uris = new Map<string, string>();

  before(async function () {
    client = await LspClient.start({
      root: corpusDir,
      pullDiagnostics: true,
      settings: { annotationsFolder: path.join(repoRoot, 'annotations'), articleGlobs: ['*.txt'] },
    });
    for (const name of await fs.readdir(corpusDir)) {
      texts.set(name, await fs.readFile(path.join(corpusDir, name), 'utf8'));
      uris.set(name, await client.open(name));
    }
    await client.whenIndexed();
  });
  after(() => client.stop());

  const a000 = '000_624a0c400f302594.txt';
  const a001 = '001_d244fc5f7e0565cb.txt';
  const hover = (name: string, needle: string, within = 1) =>
    client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uris.get(name) }, position: positionOf(texts.get(name)!, needle, { within }) }).then(hoverText);

  it('indexes the three articles with the repo annotations', async function () {
    const indexed = await client.whenIndexed();
    assert.equal(indexed.articles, 3);
    assert.ok(indexed.actors >= 60, `${indexed.actors} actors`);
  });

  it('finds article 000 sound but for the unbalanced quotes of reference 3', async function () {
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: uris.get(a000) } });
    assert.equal(report.items.filter((d) => d.code === 'undefined-citation').length, 0);
    const line3 = lineStartingWith(texts.get(a000)!, '[3]');
    const onReference3 = report.items.filter((d) => d.range.start.line === line3);
    assert.ok(onReference3.some((d) => d.code === 'unbalanced-quotes' && d.severity === 2), JSON.stringify(report.items));
  });

  it('shows the role Shin Won-sik held when article 001 was published', async function () {
    const text = await hover(a001, 'Shin Won-sik said');
    assert.match(text, /\*\*Shin Won-sik\*\* · person/);
    assert.match(text, /Minister of National Defense/);
  });

  it('matches names across case and hyphen variants: Cenk TAMER, Yoon Suk-yeol’s', async function () {
    assert.match(await hover(a000, 'Cenk TAMER', 6), /\*\*Cenk Tamer\*\*/);
    const yoon = await hover(a001, 'Yoon Suk-yeol’s', 2);
    assert.match(yoon, /\*\*Yoon Suk[- ]yeol\*\*/i);
  });

  it('reads dates in ISO form', async function () {
    assert.match(await hover(a001, 'September 13, 2023'), /\*\*2023-09-13\*\* · day/);
    assert.match(await hover(a000, 'December 2022'), /\*\*2022-12\*\* · month/);
  });

  it('goes from marker [2] in article 000 to its reference line', async function () {
    const text = texts.get(a000)!;
    const locations = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: uris.get(a000) },
      position: positionOf(text, 'North Korea.[2]', { within: 'North Korea.['.length }),
    });
    assert.equal(locations[0].range.start.line, lineStartingWith(text, '[2]'));
  });

  it('finds Kim Jong-un wherever the corpus names him, and the bare “Kim” that refers back to him', async function () {
    const text = texts.get(a001)!;
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uris.get(a001) },
      position: positionOf(text, 'Kim Jong-un', { within: 5 }),
      context: { includeDeclaration: false },
    });
    const covered = (location: Location) => {
      const lines = texts.get(path.basename(new URL(location.uri).pathname))!.split(/\r?\n/);
      return lines[location.range.start.line].slice(location.range.start.character, location.range.end.character);
    };
    const fullNames = [...texts.values()].reduce((n, t) => n + [...t.matchAll(/Kim Jong[- ]un/gi)].length, 0);
    assert.equal(locations.filter((l) => /^Kim Jong[- ]un$/i.test(covered(l))).length, fullNames);
    const lines = text.split(/\r?\n/);
    const backReferences = locations.filter((l) => covered(l) === 'Kim').map((l) => lines[l.range.start.line]);
    // “many of Kim’s recent pronouncements” follows Kim Jong-un; “…, Kim said” follows Kim Joon-hyung.
    assert.ok(backReferences.some((line) => line.includes('many of Kim’s recent pronouncements')), JSON.stringify(backReferences));
    assert.ok(!backReferences.some((line) => /Kim said/.test(line)));
  });
});
