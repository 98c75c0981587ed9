/**
 * Shared shapes of the analysis core. Positions and ranges match LSP's structurally (0-based line,
 * UTF-16 character) so the glue passes them through untouched; the core itself never imports LSP.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of UTF-16 code-unit offsets into a document's text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found by the core, positioned by offsets into the text it was found in. */
export interface Finding extends Span {
  code: string;
  severity: Severity;
  message: string;
}

/** Checked between chunks of work; structurally the same as LSP's token. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

/** Thrown by long-running core work when its token is cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new CancelledError();
}
