import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  actorLocationsRequest,
  connectionsRequest,
  corpusChangedNotification,
  timelineRequest,
  type ActorLocation,
  type ActorLocationsParams,
  type ConnectionsParams,
  type ConnectionsResult,
  type TimelineParams,
  type TimelineResult,
  type ViewRange,
} from '../../../server/src/protocol';
import type { ConnectionsFromWebview, ConnectionsToWebview, TimelineFromWebview, TimelineToWebview } from '../../webview/messages';
import { ActorsTree } from './actorsTree';
import { WebviewPanel } from './webviewPanel';

/**
 * The workspace views: the actors tree, the timeline and the connections graph. The server computes
 * everything; these only ask, draw and open what the reader clicks. All of them ask again when the
 * server says the corpus changed.
 */
export class CorpusViews implements vscode.Disposable {
  private readonly actors: ActorsTree;
  private readonly timeline: WebviewPanel<TimelineToWebview, TimelineFromWebview>;
  private readonly connections: WebviewPanel<ConnectionsToWebview, ConnectionsFromWebview>;
  private readonly disposables: vscode.Disposable[] = [];
  private timelineFilter = { actorId: '', uri: '' };

  constructor(
    context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
  ) {
    this.actors = new ActorsTree(client);
    this.timeline = new WebviewPanel(context.extensionUri, 'annotatedReading.timeline', { script: 'timeline', title: 'Timeline', styles: timelineStyles }, (m) => this.onTimelineMessage(m));
    this.connections = new WebviewPanel(context.extensionUri, 'annotatedReading.connections', { script: 'connections', title: 'Connections', styles: connectionsStyles }, (m) => this.onConnectionsMessage(m));
    this.disposables.push(
      this.actors,
      this.timeline,
      this.connections,
      vscode.commands.registerCommand('annotatedReading.showActors', () => vscode.commands.executeCommand('annotatedReading.actors.focus')),
      vscode.commands.registerCommand('annotatedReading.filterActors', () => this.askActorFilter()),
      vscode.commands.registerCommand('annotatedReading.showTimeline', () => this.timeline.show()),
      vscode.commands.registerCommand('annotatedReading.showConnections', () => this.connections.show()),
    );
  }

  /** A new language client (after a restart): listen to it and redraw from it. */
  attach(client: LanguageClient): void {
    client.onNotification(corpusChangedNotification, () => this.refresh());
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private refresh(): void {
    this.actors.refresh();
    if (this.timeline.visible) void this.sendTimeline();
    if (this.connections.visible) void this.sendConnections();
  }

  private async askActorFilter(): Promise<void> {
    const filter = await vscode.window.showInputBox({
      title: 'Filter Actors',
      prompt: 'Show actors whose name, alias or id contains this text (empty to show all).',
      value: this.actors.currentFilter,
    });
    if (filter !== undefined) this.actors.setFilter(filter);
  }

  private onTimelineMessage(message: TimelineFromWebview): void {
    if (message.type === 'ready') void this.sendTimeline();
    else if (message.type === 'filter') {
      this.timelineFilter = { actorId: message.actorId, uri: message.uri };
      void this.sendTimeline();
    } else if (message.type === 'open') void this.open(message.uri, message.range);
  }

  private async sendTimeline(): Promise<void> {
    const client = this.client();
    if (!client) return;
    const { actorId, uri } = this.timelineFilter;
    const params: TimelineParams = { actorIds: actorId ? [actorId] : [], uris: uri ? [uri] : [] };
    const data = await client.sendRequest<TimelineResult>(timelineRequest, params);
    this.timeline.post({ type: 'data', data, selectedActor: actorId, selectedArticle: uri });
  }

  private onConnectionsMessage(message: ConnectionsFromWebview): void {
    if (message.type === 'ready') void this.sendConnections();
    else if (message.type === 'showMentions') void this.showMentions(message.actorId);
  }

  private async sendConnections(): Promise<void> {
    const client = this.client();
    if (!client) return;
    const data = await client.sendRequest<ConnectionsResult>(connectionsRequest, {} satisfies ConnectionsParams);
    this.connections.post({ type: 'data', data });
  }

  private async open(uri: string, range: ViewRange): Promise<void> {
    const client = this.client();
    const selection = client?.protocol2CodeConverter.asRange(range);
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection, viewColumn: vscode.ViewColumn.One });
  }

  /** The actor's mentions across the workspace in the references peek, opened on its first article. */
  private async showMentions(actorId: string): Promise<void> {
    const client = this.client();
    if (!client) return;
    const found = await client.sendRequest<ActorLocation[]>(actorLocationsRequest, { actorId } satisfies ActorLocationsParams);
    if (found.length === 0) return;
    const locations = found.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), client.protocol2CodeConverter.asRange(l.range)));
    const first = locations[0];
    await vscode.window.showTextDocument(first.uri, { selection: first.range, viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('editor.action.showReferences', first.uri, first.range.start, locations);
  }
}

const timelineStyles = `
.row .bar { fill: var(--vscode-charts-blue); }
.row.precision-month .bar { fill: var(--vscode-charts-purple); }
.row.precision-year .bar { fill: var(--vscode-charts-orange); opacity: 0.75; }
.row .range-cap { stroke: var(--vscode-editor-foreground); stroke-width: 1.5; }
.row:hover .band, .row:focus .band { fill: var(--vscode-list-hoverBackground); }
.row .band { fill: transparent; }
.row .date { font-weight: 600; }
.row .sentence { fill: var(--vscode-editor-foreground); }
.row .meta { fill: var(--vscode-descriptionForeground); font-size: 0.9em; }
.precision-tag { fill: var(--vscode-descriptionForeground); font-size: 0.85em; }
.legend span { margin-right: 12px; color: var(--vscode-descriptionForeground); }
.note { color: var(--vscode-descriptionForeground); margin: 4px 0; }
.note:empty { display: none; }
`;

const connectionsStyles = `
html, body { height: 100%; }
svg { width: 100%; height: calc(100vh - 60px); }
.link { stroke: var(--vscode-editorLineNumber-foreground, var(--vscode-descriptionForeground)); stroke-opacity: 0.6; }
.node circle { stroke: var(--vscode-editor-background); stroke-width: 1.5; }
.node text { font-size: 11px; pointer-events: none; }
.node:hover circle, .node:focus circle { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
.legend span { margin-right: 12px; }
.legend .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: middle; }
.swatch.kind-person { background: var(--vscode-charts-blue); }
.swatch.kind-country { background: var(--vscode-charts-green); }
.swatch.kind-organization { background: var(--vscode-charts-orange); }
.swatch.kind-media { background: var(--vscode-charts-purple); }
.swatch.kind-place { background: var(--vscode-charts-yellow); }
.swatch.kind-other { background: var(--vscode-charts-red); }
`;
