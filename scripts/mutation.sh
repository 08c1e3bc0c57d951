#!/usr/bin/env bash
# `npm run mutation`: StrykerJS over provider/ with the in-process mocha suites (see
# stryker.config.json). Prints the score and every surviving mutant; the HTML report goes to
# reports/mutation/index.html. Incremental on one machine only: results of unchanged code and
# tests are reused from reports/mutation/stryker-incremental.json, which is not committed
# (a fresh clone runs every mutant once; pass --force to redo everything).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
printf '\n==> stryker\n' >&2
exec npx stryker run --incremental "$@"
