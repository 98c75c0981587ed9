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
