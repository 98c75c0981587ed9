/**
 * Unlinked mentions: names in an article that look like actors but that no annotation covers, reported
 * as hints so the reader can annotate them. Precision matters more than recall (a false hint on every
 * capitalised phrase would be noise), so a capitalised phrase is reported only when something besides
 * its capitals says it is a name:
 *  - a person's title comes right before it ("spokeswoman Maria Zakharova", "Dr. Cenk Tamer",
 *    "Foreign Minister Sergei Lavrov");
 *  - it is shaped like a person's name (two to four name words) and has a second sign of one: a Korean
 *    hyphenated given name ("Won-sik"), a middle initial ("Anthony V. Rinna"), or a following apposition
 *    or speech verb (", an international studies professor", " said");
 *  - it is shaped like an institution: it ends in a word such as University, Institute, Ministry, or
 *    starts with one followed by "of" or "for" ("Ministry of Unification").
 * Never reported: text in headings, the reference list or URLs, anything overlapping an actor mention
 * or a date (a phrase is cut at them), months and weekdays, and a leading capitalised function word at
 * the start of a sentence ("However", "The").
 */
import type { DocumentAnalysis } from './analysis';
import { nameWord, personTitles } from './names';
import type { Finding, Span } from './types';

export interface KnownSpans {
  /** Actor mentions and dates, each sorted by start. */
  mentions: readonly Span[];
  dates: readonly Span[];
  /** Where names are not looked for: headings, URLs, the reference list. Sorted by start. */
  excluded: readonly Span[];
}

export const unlinkedMentionCode = 'unlinked-mention';

/**
 * The grammar of a capitalised run, scanned by hand below (two Unicode-property regexes per run cost
 * most of the time here): a run is tokens on one line, separated by blanks and at most two lower-case
 * connectors ("Ministry of the Interior"); a token is a title abbreviation ("Dr."), an initial followed
 * by a blank ("J. "), or a word: a capital, letters and marks, and parts joined by a hyphen before a
 * letter ("Won-sik") or an apostrophe before a capital ("O’Brien").
 */
const titleAbbreviations: ReadonlySet<string> = new Set(['Dr', 'Mr', 'Mrs', 'Ms', 'Prof', 'Gen', 'Lt', 'Col', 'Sen', 'Gov', 'Rep', 'Sgt', 'Capt']);
const connectors: ReadonlySet<string> = new Set(['of', 'for', 'and', 'the', 'on', 'de', 'del', 'der', 'van', 'von', 'da', 'bin', 'al']);
/** Connectors that belong inside a person's name ("Ursula von der Leyen"); the rest only inside institutions. */
const nameParticles: ReadonlySet<string> = new Set(['de', 'del', 'der', 'van', 'von', 'da', 'bin', 'al']);

/** Last words of institution names. */
const institutionHeads: ReadonlySet<string> = new Set([
  'University', 'Institute', 'Institution', 'Academy', 'Ministry', 'Department', 'Agency', 'Council', 'Commission', 'Committee',
  'Foundation', 'Center', 'Centre', 'Forum', 'Party', 'Bank', 'Fund', 'Office', 'Organisation', 'Organization', 'Association',
  'Corporation', 'School', 'College', 'Court', 'Parliament', 'Assembly', 'Command', 'Bureau', 'Authority', 'Federation',
  'Society', 'Service', 'Secretariat', 'Directorate', 'Administration', 'Embassy', 'Consulate', 'Laboratory', 'Programme',
]);
/** First words of institution names written "X of Y" ("Ministry of Unification", "University of Tokyo"). */
const institutionLeads: ReadonlySet<string> = new Set([
  'University', 'Institute', 'Academy', 'Ministry', 'Department', 'Agency', 'Council', 'Commission', 'Committee', 'Bank',
  'Office', 'Bureau', 'Centre', 'Center', 'School', 'College', 'Court', 'Embassy', 'Federation', 'Organisation', 'Organization',
]);

/** Capitalised words that are not names, cut out of any phrase: calendar words and pronoun-like openers. */
const neverNames: ReadonlySet<string> = new Set([
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'I',
]);

/** Capitalised function words that open sentences; dropped from the front of a phrase there. */
const sentenceOpeners: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'in', 'on', 'at', 'for', 'but', 'and', 'or', 'however', 'nevertheless', 'meanwhile', 'while', 'when', 'if',
  'as', 'after', 'before', 'since', 'although', 'though', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they',
  'we', 'his', 'her', 'their', 'our', 'citing', 'according', 'following', 'despite', 'during', 'under', 'with', 'without',
  'still', 'indeed', 'thus', 'also', 'such', 'many', 'some', 'both', 'each', 'every', 'other', 'yet', 'so', 'then', 'now',
  'here', 'there', 'what', 'why', 'how', 'who', 'where', 'by', 'from', 'to', 'of', 'over', 'through', 'throughout', 'given',
  'unlike', 'like', 'only', 'even', 'most', 'more', 'further', 'furthermore', 'moreover', 'instead', 'rather', 'asked',
  'speaking', 'last', 'next', 'earlier', 'later', 'today', 'yesterday', 'former', 'new', 'senior', 'top', 'several', 'all',
]);

/**
 * Capitalised words that make a phrase something other than a person's name: policy and event nouns,
 * directions and the adjectives of the states analysts write about most.
 */
const notPersonWords: ReadonlySet<string> = new Set([
  'War', 'Summit', 'Strategy', 'Policy', 'Paper', 'Programme', 'Program', 'Talks', 'Treaty', 'Agreement', 'Declaration',
  'Crisis', 'Country', 'Government', 'Forces', 'Army', 'Navy', 'Union', 'Alliance', 'Pact', 'Act', 'Law', 'Plan', 'Doctrine',
  'Initiative', 'Conference', 'Report', 'Review', 'Studies', 'Relations', 'Affairs', 'Security', 'Defence', 'Defense', 'Peace',
  'Peninsula', 'Sea', 'Ocean', 'Island', 'Islands', 'Strait', 'Region', 'Day', 'Week', 'Year', 'Post', 'Posts', 'News', 'Times',
  'North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Global', 'International',
  'National', 'Foreign', 'Federal', 'Royal', 'Republic', 'Kingdom', 'State', 'States', 'City', 'Province', 'Capital',
  'American', 'Russian', 'Chinese', 'Korean', 'Japanese', 'European', 'Asian', 'Ukrainian', 'British', 'French', 'German',
  'Indian', 'Turkish', 'Iranian', 'Israeli', 'Arab', 'African', 'Soviet', 'Communist', 'Democratic', 'Conservative', 'Liberal',
  'Minister', 'Ministry', 'President', 'Secretary', 'General', 'Professor', 'Analysis', 'Share', 'Comments', 'Advertisement',
]);

/** After a person's name: an apposition (", a professor", ", who") or a verb of saying. */
const personContext =
  /(?:['’]s)?(?:,[ \t]+(?:a|an|the|former|who|whose|then|now|currently|himself|herself)\b|[ \t]+(?:said|says|told|added|noted|argued|wrote|warned|stressed|explained|acknowledged|believes|thinks|agreed|replied|asked|insisted|claimed)\b)/y;
/** Before a person's name: a verb of saying ("said Andrei Lankov") or "according to". */
const personContextBefore = /(?:\bsaid|\bsays|\baccording to|\bwrote|\badded)[ \t]+$/;

const koreanGivenName = /^\p{Lu}\p{Ll}*-\p{Ll}+$/u;

interface Token extends Span {
  text: string;
}

interface Candidate {
  tokens: Token[];
  kind: 'person' | 'organization';
}

/** The hints for an analysed article: its mentions and dates are known, its headings, URLs and reference list excluded. */
export function unlinkedMentionsIn(text: string, analysis: Pick<DocumentAnalysis, 'actors' | 'dates' | 'headings' | 'urls' | 'citations'>): Finding[] {
  const list = analysis.citations.referenceList;
  const excluded = [...analysis.headings, ...analysis.urls, ...(list ? [list] : [])].sort((a, b) => a.start - b.start);
  return findUnlinkedMentions(text, { mentions: analysis.actors, dates: analysis.dates, excluded });
}

/**
 * Hints for likely actor names that no annotation covers. Linear in the text: a table lookup per code
 * unit finds where capitalised words start, and only there is a run scanned.
 */
export function findUnlinkedMentions(text: string, known: KnownSpans): Finding[] {
  const classes = unitClasses();
  // Runs and their tokens come in text order, so overlaps are found by sweeping, not searching.
  const excludedSpans = new Sweep(known.excluded);
  const knownSpans: KnownSweeps = { mentions: new Sweep(known.mentions), dates: new Sweep(known.dates) };
  const findings: Finding[] = [];
  // The bounds of the current run's tokens, reused from run to run: most runs are excluded or known
  // mentions, and those need no token objects.
  const bounds: number[] = [];
  for (let i = nextCapital(text, 0, classes); i < text.length; i = nextCapital(text, i + 1, classes)) {
    // A run that starts in an excluded span is dropped, and runs never cross a line break: past a capital
    // in a span that ends a line (a heading, the reference list) no run can count, so the scan jumps.
    const excludedHere = excludedSpans.covering(i);
    if (excludedHere && endsLine(text, excludedHere.end)) {
      i = excludedHere.end - 1;
      continue;
    }
    // A known mention is no candidate, and what follows it in a phrase is a phrase of its own (cutting the
    // phrase there, as splitAtKnown does, gives the same words): skipping it spares most of the work.
    const known = knownSpans.mentions.covering(i);
    if (known) {
      i = known.end - 1;
      continue;
    }
    // One capitalised word is a name only after a title ("President Okonjo"). Most capitalised words
    // stand alone, so that case is settled without scanning a run.
    const wordEnd = endOfWord(text, i, classes);
    if (!continuesAfter(text, wordEnd, classes) && !followsTitle(text, i)) {
      i = wordEnd - 1;
      continue;
    }
    const end = runAt(text, i, classes, bounds);
    const excluded = excludedSpans.overlaps(i, end);
    i = end - 1;
    if (excluded) continue;
    for (const candidate of splitAtKnown(text, bounds, knownSpans).flatMap((piece) => classify(text, trimPiece(text, piece)))) {
      const first = candidate.tokens[0];
      const last = candidate.tokens[candidate.tokens.length - 1];
      findings.push({
        start: first.start,
        end: last.end,
        code: unlinkedMentionCode,
        severity: 'hint',
        message: `“${text.slice(first.start, last.end)}” looks like ${candidate.kind === 'person' ? 'a person' : 'an organisation'} that no annotation covers`,
      });
    }
  }
  return findings;
}

/** Where the next word that starts with a capital starts, at or after `from`; the text's length if none does. */
function nextCapital(text: string, from: number, classes: Uint8Array): number {
  for (let at = from; at < text.length; at++) {
    if ((classes[text.charCodeAt(at)] & upper) !== 0 && (at === 0 || (classes[text.charCodeAt(at - 1)] & wordUnit) === 0)) return at;
  }
  return text.length;
}

/** The end of the word starting at `start`; hyphens, apostrophes and periods may join its parts ("Leif-Eric", "O’Brien", "Dr."). */
function endOfWord(text: string, start: number, classes: Uint8Array): number {
  let at = start + 1;
  while (at < text.length && ((classes[text.charCodeAt(at)] & wordUnit) !== 0 || isWordJoiner(text.charCodeAt(at)))) at++;
  return at;
}

/** - ‐ ‑ ' ’ and the period. */
function isWordJoiner(unit: number): boolean {
  return unit === 0x2d || unit === 0x2010 || unit === 0x2011 || unit === 0x27 || unit === 0x2019 || unit === 0x2e;
}

/** Whether another capitalised word or a connector follows `at` on the same line. */
function continuesAfter(text: string, at: number, classes: Uint8Array): boolean {
  if (!isBlank(text.charCodeAt(at))) return false;
  while (isBlank(text.charCodeAt(at))) at++;
  if (at >= text.length) return false;
  if ((classes[text.charCodeAt(at)] & lower) === 0) return true;
  let wordEnd = at;
  while (wordEnd < text.length && wordEnd - at <= 3 && (classes[text.charCodeAt(wordEnd)] & wordUnit) !== 0) wordEnd++;
  return connectors.has(text.slice(at, wordEnd));
}

function endsLine(text: string, at: number): boolean {
  return at === text.length || text.charCodeAt(at) === 0x0a || text.charCodeAt(at) === 0x0d;
}

function isBlank(unit: number): boolean {
  return unit === 0x20 || unit === 0x09;
}

/** Bits of `unitClasses`, per UTF-16 code unit. */
const upper = 1;
const lower = 2;
const letter = 4;
const letterOrMark = 8;
/** Letters, digits and marks, and surrogates (so nothing starts right after an astral letter). */
const wordUnit = 16;

let sharedClasses: Uint8Array | undefined;

/** The classes of every BMP code unit; a surrogate pair's classes come from `classAt`. */
function unitClasses(): Uint8Array {
  if (sharedClasses) return sharedClasses;
  const classes = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) classes[unit] = wordUnit;
    else classes[unit] = classesOf(String.fromCharCode(unit));
  }
  return (sharedClasses = classes);
}

function classesOf(char: string): number {
  return (
    (/\p{Lu}/u.test(char) ? upper : 0) |
    (/\p{Ll}/u.test(char) ? lower : 0) |
    (/\p{L}/u.test(char) ? letter : 0) |
    (/[\p{L}\p{M}]/u.test(char) ? letterOrMark : 0) |
    (/[\p{L}\p{N}\p{M}]/u.test(char) ? wordUnit : 0)
  );
}

/** The classes of the character at `at`: a surrogate pair's as one code point's, none for a lone surrogate. */
function classAt(text: string, at: number, classes: Uint8Array): number {
  const unit = text.charCodeAt(at);
  if (unit < 0xd800 || unit > 0xdfff) return classes[unit] ?? 0;
  const point = text.codePointAt(at) as number;
  return point > 0xffff ? classesOf(String.fromCodePoint(point)) : 0;
}

/** Code units of the character at `at`: 2 for a surrogate pair. */
function lengthAt(text: string, at: number): number {
  return (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
}

/**
 * The run starting at the capital at `start`, connectors included: its tokens' bounds go into `bounds`
 * as start, end, start, end, …; returns the run's end.
 */
function runAt(text: string, start: number, classes: Uint8Array, bounds: number[]): number {
  let end = tokenEnd(text, start, classes);
  bounds.length = 0;
  bounds.push(start, end);
  for (;;) {
    let at = skipBlanks(text, end);
    if (at === end) return end;
    // Connectors are lower-case and tokens start with a capital, so at most two connectors, each with
    // blanks after it, and then a token must follow.
    const beforeConnectors = bounds.length;
    let connectorCount = 0;
    for (let connectorEnd = connectorEndAt(text, at); connectorEnd >= 0 && connectorCount < 2; connectorEnd = connectorEndAt(text, at)) {
      bounds.push(at, connectorEnd);
      connectorCount++;
      at = skipBlanks(text, connectorEnd);
    }
    const next = tokenEnd(text, at, classes);
    if (next < 0) {
      bounds.length = beforeConnectors;
      return end;
    }
    bounds.push(at, next);
    end = next;
  }
}

/** The end of the token starting at `at`, or -1 if none starts there. */
function tokenEnd(text: string, at: number, classes: Uint8Array): number {
  if ((classAt(text, at, classes) & upper) === 0) return -1;
  let end = at + lengthAt(text, at);
  if (text.charCodeAt(end) === 0x2e && isBlank(text.charCodeAt(end + 1))) return end + 1;
  let letters = at;
  while (letters - at < 4 && isAsciiLetter(text.charCodeAt(letters))) letters++;
  if (text.charCodeAt(letters) === 0x2e && titleAbbreviations.has(text.slice(at, letters))) return letters + 1;
  for (;;) {
    while ((classAt(text, end, classes) & letterOrMark) !== 0) end += lengthAt(text, end);
    const unit = text.charCodeAt(end);
    const joins = isHyphen(unit) ? letter : unit === 0x27 || unit === 0x2019 ? upper : 0;
    if (joins === 0 || (classAt(text, end + 1, classes) & joins) === 0) return end;
    end += 1 + lengthAt(text, end + 1);
  }
}

/** The end of the connector starting at `at` when blanks follow it, else -1. */
function connectorEndAt(text: string, at: number): number {
  let end = at;
  while (end - at < 4 && isAsciiLetter(text.charCodeAt(end))) end++;
  return isBlank(text.charCodeAt(end)) && connectors.has(text.slice(at, end)) ? end : -1;
}

function skipBlanks(text: string, at: number): number {
  while (isBlank(text.charCodeAt(at))) at++;
  return at;
}

function isAsciiLetter(unit: number): boolean {
  return (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);
}

function isHyphen(unit: number): boolean {
  return unit === 0x2d || unit === 0x2010 || unit === 0x2011;
}

/**
 * Whether spans overlap sorted, non-overlapping spans, asked in order of start: each answer moves a
 * cursor forward, so a whole article costs one pass over the spans.
 */
class Sweep {
  private next = 0;

  constructor(private readonly sorted: readonly Span[]) {}

  /** The span that contains `offset`, if any. */
  covering(offset: number): Span | undefined {
    while (this.next < this.sorted.length && this.sorted[this.next].end <= offset) this.next++;
    const span = this.sorted[this.next];
    return span && span.start <= offset ? span : undefined;
  }

  overlaps(start: number, end: number): boolean {
    while (this.next < this.sorted.length && this.sorted[this.next].end <= start) this.next++;
    return this.next < this.sorted.length && this.sorted[this.next].start < end;
  }
}

interface KnownSweeps {
  mentions: Sweep;
  dates: Sweep;
}

/**
 * Cuts a run, given as its tokens' bounds, into pieces at tokens that are (part of) a known mention or
 * date, or never a name. Known spans are checked first: they settle most tokens, and only the tokens
 * kept are copied out of the text.
 */
function splitAtKnown(text: string, bounds: readonly number[], known: KnownSweeps): Token[][] {
  const pieces: Token[][] = [];
  let piece: Token[] = [];
  for (let at = 0; at < bounds.length; at += 2) {
    const start = bounds[at];
    const end = bounds[at + 1];
    const word = known.mentions.overlaps(start, end) || known.dates.overlaps(start, end) ? undefined : text.slice(start, end);
    if (word !== undefined && !neverNames.has(word)) {
      piece.push({ start, end, text: word });
    } else if (piece.length > 0) {
      pieces.push(piece);
      piece = [];
    }
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

function splitWhere(tokens: Token[], cut: (t: Token) => boolean): Token[][] {
  const pieces: Token[][] = [[]];
  for (const t of tokens) {
    if (cut(t)) pieces.push([]);
    else pieces[pieces.length - 1].push(t);
  }
  return pieces.filter((p) => p.length > 0);
}

/** Drops connectors at either end and a capitalised function word opening a sentence. */
function trimPiece(text: string, piece: Token[]): Token[] {
  let from = 0;
  let to = piece.length;
  while (from < to && (connectors.has(piece[from].text) || (from === 0 && atSentenceStart(text, piece[0].start) && sentenceOpeners.has(piece[0].text.toLowerCase())))) from++;
  while (to > from && connectors.has(piece[to - 1].text)) to--;
  return piece.slice(from, to);
}

/**
 * An institution takes the whole phrase, connectors included; otherwise the phrase is cut at its
 * connectors ("Sergei Lavrov and Chung Eui-yong") and each part may be a person.
 */
function classify(text: string, tokens: Token[]): Candidate[] {
  if (tokens.length === 0) return [];
  const organisation = institution(tokens);
  if (organisation) return [organisation];
  return splitWhere(tokens, (t) => connectors.has(t.text) && !nameParticles.has(t.text)).flatMap((part) => {
    const found = afterTitle(text, part) ?? person(text, part);
    return found ? [found] : [];
  });
}

/** A phrase ending in an institution word, or "Ministry of …"; a title before it is left out ("Director of the National Security Office"). */
function institution(tokens: Token[]): Candidate | undefined {
  let from = 0;
  if (personTitles.has(tokens[0].text.toLowerCase())) {
    while (from < tokens.length && !connectors.has(tokens[from].text)) from++;
    while (from < tokens.length && connectors.has(tokens[from].text)) from++;
  }
  const words = tokens.slice(from).map((t) => t.text);
  if (words.length < 2 || !words.every((w) => connectors.has(w) || nameWord.test(w))) return undefined;
  const headLast = institutionHeads.has(words[words.length - 1]);
  const headFirst = institutionLeads.has(words[0]) && (words[1] === 'of' || words[1] === 'for') && words.length > 2;
  return headLast || headFirst ? { tokens: tokens.slice(from), kind: 'organization' } : undefined;
}

/** A name after the last title word in or just before the phrase ("Foreign Minister Sergei Lavrov"). */
function afterTitle(text: string, tokens: Token[]): Candidate | undefined {
  let nameFrom = -1;
  tokens.forEach((t, i) => {
    if (personTitles.has(t.text.toLowerCase())) nameFrom = i + 1;
  });
  if (nameFrom < 0 && followsTitle(text, tokens[0].start)) nameFrom = 0;
  if (nameFrom < 0) return undefined;
  const name = tokens.slice(nameFrom);
  return isPersonName(name.map((t) => t.text)) ? { tokens: name, kind: 'person' } : undefined;
}

function person(text: string, tokens: Token[]): Candidate | undefined {
  const words = tokens.map((t) => t.text);
  if (words.length < 2 || !isPersonName(words)) return undefined;
  const hasKoreanGivenName = words.slice(1).some((w) => koreanGivenName.test(w));
  const hasMiddleInitial = words.length >= 3 && words.slice(1, -1).some((w) => /^\p{Lu}\.?$/u.test(w));
  const last = tokens[tokens.length - 1];
  personContext.lastIndex = last.end;
  const inContext = personContext.test(text) || personContextBefore.test(text.slice(Math.max(0, tokens[0].start - 20), tokens[0].start));
  return hasKoreanGivenName || hasMiddleInitial || inContext ? { tokens, kind: 'person' } : undefined;
}

/** One to four words shaped like a person's name, none of them a word that names something else. */
function isPersonName(words: string[]): boolean {
  if (words.length === 0 || words.length > 4) return false;
  const names = words.filter((w) => !nameParticles.has(w));
  if (names.length !== words.length && (names.length < 2 || nameParticles.has(words[0]))) return false;
  return names.every((w) => (nameWord.test(w) || /^\p{Lu}\.?$/u.test(w)) && !notPersonWords.has(w) && !institutionHeads.has(w) && !isAcronym(w)) && names.some((w) => w.length > 2 && !/\.$/.test(w));
}

/** Two or more capitals and nothing else: an acronym (NATO, THAAD), not a name word. */
function isAcronym(word: string): boolean {
  return /^\p{Lu}{2,}$/u.test(word);
}

/** Each title's first letter and length, to rule most words out without copying them. */
const titleShapes: ReadonlySet<number> = new Set([...personTitles].map((title) => shapeKey(title.charCodeAt(0), title.length)));

function shapeKey(firstUnit: number, length: number): number {
  return (firstUnit | 0x20) * 64 + length;
}

/** Whether the word before `offset` on the same line, spaces skipped, is a person's title ("spokeswoman" before "Maria"). */
function followsTitle(text: string, offset: number): boolean {
  const classes = unitClasses();
  let end = offset;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && end - start < 20 && ((classes[text.charCodeAt(start - 1)] & wordUnit) !== 0 || text.charCodeAt(start - 1) === 0x2e)) start--;
  if (start === end) return false;
  // Lower-casing an ASCII letter keeps it ASCII and one unit long; other first letters take the exact path.
  const first = text.charCodeAt(start);
  if (isAsciiLetter(first) && !titleShapes.has(shapeKey(first, end - start))) return false;
  return personTitles.has(text.slice(start, end).toLowerCase());
}

/** Whether only opening quotes or brackets stand between `offset` and a sentence end or a line start. */
function atSentenceStart(text: string, offset: number): boolean {
  let at = offset;
  while (at > 0 && /[ \t"'“‘(\[]/.test(text[at - 1])) at--;
  return at === 0 || /[\r\n.!?:;]/.test(text[at - 1]) || (text[at - 1] === ']' && /[.!?]\[/.test(text.slice(Math.max(0, at - 8), at)));
}
