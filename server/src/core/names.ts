/**
 * What the core knows about how people and institutions are named in English-language prose: word
 * shapes, titles before names, and which names put the family name first. Shared by back-references
 * (a bare family name after a full name) and unlinked mentions (names no annotation covers).
 */
import type { Actor } from './model';

/** Letters, digits and marks: what counts as part of a word, as the actor matcher counts it. */
export const wordCharacter = /[\p{L}\p{N}\p{M}]/u;

/** A word that can be part of a proper name: capitalised (Lankov), hyphenated (Won-sik, Leif-Eric), or all capitals (TAMER). */
export const nameWord = /^\p{Lu}[\p{L}\p{M}]*(?:[-‐‑][\p{L}\p{M}]+)*$/u;

/**
 * Titles and roles written before a person's name, lower-cased ("President Yoon", "spokeswoman Maria
 * Zakharova", "Dr. Cenk Tamer"). Only words that name a position, not descriptions ("professor" yes,
 * "analyst" too, "expert" no: "expert Tim" is rare, "experts Tim and…" not a title).
 */
export const personTitles: ReadonlySet<string> = new Set([
  'president', 'vice-president', 'minister', 'premier', 'chancellor', 'king', 'queen', 'prince', 'princess', 'emperor',
  'senator', 'congressman', 'congresswoman', 'governor', 'mayor', 'ambassador', 'envoy', 'secretary', 'general',
  'admiral', 'colonel', 'commander', 'lieutenant', 'captain', 'sergeant', 'marshal', 'chairman', 'chairwoman',
  'chair', 'spokesman', 'spokeswoman', 'spokesperson', 'professor', 'dr', 'dr.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms',
  'ms.', 'sir', 'dame', 'lord', 'lady', 'judge', 'justice', 'pope', 'cardinal', 'bishop', 'sheikh', 'director',
  'deputy', 'leader', 'researcher', 'analyst', 'editor', 'correspondent', 'lawmaker', 'diplomat', 'counterpart',
]);

/**
 * Common family names of Korea and China, which stand first in names written without a hyphen
 * ("Yoon Suk Yeol", "Xi Jinping", "Li Qiang"). Hyphenated Korean names ("Shin Won-sik") are recognised
 * by shape instead, so the list only needs the names that appear unhyphenated.
 */
const eastAsianFamilyNames: ReadonlySet<string> = new Set([
  // Korean
  'Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Jeong', 'Kang', 'Cho', 'Yoon', 'Yun', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin',
  'Kwon', 'Hwang', 'Ahn', 'Song', 'Yoo', 'Hong', 'Jeon', 'Ko', 'Moon', 'Yang', 'Son', 'Bae', 'Baek', 'Heo', 'Nam',
  'Noh', 'Roh', 'Ha', 'Kwak', 'Cha', 'Chung', 'Ryu', 'Min', 'Ban', 'Rhee',
  // Chinese
  'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He',
  'Lin', 'Gao', 'Luo', 'Zheng', 'Liang', 'Xie', 'Tang', 'Xi', 'Deng', 'Mao', 'Jiang', 'Wen', 'Qin', 'Cai', 'Tsai', 'Lai',
]);

/** A Korean-style given name: two syllables joined by a hyphen, the second lower-case (Won-sik, Jong-un). */
const hyphenatedGivenName = /^\p{Lu}\p{Ll}*-\p{Ll}+$/u;

/**
 * The family name of a person actor: the first or last word of its name, as `family` says, or inferred.
 * Rule when `family` is absent: the family name comes first if a later word is a hyphenated given name
 * with a lower-case second part (Won-sik) or the first word is a common Korean or Chinese family name;
 * otherwise it comes last (Andrei Lankov, Leif-Eric Easley, Liisa Raudsepp-Kane). Undefined for
 * one-word names, which have no bare form.
 */
export function familyName(actor: Pick<Actor, 'name' | 'family'>): string | undefined {
  const words = actor.name.trim().split(/\s+/);
  if (words.length < 2) return undefined;
  const first = words[0];
  const last = words[words.length - 1];
  const order = actor.family ?? (words.slice(1).some((w) => hyphenatedGivenName.test(w)) || eastAsianFamilyNames.has(first) ? 'first' : 'last');
  const family = order === 'first' ? first : last;
  // An initial ("V") or a word that is no name ("(retd.)") has no bare form to refer back with.
  return nameWord.test(family) && family.length > 1 ? family : undefined;
}

/** Whether the character just before `offset` is a letter, digit or mark (a surrogate pair counts as one). */
export function wordBefore(text: string, offset: number): boolean {
  if (offset <= 0) return false;
  const low = text.charCodeAt(offset - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && offset >= 2 && (text.charCodeAt(offset - 2) & 0xfc00) === 0xd800;
  return wordCharacter.test(String.fromCodePoint(text.codePointAt(pair ? offset - 2 : offset - 1) as number));
}

/** Whether the character starting at `offset` is a letter, digit or mark. */
export function wordAt(text: string, offset: number): boolean {
  return offset < text.length && wordCharacter.test(String.fromCodePoint(text.codePointAt(offset) as number));
}

/** The word, hyphenated parts included, that ends at `end`; '' when a non-word character is there. */
export function wordEndingAt(text: string, end: number): string {
  let start = end;
  while (start > 0 && (wordBefore(text, start) || isNameJoiner(text, start - 1))) start--;
  return text.slice(start, end);
}

/** The word that starts at `start`, hyphenated parts included. */
export function wordStartingAt(text: string, start: number): string {
  let end = start;
  while (end < text.length && (wordAt(text, end) || isNameJoiner(text, end))) end++;
  return text.slice(start, end);
}

/** A hyphen joins the parts of a name ("Won-sik") only between word characters. */
function isNameJoiner(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  return (unit === 0x2d || unit === 0x2010 || unit === 0x2011) && wordBefore(text, at) && wordAt(text, at + 1);
}
