import * as assert from 'node:assert/strict';

/** The LSP position of the n-th occurrence of `needle` in `text`, `within` characters into it. */
export function positionOf(text: string, needle: string, options: { nth?: number; within?: number } = {}): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= (options.nth ?? 0); i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `fixture lacks occurrence ${i} of ${JSON.stringify(needle)}`);
  }
  const at = offset + (options.within ?? 0);
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The line (0-based) that starts with `prefix`. */
export function lineStartingWith(text: string, prefix: string): number {
  const line = text.split(/\r\n|\r|\n/).findIndex((l) => l.startsWith(prefix));
  assert.ok(line >= 0, `fixture has no line starting with ${JSON.stringify(prefix)}`);
  return line;
}

export function countOccurrences(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

/** A YAML document from its lines, so fixtures read like the files they stand for. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
