// The workspace views over LSP: the custom requests of the actors tree, the timeline and the connections
// graph, and the debounced notification that tells the client to ask again after a change.
import type { CancellationToken, Connection, ResponseError, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { actorArticles, actorLocations, actorMentions, actorsView, connections, timeline } from '../core/providers/corpusViews';
import type { WorkspaceModel } from '../core/workspace';
import { readTextFile } from '../node/files';
import {
  actorArticlesRequest,
  actorLocationsRequest,
  actorMentionsRequest,
  actorsRequest,
  connectionsRequest,
  corpusChangedNotification,
  timelineRequest,
  type ActorArticle,
  type ActorArticlesParams,
  type ActorLocation,
  type ActorLocationsParams,
  type ActorMentionsParams,
  type ActorsParams,
  type ActorsResult,
  type ConnectionsParams,
  type ConnectionsResult,
  type MentionInContext,
  type TimelineParams,
  type TimelineResult,
} from '../protocol';

type Guard = <P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) => (params: P, token: CancellationToken) => Promise<R | ResponseError<never>>;

/** What the views glue needs from the server; getters, because the server replaces its model and index. */
export interface CorpusViewsHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  model(): WorkspaceModel;
  /** Resolves when the current indexing run is over: workspace-wide answers wait for it. */
  indexed(): Promise<void>;
  maxArticleBytes(): number;
  guard: Guard;
}

export interface CorpusViewsGlue {
  /** Articles, the index or annotations changed: the client hears of it once things settle. */
  changed(): void;
}

/** Quiet time before `corpusChanged` is sent, so typing or a re-index sends one notification, not hundreds. */
const settleMs = 400;

export function registerCorpusViews(host: CorpusViewsHost): CorpusViewsGlue {
  const { connection, guard } = host;
  const settled = async () => {
    await host.indexed();
    return host.model();
  };

  connection.onRequest(
    actorsRequest,
    guard('actors', { groups: [] }, async (params: ActorsParams, token): Promise<ActorsResult> => actorsView(await settled(), params.filter, token)),
  );
  connection.onRequest(
    actorArticlesRequest,
    guard('actorArticles', [], async (params: ActorArticlesParams, token): Promise<ActorArticle[]> => actorArticles(await settled(), params.actorId, token)),
  );
  connection.onRequest(
    actorMentionsRequest,
    guard('actorMentions', [], async (params: ActorMentionsParams, token): Promise<MentionInContext[]> => {
      const model = await settled();
      const text = await articleText(params.uri);
      return text === undefined ? [] : actorMentions(model, params.actorId, params.uri, text, token);
    }),
  );
  connection.onRequest(
    actorLocationsRequest,
    guard('actorLocations', [], async (params: ActorLocationsParams, token): Promise<ActorLocation[]> => actorLocations(await settled(), params.actorId, token)),
  );
  connection.onRequest(
    timelineRequest,
    guard('timeline', { items: [], total: 0, actors: [], articles: [] }, async (params: TimelineParams, token): Promise<TimelineResult> => timeline(await settled(), params, articleText, token)),
  );
  connection.onRequest(
    connectionsRequest,
    guard('connections', { nodes: [], edges: [] }, async (params: ConnectionsParams, token): Promise<ConnectionsResult> => connections(await settled(), params.minWeight, token)),
  );

  /** The editor's text of an open article, else the file on disk (closed articles keep no text). */
  async function articleText(uri: string): Promise<string | undefined> {
    const open = host.documents.get(uri);
    if (open) return open.getText();
    const read = await readTextFile(URI.parse(uri).fsPath, host.maxArticleBytes());
    return read.ok ? read.text : undefined;
  }

  let timer: NodeJS.Timeout | undefined;
  return {
    changed() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void connection.sendNotification(corpusChangedNotification);
      }, settleMs);
    },
  };
}
