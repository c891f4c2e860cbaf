#!/usr/bin/env bash
# On failure: scanstub's log, and the run's tenant's journal (what the code under test sent and got),
# newest first. Never fails itself: it runs when something else already has.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/scanstub"
echo "::group::scanstub log"
cat "$state/stderr.log" "$state/stdout.log" 2>/dev/null || echo "(no log in $state)"
echo "::endgroup::"
if [ -f "$state/url" ]; then
  echo "::group::scanstub journal of tenant $(cat "$state/tenant")"
  node "$here/admin.mjs" journal "$(cat "$state/url")" "$(cat "$state/tenant")" "${INPUT_LIMIT:-50}" || echo "(scanstub did not answer)"
  echo "::endgroup::"
else
  echo "scanstub never came up: no journal"
fi
exit 0
