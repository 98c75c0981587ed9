// `annotated-reading notes`: exports the reader's notes with the passage each is anchored to now.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { reanchor, type AnchorMatch } from '../core/anchoring';
import { parseNotesFile, type Note } from '../core/notes';
import { LineIndex } from '../core/text';
import type { Range } from '../core/types';
import { readTextFile } from '../node/files';

const maxArticleBytes = 10 * 1024 * 1024;
const contextChars = 60;

interface ExportedNote {
  note: Note;
  /** Where the passage is now, and the text around it; absent for an orphan. */
  found?: { range: Range; before: string; passage: string; after: string; match: AnchorMatch };
  /** Why it is an orphan. */
  orphan?: string;
}

/** Reads every notes file under `<annotationsDir>/notes`, anchors each note in its article (paths relative to `root`) and prints them. */
export async function exportNotes(annotationsDir: string, root: string, format: 'md' | 'json', out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const notesDir = path.join(annotationsDir, 'notes');
  const entries = await fs.readdir(notesDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).map((e) => path.join(e.parentPath, e.name)).sort();
  const exported: ExportedNote[] = [];
  let failed = false;
  const articles = new Map<string, string | undefined>();
  for (const file of files) {
    const read = await readTextFile(file, 2 * 1024 * 1024);
    if (!read.ok) {
      err(`annotated-reading: ${file}: cannot read it: ${read.reason}.\n`);
      failed = true;
      continue;
    }
    for (const note of parseNotesFile(pathToFileURL(file).toString(), read.text).notes) {
      if (!articles.has(note.article)) {
        const article = await readTextFile(path.resolve(root, note.article), maxArticleBytes);
        articles.set(note.article, article.ok ? article.text : undefined);
      }
      exported.push(place(note, articles.get(note.article)));
    }
  }
  out(format === 'json' ? JSON.stringify({ version: 1, notes: exported.map(toJson) }, null, 2) + '\n' : toMarkdown(exported));
  return failed ? 1 : 0;
}

function place(note: Note, text: string | undefined): ExportedNote {
  if (text === undefined) return { note, orphan: `the article ${note.article} was not found` };
  const match = reanchor(text, note);
  if (!match) return { note, orphan: 'the passage is no longer in the article' };
  const range = new LineIndex(text).range(match);
  const before = text.slice(Math.max(0, match.start - contextChars), match.start);
  return { note, found: { range, before, passage: text.slice(match.start, match.end), after: text.slice(match.end, match.end + contextChars), match } };
}

function toJson({ note, found, orphan }: ExportedNote) {
  return {
    id: note.id,
    article: note.article,
    quote: note.quote,
    body: note.body,
    tags: note.tags,
    created: note.created ?? null,
    resolved: note.resolved,
    replies: note.replies,
    orphan: orphan ?? null,
    range: found?.range ?? null,
    passage: found?.passage ?? null,
    context: found ? { before: found.before, after: found.after } : null,
  };
}

function toMarkdown(exported: ExportedNote[]): string {
  const out = ['# Reading notes', ''];
  let article: string | undefined;
  for (const { note, found, orphan } of exported) {
    if (note.article !== article) {
      article = note.article;
      out.push(`## ${article}`, '');
    }
    const where = found ? `Line ${found.range.start.line + 1}` : 'Orphaned';
    const meta = [where, ...note.tags.map((t) => `#${t}`), note.resolved ? 'resolved' : '', note.created?.slice(0, 10) ?? ''].filter(Boolean).join(' · ');
    out.push(`### ${meta}`, '');
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    out.push(found ? `> …${flat(found.before)}**${flat(found.passage)}**${flat(found.after)}…` : `> ${flat(note.quote)}`, '');
    if (orphan) out.push(`_Orphaned: ${orphan}._`, '');
    if (note.body) out.push(note.body, '');
    for (const reply of note.replies) out.push(`- Reply${reply.created ? ` (${reply.created.slice(0, 10)})` : ''}: ${flat(reply.body)}`);
    if (note.replies.length) out.push('');
  }
  if (exported.length === 0) out.push('No notes.', '');
  return out.join('\n');
}
