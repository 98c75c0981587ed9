import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { captureAnchor, defaultMaxErrorRate, reanchor, type TextAnchor } from '../../server/src/core/anchoring';

/** Fewest edits turning `quote` into some substring of `text` (dynamic programming, for checking). */
function bestSubstringDistance(quote: string, text: string): number {
  let previous = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= quote.length; i++) {
    const current = [i];
    for (let j = 1; j <= text.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (quote[i - 1] === text[j - 1] ? 0 : 1));
    previous = current;
  }
  return Math.min(...previous);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

interface Edit {
  /** Where, as a fraction of the text's length at the time, and how much is removed. */
  at: number;
  remove: number;
  insert: string;
}

/** Applies an edit and moves the tracked quote span with it; text replaced inside the span is outside it afterwards. */
function applyEdit(text: string, span: { start: number; end: number }, edit: Edit): string {
  const start = Math.min(text.length, Math.floor(edit.at * (text.length + 1)));
  const end = Math.min(text.length, start + edit.remove);
  const delta = edit.insert.length - (end - start);
  const moveStart = (p: number) => (p < start ? p : p >= end ? p + delta : start + edit.insert.length);
  const moveEnd = (p: number) => (p <= start ? p : p > end ? p + delta : start);
  const next = { start: moveStart(span.start), end: moveEnd(span.end) };
  span.start = next.start;
  span.end = Math.max(next.start, next.end);
  return text.slice(0, start) + edit.insert + text.slice(end);
}

const words = 'grid cable ring frequency operator Baltic Moscow Minsk summit treaty sanctions pipeline harbour ministry envoy deterrence flank corridor tariff subsidy reactor ballot coalition mandate'.split(' ');
const sentence = fc.array(fc.constantFrom(...words), { minLength: 4, maxLength: 14 }).map((w) => w.join(' ') + '. ');
const article = fc.array(sentence, { minLength: 6, maxLength: 30 }).map((s) => s.join(''));
const editArb = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 12 }), insert: fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), fc.constantFrom(...words)) });

/** An article, a quote span in it (not only spaces), and the anchor taken there. */
const anchored = article.chain((text) =>
  fc.record({ start: fc.integer({ min: 0, max: text.length - 1 }), length: fc.integer({ min: 8, max: 120 }) }).map(({ start, length }) => {
    const span = { start, end: Math.min(text.length, start + length) };
    return { text, span, anchor: captureAnchor(text, span) };
  }),
);

describe('anchoring notes to passages', function () {
  it('captures at most 32 characters of context each side, never half a surrogate pair', function () {
    const text = 'x😀'.repeat(40) + 'QUOTE' + '😀y'.repeat(40);
    const start = text.indexOf('QUOTE');
    const anchor = captureAnchor(text, { start, end: start + 5 });
    assert.equal(anchor.quote, 'QUOTE');
    assert.ok(anchor.prefix.length <= 32 && anchor.suffix.length <= 32);
    assert.ok(!/^[\udc00-\udfff]/.test(anchor.prefix) && !/[\ud800-\udbff]$/.test(anchor.suffix));
    assert.ok(text.slice(0, start).endsWith(anchor.prefix) && text.slice(start + 5).startsWith(anchor.suffix));
  });

  it('finds the quote at its stored offset, and among repeats prefers the one whose context matches', function () {
    const text = 'The ring closes. Then the ring opens again. Finally the ring is gone.';
    const second = text.indexOf('ring', text.indexOf('ring') + 1);
    const anchor = captureAnchor(text, { start: second, end: second + 4 });
    assert.deepEqual(reanchor(text, anchor), { start: second, end: second + 4, method: 'exact', similarity: 1 });
    const shifted = 'An inserted opening line. ' + text;
    const match = reanchor(shifted, anchor)!;
    assert.equal(match.start, second + 26);
    assert.equal(match.method, 'context');
  });

  it('never orphans a note when edits leave the quote intact', function () {
    fc.assert(
      fc.property(anchored, fc.array(editArb, { maxLength: 12 }), ({ text, span, anchor }, edits) => {
        let current = text;
        const tracked = { ...span };
        for (const edit of edits) {
          const probe = { ...tracked };
          const next = applyEdit(current, probe, edit);
          // Only edits that leave the quoted characters untouched (they may touch its context).
          if (next.slice(probe.start, probe.end) !== anchor.quote) continue;
          current = next;
          Object.assign(tracked, probe);
        }
        const match = reanchor(current, anchor);
        assert.ok(match, 'orphaned although the quote is intact');
        assert.equal(current.slice(match.start, match.end), anchor.quote);
        if (current.indexOf(anchor.quote) === current.lastIndexOf(anchor.quote)) assert.equal(match.start, tracked.start);
      }),
      { numRuns: 300 },
    );
  });

  it('orphans a note exactly when no passage within the allowed edits remains (every occurrence and anything similar deleted)', function () {
    // A small alphabet makes near matches common, so both outcomes are exercised; the reference is brute force.
    const small = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 0, maxLength: 160 });
    const quoteArb = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 48 });
    fc.assert(
      fc.property(small, quoteArb, fc.nat(), (text, quote, hint) => {
        // Delete every exact occurrence, as a reader deleting the passage would.
        const remaining = text.split(quote).join('');
        const anchor: TextAnchor = { quote, prefix: '', suffix: '', offset: hint % (remaining.length + 1) };
        const allowed = Math.floor(quote.length * defaultMaxErrorRate);
        const distance = bestSubstringDistance(quote, remaining);
        const match = reanchor(remaining, anchor);
        assert.equal(match === undefined, allowed === 0 ? distance > 0 : distance > allowed, `distance ${distance}, allowed ${allowed}`);
        if (match) assert.equal(editDistance(quote, remaining.slice(match.start, match.end)), distance);
      }),
      { numRuns: 1500 },
    );
  });

  it('orphans a note whose passage was deleted from a real-looking article', function () {
    fc.assert(
      fc.property(anchored, ({ text, span, anchor }) => {
        const without = text.slice(0, span.start) + text.slice(span.end);
        const allowed = Math.floor(anchor.quote.length * defaultMaxErrorRate);
        fc.pre(bestSubstringDistance(anchor.quote, without) > allowed);
        assert.equal(reanchor(without, anchor), undefined);
      }),
      { numRuns: 150 },
    );
  });

  it('finds the passage after generated edit histories wherever a person would (≤ 20% of its characters edited)', function () {
    // "A person would": the quote's characters survive as one passage differing from the quote by at
    // most 20% edits, and the quote was unique when the note was taken. Right: the found span overlaps
    // that passage by at least 80% (Jaccard), since fuzzy boundaries may differ by an edited character.
    const edit = fc.record({
      near: fc.boolean(),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.integer({ min: 0, max: 4 }),
      insert: fc.oneof(fc.constant(''), fc.string({ minLength: 1, maxLength: 4 }), fc.constantFrom(...words).map((w) => ` ${w}`)),
    });
    const cases = fc.sample(fc.tuple(anchored, fc.array(edit, { minLength: 1, maxLength: 10 })), { numRuns: 3000, seed: 20240501 });
    let eligible = 0;
    let found = 0;
    for (const [{ text, span, anchor }, history] of cases) {
      if (text.indexOf(anchor.quote) !== text.lastIndexOf(anchor.quote) || anchor.quote.trim().length < 8) continue;
      let current = text;
      const tracked = { ...span };
      for (const step of history) {
        // Half the edits land in or next to the quote, where they matter.
        const at = step.near ? (tracked.start - 4 + step.at * (tracked.end - tracked.start + 8)) / (current.length + 1) : step.at;
        current = applyEdit(current, tracked, { at: Math.max(0, Math.min(1, at)), remove: step.remove, insert: step.insert });
      }
      const passage = current.slice(tracked.start, tracked.end);
      if (passage.length === 0 || editDistance(anchor.quote, passage) > 0.2 * anchor.quote.length) continue;
      eligible++;
      const match = reanchor(current, anchor);
      if (!match) continue;
      const overlap = Math.max(0, Math.min(match.end, tracked.end) - Math.max(match.start, tracked.start));
      const union = Math.max(match.end, tracked.end) - Math.min(match.start, tracked.start);
      if (overlap / union >= 0.8) found++;
    }
    const rate = found / eligible;
    console.log(`      re-anchored ${found} of ${eligible} passages a person would find (${(rate * 100).toFixed(2)}%)`);
    assert.ok(eligible >= 1000, `only ${eligible} eligible histories`);
    assert.ok(rate >= 0.99, `re-anchoring rate ${rate}`);
  });

  it('never throws on arbitrary text and anchors', function () {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 40 }), fc.integer(), (text, quote, context, offset) => {
        const match = reanchor(text, { quote, prefix: context, suffix: context, offset });
        if (match) assert.ok(0 <= match.start && match.start <= match.end && match.end <= text.length);
      }),
    );
  });

  it('stays fast on a 1 MB article: a lost long passage, a lost short one, and a quote repeated thousands of times', function () {
    // Words of pseudo-random syllables (a fixed xorshift sequence), so no passage repeats.
    const syllables = 'ka lo mi tes ran dor vel pu shi na ber gol fi zu tra mon'.split(' ');
    let seed = 2463534242;
    const syllable = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return syllables[(seed >>> 0) % syllables.length];
    };
    const parts: string[] = [];
    for (let length = 0; length < 1_000_000; ) {
      const next = `${syllable()}${syllable()}${syllable()} ${syllable()}${syllable()}, ${syllable()}${syllable()}${syllable()}. `;
      parts.push(next);
      length += next.length;
    }
    const text = parts.join('');
    const long = captureAnchor(text, { start: 500_000, end: 501_500 });
    const short = captureAnchor(text, { start: 700_000, end: 700_060 });
    const started = performance.now();
    assert.equal(reanchor(text.slice(0, 499_000) + text.slice(502_000), long), undefined);
    assert.equal(reanchor(text.slice(0, 699_000) + text.slice(701_000), short), undefined);
    const target = text.indexOf('ka', 654_321);
    const repeated = reanchor(text, { ...captureAnchor(text, { start: target, end: target + 2 }), offset: 0 });
    const elapsed = performance.now() - started;
    console.log(`      three 1 MB searches took ${elapsed.toFixed(0)} ms`);
    assert.equal(repeated?.start, target);
    assert.ok(elapsed < 2000, `${elapsed} ms`);
  });
});
