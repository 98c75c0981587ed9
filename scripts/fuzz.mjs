// `npm run fuzz`: the long run of the robustness suites. Builds, then runs the property suites
// (out/test/fuzz) with 100,000 generated cases split evenly over their properties, and the LSP soak with
// 10,000 edits, both from a fresh random seed that it prints first. CI runs the same suites with small
// fixed defaults (FUZZ_RUNS=200 per property, SOAK_EDITS=3000, a constant FUZZ_SEED).
//
//   node scripts/fuzz.mjs [--runs N] [--edits N] [--seed S]
//
// A failure prints fast-check's seed and shrunk counterexample; rerun one property with
//   FUZZ_SEED=S FUZZ_RUNS=N npx mocha out/test/fuzz/*.test.js --grep "<title>"
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    edits: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(Math.floor(Math.random() * 2 ** 31)) },
  },
});
console.log(`fuzz: seed ${values.seed}, ${values.runs} generated cases, ${values.edits} soak edits`);

/** Runs a command in the repository root with the given environment added; stops at the first failure. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`fuzz: ${[command, ...args].join(' ')} failed (seed ${values.seed})`);
    process.exit(result.status ?? 1);
  }
}

const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
run(process.execPath, [mocha, '--timeout', '0', 'out/test/fuzz/*.test.js'], { FUZZ_TOTAL_RUNS: values.runs, FUZZ_SEED: values.seed });
run(process.execPath, [mocha, '--timeout', '0', 'out/test/lsp/soak.test.js'], { SOAK_EDITS: values.edits, FUZZ_SEED: values.seed });
console.log('fuzz: passed');
