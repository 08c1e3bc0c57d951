#!/usr/bin/env bash
# Sourced by the project's entry points (scripts/test.sh, scripts/example.sh). On any machine
# with bash, Go, npm and python3 it puts Node 22, the real Pulumi CLI and its Python, Go and
# YAML language hosts on PATH, installs the npm dependencies and builds the package. Slow
# things are cached outside the repository in
# ${PULUMI_GITHUB_SECRETS_CACHE:-~/.cache/pulumi-github-secrets}; a second run takes seconds.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

step() { printf '\n==> %s\n' "$*" >&2; }

step "Node.js 22"
node_bin=$(scripts/toolchain/ensure-node.sh | tail -n 1)
export PATH="$node_bin:$PATH"
node --version >&2

step "npm dependencies"
# Reinstall only when package-lock.json changed since the last install.
if [ ! -d node_modules ] || ! cmp -s package-lock.json node_modules/.installed-package-lock.json; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json node_modules/.installed-package-lock.json
else
  echo "up to date" >&2
fi

step "build (tsc)"
npm run --silent build >&2

step "Pulumi CLI"
pulumi_bin=$(scripts/toolchain/ensure-pulumi.sh "$repo_root" | tail -n 1)
export PATH="$pulumi_bin:$PATH"
pulumi version >&2

step "Pulumi language hosts and SDKs (Python, Go, YAML)"
# Three KEY=VALUE lines: the hosts' directory, the Python SDK's virtualenv, the Go SDK's module
# (see the header of ensure-language-hosts.sh). Tests read the variables.
hosts_out=$(scripts/toolchain/ensure-language-hosts.sh | tail -n 3)
while IFS='=' read -r name value; do
  case "$name" in
    PULUMI_GITHUB_SECRETS_LANGUAGE_HOSTS | PULUMI_GITHUB_SECRETS_PYTHON_VENV | PULUMI_GITHUB_SECRETS_GO_SDK_MODULE)
      export "$name=$value" ;;
    *) printf 'unexpected output of ensure-language-hosts.sh: %s\n' "$name" >&2; exit 1 ;;
  esac
done <<<"$hosts_out"
export PATH="$PULUMI_GITHUB_SECRETS_LANGUAGE_HOSTS:$PATH"

export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
