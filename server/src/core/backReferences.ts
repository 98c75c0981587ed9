/**
 * Back-references: once an article has named a person in full ("Andrei Lankov", "Shin Won-sik"), a
 * later bare family name ("Lankov said", "Shin added") refers to that person, even when no annotation
 * lists the family name as an alias.
 *
 * Rules, per article:
 *  - only person actors whose name has a family name (see `familyName` in names.ts for the order);
 *  - a full mention is a mention of the actor whose text has the family name as one of its words;
 *  - a bare family name counts only after the end of a full mention of that person; when two people
 *    share it (Kim Jong-un, Kim Joon-hyung), it goes to the one named in full most recently before it;
 *  - it is matched like a one-word alias: exact case, word boundaries on both sides;
 *  - it never overlaps an existing mention, and it is not part of a longer name: not joined by a hyphen
 *    to another word, not followed by another capitalised word ("Kim Yo-jong"), and for family-last
 *    names not preceded by a capitalised word other than a title ("Hunter Biden" is not "Biden", while
 *    "President Biden" is).
 */
import type { Actor, ActorMention } from './model';
import { overlapsAny } from './spans';
import { familyName, nameWord, personTitles, wordAt, wordBefore, wordEndingAt, wordStartingAt } from './names';

interface FullMention {
  start: number;
  end: number;
  actorId: string;
  familyFirst: boolean;
}

/** The mentions with back-references added, sorted and non-overlapping like the input. */
export function addBackReferences(text: string, mentions: readonly ActorMention[], actorOf: (id: string) => Actor | undefined): ActorMention[] {
  const fullMentions = findFullMentions(mentions, actorOf);
  if (fullMentions.size === 0) return [...mentions];
  const added: ActorMention[] = [];
  for (const [family, full] of fullMentions) {
    let latest = -1;
    for (let at = text.indexOf(family, full[0].end); at >= 0; at = text.indexOf(family, at + family.length)) {
      while (latest + 1 < full.length && full[latest + 1].end <= at) latest++;
      const end = at + family.length;
      if (latest < 0 || !standsAlone(text, at, end, full[latest].familyFirst) || overlapsAny(mentions, at, end)) continue;
      added.push({ start: at, end, actorId: full[latest].actorId, text: family, backReference: true });
    }
  }
  return added.length === 0 ? [...mentions] : [...mentions, ...added].sort((a, b) => a.start - b.start);
}

/** Full mentions of people, grouped by family name, in text order. */
function findFullMentions(mentions: readonly ActorMention[], actorOf: (id: string) => Actor | undefined): Map<string, FullMention[]> {
  const families = new Map<string, { family: string; familyFirst: boolean } | undefined>();
  const grouped = new Map<string, FullMention[]>();
  for (const mention of mentions) {
    let person = families.get(mention.actorId);
    if (!families.has(mention.actorId)) {
      const actor = actorOf(mention.actorId);
      const family = actor?.kind === 'person' ? familyName(actor) : undefined;
      person = family ? { family, familyFirst: actor?.name.trim().startsWith(family) ?? false } : undefined;
      families.set(mention.actorId, person);
    }
    if (!person || !isFullMention(mention.text, person.family)) continue;
    let list = grouped.get(person.family);
    if (!list) grouped.set(person.family, (list = []));
    list.push({ start: mention.start, end: mention.end, actorId: mention.actorId, familyFirst: person.familyFirst });
  }
  return grouped;
}

/** More than one word, one of which is the family name (in any case: "Cenk TAMER" names Tamer in full). */
function isFullMention(mentionText: string, family: string): boolean {
  const words = mentionText.split(/\s+/);
  const folded = family.toLowerCase();
  return words.length > 1 && words.some((w) => w.toLowerCase() === folded);
}

function standsAlone(text: string, start: number, end: number, familyFirst: boolean): boolean {
  if (wordBefore(text, start) || wordAt(text, end)) return false;
  if (isHyphen(text.charCodeAt(end)) && wordAt(text, end + 1)) return false;
  if (isHyphen(text.charCodeAt(start - 1)) && wordBefore(text, start - 1)) return false;
  if (text.charCodeAt(end) === 0x20 && nameWord.test(wordStartingAt(text, end + 1))) return false;
  if (!familyFirst && text.charCodeAt(start - 1) === 0x20) {
    const previous = wordEndingAt(text, start - 1);
    if (nameWord.test(previous) && !personTitles.has(previous.toLowerCase())) return false;
  }
  return true;
}

function isHyphen(unit: number): boolean {
  return unit === 0x2d || unit === 0x2010 || unit === 0x2011;
}
