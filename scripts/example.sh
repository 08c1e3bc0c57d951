#!/usr/bin/env bash
# The main job (`npm run example`): installs what it needs, then runs `pulumi up` on the
# example program against the GitHub API emulator, or against GitHub when GITHUB_TOKEN is set.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
printf '\n==> pulumi up (examples/index.ts)\n' >&2
exec npx tsx scripts/run-example.ts "$@"
