# language-sdks.sh — sourced by ensure-language-hosts.sh, never run: installs
# the Python SDK into a cached virtualenv and warms Go's caches with the Go
# SDK. Uses TOOL_DIR, WORK_DIR, the pins of language-host-pins.sh and
# pulumi-pins.sh, and log and die from ensure-language-hosts.sh.

readonly PIP_QUIET=(--disable-pip-version-check --no-input --quiet)

# venv_versions VENV: "<python version> pulumi==<version>" of VENV, or
# nothing if it lacks one of the extra requirements. Reads package metadata
# only (importing pulumi loads grpc: ~1 s).
venv_versions() {
  # shellcheck disable=SC2086 # a list of names
  "$1/bin/python" -c 'import importlib.metadata as m, sys
[m.version(name) for name in sys.argv[1:]]
print("%d.%d.%d pulumi==%s" % (*sys.version_info[:3], m.version("pulumi")))' \
    ${PYTHON_EXTRA_REQUIREMENTS} 2>/dev/null || true
}

# venv_ok VENV: VENV runs the python3 on PATH and holds the pinned pulumi and
# the extra requirements.
venv_ok() {
  [[ "$(venv_versions "$1")" == "${PYTHON3_VERSION} pulumi==${PYTHON_SDK_VERSION}" ]]
}

# build_python_venv LINK: a fresh virtualenv with pulumi==PYTHON_SDK_VERSION
# and the extra requirements, in a directory of its own under TOOL_DIR, then
# LINK (a symlink) is pointed at it by an atomic rename. A virtualenv cannot
# be moved (pip's scripts hold absolute paths), hence the symlink rather than
# building elsewhere and renaming. Every wheel is kept in <venv>/wheelhouse,
# so a test can make another virtualenv offline:
#   pip install --no-index --find-links <venv>/wheelhouse pulumi==<version>
build_python_venv() {
  local link="$1" t=$SECONDS venv old=""
  command -v python3 >/dev/null 2>&1 || die "python3 is required for the Python SDK (none on PATH)"
  venv="$(mktemp -d "${TOOL_DIR}/python-venv.XXXXXX")"
  chmod 0755 "$venv"
  log "creating virtualenv ${venv} with pulumi==${PYTHON_SDK_VERSION} from PyPI ..."
  python3 -m venv "$venv" >&2 || die "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)"
  # shellcheck disable=SC2086 # PYTHON_EXTRA_REQUIREMENTS is a list of names
  "${venv}/bin/python" -m pip download "${PIP_QUIET[@]}" --dest "${venv}/wheelhouse" \
    "pulumi==${PYTHON_SDK_VERSION}" ${PYTHON_EXTRA_REQUIREMENTS} >&2 \
    || die "pip download of pulumi==${PYTHON_SDK_VERSION} failed"
  # shellcheck disable=SC2086
  "${venv}/bin/python" -m pip install "${PIP_QUIET[@]}" --no-index --find-links "${venv}/wheelhouse" \
    "pulumi==${PYTHON_SDK_VERSION}" ${PYTHON_EXTRA_REQUIREMENTS} >&2 \
    || die "pip install of pulumi==${PYTHON_SDK_VERSION} failed"
  venv_ok "$venv" || die "the virtualenv does not hold pulumi ${PYTHON_SDK_VERSION}"
  [[ -L "$link" ]] && old="$(readlink -- "$link")"
  ln -sfn -- "$(basename -- "$venv")" "${link}.tmp.$$"
  mv -fT -- "${link}.tmp.$$" "$link"
  # Only under the lock is no other run still using the previous virtualenv.
  if [[ -n "$old" && -n "${HOLDS_LOCK:-}" ]]; then rm -rf -- "${TOOL_DIR:?}/${old}"; fi
  log "virtualenv ready in $((SECONDS - t)) s"
}

# go_sdk_cached: the Go SDK's module zip is in GOMODCACHE, so a program
# requiring it builds without the network.
go_sdk_cached() {
  local modcache
  modcache="$(go env GOMODCACHE 2>/dev/null)" || return 1
  [[ -f "${modcache}/cache/download/github.com/pulumi/pulumi/sdk/v3/@v/v${GO_SDK_VERSION}.zip" ]]
}

# warm_go_sdk DEST: downloads sdk/v3 GO_SDK_VERSION and everything it needs
# and compiles a program importing go/pulumi and go/pulumi/config, so that
# Go's build cache holds the SDK. It is built as the Go host builds a program
# (plain `go build`, cgo as the environment says), or the cache would miss.
# DEST keeps the module's go.mod, go.sum and main.go: a test's program can
# start from that go.sum, which is complete for those two packages.
warm_go_sdk() {
  local dest="$1" dir="${WORK_DIR}/go-sdk" t=$SECONDS f
  mkdir -p "$dir" "$dest"
  printf 'module pulumi-github-secrets.local/toolchain/go-sdk\n\ngo %s\n\nrequire github.com/pulumi/pulumi/sdk/v3 v%s\n' \
    "$GO_DIRECTIVE" "$GO_SDK_VERSION" >"${dir}/go.mod"
  printf '%s\n' "$GO_SDK_GOSUM" >"${dir}/go.sum"
  cat >"${dir}/main.go" <<'EOF'
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		ctx.Export("greeting", pulumi.String(config.Get(ctx, "greeting")))
		return nil
	})
}
EOF
  log "downloading and compiling the Go SDK v${GO_SDK_VERSION} ..."
  (cd "$dir" && GOFLAGS=-mod=mod GOWORK=off go build -o /dev/null .) >&2 \
    || die "go build of the Go SDK warm-up program failed"
  for f in go.mod go.sum main.go; do
    cp -- "${dir}/${f}" "${dest}/.${f}.tmp.$$"
    mv -f -- "${dest}/.${f}.tmp.$$" "${dest}/${f}"
  done
  log "Go SDK compiled in $((SECONDS - t)) s"
}
