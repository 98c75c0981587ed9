/**
 * Citation markers in an article and the reference entries they point to.
 *
 * Markers. A marker is a bracket group of citation numbers 1–999 — `[1]`, `[1, 2]`, `[1; 4]`, `[1-3]`,
 * `[1–3]` — or a Markdown footnote reference `[^label]` (letters, digits, `-`, `_`). Only the bracket's
 * content decides, so a marker may follow a word directly (`issues[3].`) while `[sic]`, `extend[ing]`,
 * `[Ed.]` and `[x]` never are markers. `[0]`, `[01]` and numbers over 999 are indices or years, not
 * citations. Never markers either: brackets in code (fenced blocks, `inline code`), escaped `\[1]`,
 * Markdown links `[1](url)`, and the label of a reference-style link `[text][1]` — a group directly after
 * `]` counts only when the group before it was a citation too (`[1][2]`). A single-label group's marker
 * spans the whole group; in a multi-label group each number is its own marker, and the labels a range
 * implies (`2` in `[1–3]`) span its dash, so hover and go-to-definition work per label.
 *
 * References. A numbered entry is a line opening with `[n]` (or `[n]:`; up to three spaces of indent)
 * followed by text; a footnote definition is a line opening with `[^label]:`. An entry runs on over
 * following non-blank lines, and over indented lines after blank ones, until a blank line, another entry
 * or a heading. Footnote definitions are always references. Numbered entries are references when they
 * form the reference list: the block of entries, blank lines and reference headings that ends with the
 * last entry in the text, plus every entry after a heading such as `References`, `Notes`, `Sources` or
 * `Kaynakça`. An earlier body paragraph that happens to open with a marker (`[2] is cited below`) stays
 * text. `[n]: <url>` alone is a Markdown link definition (converted articles carry lists of them for
 * `[text][n]` links), neither entry nor marker. Markers inside entries are not citations. Labels match
 * exactly: `[1]` and `[^1]` are different labels, and so are `[^Note]` and `[^note]`.
 *
 * Fields. The title is the first quoted text (“…”, "…", «…») before the URL; a closing quote with no
 * opening one (`[3]Strategy …”`) makes it run from the entry's start, and an opening quote never closed
 * makes it run to the next comma, both with an `unbalanced-quotes` warning. The outlet is what stands
 * between the title and the URL or access date. The URL is the entry's first, whatever its scheme:
 * consumers link only http, https and mailto, and other schemes get `unsafe-url`. The access date follows
 * "Access Date:", "Accessed (on)", "Retrieved (on)" or "Erişim Tarihi"; numeric dates are year-first
 * (2024-02-06) or else day-first (06.02.2024 is 6 February). Impossible dates and dates before 1990 (no
 * web source is that old) are `invalid-access-date`. Markdown footnotes are often asides, so the URL and
 * access-date checks apply to them only when they quote a title; a URL without an access date is merely
 * `information`, since not every online source needs one.
 */
import type { CitationAnalysis, CitationMarker, Reference } from './model';
import { LineIndex } from './text';
import { neverCancelled, throwIfCancelled, type CancellationToken, type Finding, type Severity, type Span } from './types';
import { findUrls, isSafeLinkTarget, urlScheme } from './urls';

/** Identifies what a marker cites: `[1]` and `[^1]` are different notes. */
export function citationKey(citation: { label: string; footnote: boolean }): string {
  return citation.footnote ? `^${citation.label}` : citation.label;
}

/** `lines` may be passed when the caller has already indexed the text's lines. */
export function analyzeCitations(text: string, token: CancellationToken = neverCancelled, lines: LineIndex = new LineIndex(text)): CitationAnalysis {
  const layout = scanLines(text, lines, token);
  const entries = extendEntries(layout);
  const listLine = entries.length ? numberedListLine(layout, entries) : 0;
  const findings: Finding[] = [];
  const references: Reference[] = [];
  const dateReadings: DateReadings = new Map();
  let firstReferenceLine = -1;
  for (const entry of entries) {
    if (!entry.footnote && entry.line < listLine) continue;
    if ((references.length & 0xff) === 0) throwIfCancelled(token);
    if (firstReferenceLine < 0) firstReferenceLine = entry.line;
    references.push(parseReference(text, entry, dateReadings, findings));
  }
  const markers = findMarkers(text, layout.excluded, references, token);
  checkLabels(markers, references, findings);
  checkCitationOrder(markers, findings);
  checkNumbering(references, findings);
  findings.sort((a, b) => a.start - b.start);
  const analysis: CitationAnalysis = { markers, references, findings };
  if (firstReferenceLine >= 0) {
    const top = blockTop(layout, firstReferenceLine);
    const start = skipBlanks(text, layout.lines.lineStart(top), layout.lines.lineEnd(top));
    analysis.referenceList = { start, end: references.reduce((last, r) => Math.max(last, r.end), 0) };
  }
  return analysis;
}

// ---- Lines: code, headings, entry heads ---------------------------------------------------------

/** `referenceHeading` opens a reference list (References, Notes…); `heading` is any other Markdown heading. */
type LineKind = 'text' | 'blank' | 'entry' | 'continuation' | 'referenceHeading' | 'heading' | 'code' | 'linkDefinition';

/** A reference entry: the label opening its first line, and where its last line ends. */
interface Entry {
  line: number;
  label: string;
  footnote: boolean;
  labelSpan: Span;
  /** End of the entry's last line, before its line break; set once the entry's extent is known. */
  end: number;
}

interface Layout {
  lines: LineIndex;
  kinds: LineKind[];
  entries: Entry[];
  /** Code and Markdown link definitions, sorted and disjoint: no markers there. */
  excluded: Span[];
  /** The first reference heading's line, or -1. */
  firstHeadingLine: number;
}

const entryHead = /[ \t\uFEFF]{0,3}\[(?:\^([\p{L}\p{N}_-]{1,100})\]:|([1-9]\d{0,2})\](:?))/uy;
// The rest of a `[n]:` line that makes it a Markdown link definition: one destination, an optional title.
const linkDestination = /^[ \t]*<?([^\s<>]+)>?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/;
const referenceHeadingWords = ['references?', 'reference list', 'notes', 'end ?notes', 'foot ?notes', 'sources', 'bibliography', 'works cited', 'citations', 'kaynakça', 'kaynaklar', 'dipnotlar', 'notlar'];
// A whole line: the word, optionally as a Markdown heading, in bold, or followed by a colon.
const referenceHeading = new RegExp(String.raw`^(?:#{1,6}[ \t]+)?(?:\*\*|__)?(?:${referenceHeadingWords.join('|')})[ \t]*:?(?:\*\*|__)?[ \t]*:?[ \t]*#*$`, 'iu');
const maxHeadingLength = 60;
const markdownHeading = /^#{1,6}(?:[ \t]|$)/;

function scanLines(text: string, lines: LineIndex, token: CancellationToken): Layout {
  const kinds = new Array<LineKind>(lines.lineCount);
  const entries: Entry[] = [];
  const excluded: Span[] = [];
  let firstHeadingLine = -1;
  let fence: { char: number; length: number; start: number } | undefined;
  let nextBacktick = text.indexOf('`');
  for (let line = 0; line < lines.lineCount; line++) {
    if ((line & 0xfff) === 0) throwIfCancelled(token);
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const first = skipBlanks(text, start, end);
    if (fence) {
      kinds[line] = 'code';
      if (closesFence(text, first - start, first, end, fence)) {
        excluded.push({ start: fence.start, end });
        fence = undefined;
      }
      continue;
    }
    if (first === end) {
      kinds[line] = 'blank';
      continue;
    }
    const opening = first - start <= 3 ? openingFence(text, first, end) : undefined;
    if (opening) {
      fence = { ...opening, start };
      kinds[line] = 'code';
      continue;
    }
    const head = text.charCodeAt(first) === 0x5b /* [ */ ? classifyBracketLine(text, line, start, first, end) : undefined;
    if (head === 'linkDefinition') {
      kinds[line] = head;
      excluded.push({ start, end });
      continue;
    }
    if (head) {
      entries.push(head);
      kinds[line] = 'entry';
    } else if (end - first <= maxHeadingLength && referenceHeading.test(text.slice(first, end))) {
      kinds[line] = 'referenceHeading';
      if (firstHeadingLine < 0) firstHeadingLine = line;
    } else {
      const section = text.charCodeAt(first) === 0x23 /* # */ && markdownHeading.test(text.slice(first, Math.min(end, first + 8)));
      kinds[line] = section ? 'heading' : 'text';
    }
    if (nextBacktick >= 0 && nextBacktick < start) nextBacktick = text.indexOf('`', start);
    if (nextBacktick >= 0 && nextBacktick < end) addInlineCode(text, nextBacktick, end, excluded);
  }
  if (fence) excluded.push({ start: fence.start, end: text.length });
  return { lines, kinds, entries, excluded, firstHeadingLine };
}

/** An entry head, a Markdown link definition, or nothing special (a line that merely starts with `[`). */
function classifyBracketLine(text: string, line: number, start: number, first: number, end: number): Entry | 'linkDefinition' | undefined {
  entryHead.lastIndex = start;
  const match = entryHead.exec(text);
  if (!match) return undefined;
  const labelEnd = start + match[0].length;
  const labelSpan = { start: first, end: labelEnd };
  if (match[1] !== undefined) return { line, label: match[1], footnote: true, labelSpan, end };
  const rest = text.slice(labelEnd, end);
  if (match[3]) {
    const destination = linkDestination.exec(rest);
    if (destination && /[/:#]/.test(destination[1])) return 'linkDefinition';
  } else if (rest.startsWith('(') || rest.startsWith('[')) {
    return undefined; // a Markdown link, or a marker group like [1][2]
  }
  return rest.trim() ? { line, label: match[2], footnote: false, labelSpan, end } : undefined;
}

function isBlankUnit(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0xa0 || unit === 0xfeff || unit === 0x0b || unit === 0x0c;
}

function isWhitespaceUnit(unit: number): boolean {
  return isBlankUnit(unit) || unit === 0x0a || unit === 0x0d;
}

function skipBlanks(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && isBlankUnit(text.charCodeAt(at))) at++;
  return at;
}

function fenceRun(text: string, from: number, end: number, char: number): number {
  let at = from;
  while (at < end && text.charCodeAt(at) === char) at++;
  return at - from;
}

function closesFence(text: string, indent: number, first: number, end: number, fence: { char: number; length: number }): boolean {
  const length = fenceRun(text, first, end, fence.char);
  return indent <= 3 && length >= fence.length && skipBlanks(text, first + length, end) === end;
}

/** A ``` or ~~~ fence opening (a backtick fence's info string may not contain backticks). */
function openingFence(text: string, first: number, end: number): { char: number; length: number } | undefined {
  const char = text.charCodeAt(first);
  if (char !== 0x60 /* ` */ && char !== 0x7e /* ~ */) return undefined;
  const length = fenceRun(text, first, end, char);
  if (length < 3) return undefined;
  if (char === 0x60) {
    for (let at = first + length; at < end; at++) if (text.charCodeAt(at) === 0x60) return undefined;
  }
  return { char, length };
}

/**
 * Inline code spans on one line, from its first backtick: a run of backticks opens a span that the next
 * run of the same length closes (CommonMark, kept to the line). Linear: for each run the next run of
 * equal length is found from a right-to-left table.
 */
function addInlineCode(text: string, from: number, end: number, out: Span[]): void {
  const runs: Span[] = [];
  for (let at = from; at < end; ) {
    if (text.charCodeAt(at) !== 0x60) {
      at++;
      continue;
    }
    const length = fenceRun(text, at, end, 0x60);
    runs.push({ start: at, end: at + length });
    at += length;
  }
  const nextSameLength = new Array<number>(runs.length);
  const latest = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i].end - runs[i].start;
    nextSameLength[i] = latest.get(length) ?? -1;
    latest.set(length, i);
  }
  for (let i = 0; i < runs.length; ) {
    const closer = nextSameLength[i];
    if (closer < 0) {
      i++;
      continue;
    }
    out.push({ start: runs[i].start, end: runs[closer].end });
    i = closer + 1;
  }
}

// ---- Entries and the reference list -------------------------------------------------------------

/**
 * Each head's entry runs over lazy continuation lines, and over indented lines after blank ones. Marks
 * those lines `continuation`, which is how referenceList tells the list's lines from prose.
 */
function extendEntries({ lines, kinds, entries }: Layout): Entry[] {
  for (const entry of entries) {
    let last = entry.line;
    for (let line = entry.line + 1; line < kinds.length; ) {
      if (kinds[line] === 'text') {
        kinds[line] = 'continuation';
        last = line++;
        continue;
      }
      if (kinds[line] !== 'blank') break;
      let next = line;
      while (next < kinds.length && kinds[next] === 'blank') next++;
      if (next === kinds.length || kinds[next] !== 'text' || !isIndented(lines.text, lines.lineStart(next))) break;
      line = next;
    }
    entry.end = lines.lineEnd(last);
  }
  return entries;
}

function isIndented(text: string, lineStart: number): boolean {
  return text.charCodeAt(lineStart) === 0x09 || text.startsWith('    ', lineStart);
}

/** The first line of the block holding `line`: walking back over blank lines, reference headings and entries. */
function blockTop({ kinds }: Layout, line: number): number {
  let top = line;
  for (let above = line - 1; above >= 0; above--) {
    const kind = kinds[above];
    if (kind === 'blank') continue;
    if (kind !== 'referenceHeading' && kind !== 'entry' && kind !== 'continuation') break;
    top = above;
  }
  return top;
}

/**
 * Where numbered references begin: the block that ends with the last entry, or an earlier reference
 * heading. Numbered entries above it are prose paragraphs that happen to open with a marker.
 */
function numberedListLine(layout: Layout, entries: Entry[]): number {
  const top = blockTop(layout, entries[entries.length - 1].line);
  return layout.firstHeadingLine >= 0 ? Math.min(top, layout.firstHeadingLine) : top;
}

// ---- Parsing one entry --------------------------------------------------------------------------

function parseReference(text: string, entry: Entry, dateReadings: DateReadings, findings: Finding[]): Reference {
  const bodyStart = skipWhitespace(text, entry.labelSpan.end, entry.end);
  const body = text.slice(bodyStart, entry.end);
  const reference: Reference = { start: entry.labelSpan.start, end: entry.end, label: entry.label, footnote: entry.footnote, labelSpan: entry.labelSpan, body };
  const label = display(entry.label, entry.footnote);
  const noun = entry.footnote ? 'footnote' : 'reference';
  const at = (span: Span): Span => ({ start: bodyStart + span.start, end: bodyStart + span.end });

  const urls = findEntryUrls(body);
  const title = findTitle(body, urls.length ? urls[0].start : body.length);
  if (title?.text) reference.title = title.text;
  if (title?.unbalanced) {
    const problem = title.unbalanced.missing === 'opening' ? 'has a closing quote but no opening quote' : 'opens a quote that is never closed';
    findings.push(finding(at(title.unbalanced), 'unbalanced-quotes', 'warning', `The title of ${noun} ${label} ${problem}.`));
  }
  const access = findAccessDate(body, title?.end ?? 0, urls, dateReadings);
  if (title) {
    const outlet = cleanOutlet(body.slice(title.end, Math.min(urls[0]?.start ?? body.length, access?.keywordStart ?? body.length)));
    if (outlet) reference.outlet = outlet;
  }
  if (urls.length) {
    reference.url = body.slice(urls[0].start, urls[0].end);
    reference.urlSpan = at(urls[0]);
  }
  for (const url of urls) {
    const target = body.slice(url.start, url.end);
    if (isSafeLinkTarget(target)) continue;
    const message = `The URL of ${noun} ${label} uses the ${urlScheme(target)}: scheme, so it stays plain text; only http, https and mailto links open.`;
    findings.push(finding(at(url), 'unsafe-url', 'warning', message));
  }
  if (access && 'iso' in access.date) reference.accessed = access.date.iso;
  if (access && 'problem' in access.date) {
    const written = body.slice(access.dateSpan.start, access.dateSpan.end);
    const why = access.date.problem === 'impossible' ? 'is not a real calendar date' : 'is before 1990, which is almost certainly a typo';
    findings.push(finding(at(access.dateSpan), 'invalid-access-date', 'warning', `The access date ${written} of ${noun} ${label} ${why}.`));
  }
  // Footnotes are often asides rather than sources: hold them to the source rules only when they name a title.
  if (!entry.footnote || reference.title) {
    const name = `${entry.footnote ? 'Footnote' : 'Reference'} ${label}`;
    if (!urls.length) findings.push(finding(entry.labelSpan, 'reference-missing-url', 'warning', `${name} has no URL.`));
    else if (!access) findings.push(finding(entry.labelSpan, 'reference-missing-access-date', 'information', `${name} gives a URL but no access date.`));
  }
  return reference;
}

function skipWhitespace(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && isWhitespaceUnit(text.charCodeAt(at))) at++;
  return at;
}

// Schemes without `//` that findUrls does not see but that must not pass unnoticed.
const opaqueUnsafeUrl = /(?<![\p{L}\p{N}])(?:javascript:|vbscript:|command:(?=\p{L})|vscode(?:-insiders)?:(?=\p{L})|file:(?=\/)|data:(?=[a-z]+\/))(?!\/\/)[^\s<>"“”]+/iuy;
const opaqueSchemes = ['vscode-insiders', 'javascript', 'vbscript', 'command', 'vscode', 'file', 'data'];
/**
 * Where each of those schemes starts before its colon and the ASCII letter it starts with (no other
 * character folds to v, j, c, f or d), farthest first so that the leftmost match wins (`javaſcript`, which
 * the pattern accepts too, is as long). The pattern is tried only where a scheme could start.
 */
const opaqueSchemeHeads = opaqueSchemes.map((scheme) => ({ length: scheme.length, first: scheme.charCodeAt(0) })).sort((a, b) => b.length - a.length);
/** The last letters of those schemes: a colon after any other character starts none of them. */
const opaqueSchemeEnds = new Set(opaqueSchemes.map((scheme) => scheme.charCodeAt(scheme.length - 1)));

/** Every URL in an entry's body, in order: the hierarchical ones findUrls sees, plus opaque unsafe ones. */
function findEntryUrls(body: string): Span[] {
  const urls = findUrls(body);
  const first = urls.length;
  // Like findUrls, jump from colon to colon and try the pattern where a scheme would start, rather
  // than at every position. Matches do not overlap, as with a global pattern.
  let searchFrom = 0;
  for (let colon = body.indexOf(':'); colon >= 0; colon = body.indexOf(':', Math.max(colon + 1, searchFrom))) {
    if (!opaqueSchemeEnds.has(body.charCodeAt(colon - 1) | 0x20)) continue;
    for (const { length, first } of opaqueSchemeHeads) {
      const start = colon - length;
      if (start < searchFrom || (body.charCodeAt(start) | 0x20) !== first) continue;
      opaqueUnsafeUrl.lastIndex = start;
      const match = opaqueUnsafeUrl.exec(body);
      if (!match) continue;
      let end = match.index + match[0].length;
      searchFrom = end;
      while (end > match.index && ".,;:!?'’".includes(body[end - 1])) end--;
      urls.push({ start: match.index, end });
      break;
    }
  }
  return urls.length > first ? urls.sort((a, b) => a.start - b.start) : urls;
}

interface Title {
  text: string;
  /** Offset in the body just after the title (its closing quote, if any). */
  end: number;
  unbalanced?: Span & { missing: 'opening' | 'closing' };
}

const anyQuote = /[“”"«»]/g;
const closingQuotes: Readonly<Record<string, RegExp>> = { '“': /”/g, '"': /["”]/g, '«': /»/g };

/**
 * The quoted title before `limit` (the first URL). A closing quote with no opening one (`Strategy …”`)
 * makes the title run from the entry's start; an opening quote never closed makes it run to the next comma.
 */
function findTitle(body: string, limit: number): Title | undefined {
  anyQuote.lastIndex = 0;
  const open = anyQuote.exec(body)?.index ?? -1;
  if (open < 0 || open >= limit) return undefined;
  const quote = body[open];
  if (quote === '”' || quote === '»') {
    return { text: cleanTitle(body.slice(0, open)), end: open + 1, unbalanced: { start: 0, end: open + 1, missing: 'opening' } };
  }
  const closing = closingQuotes[quote];
  closing.lastIndex = open + 1;
  const close = closing.exec(body)?.index ?? -1;
  if (close >= 0 && close < limit) return { text: cleanTitle(body.slice(open + 1, close)), end: close + 1 };
  const comma = body.indexOf(',', open + 1);
  const end = comma >= 0 && comma < limit ? comma : limit;
  return { text: cleanTitle(body.slice(open + 1, end)), end, unbalanced: { start: open, end, missing: 'closing' } };
}

// Whitespace that collapse would change inside the text: any but a space, or two in a row.
const uncollapsed = /[^\S ]| {2}/;

function collapse(text: string): string {
  // Most titles and outlets are one line with single spaces: testing is cheaper than replacing.
  return (uncollapsed.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

function trimUnits(text: string, leading: string, trailing: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && leading.includes(text[start])) start++;
  while (end > start && trailing.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** A title as shown: one line, without the comma US style puts inside the quotes. */
function cleanTitle(raw: string): string {
  return trimUnits(collapse(raw), ' ', ' ,;:');
}

const leadIn = /(?:available (?:at|from|online)|retrieved from|online|url|link) ?:?$/i;

/**
 * The text between title and URL (or access date), without separators, an "Available at:" lead-in or a
 * closing full stop — unless the last word is an abbreviation with stops of its own (U.S.).
 */
function cleanOutlet(raw: string): string | undefined {
  const separatorsBefore = ' ,;:.)]–—-';
  const separatorsAfter = ' ,;:([–—-';
  const outlet = trimUnits(trimUnits(collapse(raw), separatorsBefore, separatorsAfter).replace(leadIn, ''), separatorsBefore, separatorsAfter);
  const lastWord = outlet.slice(outlet.lastIndexOf(' ') + 1);
  const stop = lastWord.endsWith('.') && lastWord.indexOf('.') === lastWord.length - 1;
  return (stop ? outlet.slice(0, -1) : outlet) || undefined;
}

// ---- Access dates -------------------------------------------------------------------------------

type DateReading = { iso: string } | { problem: 'impossible' | 'too-early' };

/** Written access dates already read. A reference list tends to give all its entries the same one. */
type DateReadings = Map<string, DateReading | undefined>;

interface AccessDate {
  keywordStart: number;
  dateSpan: Span;
  date: DateReading;
}

const ordinal = String.raw`(?:st|nd|rd|th)?`;
const datePatterns = [
  String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`,
  String.raw`\d{1,2}[-/.]\d{1,2}[-/.]\d{4}`,
  String.raw`\d{1,2}${ordinal}\s{1,3}(?:of\s{1,3})?\p{L}{3,10}\.?,?\s{1,3}\d{4}`,
  String.raw`\p{L}{3,10}\.?\s{1,3}\d{1,2}${ordinal},?\s{1,3}\d{4}`,
];
const accessKeyword = String.raw`(?:last\s{1,3})?access(?:ed)?(?:\s{1,3}(?:date|on))?|retrieved(?:\s{1,3}on)?|erişim(?:\s{1,3}tarihi)?`;
// The keyword must not continue a word ("inaccessible"). That is checked on each match with
// `wordBefore` rather than by a lookbehind in `accessDate`, which would run at every position of the body
// and double the search's cost. The date is the match's last part (only a lookahead follows), so its span
// needs no `d` flag, which would make every match compute the indices of all groups.
const accessDate = new RegExp(String.raw`(?:${accessKeyword})\s{0,3}[:.]?\s{0,3}(${datePatterns.join('|')})(?![\p{N}])`, 'giu');
const wordBefore = /(?<=[\p{L}\p{N}])/uy;

/** The first "Access Date: …", "Accessed …", "Retrieved …" after `from` whose date text reads as a date. */
function findAccessDate(body: string, from: number, urls: readonly Span[], readings: DateReadings): AccessDate | undefined {
  accessDate.lastIndex = from;
  for (let match; (match = accessDate.exec(body)); ) {
    const start = match.index;
    wordBefore.lastIndex = start;
    if (wordBefore.test(body)) {
      // No match at this position; go on from the next one (every keyword starts with a letter of one
      // code unit), where the lookbehind would have let the search go on too.
      accessDate.lastIndex = start + 1;
      continue;
    }
    if (urls.some((url) => url.start <= start && start < url.end)) continue;
    const written = match[1];
    if (!readings.has(written)) readings.set(written, readDate(written));
    const date = readings.get(written);
    const end = start + match[0].length;
    if (date) return { keywordStart: start, dateSpan: { start: end - written.length, end }, date };
  }
  return undefined;
}

const months: ReadonlyMap<string, number> = new Map(
  [
    ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
    ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
    ['ocak'], ['şubat'], ['mart'], ['nisan'], ['mayıs'], ['haziran'], ['temmuz'], ['ağustos'], ['eylül'], ['ekim'], ['kasım'], ['aralık'],
  ].flatMap((names, index) => names.map((name): [string, number] => [name, (index % 12) + 1])),
);

const numericDate = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$/;
const dayFirstDate = /^(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<month>\p{L}+)\.?,?\s+(?<year>\d{4})$/iu;
const monthFirstDate = /^(?<month>\p{L}+)\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})$/iu;

/** Numeric dates are year-first (ISO) or day-first (06.02.2024 is 6 February); undefined when not a date. */
function readDate(written: string): DateReading | undefined {
  const numeric = numericDate.exec(written);
  if (numeric) {
    const [, a, b, c] = numeric;
    return a.length === 4 ? checkedDate(+a, +b, +c) : checkedDate(+c, +b, +a);
  }
  const words = dayFirstDate.exec(written) ?? monthFirstDate.exec(written);
  const { day, month: monthName, year } = words?.groups ?? {};
  const month = monthName === undefined ? undefined : months.get(monthName.toLowerCase());
  return month === undefined ? undefined : checkedDate(Number(year), month, Number(day));
}

// Sources on the web before 1990 do not exist; such an access date is a typo.
const earliestAccessYear = 1990;

function checkedDate(year: number, month: number, day: number): DateReading {
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > daysInMonth) return { problem: 'impossible' };
  if (year < earliestAccessYear) return { problem: 'too-early' };
  return { iso: `${year}-${twoDigits(month)}-${twoDigits(day)}` };
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// ---- Markers ------------------------------------------------------------------------------------

const citationNumber = String.raw`[1-9]\d{0,2}`;
const rangeDash = '[-‐‑–—]';
const citationItem = `${citationNumber}(?: ?${rangeDash} ?${citationNumber})?`;
const citationGroup = new RegExp(String.raw`\[(?:\^([\p{L}\p{N}_-]{1,100})|(${citationItem}(?: ?[,;] ?${citationItem})*))\]`, 'gu');
const groupItem = new RegExp(`(${citationNumber})(?: ?${rangeDash} ?(${citationNumber}))?`, 'dgu');
// Wider ranges are not citations (nobody cites a hundred sources at once) and would flood the markers.
const maxRangeLength = 100;

/** Walks sorted, disjoint spans alongside offsets that never decrease. */
class SpanCursor {
  private index = 0;

  constructor(private readonly spans: readonly Span[]) {}

  containing(offset: number): Span | undefined {
    while (this.index < this.spans.length && this.spans[this.index].end <= offset) this.index++;
    const span = this.spans[this.index];
    return span && span.start <= offset ? span : undefined;
  }
}

function findMarkers(text: string, excluded: readonly Span[], references: readonly Span[], token: CancellationToken): CitationMarker[] {
  const markers: CitationMarker[] = [];
  const code = new SpanCursor(excluded);
  const entries = new SpanCursor(references);
  let previousGroupEnd = -1;
  let count = 0;
  citationGroup.lastIndex = 0;
  for (let match; (match = citationGroup.exec(text)); ) {
    if ((++count & 0x7ff) === 0) throwIfCancelled(token);
    const start = match.index;
    const end = start + match[0].length;
    const skip = code.containing(start) ?? entries.containing(start);
    if (skip) {
      citationGroup.lastIndex = skip.end;
      continue;
    }
    const before = text.charCodeAt(start - 1);
    const linkLabel = before === 0x5d /* ] */ && start !== previousGroupEnd;
    if (before === 0x5c /* \ */ || linkLabel || text.charCodeAt(end) === 0x28 /* ( */) continue;
    const [, footnoteLabel, numbers] = match;
    // A lone label, by far the commonest marker, spans its whole group.
    const lone = footnoteLabel ?? (/^\d+$/.test(numbers) ? numbers : undefined);
    if (lone !== undefined) markers.push({ start, end, label: lone, footnote: footnoteLabel !== undefined });
    else if (!addGroup(numbers, start + 1, markers)) continue;
    previousGroupEnd = end;
  }
  return markers;
}

/**
 * The markers of a group like `[1, 3–5]`: one per label, on its number; the labels a range implies span
 * its dash. Adds nothing and returns false for a reversed or overlong range.
 */
function addGroup(content: string, offset: number, markers: CitationMarker[]): boolean {
  const group: CitationMarker[] = [];
  for (const item of content.matchAll(groupItem)) {
    const first = item.indices![1];
    group.push({ start: offset + first[0], end: offset + first[1], label: item[1], footnote: false });
    const last = item.indices![2];
    if (!last) continue;
    const from = Number(item[1]);
    const to = Number(item[2]);
    if (to <= from || to - from > maxRangeLength) return false;
    for (let label = from + 1; label < to; label++) group.push({ start: offset + first[1], end: offset + last[0], label: String(label), footnote: false });
    group.push({ start: offset + last[0], end: offset + last[1], label: item[2], footnote: false });
  }
  for (const marker of group) markers.push(marker);
  return true;
}

// ---- Diagnostics --------------------------------------------------------------------------------

function finding(span: Span, code: string, severity: Severity, message: string): Finding {
  return { start: span.start, end: span.end, code, severity, message };
}

function display(label: string, footnote: boolean): string {
  return footnote ? `[^${label}]` : `[${label}]`;
}

/** Undefined citations, duplicate entries and entries nothing cites. */
function checkLabels(markers: readonly CitationMarker[], references: readonly Reference[], findings: Finding[]): void {
  const firstEntry = new Map<string, Reference>();
  for (const reference of references) {
    const key = citationKey(reference);
    if (!firstEntry.has(key)) {
      firstEntry.set(key, reference);
      continue;
    }
    const label = display(reference.label, reference.footnote);
    const message = `${reference.footnote ? 'Footnote' : 'Reference'} ${label} is defined more than once; citations of ${label} go to the first entry.`;
    findings.push(finding(reference.labelSpan, 'duplicate-reference', 'error', message));
  }
  const cited = new Set<string>();
  for (const marker of markers) {
    const key = citationKey(marker);
    cited.add(key);
    if (firstEntry.has(key)) continue;
    const message = marker.footnote
      ? `Footnote ${display(marker.label, true)} has no definition.`
      : `Citation ${display(marker.label, false)} has no entry in the reference list.`;
    findings.push(finding(marker, 'undefined-citation', 'error', message));
  }
  for (const [key, reference] of firstEntry) {
    if (cited.has(key)) continue;
    const message = `${reference.footnote ? 'Footnote' : 'Reference'} ${display(reference.label, reference.footnote)} is not cited anywhere in the text.`;
    findings.push(finding(reference.labelSpan, 'unused-reference', 'warning', message));
  }
}

/**
 * Numbered citations are normally first cited in ascending order. A label whose first citation comes
 * before a smaller label's first citation is out of order: [9] in 9, 1, 2 … 8, not each of 1 … 8.
 */
function checkCitationOrder(markers: readonly CitationMarker[], findings: Finding[]): void {
  const firstUses: CitationMarker[] = [];
  const seen = new Set<string>();
  for (const marker of markers) {
    if (marker.footnote || seen.has(marker.label)) continue;
    seen.add(marker.label);
    firstUses.push(marker);
  }
  let smallestAfter = Infinity;
  for (let i = firstUses.length - 1; i >= 0; i--) {
    const label = Number(firstUses[i].label);
    if (label > smallestAfter) {
      const message = `Citation [${label}] is first cited before [${smallestAfter}]; numbered citations are usually first cited in ascending order.`;
      findings.push(finding(firstUses[i], 'citation-order', 'information', message));
    }
    smallestAfter = Math.min(smallestAfter, label);
  }
}

/** Numbers the reference list skips, reported on the entry after each gap. */
function checkNumbering(references: readonly Reference[], findings: Finding[]): void {
  // The sort is stable, so of a repeated number (reported as a duplicate) the first entry counts.
  const numbered = references.filter((reference) => !reference.footnote).sort((a, b) => Number(a.label) - Number(b.label));
  let previous = 0;
  for (const reference of numbered) {
    const number = Number(reference.label);
    if (number === previous) continue;
    if (number > previous + 1) {
      const missing = number - previous === 2 ? `[${previous + 1}] is` : `[${previous + 1}]–[${number - 1}] are`;
      const message = previous
        ? `The reference list jumps from [${previous}] to [${number}]; ${missing} missing.`
        : `The reference list starts at [${number}]; ${missing} missing.`;
      findings.push(finding(reference.labelSpan, 'numbering-gap', 'warning', message));
    }
    previous = number;
  }
}
