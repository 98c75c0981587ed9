/**
 * `npm run bench`: generates (or reuses) the corpus for each size, measures the core in process and a
 * real server over stdio, and prints the figures against the project's performance targets. Targets are
 * reported, never enforced: the exit code is non-zero only when something crashed.
 *
 *   node out/bench/run.js [--n 1000] [--seed 42] [--core-only] [--json]
 */
import * as os from 'node:os';
import { ensureCorpus, type Corpus } from './corpus';
import { MB, measureCore, type CoreFigures } from './core';
import { dateCases } from './dateCases';
import { measureServer, type ServerFigures } from './server';

const defaultSizes = [1000, 10000];
const defaultSeed = 20240206;

interface Options {
  sizes: number[];
  seed: number;
  coreOnly: boolean;
  json: boolean;
}

interface Run {
  n: number;
  corpus: Pick<Corpus, 'root' | 'reused' | 'actors' | 'aliases'> & { files: number; megabytes: number };
  core: CoreFigures;
  server?: ServerFigures;
}

interface Machine {
  cores: number;
  cpu: string;
  node: string;
  memoryGB: number;
  /** One-minute load average when the run started and when it ended. */
  loadAverage: [number, number];
}

interface TargetCheck {
  name: string;
  target: string;
  value: string;
  met: boolean | undefined;
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = { sizes: [], seed: defaultSeed, coreOnly: false, json: false };
  for (let i = 0; i < args.length; i++) {
    const numberAfter = () => {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${args[i - 1]} needs a positive whole number, not ${args[i]}`);
      return value;
    };
    if (args[i] === '--n') options.sizes.push(numberAfter());
    else if (args[i] === '--seed') options.seed = numberAfter();
    else if (args[i] === '--core-only') options.coreOnly = true;
    else if (args[i] === '--json') options.json = true;
    else throw new Error(`unknown argument ${args[i]} (expected --n N, --seed S, --core-only, --json)`);
  }
  if (options.sizes.length === 0) options.sizes = defaultSizes;
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // Other processes slow every figure; the load average before and after tells a reader how much.
  const loadAtStart = os.loadavg()[0];
  // Progress goes to stderr so that --json leaves stdout machine-readable.
  const say = (message: string) => process.stderr.write(`${message}\n`);
  const runs: Run[] = [];
  for (const n of options.sizes) {
    say(`N = ${n}: preparing the corpus…`);
    const corpus = ensureCorpus({ articles: n, seed: options.seed });
    say(`  ${corpus.reused ? 'reused' : 'generated'} ${corpus.root}; measuring the core…`);
    const core = measureCore(corpus);
    let server: ServerFigures | undefined;
    if (!options.coreOnly) {
      say('  measuring the language server…');
      server = await measureServer(corpus, options.seed);
    }
    const summary = { root: corpus.root, reused: corpus.reused, actors: corpus.actors, aliases: corpus.aliases, files: corpus.articles.length, megabytes: corpus.bytes / MB };
    runs.push({ n, corpus: summary, core, server });
  }
  const machine: Machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, memoryGB: os.totalmem() / 1024 ** 3, loadAverage: [loadAtStart, os.loadavg()[0]] };
  const targets = checkTargets(runs);
  if (options.json) process.stdout.write(JSON.stringify({ machine, seed: options.seed, runs, targets }, null, 2) + '\n');
  else process.stdout.write(report(machine, runs, targets));
}

// ---- Targets --------------------------------------------------------------------------------------

const analysisMBps = (run: Run) => run.corpus.megabytes / run.core.analysisSeconds;
const floorRatio = (run: Run) => run.core.analysisSeconds / run.core.floorSeconds;
const datesRatio = (run: Run) => run.core.chronoSeconds / run.core.datesOnSampleSeconds;

function checkTargets(runs: readonly Run[]): TargetCheck[] {
  const each = (name: string, target: string, value: (run: Run) => number | undefined, format: (v: number) => string, ok: (v: number) => boolean): TargetCheck => {
    const values = runs.map((run) => ({ run, value: value(run) })).filter((v): v is { run: Run; value: number } => v.value !== undefined);
    return {
      name,
      target,
      value: values.map(({ run, value: v }) => `${format(v)} @ ${run.n.toLocaleString('en')}`).join(', ') || 'not measured',
      met: values.length ? values.every(({ value: v }) => ok(v)) : undefined,
    };
  };
  const large = runs.filter((run) => run.n === 10000);
  const small = runs.find((run) => run.n === 1000);
  const checks = [
    each('Full analysis throughput', '≥ 20 MB/s', analysisMBps, (v) => `${v.toFixed(1)} MB/s`, (v) => v >= 20),
    each('Full analysis vs floor', '≤ 4× floor time', floorRatio, (v) => `${v.toFixed(1)}×`, (v) => v <= 4),
    each('Dates vs chrono casual throughput', '≥ 50×', datesRatio, (v) => `${v.toFixed(0)}×`, (v) => v >= 50),
    each('Date accuracy vs chrono', '≥ chrono', (run) => run.core.datesAccuracy - run.core.chronoAccuracy, (v) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(0)} points`, (v) => v >= 0),
    each('Cold index, 10,000 articles', '≤ 5 s', (run) => (run.n === 10000 ? run.server?.coldIndexMs : undefined), (v) => `${(v / 1000).toFixed(2)} s`, (v) => v <= 5000),
    each('Hover p99', '≤ 5 ms', (run) => run.server?.hover.p99, (v) => `${v.toFixed(2)} ms`, (v) => v <= 5),
    each('Edit to diagnostics p99', '≤ 20 ms', (run) => run.server?.edit.p99, (v) => `${v.toFixed(2)} ms`, (v) => v <= 20),
    each('Server peak RSS, 10,000 articles', '≤ 300 MB', (run) => (run.n === 10000 && run.server ? Math.max(run.server.peakRssAfterIndexMB, run.server.peakRssAfterHoversMB) : undefined), (v) => `${v.toFixed(0)} MB`, (v) => v <= 300),
  ];
  const scaling = (name: string, time: (run: Run) => number | undefined) => {
    const [a, b] = [small && time(small), large[0] && time(large[0])];
    const ratio = a !== undefined && b !== undefined ? b / a : undefined;
    return { name, target: '≤ 12×', value: ratio === undefined ? 'needs N = 1,000 and 10,000' : `${ratio.toFixed(1)}×`, met: ratio === undefined ? undefined : ratio <= 12 };
  };
  checks.push(scaling('10× articles: analysis time', (run) => run.core.analysisSeconds));
  checks.push(scaling('10× articles: cold index time', (run) => run.server?.coldIndexMs));
  return checks;
}

// ---- Report ---------------------------------------------------------------------------------------

function report(machine: Machine, runs: readonly Run[], targets: readonly TargetCheck[]): string {
  const lines: string[] = [];
  const [loadBefore, loadAfter] = machine.loadAverage.map((load) => load.toFixed(1));
  lines.push(`Machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, ${machine.memoryGB.toFixed(1)} GB RAM; load average ${loadBefore} at start, ${loadAfter} at end`);
  for (const run of runs) {
    const c = run.corpus;
    lines.push(`Corpus N = ${run.n.toLocaleString('en')}: ${c.files.toLocaleString('en')} files, ${c.megabytes.toFixed(1)} MB, ${c.actors.toLocaleString('en')} actors, ${c.aliases.toLocaleString('en')} aliases (${c.root})`);
  }
  lines.push('');
  const header = ['Measure', ...runs.map((run) => `N = ${run.n.toLocaleString('en')}`)];
  const rows: string[][] = [];
  const row = (name: string, cell: (run: Run) => string) => rows.push([name, ...runs.map(cell)]);
  const ms = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(2)} ms`);
  const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
  row('Floor: read + one regex', (r) => `${(r.corpus.megabytes / r.core.floorSeconds).toFixed(0)} MB/s (${r.core.floorSeconds.toFixed(2)} s)`);
  row('Full analysis: read + analyzeArticle', (r) => `${analysisMBps(r).toFixed(1)} MB/s (${r.core.analysisSeconds.toFixed(2)} s)`);
  row('Analysis time / floor time', (r) => `${floorRatio(r).toFixed(1)}×`);
  row('Annotations: parse + index + matcher', (r) => `${r.core.annotationLoadMs.toFixed(0)} ms`);
  row('Found: actors / dates / markers / findings', (r) => `${r.core.found.actorMentions} / ${r.core.found.dates} / ${r.core.found.markers} / ${r.core.found.findings}`);
  row('recognizeDates, whole corpus', (r) => `${(r.corpus.megabytes / r.core.datesSeconds).toFixed(1)} MB/s`);
  row('recognizeDates vs chrono casual, same text', (r) => `${(r.core.chronoSampleBytes / MB / r.core.datesOnSampleSeconds).toFixed(1)} vs ${(r.core.chronoSampleBytes / MB / r.core.chronoSeconds).toFixed(2)} MB/s (${(r.core.chronoSampleBytes / MB).toFixed(1)} MB): ${datesRatio(r).toFixed(0)}×`);
  row('chrono casual on one long string (grows as its square)', (r) => `${(r.core.chronoOneString.bytes / MB / r.core.chronoOneString.seconds).toFixed(2)} MB/s (${(r.core.chronoOneString.bytes / MB).toFixed(1)} MB at once)`);
  row(`Date accuracy, ${dateCases.length} labelled sentences: ours vs chrono`, (r) => `${pct(r.core.datesAccuracy)} vs ${pct(r.core.chronoAccuracy)}`);
  row('Server cold index: spawn → progress end', (r) => (r.server ? `${(r.server.coldIndexMs / 1000).toFixed(2)} s (server's own: ${(r.server.serverElapsedMs / 1000).toFixed(2)} s)` : '—'));
  row('Server: articles / actors indexed', (r) => (r.server ? `${r.server.articles} / ${r.server.actors}` : '—'));
  row('Server peak RSS: after index / after hovers', (r) => (r.server ? `${r.server.peakRssAfterIndexMB.toFixed(0)} / ${r.server.peakRssAfterHoversMB.toFixed(0)} MB` : '—'));
  row('Hover p50 / p99 (1,000 random positions)', (r) => (r.server ? `${ms(r.server.hover.p50)} / ${ms(r.server.hover.p99)} (${r.server.hover.answered} answered)` : '—'));
  row('Edit → pulled diagnostics p50 / p99 (100 KB article)', (r) => (r.server ? `${ms(r.server.edit.p50)} / ${ms(r.server.edit.p99)} (${r.server.edit.count} edits)` : '—'));
  row('Timeline request: all / busiest actor (rows of total)', (r) => {
    const t = r.server?.timeline;
    return t ? `${(t.allMs / 1000).toFixed(2)} s (${t.allItems} of ${t.allTotal}) / ${(t.actorMs / 1000).toFixed(2)} s (${t.actorItems} of ${t.actorTotal})` : '—';
  });
  lines.push(...markdownTable(header, rows), '');
  lines.push(
    'Floor and analysis both read every file from disk (page cache) in this process; core figures are the best of three passes below 20 MB.',
    'Cold index runs from spawning dist/server.js to the `end` of its indexing work-done progress. Each opened article has its diagnostics',
    'pulled once before the hovers, as VS Code does on open. Edits alternately break and fix one citation marker (incremental didChange,',
    'then textDocument/diagnostic until the report shows it). Peak RSS is VmHWM from /proc.',
    '',
  );
  lines.push(...markdownTable(['Target', 'Goal', 'Measured', 'Met'], targets.map((t) => [t.name, t.target, t.value, t.met === undefined ? 'n/a' : t.met ? 'yes' : 'NO'])));
  return lines.join('\n') + '\n';
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
