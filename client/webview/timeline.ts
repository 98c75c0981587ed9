// The timeline webview: the earliest dated statements the server found, on a time axis, one row each. A bar
// covers the span the date stands for, so precision shows as width (a day is a thin mark, a year a long
// bar) and as the bar's colour and a label; ranges get end caps. A click or Enter opens the sentence.
import { axisTop, scaleUtc, select, type ScaleTime } from 'd3';
import type { TimelineItem, TimelineResult } from '../../server/src/protocol';
import type { TimelineFromWebview, TimelineToWebview } from './messages';
import { activate, extensionChannel, onExtensionMessage } from './vscodeApi';

const vscode = extensionChannel<TimelineFromWebview>();
const rowHeight = 44;
const axisHeight = 28;
const barHeights = { day: 14, month: 10, year: 6 } as const;

const toolbar = select(document.body).append('div').attr('class', 'toolbar');
const actorSelect = toolbar.append('label').text('Actor ').append('select').attr('id', 'actor-filter');
const articleSelect = toolbar.append('label').text('Article ').append('select').attr('id', 'article-filter');
const legend = toolbar.append('div').attr('class', 'legend');
for (const [precision, label] of [['day', 'day: a mark'], ['month', 'month: a short bar'], ['year', 'year: a long bar']]) legend.append('span').attr('class', `precision-${precision}`).text(label);
const note = select(document.body).append('p').attr('class', 'note').attr('id', 'timeline-note').attr('role', 'status');
const chart = select(document.body).append('div').attr('id', 'timeline');
let current: TimelineResult | undefined;

function filterChanged(): void {
  vscode.postMessage({ type: 'filter', actorId: actorSelect.property('value') as string, uri: articleSelect.property('value') as string });
}
actorSelect.on('change', filterChanged);
articleSelect.on('change', filterChanged);

onExtensionMessage<TimelineToWebview>((message) => {
  current = message.data;
  fillSelect(actorSelect, 'All actors', message.data.actors.map((a) => [a.id, a.name]), message.selectedActor);
  fillSelect(articleSelect, 'All articles', message.data.articles.map((a) => [a.uri, a.title]), message.selectedArticle);
  const { items, total } = message.data;
  note.text(total > items.length ? `Showing the earliest ${items.length.toLocaleString('en')} of ${total.toLocaleString('en')} dated statements: choose an actor or an article to see the others.` : '');
  draw(message.data);
});
window.addEventListener('resize', () => current && draw(current));
vscode.postMessage({ type: 'ready' });

function fillSelect(target: ReturnType<typeof select<HTMLSelectElement, unknown>>, all: string, options: [string, string][], selected: string): void {
  target.selectAll('option').remove();
  for (const [value, label] of [['', all] as [string, string], ...options]) target.append('option').attr('value', value).property('selected', value === selected).text(label);
}

function draw(data: TimelineResult): void {
  chart.selectAll('*').remove();
  if (data.items.length === 0) {
    chart.append('p').attr('class', 'empty').text('No dated statements match. Dates appear here as articles are indexed.');
    return;
  }
  const width = Math.max(480, document.body.clientWidth - 24);
  const axisWidth = Math.round(width * 0.4);
  const textX = axisWidth + 16;
  const names = new Map(data.actors.map((a) => [a.id, a.name]));
  const titles = new Map(data.articles.map((a) => [a.uri, a.title]));
  const from = new Date(data.items.reduce((min, i) => (i.from < min ? i.from : min), data.items[0].from));
  const until = new Date(data.items.reduce((max, i) => (i.until > max ? i.until : max), data.items[0].until));
  const x = scaleUtc().domain([from, until]).range([8, axisWidth - 8]).nice();
  const svg = chart
    .append('svg')
    .attr('width', width)
    .attr('height', axisHeight + data.items.length * rowHeight)
    .attr('role', 'list');
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${axisHeight - 4})`).call(axisTop(x).ticks(Math.max(2, Math.floor(axisWidth / 90))));
  const characters = Math.max(20, Math.floor((width - textX) / 6.5));
  data.items.forEach((item, index) => {
    const row = svg
      .append('g')
      .attr('class', `row precision-${item.precision}`)
      .attr('data-line', item.range.start.line)
      .attr('aria-label', `${item.text}: ${item.sentence}`)
      .attr('transform', `translate(0,${axisHeight + index * rowHeight})`);
    activate(row.node() as Element, () => open(item));
    row.append('rect').attr('class', 'band').attr('width', width).attr('height', rowHeight);
    drawBar(row, item, x);
    const label = row.append('text').attr('x', textX).attr('y', 16);
    label.append('tspan').attr('class', 'date').text(item.text);
    label.append('tspan').attr('class', 'precision-tag').text(`  ${item.precision}${item.value.includes('/') ? ' range' : ''} · ${item.value}  `);
    label.append('tspan').attr('class', 'sentence').text(cut(item.sentence, characters - item.text.length - 20));
    const actors = item.actorIds.map((id) => names.get(id) ?? id).join(', ');
    row.append('text').attr('class', 'meta').attr('x', textX).attr('y', 34).text(cut(`${titles.get(item.uri) ?? item.uri}${actors ? ` · ${actors}` : ''}`, characters));
    row.append('title').text(`${item.sentence}\n${titles.get(item.uri) ?? ''}${actors ? `\nActors: ${actors}` : ''}`);
  });
}

function drawBar(row: ReturnType<typeof select<SVGGElement, unknown>>, item: TimelineItem, x: ScaleTime<number, number>): void {
  const left = x(new Date(item.from));
  const right = x(new Date(item.until));
  const height = barHeights[item.precision];
  const y = rowHeight / 2 - height / 2;
  row.append('rect').attr('class', 'bar').attr('x', left).attr('y', y).attr('width', Math.max(3, right - left)).attr('height', height).attr('rx', item.precision === 'day' ? 1.5 : 0);
  if (item.value.includes('/')) {
    for (const at of [left, Math.max(left + 3, right)]) row.append('line').attr('class', 'range-cap').attr('x1', at).attr('x2', at).attr('y1', y - 4).attr('y2', y + height + 4);
  }
}

function open(item: TimelineItem): void {
  vscode.postMessage({ type: 'open', uri: item.uri, range: item.range });
}

function cut(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, Math.max(1, length - 1))}…`;
}
