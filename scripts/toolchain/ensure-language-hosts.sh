#!/usr/bin/env bash
# ensure-language-hosts.sh — make sure Pulumi programs in Python, Go and
# Pulumi YAML can run with the CLI of ensure-pulumi.sh:
#
#   pulumi-language-python (+ pulumi-language-python-exec)   the Python host
#   pulumi-language-go                                       the Go host
#   pulumi-language-yaml                                     the YAML host
#   a virtualenv with the Python SDK (pulumi==3.272.0)
#   Go's module and build caches warm with the Go SDK (sdk/v3 v3.276.0)
#
# Usage:  out="$(scripts/toolchain/ensure-language-hosts.sh)"
#
# The last three lines on stdout are KEY=VALUE, in this order (progress and
# timings go to stderr; the values hold no `=` or newline):
#   PULUMI_GITHUB_SECRETS_LANGUAGE_HOSTS=<dir>   the three hosts: put on PATH
#   PULUMI_GITHUB_SECRETS_PYTHON_VENV=<dir>      the virtualenv (a symlink)
#   PULUMI_GITHUB_SECRETS_GO_SDK_MODULE=<dir>    go.mod, go.sum, main.go of a
#                                                program on the Go SDK
# scripts/bootstrap.sh exports all three and puts the first on PATH.
#
# How programs find the SDKs:
# * Python: the Python host (v3.163.0) runs `python3` from PATH (which lacks
#   pulumi: "No module named 'pulumi'") unless told otherwise. Any of these
#   works; the tests use the first:
#     runtime: {name: python, options: {virtualenv: <PYTHON_VENV>}}
#       in Pulumi.yaml (absolute, or relative to the project: a symlink does)
#     VIRTUAL_ENV=<PYTHON_VENV>, or <PYTHON_VENV>/bin first on PATH
#     PULUMI_PYTHON_CMD=<PYTHON_VENV>/bin/python
#   The host runs pulumi-language-python-exec from beside its own (resolved)
#   executable: copy both or neither. To add a generated SDK (`pulumi package gen-sdk
#   python`: a pyproject.toml on setuptools) with no network, install it with
#     <venv>/bin/python -m pip install --no-index --no-build-isolation <dir>
#   parver, setuptools and wheel are preinstalled for that. To keep the shared
#   virtualenv clean, make another one from the wheels the shared one came
#   from, also offline:
#     python3 -m venv <new> && <new>/bin/python -m pip install --no-index \
#       --find-links <PYTHON_VENV>/wheelhouse pulumi==3.272.0 parver setuptools wheel
# * Go: a program's go.mod requires github.com/pulumi/pulumi/sdk/v3 v3.276.0;
#   copy <GO_SDK_MODULE>/go.sum beside it and it builds offline
#   (GOPROXY=off works) and fast, from the warm GOMODCACHE and GOCACHE.
#
# Built like the CLI (see ensure-pulumi.sh): each host in a wrapper module
# from the Go module proxy, hashes pinned in language-host-pins.sh, into
#   ${PULUMI_GITHUB_SECRETS_CACHE:-$HOME/.cache/pulumi-github-secrets}/
#     pulumi-hosts-<commit>-yaml-v<version>/
#       bin/           the hosts and pulumi-language-python-exec
#       build/<name>/  the resolved wrapper go.mod/go.sum of each host
#       python-venv    -> python-venv.XXXXXX/ (with wheelhouse/)
#       go-sdk/        the Go SDK warm-up module
#       VERSIONS       stamp of all of the above (and of python3's version)
# Needs: bash, go >= 1.26.6, python3 (>= 3.9, with venv), the Go proxy and
# PyPI. Concurrent runs are serialised with flock; without it files land by
# atomic renames, the stamp last.
# Cold (empty Go caches, 2 busy cores): ~490 s, ~1.2 GB of modules; after
# ensure-pulumi.sh (Go caches warm with the CLI): ~320 s, most of it compiling
# the Go SDK; warm Go caches: ~30 s; cached: ~0.4 s. docs/measurements.md.
#
# Environment:
#   PULUMI_GITHUB_SECRETS_CACHE    cache root (default ~/.cache/pulumi-github-secrets)
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pulumi-pins.sh
source "${SCRIPT_DIR}/pulumi-pins.sh"
# shellcheck source=language-host-pins.sh
source "${SCRIPT_DIR}/language-host-pins.sh"
# shellcheck source=pulumi-go-build.sh
source "${SCRIPT_DIR}/pulumi-go-build.sh"
# shellcheck source=language-sdks.sh
source "${SCRIPT_DIR}/language-sdks.sh"

CACHE_ROOT="${PULUMI_GITHUB_SECRETS_CACHE:-${HOME:?HOME is not set}/.cache/pulumi-github-secrets}"
TOOL_DIR="${CACHE_ROOT}/pulumi-hosts-${HOSTS_MODULE_VERSION##*-}-yaml-v${YAML_VERSION}"
BIN_DIR="${TOOL_DIR}/bin"
VENV_LINK="${TOOL_DIR}/python-venv"
GO_SDK_DIR="${TOOL_DIR}/go-sdk"
STAMP_FILE="${TOOL_DIR}/VERSIONS"
HOSTS=(pulumi-language-python pulumi-language-go pulumi-language-yaml "$PYTHON_EXEC_SCRIPT")

T0=$SECONDS
log() { printf '[ensure-language-hosts +%ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v python3 >/dev/null 2>&1 || die "python3 is required for the Python SDK (none on PATH)"
PYTHON3_VERSION="$(python3 -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' \
  || die "python3 ${PYTHON3_VERSION} is too old: pulumi ${PYTHON_SDK_VERSION} needs 3.9 or later"
STAMP="pulumi-language-python ${PYTHON_HOST_MODULE}@${HOSTS_MODULE_VERSION} (pkg/sdk v${HOSTS_PULUMI_RELEASE})
pulumi-language-go ${GO_HOST_MODULE}@${HOSTS_MODULE_VERSION} (pkg/sdk v${HOSTS_PULUMI_RELEASE})
${PYTHON_EXEC_SCRIPT} ${PULUMI_SDK_MODULE}@v${HOSTS_PULUMI_RELEASE}
pulumi-language-yaml ${YAML_MODULE}@v${YAML_VERSION} (pkg/sdk v${YAML_PULUMI_RELEASE})
python-venv pulumi==${PYTHON_SDK_VERSION} ${PYTHON_EXTRA_REQUIREMENTS} (python ${PYTHON3_VERSION})
go-sdk ${PULUMI_SDK_MODULE}@v${GO_SDK_VERSION}"

cache_ok() {
  local host
  for host in "${HOSTS[@]}"; do [[ -x "${BIN_DIR}/${host}" ]] || return 1; done
  [[ -f "$STAMP_FILE" && "$(cat -- "$STAMP_FILE")" == "$STAMP" ]] || return 1
  [[ -f "${GO_SDK_DIR}/go.sum" ]] && go_sdk_cached || return 1
  venv_ok "$VENV_LINK"
}

print_paths() {
  printf 'PULUMI_GITHUB_SECRETS_LANGUAGE_HOSTS=%s\n' "$BIN_DIR"
  printf 'PULUMI_GITHUB_SECRETS_PYTHON_VENV=%s\n' "$VENV_LINK"
  printf 'PULUMI_GITHUB_SECRETS_GO_SDK_MODULE=%s\n' "$GO_SDK_DIR"
}

use_cache() {
  log "using cached language hosts and SDKs (${TOOL_DIR})"
  print_paths
  exit 0
}

if cache_ok; then use_cache; fi

command -v go >/dev/null 2>&1 || die "go is required to build the language hosts (none on PATH)"
mkdir -p "$BIN_DIR" "${TOOL_DIR}/build"
HOLDS_LOCK=""
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TOOL_DIR}/.lock"
  log "acquiring lock ${TOOL_DIR}/.lock (a concurrent build holds it until done)"
  flock 9
  HOLDS_LOCK=1
  if cache_ok; then use_cache; fi   # built by a concurrent run while we waited
fi
rm -f -- "$STAMP_FILE"
WORK_DIR="$(mktemp -d "${TOOL_DIR}/build/.work.XXXXXX")"
trap 'rm -rf -- "$WORK_DIR"; rm -f -- "${BIN_DIR}"/.*.tmp.$$ "${STAMP_FILE}.tmp.$$"' EXIT

log "building language hosts into ${TOOL_DIR} (cold: minutes)"
for lang in python go; do
  module_var="${lang^^}_HOST_MODULE"
  build_binary "pulumi-language-${lang}" "${!module_var}" "$HOSTS_PULUMI_RELEASE" "$HOSTS_GOSUM" \
    "${!module_var} ${HOSTS_MODULE_VERSION}" \
    "${PULUMI_PKG_MODULE} v${HOSTS_PULUMI_RELEASE}" \
    "${PULUMI_SDK_MODULE} v${HOSTS_PULUMI_RELEASE}"
done
BUILD_VERSION_VAR="$YAML_VERSION_VAR" \
  build_binary pulumi-language-yaml "$YAML_CMD_PKG" "$YAML_VERSION" "$YAML_GOSUM" \
  "${YAML_MODULE} v${YAML_VERSION}" \
  "${PULUMI_PKG_MODULE} v${YAML_PULUMI_RELEASE}" \
  "${PULUMI_SDK_MODULE} v${YAML_PULUMI_RELEASE}"

# The exec script comes from the sdk/v3 module the Python host was built with,
# which that build has just put into the module cache.
exec_src="$(cd "${TOOL_DIR}/build/pulumi-language-python" && GOFLAGS=-mod=mod GOWORK=off \
  go list -m -f '{{.Dir}}' "${PULUMI_SDK_MODULE}")/python/cmd/${PYTHON_EXEC_SCRIPT}"
[[ -f "$exec_src" && "$exec_src" == *"@v${HOSTS_PULUMI_RELEASE}/"* ]] \
  || die "${PYTHON_EXEC_SCRIPT} of sdk/v3 v${HOSTS_PULUMI_RELEASE} not found (looked at ${exec_src})"
install -m 0755 -- "$exec_src" "${BIN_DIR}/.${PYTHON_EXEC_SCRIPT}.tmp.$$"
mv -f -- "${BIN_DIR}/.${PYTHON_EXEC_SCRIPT}.tmp.$$" "${BIN_DIR}/${PYTHON_EXEC_SCRIPT}"

venv_ok "$VENV_LINK" || build_python_venv "$VENV_LINK"
warm_go_sdk "$GO_SDK_DIR"

printf '%s\n' "$STAMP" >"${STAMP_FILE}.tmp.$$"
mv -f -- "${STAMP_FILE}.tmp.$$" "$STAMP_FILE"
log "language hosts and SDKs ready in ${TOOL_DIR}"
print_paths
