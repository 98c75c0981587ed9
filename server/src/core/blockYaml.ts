/**
 * A fast reader for the plain block YAML that annotation and notes files are written in: block mappings
 * with plain keys, block sequences, one-line plain and quoted scalars, one-line flow sequences of
 * scalars, and comments. It builds the nodes the yaml package composes, with the same values and ranges,
 * about fifteen times faster, which matters because every annotation file is read at every start.
 *
 * It returns undefined (and the caller composes the file with the yaml package, which recovers from
 * errors and reports them precisely) for anything else: anchors, aliases, tags, block and multi-line
 * scalars, flow mappings, explicit or quoted keys, document markers and directives, tabs, repeated keys,
 * empty sequence items, lone CRs, and every kind of malformed text. Giving up is always safe, so every rule below
 * errs that way; a property test checks that whatever it accepts reads exactly as the yaml package reads it.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** Gives up on collections nested deeper than this; the yaml path then decides whether it is too deep. */
const maxDepth = 60;

/** Keys the reader accepts; anything else (quoted keys, spaces, punctuation) goes the slow way. */
const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Characters that may not begin a plain scalar here (YAML indicators); a value starting with one gives up. */
const indicators = new Set('-?:,[]{}#&*!|>\'"%@`');

class GiveUp extends Error {}

const giveUp = (): never => {
  throw new GiveUp();
};

/** The root node of a file in the plain block subset (null for a file of only comments), or undefined for any other file. */
export function readBlockYaml(text: string): { root: Node | null } | undefined {
  // Tabs, a byte-order mark and a line break that is a lone CR each have rules of their own: the yaml package's.
  if (text.includes('\t') || text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text)) return undefined;
  try {
    return { root: new BlockReader(text).read() };
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class BlockReader {
  /** Per content line (not blank, not only a comment): where it starts, where its content starts, where it ends. */
  private readonly lineStarts: number[] = [];
  private readonly contentStarts: number[] = [];
  private readonly lineEnds: number[] = [];
  /** The content line being read. */
  private line = 0;

  constructor(private readonly text: string) {
    for (let start = 0; start <= text.length; ) {
      const newline = text.indexOf('\n', start);
      const next = newline < 0 ? text.length + 1 : newline + 1;
      let end = newline < 0 ? text.length : newline;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let content = start;
      while (content < end && text.charCodeAt(content) === 32) content++;
      const first = text.charCodeAt(content);
      if (content < end && first !== 35 /* # */) {
        // Document markers and directives start in the first column.
        if (content === start && (text.startsWith('---', start) || text.startsWith('...', start) || first === 37 /* % */)) giveUp();
        this.lineStarts.push(start);
        this.contentStarts.push(content);
        this.lineEnds.push(end);
      }
      start = next;
    }
  }

  read(): Node | null {
    if (this.lineStarts.length === 0) return null;
    const root = this.block(this.column(0), this.contentStarts[0], 0);
    if (this.line < this.lineStarts.length) giveUp();
    return root;
  }

  private column(line: number): number {
    return this.contentStarts[line] - this.lineStarts[line];
  }

  private columnOf(offset: number): number {
    return offset - this.lineStarts[this.line];
  }

  /** The block collection whose first entry is at `at` on the current line, `column` wide of indentation. */
  private block(column: number, at: number, depth: number): YAMLMap | YAMLSeq {
    if (depth > maxDepth) giveUp();
    return this.isSequenceItem(at) ? this.sequence(column, at, depth) : this.mapping(column, at, depth);
  }

  private isSequenceItem(at: number): boolean {
    return this.text.charCodeAt(at) === 45 /* - */ && this.isBlankOrEnd(at + 1);
  }

  private isBlankOrEnd(at: number): boolean {
    return at >= this.lineEnds[this.line] || this.text.charCodeAt(at) === 32;
  }

  /** Whether the current line has nothing but blanks and perhaps a comment from `at`. */
  private restIsEmpty(at: number): boolean {
    const end = this.lineEnds[this.line];
    let i = at;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    // A comment needs a blank before it; `at` is always just after a blank, a colon or a closing quote.
    return i >= end || (this.text.charCodeAt(i) === 35 && (i > at || this.text.charCodeAt(at - 1) === 32));
  }

  private skipBlanks(at: number): number {
    let i = at;
    while (i < this.lineEnds[this.line] && this.text.charCodeAt(i) === 32) i++;
    return i;
  }

  /** Moves to the next content line, which must not be indented deeper than `column` (that would continue a scalar). */
  private endLine(column: number): void {
    this.line++;
    if (this.line < this.lineStarts.length && this.column(this.line) > column) giveUp();
  }

  private mapping(column: number, firstAt: number, depth: number): YAMLMap {
    const map = new YAMLMap();
    const keys = new Set<string>();
    let at = firstAt;
    for (;;) {
      map.items.push(this.entry(column, at, keys, depth));
      if (this.line >= this.lineStarts.length || this.column(this.line) !== column) break;
      at = this.contentStarts[this.line];
      if (this.isSequenceItem(at)) giveUp();
    }
    map.range = structuralRange(firstAt, lastNode(map));
    return map;
  }

  private entry(column: number, at: number, keys: Set<string>, depth: number): Pair<Node, Node> {
    const end = this.lineEnds[this.line];
    const text = this.text;
    let colon = at;
    while (colon < end && !(text.charCodeAt(colon) === 58 /* : */ && (colon + 1 >= end || text.charCodeAt(colon + 1) === 32))) colon++;
    const keyText = text.slice(at, colon);
    if (colon >= end || !plainKey.test(keyText) || keys.has(keyText)) giveUp();
    keys.add(keyText);
    const key = scalar(resolvePlain(keyText), at, colon);
    const valueAt = this.skipBlanks(colon + 1);
    if (!this.restIsEmpty(valueAt)) {
      const value = this.inlineValue(valueAt, column);
      this.endLine(column);
      return new Pair(key, value);
    }
    this.line++;
    if (this.line < this.lineStarts.length) {
      const next = this.contentStarts[this.line];
      const nextColumn = this.column(this.line);
      // A sequence may sit at its key's own indentation ("actors:\n- id: …").
      if (nextColumn > column || (nextColumn === column && this.isSequenceItem(next))) return new Pair(key, this.block(nextColumn, next, depth + 1));
    }
    return new Pair(key, scalar(null, valueAt, valueAt));
  }

  private sequence(column: number, firstAt: number, depth: number): YAMLSeq {
    const seq = new YAMLSeq();
    let at = firstAt;
    for (;;) {
      const itemAt = this.skipBlanks(at + 1);
      if (this.restIsEmpty(itemAt)) {
        this.line++;
        if (this.line >= this.lineStarts.length || this.column(this.line) <= column) giveUp(); // an empty item
        seq.items.push(this.block(this.column(this.line), this.contentStarts[this.line], depth + 1));
      } else if (this.isSequenceItem(itemAt)) {
        giveUp(); // "- - x": a sequence opened inside an item
      } else if (this.startsEntry(itemAt)) {
        seq.items.push(this.mapping(this.columnOf(itemAt), itemAt, depth + 1));
      } else {
        seq.items.push(this.inlineValue(itemAt, column));
        this.endLine(column);
      }
      if (this.line >= this.lineStarts.length || this.column(this.line) !== column) break;
      at = this.contentStarts[this.line];
      if (!this.isSequenceItem(at)) giveUp();
    }
    seq.range = structuralRange(firstAt, seq.items[seq.items.length - 1] as Node);
    return seq;
  }

  /** Whether a mapping entry ("key: …" or "key:") starts at `at`. */
  private startsEntry(at: number): boolean {
    const end = this.lineEnds[this.line];
    const text = this.text;
    const first = text.charCodeAt(at);
    if (indicators.has(text[at]) || first === 32) return false;
    for (let i = at; i < end; i++) {
      if (text.charCodeAt(i) === 58 && (i + 1 >= end || text.charCodeAt(i + 1) === 32)) return true;
      if (text.charCodeAt(i) === 35 && text.charCodeAt(i - 1) === 32) return false;
    }
    return false;
  }

  /**
   * A value that begins on this line: one that ends on it too, with nothing but a comment after it, or
   * a block scalar, whose lines indented deeper than `column` follow.
   */
  private inlineValue(at: number, column: number): Node {
    const text = this.text;
    const end = this.lineEnds[this.line];
    const first = text.charCodeAt(at);
    if (first === 124 /* | */ || first === 62 /* > */) return this.blockScalar(at, column);
    let node: Node;
    let after: number;
    if (first === 34 /* " */ || first === 39 /* ' */) {
      const quoted = this.quoted(at, end);
      node = quoted.node;
      after = quoted.end;
    } else if (first === 91 /* [ */) {
      const flow = this.flowSequence(at, end);
      node = flow.node;
      after = flow.end;
    } else {
      const value = this.plainScalarEnd(at, end, false);
      node = scalar(resolvePlain(text.slice(at, value)), at, value);
      after = value;
    }
    if (!this.restIsEmpty(after)) giveUp();
    return node;
  }

  /**
   * Where a plain scalar starting at `at` ends, trailing blanks excluded: at a comment, the line's end, or
   * in a flow sequence at a comma or bracket. A colon followed by a blank (a nested mapping) gives up.
   */
  private plainScalarEnd(at: number, end: number, inFlow: boolean): number {
    const text = this.text;
    const first = text.charCodeAt(at);
    const second = text.charCodeAt(at + 1);
    // "-x", "?x" and ":x" are plain scalars; any other indicator starts something else.
    if (indicators.has(text[at]) && !((first === 45 || first === 63 || first === 58) && at + 1 < end && second !== 32 && !(inFlow && isFlowIndicator(second)))) giveUp();
    let i = at;
    let valueEnd = at;
    for (; i < end; i++) {
      const unit = text.charCodeAt(i);
      if (unit === 32) continue;
      if (unit === 35 /* # */ && text.charCodeAt(i - 1) === 32) break;
      if (unit === 58 /* : */ && (i + 1 >= end || text.charCodeAt(i + 1) === 32 || (inFlow && isFlowIndicator(text.charCodeAt(i + 1))))) giveUp();
      if (inFlow && isFlowIndicator(unit)) {
        if (unit === 44 /* , */ || unit === 93 /* ] */) break;
        giveUp();
      }
      valueEnd = i + 1;
    }
    return valueEnd;
  }

  /**
   * A literal (|) or folded (>) block scalar with an optional chomping indicator, its header at `at`; its
   * content is the lines after it indented deeper than `column`. Leaves the current line at the scalar's
   * last content line. Indentation indicators, blank lines with more spaces than the content's
   * indentation, and folded lines indented further give up.
   */
  private blockScalar(at: number, column: number): Scalar {
    const text = this.text;
    const folded = text.charCodeAt(at) === 62;
    const chomping = text.charCodeAt(at + 1);
    const keep = chomping === 43; /* + */
    const strip = chomping === 45; /* - */
    if (!this.restIsEmpty(keep || strip ? at + 2 : at + 1) || text.charCodeAt(keep || strip ? at + 2 : at + 1) === 35) giveUp();
    const lines: string[] = [];
    let indent = -1;
    let widestLeadingBlank = 0;
    let contentEnd = -1;
    let stop = text.length;
    for (let start = this.lineEnds[this.line] + 1; start <= text.length; ) {
      const newline = text.indexOf('\n', start);
      let end = newline < 0 ? text.length : newline;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let content = start;
      while (content < end && text.charCodeAt(content) === 32) content++;
      if (content === end) {
        if (indent < 0) widestLeadingBlank = Math.max(widestLeadingBlank, end - start);
        else if (end - start > indent) giveUp();
        lines.push('');
      } else {
        if (indent < 0) {
          if (content - start <= column || widestLeadingBlank > content - start) {
            stop = start;
            break;
          }
          indent = content - start;
        }
        if (content - start < indent) {
          stop = start;
          break;
        }
        if (folded && content - start > indent) giveUp();
        lines.push(text.slice(start + indent, end));
        contentEnd = end;
      }
      if (newline < 0) break;
      start = newline + 1;
    }
    if (indent < 0) giveUp(); // no content: rare, and chomping rules for it differ
    let trailingBlanks = 0;
    while (lines[lines.length - 1] === '') {
      lines.pop();
      trailingBlanks++;
    }
    const body = (folded ? fold(lines) : lines.join('\n')) + '\n';
    const value = strip ? body.slice(0, -1) : keep ? body + '\n'.repeat(trailingBlanks) : body;
    while (this.line + 1 < this.lineStarts.length && this.lineStarts[this.line + 1] < stop) this.line++;
    return scalar(value, at, contentEnd);
  }

  private quoted(at: number, end: number): { node: Scalar; end: number } {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let value = '';
    let from = at + 1;
    for (let i = at + 1; i < end; i++) {
      const unit = text.charCodeAt(i);
      if (quote === 39 /* ' */) {
        if (unit !== 39) continue;
        if (text.charCodeAt(i + 1) === 39 && i + 1 < end) {
          value += text.slice(from, i + 1);
          from = ++i + 1;
          continue;
        }
      } else if (unit === 92 /* \ */) {
        const escape = readEscape(text, i + 1, end);
        value += text.slice(from, i) + escape.value;
        i = escape.end - 1;
        from = escape.end;
        continue;
      } else if (unit !== 34) {
        continue;
      }
      value += text.slice(from, i);
      return { node: scalar(value, at, i + 1), end: i + 1 };
    }
    return giveUp(); // unterminated on this line: a multi-line scalar or a mistake
  }

  private flowSequence(at: number, end: number): { node: YAMLSeq; end: number } {
    const text = this.text;
    const seq = new YAMLSeq();
    seq.flow = true;
    let i = this.skipBlanks(at + 1);
    if (text.charCodeAt(i) !== 93 /* ] */) {
      for (;;) {
        const first = text.charCodeAt(i);
        let itemEnd: number;
        if (first === 34 || first === 39) {
          const quoted = this.quoted(i, end);
          seq.items.push(quoted.node);
          itemEnd = quoted.end;
        } else {
          if (i >= end || first === 44 || first === 93) giveUp(); // an empty item
          itemEnd = this.plainScalarEnd(i, end, true);
          seq.items.push(scalar(resolvePlain(text.slice(i, itemEnd)), i, itemEnd));
        }
        i = this.skipBlanks(itemEnd);
        const separator = text.charCodeAt(i);
        if (separator === 93) break;
        if (separator !== 44) giveUp();
        i = this.skipBlanks(i + 1);
        if (text.charCodeAt(i) === 93) giveUp(); // a trailing comma
      }
    }
    seq.range = [at, i + 1, i + 1];
    return { node: seq, end: i + 1 };
  }
}

/** Folded lines: a line break between two lines becomes a space; each empty line, a line break. */
function fold(lines: readonly string[]): string {
  let folded = '';
  let breaks = 0;
  for (const line of lines) {
    if (line === '') {
      breaks++;
      continue;
    }
    folded += breaks > 0 || folded === '' ? '\n'.repeat(breaks) + line : ' ' + line;
    breaks = 0;
  }
  return folded;
}

function isFlowIndicator(unit: number): boolean {
  return unit === 44 || unit === 91 || unit === 93 || unit === 123 || unit === 125;
}

const simpleEscapes: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\x85', _: '\xa0',
  L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};
const hexEscapeLengths: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** The escape sequence after a backslash at `at` in a double-quoted scalar; anything unusual gives up. */
function readEscape(text: string, at: number, end: number): { value: string; end: number } {
  const letter = text[at];
  if (at >= end) return giveUp();
  const simple = simpleEscapes[letter];
  if (simple !== undefined) return { value: simple, end: at + 1 };
  const length = hexEscapeLengths[letter];
  const digits = length ? text.slice(at + 1, at + 1 + length) : '';
  if (!length || !/^[0-9a-fA-F]+$/.test(digits) || digits.length !== length) return giveUp();
  const codePoint = parseInt(digits, 16);
  if (codePoint > 0x10ffff) return giveUp();
  return { value: String.fromCodePoint(codePoint), end: at + 1 + length };
}

/** A plain scalar's value under YAML 1.2's core schema, as the yaml package resolves it. */
function resolvePlain(source: string): string | number | boolean | null {
  const first = source.charCodeAt(0);
  // Only text starting with one of these can be anything but a string.
  if (source !== '' && !(first <= 57 || first === 110 || first === 78 || first === 116 || first === 84 || first === 102 || first === 70 || first === 126)) return source;
  if (/^(?:~|null|Null|NULL)?$/.test(source)) return null;
  if (/^(?:true|True|TRUE)$/.test(source)) return true;
  if (/^(?:false|False|FALSE)$/.test(source)) return false;
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(source)) return parseInt(source, 10);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.slice(2), 16);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(source)) return source.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(source)) return NaN;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(source)) return parseFloat(source);
  return source;
}

function scalar(value: string | number | boolean | null, start: number, end: number): Scalar {
  const node = new Scalar(value);
  node.range = [start, end, end];
  return node;
}

function lastNode(map: YAMLMap): Node {
  const last = map.items[map.items.length - 1];
  return (last.value ?? last.key) as Node;
}

/** A block collection runs from its first item to the end of its last one. */
function structuralRange(start: number, last: Node): [number, number, number] {
  const end = last.range![1];
  return [start, end, end];
}
