import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ActorMatcher } from '../core/actors';
import { analyzeArticle, type AnnotationContext, type DocumentAnalysis } from '../core/analysis';
import { AnnotationIndex, parseAnnotationFile } from '../core/annotations';
import { citationKey } from '../core/citations';
import { NoteIndex } from '../core/noteIndex';
import { LineIndex } from '../core/text';
import type { Finding, Range } from '../core/types';
import { findWorkspaceFiles, readTextFile, toPosix } from '../node/files';
import { exportNotes } from './notes';
import { formatSarif, type FileReport } from './sarif';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

const usage = `Usage:
  annotated-reading analyze [--annotations DIR] [--format json|text] FILE...
  annotated-reading check [--annotations DIR] [--format text|json|sarif] [PATH...]
  annotated-reading notes [--annotations DIR] [--format md|json]

analyze  prints the actors, dates, citations, references and diagnostics of each article.
check    lints articles, annotation files and notes files (a note whose passage is gone is a
         warning); exits 1 when any error is found.
notes    exports the reader's notes (DIR/notes/) with the passage each is anchored to now;
         their article paths are read relative to the current folder.
DIR defaults to ./annotations; PATH defaults to the current folder (folders are searched for
*.txt, *.md, *.markdown and *.article files).
`;

const maxBytes = 10 * 1024 * 1024;
const articleExtensions = /\.(txt|md|markdown|article)$/i;

/** Runs the CLI; resolves to the exit code: 0 clean, 1 errors found (or files unreadable), 2 usage. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'analyze' && command !== 'check' && command !== 'notes') {
    (command === '--help' || command === '-h' ? io.stdout : io.stderr)(usage);
    return command === '--help' || command === '-h' ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { annotations: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(usage);
    return 0;
  }
  const format = parsed.values.format ?? (command === 'analyze' ? 'json' : command === 'notes' ? 'md' : 'text');
  const formats = command === 'analyze' ? ['json', 'text'] : command === 'notes' ? ['md', 'json'] : ['text', 'json', 'sarif'];
  if (!formats.includes(format)) {
    io.stderr(`--format must be one of ${formats.join(', ')} for ${command}.\n`);
    return 2;
  }
  const annotationsDir = path.resolve(io.cwd, parsed.values.annotations ?? 'annotations');
  if (command === 'notes') return exportNotes(annotationsDir, io.cwd, format as 'md' | 'json', io.stdout, io.stderr);
  const annotations = await loadAnnotations(annotationsDir, io, parsed.values.annotations !== undefined);
  if (command === 'analyze') {
    if (parsed.positionals.length === 0) {
      io.stderr(`analyze needs at least one FILE.\n\n${usage}`);
      return 2;
    }
    return analyze(parsed.positionals.map((p) => path.resolve(io.cwd, p)), annotations, format, io);
  }
  const wholeWorkspace = parsed.positionals.length === 0;
  return check(await collectArticles(wholeWorkspace ? ['.'] : parsed.positionals, io.cwd, annotationsDir), annotations, wholeWorkspace, format, io);
}

interface LoadedAnnotations {
  context: AnnotationContext;
  files: { path: string; lines: LineIndex }[];
  /** The reader's notes files (DIR/notes/), not yet anchored in any article. */
  notes: NoteIndex;
  notesFiles: string[];
}

async function loadAnnotations(dir: string, io: CliIO, explicit: boolean): Promise<LoadedAnnotations> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => undefined);
  if (!entries && explicit) io.stderr(`annotated-reading: the annotations folder ${dir} does not exist; no actors will be recognised.\n`);
  const notesDir = path.join(dir, 'notes') + path.sep;
  const yamlFiles = (entries ?? [])
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const readYaml = async (file: string) => {
    const read = await readTextFile(file, 2 * 1024 * 1024);
    if (!read.ok) io.stderr(`annotated-reading: ${file}: cannot read it: ${read.reason}.\n`);
    return read.ok ? read.text : '';
  };
  const files = [];
  const parsed = [];
  const notes = new NoteIndex();
  const notesFiles = [];
  for (const file of yamlFiles) {
    const text = await readYaml(file);
    if (file.startsWith(notesDir)) {
      notes.setFile(pathToFileURL(file).toString(), text);
      notesFiles.push(file);
      continue;
    }
    parsed.push(parseAnnotationFile(pathToFileURL(file).toString(), text));
    files.push({ path: file, lines: new LineIndex(text) });
  }
  const index = AnnotationIndex.build(parsed);
  return { context: { index, matcher: ActorMatcher.build(index.actors) }, files, notes, notesFiles };
}

async function collectArticles(paths: string[], cwd: string, annotationsDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat?.isDirectory()) {
      const found = await findWorkspaceFiles(full, (relative) => articleExtensions.test(relative), path.relative(full, annotationsDir) || '.');
      files.push(...found.articles);
    } else {
      files.push(full);
    }
  }
  return [...new Set(files)];
}

type Analysed = { path: string; analysis: DocumentAnalysis } | { path: string; error: string };

async function analyseFiles(files: string[], annotations: LoadedAnnotations, cwd: string): Promise<Analysed[]> {
  return Promise.all(
    files.map(async (file): Promise<Analysed> => {
      const shown = toPosix(path.relative(cwd, file)) || file;
      const read = await readTextFile(file, maxBytes);
      if (!read.ok) return { path: shown, error: `cannot analyse ${shown}: ${read.reason}` };
      const article = { uri: pathToFileURL(file).toString(), relativePath: shown, text: read.text, markdown: /\.(md|markdown)$/i.test(file) };
      return { path: shown, analysis: analyzeArticle(article, annotations.context) };
    }),
  );
}

async function analyze(files: string[], annotations: LoadedAnnotations, format: string, io: CliIO): Promise<number> {
  const results = await analyseFiles(files, annotations, io.cwd);
  for (const failed of results) if ('error' in failed) io.stderr(`annotated-reading: ${failed.error}\n`);
  const reports = results.map((r) => ('error' in r ? { path: r.path, error: r.error } : analysisJson(r.path, r.analysis)));
  if (format === 'json') io.stdout(JSON.stringify({ version: 1, files: reports }, null, 2) + '\n');
  else for (const r of results) if ('analysis' in r) io.stdout(analysisText(r.path, r.analysis, annotations.context));
  return results.some((r) => 'error' in r) ? 1 : 0;
}

function analysisJson(shownPath: string, analysis: DocumentAnalysis) {
  const range = (span: { start: number; end: number }): Range => analysis.lines.range(span);
  const { markers, references } = analysis.citations;
  return {
    path: shownPath,
    published: analysis.published ?? null,
    actors: analysis.actors.map((m) => ({ id: m.actorId, text: m.text, range: range(m), ...(m.backReference ? { backReference: true } : {}) })),
    dates: analysis.dates.map((d) => ({ text: d.text, value: d.value ?? null, range: range(d) })),
    citations: markers.map((m) => {
      const reference = references.findIndex((r) => citationKey(r) === citationKey(m));
      return { label: m.label, range: range(m), reference: reference === -1 ? null : reference };
    }),
    references: references.map((r) => ({
      label: r.label,
      ...(r.footnote ? { footnote: true } : {}),
      range: range(r),
      title: r.title ?? null,
      outlet: r.outlet ?? null,
      url: r.url ?? null,
      accessed: r.accessed ?? null,
    })),
    diagnostics: analysis.findings.map((f) => diagnosticJson(f, analysis.lines)),
  };
}

function diagnosticJson(finding: Finding, lines: LineIndex) {
  return { code: finding.code, severity: finding.severity, message: finding.message, range: lines.range(finding) };
}

function analysisText(shownPath: string, analysis: DocumentAnalysis, annotations: AnnotationContext): string {
  const at = (offset: number) => {
    const p = analysis.lines.positionAt(offset);
    return `${p.line + 1}:${p.character + 1}`;
  };
  const out = [`${shownPath}`];
  const counts = new Map<string, number>();
  for (const m of analysis.actors) counts.set(m.actorId, (counts.get(m.actorId) ?? 0) + 1);
  out.push(`  actors (${analysis.actors.length} mentions of ${counts.size}):`);
  for (const [id, n] of [...counts].sort((a, b) => b[1] - a[1])) out.push(`    ${annotations.index.actor(id)?.name ?? id} ×${n}`);
  out.push(`  dates (${analysis.dates.length}):`);
  for (const d of analysis.dates) out.push(`    ${at(d.start)}  ${d.text} → ${d.value ?? '(unresolved)'}`);
  out.push(`  citations: ${analysis.citations.markers.length} markers, ${analysis.citations.references.length} references`);
  for (const f of analysis.findings) out.push(`    ${at(f.start)}  ${f.severity} ${f.code}: ${f.message}`);
  return out.join('\n') + '\n';
}

/**
 * Lints the articles and every annotation and notes file. Notes are anchored in the articles checked
 * (their paths are relative to the current folder, the workspace); a note on an article that was not
 * checked is called an orphan only when the whole workspace was (`wholeWorkspace`).
 */
async function check(files: string[], annotations: LoadedAnnotations, wholeWorkspace: boolean, format: string, io: CliIO): Promise<number> {
  const results = await analyseFiles(files, annotations, io.cwd);
  const { notes } = annotations;
  for (const result of results) {
    if ('error' in result) continue;
    const { uri, lines } = result.analysis;
    notes.anchor({ uri, relativePath: result.path, text: lines.text, markdown: /\.(md|markdown)$/i.test(result.path) });
  }
  notes.articlesComplete = wholeWorkspace;
  const reports: FileReport[] = [
    ...annotations.files.map((f) => ({
      path: toPosix(path.relative(io.cwd, f.path)),
      lines: f.lines,
      findings: annotations.context.index.findings(pathToFileURL(f.path).toString()),
    })),
    ...annotations.notesFiles.map((file) => {
      const uri = pathToFileURL(file).toString();
      return { path: toPosix(path.relative(io.cwd, file)), lines: notes.fileLines(uri) ?? new LineIndex(''), findings: notes.findings(uri) };
    }),
    ...results.map((r) =>
      'error' in r
        ? { path: r.path, lines: new LineIndex(''), findings: [{ start: 0, end: 0, code: 'unreadable-file', severity: 'error' as const, message: r.error }] }
        : { path: r.path, lines: r.analysis.lines, findings: r.analysis.findings },
    ),
  ];
  if (format === 'sarif') io.stdout(JSON.stringify(formatSarif(reports), null, 2) + '\n');
  else if (format === 'json') {
    io.stdout(JSON.stringify({ version: 1, files: reports.map((r) => ({ path: r.path, diagnostics: r.findings.map((f) => diagnosticJson(f, r.lines)) })) }, null, 2) + '\n');
  } else {
    for (const r of reports) {
      for (const f of r.findings) {
        const p = r.lines.positionAt(f.start);
        io.stdout(`${r.path}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.code}: ${f.message}\n`);
      }
    }
    const all = reports.flatMap((r) => r.findings);
    const count = (s: string) => all.filter((f) => f.severity === s).length;
    const notesCount = annotations.notesFiles.length;
    const notesFiles = notesCount ? `, ${notesCount} notes file${notesCount === 1 ? '' : 's'}` : '';
    io.stdout(`${results.length} articles, ${annotations.files.length} annotation files${notesFiles}: ${count('error')} errors, ${count('warning')} warnings, ${count('information') + count('hint')} notes.\n`);
  }
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
