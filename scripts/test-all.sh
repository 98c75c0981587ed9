#!/usr/bin/env bash
# `npm test`: every suite, in the order a failure is cheapest to find. Installs the real VS Code it needs
# (scripts/vscode-env.sh), builds, then runs: types and lint, unit and fuzz, grammar, CLI and language
# server, packaging, extension host in code-server, browser end-to-end, and the benchmark once at
# N = 1,000 so it cannot rot. Ends with one line: "tests: N passed, M failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"
logs=$(mktemp -d "${TMPDIR:-/tmp}/annotated-reading-test-XXXXXX")
passed=0
failed=0
failed_suites=()

log() { echo; echo "[$(date +%T)] ==== $*"; }

# Runs one suite, keeps its output, and adds its counts: mocha's "N passing / N failing", or the
# "N passed, M failed" line our own runners print; a suite that prints neither counts by exit code.
suite() {
  local name=$1
  shift
  log "$name: $*"
  "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]}
  local out p f
  out=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/$name.log")
  p=$(grep -Eo '^ *[0-9]+ passing' <<<"$out" | grep -Eo '[0-9]+' | awk '{ s += $1 } END { if (NR) print s }')
  f=$(grep -Eo '^ *[0-9]+ failing' <<<"$out" | grep -Eo '[0-9]+' | awk '{ s += $1 } END { if (NR) print s }')
  if [ -z "$p$f" ]; then
    p=$(grep -Eo '^[a-z-]+: [0-9]+ passed' <<<"$out" | grep -Eo '[0-9]+' | tail -1)
    f=$(grep -Eo '[0-9]+ failed$' <<<"$out" | grep -Eo '[0-9]+' | tail -1)
  fi
  if [ -z "$p$f" ]; then
    if [ "$status" = 0 ]; then p=1; f=0; else p=0; f=1; fi
  fi
  p=${p:-0}
  f=${f:-0}
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$f" = 0 ] || failed_suites+=("$name")
}

log "setup: real VS Code (code-server) and Chromium"
bash scripts/vscode-env.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

suite types tsc -b
suite lint eslint .
suite build node scripts/build.mjs
suite unit mocha 'out/test/unit/**/*.test.js' 'out/test/fuzz/**/*.test.js'
suite grammar npm run -s test:grammar
suite lsp mocha 'out/test/cli/**/*.test.js' 'out/test/lsp/**/*.test.js'
suite package mocha 'out/test/package/**/*.test.js'
suite extension-host node scripts/run-extension-tests.mjs
suite e2e mocha --timeout 180000 'out/test/e2e/**/*.test.js'
suite bench node out/bench/run.js --n 1000

echo
echo "Logs: $logs${failed_suites[*]:+ (failed: ${failed_suites[*]})}"
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
