# pulumi-go-build.sh — sourced by ensure-pulumi.sh, never run: builds the two Go
# programs (the CLI and the Node.js language host) from the Go module proxy,
# each in a wrapper module of its own. Uses WORK_DIR, TOOL_DIR, BIN_DIR, the
# pins of pulumi-pins.sh, and log and die from ensure-pulumi.sh.

# build_binary NAME PKG LDVERSION GOSUM_PINS REQUIRE...
# Writes a wrapper go.mod requiring REQUIRE... (in this run's WORK_DIR), seeds
# go.sum with GOSUM_PINS (newline-separated go.sum lines, may be empty), builds
# PKG into bin/NAME and keeps the resolved go.mod/go.sum in build/NAME/.
# LDVERSION goes into BUILD_VERSION_VAR, by default the Pulumi SDK's version
# variable (pulumi-yaml has a variable of its own).
build_binary() {
  local name="$1" pkg="$2" ldversion="$3" pins="$4" t=$SECONDS dir req line
  shift 4
  dir="${WORK_DIR}/${name}"
  mkdir -p "$dir" "${TOOL_DIR}/build/${name}"
  {
    printf 'module pulumi-github-secrets.local/toolchain/%s\n\ngo %s\n\n' "$name" "$GO_DIRECTIVE"
    printf 'replace %s\n\nrequire (\n' "$CLIPBOARD_REPLACE"
    for req in "$@"; do printf '\t%s\n' "$req"; done
    printf ')\n'
  } >"${dir}/go.mod"
  touch "${dir}/go.sum"
  if [[ -n "$pins" ]]; then
    while IFS= read -r line; do
      grep -qxF -- "$line" "${dir}/go.sum" || printf '%s\n' "$line" >>"${dir}/go.sum"
    done <<<"$pins"
  fi
  log "building ${name} (${pkg}, version v${ldversion}) ..."
  # -mod=mod lets go fill in go.sum / indirect requirements from the proxy.
  # CGO off: no C toolchain needed on CI. -trimpath: the binaries are
  # byte-identical across machines and cache locations.
  (
    cd "$dir"
    CGO_ENABLED=0 GOFLAGS=-mod=mod GOWORK=off \
      go build -trimpath -buildvcs=false \
        -ldflags "-s -w -X ${BUILD_VERSION_VAR:-$VERSION_VAR}=v${ldversion}" \
        -o "${BIN_DIR}/.${name}.tmp.$$" "$pkg"
  ) >&2 || { rm -f -- "${BIN_DIR}/.${name}.tmp.$$"; die "go build of ${name} failed"; }
  mv -f -- "${BIN_DIR}/.${name}.tmp.$$" "${BIN_DIR}/${name}"
  for f in go.mod go.sum; do
    cp -- "${dir}/${f}" "${TOOL_DIR}/build/${name}/.${f}.tmp.$$"
    mv -f -- "${TOOL_DIR}/build/${name}/.${f}.tmp.$$" "${TOOL_DIR}/build/${name}/${f}"
  done
  log "built ${name} in $((SECONDS - t)) s"
}

# build_toolchain: both binaries into bin/. The language host's wrapper module
# pins pkg/v3 and sdk/v3 to the release of its own commit, so MVS does not drag
# it to the engine's version (see pulumi-pins.sh).
build_toolchain() {
  build_binary pulumi "$PULUMI_CMD_PKG" "$PULUMI_VERSION" "$PULUMI_GOSUM" \
    "${PULUMI_PKG_MODULE} v${PULUMI_VERSION}" \
    "${PULUMI_SDK_MODULE} v${PULUMI_VERSION}"
  build_binary pulumi-language-nodejs "$LANGHOST_MODULE" "$LANGHOST_RELEASE" "$LANGHOST_GOSUM" \
    "${LANGHOST_MODULE} ${LANGHOST_MODULE_VERSION}" \
    "${PULUMI_PKG_MODULE} v${LANGHOST_RELEASE}" \
    "${PULUMI_SDK_MODULE} v${LANGHOST_RELEASE}"
}
