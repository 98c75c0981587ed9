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

// ---- Corpus views: actors, timeline, connections (computed in server/src/core/providers/corpusViews.ts) ----

export type ViewActorKind = 'person' | 'country' | 'organization' | 'media' | 'place' | 'other';
export type ViewDatePrecision = 'year' | 'month' | 'day';

/** A range in an article, as in LSP. */
export interface ViewRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Sent by the server (debounced) when articles, the index or the annotations changed: open views ask again. */
export const corpusChangedNotification = 'annotatedReading/corpusChanged';

/** Request: every annotated actor with its mentions across the workspace, grouped by kind. */
export const actorsRequest = 'annotatedReading/actors';
export interface ActorsParams {
  /** Keep actors whose name, alias or id contains this (case-insensitive). */
  filter?: string;
}
export interface ActorSummary {
  id: string;
  name: string;
  kind: ViewActorKind;
  mentions: number;
  articles: number;
}
export interface ActorGroup {
  kind: ViewActorKind;
  /** Most mentioned first. */
  actors: ActorSummary[];
}
export interface ActorsResult {
  /** Kinds in the schema's order; kinds without actors are left out. */
  groups: ActorGroup[];
}

/** Request: the articles that mention an actor, most mentions first. */
export const actorArticlesRequest = 'annotatedReading/actorArticles';
export interface ActorArticlesParams {
  actorId: string;
}
export interface ActorArticle {
  uri: string;
  title: string;
  mentions: number;
}

/** Request: an actor's mentions in one article, each with its line of context. */
export const actorMentionsRequest = 'annotatedReading/actorMentions';
export interface ActorMentionsParams {
  actorId: string;
  uri: string;
}
export interface MentionInContext {
  range: ViewRange;
  /** The mention's line, whitespace collapsed and cut around the mention. */
  context: string;
  /** Where the mention stands in `context`: [start, end). */
  highlight: [number, number];
}

/** Request: every mention of an actor as locations (for a references list). */
export const actorLocationsRequest = 'annotatedReading/actorLocations';
export interface ActorLocationsParams {
  actorId: string;
}
export interface ActorLocation {
  uri: string;
  range: ViewRange;
}

/** Request: the dated statements of the workspace, optionally only those naming some actors or in some articles. */
export const timelineRequest = 'annotatedReading/timeline';
export interface TimelineParams {
  /** Keep items whose sentence mentions any of these actors. */
  actorIds?: string[];
  /** Keep items in these articles. */
  uris?: string[];
  /** At most this many items, the earliest (default 1,000). */
  limit?: number;
}
export interface TimelineItem {
  uri: string;
  range: ViewRange;
  /** The date as written, and its ISO value (YYYY, YYYY-MM, YYYY-MM-DD or START/END). */
  text: string;
  value: string;
  precision: ViewDatePrecision;
  /** The first and the day after the last day the value covers (YYYY-MM-DD), for drawing. */
  from: string;
  until: string;
  sentence: string;
  actorIds: string[];
}
export interface TimelineResult {
  /** Sorted by `from`; the earliest `limit` of them. */
  items: TimelineItem[];
  /** How many items match the filter in all. */
  total: number;
  /** The actors mentioned in articles with dated items, and those articles, whatever the filter: to offer as filters. */
  actors: { id: string; name: string }[];
  articles: { uri: string; title: string }[];
}

/** Request: actors as nodes and, between two actors, how many paragraphs mention both. */
export const connectionsRequest = 'annotatedReading/connections';
export interface ConnectionsParams {
  /** Leave out edges of fewer shared paragraphs (default 1). */
  minWeight?: number;
}
export interface ConnectionNode {
  id: string;
  name: string;
  kind: ViewActorKind;
  mentions: number;
}
export interface ConnectionEdge {
  source: string;
  target: string;
  /** Paragraphs that mention both. */
  weight: number;
}
export interface ConnectionsResult {
  /** Actors with at least one edge. */
  nodes: ConnectionNode[];
  edges: ConnectionEdge[];
}
