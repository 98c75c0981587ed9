#!/usr/bin/env bash
# Opens the sample articles in a real VS Code in the browser (code-server) with the extension
# installed from the freshly packaged .vsix. Prints the URL to open; Ctrl+C stops everything.
#   bash scripts/start.sh        PORT=9000 bash scripts/start.sh
# It listens on 127.0.0.1 only, without a password: anyone on this machine can reach it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${PORT:-8080}
log() { echo "[$(date +%T)] start: $*"; }

bash "$root/scripts/vscode-env.sh"
tools=${ANNOTATED_READING_TOOLS:-$HOME/.cache/annotated-reading/tools}

cd "$root"
if [ ! -d node_modules ]; then
  log "npm ci"
  npm ci
fi
log "npm run package"
npm run package
vsix="$root/dist/annotated-reading.vsix"

# A fresh profile each run, so what you see is the packaged extension on default settings.
state=$(mktemp -d "${TMPDIR:-/tmp}/annotated-reading-start-XXXXXX")
export XDG_CONFIG_HOME="$state/xdg/config" XDG_DATA_HOME="$state/xdg/data" XDG_CACHE_HOME="$state/xdg/cache" XDG_STATE_HOME="$state/xdg/state"
# Inside a VS Code terminal this would make code-server hand the folder to that VS Code instead.
unset VSCODE_IPC_HOOK_CLI
mkdir -p "$state/user-data/User"
cp "$root/scripts/code-server-settings.json" "$state/user-data/User/settings.json"
code_server=("$tools/node/bin/node" "$tools/code-server/out/node/entry.js"
  --config "$state/config.yaml" --user-data-dir "$state/user-data" --extensions-dir "$state/extensions")

log "installing $vsix"
"${code_server[@]}" --install-extension "$vsix" >"$state/install.log" 2>&1 || { cat "$state/install.log"; exit 1; }

server_pid=
stop() {
  trap - INT TERM EXIT
  if [ -n "$server_pid" ]; then
    log "stopping code-server"
    # The server leads its own process group (setsid): this also ends the extension hosts, which
    # would otherwise outlive it by about 30 s.
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$state"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

log "starting code-server on 127.0.0.1:$port (log: $state/code-server.log)"
setsid "${code_server[@]}" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry \
  --disable-update-check --disable-workspace-trust >"$state/code-server.log" 2>&1 &
server_pid=$!

# Wait until it answers, or give up if it died (say, the port is taken) or 30 s passed.
for _ in $(seq 150); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$state/code-server.log"
    log "code-server exited; is port $port in use? Try PORT=... bash scripts/start.sh"
    exit 1
  fi
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { log "code-server did not answer within 30 s"; exit 1; }

folder=$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$root/sample")
log "ready. Open http://127.0.0.1:$port/?folder=$folder   (Ctrl+C to stop)"
wait "$server_pid" || true
log "code-server exited"
