// The connections webview: actors as nodes (sized by mentions, coloured by kind) and an edge wherever two
// actors share paragraphs, thicker the more they do, laid out by a force simulation. Drag to move a
// node, scroll to zoom; a click or Enter on a node lists its mentions in the editor.
import { drag, forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, select, zoom, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3';
import type { ConnectionEdge, ConnectionNode, ConnectionsResult } from '../../server/src/protocol';
import type { ConnectionsFromWebview, ConnectionsToWebview } from './messages';
import { activate, extensionChannel, onExtensionMessage } from './vscodeApi';

type Node = ConnectionNode & SimulationNodeDatum;
type Link = SimulationLinkDatum<Node> & { weight: number };

const vscode = extensionChannel<ConnectionsFromWebview>();
const kinds = ['person', 'country', 'organization', 'media', 'place', 'other'];

const toolbar = select(document.body).append('div').attr('class', 'toolbar legend');
for (const kind of kinds) {
  const entry = toolbar.append('span');
  entry.append('span').attr('class', `swatch kind-${kind}`);
  entry.append('span').text(kind);
}
toolbar.append('span').attr('class', 'hint').text('Edges: actors named in the same paragraph (thicker = more often). Click a node to list its mentions.');
const chart = select(document.body).append('div').attr('id', 'connections');
let simulation: ReturnType<typeof forceSimulation<Node>> | undefined;

onExtensionMessage<ConnectionsToWebview>((message) => draw(message.data));
vscode.postMessage({ type: 'ready' });

function draw(data: ConnectionsResult): void {
  simulation?.stop();
  chart.selectAll('*').remove();
  if (data.nodes.length === 0) {
    chart.append('p').attr('class', 'empty').text('No two annotated actors share a paragraph yet.');
    return;
  }
  const width = Math.max(320, document.body.clientWidth - 24);
  const height = Math.max(320, window.innerHeight - 60);
  const nodes: Node[] = data.nodes.map((n) => ({ ...n }));
  const links: Link[] = data.edges.map((e: ConnectionEdge) => ({ source: e.source, target: e.target, weight: e.weight }));
  const radius = (n: Node) => 4 + Math.sqrt(n.mentions) * 1.6;
  const svg = chart.append('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'list');
  const layer = svg.append('g');
  svg.call(zoom<SVGSVGElement, unknown>().scaleExtent([0.2, 5]).on('zoom', (event) => layer.attr('transform', event.transform)));
  const link = layer
    .append('g')
    .selectAll('line')
    .data(links)
    .join('line')
    .attr('class', 'link')
    .attr('stroke-width', (l) => Math.min(8, 0.8 + Math.sqrt(l.weight)));
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  link.append('title').text((l) => `${names.get(l.source as string)} – ${names.get(l.target as string)}: ${l.weight} shared ${l.weight === 1 ? 'paragraph' : 'paragraphs'}`);
  const node = layer
    .append('g')
    .selectAll<SVGGElement, Node>('g')
    .data(nodes)
    .join('g')
    .attr('class', 'node')
    .attr('data-id', (n) => n.id)
    .attr('aria-label', (n) => `${n.name}, ${n.mentions} mentions`);
  node.append('circle').attr('r', radius).attr('class', (n) => `kind-${n.kind}`);
  node.append('text').attr('x', (n) => radius(n) + 3).attr('y', 4).text((n) => n.name);
  node.append('title').text((n) => `${n.name} (${n.kind}) · ${n.mentions} mentions`);
  node.each(function (n) {
    activate(this, () => vscode.postMessage({ type: 'showMentions', actorId: n.id }));
  });

  simulation = forceSimulation(nodes)
    .force('link', forceLink<Node, Link>(links).id((n) => n.id).distance(90).strength((l) => Math.min(1, 0.1 + l.weight / 10)))
    .force('charge', forceManyBody().strength(-220))
    .force('center', forceCenter(width / 2, height / 2))
    .force('collide', forceCollide<Node>().radius((n) => radius(n) + 6))
    .on('tick', () => {
      link
        .attr('x1', (l) => (l.source as Node).x ?? 0)
        .attr('y1', (l) => (l.source as Node).y ?? 0)
        .attr('x2', (l) => (l.target as Node).x ?? 0)
        .attr('y2', (l) => (l.target as Node).y ?? 0);
      node.attr('transform', (n) => `translate(${n.x ?? 0},${n.y ?? 0})`);
    })
    // Says when the layout has come to rest, for readers of the DOM (assistive tools, the browser tests).
    .on('end', () => svg.attr('data-settled', 'true'));
  const running = simulation;
  node.call(
    drag<SVGGElement, Node>()
      .on('start', (event, n) => {
        if (!event.active) running.alphaTarget(0.3).restart();
        n.fx = n.x;
        n.fy = n.y;
      })
      .on('drag', (event, n) => {
        n.fx = event.x;
        n.fy = event.y;
      })
      .on('end', (event, n) => {
        if (!event.active) running.alphaTarget(0);
        n.fx = null;
        n.fy = null;
      }),
  );
}
