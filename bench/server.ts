/**
 * Measurements of a real language server process (dist/server.js over stdio) on the generated workspace:
 * cold indexing, peak memory, hover latency and the latency from an edit to the diagnostics showing it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic, DocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol';
import { actorsRequest, timelineRequest, type ActorsResult, type TimelineParams, type TimelineResult } from '../server/src/protocol';
import { LspClient } from '../test/support/lspClient';
import type { Corpus } from './corpus';
import { Random } from './random';

const openedArticles = 50;
const hoverCount = 1000;
/** As many as hovers: with a hundred, the p99 is the second-slowest edit, one garbage collection decides it. */
const editCount = 1000;
/** A diagnostic request that does not yet show an edit is repeated, but not forever. */
const maxPullsPerEdit = 1000;

export interface Latency {
  p50: number;
  p99: number;
  count: number;
}

export interface ServerFigures {
  /** Spawn to the `end` of the indexing work-done progress. */
  coldIndexMs: number;
  /** Spawn to the annotatedReading/indexed notification, and the server's own figure in it. */
  indexedNotificationMs: number;
  serverElapsedMs: number;
  articles: number;
  actors: number;
  /** Peak resident set (VmHWM) after indexing and after the hovers, in MB. */
  peakRssAfterIndexMB: number;
  peakRssAfterHoversMB: number;
  hover: Latency & { answered: number };
  edit: Latency;
  /** One timeline request for the whole workspace and one for its most mentioned actor. */
  timeline: { allMs: number; allItems: number; allTotal: number; actorMs: number; actorItems: number; actorTotal: number };
}

export async function measureServer(corpus: Corpus, seed: number): Promise<ServerFigures> {
  const spawned = performance.now();
  const client = await LspClient.start({ root: corpus.root, pullDiagnostics: true });
  try {
    const progressEnded = new Promise<number>((resolve) => {
      client.connection.onNotification('$/progress', ({ value }: { value: { kind: string } }) => {
        if (value.kind === 'end') resolve(performance.now());
      });
    });
    const indexedAt = client.whenIndexed().then((params) => ({ params, at: performance.now() }));
    const [ended, indexed] = await Promise.all([progressEnded, indexedAt]);
    const pid = client.process.pid!;
    const peakRssAfterIndexMB = peakRss(pid);

    const random = new Random(seed);
    const hover = await measureHovers(client, corpus, random);
    const peakRssAfterHoversMB = peakRss(pid);
    const edit = await measureEdits(client, corpus);
    const timeline = await measureTimeline(client);
    return {
      coldIndexMs: ended - spawned,
      indexedNotificationMs: indexed.at - spawned,
      serverElapsedMs: indexed.params.elapsed,
      articles: indexed.params.articles,
      actors: indexed.params.actors,
      peakRssAfterIndexMB,
      peakRssAfterHoversMB,
      hover,
      edit,
      timeline,
    };
  } finally {
    await client.stop();
  }
}

/**
 * Hovers at random positions in random open articles. Each article's diagnostics are pulled once when it
 * opens, as VS Code does, so hovers find its analysis cached as they would in the editor.
 */
async function measureHovers(client: LspClient, corpus: Corpus, random: Random): Promise<Latency & { answered: number }> {
  const opened: { uri: string; lines: string[] }[] = [];
  const candidates = corpus.articles.filter((file) => file !== corpus.longArticle);
  for (let i = 0; i < Math.min(openedArticles, candidates.length); i++) {
    const file = random.pick(candidates);
    const text = fs.readFileSync(path.join(corpus.root, file), 'utf8');
    const uri = await client.open(file, 'article', text);
    await client.request('textDocument/diagnostic', { textDocument: { uri } });
    opened.push({ uri, lines: text.split('\n') });
  }
  const durations: number[] = [];
  let answered = 0;
  for (let i = 0; i < hoverCount; i++) {
    const { uri, lines } = random.pick(opened);
    const line = random.int(0, lines.length - 1);
    const position = { line, character: random.int(0, lines[line].length) };
    const started = performance.now();
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    durations.push(performance.now() - started);
    if (hover) answered++;
  }
  return { ...percentiles(durations), answered };
}

/**
 * Alternately breaks a citation in the long article (its first marker's label becomes one with no entry)
 * and fixes it, each time timing from the didChange to the first pulled report that shows the change.
 */
async function measureEdits(client: LspClient, corpus: Corpus): Promise<Latency> {
  const text = fs.readFileSync(path.join(corpus.root, corpus.longArticle), 'utf8');
  const uri = await client.open(corpus.longArticle, 'article', text);
  const marker = /(?<!^)\[(\d+)\]/m.exec(text);
  if (!marker) throw new Error(`no citation marker in ${corpus.longArticle}`);
  const labelStart = marker.index + 1;
  const lineStart = text.lastIndexOf('\n', labelStart) + 1;
  const at = { line: text.slice(0, lineStart).split('\n').length - 1, character: labelStart - lineStart };
  const labels = { fixed: marker[1], broken: '999' };
  const pull = async () => (await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } })) as { items?: Diagnostic[] };
  const showsBreak = (items: Diagnostic[]) => items.some((d) => d.code === 'undefined-citation' && d.range.start.line === at.line && d.range.start.character === at.character - 1);
  await pull();

  const durations: number[] = [];
  let version = 1;
  for (let i = 0; i < editCount; i++) {
    const breaking = i % 2 === 0;
    const [from, to] = breaking ? [labels.fixed, labels.broken] : [labels.broken, labels.fixed];
    const range = { start: at, end: { line: at.line, character: at.character + from.length } };
    const started = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: to }] });
    for (let pulls = 0; ; pulls++) {
      if (pulls === maxPullsPerEdit) throw new Error(`the diagnostics never showed edit ${i}`);
      const { items = [] } = await pull();
      if (showsBreak(items) === breaking) break;
    }
    durations.push(performance.now() - started);
  }
  return percentiles(durations);
}

function percentiles(durations: number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

/** The process's peak resident set size so far, from /proc (Linux), in MB. */
function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status);
  if (!kilobytes) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kilobytes[1]) / 1024;
}

/** The timeline as the view asks for it: unfiltered, and filtered to the actor with the most mentions. */
async function measureTimeline(client: LspClient): Promise<ServerFigures['timeline']> {
  const timed = async (params: TimelineParams) => {
    const started = performance.now();
    const result = await client.request<TimelineResult>(timelineRequest, params);
    return { ms: performance.now() - started, result };
  };
  const all = await timed({});
  const { groups } = await client.request<ActorsResult>(actorsRequest, {});
  const busiest = groups.flatMap((group) => group.actors).sort((a, b) => b.mentions - a.mentions)[0];
  const byActor = await timed({ actorIds: busiest ? [busiest.id] : [] });
  return { allMs: all.ms, allItems: all.result.items.length, allTotal: all.result.total, actorMs: byActor.ms, actorItems: byActor.result.items.length, actorTotal: byActor.result.total };
}
