#!/usr/bin/env bash
# The test command (`npm test`): installs what it needs, then runs every mocha suite —
# sealing, the emulator, the provider's methods, the SDK's dynamic-provider host, and the
# end-to-end `pulumi` runs. Extra arguments go to mocha (e.g. `npm test -- --grep sealing`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
printf '\n==> mocha\n' >&2
exec npx mocha "$@"
