import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceModel } from '../core/workspace';
import { CancelledError, type CancellationToken } from '../core/types';
import { readTextFile, toPosix } from '../node/files';

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

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

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
 * in between. Files that cannot be read are reported through `onSkipped` and left out.
 */
export async function indexArticles(
  model: WorkspaceModel,
  folders: readonly Folder[],
  files: readonly string[],
  maxBytes: number,
  progress: Progress,
  token: CancellationToken,
  onSkipped: (file: string, reason: string) => void,
): Promise<void> {
  for (let i = 0; i < files.length; i += sliceSize) {
    if (token.isCancellationRequested) throw new CancelledError();
    const slice = files.slice(i, i + sliceSize);
    const texts = await Promise.all(slice.map((file) => readTextFile(file, maxBytes)));
    slice.forEach((file, j) => {
      const read = texts[j];
      const uri = URI.file(file).toString();
      if (!read.ok) return onSkipped(file, read.reason);
      model.indexArticle({ uri, relativePath: relativePathOf(folders, uri), text: read.text, markdown: /\.(md|markdown)$/i.test(file) }, token);
    });
    progress.report(Math.round(((i + slice.length) / files.length) * 100), `${i + slice.length} of ${files.length} articles`);
    await yieldToRequests();
  }
}
