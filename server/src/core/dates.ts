/**
 * Date recognition for article text: finds the dates analysts care about ("December 6, 2022",
 * "early 2023", "06.02.2024", "April 24–30", "last June", "on Friday") and normalises each to
 * ISO 8601, resolving relative dates against the publication date.
 *
 * One pass, linear time: a single global regex finds trigger tokens (digits, capitalised month and
 * weekday names, and the nouns of relative dates) and small bounded readers parse around each one.
 * Words that change a date's meaning ("this", "last", "early", "mid-", "from", "between") are found by
 * looking back from the trigger, which keeps the trigger set small and the scan fast. Mentions come
 * out sorted and non-overlapping: the scan resumes after each mention, so the leftmost wins, and each
 * parse takes the longest form that starts there.
 *
 * What a mention's text covers: the date and the words that shape its value ("early 2023",
 * "last June", "earlier this month", "from 2009 to 2011"), but not mere context ("in", "on", "since").
 */
import type { DateMention, DatePrecision } from './model';
import { neverCancelled, throwIfCancelled, type CancellationToken } from './types';

export interface DateOptions {
  /** The publication date, YYYY, YYYY-MM or YYYY-MM-DD: what relative dates are resolved against. */
  published?: string;
}

export function recognizeDates(text: string, options: DateOptions = {}, token: CancellationToken = neverCancelled): DateMention[] {
  return new DateScanner(text, parseReference(options.published)).scan(token);
}

/** Lines at the top of an article looked at for its stated publication date, and how far at most. */
const datelineLines = 20;
const datelineSearchLength = 4000;
/** A longer line is prose, not a dateline. */
const maxDatelineLength = 200;
/** Markdown emphasis, heading and quote marks around a dateline. */
const datelineMarks = /^[\s>#*_]*/;
const datelineKeyword = /^(?:first\s+)?(?:published|posted|publication\s+date|date)(?:\s+on)?\s*:?\s*/i;
/** What may follow a date that stands alone on its line: a time and a zone ("14 March 2024, 10:30 GMT"). */
const afterLoneDate = /^[\s,|·•–—-]*(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?[\s*_]*$/i;

/**
 * The publication date an article states near its top, for relative dates when no annotation gives one:
 * in its first 20 lines, a line that reads "Published 14 March 2024", "Posted on: 2024-03-14" or
 * "Date: 14.03.2024" (any case, inside Markdown emphasis or after heading marks), or one that holds a full
 * date alone, with a time at most. The first such line wins; YYYY-MM-DD.
 */
export function statedPublicationDate(text: string): string | undefined {
  const top = text.slice(0, datelineSearchLength);
  let lineStart = 0;
  for (let line = 0; line < datelineLines && lineStart < top.length; line++) {
    const lineEnd = nextLineBreak(top, lineStart);
    const content = top.slice(lineStart, lineEnd);
    lineStart = lineEnd + (top.charCodeAt(lineEnd) === 13 && top.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    if (content.length > maxDatelineLength) continue;
    const unmarked = content.slice(datelineMarks.exec(content)?.[0].length ?? 0);
    const keyword = datelineKeyword.exec(unmarked);
    const rest = keyword ? unmarked.slice(keyword[0].length) : unmarked;
    const [date] = recognizeDates(rest);
    if (!date || date.start !== 0 || date.relative || date.precision !== 'day' || date.value === undefined || date.value.includes('/')) continue;
    if (keyword || afterLoneDate.test(rest.slice(date.end))) return date.value;
  }
  return undefined;
}

function nextLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 10 || unit === 13) return i;
  }
  return text.length;
}

// ---- Vocabulary ---------------------------------------------------------------------------------

/**
 * Candidates: a number that can begin a date, or a word that can head one. Case matters: "May 2023" yes,
 * "may" no. A number is a candidate when it can begin a date form: four digits (a year, an ISO date, a
 * decade), or one or two digits followed by a date separator and a digit (06.02.2024), by a dash or a
 * range word (a range: "24–30 April", "from 1 to 3 June"), by a comma and a digit (a list: "5, 6 and 7
 * March"), by blanks and a capital (a month: "6 June",
 * "6th of June"), or by "century" ("the 20th century"). The scanner decides; this only spares it the numbers that cannot be dates ("[12]",
 * "5,000", "35 percent"). The words are grouped by first letter, which the engine searches faster than a
 * flat list; the Q of "Q3" and the H of "H1" are matched alone, so that the trigger starts at the letter.
 * "century" triggers the written-out ordinals before it ("the twentieth century"), found by looking back.
 */
const trigger =
  /(?<![0-9])(?:[0-9]{4}(?![0-9])|[0-9]{1,2}(?![0-9])(?=(?:st|nd|rd|th)?(?:[ \t\u00a0\u202f\r\n]+(?:of[ \t\u00a0\u202f\r\n]+)?[A-Z]|[ \t\u00a0\u202f]*[-\u2010-\u2014]|[ \t\u00a0\u202f]+(?:to|until|till|through|and)[ \t\u00a0\u202f]|(?:st|nd|rd|th)[- \t\u00a0\u202f][Cc]entury|[./][0-9]|,[ \t\u00a0\u202f]*[0-9]{1,2}(?![0-9]))))|\b(?:J(?:an|u[nl]|AN|U[NL])|F(?:eb|EB|ri)|M(?:a[ry]|A[RY]|on)|A(?:pr|ug|PR|UG)|S(?:ep|EP|at|un)|O(?:ct|CT)|N(?:ov|OV)|D(?:ec|EC)|T(?:ue|hu|o(?:day|morrow))|W(?:ed|eek)|[Yy](?:ear|esterday)|Q(?=[1-4]\b)|H(?=[12]\b)|[Cc]entury|month|week|to(?:day|morrow)|ago)/g;

/** Longest word a WordTable holds. */
const maxTableWord = 15;

/**
 * ASCII words (and a value for each) looked up straight in the text: found by first letter and
 * length, then compared in place, so that no word is sliced out (and allocated) just to be looked
 * up. An ignore-case table holds lower-case words and matches them in any case.
 */
class WordTable<V> {
  /** Words by `first letter * 16 + length`. */
  private readonly buckets: (Array<readonly [string, V]> | undefined)[] = new Array(128 * 16);

  constructor(
    entries: Iterable<readonly [string, V]>,
    private readonly ignoreCase = false,
  ) {
    for (const entry of entries) {
      const word = entry[0];
      if (word.length > maxTableWord) throw new Error(`"${word}" is too long for a WordTable`);
      (this.buckets[bucketKey(word.charCodeAt(0), word.length)] ??= []).push(entry);
    }
  }

  /** The value of the word text[start, end), if the table holds it. */
  get(text: string, start: number, end: number): V | undefined {
    const first = text.charCodeAt(start);
    if (end - start > maxTableWord || !(first < 128)) return undefined;
    const bucket = this.buckets[bucketKey(this.ignoreCase ? toLowerAscii(first) : first, end - start)];
    if (bucket === undefined) return undefined;
    for (let i = 0; i < bucket.length; i++) {
      const word = bucket[i][0];
      if (this.ignoreCase ? equalsIgnoringCase(text, start, word) : text.startsWith(word, start)) return bucket[i][1];
    }
    return undefined;
  }
}

function bucketKey(first: number, length: number): number {
  return first * 16 + length;
}

function toLowerAscii(c: number): number {
  return isUpper(c) ? c + 32 : c;
}

/** Whether text at start reads `word` (lower case), ignoring the case of ASCII letters. */
function equalsIgnoringCase(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (toLowerAscii(text.charCodeAt(start + i)) !== word.charCodeAt(i)) return false;
  return true;
}

function wordSet(words: readonly string[], ignoreCase = false): WordTable<true> {
  return new WordTable(words.map((word): [string, true] => [word, true]), ignoreCase);
}

/** Month names and abbreviations; abbreviations need a day or a year after them, only full names stand alone ("in June"). */
const monthNames = [
  ['January', 'Jan'], ['February', 'Feb'], ['March', 'Mar'], ['April', 'Apr'], ['May'], ['June', 'Jun'],
  ['July', 'Jul'], ['August', 'Aug'], ['September', 'Sep', 'Sept'], ['October', 'Oct'], ['November', 'Nov'], ['December', 'Dec'],
].flatMap((names, index) => names.map((name, k) => [name, { value: index + 1, abbreviated: k > 0 }] as const));
const months = new WordTable(monthNames);
/** The same in capitals ("6 FEBRUARY 2024", "FEB. 6"), as datelines and headings write them. */
const shoutedMonths = new WordTable(monthNames.map(([name, month]) => [name.toLowerCase(), month] as const), true);
/** Day numbers as Date#getUTCDay counts them. */
const weekdays = new WordTable<number>(
  ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((name, index) => [name, index] as const),
);
const relativeWords: ReadonlyMap<string, -1 | 0 | 1> = new Map([['last', -1], ['this', 0], ['next', 1]]);
/** Looked up in any case; parseKeyword decides what a capital means. */
const dayWords = new WordTable<number>([['yesterday', -1], ['today', 0], ['tomorrow', 1]], true);
const units = new WordTable<Unit>([['year', 'year'], ['month', 'month'], ['week', 'week']], true);
/** The units counted back with "ago", singular and plural. */
const agoUnits = new WordTable<AgoUnit>(
  (['year', 'month', 'week', 'day', 'hour', 'minute'] as const).flatMap((unit) => [[unit, unit] as const, [`${unit}s`, unit] as const]),
);
/** Words that name a part of a year before "quarter" or "half"; "final" and "last" name its last part. */
const partOrdinals = new WordTable<number>(
  [['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['final', Infinity], ['last', Infinity]],
  true,
);
/** Ordinals of the centuries written out, from the 11th (whose years have four digits). */
const centuryOrdinals = new WordTable<number>(
  [
    'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
  ].map((word, i) => [word, i + 11] as const),
  true,
);
/** "twenty-first" to "twenty-ninth": the ordinal after "twenty-". */
const unitOrdinals = new WordTable<number>(
  ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'].map((word, i) => [word, i + 1] as const),
  true,
);
/** The parts of a year, by the noun that names them: the months in each. */
const partNouns: ReadonlyMap<string, number> = new Map([['quarter', 3], ['half', 6]]);
/** The same by the letter of "Q3" and "H1". */
const partLetters: ReadonlyMap<string, number> = new Map([['Q', 3], ['H', 6]]);
/** Counts written as words before a unit ("two years ago"); "a" and "an" are one. */
const countWords = new WordTable<number>(
  [
    ['a', 1], ['an', 1], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6],
    ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12],
  ],
  true,
);
/** Modifiers kept in the mention's text without changing its value ("early 2023", "mid-June"). */
const modifiers: ReadonlySet<string> = new Set(['early', 'late', 'mid']);
const seasons: ReadonlySet<string> = new Set(['spring', 'summer', 'autumn', 'winter']);

/**
 * A lone four-digit number is a year only in context, because "2000 troops" is a quantity. Rule:
 * the number is 1800–2199, not glued to another token ("$2023", "K2", "2023.pdf", "2000-strong",
 * "2009-11"), not followed by a unit or count noun (quantityNouns), and one of:
 *  - it has a modifier ("early 2023", "mid-2023", "summer of 2023") or is a decade ("the 1990s");
 *  - the word before it introduces a year (yearContext: "in 2012", "since 1990", "the 2023 NATO
 *    Summit", "Russia's 2014 annexation", "c. 1990"), where "to" does not count after a number
 *    ("300 to 2000");
 *  - it continues a list of years ("in 2022, 2023 and 2024");
 *  - no word precedes it (start of text or sentence, after punctuation such as "(") and it is
 *    followed by punctuation, the end of the text, a capitalised word or "'s".
 * So a capitalised label ("Resolution 2118", "No. 2023"), another number ("312 2023") or a plain
 * lowercase word ("rose 2000") before it rules it out.
 */
const minBareYear = 1800;
const maxBareYear = 2199;
const yearContext: ReadonlySet<string> = new Set([
  'in', 'since', 'by', 'until', 'till', 'from', 'of', 'to', 'during', 'before', 'after', 'around', 'circa', 'throughout',
  'through', 'between', 'year', 'fiscal', 'the', 'a', 'its', 'their', 'his', 'her', 'our',
]);
/** Abbreviations before a year, written with a dot: "c. 1990". Other dotted words end a sentence or label a number. */
const yearAbbreviations: ReadonlySet<string> = new Set(['c', 'ca']);
const numberLabels: ReadonlySet<string> = new Set(['no', 'nos', 'nr', 'vol', 'p', 'pp', 'para', 'art', 'sec', 'ch', 'fig', 'tab', 'ref', 'op']);
const quantityNouns = wordSet([
  'troops', 'soldiers', 'people', 'persons', 'men', 'women', 'children', 'civilians', 'refugees', 'migrants', 'casualties',
  'deaths', 'dead', 'killed', 'wounded', 'injured', 'fighters', 'personnel', 'officers', 'workers', 'employees', 'members',
  'students', 'residents', 'families', 'households', 'units', 'tanks', 'vehicles', 'aircraft', 'planes', 'jets', 'drones',
  'missiles', 'rockets', 'shells', 'rounds', 'bombs', 'weapons', 'guns', 'warheads', 'ships', 'vessels', 'boats',
  'km', 'kilometres', 'kilometers', 'miles', 'metres', 'meters', 'feet', 'tons', 'tonnes', 'barrels', 'litres', 'liters',
  'dollars', 'euros', 'pounds', 'yuan', 'rubles', 'roubles', 'yen', 'lira', 'votes', 'seats', 'cases', 'companies', 'firms',
  'sectors', 'times', 'hours', 'minutes', 'seconds', 'days', 'weeks', 'months', 'years', 'percent', 'per', 'points',
  'items', 'pages', 'words', 'villages', 'towns', 'cities', 'sites', 'projects', 'more', 'additional', 'million', 'billion',
]);
/** Words before a lone month name that make it a date ("in June", "until March", "the end of May"). */
const monthContext: ReadonlySet<string> = new Set([
  'in', 'since', 'by', 'until', 'till', 'during', 'before', 'after', 'through', 'throughout', 'from', 'between', 'of',
]);
/** Verbs that news style follows with a bare weekday: "the ministry said Friday". */
const reportingVerbs: ReadonlySet<string> = new Set([
  'said', 'told', 'announced', 'reported', 'added', 'stated', 'confirmed', 'declared', 'wrote', 'warned', 'claimed',
]);
/** Words before a lone weekday that make it a date ("on Friday", "since Monday"). */
const onWeekday: ReadonlySet<string> = new Set(['on', 'since']);
/** Words that may follow "said Friday" when Friday is a date (unlike "said Friday prayers"). */
const afterReportedWeekday: ReadonlySet<string> = new Set([
  'that', 'the', 'a', 'an', 'in', 'at', 'after', 'before', 'following', 'during', 'it', 'he', 'she', 'they', 'there', 'as',
  'when', 'while', 'and', 'to', 'with', 'his', 'her', 'its', 'their', 'amid', 'night', 'morning', 'afternoon', 'evening',
]);
/** Characters that glue a number or word into a larger token: "$23", "K2", "v1.2", "fn=2022", "/2024/". */
const glueCharacters = '/\\.,-+$€£¥#@%&=?_~^|';
/** Words between a range's connector and its end point's trigger: "to late 2011", "to this June". */
const endPointWords: ReadonlySet<string> = new Set(['early', 'late', 'mid', 'this', 'last', 'next', 'earlier', 'later']);
const fromConnectors: ReadonlySet<string> = new Set(['to', 'until', 'till', 'through']);
const betweenConnectors: ReadonlySet<string> = new Set(['and']);
const rangeConnectors: ReadonlySet<string> = new Set([...fromConnectors, ...betweenConnectors]);
/**
 * Every word that the rules compare a context word (Word.lower) with; the look-back reads any other
 * word as ''. Keep it in step with the sets and words that lookBack, accept and parseRange consult.
 */
const contextWords = new WordTable<string>(
  [
    ...relativeWords.keys(), ...modifiers, ...seasons, ...yearContext, ...yearAbbreviations, ...numberLabels, ...monthContext,
    ...onWeekday, ...reportingVerbs, 'earlier', 'later', 's', 'quarter', 'half', 'first', 'second', 'third', 'fourth', 'final',
  ].map((word) => [word, word] as const),
  true,
);

/** Items looked through for the year of a list of dates ("June, July, August or September 2022"). */
const maxListItems = 5;
/** Whitespace allowed between the words of one date. */
const maxGap = 16;
/** Longest word looked at before a trigger; longer words are never context words. */
const maxWord = 12;
/** Characters scanned between cancellation checks. */
const chunk = 1 << 16;

// ---- Parsed shapes ------------------------------------------------------------------------------

type Unit = 'year' | 'month' | 'week';
type AgoUnit = Unit | 'day' | 'hour' | 'minute';
type WeekdayMode = 'onOrBefore' | 'before' | 'after' | 'sameWeek';

/** How a point depends on the publication date. */
type Anchor =
  /** Month (and day) written, year not: the year that puts it nearest the publication ("January 29"). */
  | { kind: 'nearestYear' }
  /** As nearestYear, but not after the publication ("since June"). */
  | { kind: 'pastYear' }
  /** "this year", "last year", "February of last year", "this June". */
  | { kind: 'yearOffset'; offset: number }
  /** "this month", "last month", "earlier this month". */
  | { kind: 'monthOffset'; offset: number }
  /** "last June" (the latest June before the publication month), "next June". */
  | { kind: 'namedMonth'; direction: -1 | 1 }
  /** yesterday, today, tomorrow. */
  | { kind: 'dayOffset'; offset: number }
  /** "on Friday" (latest on or before), "last Friday", "next Friday", "this Friday" (same week). */
  | { kind: 'weekday'; weekday: number; mode: WeekdayMode }
  /** "this week", "last week": Monday to Sunday. */
  | { kind: 'week'; offset: number };

/** The word before a position, as the look-back sees it. */
interface Word {
  start: number;
  /** Lower-cased if it is one of contextWords, whole; else empty. */
  lower: string;
  /** Written with a dot right after it ("No.", "c.", or a sentence's last word). */
  dot: boolean;
  /** Joined to the date by a hyphen ("mid-2023"). */
  hyphen: boolean;
}
/** The look-back found a number ("312 2023"). */
const numberBefore = 'number';

/** One date as written: a calendar point, possibly missing fields that the context supplies. */
interface Point {
  start: number;
  end: number;
  y?: number;
  m?: number;
  d?: number;
  /** Last year of a decade or century ("the 1990s" runs to 1999). */
  untilYear?: number;
  /** Last month of a quarter or half year, in the year `y` ("Q3 2024" runs to September). */
  untilMonth?: number;
  precision: DatePrecision;
  anchor?: Anchor;
  ambiguous: boolean;
  /** Shaped like a date but not on the calendar ("February 30, 2023"): reported as nothing at all. */
  invalid?: boolean;
  /**
   * A form that is a date only in context: a lone year, month name, weekday or day, a unit noun; or, only
   * as the start of a range that ends in a month, a quarter or half without its year or an abbreviated month.
   */
  bare?: 'year' | 'month' | 'weekday' | 'day' | 'unit' | 'part';
  unit?: Unit;
  /** A modifier or relative word was taken into the text ("early", "mid-", "this", "summer of"). */
  modified?: boolean;
  /** The word before the point and its modifiers. */
  context?: Word | typeof numberBefore;
}

/** What a reader knows of a new point; the rest starts out unset. */
type PointFields = Pick<Point, 'start' | 'end' | 'precision'> & Partial<Point>;

/**
 * Every point is made here, with all fields present in one order, so that points share one object
 * shape: V8 then keeps the many reads of their fields fast, and copying one (join) cheap.
 */
function newPoint(fields: PointFields): Point {
  return {
    start: fields.start,
    end: fields.end,
    y: fields.y,
    m: fields.m,
    d: fields.d,
    untilYear: fields.untilYear,
    untilMonth: fields.untilMonth,
    precision: fields.precision,
    anchor: fields.anchor,
    ambiguous: fields.ambiguous ?? false,
    invalid: fields.invalid,
    bare: fields.bare,
    unit: fields.unit,
    modified: fields.modified,
    context: fields.context,
  };
}

interface MonthName {
  value: number;
  /** After the name, and after the dot of an abbreviation ("Dec."). */
  end: number;
  abbreviated: boolean;
  /** Written in capitals: "MARCH" or "MAY" alone is more often a word in a heading than a month. */
  shouted: boolean;
}

interface Ymd {
  y: number;
  m?: number;
  d?: number;
}

interface Interval {
  first: Ymd;
  last: Ymd;
}

interface DateRange {
  start: number;
  from: Point;
  to: Point;
}

// ---- Scanner ------------------------------------------------------------------------------------

class DateScanner {
  private readonly mentions: DateMention[] = [];
  /** End of the last mention: look-backs stop there so mentions never overlap. */
  private lastEnd = 0;
  private lastPrecision: DatePrecision | undefined;
  /** The last mention's date when it is one day or month, which dates after it without a year go by. */
  private lastWritten: Ymd | undefined;

  constructor(
    private readonly text: string,
    private readonly reference: Ymd | undefined,
  ) {}

  scan(token: CancellationToken): DateMention[] {
    throwIfCancelled(token);
    const text = this.text;
    let nextCheck = chunk;
    let searchFrom = 0;
    trigger.lastIndex = 0;
    // test() rather than exec(): no match array per trigger; triggerStart finds where the match began.
    while (trigger.test(text)) {
      const pos = triggerStart(text, searchFrom, trigger.lastIndex);
      if (pos >= nextCheck) {
        throwIfCancelled(token);
        nextCheck = pos + chunk;
      }
      // A hyphen may join a modifier ("mid-2023"); the look-back decides that. Other glue rules out at once.
      const before = text.charCodeAt(pos - 1);
      const end = before !== 45 && isGlue(before) ? -1 : this.parseAt(pos);
      searchFrom = trigger.lastIndex = end > pos ? end : tokenEnd(text, pos);
    }
    return this.mentions;
  }

  /** Parses the date that the trigger at pos belongs to; returns where scanning resumes, or -1. */
  private parseAt(pos: number): number {
    const point = this.parsePoint(pos);
    if (!point) return -1;
    if (point.invalid) return point.end;
    if (!this.lookBack(point, this.lastEnd) || isGlue(this.text.charCodeAt(point.start - 1))) return -1;
    const range = this.parseRange(point);
    if (typeof range === 'number') return range;
    if (range) {
      this.emit(range.start, range.to.end, range.from, range.to);
      return range.to.end;
    }
    this.completeFromList(point);
    if (!this.accept(point)) return -1;
    this.emit(point.start, point.end, point);
    return point.end;
  }

  /**
   * A month, or a day, written without its year takes it from the dates around it, as a reader does: from a
   * later item of its list that has one ("March and April 2023", "5 and 6 March 2024", "June, July or
   * August 2022"; a lone day takes that item's month too), else from the last date written in the same
   * paragraph or list ("On 26 July 2022 … by the end of August", "March 2023 and April"). Of the years
   * around that date, it takes the one that puts it nearest, as it would the publication date: "December
   * and January 2024" starts in 2023, and "the summit of 9–11 July 2024 … confirmed at the end of June"
   * is June 2024.
   */
  private completeFromList(point: Point): void {
    const yearless = point.y === undefined && (point.anchor === undefined || point.anchor.kind === 'nearestYear');
    if (!yearless || (point.m === undefined && point.bare !== 'day')) return;
    const later = this.laterListItem(point);
    const near = later ?? (point.m !== undefined && this.lastWritten && (this.continuesList(point.start, point.precision) || this.sameParagraph(point.start)) ? this.lastWritten : undefined);
    if (!near) return;
    const m = point.m ?? near.m;
    if (m === undefined) return;
    const y = inferYear(m, point.d, near, false);
    if (point.d !== undefined && !isValidDate(y, m, point.d)) return;
    point.m = m;
    point.y = y;
    point.anchor = undefined;
    // A later item with its year makes the list a date; a paragraph's date only lends its year, and a
    // lone month must still stand where a month can ("March meeting" in a title stays a word).
    if (later) point.bare = undefined;
  }

  /** A comma and another day after pos: "5, 6 and 7 March". */
  private commaBeforeDay(pos: number): boolean {
    if (this.text.charCodeAt(pos) !== 44) return false;
    let at = pos + 1;
    while (isBlank(this.text.charCodeAt(at))) at++;
    return this.readDay(at) !== undefined;
  }

  /** The first item after the point in its list that has a year, if the items up to it have none. */
  private laterListItem(point: Point): Ymd | undefined {
    let at = point.end;
    for (let item = 0; item < maxListItems; item++) {
      listSeparator.lastIndex = at;
      if (!listSeparator.exec(this.text)) return undefined;
      const next = this.parsePoint(listSeparator.lastIndex);
      if (!next || next.invalid || (next.d === undefined) !== (point.d === undefined)) return undefined;
      // A lone day goes on to the next item ("5, 6 and 7 March 2024"); a point needs its month.
      if (next.m === undefined) {
        if (next.bare !== 'day') return undefined;
      } else if (next.y !== undefined) {
        return { y: next.y, m: next.m, d: next.d };
      } else if (next.anchor?.kind !== 'nearestYear') {
        return undefined;
      }
      at = next.end;
    }
    return undefined;
  }

  /** Whether no blank line stands between the last mention and pos (\n, \r\n and a lone \r each end a line). */
  private sameParagraph(pos: number): boolean {
    const text = this.text;
    let lineBreaks = 0;
    for (let i = this.lastEnd; i < pos; i++) {
      const unit = text.charCodeAt(i);
      if (unit === 10 || (unit === 13 && text.charCodeAt(i + 1) !== 10)) {
        if (++lineBreaks === 2) return false;
      } else if (unit !== 13 && !isBlank(unit)) {
        lineBreaks = 0;
      }
    }
    return true;
  }

  // ---- Points -----------------------------------------------------------------------------------

  /** The date form that starts exactly at pos (before any look-back), if any. */
  private parsePoint(pos: number): Point | undefined {
    const text = this.text;
    if (isDigit(text.charCodeAt(pos))) return this.parseNumber(pos);
    const month = this.readMonth(pos);
    if (month) return this.parseMonthFirst(pos, month);
    if (isDigit(text.charCodeAt(pos + 1))) return this.parsePartCode(pos);
    const end = lettersEnd(text, pos);
    if (end === pos || isWordChar(text.charCodeAt(end))) return undefined;
    const weekday = weekdays.get(text, pos, end);
    if (weekday !== undefined) return this.parseWeekday(pos, end, weekday);
    if (end - pos === 3 && text.startsWith('ago', pos)) return this.parseAgo(pos, end);
    if (end - pos === 7 && (text.startsWith('century', pos) || text.startsWith('Century', pos))) return this.parseWrittenCentury(pos);
    return this.parseKeyword(pos, end);
  }

  private parseNumber(pos: number): Point | undefined {
    const digitsStop = digitsEnd(this.text, pos);
    const length = digitsStop - pos;
    if (length === 4) return this.parseFourDigits(pos, digitsStop);
    if (length > 2) return undefined;
    return this.parseNumericDate(pos, digitsStop) ?? this.parseCentury(pos, digitsStop) ?? this.parseDayFirst(pos);
  }

  /**
   * "the 20th century", "21st-century", "the 19th Century": its years by the strict count, 1901–2000
   * for the 20th (the 1900s, read as a decade-style interval, are 1900–1999). From the 11th, whose years
   * have four digits.
   */
  private parseCentury(pos: number, digitsStop: number): Point | undefined {
    const text = this.text;
    const n = digitsValue(text, pos, digitsStop);
    if (n < 11 || n > 30 || !isOrdinalSuffix(text, digitsStop)) return undefined;
    const suffixEnd = digitsStop + 2;
    const wordAt = text.charCodeAt(suffixEnd) === 45 ? suffixEnd + 1 : this.gap(suffixEnd);
    if (wordAt < 0 || !(this.wordAt(wordAt, 'century') || this.wordAt(wordAt, 'Century'))) return undefined;
    return this.century(pos, wordAt, n);
  }

  /** The nth century, written from start to the word "century" at centuryStart; none in a name ("20th Century Fox"). */
  private century(start: number, centuryStart: number, n: number): Point | undefined {
    const end = centuryStart + 'century'.length;
    const text = this.text;
    if (isUpper(text.charCodeAt(centuryStart)) && text.charCodeAt(end) === 32 && isUpper(text.charCodeAt(end + 1))) return undefined;
    return newPoint({ start, end, y: (n - 1) * 100 + 1, untilYear: n * 100, precision: 'year' });
  }

  /**
   * "Q3 2024", "Q3 of 2024", "H1 2024": a quarter or a half of the year written after it. Without a year
   * it may only open a range that has one ("Q1–Q3 2024").
   */
  private parsePartCode(pos: number): Point | undefined {
    const text = this.text;
    const months = partLetters.get(text[pos]);
    const n = text.charCodeAt(pos + 1) - 48;
    const end = pos + 2;
    if (months === undefined || n < 1 || n > 12 / months || isWordChar(text.charCodeAt(end))) return undefined;
    const part = { start: pos, end, m: (n - 1) * months + 1, untilMonth: n * months, precision: 'month' as const };
    const next = this.gap(end);
    const yearAt = next >= 0 && this.wordAt(next, 'of') ? this.gap(next + 2) : next;
    const year = yearAt >= 0 ? this.readYear(yearAt) : undefined;
    if (year) return newPoint({ ...part, end: year.end, y: year.value });
    const opensRange = this.dash(end) >= 0 || this.wordConnector(end, rangeConnectors) >= 0;
    return opensRange ? newPoint({ ...part, bare: 'part' }) : undefined;
  }

  /**
   * "the twentieth century", "twenty-first-century", "the Nineteenth Century": the ordinal written out
   * before "century" (a blank or a hyphen between), counted strictly like "the 20th century".
   */
  private parseWrittenCentury(centuryStart: number): Point | undefined {
    const text = this.text;
    const ordinalEnd = text.charCodeAt(centuryStart - 1) === 45 ? centuryStart - 1 : this.gapStart(centuryStart, this.lastEnd);
    const ordinalStart = ordinalEnd < 0 ? -1 : this.wordStart(ordinalEnd);
    if (ordinalStart < 0) return undefined;
    let n = centuryOrdinals.get(text, ordinalStart, ordinalEnd);
    let start = ordinalStart;
    if (n === undefined) {
      const unit = unitOrdinals.get(text, ordinalStart, ordinalEnd);
      const tensStart = ordinalStart - 'twenty-'.length;
      if (unit === undefined || tensStart < this.lastEnd || !equalsIgnoringCase(text, tensStart, 'twenty-') || isWordChar(text.charCodeAt(tensStart - 1))) return undefined;
      n = 20 + unit;
      start = tensStart;
    }
    return this.century(start, centuryStart, n);
  }

  /** ISO dates ("2024-06-20"), decades ("1990s") and lone years. */
  private parseFourDigits(pos: number, digitsStop: number): Point | undefined {
    const text = this.text;
    const year = digitsValue(text, pos, digitsStop);
    const next = text.charCodeAt(digitsStop);
    if (next === 45 || next === 47) {
      const iso = this.parseIso(pos, year, next);
      if (iso) return iso;
    }
    const span = this.shortYearSpan(pos, digitsStop, year);
    if (span) return span;
    if (next === 115 /* s */ && !isWordChar(text.charCodeAt(digitsStop + 1)) && year % 10 === 0 && year >= 1000) {
      // "the 1800s" and "the 1900s" are centuries; "the 2000s" and "the 1990s" are decades.
      const untilYear = year % 100 === 0 && year < 2000 ? year + 99 : year + 9;
      return newPoint({ start: pos, end: digitsStop + 1, y: year, untilYear, precision: 'year' });
    }
    if (!this.yearBoundary(digitsStop) || year < minBareYear || year > maxBareYear) return undefined;
    return newPoint({ start: pos, end: digitsStop, y: year, precision: 'year', bare: 'year' });
  }

  /**
   * Years whose end is written with two digits: "2022–23", "1914–18" (a dash), and the seasons and fiscal
   * years "2023/24" and "2023-24", where a slash or hyphen counts only between consecutive years (else
   * "2009-11" could be a month). A lone year for the context rules to judge, spanning to the later year.
   */
  private shortYearSpan(pos: number, digitsStop: number, year: number): Point | undefined {
    const text = this.text;
    const separator = text.charCodeAt(digitsStop);
    const dash = separator === 0x2013 || separator === 0x2014;
    if (!dash && separator !== 45 && separator !== 47) return undefined;
    const end = digitsStop + 3;
    if (!isDigits(text, digitsStop + 1, 2) || isDigit(text.charCodeAt(end)) || !this.yearBoundary(end)) return undefined;
    const short = digitsValue(text, digitsStop + 1, end);
    const untilYear = short > year % 100 ? year - (year % 100) + short : short === (year + 1) % 100 ? year + 1 : undefined;
    if (untilYear === undefined || year < minBareYear || untilYear > maxBareYear || (!dash && untilYear !== year + 1)) return undefined;
    return newPoint({ start: pos, end, y: year, untilYear, precision: 'year', bare: 'year' });
  }

  /** YYYY-MM-DD or YYYY/MM/DD. */
  private parseIso(pos: number, year: number, separator: number): Point | undefined {
    const text = this.text;
    if (!isDigits(text, pos + 5, 2) || text.charCodeAt(pos + 7) !== separator || !isDigits(text, pos + 8, 2)) return undefined;
    const end = pos + 10;
    const after = text.charCodeAt(end);
    // A time may follow ("2024-06-20T10:30"); anything else glued on makes it something else.
    const timeFollows = after === 84 /* T */ && isDigit(text.charCodeAt(end + 1));
    if (!timeFollows && !this.numericBoundary(end)) return undefined;
    const m = digitsValue(text, pos + 5, pos + 7);
    const d = digitsValue(text, pos + 8, end);
    return newPoint({ start: pos, end, y: year, m, d, precision: 'day', invalid: !isValidDate(year, m, d) });
  }

  /**
   * D.M.YYYY, D/M/YYYY and D-M-YYYY. Rule: read day first (as access dates are: 06.02.2024 is
   * 6 February); if that is no date but month first is ("12/25/2024"), read month first. The
   * mention is ambiguous when both readings are dates and differ.
   */
  private parseNumericDate(pos: number, firstEnd: number): Point | undefined {
    // Read with charCodeAt rather than a regex: most candidates are other numbers, rejected by the first check.
    const text = this.text;
    const separator = text.charCodeAt(firstEnd);
    if (separator !== 46 && separator !== 47 && separator !== 45) return undefined;
    const secondEnd = digitsEnd(text, firstEnd + 1);
    const secondLength = secondEnd - firstEnd - 1;
    if (secondLength < 1 || secondLength > 2 || text.charCodeAt(secondEnd) !== separator || !isDigits(text, secondEnd + 1, 4)) return undefined;
    const end = secondEnd + 5;
    if (!this.numericBoundary(end)) return undefined;
    const a = digitsValue(text, pos, firstEnd);
    const b = digitsValue(text, firstEnd + 1, secondEnd);
    const y = digitsValue(text, secondEnd + 1, end);
    const dayFirst = isValidDate(y, b, a);
    const monthFirst = isValidDate(y, a, b);
    if (!dayFirst && !monthFirst) return newPoint({ start: pos, end, y, precision: 'day', invalid: true });
    return dayFirst
      ? newPoint({ start: pos, end, y, m: b, d: a, precision: 'day', ambiguous: monthFirst && a !== b })
      : newPoint({ start: pos, end, y, m: a, d: b, precision: 'day' });
  }

  /** "6 December 2022", "6th of December", "25 March"; else a lone day before a dash, which only a range can use. */
  private parseDayFirst(pos: number): Point | undefined {
    const day = this.readDay(pos);
    if (!day) return undefined;
    let monthAt = this.gap(day.end);
    if (monthAt >= 0 && this.wordAt(monthAt, 'of')) monthAt = this.gap(monthAt + 2);
    const month = monthAt >= 0 ? this.readMonth(monthAt) : undefined;
    // A lone day may open a range ("24–30 April", "from 1 to 3 June", "between 1 and 3 June") or a list
    // ("5, 6 and 7 March"); parseRange and completeFromList decide whether it does.
    const opensRange = this.dash(day.end) >= 0 || this.wordConnector(day.end, rangeConnectors) >= 0 || this.commaBeforeDay(day.end);
    if (!month) return opensRange ? newPoint({ start: pos, end: day.end, d: day.value, precision: 'day', bare: 'day' }) : undefined;
    return this.completeDay(newPoint({ start: pos, end: month.end, m: month.value, d: day.value, precision: 'day' }));
  }

  /** "December 6, 2022", "Dec. 6", "January 29 this year", "December 2022", "August of 2022", "February of this year", "June". */
  private parseMonthFirst(start: number, month: MonthName): Point | undefined {
    const { value: m, end } = month;
    const next = this.gap(end);
    if (next >= 0) {
      const day = this.readDay(next);
      if (day) return this.completeDay(newPoint({ start, end: day.end, m, d: day.value, precision: 'day' }));
      const yearAt = this.wordAt(next, 'of') ? this.gap(next + 2) : next;
      const year = yearAt >= 0 ? this.readYear(yearAt) : undefined;
      if (year) return newPoint({ start, end: year.end, y: year.value, m, precision: 'month' });
    }
    const relativeYear = this.readRelativeYear(end);
    if (relativeYear) {
      return newPoint({ start, end: relativeYear.end, m, precision: 'month', anchor: { kind: 'yearOffset', offset: relativeYear.offset } });
    }
    if (isPossessive(this.text, end)) return undefined;
    // Alone, "Jan" and "MAY" are too often other words; before a dash they open a range ("Jan–Mar 2024").
    if (month.abbreviated || month.shouted) return this.dash(end) >= 0 ? newPoint({ start, end, m, precision: 'month', bare: 'part' }) : undefined;
    return newPoint({ start, end, m, precision: 'month', bare: 'month', anchor: { kind: 'nearestYear' } });
  }

  /** A month and day: adds the year written after it ("…, 2022", "… this year"), or anchors it; checks the calendar. */
  private completeDay(point: Point): Point {
    const year = this.readYearAfterDay(point.end);
    if (year) {
      point.y = year.value;
      point.end = year.end;
    } else {
      const relativeYear = this.readRelativeYear(point.end);
      if (relativeYear) point.end = relativeYear.end;
      point.anchor = relativeYear ? { kind: 'yearOffset', offset: relativeYear.offset } : { kind: 'nearestYear' };
    }
    point.invalid = !isValidDate(point.y ?? leapYear, point.m ?? 1, point.d ?? 1);
    return point;
  }

  /** "Friday, December 6, 2022" (the weekday joins the date), or a lone weekday for the look-back to judge. */
  private parseWeekday(start: number, wordEnd: number, weekday: number): Point {
    const text = this.text;
    const dateAt = this.gap(text.charCodeAt(wordEnd) === 44 ? wordEnd + 1 : wordEnd);
    if (dateAt >= 0) {
      const month = this.readMonth(dateAt);
      const date = month ? this.parseMonthFirst(dateAt, month) : isDigit(text.charCodeAt(dateAt)) ? this.parseNumber(dateAt) : undefined;
      if (date && date.d !== undefined && date.m !== undefined) {
        date.start = start;
        return date;
      }
    }
    return newPoint({ start, end: wordEnd, precision: 'day', bare: 'weekday', anchor: { kind: 'weekday', weekday, mode: 'onOrBefore' } });
  }

  /** yesterday, today, tomorrow; "year", "month" and "week", which need this/last/next before them. */
  private parseKeyword(start: number, end: number): Point | undefined {
    const text = this.text;
    const lowerCase = !hasUpper(text, start, end);
    const unit = units.get(text, start, end);
    // A capitalised unit names something: "This Week in Asia".
    if (unit && !lowerCase) return undefined;
    if (unit) return newPoint({ start, end, precision: unit === 'year' ? 'year' : unit === 'month' ? 'month' : 'day', bare: 'unit', unit });
    const offset = dayWords.get(text, start, end);
    if (offset === undefined) return undefined;
    // Capitalised mid-sentence it is a name: "Russia Today", "USA Today".
    if (!lowerCase && !this.atSentenceStart(start)) return undefined;
    return newPoint({ start, end, precision: 'day', anchor: { kind: 'dayOffset', offset } });
  }

  /**
   * "two years ago", "3 months ago", "a week ago", "five days ago": a count (1–99, in digits or words up to
   * twelve) of units before "ago", counted back from the publication date; it begins at the count. Hours
   * and minutes count whole days only ("3 hours ago" is the publication day, "48 hours ago" two days before).
   */
  private parseAgo(agoStart: number, agoEnd: number): Point | undefined {
    const unitEnd = this.gapStart(agoStart, this.lastEnd);
    const unitStart = unitEnd < 0 ? -1 : this.wordStart(unitEnd);
    const unit = unitStart < 0 ? undefined : agoUnits.get(this.text, unitStart, unitEnd);
    const countEnd = unit ? this.gapStart(unitStart, this.lastEnd) : -1;
    const countStart = countEnd < 0 ? -1 : this.wordStart(countEnd);
    if (!unit || countStart < 0) return undefined;
    const count = isDigit(this.text.charCodeAt(countStart)) ? digitsValue(this.text, countStart, countEnd) : countWords.get(this.text, countStart, countEnd);
    if (!count || countEnd - countStart > (isDigit(this.text.charCodeAt(countStart)) ? 2 : maxWord) || !isDigitsOrLetters(this.text, countStart, countEnd)) return undefined;
    const days = unit === 'week' ? 7 * count : unit === 'day' ? count : unit === 'hour' ? Math.floor(count / 24) : 0;
    const anchor: Anchor =
      unit === 'year' ? { kind: 'yearOffset', offset: -count } : unit === 'month' ? { kind: 'monthOffset', offset: -count } : { kind: 'dayOffset', offset: -days };
    return newPoint({ start: countStart, end: agoEnd, precision: unit === 'year' ? 'year' : unit === 'month' ? 'month' : 'day', anchor });
  }

  /** Where the word of ASCII letters or digits ending at `end` starts, no earlier than the last mention; -1 if another word character comes first. */
  private wordStart(end: number): number {
    let start = end;
    while (start > this.lastEnd && (isLetter(this.text.charCodeAt(start - 1)) || isDigit(this.text.charCodeAt(start - 1)))) start--;
    return start === end || (start > 0 && isWordChar(this.text.charCodeAt(start - 1))) ? -1 : start;
  }

  // ---- Look-back and acceptance -----------------------------------------------------------------

  /**
   * Takes in the words before a point that shape it: this/last/next (with earlier/later before them),
   * early/late/mid, a season before a year; records the word before those as the point's context.
   * False when the words show it is no date ("the last year" is a duration).
   */
  private lookBack(point: Point, floor: number): boolean {
    let word = this.wordBefore(point.start, floor);
    const direction = isWord(word) && !word.dot && !word.hyphen ? relativeWords.get(word.lower) : undefined;
    if (isWord(word) && direction !== undefined && makeRelative(point, direction)) {
      point.start = word.start;
      point.modified = true;
      word = this.wordBefore(word.start, floor);
      if (isWord(word) && word.lower === 'the') return false;
      if (isWord(word) && !word.dot && !word.hyphen && (word.lower === 'earlier' || word.lower === 'later')) {
        point.start = word.start;
        word = this.wordBefore(word.start, floor);
      }
    }
    if (point.bare === 'unit') return false;
    if (isWord(word) && !word.dot && modifiers.has(word.lower)) {
      point.start = word.start;
      point.modified = true;
      word = this.wordBefore(word.start, floor);
    } else if (point.y !== undefined && point.m === undefined && isWord(word) && !word.dot && !word.hyphen) {
      const season = word.lower === 'of' ? this.wordBefore(word.start, floor) : word;
      if (isWord(season) && !season.dot && !season.hyphen && seasons.has(season.lower)) {
        point.start = season.start;
        point.modified = true;
        word = this.wordBefore(season.start, floor);
      } else if (isWord(season) && !season.dot && !season.hyphen && partNouns.has(season.lower)) {
        const partStart = this.takeYearPart(point, season, floor);
        if (partStart >= 0) word = this.wordBefore(partStart, floor);
      }
    }
    point.context = word;
    if (point.anchor?.kind === 'nearestYear' && isWord(word) && word.lower === 'since') point.anchor = { kind: 'pastYear' };
    return true;
  }

  /**
   * "the third quarter of 2024", "3rd-quarter 2024", "the first half of 2023", "the final quarter of
   * 2022": narrows the year to that part when an ordinal names it; returns where the ordinal starts, or -1.
   */
  private takeYearPart(point: Point, noun: Word, floor: number): number {
    const months = partNouns.get(noun.lower) as number;
    const ordinal = this.wordBefore(noun.start, floor);
    if (!isWord(ordinal) || ordinal.dot) return -1;
    const text = this.text;
    const ordinalEnd = lettersEnd(text, ordinal.start);
    // "3rd": the look-back reads the suffix as a word glued to its digit.
    const digitAt = ordinal.start - 1;
    const digit = text.charCodeAt(digitAt) - 48;
    const written =
      digitAt >= floor && digit >= 1 && digit <= 9 && ordinalEnd === ordinal.start + 2 && isOrdinalSuffix(text, ordinal.start) && !isWordChar(text.charCodeAt(digitAt - 1))
        ? { n: digit, start: digitAt }
        : { n: partOrdinals.get(text, ordinal.start, ordinalEnd), start: ordinal.start };
    const parts = 12 / months;
    const n = written.n === Infinity ? parts : written.n;
    if (n === undefined || n > parts) return -1;
    point.m = (n - 1) * months + 1;
    point.untilMonth = n * months;
    point.precision = 'month';
    point.start = written.start;
    point.modified = true;
    point.bare = undefined;
    return written.start;
  }

  /** Whether a single (non-range) point is a date in its context. */
  private accept(point: Point): boolean {
    switch (point.bare) {
      case undefined:
        return true;
      case 'year':
        return this.acceptYear(point);
      case 'month':
        return point.modified === true || this.continuesList(point.start, 'month') || this.contextIn(point, monthContext);
      case 'weekday':
        return point.modified === true || this.contextIn(point, onWeekday) || this.isReportedWeekday(point);
      default:
        return false;
    }
  }

  /** The lone-year rule documented at yearContext. */
  private acceptYear(point: Point): boolean {
    if (this.gluedAfter(point.end) || this.quantityAfter(point.end) || this.endsNumberRange(point.start)) return false;
    if (point.modified) return true;
    const context = point.context;
    if (context === numberBefore) return false;
    if (this.continuesList(point.start, 'year')) return true;
    if (context && !context.dot) {
      if (context.lower === 'to' && this.wordBefore(context.start, this.lastEnd) === numberBefore) return false;
      // A possessive determines the year like "the" does: "Russia's 2014 annexation".
      return yearContext.has(context.lower) || (context.lower === 's' && isApostrophe(this.text.charCodeAt(context.start - 1)));
    }
    if (context?.dot) {
      if (yearAbbreviations.has(context.lower)) return true;
      if (numberLabels.has(context.lower)) return false;
    }
    return this.closesPhrase(point.end);
  }

  private contextIn(point: Point, words: ReadonlySet<string>): boolean {
    return isWord(point.context) && !point.context.dot && !point.context.hyphen && words.has(point.context.lower);
  }

  /** "the ministry said Friday that…", but not "he said Friday prayers…". */
  private isReportedWeekday(point: Point): boolean {
    if (!this.contextIn(point, reportingVerbs)) return false;
    const text = this.text;
    const next = text.charCodeAt(point.end);
    if (point.end >= text.length || next === 10 || next === 13 || closingPunctuation.includes(text[point.end])) return true;
    const at = this.gap(point.end);
    if (at < 0) return false;
    const end = lettersEnd(text, at);
    return end - at <= maxWord && afterReportedWeekday.has(text.slice(at, end));
  }

  /** The text between the previous mention (of this precision) and pos lists them: ", ", " and ", ", or ". */
  private continuesList(pos: number, precision: DatePrecision): boolean {
    if (this.lastPrecision !== precision || this.mentions.length === 0 || pos - this.lastEnd > 8) return false;
    listSeparator.lastIndex = this.lastEnd;
    return listSeparator.exec(this.text) !== null && listSeparator.lastIndex === pos;
  }

  // ---- Ranges -----------------------------------------------------------------------------------

  /**
   * A range whose first point is `from`: "2009–2011", "April 24–30, 2023", "24–30 April", "December 2022–January
   * 2023", "from 2009 to 2011", "between 2009 and 2011". Word connectors need from/between before the
   * first point; dashes do not. Returns where to resume when the range is shaped right but not on the
   * calendar ("April 24–31"), so that nothing of it is reported.
   */
  private parseRange(from: Point): DateRange | number | undefined {
    if (!isRangeable(from)) return undefined;
    const context = isWord(from.context) && !from.context.dot && !from.context.hyphen ? from.context : undefined;
    const prefix = context?.lower === 'from' || context?.lower === 'between' ? context : undefined;
    let toAt = this.dash(from.end);
    if (toAt < 0 && prefix) toAt = this.wordConnector(from.end, prefix.lower === 'from' ? fromConnectors : betweenConnectors);
    if (toAt < 0) return undefined;
    const to = this.parseEndPoint(toAt);
    if (!to) return undefined;
    if (to.invalid) return to.end;
    const joined = join(from, to);
    if (joined === 'invalid') return to.end;
    if (!joined) return undefined;
    const label = isWord(from.context) && from.context.dot && numberLabels.has(from.context.lower);
    if (from.bare === 'year' && (from.context === numberBefore || label || this.quantityAfter(to.end))) return undefined;
    return { start: prefix ? prefix.start : from.start, from: joined.from, to: joined.to };
  }

  /** The point after a range connector, with its own modifiers ("late 2011", "this June"). */
  private parseEndPoint(at: number): Point | undefined {
    const text = this.text;
    let pos = at;
    for (let words = 0; words < 2; words++) {
      const end = lettersEnd(text, pos);
      if (end === pos || end - pos > maxWord || !endPointWords.has(text.slice(pos, end).toLowerCase())) break;
      pos = text.charCodeAt(end) === 45 ? end + 1 : this.gap(end);
      if (pos < 0) return undefined;
    }
    const point = this.parsePoint(pos) ?? (pos === at ? this.readLoneDay(at) : undefined);
    if (!point || point.invalid) return point;
    return this.lookBack(point, at) && point.start === at ? point : undefined;
  }

  /** The day that closes a range within a month, with its year if written: "30" or "30, 2023" in "April 24–30, 2023". */
  private readLoneDay(pos: number): Point | undefined {
    const day = this.readDay(pos);
    if (!day) return undefined;
    const year = this.readYearAfterDay(day.end);
    const point = newPoint({ start: pos, end: day.end, d: day.value, precision: 'day', bare: 'day' });
    if (year) {
      point.y = year.value;
      point.end = year.end;
    }
    return point;
  }

  // ---- Readers ----------------------------------------------------------------------------------

  /** A day of the month, 1–31, with an optional ordinal suffix; not part of "2.5", "10:30" or "6/2". */
  private readDay(pos: number): { value: number; end: number } | undefined {
    const text = this.text;
    const digitsStop = digitsEnd(text, pos);
    if (digitsStop === pos || digitsStop - pos > 2) return undefined;
    const value = digitsValue(text, pos, digitsStop);
    if (value < 1 || value > 31) return undefined;
    let end = digitsStop;
    if (isOrdinalSuffix(text, end) && !isWordChar(text.charCodeAt(end + 2))) end += 2;
    const next = text.charCodeAt(end);
    if (isWordChar(next) || ((next === 46 || next === 58 || next === 47) && isDigit(text.charCodeAt(end + 1)))) return undefined;
    return { value, end };
  }

  /** A capitalised month name or abbreviation (with its dot). */
  private readMonth(pos: number): MonthName | undefined {
    const text = this.text;
    if (!isUpper(text.charCodeAt(pos))) return undefined;
    const end = lettersEnd(text, pos);
    if (isWordChar(text.charCodeAt(end))) return undefined;
    const shouted = end - pos > 1 && !hasLower(text, pos, end);
    const month = shouted ? shoutedMonths.get(text, pos, end) : months.get(text, pos, end);
    if (month === undefined) return undefined;
    return { value: month.value, end: month.abbreviated && text.charCodeAt(end) === 46 ? end + 1 : end, abbreviated: month.abbreviated, shouted };
  }

  /** A four-digit year, 1000–2999, standing as a token of its own. */
  private readYear(pos: number): { value: number; end: number } | undefined {
    const text = this.text;
    const end = digitsEnd(text, pos);
    if (end - pos !== 4 || !this.yearBoundary(end)) return undefined;
    const value = digitsValue(text, pos, end);
    return value >= 1000 && value <= 2999 ? { value, end } : undefined;
  }

  /** The year after a day: ", 2022", " 2022" or ",2022". */
  private readYearAfterDay(pos: number): { value: number; end: number } | undefined {
    const afterComma = this.text.charCodeAt(pos) === 44 ? pos + 1 : pos;
    const gapEnd = this.gap(afterComma);
    if (gapEnd < 0 && afterComma === pos) return undefined;
    return this.readYear(gapEnd < 0 ? afterComma : gapEnd);
  }

  /** "this year", "of last year" after a month or day. */
  private readRelativeYear(pos: number): { offset: number; end: number } | undefined {
    const text = this.text;
    let at = this.gap(pos);
    if (at >= 0 && this.wordAt(at, 'of')) at = this.gap(at + 2);
    if (at < 0) return undefined;
    const wordEnd = lettersEnd(text, at);
    const offset = wordEnd - at === 4 ? relativeWords.get(text.slice(at, wordEnd)) : undefined;
    if (offset === undefined) return undefined;
    const yearAt = this.gap(wordEnd);
    return yearAt >= 0 && this.wordAt(yearAt, 'year') ? { offset, end: yearAt + 4 } : undefined;
  }

  /** A dash between a range's points, spaced or not; returns where the second point starts, or -1. */
  private dash(pos: number): number {
    const text = this.text;
    const at = this.skipSpaces(pos);
    if (!isDash(text.charCodeAt(at))) return -1;
    return this.skipSpaces(at + 1);
  }

  private wordConnector(pos: number, words: ReadonlySet<string>): number {
    const at = this.gap(pos);
    if (at < 0) return -1;
    const end = lettersEnd(this.text, at);
    if (end - at > maxWord || !words.has(this.text.slice(at, end))) return -1;
    return this.gap(end);
  }

  /** The word before pos, across a space (or one line break) or a hyphen, within floor. */
  private wordBefore(pos: number, floor: number): Word | typeof numberBefore | undefined {
    const text = this.text;
    const hyphen = pos > floor && text.charCodeAt(pos - 1) === 45;
    let i = hyphen ? pos - 1 : this.gapStart(pos, floor);
    if (i < 0) return undefined;
    const dot = !hyphen && i > floor && text.charCodeAt(i - 1) === 46;
    if (dot) i--;
    if (i > floor && isDigit(text.charCodeAt(i - 1))) return dot ? undefined : numberBefore;
    const end = i;
    while (i > floor && end - i <= maxWord && isLetter(text.charCodeAt(i - 1))) i--;
    if (i === end) return undefined;
    const clean = end - i <= maxWord && !(i > floor && isWordChar(text.charCodeAt(i - 1)));
    return { start: i, lower: (clean && contextWords.get(text, i, end)) || '', dot, hyphen };
  }

  /** End of the whitespace at pos between two words of a date (at most one line break), or -1 if none. */
  private gap(pos: number): number {
    const text = this.text;
    const limit = Math.min(text.length, pos + maxGap);
    let i = pos;
    let lineBreaks = 0;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) i++;
      else if (c === 10 || c === 13) {
        if (++lineBreaks > 1) return -1;
        i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      } else break;
    }
    return i > pos && (i < limit || i === text.length) ? i : -1;
  }

  /** Start of the whitespace ending at pos (at most one line break, not below floor), or -1 if none. */
  private gapStart(pos: number, floor: number): number {
    const text = this.text;
    const limit = Math.max(floor, pos - maxGap);
    let i = pos;
    let lineBreaks = 0;
    while (i > limit) {
      const c = text.charCodeAt(i - 1);
      if (isBlank(c)) i--;
      else if (c === 10 || c === 13) {
        if (++lineBreaks > 1) return -1;
        i -= c === 10 && text.charCodeAt(i - 2) === 13 ? 2 : 1;
      } else break;
    }
    return i < pos && (i > limit || i === floor) ? i : -1;
  }

  private skipSpaces(pos: number): number {
    let i = pos;
    while (i < pos + maxGap && isBlank(this.text.charCodeAt(i))) i++;
    return i;
  }

  /** The lower-case word at pos, whole. */
  private wordAt(pos: number, word: string): boolean {
    return this.text.startsWith(word, pos) && !isWordChar(this.text.charCodeAt(pos + word.length));
  }

  /** A year's end is clean: no letter or digit after it, nor ".5", ",000", "/24" or ":3". */
  private yearBoundary(end: number): boolean {
    const text = this.text;
    const next = text.charCodeAt(end);
    if (isWordChar(next)) return false;
    return !((next === 46 || next === 44 || next === 47 || next === 58) && isWordChar(text.charCodeAt(end + 1)));
  }

  /** A numeric date's end is clean: nothing glued on, and no further ".5", "/7" or "-3". */
  private numericBoundary(end: number): boolean {
    const text = this.text;
    const next = text.charCodeAt(end);
    return !isWordChar(next) && !((next === 46 || next === 47 || next === 45) && isDigit(text.charCodeAt(end + 1)));
  }

  /** A lone year glued to what follows: "2000-strong", "2009-11", "2009–11". */
  private gluedAfter(end: number): boolean {
    const text = this.text;
    const next = text.charCodeAt(end);
    const after = text.charCodeAt(end + 1);
    return (next === 45 && isWordChar(after)) || (isDash(next) && isDigit(text.charCodeAt(this.skipSpaces(end + 1))));
  }

  /** The second number of a range that was no date range ("pp. 1990–2010", "300–2000 troops"). */
  private endsNumberRange(start: number): boolean {
    const text = this.text;
    let i = start;
    while (i > start - maxGap && isBlank(text.charCodeAt(i - 1))) i--;
    if (!isDash(text.charCodeAt(i - 1))) return false;
    i--;
    while (i > start - 2 * maxGap && isBlank(text.charCodeAt(i - 1))) i--;
    return isDigit(text.charCodeAt(i - 1));
  }

  /** "2000 troops": a unit or count noun follows. */
  private quantityAfter(end: number): boolean {
    const at = this.gap(end);
    if (at < 0 || !isLower(this.text.charCodeAt(at))) return false;
    const wordEnd = lettersEnd(this.text, at);
    return quantityNouns.get(this.text, at, wordEnd) === true;
  }

  /** Punctuation, a line break, the end of the text, "'s" or a capitalised word follows. */
  private closesPhrase(end: number): boolean {
    const text = this.text;
    if (end >= text.length) return true;
    const next = text.charCodeAt(end);
    if (closingPunctuation.includes(text[end]) || next === 10 || next === 13 || isDash(next)) return true;
    if (isPossessive(text, end)) return true;
    const at = this.gap(end);
    return at >= 0 && (isUpper(text.charCodeAt(at)) || at === text.length);
  }

  /** Nothing but an opening quote or bracket between pos and the start of its sentence or line. */
  private atSentenceStart(pos: number): boolean {
    let i = pos;
    while (i > 0 && pos - i < maxGap && (isBlank(this.text.charCodeAt(i - 1)) || openingPunctuation.includes(this.text[i - 1]))) i--;
    return i === 0 || sentenceEnds.includes(this.text[i - 1]);
  }

  // ---- Output -----------------------------------------------------------------------------------

  private emit(start: number, end: number, from: Point, to?: Point): void {
    const value = to ? this.rangeValue(from, to) : this.pointValue(from);
    const precision = to && precisionRank[to.precision] < precisionRank[from.precision] ? to.precision : from.precision;
    const text = this.text.slice(start, end);
    const relative = from.anchor !== undefined || to?.anchor !== undefined;
    const ambiguous = from.ambiguous || to?.ambiguous === true;
    // Two literals rather than a spread of an optional `value`: this runs once per mention.
    this.mentions.push(value === undefined ? { start, end, text, precision, relative, ambiguous } : { start, end, text, value, precision, relative, ambiguous });
    this.lastEnd = end;
    this.lastPrecision = precision;
    // A year alone ("before 2022") says too little about the time a paragraph goes on in.
    const dated = !to && from.y !== undefined && from.m !== undefined && from.untilMonth === undefined;
    this.lastWritten = dated ? { y: from.y as number, m: from.m, d: from.d } : undefined;
  }

  private pointValue(point: Point): string | undefined {
    // Most points are written in full ("6 December 2022"): format those without building an interval.
    const { y, m, d } = point;
    if (y !== undefined && point.untilYear === undefined && point.untilMonth === undefined) return isValidDate(y, m ?? 1, d ?? 1) ? formatYmd({ y, m, d }) : undefined;
    const interval = resolve(point, this.reference);
    return interval && formatInterval(interval.first, interval.last);
  }

  private rangeValue(from: Point, to: Point): string | undefined {
    const first = resolve(from, this.reference);
    if (!first) return undefined;
    // An end point without a year ("June–July", both years unwritten) takes the start's year.
    const closing = to.y === undefined && to.m !== undefined && isYearless(to.anchor) ? { ...to, y: first.first.y + (comesAfter(from, to) ? 1 : 0) } : to;
    const last = resolve(closing, this.reference);
    if (!last || compareYmd(first.first, last.first) >= 0) return undefined;
    return formatInterval(first.first, last.last);
  }
}

// ---- Pure helpers -------------------------------------------------------------------------------

const listSeparator = /,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+/y;
const closingPunctuation = ',.;:)]!?"”’\'…';
const openingPunctuation = '"“‘\'([*_#>';
const sentenceEnds = '.!?\n\r:';
const precisionRank: Readonly<Record<DatePrecision, number>> = { year: 0, month: 1, day: 2 };
/** A leap year, for checking a day whose year is not written yet ("February 29"). */
const leapYear = 2000;
const daysPerMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c);
}

const nonAsciiWordChar = /[\p{L}\p{N}]/u;

/** Letters and digits of any script; NaN (past the end) is not one. */
function isWordChar(c: number): boolean {
  if (c < 128) return isDigit(c) || isLetter(c);
  return c >= 128 && nonAsciiWordChar.test(String.fromCharCode(c));
}

const glueTable = new Uint8Array(128);
for (const c of glueCharacters) glueTable[c.charCodeAt(0)] = 1;

function isGlue(c: number): boolean {
  return isWordChar(c) || glueTable[c] === 1;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f;
}

/** Hyphen, non-breaking and figure hyphens, en and em dashes. */
function isDash(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013 || c === 0x2014;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function isPossessive(text: string, pos: number): boolean {
  return isApostrophe(text.charCodeAt(pos)) && text.charCodeAt(pos + 1) === 115 && !isWordChar(text.charCodeAt(pos + 2));
}

/** st, nd, rd or th at pos (compared by code so that rejected days allocate nothing). */
function isOrdinalSuffix(text: string, pos: number): boolean {
  const first = text.charCodeAt(pos);
  const second = text.charCodeAt(pos + 1);
  return second === 100 /* d */ ? first === 110 /* n */ || first === 114 /* r */ : (first === 115 /* s */ && second === 116) /* t */ || (first === 116 /* t */ && second === 104) /* h */;
}

function isWord(word: Word | typeof numberBefore | undefined): word is Word {
  return typeof word === 'object';
}

function digitsEnd(text: string, pos: number): number {
  let i = pos;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

function isDigits(text: string, pos: number, count: number): boolean {
  return digitsEnd(text, pos) === pos + count;
}

function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function hasUpper(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isUpper(text.charCodeAt(i))) return true;
  return false;
}

function isDigitsOrLetters(text: string, start: number, end: number): boolean {
  const digits = isDigit(text.charCodeAt(start));
  for (let i = start; i < end; i++) if (isDigit(text.charCodeAt(i)) !== digits) return false;
  return true;
}

function hasLower(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isLower(text.charCodeAt(i))) return true;
  return false;
}

function lettersEnd(text: string, pos: number): number {
  let i = pos;
  while (isLetter(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where a trigger match that ended at matchEnd began: a number or a word prefix, each after a boundary,
 * so it runs back over digits or letters to the first other character (or to where the search began).
 */
function triggerStart(text: string, searchFrom: number, matchEnd: number): number {
  let start = matchEnd - 1;
  const inToken = isDigit(text.charCodeAt(start)) ? isDigit : isLetter;
  while (start > searchFrom && inToken(text.charCodeAt(start - 1))) start--;
  return start;
}

/** Where scanning resumes after a trigger that is no date: past its digits or letters. */
function tokenEnd(text: string, pos: number): number {
  const end = isDigit(text.charCodeAt(pos)) ? digitsEnd(text, pos) : lettersEnd(text, pos);
  return Math.max(end, pos + 1);
}

function daysIn(y: number, m: number): number {
  return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : daysPerMonth[m - 1];
}

function isValidDate(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** Makes a lone month, weekday or unit noun relative to "this", "last" or "next"; false for other points. */
function makeRelative(point: Point, direction: -1 | 0 | 1): boolean {
  const anchor = point.anchor;
  if (point.bare === 'unit') {
    point.anchor =
      point.unit === 'year' ? { kind: 'yearOffset', offset: direction } : point.unit === 'month' ? { kind: 'monthOffset', offset: direction } : { kind: 'week', offset: direction };
  } else if (point.bare === 'month') {
    point.anchor = direction === 0 ? { kind: 'yearOffset', offset: 0 } : { kind: 'namedMonth', direction };
  } else if (point.bare === 'weekday' && anchor?.kind === 'weekday') {
    point.anchor = { kind: 'weekday', weekday: anchor.weekday, mode: direction === 0 ? 'sameWeek' : direction < 0 ? 'before' : 'after' };
  } else {
    return false;
  }
  point.bare = undefined;
  return true;
}

/** Points that can open or close a range: calendar dates, possibly with the year to be inferred. */
function isRangeable(point: Point): boolean {
  if (point.bare === 'weekday' || point.bare === 'unit') return false;
  const kind = point.anchor?.kind;
  return kind === undefined || kind === 'nearestYear' || kind === 'pastYear' || kind === 'yearOffset';
}

function isYearless(anchor: Anchor | undefined): boolean {
  return anchor === undefined || anchor.kind === 'nearestYear' || anchor.kind === 'pastYear';
}

/** Whether `a` falls after `b` within a year (by month, then day). */
function comesAfter(a: Point, b: Point): boolean {
  return (a.m ?? 0) * 100 + (a.d ?? 0) > (b.m ?? 0) * 100 + (b.d ?? 0);
}

/**
 * Completes a range's points from each other: a lone day takes the other's month ("April 24–30",
 * "24–30 April"); a missing year comes from the other point, one less or more across a new year
 * ("December–January 2023"). Undefined when the points do not make a range; 'invalid' when they
 * do but run backwards or a day is not on the calendar.
 */
function join(a: Point, b: Point): { from: Point; to: Point } | 'invalid' | undefined {
  if (!isRangeable(b)) return undefined;
  const from: Point = { ...a };
  const to: Point = { ...b };
  const loneDay = from.bare === 'day' || to.bare === 'day';
  if (to.bare === 'day') {
    if (from.m === undefined || from.d === undefined) return undefined;
    to.m = from.m;
  }
  if (from.bare === 'day') {
    if (to.m === undefined || to.d === undefined) return undefined;
    from.m = to.m;
  }
  if (loneDay && from.d !== undefined && to.d !== undefined && from.d >= to.d) return 'invalid';
  // A quarter or an abbreviated month without a year closes on a month ("Q1–Q3 2024", "Jan–Mar 2024"), not on a bare year.
  if (from.bare === 'part' && to.m === undefined) return undefined;
  if (from.y === undefined && from.m !== undefined) {
    const later = comesAfter(from, to) ? 1 : 0;
    if (to.y !== undefined) from.y = to.y - later;
    from.anchor = to.anchor?.kind === 'yearOffset' ? { kind: 'yearOffset', offset: to.anchor.offset - later } : to.y !== undefined ? undefined : from.anchor ?? { kind: 'nearestYear' };
  }
  if (to.y === undefined && to.m !== undefined && from.y !== undefined) {
    to.y = from.y + (comesAfter(from, to) ? 1 : 0);
    to.anchor = undefined;
  }
  if (to.y === undefined && to.anchor === undefined) to.anchor = { kind: 'nearestYear' };
  if (from.y !== undefined && to.y !== undefined) {
    if (firstKey(from) >= firstKey(to) || lastKey(from) > lastKey(to)) return 'invalid';
  }
  for (const point of [from, to]) {
    if (point.d !== undefined && !isValidDate(point.y ?? leapYear, point.m ?? 1, point.d)) return 'invalid';
    point.bare = undefined;
  }
  return { from, to };
}

function firstKey(point: Point): number {
  return (point.y ?? 0) * 10000 + (point.m ?? 1) * 100 + (point.d ?? 1);
}

function lastKey(point: Point): number {
  return (point.untilYear ?? point.y ?? 0) * 10000 + (point.untilMonth ?? point.m ?? 12) * 100 + (point.d ?? 31);
}

// ---- Resolution ---------------------------------------------------------------------------------

/** The publication date, when it is a valid YYYY, YYYY-MM or YYYY-MM-DD. */
function parseReference(published: string | undefined): Ymd | undefined {
  const match = published === undefined ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(published.trim());
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = match[2] === undefined ? undefined : Number(match[2]);
  const d = match[3] === undefined ? undefined : Number(match[3]);
  return isValidDate(y, m ?? 1, d ?? 1) ? { y, m, d } : undefined;
}

/** The calendar span a point stands for, or undefined when it depends on more than the reference gives. */
function resolve(point: Point, reference: Ymd | undefined): Interval | undefined {
  if (point.y !== undefined) {
    const until = point.untilYear !== undefined ? { y: point.untilYear } : point.untilMonth !== undefined ? { y: point.y, m: point.untilMonth } : undefined;
    return checked({ y: point.y, m: point.m, d: point.d }, until);
  }
  const anchor = point.anchor;
  if (!anchor || !reference) return undefined;
  const { m, d } = point;
  switch (anchor.kind) {
    case 'nearestYear':
    case 'pastYear':
      return m === undefined ? undefined : checked({ y: inferYear(m, d, reference, anchor.kind === 'pastYear'), m, d });
    case 'yearOffset':
      return checked({ y: reference.y + anchor.offset, m, d });
    case 'namedMonth':
      if (m === undefined || reference.m === undefined) return undefined;
      return checked({ y: anchor.direction < 0 ? (m < reference.m ? reference.y : reference.y - 1) : m > reference.m ? reference.y : reference.y + 1, m });
    case 'monthOffset': {
      if (reference.m === undefined) return undefined;
      const index = reference.y * 12 + reference.m - 1 + anchor.offset;
      return checked({ y: Math.floor(index / 12), m: (index % 12) + 1 });
    }
    case 'dayOffset':
      return reference.d === undefined ? undefined : checked(shiftDays(reference, anchor.offset));
    case 'weekday':
      return reference.d === undefined ? undefined : checked(shiftDays(reference, weekdayShift(weekdayOf(reference), anchor.weekday, anchor.mode)));
    case 'week': {
      if (reference.d === undefined) return undefined;
      const monday = -((weekdayOf(reference) + 6) % 7) + 7 * anchor.offset;
      return checked(shiftDays(reference, monday), shiftDays(reference, monday + 6));
    }
  }
}

/**
 * The year of a month (and day) written without one: the nearest to the reference (ties go to the
 * past), or with `past` the latest not after it. With a year-only reference, its year.
 */
function inferYear(m: number, d: number | undefined, reference: Ymd, past: boolean): number {
  if (reference.m === undefined) return reference.y;
  if (past) {
    const notAfter = d === undefined ? m <= reference.m : m * 100 + d <= reference.m * 100 + (reference.d ?? 31);
    return notAfter ? reference.y : reference.y - 1;
  }
  // Unwritten days count as mid-month; February 29 is measured as the 28th in common years.
  const referenceDay = epochDay(reference.y, reference.m, reference.d ?? 15);
  let best = reference.y;
  let bestDistance = Math.abs(epochDay(best, m, d ?? 15) - referenceDay);
  for (const y of [reference.y - 1, reference.y + 1]) {
    const distance = Math.abs(epochDay(y, m, d ?? 15) - referenceDay);
    if (distance < bestDistance || (distance === bestDistance && y < best)) {
      best = y;
      bestDistance = distance;
    }
  }
  return best;
}

function epochDay(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, Math.min(d, daysIn(y, m))) / 86_400_000;
}

/** Days from the reference's weekday to the wanted one: on or before, strictly before or after, or in the same Monday–Sunday week. */
function weekdayShift(from: number, to: number, mode: WeekdayMode): number {
  switch (mode) {
    case 'onOrBefore':
      return -((from - to + 7) % 7);
    case 'before':
      return -((from - to + 7) % 7 || 7);
    case 'after':
      return (to - from + 7) % 7 || 7;
    case 'sameWeek':
      return ((to + 6) % 7) - ((from + 6) % 7);
  }
}

function weekdayOf(date: Ymd): number {
  return new Date(Date.UTC(date.y, (date.m ?? 1) - 1, date.d ?? 1)).getUTCDay();
}

function shiftDays(date: Ymd, days: number): Ymd {
  const shifted = new Date(Date.UTC(date.y, (date.m ?? 1) - 1, (date.d ?? 1) + days));
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

/** The interval from first to last (a single date when last is absent); undefined if either is off the calendar. */
function checked(first: Ymd, last: Ymd = first): Interval | undefined {
  return isValidYmd(first) && isValidYmd(last) ? { first, last } : undefined;
}

function isValidYmd(date: Ymd): boolean {
  return isValidDate(date.y, date.m ?? 1, date.d ?? 1);
}

function compareYmd(a: Ymd, b: Ymd): number {
  return a.y * 10000 + (a.m ?? 0) * 100 + (a.d ?? 0) - (b.y * 10000 + (b.m ?? 0) * 100 + (b.d ?? 0));
}

function formatYmd(date: Ymd): string {
  const year = String(date.y);
  if (date.m === undefined) return year;
  const month = year + twoDigits[date.m];
  return date.d === undefined ? month : month + twoDigits[date.d];
}

/** "-01" to "-31", indexed by number: months and days are formatted once per mention, so look them up. */
const twoDigits: readonly string[] = Array.from({ length: 32 }, (_, n) => (n < 10 ? `-0${n}` : `-${n}`));

function formatInterval(first: Ymd, last: Ymd): string {
  const single = first === last || (first.y === last.y && first.m === last.m && first.d === last.d);
  return single ? formatYmd(first) : `${formatYmd(first)}/${formatYmd(last)}`;
}
