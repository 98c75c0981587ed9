import { ActorMatcher } from './actors';
import { analyzeArticle, defaultLimits, digestArticle, type AnalysisLimits, type AnnotationContext, type ArticleDigest, type ArticleText, type DocumentAnalysis } from './analysis';
import { AnnotationIndex, parseAnnotationFile } from './annotations';
import { DateValues, detached, summarizeArticle, summarizeIndexed, type CorpusSummary } from './corpus';
import { NoteIndex } from './noteIndex';
import type { ActorMention, AnnotationFile } from './model';
import { LineIndex } from './text';
import { neverCancelled, throwIfCancelled, type CancellationToken, type Finding, type Range } from './types';

export interface OpenArticle extends ArticleText {
  version: number;
}

interface AnnotationSource {
  file: AnnotationFile;
  lines: LineIndex;
}

/** What the workspace keeps of an article that is not open; its mentions live in the mention index. */
interface ArticleSummary {
  relativePath: string;
  title?: string;
  generation: number;
  /** What the workspace views need of it. */
  corpus: CorpusSummary;
}

/** An indexed article as it crosses to another thread: copied there, its typed arrays moved. */
export interface TransferredArticle {
  uri: string;
  relativePath: string;
  title?: string;
  corpus: CorpusSummary;
  /** The actors mentioned, and per actor where its ranges end in `ranges`. */
  mentionedActors: string[];
  mentionEnds: Uint32Array;
  /**
   * Every actor's mention ranges, packed as in the mention index, one actor after another. One array
   * per article rather than per actor: arrays that cross threads are each allocated off the heap, at
   * about 150 bytes apiece.
   */
  ranges: PackedRanges;
}

interface CachedAnalysis {
  version: number;
  generation: number;
  analysis: DocumentAnalysis;
  /** Made on first request, from the analysis. */
  corpus?: CorpusSummary;
}

/**
 * Everything the server knows: annotation files, open articles (full text, analysed on demand and cached
 * per version) and indexed articles on disk (summaries only, so ten thousand articles stay small).
 * A change to the annotations bumps `generation`; cached analyses from an older generation are redone.
 */
export class WorkspaceModel {
  private readonly annotationSources = new Map<string, AnnotationSource>();
  private context: AnnotationContext | undefined;
  private readonly open = new Map<string, OpenArticle>();
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly summaries = new Map<string, ArticleSummary>();
  /** actor id -> article URI -> packed ranges, and per article its actors, so an update touches only those. */
  private readonly mentionIndex = new Map<string, Map<string, PackedRanges>>();
  private readonly actorsByArticle = new Map<string, string[]>();
  generation = 0;
  /** The reader's notes files (under the annotations folder's notes/), kept apart from actor files. */
  readonly notes = new NoteIndex();
  /** The date values of every article's corpus summary. */
  readonly dateValues = new DateValues();

  constructor(readonly limits: AnalysisLimits = defaultLimits) {}

  // ---- annotations ----

  setAnnotationFile(uri: string, text: string): void {
    this.annotationSources.set(uri, { file: parseAnnotationFile(uri, text), lines: new LineIndex(text) });
    this.annotationsChanged();
  }

  /** A file that could not be read from disk (too large, binary, not UTF-8): it declares nothing and says why at its top. */
  setUnreadableAnnotationFile(uri: string, reason: string): void {
    const finding: Finding = { start: 0, end: 0, code: 'unreadable-file', severity: 'error', message: `This annotation file was not read: ${reason}.` };
    this.annotationSources.set(uri, { file: { uri, actors: [], articles: [], findings: [finding] }, lines: new LineIndex('') });
    this.annotationsChanged();
  }

  deleteAnnotationFile(uri: string): void {
    if (this.annotationSources.delete(uri)) this.annotationsChanged();
    this.notes.deleteFile(uri);
  }

  get annotationUris(): string[] {
    return [...this.annotationSources.keys(), ...this.notes.fileUris];
  }

  annotationLines(uri: string): LineIndex | undefined {
    return this.annotationSources.get(uri)?.lines ?? this.notes.fileLines(uri);
  }

  get annotations(): AnnotationContext {
    if (!this.context) {
      const index = AnnotationIndex.build([...this.annotationSources.values()].map((s) => s.file));
      this.context = { index, matcher: ActorMatcher.build(index.actors) };
    }
    return this.context;
  }

  private annotationsChanged(): void {
    this.context = undefined;
    this.generation++;
  }

  // ---- articles ----

  openArticle(article: OpenArticle): void {
    this.open.set(article.uri, article);
  }

  /** The editor closed it: keep what it said last as a summary until the disk copy is indexed again. */
  closeArticle(uri: string): void {
    const cached = this.cache.get(uri);
    const article = this.open.get(uri);
    this.open.delete(uri);
    this.cache.delete(uri);
    if (cached && article) this.storeSummary(uri, article.relativePath, cached.analysis, cached.generation, cached.corpus ?? this.summarize(cached.analysis, article.markdown));
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  openArticleText(uri: string): OpenArticle | undefined {
    return this.open.get(uri);
  }

  /** Analyse an article from disk and keep only its summary. */
  indexArticle(article: ArticleText, token: CancellationToken = neverCancelled): void {
    const generation = this.generation;
    const digest = digestArticle(article, this.annotations, this.limits, token);
    if (this.open.has(article.uri)) return;
    this.storeSummary(article.uri, article.relativePath, digest, generation, summarizeIndexed(article, digest, this.dateValues, token));
    this.notes.anchor(article);
  }

  /**
   * Index an article on behalf of another model (a worker thread's share of the server's indexing) and
   * store nothing: the result is plain data and typed arrays, with date value indexes into `dateValues`.
   */
  indexForTransfer(article: ArticleText, token: CancellationToken = neverCancelled): TransferredArticle {
    const digest = digestArticle(article, this.annotations, this.limits, token);
    const corpus = summarizeIndexed(article, digest, this.dateValues, token);
    const mentions = groupMentions(digest);
    const ranges = new Int32Array(digest.actors.length * 4);
    const mentionEnds = new Uint32Array(mentions.size);
    let end = 0;
    [...mentions.values()].forEach((packed, i) => {
      ranges.set(packed, end);
      mentionEnds[i] = end += packed.length;
    });
    return { uri: article.uri, relativePath: article.relativePath, title: titleOf(digest), corpus, mentionedActors: [...mentions.keys()], mentionEnds, ranges };
  }

  /**
   * Store an article another model indexed against annotations of `generation`. `valueIndexes` turns
   * that model's date value indexes into this model's; the article's are replaced in place.
   * Only articles without notes are indexed elsewhere, so there is nothing to anchor and no text is needed.
   */
  storeTransferred(article: TransferredArticle, valueIndexes: readonly number[], generation: number): void {
    if (this.open.has(article.uri)) return;
    const { dates, actorIds } = article.corpus;
    for (let i = 2; i < dates.length; i += 3) dates[i] = valueIndexes[dates[i]];
    // Ids that crossed threads are copies; the annotation index's own strings are kept instead, once.
    const { index } = this.annotations;
    const shared = (id: string) => index.actor(id)?.id ?? id;
    actorIds.forEach((id, i) => (actorIds[i] = shared(id)));
    this.summaries.set(article.uri, { relativePath: article.relativePath, title: article.title, generation, corpus: article.corpus });
    const { mentionedActors, mentionEnds, ranges } = article;
    this.setMentions(article.uri, new Map(mentionedActors.map((actorId, i) => [shared(actorId), ranges.slice(i === 0 ? 0 : mentionEnds[i - 1], mentionEnds[i])])));
    this.notes.anchor({ uri: article.uri, relativePath: article.relativePath, text: '', markdown: article.corpus.markdown });
  }

  /** The actor files' texts, which another model needs to index articles as this one does. */
  annotationTexts(): { uri: string; text: string }[] {
    return [...this.annotationSources].map(([uri, source]) => ({ uri, text: source.lines.text }));
  }

  /**
   * Actor files another model parsed (a worker thread indexes with the server's). Their texts stay
   * there: this model can index articles but shows no positions in these files.
   */
  setParsedAnnotationFiles(files: readonly AnnotationFile[]): void {
    for (const file of files) this.annotationSources.set(file.uri, { file, lines: new LineIndex('') });
    this.annotationsChanged();
  }

  removeArticle(uri: string): void {
    this.open.delete(uri);
    this.cache.delete(uri);
    this.summaries.delete(uri);
    this.setMentions(uri, new Map());
    this.actorsByArticle.delete(uri);
    this.notes.forget(uri);
  }

  /** Indexed articles whose summary predates the current annotations. */
  staleArticles(): string[] {
    return [...this.summaries].filter(([, s]) => s.generation !== this.generation).map(([uri]) => uri);
  }

  get articleUris(): string[] {
    return [...new Set([...this.open.keys(), ...this.summaries.keys()])];
  }

  /** The analysis of an open article, cached per version and annotation generation. */
  analysis(uri: string, token: CancellationToken = neverCancelled): DocumentAnalysis | undefined {
    const article = this.open.get(uri);
    if (!article) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === article.version && cached.generation === this.generation) return cached.analysis;
    const generation = this.generation;
    const analysis = analyzeArticle(article, this.annotations, this.limits, token);
    this.cache.set(uri, { version: article.version, generation, analysis });
    this.setMentions(uri, groupMentions(analysis));
    return analysis;
  }

  articleTitle(uri: string): string | undefined {
    const article = this.open.get(uri);
    if (article) {
      const analysis = this.analysis(uri);
      return analysis && titleOf(analysis);
    }
    return this.summaries.get(uri)?.title;
  }

  // ---- mentions across the workspace ----

  /** Every mention of an actor, per article URI. Open articles are analysed first so the answer is current. */
  mentionsOf(actorId: string, token: CancellationToken = neverCancelled): Map<string, Range[]> {
    for (const uri of this.open.keys()) {
      throwIfCancelled(token);
      this.analysis(uri, token);
    }
    const byUri = new Map<string, Range[]>();
    for (const [uri, packed] of this.mentionIndex.get(actorId) ?? []) byUri.set(uri, unpackRanges(packed));
    return byUri;
  }

  /** The URIs of the articles that mention an actor, as last indexed or analysed. */
  articlesMentioning(actorId: string): string[] {
    return [...(this.mentionIndex.get(actorId)?.keys() ?? [])];
  }

  /** The actors an article mentions, as last indexed or analysed. */
  actorsMentionedIn(uri: string): readonly string[] {
    return this.actorsByArticle.get(uri) ?? [];
  }

  mentionCount(actorId: string): number {
    let count = 0;
    for (const packed of this.mentionIndex.get(actorId)?.values() ?? []) count += packed.length / 4;
    return count;
  }

  /** Every article's corpus summary and title; open articles are summarised from their current text. */
  corpusSummaries(token: CancellationToken = neverCancelled): { uri: string; title?: string; corpus: CorpusSummary }[] {
    const all = [...this.summaries].filter(([uri]) => !this.open.has(uri)).map(([uri, s]) => ({ uri, title: s.title, corpus: s.corpus }));
    for (const [uri, article] of this.open) {
      throwIfCancelled(token);
      const analysis = this.analysis(uri, token);
      const cached = this.cache.get(uri);
      if (!analysis || !cached) continue;
      cached.corpus ??= this.summarize(analysis, article.markdown);
      all.push({ uri, title: titleOf(analysis), corpus: cached.corpus });
    }
    return all;
  }

  /**
   * The actor mentions of an article, sorted, as offsets into `lines`' text: an open article's from its
   * analysis, a closed one's from the mention index (so `lines` should be of the text it was indexed from).
   */
  articleMentions(uri: string, lines: LineIndex): Pick<ActorMention, 'start' | 'end' | 'actorId'>[] {
    const analysis = this.analysis(uri);
    if (analysis) return analysis.actors;
    const mentions: Pick<ActorMention, 'start' | 'end' | 'actorId'>[] = [];
    for (const actorId of this.actorsByArticle.get(uri) ?? []) {
      const packed = this.mentionIndex.get(actorId)?.get(uri) ?? new Int32Array(0);
      for (let i = 0; i < packed.length; i += 4) {
        mentions.push({ actorId, start: lines.offsetAt({ line: packed[i], character: packed[i + 1] }), end: lines.offsetAt({ line: packed[i + 2], character: packed[i + 3] }) });
      }
    }
    return mentions.sort((a, b) => a.start - b.start);
  }

  private summarize(analysis: DocumentAnalysis, markdown: boolean): CorpusSummary {
    return summarizeArticle({ text: analysis.lines.text, markdown, actors: analysis.actors, dates: analysis.dates }, this.dateValues);
  }

  private storeSummary(uri: string, relativePath: string, digest: ArticleDigest, generation: number, corpus: CorpusSummary): void {
    // A heading's text is a slice of the article: copied, so the summary does not keep the article alive.
    const title = titleOf(digest);
    this.summaries.set(uri, { relativePath, title: title === undefined ? undefined : detached(title), generation, corpus });
    this.setMentions(uri, groupMentions(digest));
  }

  private setMentions(uri: string, mentions: Map<string, PackedRanges>): void {
    for (const actorId of this.actorsByArticle.get(uri) ?? []) {
      const byUri = this.mentionIndex.get(actorId);
      byUri?.delete(uri);
      if (byUri?.size === 0) this.mentionIndex.delete(actorId);
    }
    this.actorsByArticle.set(uri, [...mentions.keys()]);
    for (const [actorId, ranges] of mentions) {
      let byUri = this.mentionIndex.get(actorId);
      if (!byUri) this.mentionIndex.set(actorId, (byUri = new Map()));
      byUri.set(uri, ranges);
    }
  }
}

/**
 * Mention ranges as (start line, start character, end line, end character) quadruples. A workspace of ten
 * thousand articles holds about a million mentions: as Range objects (three per mention) they took about
 * 140 MB of heap, packed about 40 MB. `mentionsOf` unpacks the few an answer needs.
 */
type PackedRanges = Int32Array;

function groupMentions(digest: ArticleDigest): Map<string, PackedRanges> {
  const grouped = new Map<string, number[]>();
  for (const mention of digest.actors) {
    let numbers = grouped.get(mention.actorId);
    if (!numbers) grouped.set(mention.actorId, (numbers = []));
    const { start, end } = digest.lines.range(mention);
    numbers.push(start.line, start.character, end.line, end.character);
  }
  return new Map([...grouped].map(([actorId, numbers]) => [actorId, Int32Array.from(numbers)]));
}

function unpackRanges(packed: PackedRanges): Range[] {
  const ranges: Range[] = [];
  for (let i = 0; i < packed.length; i += 4) ranges.push({ start: { line: packed[i], character: packed[i + 1] }, end: { line: packed[i + 2], character: packed[i + 3] } });
  return ranges;
}

export function titleOf(analysis: Pick<DocumentAnalysis, 'article' | 'headings'>): string | undefined {
  return analysis.article?.title ?? analysis.headings.find((h) => h.level === 1)?.text;
}
