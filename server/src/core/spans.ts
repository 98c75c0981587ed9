import type { Span } from './types';

/** Whether [start, end) overlaps any of the spans, which are sorted by start and do not overlap each other. */
export function overlapsAny(sorted: readonly Span[], start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].end <= start) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low].start < end;
}
