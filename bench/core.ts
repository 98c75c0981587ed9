/**
 * In-process measurements of the analysis core on the generated corpus: the I/O + regex floor, the full
 * analysis, date recognition against chrono-node's casual parser, and date accuracy on a labelled set.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { ActorMatcher } from '../server/src/core/actors';
import { analyzeArticle, type AnnotationContext } from '../server/src/core/analysis';
import { AnnotationIndex, parseAnnotationFile } from '../server/src/core/annotations';
import { recognizeDates } from '../server/src/core/dates';
import type { Corpus } from './corpus';
import { casesPublished, dateCases } from './dateCases';

export const MB = 1024 * 1024;

/** Chrono reads this much of the corpus (it is slower); the recogniser is timed on the same text. */
const chronoSampleBytes = 2 * MB;
/**
 * Chrono also reads this much as one string, once: its time grows with the square of a string's length,
 * which is where a figure such as 0.3 MB/s comes from. Article by article is the comparison that counts.
 */
const chronoOneStringBytes = MB / 2;
/** Files analysed once before timing, so that both passes run optimised code. */
const warmUpFiles = 300;
/** Corpora smaller than this are timed over three passes and the best is kept: a pass of a second or two is easily disturbed by other processes. */
const repeatBelowBytes = 20 * MB;

export interface CoreFigures {
  annotationLoadMs: number;
  floorSeconds: number;
  analysisSeconds: number;
  /** What the analysis found, as a sanity check that it did the work. */
  found: { actorMentions: number; dates: number; markers: number; findings: number };
  datesSeconds: number;
  datesOnSampleSeconds: number;
  chronoSeconds: number;
  chronoSampleBytes: number;
  /** chrono on about chronoOneStringBytes of the sample joined into one string. */
  chronoOneString: { bytes: number; seconds: number };
  datesAccuracy: number;
  chronoAccuracy: number;
}

export function measureCore(corpus: Corpus): CoreFigures {
  const files = corpus.articles.map((relativePath) => ({ relativePath, fsPath: path.join(corpus.root, relativePath) }));

  const { seconds: annotationSeconds, result: annotations } = timed(() => loadAnnotations(corpus));

  const floor = (slice: typeof files) => {
    let markers = 0;
    for (const file of slice) markers += fs.readFileSync(file.fsPath, 'utf8').match(/\[\d+\]/g)?.length ?? 0;
    return markers;
  };
  const analysis = (slice: typeof files) => {
    const found = { actorMentions: 0, dates: 0, markers: 0, findings: 0 };
    for (const file of slice) {
      const text = fs.readFileSync(file.fsPath, 'utf8');
      const result = analyzeArticle({ uri: `file://${file.fsPath}`, relativePath: file.relativePath, text, markdown: false }, annotations);
      found.actorMentions += result.actors.length;
      found.dates += result.dates.length;
      found.markers += result.citations.markers.length;
      found.findings += result.findings.length;
    }
    return found;
  };
  // Every file is read once first, so that neither measure pays for reading from disk: the floor, timed
  // first, would otherwise take all the page-cache misses.
  for (const file of files) fs.readFileSync(file.fsPath);
  floor(files.slice(0, warmUpFiles));
  analysis(files.slice(0, warmUpFiles));
  const passes = corpus.bytes < repeatBelowBytes ? 3 : 1;
  const floorSeconds = timed(() => floor(files), passes).seconds;
  const { seconds: analysisSeconds, result: found } = timed(() => analysis(files), passes);

  const texts = files.map((file) => ({ text: fs.readFileSync(file.fsPath, 'utf8'), published: annotations.index.article(file.relativePath)?.published }));
  texts.slice(0, warmUpFiles).forEach(({ text, published }) => recognizeDates(text, { published }));
  const datesSeconds = timed(() => texts.reduce((n, { text, published }) => n + recognizeDates(text, { published }).length, 0), passes).seconds;

  const sample: typeof texts = [];
  let sampleBytes = 0;
  for (const entry of texts) {
    if (sampleBytes >= chronoSampleBytes) break;
    sample.push(entry);
    sampleBytes += Buffer.byteLength(entry.text);
  }
  const datesOnSampleSeconds = timed(() => sample.reduce((n, { text, published }) => n + recognizeDates(text, { published }).length, 0), 3).seconds;
  chronoParse(sample[0].text, sample[0].published);
  const chronoSeconds = timed(() => sample.reduce((n, { text, published }) => n + chronoParse(text, published).length, 0), 3).seconds;
  const joined: string[] = [];
  for (let bytes = 0, i = 0; bytes < chronoOneStringBytes && i < sample.length; i++) {
    joined.push(sample[i].text);
    bytes += Buffer.byteLength(sample[i].text);
  }
  const oneString = joined.join('\n\n');
  const chronoOneString = { bytes: Buffer.byteLength(oneString), seconds: timed(() => chronoParse(oneString, sample[0].published).length).seconds };

  return {
    annotationLoadMs: annotationSeconds * 1000,
    floorSeconds,
    analysisSeconds,
    found,
    datesSeconds,
    datesOnSampleSeconds,
    chronoSeconds,
    chronoSampleBytes: sampleBytes,
    chronoOneString,
    datesAccuracy: accuracy((text) => recognizeDates(text, { published: casesPublished }).map((m) => m.value ?? '?')),
    chronoAccuracy: accuracy((text) => chronoParse(text, casesPublished)),
  };
}

/** The annotation context the server would build from the same YAML files. */
function loadAnnotations(corpus: Corpus): AnnotationContext {
  const files = corpus.annotations.map((relativePath) => {
    const fsPath = path.join(corpus.root, relativePath);
    return parseAnnotationFile(`file://${fsPath}`, fs.readFileSync(fsPath, 'utf8'));
  });
  const index = AnnotationIndex.build(files);
  return { index, matcher: ActorMatcher.build(index.actors) };
}

/** The best time of `passes` runs of the work, and what it returned. */
function timed<T>(work: () => T, passes = 1): { seconds: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    result = work();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return { seconds: best, result };
}

/** Share of the labelled cases whose whole list of ISO values comes out exactly as expected. */
function accuracy(values: (text: string) => string[]): number {
  const right = dateCases.filter((c) => {
    const got = values(c.text);
    return got.length === c.expected.length && got.every((value, i) => value === c.expected[i]);
  }).length;
  return right / dateCases.length;
}

/**
 * chrono's casual parse as ISO values, at the precision chrono is certain of (an implied day or month is
 * a default, not a reading): a period is START/END.
 */
function chronoParse(text: string, published: string | undefined): string[] {
  const reference = published ? new Date(`${published.length === 4 ? `${published}-01-01` : published.length === 7 ? `${published}-01` : published}T12:00:00Z`) : new Date();
  return chrono.casual.parse(text, reference).map((result) => (result.end ? `${isoOf(result.start)}/${isoOf(result.end)}` : isoOf(result.start)));
}

function isoOf(components: chrono.ParsedComponents): string {
  const part = (name: 'year' | 'month' | 'day', width: number) => String(components.get(name) ?? 0).padStart(width, '0');
  if (components.isCertain('day')) return `${part('year', 4)}-${part('month', 2)}-${part('day', 2)}`;
  if (components.isCertain('month')) return `${part('year', 4)}-${part('month', 2)}`;
  return part('year', 4);
}
