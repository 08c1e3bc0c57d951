#!/usr/bin/env bash
# `npm run bench`: installs and builds what it needs (scripts/bootstrap.sh), then runs the
# benchmark. Arguments go to scripts/bench/bench.ts (--count N, --thousand, --rounds R).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bootstrap.sh"
printf '\n==> benchmark\n' >&2
exec npx tsx scripts/bench/bench.ts "$@"
