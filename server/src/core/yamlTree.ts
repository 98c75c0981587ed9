/**
 * Reading a YAML file into a syntax tree for the annotation and notes readers: the plain block files
 * that make up nearly every workspace go through the fast reader (blockYaml.ts); anything else is
 * composed by the yaml package, whose errors and warnings come back as problems. Both give the same
 * nodes, so the readers walk one tree and never learn which way it was read.
 */
import { Composer, CST, isMap, isSeq, Parser, visit, type Document, type Node } from 'yaml';
import { readBlockYaml } from './blockYaml';
import type { Severity, Span } from './types';

/**
 * Collections nested deeper than this are refused before composing: yaml composes recursively, and a
 * stack overflow there (at several hundred levels) can leave V8 unable to compile regular expressions,
 * which later aborts the whole process. Real annotation files nest five levels.
 */
export const maxNesting = 64;

export interface YamlProblem {
  range: readonly [number, number];
  code: 'yaml-syntax' | 'yaml-too-deep';
  severity: Severity;
  message: string;
}

export interface YamlTree {
  /** The first document's root; undefined when the text is nested too deep to compose safely. */
  root: Node | null | undefined;
  problems: YamlProblem[];
  /** The first alias (`*name`) and how many there are: they are never resolved, and readers may report them. */
  aliases?: { first: Node; count: number };
}

/** The tree of `text` (a lone CR already counts as a line break). `fileKind` names the file in messages. */
export function readYamlTree(text: string, fileKind: string): YamlTree {
  // A lone CR is a line break for LSP but not for the yaml package; replacing it keeps every offset.
  const source = text.replace(/\r(?!\n)/g, '\n');
  const block = readBlockYaml(source);
  return block ? { root: block.root, problems: [] } : composeWithYaml(source, fileKind);
}

function composeWithYaml(source: string, fileKind: string): YamlTree {
  const tokens = [...new Parser().parse(source)];
  const deep = tooDeep(tokens);
  if (deep) {
    const message = `YAML nested more than ${maxNesting} levels deep is not read; ${fileKind}s need about five`;
    return { root: undefined, problems: [{ range: [deep.offset, deep.offset + 1], code: 'yaml-too-deep', severity: 'error', message }] };
  }
  const documents = new Composer({ schema: 'core' }).compose(tokens, true, source.length);
  const document = documents.next().value as Document.Parsed; // forced: there is always one
  const problems: YamlProblem[] = [
    ...document.errors.map((error): YamlProblem => ({ range: error.pos, code: 'yaml-syntax', severity: 'error', message: error.message })),
    ...document.warnings.map((warning): YamlProblem => ({ range: warning.pos, code: 'yaml-syntax', severity: 'warning', message: warning.message })),
  ];
  const next = documents.next();
  if (!next.done) {
    const [start, end] = next.value.range;
    problems.push({ range: [start, end], code: 'yaml-syntax', severity: 'error', message: `Only the first YAML document of a ${fileKind} is read; remove the '---' or move the rest to another file` });
  }
  // Every alias starts with `*`; most files have none, and then the walk over the whole tree is spared.
  return { root: document.contents as Node | null, problems, aliases: source.includes('*') ? aliasesIn(document) : undefined };
}

function aliasesIn(document: Document): YamlTree['aliases'] {
  let first: Node | undefined;
  let count = 0;
  visit(document, {
    Alias(_, node) {
      first ??= node;
      count++;
    },
  });
  return first && { first, count };
}

/** The first collection nested deeper than `maxNesting`, found with an explicit stack. */
export function tooDeep(tokens: readonly CST.Token[]): CST.Token | undefined {
  const pending: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [token, depth] = next;
    if (token.type === 'document' && token.value) pending.push([token.value, depth]);
    if (!CST.isCollection(token)) continue;
    if (depth >= maxNesting) return token;
    for (const item of token.items) {
      if (item.key) pending.push([item.key, depth + 1]);
      if (item.value) pending.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Where a node is written: a scalar or flow collection as written, a block collection from its first
 * item to the end of its last (so neither the line breaks after it nor a comment before the next entry
 * belong to it).
 */
export function nodeSpan(text: string, node: Node): Span {
  const [start, valueEnd] = node.range ?? [0, 0];
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    const lastNode = (isMap(node) ? ((last as { value: Node | null; key: Node }).value ?? (last as { key: Node }).key) : last) as Node | null;
    if (lastNode) return { start, end: Math.max(start, nodeSpan(text, lastNode).end) };
  }
  let end = valueEnd;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isWhitespace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d;
}
