import { promises as fs } from 'node:fs';
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
    if (stat.size > maxBytes) return { ok: false, reason: `it is ${(stat.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit` };
    const bytes = await fs.readFile(file);
    if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'it looks binary (it contains NUL bytes)' };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof TypeError) return { ok: false, reason: 'it is not valid UTF-8 text' };
    return { ok: false, reason: code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message };
  }
}
