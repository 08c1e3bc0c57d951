#!/usr/bin/env bash
# ensure-pulumi.sh — make sure the Pulumi CLI toolchain needed to run this
# project's Node.js programs (with dynamic providers) is available:
#
#   pulumi                          the CLI / engine
#   pulumi-language-nodejs          the Node.js language host
#   pulumi-resource-pulumi-nodejs   the dynamic-provider launcher (shell script)
#
# Usage:  PULUMI_BIN_DIR="$(scripts/toolchain/ensure-pulumi.sh [PROJECT_DIR] | tail -n 1)"
#         export PATH="$PULUMI_BIN_DIR:$PATH"
#
# The last line on stdout is ONE directory holding all three; progress and
# timings go to stderr. PROJECT_DIR (default: the repository root this script
# lives in) is where node_modules/@pulumi/pulumi is looked up to copy the
# launcher from.
#
# The CLI is not on any package registry we can reach as a binary (the npm
# package `pulumi` downloads it from get.pulumi.com at run time), so both Go
# programs are built from the Go module proxy, each in its own small wrapper
# module under the cache (never in the repository):
#   ${PULUMI_GITHUB_SECRETS_CACHE:-$HOME/.cache/pulumi-github-secrets}/pulumi-<tag>/
#     bin/        pulumi, pulumi-language-nodejs, pulumi-resource-pulumi-nodejs
#     build/<n>/  wrapper go.mod/go.sum per binary
#     VERSIONS    stamp of what bin/ was built from
# The Go module and build caches stay where Go puts them (GOMODCACHE, GOCACHE).
# Needs: bash, go >= 1.26.6 (pkg/v3 v3.274.1's go directive; with
# GOTOOLCHAIN=local an older go fails), a GOPROXY that serves the versions
# pinned in pulumi-pins.sh, and the project's node_modules (npm ci) for the
# launcher.
# Concurrent runs (several worktrees, CI jobs sharing a cache) are safe:
# with flock they are serialised per toolchain directory, so the second waits
# and reuses the first one's build; without flock each builds in its own
# temporary wrapper directory and every file lands by an atomic rename (the
# stamp last), so a reader sees the old or the new toolchain, never half of
# one. Go's own module and build caches lock themselves.
# The pinned versions and hashes are in pulumi-pins.sh, the build in
# pulumi-go-build.sh, the launcher in pulumi-launcher.sh (all sourced here).
# Cold build (empty Go caches, 2 cores): ~200 s and ~1.7 GB of modules;
# with warm Go caches ~8 s; cached: ~0.1 s.
#
# Environment:
#   PULUMI_GITHUB_SECRETS_CACHE    cache root (default ~/.cache/pulumi-github-secrets)
#   ENSURE_PULUMI_IGNORE_PATH=1    ignore a suitable pulumi on PATH, use/build the cache
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pulumi-pins.sh
source "${SCRIPT_DIR}/pulumi-pins.sh"
# shellcheck source=pulumi-launcher.sh
source "${SCRIPT_DIR}/pulumi-launcher.sh"
# shellcheck source=pulumi-go-build.sh
source "${SCRIPT_DIR}/pulumi-go-build.sh"

PROJECT_DIR="$(cd -- "${1:-${SCRIPT_DIR}/../..}" && pwd)"
CACHE_ROOT="${PULUMI_GITHUB_SECRETS_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-github-secrets}"
TOOL_DIR="${CACHE_ROOT}/pulumi-v${PULUMI_VERSION}-nodejs-${LANGHOST_MODULE_VERSION##*-}"
BIN_DIR="${TOOL_DIR}/bin"
STAMP_FILE="${TOOL_DIR}/VERSIONS"
STAMP="pulumi ${PULUMI_PKG_MODULE}@v${PULUMI_VERSION}
pulumi-language-nodejs ${LANGHOST_MODULE}@${LANGHOST_MODULE_VERSION} (pkg/sdk v${LANGHOST_RELEASE})"

T0=$SECONDS
log() { printf '[ensure-pulumi +%ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Keep `pulumi version` from phoning home or creating ~/.pulumi/logs.
pulumi_version_of() {
  local home out=""
  home="$(mktemp -d "${TMPDIR:-/tmp}/ensure-pulumi-home.XXXXXX")"
  out="$(PULUMI_SKIP_UPDATE_CHECK=true PULUMI_HOME="$home" "$1" version 2>/dev/null | tail -n 1)" || true
  rm -rf -- "$home"
  printf '%s\n' "$out"
}

cache_ok() {
  [[ -x "${BIN_DIR}/pulumi" && -x "${BIN_DIR}/pulumi-language-nodejs" ]] || return 1
  [[ -f "$STAMP_FILE" && "$(cat -- "$STAMP_FILE")" == "$STAMP" ]] || return 1
  [[ "$(pulumi_version_of "${BIN_DIR}/pulumi")" == "v${PULUMI_VERSION}" ]]
}

# Print the cached bin/ (launcher refreshed) and stop.
use_cache() {
  install_launcher "$BIN_DIR"
  log "using cached pulumi v${PULUMI_VERSION} (${BIN_DIR})"
  printf '%s\n' "$BIN_DIR"
  exit 0
}

# --- 1. A fitting pulumi already on PATH? ----------------------------------
# Fits when it reports exactly v$PULUMI_VERSION and a language host sits
# beside it or on PATH. Its directory is printed if the launcher is there too;
# otherwise a shim directory of symlinks + the launcher is made in the cache.
# Our own cache dir on PATH (e.g. a second run in the same shell) goes to 2.
path_pulumi=""
if [[ "${ENSURE_PULUMI_IGNORE_PATH:-0}" != 1 ]]; then
  path_pulumi="$(command -v pulumi 2>/dev/null || true)"
  [[ "${path_pulumi}" == "${BIN_DIR}/pulumi" ]] && path_pulumi=""
fi
if [[ -n "${path_pulumi}" && "$(pulumi_version_of "${path_pulumi}")" == "v${PULUMI_VERSION}" ]]; then
  path_dir="$(dirname -- "$path_pulumi")"
  langhost="${path_dir}/pulumi-language-nodejs"
  [[ -x "$langhost" ]] || langhost="$(command -v pulumi-language-nodejs 2>/dev/null || true)"
  if [[ -n "$langhost" ]]; then
    if [[ -x "${path_dir}/${LAUNCHER}" && "$langhost" == "${path_dir}/pulumi-language-nodejs" ]]; then
      log "using pulumi v${PULUMI_VERSION} from PATH (${path_dir})"
      printf '%s\n' "$path_dir"
      exit 0
    fi
    shim_dir="${CACHE_ROOT}/pulumi-path-shim"
    mkdir -p "$shim_dir"
    ln -sfn -- "$path_pulumi" "${shim_dir}/pulumi"
    ln -sfn -- "$langhost" "${shim_dir}/pulumi-language-nodejs"
    install_launcher "$shim_dir"
    log "using pulumi v${PULUMI_VERSION} from PATH via ${shim_dir}"
    printf '%s\n' "$shim_dir"
    exit 0
  fi
  log "pulumi v${PULUMI_VERSION} on PATH (${path_pulumi}) has no pulumi-language-nodejs; using the cache"
fi

# --- 2. Cached build? ------------------------------------------------------
if cache_ok; then use_cache; fi

# --- 3. Build from the Go module proxy --------------------------------------
command -v go >/dev/null 2>&1 || die "go is required to build the Pulumi CLI (none on PATH)"
# Fail before a minutes-long build if the launcher cannot be provided afterwards.
if ! launcher_source >/dev/null && [[ ! -x "${BIN_DIR}/${LAUNCHER}" ]]; then
  die_without_launcher
fi
mkdir -p "$BIN_DIR" "${TOOL_DIR}/build"
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TOOL_DIR}/.lock"
  log "acquiring lock ${TOOL_DIR}/.lock (a concurrent build holds it until done)"
  flock 9
  if cache_ok; then use_cache; fi   # built by a concurrent run while we waited
fi
rm -f -- "$STAMP_FILE"
# This run's own wrapper modules and half-written files; nothing another run
# (without flock) is using is touched.
WORK_DIR="$(mktemp -d "${TOOL_DIR}/build/.work.XXXXXX")"
trap 'rm -rf -- "$WORK_DIR"; rm -f -- "${BIN_DIR}"/.*.tmp.$$ "${STAMP_FILE}.tmp.$$"' EXIT

log "building Pulumi toolchain into ${TOOL_DIR} (cold: several minutes, hundreds of MB of modules)"
build_toolchain

got="$(pulumi_version_of "${BIN_DIR}/pulumi")"
[[ "$got" == "v${PULUMI_VERSION}" ]] || die "built pulumi reports '${got}', expected v${PULUMI_VERSION}"
printf '%s\n' "$STAMP" >"${STAMP_FILE}.tmp.$$"
mv -f -- "${STAMP_FILE}.tmp.$$" "$STAMP_FILE"
install_launcher "$BIN_DIR"
log "pulumi toolchain ready in ${BIN_DIR}"
printf '%s\n' "$BIN_DIR"
