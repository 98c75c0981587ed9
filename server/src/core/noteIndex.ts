/**
 * The workspace's notes: every notes file, and where each note stands in its article now. Anchors are
 * computed from an article's text when it is there to read: on demand (per version) for open articles,
 * at indexing time for articles on disk, whose text is not kept. A note is never dropped for being
 * lost: it becomes an orphan, reported in its notes file.
 */
import type { ArticleText } from './analysis';
import { reanchor, type AnchorMatch } from './anchoring';
import { parseNotesFile, type Note, type NotesFile } from './notes';
import { LineIndex } from './text';
import type { Finding, Range } from './types';
import type { WorkspaceModel } from './workspace';

/** A note and where it is now; `match` and `range` are absent for an orphan. */
export interface AnchoredNote {
  note: Note;
  articleUri: string;
  match?: AnchorMatch;
  range?: Range;
}

interface ArticleAnchors {
  relativePath: string;
  /** Editor version of the text anchored against; undefined for the disk copy. */
  version: number | undefined;
  /** `notesGeneration` of the article's notes when anchored. */
  generation: number;
  notes: AnchoredNote[];
}

export class NoteIndex {
  private readonly files = new Map<string, { file: NotesFile; lines: LineIndex }>();
  private byArticle: Map<string, Note[]> | undefined;
  /** Anchors per article URI. */
  private readonly anchors = new Map<string, ArticleAnchors>();
  private readonly uriByPath = new Map<string, string>();
  /** Bumped per article path whenever its notes change, so its anchors are redone. */
  private readonly generations = new Map<string, number>();
  /** Set once every article of the workspace has been seen, so a note on a missing article can be called an orphan. */
  articlesComplete = false;

  setFile(uri: string, text: string): void {
    this.touch(this.files.get(uri)?.file.article);
    const file = parseNotesFile(uri, text);
    this.files.set(uri, { file, lines: new LineIndex(text) });
    this.touch(file.article);
  }

  deleteFile(uri: string): boolean {
    const old = this.files.get(uri);
    if (!old) return false;
    this.files.delete(uri);
    this.touch(old.file.article);
    return true;
  }

  get fileUris(): string[] {
    return [...this.files.keys()];
  }

  file(uri: string): NotesFile | undefined {
    return this.files.get(uri)?.file;
  }

  fileLines(uri: string): LineIndex | undefined {
    return this.files.get(uri)?.lines;
  }

  /** The notes file (URI) declaring notes on this article, when there is one. */
  fileOf(articlePath: string): string | undefined {
    for (const [uri, { file }] of this.files) if (file.article === articlePath) return uri;
    return undefined;
  }

  /** Every note on the article at this relative path, across notes files (in URI order). */
  notesOn(articlePath: string): Note[] {
    if (!this.byArticle) {
      this.byArticle = new Map();
      for (const uri of [...this.files.keys()].sort()) {
        for (const note of this.files.get(uri)!.file.notes) {
          const list = this.byArticle.get(note.article) ?? [];
          list.push(note);
          this.byArticle.set(note.article, list);
        }
      }
    }
    return this.byArticle.get(articlePath) ?? [];
  }

  /** Anchors the article's notes in its text; an open article's result is reused while its version and notes stay the same. */
  anchor(article: ArticleText, version?: number): AnchoredNote[] {
    const generation = this.generations.get(article.relativePath) ?? 0;
    const cached = this.anchors.get(article.uri);
    if (cached && version !== undefined && cached.version === version && cached.generation === generation && cached.relativePath === article.relativePath) return cached.notes;
    const notes = this.notesOn(article.relativePath);
    const lines = notes.length ? new LineIndex(article.text) : undefined;
    const anchored = notes.map((note): AnchoredNote => {
      const match = reanchor(article.text, note);
      return match && lines ? { note, articleUri: article.uri, match, range: lines.range(match) } : { note, articleUri: article.uri };
    });
    this.anchors.set(article.uri, { relativePath: article.relativePath, version, generation, notes: anchored });
    this.uriByPath.set(article.relativePath, article.uri);
    return anchored;
  }

  /** The anchors last computed for an article, whatever its text has become since. */
  lastAnchored(articleUri: string): AnchoredNote[] | undefined {
    return this.anchors.get(articleUri)?.notes;
  }

  forget(articleUri: string): void {
    const entry = this.anchors.get(articleUri);
    if (!entry) return;
    this.anchors.delete(articleUri);
    if (this.uriByPath.get(entry.relativePath) === articleUri) this.uriByPath.delete(entry.relativePath);
  }

  /** Articles whose anchors predate a change to their notes: they need their text read again. */
  staleArticles(): { uri: string; relativePath: string }[] {
    const stale = [];
    for (const [uri, entry] of this.anchors) {
      if (entry.generation !== (this.generations.get(entry.relativePath) ?? 0)) stale.push({ uri, relativePath: entry.relativePath });
    }
    return stale;
  }

  /** The URI of the article at a relative path, once it has been anchored. */
  articleUri(articlePath: string): string | undefined {
    return this.uriByPath.get(articlePath);
  }

  /** A notes file's own findings plus one `orphaned-note` warning per note that cannot be placed. */
  findings(uri: string): Finding[] {
    const entry = this.files.get(uri);
    if (!entry) return [];
    const findings = [...entry.file.findings];
    const article = entry.file.article;
    const anchors = article === undefined ? undefined : this.anchors.get(this.uriByPath.get(article) ?? '');
    if (article !== undefined && !anchors && this.articlesComplete) {
      for (const note of entry.file.notes) {
        findings.push({ start: note.source.start, end: note.source.end, code: 'orphaned-note', severity: 'warning', message: `No article '${article}' was found in the workspace; the note is kept` });
      }
    }
    for (const anchored of anchors?.notes ?? []) {
      if (anchored.match || anchored.note.source.uri !== uri) continue;
      const message = `The passage “${preview(anchored.note.quote)}” is no longer in ${article}; the note is kept until you move or delete it`;
      findings.push({ start: anchored.note.source.start, end: anchored.note.source.end, code: 'orphaned-note', severity: 'warning', message });
    }
    return findings.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Every note with its latest anchor (absent while its article has not been read). */
  all(): { note: Note; anchored?: AnchoredNote }[] {
    const anchoredByNote = new Map<Note, AnchoredNote>();
    for (const entry of this.anchors.values()) for (const anchored of entry.notes) anchoredByNote.set(anchored.note, anchored);
    return [...this.files.keys()].sort().flatMap((uri) => this.files.get(uri)!.file.notes.map((note) => ({ note, anchored: anchoredByNote.get(note) })));
  }

  private touch(articlePath: string | undefined): void {
    this.byArticle = undefined;
    if (articlePath !== undefined) this.generations.set(articlePath, (this.generations.get(articlePath) ?? 0) + 1);
  }
}

/** The notes of an article: re-anchored in the editor's text when it is open, else as last anchored. */
export function anchoredNotes(model: WorkspaceModel, articleUri: string): AnchoredNote[] {
  const open = model.openArticleText(articleUri);
  return open ? model.notes.anchor(open, open.version) : (model.notes.lastAnchored(articleUri) ?? []);
}

/** The URI of the article at a workspace-relative path: anchored before, or open in the editor. */
export function articleUriOf(model: WorkspaceModel, articlePath: string): string | undefined {
  return model.notes.articleUri(articlePath) ?? model.articleUris.find((uri) => model.openArticleText(uri)?.relativePath === articlePath);
}

/** Notes whose passage contains a mention of the actor, across the workspace. */
export function notesForActor(model: WorkspaceModel, actorId: string): AnchoredNote[] {
  const found: AnchoredNote[] = [];
  for (const [articleUri, mentions] of model.mentionsOf(actorId)) {
    for (const anchored of anchoredNotes(model, articleUri)) {
      const range = anchored.range;
      if (range && mentions.some((mention) => overlaps(range, mention))) found.push(anchored);
    }
  }
  return found;
}

function overlaps(a: Range, b: Range): boolean {
  return before(a.start, b.end) && before(b.start, a.end);
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function preview(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
