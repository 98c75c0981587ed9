/**
 * Anchoring a reader's note to a passage that may have been edited since: the note stores the exact
 * quote, a little context either side and the offset where it was; `reanchor` finds the passage again.
 *
 * Order: the quote at its stored offset with its context intact; else every exact occurrence, the one
 * whose context matches best (ties go to the one nearest the stored offset); else an approximate match
 * with at most `maxErrorRate` edits per quote character, found with Myers' bit-parallel algorithm near
 * the stored offset first and then, when affordable, in the whole text. Nothing found: an orphan.
 *
 * Cost: exact search is `indexOf`; the approximate search is O(n · ⌈m/32⌉) over a bounded window, and the
 * whole-text pass only runs when n · ⌈m/32⌉ is within `fullSearchBudget`, so a 1 MB article never costs
 * quadratic time.
 */
import type { Span } from './types';

/** What a note remembers of its passage. */
export interface TextAnchor {
  quote: string;
  /** Up to `contextLength` characters before and after the quote. */
  prefix: string;
  suffix: string;
  /** Where the quote started when last anchored: a hint, not a promise. */
  offset: number;
}

export type AnchorMethod = 'exact' | 'context' | 'fuzzy';

export interface AnchorMatch extends Span {
  method: AnchorMethod;
  /** 1 for the exact quote, else 1 − edits / quote length. */
  similarity: number;
}

export interface AnchorOptions {
  /** Most edits per quote character an approximate match may have. */
  maxErrorRate?: number;
  /** Characters searched either side of the hinted span before trying the whole text. */
  window?: number;
  /** Most text-character × 32-pattern-character steps the whole-text approximate pass may take. */
  fullSearchBudget?: number;
}

export const contextLength = 32;
export const defaultMaxErrorRate = 0.25;
/** Quotes longer than this are matched approximately by their first and last parts only. */
export const maxFuzzyQuoteLength = 2048;
const defaultWindow = 4096;
const defaultFullSearchBudget = 4_000_000;

/** The anchor of `span` in `text`, with context that never splits a surrogate pair. */
export function captureAnchor(text: string, span: Span): TextAnchor {
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  let before = Math.max(0, start - contextLength);
  if (isLowSurrogate(text.charCodeAt(before)) && before > 0) before++;
  let after = Math.min(text.length, end + contextLength);
  if (isLowSurrogate(text.charCodeAt(after)) && after < text.length) after--;
  return { quote: text.slice(start, end), prefix: text.slice(before, start), suffix: text.slice(end, after), offset: start };
}

/** Where the anchored passage is in `text` now, or undefined when it cannot be found (an orphan). */
export function reanchor(text: string, anchor: TextAnchor, options: AnchorOptions = {}): AnchorMatch | undefined {
  const quote = anchor.quote;
  if (quote.length === 0 || quote.length > text.length + Math.floor(quote.length * (options.maxErrorRate ?? defaultMaxErrorRate))) return undefined;
  const hint = Math.max(0, Math.min(Math.trunc(anchor.offset) || 0, text.length));
  const fullContext = anchor.prefix.length + anchor.suffix.length;
  if (text.startsWith(quote, hint) && contextScore(text, hint, hint + quote.length, anchor) === fullContext) {
    return { start: hint, end: hint + quote.length, method: 'exact', similarity: 1 };
  }
  const exact = bestExactOccurrence(text, anchor, hint);
  if (exact !== undefined) return { start: exact, end: exact + quote.length, method: exact === hint ? 'exact' : 'context', similarity: 1 };
  return approximate(text, quote, hint, options);
}

// ---- exact occurrences ------------------------------------------------------------------------

function bestExactOccurrence(text: string, anchor: TextAnchor, hint: number): number | undefined {
  let best: number | undefined;
  let bestScore = -1;
  const end = (start: number) => start + anchor.quote.length;
  for (let at = text.indexOf(anchor.quote); at !== -1; at = text.indexOf(anchor.quote, at + 1)) {
    const score = contextScore(text, at, end(at), anchor);
    if (score > bestScore || (score === bestScore && best !== undefined && Math.abs(at - hint) < Math.abs(best - hint))) {
      best = at;
      bestScore = score;
    }
  }
  return best;
}

/** How many characters of the stored context still stand next to the span: prefix read backwards, suffix forwards. */
function contextScore(text: string, start: number, end: number, anchor: TextAnchor): number {
  let score = 0;
  const { prefix, suffix } = anchor;
  while (score < prefix.length && start - score > 0 && text.charCodeAt(start - score - 1) === prefix.charCodeAt(prefix.length - score - 1)) score++;
  let after = 0;
  while (after < suffix.length && end + after < text.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) after++;
  return score + after;
}

// ---- approximate matching ---------------------------------------------------------------------

function approximate(text: string, quote: string, hint: number, options: AnchorOptions): AnchorMatch | undefined {
  const rate = options.maxErrorRate ?? defaultMaxErrorRate;
  if (quote.length > maxFuzzyQuoteLength) return approximateLong(text, quote, hint, options);
  const maxErrors = Math.floor(quote.length * rate);
  if (maxErrors === 0) return undefined;
  const pattern = new Pattern(quote);
  const radius = options.window ?? defaultWindow;
  const windowStart = Math.max(0, hint - radius - maxErrors);
  const windowEnd = Math.min(text.length, hint + quote.length + radius + maxErrors);
  const expectedEnd = hint + quote.length;
  let end = bestEnd(pattern, text, windowStart, windowEnd, maxErrors, expectedEnd);
  const wholeTextCost = text.length * pattern.blocks;
  if (!end && (windowStart > 0 || windowEnd < text.length) && wholeTextCost <= (options.fullSearchBudget ?? defaultFullSearchBudget)) {
    end = bestEnd(pattern, text, 0, text.length, maxErrors, expectedEnd);
  }
  if (!end) return undefined;
  const start = matchStart(quote, text, end.end, end.errors);
  return { start, end: end.end, method: 'fuzzy', similarity: 1 - end.errors / quote.length };
}

/**
 * A quote too long to match whole: its first and last `maxFuzzyQuoteLength / 2` characters are found
 * approximately, and the passage runs from one to the other if that is about the quote's length.
 */
function approximateLong(text: string, quote: string, hint: number, options: AnchorOptions): AnchorMatch | undefined {
  const part = maxFuzzyQuoteLength / 2;
  const rate = options.maxErrorRate ?? defaultMaxErrorRate;
  const head = approximate(text, quote.slice(0, part), hint, options);
  if (!head) return undefined;
  const tailHint = head.start + quote.length - part;
  const tail = approximate(text, quote.slice(-part), tailHint, options);
  if (!tail || tail.end <= head.start) return undefined;
  const length = tail.end - head.start;
  if (Math.abs(length - quote.length) > quote.length * rate) return undefined;
  return { start: head.start, end: tail.end, method: 'fuzzy', similarity: Math.min(head.similarity, tail.similarity) };
}

/** Per-character bit masks of a pattern in 32-bit blocks, for Myers' algorithm. */
class Pattern {
  readonly blocks: number;
  /** Masks of character `c` start at `masks[slot[c] * blocks]`; slot 0 is all zeros (characters not in the pattern). */
  private readonly slots = new Map<number, number>();
  private readonly masks: Uint32Array;

  constructor(readonly text: string) {
    this.blocks = Math.ceil(text.length / 32);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!this.slots.has(c)) this.slots.set(c, this.slots.size + 1);
    }
    this.masks = new Uint32Array((this.slots.size + 1) * this.blocks);
    for (let i = 0; i < text.length; i++) {
      const slot = this.slots.get(text.charCodeAt(i))!;
      this.masks[slot * this.blocks + (i >> 5)] |= 1 << (i & 31);
    }
  }

  /** Where the masks of a character start. */
  offset(c: number): number {
    return (this.slots.get(c) ?? 0) * this.blocks;
  }

  mask(offset: number, block: number): number {
    return this.masks[offset + block];
  }
}

/**
 * Myers' bit-vector edit distance (Myers 1999, block-based form). Column j holds the distances between
 * pattern prefixes and text ending at j. With `anchoredStart` false the match may start anywhere (row 0 is
 * all zeros, i.e. searching); with it true the match must start at the first text character read.
 */
class MyersScanner {
  private readonly positive: Int32Array;
  private readonly negative: Int32Array;
  /** Distance at the last row of each block. */
  private readonly scores: Int32Array;
  private readonly topBit: number;

  constructor(
    private readonly pattern: Pattern,
    private readonly anchoredStart: boolean,
  ) {
    const { blocks } = pattern;
    this.positive = new Int32Array(blocks).fill(-1);
    this.negative = new Int32Array(blocks);
    this.scores = new Int32Array(blocks);
    for (let b = 0; b < blocks; b++) this.scores[b] = Math.min((b + 1) * 32, pattern.text.length);
    this.topBit = 1 << ((pattern.text.length - 1) & 31);
  }

  /** Reads one text character; returns the distance of the whole pattern ending here. */
  step(c: number): number {
    const { pattern, positive, negative, scores } = this;
    const offset = pattern.offset(c);
    let carry = this.anchoredStart ? 1 : 0;
    const last = pattern.blocks - 1;
    for (let b = 0; b <= last; b++) {
      const pv = positive[b];
      const mv = negative[b];
      let eq = pattern.mask(offset, b) | 0;
      const xv = eq | mv;
      if (carry < 0) eq |= 1;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const top = b === last ? this.topBit : 1 << 31;
      const out = ph & top ? 1 : mh & top ? -1 : 0;
      scores[b] += out;
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      positive[b] = mh | ~(xv | ph);
      negative[b] = ph & xv;
      carry = out;
    }
    return scores[last];
  }
}

/** The end (exclusive) of the match with fewest edits in text[from, to), ties nearest `expectedEnd`. */
function bestEnd(pattern: Pattern, text: string, from: number, to: number, maxErrors: number, expectedEnd: number): { end: number; errors: number } | undefined {
  const scanner = new MyersScanner(pattern, false);
  let best: { end: number; errors: number } | undefined;
  for (let j = from; j < to; j++) {
    const errors = scanner.step(text.charCodeAt(j));
    if (errors > maxErrors) continue;
    const end = j + 1;
    if (!best || errors < best.errors || (errors === best.errors && Math.abs(end - expectedEnd) < Math.abs(best.end - expectedEnd))) best = { end, errors };
  }
  return best;
}

/**
 * The start of a match known to end at `end` with `errors` edits: the reversed quote is aligned against
 * the text read backwards from `end`; of the starts that reach that distance, the one whose length is
 * closest to the quote's.
 */
function matchStart(quote: string, text: string, end: number, errors: number): number {
  const scanner = new MyersScanner(new Pattern(reverse(quote)), true);
  const lowest = Math.max(0, end - quote.length - errors);
  let start = end - quote.length;
  let bestErrors = Infinity;
  for (let j = end - 1; j >= lowest; j--) {
    const distance = scanner.step(text.charCodeAt(j));
    if (distance < bestErrors || (distance === bestErrors && Math.abs(end - j - quote.length) < Math.abs(end - start - quote.length))) {
      bestErrors = distance;
      start = j;
    }
  }
  return Math.max(0, Math.min(start, end));
}

function reverse(text: string): string {
  let reversed = '';
  for (let i = text.length - 1; i >= 0; i--) reversed += text[i];
  return reversed;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
