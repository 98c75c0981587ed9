/**
 * Finds actor mentions in article text.
 *
 * Every name and alias goes into one Aho–Corasick automaton over a normalised alphabet (case folded,
 * whitespace runs and dashes read as one word separator, apostrophes unified), so a scan costs about
 * the same whether there are ten actors or ten thousand, and patterns are plain data that can never
 * behave like a regular expression. The automaton only starts a key after a non-word character, on a
 * unit that begins some pattern as written; a native search finds those few places, so most of the
 * text is never stepped through. Each hit is then checked against the original text for the rest:
 * the boundary after it, and the case of single words and of first letters. Overlaps are settled
 * leftmost-longest.
 */
import type { Actor, ActorMention } from './model';
import { type CancellationToken, neverCancelled, throwIfCancelled } from './types';

export type ActorPatternSource = Pick<Actor, 'id' | 'name' | 'aliases'>;

/** A normalised pattern claimed by more than one actor; hits go to the first of them. */
export interface PatternCollision {
  pattern: string;
  actorIds: string[];
}

// ---- Per-code-unit tables, built once ---------------------------------------------------------

const SPACE = 0x20;
const HYPHEN = 0x2d;
const APOSTROPHE = 0x27;
const apostrophes = [0x27, 0x2018, 0x2019, 0x02bc];

interface UnitTables {
  /** Each UTF-16 unit as the case-sensitive checks see it: apostrophes, dashes and whitespace unified. */
  canonical: Uint16Array;
  /** `canonical` lower-cased where that keeps it one unit: the automaton's view of the text. */
  folded: Uint16Array;
  /** 1 for BMP letters, digits and combining marks; surrogates are resolved per code point. */
  wordUnit: Uint8Array;
}

let sharedTables: UnitTables | undefined;

function unitTables(): UnitTables {
  if (sharedTables) return sharedTables;
  const canonical = new Uint16Array(0x10000);
  const folded = new Uint16Array(0x10000);
  const wordUnit = new Uint8Array(0x10000);
  const whitespace = /\s/;
  const dash = /\p{Pd}/u;
  for (let unit = 0; unit < 0x10000; unit++) {
    const char = String.fromCharCode(unit);
    const surrogate = unit >= 0xd800 && unit <= 0xdfff;
    let canon = unit;
    if (whitespace.test(char)) canon = SPACE;
    else if (!surrogate && dash.test(char)) canon = HYPHEN;
    else if (apostrophes.includes(unit)) canon = APOSTROPHE;
    canonical[unit] = canon;
    const lower = String.fromCharCode(canon).toLowerCase();
    folded[unit] = lower.length === 1 ? lower.charCodeAt(0) : canon;
    wordUnit[unit] = !surrogate && isWordCodePoint(unit) ? 1 : 0;
  }
  sharedTables = { canonical, folded, wordUnit };
  return sharedTables;
}

const wordCharacter = /^[\p{L}\p{N}\p{M}]$/u;

function isWordCodePoint(codePoint: number): boolean {
  return wordCharacter.test(String.fromCodePoint(codePoint));
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

/** Whether the character just before `offset` is a letter, digit or mark (a pair counts as one). */
function wordBefore(text: string, offset: number, wordUnit: Uint8Array): boolean {
  if (offset <= 0) return false;
  const unit = text.charCodeAt(offset - 1);
  if (!isSurrogate(unit)) return wordUnit[unit] === 1;
  const pairStart = offset >= 2 && unit >= 0xdc00 && (text.charCodeAt(offset - 2) & 0xfc00) === 0xd800;
  return isWordCodePoint(text.codePointAt(pairStart ? offset - 2 : offset - 1) as number);
}

/** Whether the character starting at `offset` is a letter, digit or mark (a pair counts as one). */
function wordAt(text: string, offset: number, wordUnit: Uint8Array): boolean {
  if (offset >= text.length) return false;
  const unit = text.charCodeAt(offset);
  if (!isSurrogate(unit)) return wordUnit[unit] === 1;
  return isWordCodePoint(text.codePointAt(offset) as number);
}

// ---- The automaton ----------------------------------------------------------------------------

/** Class of units that occur in no pattern: the scan falls straight back to the root. */
const ABSENT_CLASS = 0;
/** Whitespace in the text; a run of it becomes one SEPARATOR_CLASS step. Never on an edge. */
const SPACE_CLASS = 1;
/** The word separator of multi-word patterns: one whitespace run or one dash. */
const SEPARATOR_CLASS = 2;
const FIRST_LETTER_CLASS = 3;

/** One way a normalised key may be written by one actor. */
interface Variant {
  actorIndex: number;
  /** The trimmed pattern in canonical units; compared in full for one word, else its first unit. */
  exact: string;
  singleWord: boolean;
}

/**
 * An Aho–Corasick automaton over alphabet classes, in flat arrays. The first `denseStates` states,
 * numbered breadth first (state 0 is the root), are the shallow ones a scan spends most steps in; they
 * get complete transition rows. Deeper states keep sorted sparse edges and are numbered depth first.
 * A transition target is stored as ~state (negative) when a key ends at that state or on its failure
 * chain, so a scan learns whether to look for outputs without touching the state's record.
 */
interface Automaton {
  /** Alphabet class of every UTF-16 unit of the text. */
  unitClass: Uint16Array;
  alphabetSize: number;
  denseStates: number;
  /** Row per dense state: the transition on every class, failure links already followed. */
  dense: Int32Array;
  /**
   * What a scan needs of each state, interleaved so that one cache line holds it: STATE_STRIDE
   * entries per state, at the STATE_* offsets.
   */
  states: Int32Array;
  /** Trie edges as (class, target) pairs, each state's together and sorted by class. */
  edges: Int32Array;
  /** KEY_STRIDE entries per key, at the KEY_* offsets. */
  keys: Int32Array;
}

const STATE_STRIDE = 4;
/** Where the state's edges begin and end, in pairs. */
const STATE_EDGES_FROM = 0;
const STATE_EDGES_TO = 1;
const STATE_FAIL = 2;
/** The key of the nearest state on the failure chain (itself included) that ends one, or -1. */
const STATE_FIRST_OUTPUT = 3;

const KEY_STRIDE = 2;
/** The key that ends next on the failure chain of the state this key ends at, or -1. */
const KEY_NEXT_OUTPUT = 0;
/** The key's length in normalised units. */
const KEY_LENGTH = 1;

/**
 * The variants of every key, flattened: checking a hit then reads a few adjacent numbers instead of
 * chasing arrays, objects and strings across the heap, which made up most of the cost of a hit.
 */
interface VariantTable {
  /** Per key, the index of its first variant; one more entry marks where the last key's variants end. */
  firstOfKey: Int32Array;
  /** VARIANT_STRIDE entries per variant, each key's in actor input order. */
  records: Int32Array;
  /** The variants' canonical units, which the records point into. */
  exactUnits: Uint16Array;
}

const VARIANT_STRIDE = 4;
const VARIANT_ACTOR = 0;
const VARIANT_SINGLE_WORD = 1;
/** Where the variant's units are: compared in full for one word, else only the first. */
const VARIANT_EXACT_FROM = 2;
const VARIANT_EXACT_TO = 3;

function flattenVariants(groups: readonly Variant[][]): VariantTable {
  const firstOfKey = new Int32Array(groups.length + 1);
  groups.forEach((group, key) => (firstOfKey[key + 1] = firstOfKey[key] + group.length));
  const all = groups.flat();
  const records = new Int32Array(all.length * VARIANT_STRIDE);
  const exactUnits = new Uint16Array(all.reduce((sum, variant) => sum + variant.exact.length, 0));
  let unitCount = 0;
  all.forEach((variant, index) => {
    const at = index * VARIANT_STRIDE;
    records[at + VARIANT_ACTOR] = variant.actorIndex;
    records[at + VARIANT_SINGLE_WORD] = variant.singleWord ? 1 : 0;
    records[at + VARIANT_EXACT_FROM] = unitCount;
    for (let i = 0; i < variant.exact.length; i++) exactUnits[unitCount++] = variant.exact.charCodeAt(i);
    records[at + VARIANT_EXACT_TO] = unitCount;
  });
  return { firstOfKey, records, exactUnits };
}

/**
 * Where a key of `keyLength` normalised units ending at `end` begins in the text: the scan reads a
 * whitespace run as one unit, so walking back does too. Only hits pay for this, not every unit.
 */
function keyStart(text: string, end: number, keyLength: number, unitClass: Uint16Array): number {
  let start = end;
  for (let remaining = keyLength; remaining > 0; remaining--) {
    start--;
    if (unitClass[text.charCodeAt(start)] !== SPACE_CLASS) continue;
    while (start > 0 && unitClass[text.charCodeAt(start - 1)] === SPACE_CLASS) start--;
  }
  return start;
}

/**
 * A search for the units where a mention may begin: a unit whose canonical form begins some variant
 * (verify would turn down any other), after no ASCII letter or digit. The engine's native scan passes
 * over the text several times faster than a loop can, and most units are no such start. The full rule
 * (no letter, digit or mark of any script before it) is then checked on each find; a class of every
 * word unit would make the search itself slow. A character class and a one-unit look-behind: linear.
 */
function startSearch({ records, exactUnits }: VariantTable, tables: UnitTables): RegExp {
  const firstUnits = new Uint8Array(0x10000);
  for (let at = 0; at < records.length; at += VARIANT_STRIDE) firstUnits[exactUnits[records[at + VARIANT_EXACT_FROM]]] = 1;
  const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;
  let ranges = '';
  for (let unit = 0; unit < 0x10000; unit++) {
    if (firstUnits[tables.canonical[unit]] === 0) continue;
    let last = unit;
    while (last + 1 < 0x10000 && firstUnits[tables.canonical[last + 1]] === 1) last++;
    ranges += last === unit ? hex(unit) : `${hex(unit)}-${hex(last)}`;
    unit = last;
  }
  // No `u` flag: the text is searched unit by unit, as the automaton reads it. With no patterns the
  // class is empty and never matches.
  return new RegExp(`(?<![0-9A-Za-z])[${ranges}]`, 'g');
}

/**
 * The token is looked at on the first find past each this many units; the native search between two
 * finds needs no looks, it passes over megabytes in milliseconds.
 */
const CANCELLATION_INTERVAL = 0x10000;

export class ActorMatcher {
  private readonly tables = unitTables();

  private constructor(
    private readonly actorIds: readonly string[],
    private readonly automaton: Automaton,
    private readonly variants: VariantTable,
    /** The patterns that collide (same normalised key) across different actors, for diagnostics. */
    readonly collisions: PatternCollision[],
    /** Finds where a mention may begin; global, so it keeps its place in `lastIndex`. */
    private readonly starts: RegExp,
  ) {}

  static build(actors: readonly ActorPatternSource[]): ActorMatcher {
    const tables = unitTables();
    const { groups, collisions } = groupPatterns(actors, tables);
    const automaton = buildAutomaton([...groups.keys()], tables);
    const variants = flattenVariants([...groups.values()]);
    return new ActorMatcher(
      actors.map((actor) => actor.id),
      automaton,
      variants,
      collisions,
      startSearch(variants, tables),
    );
  }

  /** All mentions in text, sorted, non-overlapping. */
  match(text: string, token: CancellationToken = neverCancelled): ActorMention[] {
    const { starts } = this;
    const mentions: ActorMention[] = [];
    if (text.length > 0) throwIfCancelled(token);
    let nextCancellationCheck = CANCELLATION_INTERVAL;
    starts.lastIndex = 0;
    while (starts.test(text)) {
      const start = starts.lastIndex - 1;
      if (start >= nextCancellationCheck) {
        throwIfCancelled(token);
        nextCancellationCheck = start + CANCELLATION_INTERVAL;
      }
      if (wordBefore(text, start, this.tables.wordUnit)) continue;
      starts.lastIndex = this.walk(text, start, mentions) + 1;
    }
    return mentions;
  }

  /**
   * Runs the automaton from the root at `from`, taking the verified hits, until it falls back to the
   * root; returns the offset of the unit that sent it there (or the text's length). Keys are only
   * entered after a non-word character, so a hit needs a boundary check at its end alone.
   */
  private walk(text: string, from: number, mentions: ActorMention[]): number {
    const automaton = this.automaton;
    const { unitClass, dense, denseStates, alphabetSize, states, keys } = automaton;
    const { wordUnit } = this.tables;
    let state = 0;
    let inSpace = false;
    let i = from;
    for (; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let cls = unitClass[unit];
      if (cls === SPACE_CLASS) {
        if (inSpace) continue;
        inSpace = true;
        cls = SEPARATOR_CLASS;
      } else {
        inSpace = false;
      }
      // A unit no pattern uses sends the scan back to the root; shallow states, where the scan spends
      // most steps, have a row to read. Only a deep state's failure chain asks what came before.
      let target = 0;
      if (cls !== ABSENT_CLASS) target = state < denseStates ? dense[state * alphabetSize + cls] : step(automaton, state, cls, wordBefore(text, i, wordUnit));
      if (target === 0) break;
      if (target > 0) {
        state = target;
        continue;
      }
      state = ~target;
      const end = i + 1;
      if (wordAt(text, end, wordUnit)) continue;
      for (let key = states[state * STATE_STRIDE + STATE_FIRST_OUTPUT]; key >= 0; key = keys[key * KEY_STRIDE + KEY_NEXT_OUTPUT]) {
        const start = keyStart(text, end, keys[key * KEY_STRIDE + KEY_LENGTH], unitClass);
        const actorIndex = this.verify(key, text, start, end);
        if (actorIndex >= 0) this.take(mentions, text, start, end, actorIndex);
      }
    }
    return i;
  }

  /** The first actor whose way of writing the key agrees with the text's case, or -1. */
  private verify(key: number, text: string, start: number, end: number): number {
    const { canonical } = this.tables;
    const { firstOfKey, records, exactUnits } = this.variants;
    const first = canonical[text.charCodeAt(start)];
    for (let at = firstOfKey[key] * VARIANT_STRIDE; at < firstOfKey[key + 1] * VARIANT_STRIDE; at += VARIANT_STRIDE) {
      const actorIndex = records[at + VARIANT_ACTOR];
      const exactFrom = records[at + VARIANT_EXACT_FROM];
      if (exactUnits[exactFrom] !== first) continue;
      if (records[at + VARIANT_SINGLE_WORD] === 0) return actorIndex;
      // One word has no separators, so its units line up one to one with the text's.
      const exactTo = records[at + VARIANT_EXACT_TO];
      let equal = end - start === exactTo - exactFrom;
      for (let i = 1; equal && exactFrom + i < exactTo; i++) equal = canonical[text.charCodeAt(start + i)] === exactUnits[exactFrom + i];
      if (equal) return actorIndex;
    }
    return -1;
  }

  /**
   * Adds a hit to the mentions, leftmost-longest. Hits come in the order their keys end (a walk never
   * reaches back before the previous walk's stop), so the mentions that start no earlier than the hit
   * lie inside it and give way, unless the mention before them overlaps the hit: that one starts first
   * and wins. Each mention is added and dropped at most once: no sort.
   */
  private take(mentions: ActorMention[], text: string, start: number, end: number, actorIndex: number): void {
    let kept = mentions.length;
    while (kept > 0 && mentions[kept - 1].start >= start) kept--;
    if (kept > 0 && mentions[kept - 1].end > start) return;
    while (mentions.length > kept) mentions.pop();
    mentions.push({ start, end, actorId: this.actorIds[actorIndex], text: text.slice(start, end) });
  }
}

/**
 * Transition-table entries given to dense rows: 256 KB whatever the alphabet, which stays in a core's
 * L2 cache while the other recognisers run between two articles. A 4 MB table was no faster on its own
 * and slower in the full analysis, and took 4 MB per thread.
 */
const DENSE_ENTRIES = 1 << 16;

/** Builds the automaton over normalised keys (folded units, HYPHEN for a separator). */
function buildAutomaton(keys: readonly string[], tables: UnitTables): Automaton {
  const classOfUnit = new Map<number, number>();
  const keyClasses = keys.map((key) => {
    const classes: number[] = [];
    for (let i = 0; i < key.length; i++) {
      const unit = key.charCodeAt(i);
      let cls = unit === HYPHEN ? SEPARATOR_CLASS : classOfUnit.get(unit);
      if (cls === undefined) classOfUnit.set(unit, (cls = FIRST_LETTER_CLASS + classOfUnit.size));
      classes.push(cls);
    }
    return classes;
  });
  const alphabetSize = FIRST_LETTER_CLASS + classOfUnit.size;
  const unitClass = new Uint16Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    const folded = tables.folded[unit];
    unitClass[unit] = folded === SPACE ? SPACE_CLASS : folded === HYPHEN ? SEPARATOR_CLASS : (classOfUnit.get(folded) ?? ABSENT_CLASS);
  }
  // Whether a class is a word character, to tell where inside a key another key could begin.
  // Half a surrogate pair counts as one: no key begins in the middle of a character.
  const classIsWord = new Uint8Array(alphabetSize);
  for (const [unit, cls] of classOfUnit) classIsWord[cls] = isSurrogate(unit) ? 1 : tables.wordUnit[unit];

  // The trie with provisional state numbers, as a map from (state, class) to state.
  const trie = new Map<number, number>();
  let stateCount = 1;
  const provisionalEnds = keyClasses.map((classes) => {
    let state = 0;
    for (const cls of classes) {
      const slot = state * alphabetSize + cls;
      let next = trie.get(slot);
      if (next === undefined) trie.set(slot, (next = stateCount++));
      state = next;
    }
    return state;
  });
  // Sorted slots list every state's edges together and in class order.
  const slots = [...trie.keys()].sort((a, b) => a - b);
  const childStart = new Int32Array(stateCount + 1);
  for (const slot of slots) childStart[Math.floor(slot / alphabetSize) + 1]++;
  for (let state = 0; state < stateCount; state++) childStart[state + 1] += childStart[state];

  const childTarget = Int32Array.from(slots, (slot) => trie.get(slot) as number);
  const breadthFirst = new Int32Array(stateCount);
  for (let head = 0, tail = 1; head < stateCount; head++) {
    const provisional = breadthFirst[head];
    for (let slotIndex = childStart[provisional]; slotIndex < childStart[provisional + 1]; slotIndex++) breadthFirst[tail++] = childTarget[slotIndex];
  }

  // Final numbers: the first `denseStates` states breadth first, as they get rows and most steps are
  // taken near the root; the rest depth first, so that a walk down a long name reads its states and
  // edges from consecutive memory rather than from a distant cache line per level.
  const denseStates = Math.max(1, Math.min(stateCount, Math.floor(DENSE_ENTRIES / alphabetSize)));
  const renumbered = new Int32Array(stateCount).fill(-1);
  for (let rank = 0; rank < denseStates; rank++) renumbered[breadthFirst[rank]] = rank;
  const pending = new Int32Array(stateCount);
  let nextNumber = denseStates;
  for (let rank = 0; rank < denseStates; rank++) {
    const provisional = breadthFirst[rank];
    for (let slotIndex = childStart[provisional]; slotIndex < childStart[provisional + 1]; slotIndex++) {
      if (renumbered[childTarget[slotIndex]] >= 0) continue;
      // Below a sparse state everything is sparse; children are pushed last first to come out in order.
      let top = 0;
      pending[top++] = childTarget[slotIndex];
      while (top > 0) {
        const sparse = pending[--top];
        renumbered[sparse] = nextNumber++;
        for (let child = childStart[sparse + 1] - 1; child >= childStart[sparse]; child--) pending[top++] = childTarget[child];
      }
    }
  }
  const provisionalOf = new Int32Array(stateCount);
  for (let provisional = 0; provisional < stateCount; provisional++) provisionalOf[renumbered[provisional]] = provisional;

  const states = new Int32Array(stateCount * STATE_STRIDE);
  const edges = new Int32Array(slots.length * 2);
  const parentClass = new Uint16Array(stateCount);
  let edgeCount = 0;
  for (let state = 0; state < stateCount; state++) {
    const provisional = provisionalOf[state];
    states[state * STATE_STRIDE + STATE_EDGES_FROM] = edgeCount;
    for (let slotIndex = childStart[provisional]; slotIndex < childStart[provisional + 1]; slotIndex++) {
      const child = renumbered[childTarget[slotIndex]];
      parentClass[child] = slots[slotIndex] % alphabetSize;
      edges[2 * edgeCount] = parentClass[child];
      edges[2 * edgeCount++ + 1] = child;
    }
    states[state * STATE_STRIDE + STATE_EDGES_TO] = edgeCount;
    states[state * STATE_STRIDE + STATE_FIRST_OUTPUT] = -1;
  }
  const keyOfState = new Int32Array(stateCount).fill(-1);
  const keyRecords = new Int32Array(keys.length * KEY_STRIDE);
  provisionalEnds.forEach((provisional, key) => {
    keyOfState[renumbered[provisional]] = key;
    keyRecords[key * KEY_STRIDE + KEY_LENGTH] = keyClasses[key].length;
  });

  const automaton: Automaton = {
    unitClass,
    alphabetSize,
    denseStates,
    dense: new Int32Array(denseStates * alphabetSize),
    states,
    edges,
    keys: keyRecords,
  };
  // Failure links, outputs and dense rows in breadth-first order: everything a state's values are
  // derived from (its parent, its failure state) is shallower, so already done. A failure link goes
  // to the longest proper suffix that is a trie prefix and begins after a non-word character: a
  // suffix beginning inside a word can never start a mention.
  const { dense } = automaton;
  for (let rank = 0; rank < stateCount; rank++) {
    const state = renumbered[breadthFirst[rank]];
    const at = state * STATE_STRIDE;
    const fail = states[at + STATE_FAIL];
    const afterWord = state !== 0 && classIsWord[parentClass[state]] === 1;
    if (state !== 0) {
      const inherited = states[fail * STATE_STRIDE + STATE_FIRST_OUTPUT];
      const key = keyOfState[state];
      states[at + STATE_FIRST_OUTPUT] = key >= 0 ? key : inherited;
      if (key >= 0) keyRecords[key * KEY_STRIDE + KEY_NEXT_OUTPUT] = inherited;
    }
    if (state < denseStates) {
      const row = state * alphabetSize;
      if (state !== 0 && (fail !== 0 || !afterWord)) dense.copyWithin(row, fail * alphabetSize, fail * alphabetSize + alphabetSize);
      for (let e = states[at + STATE_EDGES_FROM]; e < states[at + STATE_EDGES_TO]; e++) dense[row + edges[2 * e]] = edges[2 * e + 1];
    }
    for (let e = states[at + STATE_EDGES_FROM]; e < states[at + STATE_EDGES_TO]; e++) {
      const child = edges[2 * e + 1];
      states[child * STATE_STRIDE + STATE_FAIL] = state === 0 ? 0 : step(automaton, fail, edges[2 * e], afterWord);
    }
  }
  // Only now is every state's output known: mark the targets that have one.
  const marked = (target: number) => (states[target * STATE_STRIDE + STATE_FIRST_OUTPUT] >= 0 ? ~target : target);
  for (let e = 0; e < edgeCount; e++) edges[2 * e + 1] = marked(edges[2 * e + 1]);
  for (let entry = 0; entry < dense.length; entry++) dense[entry] = marked(dense[entry]);
  return automaton;
}

/**
 * The automaton's transition from `state` on `cls`, following failure links as needed; marked (see
 * Automaton) once the build is done. A key may only begin where a mention could, so the root is left
 * only when the previous character is no word.
 */
function step(automaton: Automaton, state: number, cls: number, afterWord: boolean): number {
  const { denseStates, dense, alphabetSize, states, edges } = automaton;
  for (;;) {
    if (state < denseStates) return state === 0 && afterWord ? 0 : dense[state * alphabetSize + cls];
    const at = state * STATE_STRIDE;
    let low = states[at + STATE_EDGES_FROM];
    const end = states[at + STATE_EDGES_TO];
    let high = end;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (edges[2 * mid] < cls) low = mid + 1;
      else high = mid;
    }
    if (low < end && edges[2 * low] === cls) return edges[2 * low + 1];
    state = states[at + STATE_FAIL];
  }
}

// ---- Patterns ---------------------------------------------------------------------------------

/**
 * Groups every usable pattern by its normalised key (folded units; a whitespace run or a dash as one
 * HYPHEN), in actor input order, dropping patterns an actor repeats and noting names claimed by more
 * than one actor. Each pattern is also keyed in its composed (NFC) and decomposed (NFD) Unicode forms:
 * text copied from a PDF often spells "Erdoğan" as g plus a combining breve, and an annotation may be
 * written either way.
 */
function groupPatterns(
  actors: readonly ActorPatternSource[],
  tables: UnitTables,
): { groups: Map<string, Variant[]>; collisions: PatternCollision[] } {
  const groups = new Map<string, Variant[]>();
  /** Per name (its composed form's key): the pattern first written for it and the actors that claim it. */
  const claims = new Map<string, { pattern: string; actorIds: Set<string> }>();
  actors.forEach((actor, actorIndex) => {
    for (const raw of [actor.name, ...actor.aliases]) {
      const pattern = raw.trim();
      if (pattern === '') continue;
      const composed = pattern.normalize('NFC');
      for (const form of new Set([pattern, composed, pattern.normalize('NFD')])) {
        const { key, variant } = keyOf(form, actorIndex, tables);
        let group = groups.get(key);
        if (!group) groups.set(key, (group = []));
        const repeated = group.some(
          (other) =>
            other.actorIndex === actorIndex &&
            other.singleWord === variant.singleWord &&
            (variant.singleWord ? other.exact === variant.exact : other.exact.charCodeAt(0) === variant.exact.charCodeAt(0)),
        );
        if (!repeated) group.push(variant);
      }
      const name = keyOf(composed, actorIndex, tables).key;
      let claim = claims.get(name);
      if (!claim) claims.set(name, (claim = { pattern, actorIds: new Set() }));
      claim.actorIds.add(actor.id);
    }
  });
  const collisions = [...claims.values()].filter((claim) => claim.actorIds.size > 1).map((claim) => ({ pattern: claim.pattern, actorIds: [...claim.actorIds] }));
  return { groups, collisions };
}

/** A trimmed pattern's normalised key, and how the actor writes it. */
function keyOf(pattern: string, actorIndex: number, tables: UnitTables): { key: string; variant: Variant } {
  let key = '';
  let exact = '';
  let singleWord = true;
  let previous = -1;
  for (let i = 0; i < pattern.length; i++) {
    const unit = pattern.charCodeAt(i);
    const canon = tables.canonical[unit];
    exact += String.fromCharCode(canon);
    const repeatedSpace = canon === SPACE && previous === SPACE;
    previous = canon;
    if (canon === SPACE || canon === HYPHEN) {
      singleWord = false;
      if (!repeatedSpace) key += '-';
    } else {
      key += String.fromCharCode(tables.folded[unit]);
    }
  }
  return { key, variant: { actorIndex, exact, singleWord } };
}
