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
      // Most hits lie in a mention already (the full ones among them): that check is the cheap one.
      if (latest < 0 || overlapsAny(mentions, at, end) || !standsAlone(text, at, end, full[latest].familyFirst)) continue;
      added.push({ start: at, end, actorId: full[latest].actorId, text: family, backReference: true });
    }
  }
  return added.length === 0 ? [...mentions] : merged(mentions, added.sort((a, b) => a.start - b.start));
}

/** Two lists sorted by start as one, the first's item first where both start at once. */
function merged(first: readonly ActorMention[], second: readonly ActorMention[]): ActorMention[] {
  const all: ActorMention[] = [];
  let j = 0;
  for (const mention of first) {
    while (j < second.length && second[j].start < mention.start) all.push(second[j++]);
    all.push(mention);
  }
  while (j < second.length) all.push(second[j++]);
  return all;
}

/** How a person actor is referred back to; null for an actor that has no bare family name. */
type PersonName = { family: string; folded: string; familyFirst: boolean } | null;

/**
 * Each actor's family name, worked out once per actor rather than once per article that mentions it.
 * Actors are not changed after the annotation file is parsed (a re-parse makes new ones), so the cache
 * never goes stale, and it lets go of actors the index has dropped.
 */
const personNames = new WeakMap<Actor, PersonName>();

function personName(actor: Actor): PersonName {
  let person = personNames.get(actor);
  if (person === undefined) {
    const family = actor.kind === 'person' ? familyName(actor) : undefined;
    person = family ? { family, folded: family.toLowerCase(), familyFirst: actor.name.trim().startsWith(family) } : null;
    personNames.set(actor, person);
  }
  return person;
}

/** Full mentions of people, grouped by family name, in text order. */
function findFullMentions(mentions: readonly ActorMention[], actorOf: (id: string) => Actor | undefined): Map<string, FullMention[]> {
  const people = new Map<string, PersonName>();
  const grouped = new Map<string, FullMention[]>();
  for (const mention of mentions) {
    // Most mentions are of actors with no family name: they are passed over before the text is read.
    let person = people.get(mention.actorId);
    if (person === undefined) {
      const actor = actorOf(mention.actorId);
      person = actor ? personName(actor) : null;
      people.set(mention.actorId, person);
    }
    if (!person || !hasWhitespace(mention.text) || !isFullMention(mention.text, person.folded)) continue;
    let list = grouped.get(person.family);
    if (!list) grouped.set(person.family, (list = []));
    list.push({ start: mention.start, end: mention.end, actorId: mention.actorId, familyFirst: person.familyFirst });
  }
  return grouped;
}

/** More than one word, one of which is the family name (in any case: "Cenk TAMER" names Tamer in full). */
function isFullMention(mentionText: string, foldedFamily: string): boolean {
  const words = mentionText.split(/\s+/);
  return words.length > 1 && words.some((w) => w.toLowerCase() === foldedFamily);
}

/** Whether the text has a character of the regex class \s (a loop: a regex call per mention costs more). */
function hasWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit <= 0x20 ? unit === 0x20 || (unit >= 0x09 && unit <= 0x0d) : unit >= 0xa0 && isWideWhitespace(unit)) return true;
  }
  return false;
}

/** The \s characters above ASCII: no-break and typographic spaces, line and paragraph separators, BOM. */
function isWideWhitespace(unit: number): boolean {
  return unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029 || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff;
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
