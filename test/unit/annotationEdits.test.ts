import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { addAlias, appendActor, idFromName, type TextInsertion } from '../../server/src/core/annotationEdits';

const apply = (text: string, insertion: TextInsertion | undefined) => {
  assert.ok(insertion);
  return text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset);
};

interface Actors {
  actors: { id: string; name: string; kind: string; aliases?: string[] }[];
  articles?: unknown[];
}

describe('editing annotation YAML', function () {
  const base = 'actors:\n  - id: estonia\n    name: Estonia\n    kind: country\n    aliases: [Tallinn]\n  - id: kaja-kallas\n    name: Kaja Kallas\n    kind: person\n\narticles:\n  - file: a.txt\n';

  it('makes ids from names: lowercase, hyphens, no diacritics', function () {
    assert.equal(idFromName('Leif-Eric Easley'), 'leif-eric-easley');
    assert.equal(idFromName('Rūta Jankauskienė'), 'ruta-jankauskiene');
    assert.equal(idFromName('Côte d’Ivoire'), 'cote-d-ivoire');
    assert.equal(idFromName('!!!'), 'actor');
  });

  it('appends an actor to the actors list, before a following articles list', function () {
    const out = parse(apply(base, appendActor(base, { id: 'marta-q', name: 'Marta Q', kind: 'person' }))) as Actors;
    assert.deepEqual(out.actors.map((a) => a.id), ['estonia', 'kaja-kallas', 'marta-q']);
    assert.equal(out.actors[2].kind, 'person');
    assert.equal(out.articles?.length, 1);
  });

  it('starts an actors list in an empty file, and quotes names YAML would misread', function () {
    const out = parse(apply('', appendActor('', { id: 'x', name: 'Yes: No #1', kind: 'other' }))) as Actors;
    assert.equal(out.actors[0].name, 'Yes: No #1');
    for (const id of ['2024', 'true', 'null', '1e3']) {
      const written = parse(apply('', appendActor('', { id, name: id, kind: 'other' }))) as Actors;
      assert.equal(written.actors[0].id, id, `id ${id} reads back as ${typeof written.actors[0].id}`);
      assert.equal(written.actors[0].name, id);
    }
  });

  it('adds an alias to a flow list, a block list, or a new aliases key', function () {
    assert.deepEqual((parse(apply(base, addAlias(base, 'estonia', 'Eesti'))) as Actors).actors[0].aliases, ['Tallinn', 'Eesti']);
    assert.deepEqual((parse(apply(base, addAlias(base, 'kaja-kallas', 'Kallas'))) as Actors).actors[1].aliases, ['Kallas']);
    const block = 'actors:\n  - id: a\n    name: A Name\n    kind: person\n    aliases:\n      - First\n    summary: s\n';
    const out = parse(apply(block, addAlias(block, 'a', 'Second'))) as Actors & { actors: { summary?: string }[] };
    assert.deepEqual(out.actors[0].aliases, ['First', 'Second']);
    assert.equal(out.actors[0].summary, 's');
  });

  it('gives nothing for an unknown actor id', function () {
    assert.equal(addAlias(base, 'nobody', 'X'), undefined);
  });
});
