import assert from 'node:assert/strict';
import { ActorMatcher } from '../../server/src/core/actors';
import { addBackReferences } from '../../server/src/core/backReferences';
import type { Actor, ActorKind } from '../../server/src/core/model';
import { familyName } from '../../server/src/core/names';

const at = { uri: 'file:///a.yaml', start: 0, end: 0 };

function actor(id: string, name: string, kind: ActorKind = 'person', extra: Partial<Actor> = {}): Actor {
  return { id, name, kind, aliases: [], roles: [], links: [], source: at, idSource: at, ...extra };
}

function withBackReferences(text: string, actors: Actor[]) {
  const byId = new Map(actors.map((a) => [a.id, a]));
  return addBackReferences(text, ActorMatcher.build(actors).match(text), (id) => byId.get(id));
}

/** Back-references found in `text` for these actors, as "text→actorId" in text order. */
function backReferences(text: string, actors: Actor[]): string[] {
  return withBackReferences(text, actors)
    .filter((m) => m.backReference)
    .map((m) => `${text.slice(m.start, m.end)}→${m.actorId}`);
}

describe('familyName', function () {
  it('takes the last word of a Western name, hyphenated or not', function () {
    assert.equal(familyName(actor('a', 'Andrei Lankov')), 'Lankov');
    assert.equal(familyName(actor('b', 'Leif-Eric Easley')), 'Easley');
    assert.equal(familyName(actor('c', 'Liisa Raudsepp-Kane')), 'Raudsepp-Kane');
    assert.equal(familyName(actor('d', 'Anthony V Rinna')), 'Rinna');
  });

  it('takes the first word when a later word is a Korean hyphenated given name', function () {
    assert.equal(familyName(actor('a', 'Shin Won-sik')), 'Shin');
    assert.equal(familyName(actor('b', 'Hwangbo Ji-hoon')), 'Hwangbo');
  });

  it('takes the first word when it is a common Korean or Chinese family name written without a hyphen', function () {
    assert.equal(familyName(actor('a', 'Yoon Suk Yeol')), 'Yoon');
    assert.equal(familyName(actor('b', 'Xi Jinping')), 'Xi');
  });

  it('follows the annotation’s family field over the inference', function () {
    assert.equal(familyName(actor('a', 'Tran Van Minh', 'person', { family: 'first' })), 'Tran');
    assert.equal(familyName(actor('b', 'Kim Novak', 'person', { family: 'last' })), 'Novak');
  });

  it('has no family name for a one-word name or a trailing initial', function () {
    assert.equal(familyName(actor('a', 'Madonna')), undefined);
    assert.equal(familyName(actor('b', 'Kenneth T')), undefined);
  });
});

describe('addBackReferences', function () {
  it('links a bare family name after the full name, family last', function () {
    const text = 'Andrei Lankov, a historian, spoke first. Later, Lankov said the talks had stalled.';
    assert.deepEqual(backReferences(text, [actor('andrei-lankov', 'Andrei Lankov')]), ['Lankov→andrei-lankov']);
  });

  it('links a bare family name after the full name, family first, hyphenated or not', function () {
    const text = 'Defence minister Shin Won-sik spoke on Monday. Shin said Seoul would not send arms. President Yoon Suk Yeol agreed, and Yoon visited the base.';
    assert.deepEqual(backReferences(text, [actor('shin', 'Shin Won-sik'), actor('yoon', 'Yoon Suk Yeol')]), ['Shin→shin', 'Yoon→yoon']);
  });

  it('ignores the family name before the first full mention', function () {
    const text = 'Lankov is cited often. Andrei Lankov teaches in Seoul. Lankov added a caveat.';
    const found = withBackReferences(text, [actor('andrei-lankov', 'Andrei Lankov')]).filter((m) => m.backReference);
    assert.deepEqual(found.map((m) => m.start), [text.lastIndexOf('Lankov')]);
  });

  it('gives a shared family name to the person named in full most recently', function () {
    const text = 'Kim Jong-un test-fired a missile. Kim watched it. Kim Joon-hyung, a former diplomat, disagreed. Kim said so twice.';
    assert.deepEqual(backReferences(text, [actor('kim-jong-un', 'Kim Jong-un'), actor('kim-joon-hyung', 'Kim Joon-hyung')]), ['Kim→kim-jong-un', 'Kim→kim-joon-hyung']);
  });

  it('matches like a one-word alias: exact case and whole words only', function () {
    const text = 'Nadia Kerr spoke. KERR later wrote; Kerrigan replied; kerr is lower case; Kerr’s remarks stood.';
    assert.deepEqual(backReferences(text, [actor('kerr', 'Nadia Kerr')]), ['Kerr→kerr']);
  });

  it('does not take a family name that is part of another full name', function () {
    const text = 'Kim Jong-un spoke. Kim Yo-jong, his sister, answered. Joe Biden came. Hunter Biden did not. President Biden left. Smith-Kim arrived.';
    const found = withBackReferences(text, [actor('kim-jong-un', 'Kim Jong-un'), actor('joe-biden', 'Joe Biden')]).filter((m) => m.backReference);
    assert.deepEqual(found.map((m) => m.start), [text.indexOf('Biden left')]);
  });

  it('never overlaps an existing mention, such as an alias', function () {
    const lankov = actor('andrei-lankov', 'Andrei Lankov', 'person', { aliases: ['Lankov'] });
    const text = 'Andrei Lankov spoke. Lankov said more.';
    assert.deepEqual(backReferences(text, [lankov]), []);
  });

  it('leaves a family name that is another actor’s alias to that actor, and still links it in a case that alias does not match', function () {
    const lankov = actor('andrei-lankov', 'Andrei Lankov');
    const institute = actor('lankov-institute', 'Lankov Institute', 'organization', { aliases: ['LANKOV'] });
    assert.deepEqual(backReferences('Andrei Lankov spoke. LANKOV published. Lankov said more.', [lankov, institute]), ['Lankov→andrei-lankov']);
    const both = withBackReferences('Andrei Lankov spoke. LANKOV published.', [lankov, institute]);
    assert.deepEqual(both.map((m) => m.actorId), ['andrei-lankov', 'lankov-institute']);
  });

  it('only applies to people', function () {
    const text = 'The Sejong Institute published a paper. Institute staff said more.';
    assert.deepEqual(backReferences(text, [actor('sejong', 'Sejong Institute', 'organization')]), []);
  });

  it('keeps mentions sorted and leaves text without full names untouched', function () {
    const actors = [actor('andrei-lankov', 'Andrei Lankov'), actor('seoul', 'Seoul', 'place')];
    const mentions = withBackReferences('Andrei Lankov lives in Seoul. Lankov said Seoul is calm.', actors);
    assert.deepEqual(mentions.map((m) => m.text), ['Andrei Lankov', 'Seoul', 'Lankov', 'Seoul']);
    assert.deepEqual(backReferences('Lankov and Seoul.', actors), []);
  });

  it('survives hostile input', function () {
    const actors = [actor('a', 'Ann Lee-Smith'), actor('b', 'Kim Jong-un')];
    for (const text of ['Ann Lee-Smith \uD800Lee-Smith\uDFFF Lee-Smith', 'Kim Jong-un\r\nKim\0Kim', '\uFEFFKim Jong-un ' + 'Kim '.repeat(20000)]) {
      assert.doesNotThrow(() => backReferences(text, actors));
    }
    assert.equal(backReferences('Kim Jong-un ' + 'Kim, '.repeat(1000), actors).length, 1000);
  });
});
