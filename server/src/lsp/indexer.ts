import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { Worker } from 'node:worker_threads';
import type { DatePrecision } from '../core/model';
import { CancelledError, type CancellationToken } from '../core/types';
import type { TransferredArticle, WorkspaceModel } from '../core/workspace';
import { readTextFileSync, toPosix } from '../node/files';

/** A workspace folder as the server knows it. */
export interface Folder {
  uri: string;
  fsPath: string;
}

export interface Progress {
  report(percentage: number, message: string): void;
}

/** Files per slice of indexing; between slices the event loop serves requests. */
const sliceSize = 25;
/** Slices a helper thread has in hand, so it never waits for the next one. */
const helperJobsInFlight = 2;
/**
 * Below this many articles a helper thread costs more than it saves: it starts, receives the annotations
 * and builds its actor matcher (together about as long as indexing a hundred articles) before it indexes any.
 */
export const minArticlesForHelper = 500;

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

interface ArticleFile {
  file: string;
  uri: string;
  relativePath: string;
  markdown: boolean;
}

/** What a helper thread starts from. */
export interface WorkerSetup {
  /** The actor files, which the helper parses itself (at the same time as this thread) into its own annotation context. */
  annotations: { uri: string; text: string }[];
  maxBytes: number;
  maxArticleLength: number;
}

export interface IndexJob {
  id: number;
  files: ArticleFile[];
}

export interface IndexResult {
  id: number;
  articles: TransferredArticle[];
  skipped: { file: string; reason: string }[];
  /** The helper's date values added since its previous result, in index order. */
  values: [string, DatePrecision][];
}

/**
 * A worker thread (indexWorker.ts) that indexes a share of the articles on another core, against the
 * annotations the model has when indexing starts. Its results are merged into the model on this thread.
 */
export class IndexHelper {
  onResult: (result: IndexResult) => void = () => undefined;
  onFailure: (error: unknown) => void = () => undefined;

  /** Whether the helper has failed, perhaps before `onFailure` was set. */
  failed = false;
  private stopped = false;

  private constructor(
    private readonly worker: Worker,
    log: (message: string) => void,
  ) {
    worker.on('message', (result: IndexResult) => this.onResult(result));
    // An error is followed by an exit, and a stop ends in one too: only the first failure counts.
    const fail = (error: unknown) => {
      if (this.failed || this.stopped) return;
      this.failed = true;
      log(`The indexing helper thread stopped (${error instanceof Error ? error.message : String(error)}); this thread indexes the rest.`);
      this.onFailure(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the index helper exited with code ${code}`)));
  }

  /** `log` hears why the helper stopped, should it fail. */
  static start(setup: WorkerSetup, log: (message: string) => void = () => undefined): IndexHelper {
    // A small heap: left to grow, the thread kept ~100 MB of garbage and took the server past its 300 MB
    // budget at ten thousand articles. Parsing 3.4 MB of actor files and indexing needs ~45 MB, hence 50.
    // A helper that runs out of memory just leaves its work to this thread.
    const resourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 50 };
    return new IndexHelper(new Worker(path.join(__dirname, 'indexWorker.js'), { workerData: setup, resourceLimits }), log);
  }

  post(job: IndexJob): void {
    this.worker.postMessage(job);
  }

  stop(): void {
    this.stopped = true;
    this.onResult = () => undefined;
    this.onFailure = () => undefined;
    void this.worker.terminate();
  }
}

/** The folder holding a file, and the file's path relative to it ('/'-separated). */
export function locate(folders: readonly Folder[], uri: string): { folder: Folder; relativePath: string } | undefined {
  const fsPath = URI.parse(uri).fsPath;
  const folder = folders
    .filter((f) => fsPath.startsWith(f.fsPath.endsWith(path.sep) ? f.fsPath : f.fsPath + path.sep))
    .sort((a, b) => b.fsPath.length - a.fsPath.length)[0];
  return folder ? { folder, relativePath: toPosix(path.relative(folder.fsPath, fsPath)) } : undefined;
}

export function relativePathOf(folders: readonly Folder[], uri: string): string {
  return locate(folders, uri)?.relativePath ?? path.basename(URI.parse(uri).fsPath);
}

/**
 * Reads articles from disk into the model in slices, so that requests about open documents are answered
 * in between. Files that cannot be read are reported through `onSkipped` and left out. With a `helper`,
 * this thread takes slices from the front and the helper from the back until they meet; the helper is
 * stopped when indexing ends.
 */
export async function indexArticles(
  model: WorkspaceModel,
  folders: readonly Folder[],
  files: readonly string[],
  maxBytes: number,
  progress: Progress,
  token: CancellationToken,
  onSkipped: (file: string, reason: string) => void,
  helper?: IndexHelper,
): Promise<void> {
  if (helper?.failed) {
    helper.stop();
    helper = undefined;
  }
  const articles = files.map((file): ArticleFile => {
    const uri = URI.file(file).toString();
    return { file, uri, relativePath: relativePathOf(folders, uri), markdown: /\.(md|markdown)$/i.test(file) };
  });
  // Notes are anchored against an article's text, which only this thread has: those articles come first and stay here.
  const hasNotes = (article: ArticleFile) => model.notes.notesOn(article.relativePath).length > 0;
  const ordered = helper ? [...articles.filter(hasNotes), ...articles.filter((a) => !hasNotes(a))] : articles;
  const slices: { files: ArticleFile[]; helperMayTake: boolean }[] = [];
  for (let i = 0; i < ordered.length; i += sliceSize) {
    const slice = ordered.slice(i, i + sliceSize);
    slices.push({ files: slice, helperMayTake: !slice.some(hasNotes) });
  }

  let done = 0;
  let reported = -1;
  const advance = (count: number) => {
    done += count;
    // One message per percent, not per slice: ten thousand articles would send four hundred.
    const percentage = Math.round((done / files.length) * 100);
    if (percentage === reported) return;
    reported = percentage;
    progress.report(percentage, `${done} of ${files.length} articles`);
  };

  const inHelper = new Map<number, ArticleFile[]>();
  let wake: (() => void) | undefined;
  let nextJob = 0;
  const feedHelper = () => {
    while (helper && inHelper.size < helperJobsInFlight && slices.length > 0 && slices[slices.length - 1].helperMayTake) {
      const job = { id: nextJob++, files: slices.pop()!.files };
      inHelper.set(job.id, job.files);
      helper.post(job);
    }
  };
  if (helper) {
    /** The helper's date value indexes, as this model's. */
    const valueIndexes: number[] = [];
    // Annotations that change while indexing cancel it, so results of a cancelled run are of older ones.
    const generation = model.generation;
    helper.onResult = (result) => {
      const sent = inHelper.get(result.id);
      inHelper.delete(result.id);
      if (token.isCancellationRequested) return wake?.();
      for (const [value, precision] of result.values) valueIndexes.push(model.dateValues.intern(value, precision));
      for (const article of result.articles) model.storeTransferred(article, valueIndexes, generation);
      for (const { file, reason } of result.skipped) onSkipped(file, reason);
      advance(sent?.length ?? 0);
      feedHelper();
      wake?.();
    };
    // A helper that fails leaves its slices to this thread.
    helper.onFailure = () => {
      slices.push(...[...inHelper.values()].map((slice) => ({ files: slice, helperMayTake: false })));
      inHelper.clear();
      helper?.stop();
      helper = undefined;
      wake?.();
    };
    feedHelper();
  }

  try {
    while (slices.length > 0 || inHelper.size > 0) {
      if (token.isCancellationRequested) throw new CancelledError();
      const slice = slices.shift();
      if (!slice) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      for (const article of slice.files) {
        const read = readTextFileSync(article.file, maxBytes);
        if (!read.ok) onSkipped(article.file, read.reason);
        else model.indexArticle({ uri: article.uri, relativePath: article.relativePath, text: read.text, markdown: article.markdown }, token);
      }
      advance(slice.files.length);
      await yieldToRequests();
    }
  } finally {
    helper?.stop();
  }
}
