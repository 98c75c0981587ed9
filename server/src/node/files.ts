import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Folders never worth walking for articles. */
const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test']);

export const defaultArticleGlobs = ['**/*.article', '**/articles/**/*.txt', '**/*.md'];

export interface WorkspaceFiles {
  articles: string[];
  annotations: string[];
}

export type FileMatcher = (relativePath: string) => boolean;

/** Compiles the article globs; a glob that does not compile is reported and left out. */
export function articleMatcher(globs: readonly string[], onInvalid: (glob: string, error: string) => void): FileMatcher {
  const matchers = globs.flatMap((glob) => {
    try {
      return [picomatch(glob, { dot: false })];
    } catch (error) {
      onInvalid(glob, error instanceof Error ? error.message : String(error));
      return [];
    }
  });
  return (relativePath) => matchers.some((match) => match(relativePath));
}

/** Walks a folder once and sorts what it finds into articles and annotation files (absolute paths). */
export async function findWorkspaceFiles(root: string, isArticle: FileMatcher, annotationsFolder: string): Promise<WorkspaceFiles> {
  const found: WorkspaceFiles = { articles: [], annotations: [] };
  const annotationsRoot = path.resolve(root, annotationsFolder);
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries.map(async (entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!skippedFolders.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
          return;
        }
        if (!entry.isFile()) return;
        if (full.startsWith(annotationsRoot + path.sep)) {
          if (/\.ya?ml$/i.test(entry.name)) found.annotations.push(full);
        } else if (isArticle(toPosix(path.relative(root, full)))) {
          found.articles.push(full);
        }
      }),
    );
  };
  await walk(root);
  // An annotations folder outside the workspace (an absolute setting) is still read.
  if (!annotationsRoot.startsWith(root + path.sep)) found.annotations.push(...(await listYaml(annotationsRoot)));
  found.articles.sort();
  found.annotations.sort();
  return found;
}

async function listYaml(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

export function toPosix(relativePath: string): string {
  return relativePath.split(path.sep).join('/');
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a text file as UTF-8. Binary files (a NUL byte in the first 8 KB) and invalid UTF-8 are refused
 * with a reason, never thrown; a leading BOM is dropped.
 */
export async function readTextFile(file: string, maxBytes: number): Promise<ReadResult> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
    return decodeText(await fs.readFile(file));
  } catch (error) {
    return readFailure(error);
  }
}

/**
 * `readTextFile` without the event loop, for bulk indexing: four system calls per file and no promise
 * or file handle objects, which cost indexing more than the reads themselves.
 */
export function readTextFileSync(file: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const { size } = fstatSync(fd);
    if (size > maxBytes) return tooLarge(size, maxBytes);
    const bytes = Buffer.allocUnsafe(size);
    let length = 0;
    // A file that grows while it is read is cut at its size when opened; one that shrinks, where it ends.
    for (let n = 1; length < size && n > 0; length += n) n = readSync(fd, bytes, length, size - length, null);
    return decodeText(bytes.subarray(0, length));
  } catch (error) {
    return readFailure(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooLarge(size: number, maxBytes: number): ReadResult {
  return { ok: false, reason: `it is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit` };
}

function decodeText(bytes: Uint8Array): ReadResult {
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'it looks binary (it contains NUL bytes)' };
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function readFailure(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof TypeError) return { ok: false, reason: 'it is not valid UTF-8 text' };
  return { ok: false, reason: code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message };
}
