/**
 * A long editing session over a real LSP connection: SOAK_EDITS random incremental edits (3,000 by default;
 * `npm run fuzz` runs 10,000) to open corpus articles and to the open annotation files, with hovers, semantic
 * tokens and pulled diagnostics in between, as an editor asks for them. Afterwards nothing is stale (every
 * open article's diagnostics and semantic tokens equal a fresh in-process analysis of its final text, also
 * after a last change to the annotations alone) and the server's resident memory has not grown by 20% since
 * warm-up (the first 10% of the edits).
 *
 * Why 3,000 and not fewer: the server's live V8 heap stays at 11-15 MB throughout (--trace-gc), but after
 * start-up V8 lets the old generation grow to about four times that before its first full collection, which
 * in this session comes after 900-1,700 edits. A shorter run ends on that ramp, 15-22% above warm-up, and
 * would fail or pass by chance; a run that contains it ends within a few percent of warm-up, where a leak of
 * even 10 KB per edit would still show as 25%.
 */
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { DidChangeTextDocumentNotification, type Diagnostic, type Hover, type SemanticTokens } from 'vscode-languageserver-protocol/node';
import { diagnostics } from '../../server/src/core/providers/diagnostics';
import { semanticTokens } from '../../server/src/core/providers/semanticTokens';
import { LineIndex } from '../../server/src/core/text';
import { neverCancelled } from '../../server/src/core/types';
import { WorkspaceModel } from '../../server/src/core/workspace';
import { articleFragment, asReplacement, corpusArticles, mutations, repoAnnotations, repoRoot, yamlFragment, type Mutation } from '../fuzz/inputs';
import { LspClient } from '../support/lspClient';

const edits = Number(process.env.SOAK_EDITS ?? 3000);
const seed = Number(process.env.FUZZ_SEED ?? 20240206);
/** RSS may grow by less than this between warm-up (10% of the edits) and the end. */
const maxGrowth = 0.2;
/** Shorter runs end on V8's start-up ramp (see above): their memory figures are printed, not judged. */
const minEditsToJudgeMemory = 2000;

interface OpenFile {
  uri: string;
  relativePath: string;
  text: string;
  original: number;
  version: number;
  yaml: boolean;
}

/** Resident memory of a process in kB, as the kernel counts it. */
function residentKB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(match, `no VmRSS for ${pid}`);
  return Number(match[1]);
}

/** Comparable form of a diagnostic: what a reader sees of it. */
const shown = (d: Diagnostic) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message });

describe('soak: a long editing session over LSP', function () {
  let client: LspClient;
  let root: string;
  const files: OpenFile[] = [];

  before(async function () {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'ar-soak-'));
    await fs.mkdir(path.join(root, 'articles'));
    await fs.mkdir(path.join(root, 'annotations'));
    for (const article of corpusArticles()) await fs.writeFile(path.join(root, 'articles', article.name), article.text);
    for (const name of await fs.readdir(path.join(repoRoot, 'annotations'))) await fs.copyFile(path.join(repoRoot, 'annotations', name), path.join(root, 'annotations', name));
    // Closed articles too, so that annotation edits also re-index files on disk in the background.
    for (let i = 0; i < 5; i++) await fs.writeFile(path.join(root, 'articles', `closed-${i}.txt`), corpusArticles()[i % corpusArticles().length].text);
    client = await LspClient.start({ root, pullDiagnostics: true });
    await client.whenIndexed();
    for (const relativePath of [...corpusArticles().map((a) => `articles/${a.name}`), ...repoAnnotations().sources.map((s) => `annotations/${path.basename(s.uri)}`)]) {
      const text = await fs.readFile(path.join(root, relativePath), 'utf8');
      const yaml = relativePath.endsWith('.yaml');
      const uri = await client.open(relativePath, yaml ? 'yaml' : 'article', text);
      files.push({ uri, relativePath, text, original: text.length, version: 1, yaml });
    }
  });
  after(async () => {
    await client.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  it(`stays correct and flat in memory over ${edits} edits (figures printed)`, async function () {
    this.timeout(60_000 + edits * 100);
    const articles = files.filter((f) => !f.yaml);
    const annotationFiles = files.filter((f) => f.yaml);
    // One deterministic stream of edits: which file, and how its text changes.
    const stream = fc.sample(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), mutations(articleFragment(), 1), mutations(yamlFragment, 1), fc.double({ min: 0, max: 1, noNaN: true })), {
      seed,
      numRuns: edits,
    });
    const pid = client.process.pid as number;
    // `end` is the lowest reading over the last 10% of the edits: V8 collects in cycles of a few hundred
    // edits, and a single reading may fall at the top of one; a leak raises every reading, the lowest too.
    const rss = { start: residentKB(pid), warm: 0, peak: 0, end: Infinity };
    let requests = 0;

    for (const [i, [which, [articleEdit], [yamlEdit], where]] of stream.entries()) {
      // One edit in five goes to an annotation file, which makes every open article re-check.
      const file = which < 0.2 ? annotationFiles[Math.floor((which / 0.2) * annotationFiles.length)] : articles[Math.floor(which * articles.length) % articles.length];
      await edit(file, boundedSize(file, file.yaml ? yamlEdit : articleEdit));
      if (i % 10 === 9) {
        // What an editor asks between keystrokes; awaiting it also keeps the client at most ten edits ahead.
        const article = articles[i % articles.length];
        const lines = new LineIndex(article.text);
        const position = lines.positionAt(Math.floor(where * article.text.length));
        if (i % 30 === 9) await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: article.uri }, position });
        else if (i % 30 === 19) await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: article.uri } });
        else await client.request('textDocument/diagnostic', { textDocument: { uri: article.uri } });
        requests++;
        const now = residentKB(pid);
        rss.peak = Math.max(rss.peak, now);
        if (i >= edits * 0.9) rss.end = Math.min(rss.end, now);
      }
      if (i + 1 === Math.ceil(edits / 10)) rss.warm = residentKB(pid);
    }

    // Last, a change that only the annotations make, after every article's analysis has been cached:
    // a new file naming words the articles use. Every open article must be read anew with it.
    for (const file of articles) await client.request('textDocument/semanticTokens/full', { textDocument: { uri: file.uri } });
    const added = { relativePath: 'annotations/soak-added.yaml', text: 'actors:\n  - id: soak-added\n    name: Soak Added\n    kind: other\n    aliases: [alliance, sanctions, balance]\n' };
    const addedUri = await client.open(added.relativePath, 'yaml', added.text);

    // Nothing is stale: each open article's diagnostics and colouring are those of a fresh analysis of its final text.
    const fresh = new WorkspaceModel();
    for (const file of annotationFiles) fresh.setAnnotationFile(file.uri, file.text);
    fresh.setAnnotationFile(addedUri, added.text);
    let addedMentions = 0;
    for (const file of articles) {
      fresh.openArticle({ uri: file.uri, version: file.version, text: file.text, relativePath: file.relativePath, markdown: false });
      const request = { model: fresh, uri: file.uri, token: neverCancelled };
      const pulled = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: file.uri } });
      assert.deepEqual(pulled.items.map(shown), diagnostics(request).map(shown), `diagnostics of ${file.relativePath} after ${edits} edits`);
      const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: file.uri } });
      assert.deepEqual(tokens.data, semanticTokens(request).data, `semantic tokens of ${file.relativePath} after ${edits} edits`);
      addedMentions += fresh.analysis(file.uri)?.actors.filter((m) => m.actorId === 'soak-added').length ?? 0;
    }
    assert.ok(addedMentions > 0, 'the added actor is mentioned, so the check above covers an annotation change');
    // The pulls above came back after every push the edits caused, so what was pushed last is current.
    for (const file of annotationFiles) {
      const pushed = await client.pushedDiagnostics(file.uri);
      assert.deepEqual(pushed.map(shown), diagnostics({ model: fresh, uri: file.uri, token: neverCancelled }).map(shown), `${file.relativePath} after ${edits} edits`);
    }
    const end = Math.min(rss.end, residentKB(pid));
    console.log(
      `      ${edits} edits, ${requests} requests: RSS ${mb(rss.start)} at start, ${mb(rss.warm)} after warm-up, ${mb(rss.peak)} at peak, ` +
        `${mb(end)} at the end, lowest of the last 10% (${(((end - rss.warm) / rss.warm) * 100).toFixed(1)}%)`,
    );
    assert.equal(client.process.exitCode, null);
    assert.deepEqual(client.stderr, []);
    if (edits >= minEditsToJudgeMemory) assert.ok(end < rss.warm * (1 + maxGrowth), `RSS grew from ${mb(rss.warm)} to ${mb(end)}`);
    else console.log(`      (fewer than ${minEditsToJudgeMemory} edits: too short a run to judge memory growth)`);
  });

  /** Applies a mutation to the local copy and sends it as the editor would: one incremental change. */
  async function edit(file: OpenFile, mutation: Mutation): Promise<void> {
    const replacement = asReplacement(file.text, mutation);
    // An offset between \r and \n has no LSP position; an editor never puts the cursor there.
    const start = offBreak(file.text, replacement.start);
    const end = Math.max(start, offBreak(file.text, replacement.end));
    const lines = new LineIndex(file.text);
    const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
    file.text = file.text.slice(0, start) + replacement.insert + file.text.slice(end);
    file.version++;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: file.uri, version: file.version },
      contentChanges: [{ range, text: replacement.insert }],
    });
  }
});

/** Keeps each file between half and one and a half times its first size, so the working set stays comparable. */
function boundedSize(file: OpenFile, mutation: Mutation): Mutation {
  if (file.text.length > 1.5 * file.original && mutation.kind !== 'delete') return { ...mutation, kind: 'delete' };
  if (file.text.length < 0.5 * file.original && mutation.kind === 'delete') return { ...mutation, kind: 'insert' };
  return mutation;
}

function offBreak(text: string, offset: number): number {
  return offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset;
}

function mb(kb: number): string {
  return `${(kb / 1024).toFixed(1)} MB`;
}
