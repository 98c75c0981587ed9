import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  actorArticlesRequest,
  actorMentionsRequest,
  actorsRequest,
  type ActorArticle,
  type ActorArticlesParams,
  type ActorGroup,
  type ActorMentionsParams,
  type ActorsParams,
  type ActorsResult,
  type ActorSummary,
  type MentionInContext,
  type ViewActorKind,
} from '../../../server/src/protocol';

type Node =
  | { type: 'kind'; group: ActorGroup }
  | { type: 'actor'; actor: ActorSummary }
  | { type: 'article'; actorId: string; article: ActorArticle }
  | { type: 'mention'; uri: string; mention: MentionInContext };

const kindLabels: Record<ViewActorKind, string> = {
  person: 'People',
  country: 'Countries',
  organization: 'Organisations',
  media: 'Media',
  place: 'Places',
  other: 'Other',
};

const kindIcons: Record<ViewActorKind, string> = {
  person: 'person',
  country: 'globe',
  organization: 'organization',
  media: 'broadcast',
  place: 'location',
  other: 'symbol-misc',
};

/** Actors by kind → articles that mention them → each mention with its line; a click opens the mention. */
export class ActorsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private filter = '';

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.view = vscode.window.createTreeView('annotatedReading.actors', { treeDataProvider: this, showCollapseAll: true });
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  setFilter(filter: string): void {
    this.filter = filter.trim();
    this.view.description = this.filter ? `filter: ${this.filter}` : undefined;
    this.refresh();
  }

  get currentFilter(): string {
    return this.filter;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'kind': {
        const item = new vscode.TreeItem(kindLabels[node.group.kind], vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.group.actors.length}`;
        item.iconPath = new vscode.ThemeIcon(kindIcons[node.group.kind]);
        return item;
      }
      case 'actor': {
        const { actor } = node;
        const item = new vscode.TreeItem(actor.name, actor.mentions ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = `${actor.mentions} ${actor.mentions === 1 ? 'mention' : 'mentions'}${actor.articles ? ` · ${actor.articles} ${actor.articles === 1 ? 'article' : 'articles'}` : ''}`;
        item.tooltip = `${actor.name} (${actor.id})`;
        item.id = `actor:${actor.id}`;
        item.contextValue = 'actor';
        return item;
      }
      case 'article': {
        const item = new vscode.TreeItem(node.article.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${node.article.mentions}`;
        item.resourceUri = vscode.Uri.parse(node.article.uri);
        item.iconPath = vscode.ThemeIcon.File;
        item.id = `article:${node.actorId}:${node.article.uri}`;
        return item;
      }
      case 'mention': {
        const { mention } = node;
        const item = new vscode.TreeItem({ label: mention.context, highlights: [mention.highlight] }, vscode.TreeItemCollapsibleState.None);
        item.description = `line ${mention.range.start.line + 1}`;
        const client = this.client();
        const selection = client ? client.protocol2CodeConverter.asRange(mention.range) : undefined;
        item.command = { command: 'vscode.open', title: 'Open Mention', arguments: [vscode.Uri.parse(node.uri), { selection }] };
        return item;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const client = this.client();
    if (!client) return [];
    if (!node) {
      const result = await client.sendRequest<ActorsResult>(actorsRequest, { filter: this.filter } satisfies ActorsParams);
      this.view.message = result.groups.length ? undefined : this.filter ? `No actor matches “${this.filter}”.` : 'No annotated actors yet.';
      return result.groups.map((group) => ({ type: 'kind', group }));
    }
    switch (node.type) {
      case 'kind':
        return node.group.actors.map((actor) => ({ type: 'actor', actor }));
      case 'actor': {
        const articles = await client.sendRequest<ActorArticle[]>(actorArticlesRequest, { actorId: node.actor.id } satisfies ActorArticlesParams);
        return articles.map((article) => ({ type: 'article', actorId: node.actor.id, article }));
      }
      case 'article': {
        const mentions = await client.sendRequest<MentionInContext[]>(actorMentionsRequest, { actorId: node.actorId, uri: node.article.uri } satisfies ActorMentionsParams);
        return mentions.map((mention) => ({ type: 'mention', uri: node.article.uri, mention }));
      }
      case 'mention':
        return [];
    }
  }
}
