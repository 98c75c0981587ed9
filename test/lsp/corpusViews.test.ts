import * as assert from 'node:assert/strict';
import {
  actorArticlesRequest,
  actorLocationsRequest,
  actorMentionsRequest,
  actorsRequest,
  connectionsRequest,
  corpusChangedNotification,
  timelineRequest,
  type ActorArticle,
  type ActorLocation,
  type ActorsResult,
  type ConnectionsResult,
  type MentionInContext,
  type TimelineResult,
} from '../../server/src/protocol';
import { gridArticle, summitArticle, writeCorpusWorkspace } from '../support/corpusFixture';
import { useLspServer } from '../support/lspClient';
import { positionOf } from '../support/text';

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('corpus views over LSP (actors, timeline, connections)', function () {
  const server = useLspServer(writeCorpusWorkspace, { pullDiagnostics: true, removeAfter: true });

  describe('actors', function () {
    it('groups annotated actors by kind with their mentions across closed articles', async function () {
      const { groups } = await server.client.request<ActorsResult>(actorsRequest, {});
      assert.deepEqual(groups.map((g) => g.kind), ['person', 'country', 'media', 'place']);
      const person = groups[0].actors.find((a) => a.id === 'kadri-mets');
      // Two full names and the back-reference "Mets" in one article, one full name in the other.
      assert.deepEqual(person && { mentions: person.mentions, articles: person.articles }, { mentions: count(gridArticle, 'Mets') + count(summitArticle, 'Mets'), articles: 2 });
      const countries = groups[1].actors.map((a) => [a.name, a.mentions]);
      assert.deepEqual(countries, [
        ['Estonia', count(gridArticle, 'Estonia') + count(summitArticle, 'Estonia')],
        ['Finland', count(gridArticle, 'Finland') + count(summitArticle, 'Finland')],
      ]);
    });

    it('filters actors by name, alias or id, case-insensitively', async function () {
      const { groups } = await server.client.request<ActorsResult>(actorsRequest, { filter: 'FIN' });
      assert.deepEqual(groups.flatMap((g) => g.actors.map((a) => a.id)), ['finland']);
      const none = await server.client.request<ActorsResult>(actorsRequest, { filter: 'no such actor' });
      assert.deepEqual(none.groups, []);
    });

    it('lists the articles of an actor, most mentions first, with their titles', async function () {
      const articles = await server.client.request<ActorArticle[]>(actorArticlesRequest, { actorId: 'kadri-mets' });
      assert.deepEqual(articles.map((a) => [a.title, a.mentions]), [
        ['Cables Under the Baltic', 3],
        ['Summit Notes', 1],
      ]);
    });

    it('gives each mention with its line of context and where the name stands in it', async function () {
      const mentions = await server.client.request<MentionInContext[]>(actorMentionsRequest, { actorId: 'kadri-mets', uri: server.client.uri('articles/grid.txt') });
      assert.equal(mentions.length, 3);
      const backReference = mentions[2];
      assert.deepEqual(backReference.range.start, positionOf(gridArticle, 'Mets added'));
      assert.equal(backReference.context.slice(...backReference.highlight), 'Mets');
      // Cut to start shortly before the mention, at a word, so a narrow tree still shows the name.
      assert.match(backReference.context, /^…had paid 40 million euros\. Mets added that Estonia would pay the rest\.$/);
    });

    it('gives every mention of an actor as locations', async function () {
      const locations = await server.client.request<ActorLocation[]>(actorLocationsRequest, { actorId: 'estonia' });
      assert.equal(locations.length, count(gridArticle, 'Estonia') + count(summitArticle, 'Estonia'));
      assert.deepEqual(new Set(locations.map((l) => l.uri)), new Set([server.client.uri('articles/grid.txt'), server.client.uri('articles/summit.txt')]));
    });
  });

  describe('timeline', function () {
    it('places every dated statement with its sentence, article, actors and extent', async function () {
      const { items, articles } = await server.client.request<TimelineResult>(timelineRequest, {});
      const day = items.find((i) => i.value === '2024-03-04');
      assert.ok(day, `no 2024-03-04 among ${items.map((i) => i.value).join(', ')}`);
      assert.equal(day.precision, 'day');
      assert.deepEqual([day.from, day.until], ['2024-03-04', '2024-03-05']);
      assert.match(day.sentence, /^Ministers from Estonia and Finland met in Tallinn on March 4, 2024 to discuss the damaged cable\.\[1\]$/);
      assert.deepEqual(new Set(day.actorIds), new Set(['estonia', 'finland', 'tallinn']));
      assert.deepEqual(day.range.start, positionOf(gridArticle, 'March 4, 2024'));
      const month = items.find((i) => i.value === '2023-06');
      assert.deepEqual(month && [month.precision, month.from, month.until, month.uri], ['month', '2023-06-01', '2023-07-01', server.client.uri('articles/summit.txt')]);
      const range = items.find((i) => i.value === '2009/2011');
      assert.deepEqual(range && [range.from, range.until], ['2009-01-01', '2012-01-01']);
      assert.deepEqual(articles.map((a) => a.title).sort(), ['Cables Under the Baltic', 'Summit Notes']);
      assert.deepEqual(items.map((i) => i.from), [...items.map((i) => i.from)].sort(), 'items sorted by start');
    });

    it('leaves out the access dates of the reference list', async function () {
      const { items } = await server.client.request<TimelineResult>(timelineRequest, {});
      assert.deepEqual(items.filter((i) => i.value.startsWith('2024-02')), []);
    });

    it('filters by actor and by article', async function () {
      const byActor = await server.client.request<TimelineResult>(timelineRequest, { actorIds: ['tallinn'] });
      assert.deepEqual(byActor.items.map((i) => i.value), ['2024-03-04']);
      const byArticle = await server.client.request<TimelineResult>(timelineRequest, { uris: [server.client.uri('articles/summit.txt')] });
      assert.deepEqual(byArticle.items.map((i) => i.value), ['2023-06']);
      // The filter choices stay complete whatever the filter.
      assert.ok(byActor.actors.some((a) => a.id === 'kadri-mets') && byActor.articles.length === 2);
    });

    it('sends the earliest statements up to a limit, and says how many match in all', async function () {
      const all = await server.client.request<TimelineResult>(timelineRequest, {});
      assert.ok(all.items.length >= 3, 'the workspace has enough dated statements to cut');
      assert.equal(all.total, all.items.length, 'under the default limit, everything is sent');
      const firstTwo = await server.client.request<TimelineResult>(timelineRequest, { limit: 2 });
      assert.deepEqual(firstTwo.items, all.items.slice(0, 2));
      assert.equal(firstTwo.total, all.total);
      const byActor = await server.client.request<TimelineResult>(timelineRequest, { actorIds: ['estonia'] });
      const firstByActor = await server.client.request<TimelineResult>(timelineRequest, { actorIds: ['estonia'], limit: 1 });
      assert.ok(byActor.total > 1, 'the actor is named in several dated sentences');
      assert.deepEqual(firstByActor.items, byActor.items.slice(0, 1));
      assert.equal(firstByActor.total, byActor.total, 'the total counts past the limit');
      assert.equal(byActor.total, all.items.filter((i) => i.actorIds.includes('estonia')).length);
    });
  });

  describe('connections', function () {
    it('links actors named in the same paragraph, weighted by how many paragraphs', async function () {
      const { nodes, edges } = await server.client.request<ConnectionsResult>(connectionsRequest, {});
      const weight = (a: string, b: string) => edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a))?.weight;
      // Both countries share two paragraphs of the grid article and one of the summit notes.
      assert.equal(weight('estonia', 'finland'), 3);
      assert.equal(weight('estonia', 'tallinn'), 1);
      assert.equal(weight('tallinn', 'baltic-wire'), undefined);
      const mets = nodes.find((n) => n.id === 'kadri-mets');
      assert.deepEqual(mets && [mets.name, mets.kind], ['Kadri Mets', 'person']);
      assert.ok(!nodes.some((n) => n.id === 'baltic-wire'), 'an actor only in the reference list has no edge');
      const strong = await server.client.request<ConnectionsResult>(connectionsRequest, { minWeight: 3 });
      assert.deepEqual(strong.edges.map((e) => [e.source, e.target].sort().join('+')).sort(), ['estonia+finland', 'estonia+kadri-mets', 'finland+kadri-mets']);
    });
  });

  // Last, because it edits an article (mocha runs a suite's own tests before its nested suites).
  describe('after an edit', function () {
    it('tells the client when the corpus changed, and answers from the open article’s current text', async function () {
      const uri = await server.client.open('articles/summit.txt', 'article', summitArticle);
      await server.client.change(uri, summitArticle.replace('in June 2023', 'on 14 September 2022'));
      // The notification is debounced: the edit restarts its wait, so one arrives after it.
      await new Promise<void>((resolve) => server.client.connection.onNotification(corpusChangedNotification, () => resolve()));
      const { items } = await server.client.request<TimelineResult>(timelineRequest, { uris: [uri] });
      assert.deepEqual(items.map((i) => [i.value, i.precision]), [['2022-09-14', 'day']]);
    });
  });
});
