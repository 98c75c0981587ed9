/** Custom messages between this server and its clients; the one place their shapes are written down. */

/** Sent by the server when the workspace index is complete (after start, and after each re-index). */
export const indexedNotification = 'annotatedReading/indexed';

export interface IndexedParams {
  articles: number;
  actors: number;
  annotationFiles: number;
  /** Milliseconds the index took. */
  elapsed: number;
  /** The server's process id, shown in the status tooltip (and used by the restart test). */
  serverPid: number;
}

// ---- Reading notes (see server/src/core/notes.ts for the file format) ----

/** Position types as in LSP, written out so the protocol needs no LSP package. */
export interface NoteRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface NoteReplyInfo {
  id: string;
  body: string;
  created?: string;
}

/** A note as the client shows it. */
export interface NoteInfo {
  id: string;
  /** The article's workspace-relative path, and its URI once the server has read it. */
  article: string;
  articleUri?: string;
  /** The notes file the note is written in. */
  notesUri: string;
  quote: string;
  body: string;
  tags: string[];
  created?: string;
  resolved: boolean;
  replies: NoteReplyInfo[];
  /** Where the passage is now; absent for an orphan (or while its article has not been read). */
  range?: NoteRange;
  /** The passage could not be found in the article (or the article is gone). */
  orphan: boolean;
}

/** Request: the notes of one article (`uri`), or of the whole workspace (no `uri`). */
export const notesRequest = 'annotatedReading/notes';
export interface NotesParams {
  uri?: string;
}
export interface NotesResult {
  notes: NoteInfo[];
}

/** Request: a new note on `range` of the article `uri`; answers the note. */
export const addNoteRequest = 'annotatedReading/addNote';
export interface AddNoteParams {
  uri: string;
  range: NoteRange;
  body: string;
  tags?: string[];
}

/** Request: change a note's body, resolved state or tags; answers the note, or null when there is no such note. */
export const editNoteRequest = 'annotatedReading/editNote';
export interface EditNoteParams {
  id: string;
  body?: string;
  resolved?: boolean;
  tags?: string[];
}

/** Request: add a reply to a note; answers the note, or null when there is no such note. */
export const replyNoteRequest = 'annotatedReading/replyNote';
export interface ReplyNoteParams {
  id: string;
  body: string;
}

/** Request: delete a note (only ever on the reader's request); answers whether it was found. */
export const deleteNoteRequest = 'annotatedReading/deleteNote';
export interface DeleteNoteParams {
  id: string;
}

/** Sent by the server when notes were added, changed or re-anchored: clients ask again for what they show. */
export const notesChangedNotification = 'annotatedReading/notesChanged';
