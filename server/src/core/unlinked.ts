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
import { overlapsAny } from './spans';
import type { Finding, Span } from './types';

export interface KnownSpans {
  /** Actor mentions and dates, each sorted by start. */
  mentions: readonly Span[];
  dates: readonly Span[];
  /** Where names are not looked for: headings, URLs, the reference list. Sorted by start. */
  excluded: readonly Span[];
}

export const unlinkedMentionCode = 'unlinked-mention';

const titleAbbreviation = String.raw`(?:Dr|Mr|Mrs|Ms|Prof|Gen|Lt|Col|Sen|Gov|Rep|Sgt|Capt)\.`;
/** An initial with its period ("J."); without one it is read as a word. */
const initial = String.raw`\p{Lu}\.(?=[ \t])`;
const word = String.raw`\p{Lu}[\p{L}\p{M}]*(?:[-‐‑]\p{L}[\p{L}\p{M}]*|['’]\p{Lu}[\p{L}\p{M}]*)*`;
const token = `(?:${titleAbbreviation}|${initial}|${word})`;
const connector = String.raw`(?:of|for|and|the|on|de|del|der|van|von|da|bin|al)`;
/** A run of capitalised tokens, possibly joined by lower-case connectors, on one line; tried only where a word starts with a capital. */
const capitalisedRun = new RegExp(String.raw`${token}(?:[ \t]+(?:${connector}[ \t]+){0,2}${token})*`, 'uy');
const tokenPattern = new RegExp(`${token}|${connector}`, 'gu');

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
 * unit finds where capitalised words start, and only there is the run pattern tried.
 */
export function findUnlinkedMentions(text: string, known: KnownSpans): Finding[] {
  const { upper, word } = unitTables();
  const findings: Finding[] = [];
  for (let i = 0; i < text.length; i++) {
    if (upper[text.charCodeAt(i)] === 0 || (i > 0 && word[text.charCodeAt(i - 1)] === 1)) continue;
    // One capitalised word is a name only after a title ("President Okonjo"). Most capitalised words
    // stand alone, so that case is settled without the run pattern.
    const wordEnd = endOfWord(text, i, word);
    if (!continuesAfter(text, wordEnd, word) && !personTitles.has(previousWord(text, i).toLowerCase())) {
      i = wordEnd - 1;
      continue;
    }
    capitalisedRun.lastIndex = i;
    const run = capitalisedRun.exec(text);
    if (!run) continue;
    const end = i + run[0].length;
    i = end - 1;
    if (overlapsAny(known.excluded, run.index, end)) continue;
    for (const candidate of splitAtKnown(tokensOf(run[0], run.index), known).flatMap((piece) => classify(text, trimPiece(text, piece)))) {
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

/** The end of the word starting at `start`; hyphens, apostrophes and periods may join its parts ("Leif-Eric", "O’Brien", "Dr."). */
function endOfWord(text: string, start: number, word: Uint8Array): number {
  let at = start + 1;
  while (at < text.length && (word[text.charCodeAt(at)] === 1 || /[-‐‑'’.]/.test(text[at]))) at++;
  return at;
}

/** Whether another capitalised word or a connector follows `at` on the same line. */
function continuesAfter(text: string, at: number, word: Uint8Array): boolean {
  if (text[at] !== ' ' && text[at] !== '\t') return false;
  while (text[at] === ' ' || text[at] === '\t') at++;
  if (at >= text.length) return false;
  if (!/\p{Ll}/u.test(text[at])) return true;
  let wordEnd = at;
  while (wordEnd < text.length && wordEnd - at <= 3 && word[text.charCodeAt(wordEnd)] === 1) wordEnd++;
  return connectors.has(text.slice(at, wordEnd));
}

interface UnitTables {
  /** 1 for BMP upper-case letters. */
  upper: Uint8Array;
  /** 1 for BMP letters, digits and marks, and for surrogates (so nothing starts right after an astral letter). */
  word: Uint8Array;
}

let sharedTables: UnitTables | undefined;

function unitTables(): UnitTables {
  if (sharedTables) return sharedTables;
  const upper = new Uint8Array(0x10000);
  const word = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    const char = String.fromCharCode(unit);
    const surrogate = unit >= 0xd800 && unit <= 0xdfff;
    upper[unit] = !surrogate && /\p{Lu}/u.test(char) ? 1 : 0;
    word[unit] = surrogate || /[\p{L}\p{N}\p{M}]/u.test(char) ? 1 : 0;
  }
  return (sharedTables = { upper, word });
}

function tokensOf(run: string, offset: number): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(run); match; match = tokenPattern.exec(run)) {
    tokens.push({ start: offset + match.index, end: offset + match.index + match[0].length, text: match[0] });
  }
  return tokens;
}

/** Cuts a run into pieces at tokens that are (part of) a known mention or date, or never a name. */
function splitAtKnown(tokens: Token[], known: KnownSpans): Token[][] {
  return splitWhere(tokens, (t) => neverNames.has(t.text) || overlapsAny(known.mentions, t.start, t.end) || overlapsAny(known.dates, t.start, t.end));
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
  if (nameFrom < 0 && personTitles.has(previousWord(text, tokens[0].start).toLowerCase())) nameFrom = 0;
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

/** The word before `offset` on the same line, skipping spaces ("spokeswoman" before "Maria"). */
function previousWord(text: string, offset: number): string {
  let end = offset;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let start = end;
  while (start > 0 && end - start < 20 && (unitTables().word[text.charCodeAt(start - 1)] === 1 || text[start - 1] === '.')) start--;
  return text.slice(start, end);
}

/** Whether only opening quotes or brackets stand between `offset` and a sentence end or a line start. */
function atSentenceStart(text: string, offset: number): boolean {
  let at = offset;
  while (at > 0 && /[ \t"'“‘(\[]/.test(text[at - 1])) at--;
  return at === 0 || /[\r\n.!?:;]/.test(text[at - 1]) || (text[at - 1] === ']' && /[.!?]\[/.test(text.slice(Math.max(0, at - 8), at)));
}
