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
  // An initial ("V.") or a non-name word is no family name to refer back with.
  return nameWord.test(family) && family.replace(/\.$/, '').length > 1 ? family : undefined;
}
