# pulumi-launcher.sh — sourced by ensure-pulumi.sh, never run: the dynamic-
# provider launcher (pulumi-resource-pulumi-nodejs), a shell script that ships
# in the project's node_modules/@pulumi/pulumi and must sit beside the CLI.
# Uses PROJECT_DIR, log and die from ensure-pulumi.sh.

readonly LAUNCHER="pulumi-resource-pulumi-nodejs"

launcher_source() {
  local src="${PROJECT_DIR}/node_modules/@pulumi/pulumi/${LAUNCHER}"
  [[ -f "$src" ]] && printf '%s\n' "$src"
}

die_without_launcher() {
  die "${LAUNCHER} not found: run 'npm ci' in ${PROJECT_DIR} first (it ships in node_modules/@pulumi/pulumi)"
}

# Copy (or refresh) the launcher from the project's @pulumi/pulumi into DIR.
# If node_modules is not installed yet, an already cached copy is kept.
install_launcher() {
  local dir="$1" src
  if src="$(launcher_source)"; then
    if ! cmp -s -- "$src" "${dir}/${LAUNCHER}" 2>/dev/null; then
      install -m 0755 -- "$src" "${dir}/${LAUNCHER}.tmp.$$"
      mv -f -- "${dir}/${LAUNCHER}.tmp.$$" "${dir}/${LAUNCHER}"
      log "copied ${LAUNCHER} from ${src}"
    fi
  elif [[ ! -x "${dir}/${LAUNCHER}" ]]; then
    die_without_launcher
  fi
}
