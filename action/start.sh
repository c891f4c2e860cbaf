#!/usr/bin/env bash
# Step 2 of action.yml: start scanstub in the background on 127.0.0.1, wait until it is healthy, load
# the fixture into the run's tenant, mint that tenant a token, and export SCANSTUB_URL, SCANSTUB_TOKEN
# and SCANSTUB_TENANT for the job's later steps. State (pid, URL, tenant, logs) goes to
# $RUNNER_TEMP/scanstub for journal.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
state="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/scanstub"
mkdir -p "$state"
: "${GITHUB_ENV:=/dev/null}" "${GITHUB_OUTPUT:=/dev/null}"

# a tenant name is [A-Za-z0-9._-]{1,64}
tenant="${INPUT_TENANT:-run-${GITHUB_RUN_ID:-local}-${GITHUB_RUN_ATTEMPT:-1}}"
tenant="$(printf '%s' "$tenant" | tr -c 'A-Za-z0-9._-' '-' | cut -c1-64)"
# tokens come from the admin API, so the HS256 secret only has to be nobody else's
secret="$(node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("base64url"))')"

JWT_SECRET="$secret" LOG_LEVEL="${INPUT_LOG_LEVEL:-warn}" STRICT="${INPUT_STRICT:-false}" \
  nohup node "$root/dist/scanstub.js" serve --host 127.0.0.1 --port "${INPUT_PORT:-8080}" \
  > "$state/stdout.log" 2> "$state/stderr.log" < /dev/null &
echo $! > "$state/pid"
printf '%s' "$tenant" > "$state/tenant"

url="$(node "$here/admin.mjs" wait "$state")"
printf '%s' "$url" > "$state/url"
if [ -n "${INPUT_FIXTURE:-}" ]; then
  node "$here/admin.mjs" fixture "$url" "$tenant" "$INPUT_FIXTURE"
fi
token="$(node "$here/admin.mjs" token "$url" "$tenant")"

echo "::add-mask::$token"
{
  echo "SCANSTUB_URL=$url"
  echo "SCANSTUB_TOKEN=$token"
  echo "SCANSTUB_TENANT=$tenant"
} >> "$GITHUB_ENV"
{
  echo "url=$url"
  echo "token=$token"
  echo "tenant=$tenant"
} >> "$GITHUB_OUTPUT"
echo "scanstub: $url, tenant $tenant"
