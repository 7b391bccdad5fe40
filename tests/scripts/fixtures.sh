#!/usr/bin/env bash
# usage: tests/scripts/fixtures.sh [--wait-health] [--recreate] [--clean] [--quiet]
#
# Builds docktor's fixture images offline (FROM scratch with the host's static busybox) and
# (re)creates the fixture containers on the local daemon, all labelled docktor.fixture=1:
#   dfx-healthy    busybox httpd on :8000 as user app (1001), health check passes -> healthy
#   dfx-unhealthy  same image, health check probes port 8001 where nothing listens -> unhealthy
#   dfx-exited     prints to stdout and stderr, exits with code 3
#   dfx-nohealth   sleeps, no health check
#   dfx-logger     a numbered line on stdout and on stderr every second
#   dfx-files-*    the Files tab's fixtures (tests/scripts/fixtures-files.sh)
#
# Images are tagged docktor-fixture/NAME:<hash12 of the build context and busybox> plus the
# alias docktor-fixture/NAME:latest; a build is skipped when the content tag exists. A container
# is kept when it exists with the same spec (image + options) and is in its expected state;
# otherwise it is recreated (--recreate: always).
#   --wait-health  wait (max 40 s) until dfx-healthy is healthy, dfx-unhealthy unhealthy and
#                  dfx-exited has exited
#   --clean        remove the fixture containers (only them, by label) and stop
set -euo pipefail
export DOCKER_BUILDKIT=0

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
images_dir=$root/tests/fixtures/images
label=docktor.fixture=1
busybox=${DOCKTOR_BUSYBOX:-/bin/busybox}
wait_health=0 recreate=0 clean=0 quiet=0
for arg in "$@"; do
  case "$arg" in
    --wait-health) wait_health=1 ;;
    --recreate) recreate=1 ;;
    --clean) clean=1 ;;
    -q|--quiet) quiet=1 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fixtures: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

say() { [ "$quiet" = 1 ] || echo "fixtures: $*"; }
die() { echo "fixtures: error: $*" >&2; exit 1; }

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker daemon answers (run tests/scripts/docker-up.sh)"

# One run at a time on this machine (test binaries, worktrees and developers share the daemon).
# The lock file is opened for reading when it exists: one that another user made locks too.
if command -v flock >/dev/null 2>&1; then
  lock=${TMPDIR:-/tmp}/docktor-fixtures.lock
  if [ -r "$lock" ]; then
    exec 9<"$lock"
  elif [ -e "$lock" ]; then
    exec 9>>"${TMPDIR:-/tmp}/docktor-fixtures-$(id -u).lock"
  else
    exec 9>>"$lock"
    chmod 644 "$lock" 2>/dev/null || true
  fi
  flock -w 120 9 || die "another tests/scripts/fixtures.sh has held the lock for 120 s"
fi

fixture_ids() { docker ps -aq --filter "label=$label"; }

if [ "$clean" = 1 ]; then
  ids=$(fixture_ids)
  if [ -n "$ids" ]; then
    # shellcheck disable=SC2086 # one id per word
    docker rm -f $ids >/dev/null
    say "removed $(echo "$ids" | wc -w) fixture container(s)"
  else
    say "no fixture containers"
  fi
  exit 0
fi

# --- images ---------------------------------------------------------------------------------
[ -x "$busybox" ] || die "$busybox not found: install busybox-static (tests/scripts/docker-up.sh does)"
case "$(LC_ALL=C ldd "$busybox" 2>&1 || true)" in
  *"not a dynamic"*|*"statically linked"*) ;;
  *) die "$busybox is not statically linked: it would not run FROM scratch (install busybox-static)" ;;
esac
busybox_sum=$(sha256sum "$busybox" | cut -d' ' -f1)

# Content hash of a build context: every file's path and content, plus the busybox copied in.
context_hash() {
  local dir=$1
  {
    (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    echo "busybox $busybox_sum"
  } | sha256sum | cut -c1-12
}

# build_image NAME -> prints the content tag
build_image() {
  local name=$1 dir=$images_dir/$1 hash repo tag ctx
  [ -f "$dir/Dockerfile" ] || die "no Dockerfile in $dir"
  hash=$(context_hash "$dir")
  repo=docktor-fixture/$name
  tag=$repo:$hash
  if docker image inspect "$tag" >/dev/null 2>&1; then
    [ "$quiet" = 1 ] || echo "fixtures: image $tag is up to date" >&2
  else
    [ "$quiet" = 1 ] || echo "fixtures: building $tag" >&2
    ctx=$(mktemp -d)
    cp -R "$dir/." "$ctx/"
    cp "$busybox" "$ctx/busybox"
    if ! docker build -q -t "$tag" "$ctx" >"$ctx.log" 2>&1; then
      cat "$ctx.log" >&2; rm -rf "$ctx" "$ctx.log"
      die "building $tag failed"
    fi
    rm -rf "$ctx" "$ctx.log"
  fi
  docker tag "$tag" "$repo:latest"
  echo "$tag"
}

web=$(build_image web)
base=$(build_image base)

# --- containers -----------------------------------------------------------------------------
# run_fixture NAME WANT DOCKER-RUN-ARGS... ; WANT is "running" or "exited:CODE".
# Echoes "kept" or "created"; the spec label records the image and options it was made with.
pids=()
run_fixture() {
  local name=$1 want=$2 spec cur
  shift 2
  spec=$(printf '%s\0' "$@" | sha256sum | cut -c1-12)
  if [ "$recreate" = 0 ] && cur=$(docker container inspect -f \
      '{{index .Config.Labels "docktor.fixture.spec"}} {{.State.Status}}:{{.State.ExitCode}}' \
      "$name" 2>/dev/null); then
    case "$want:$cur" in
      "running:$spec running:0"|"exited:${want#exited:}:$spec exited:${want#exited:}")
        say "$name kept"; return 0 ;;
    esac
  fi
  (
    docker rm -f "$name" >/dev/null 2>&1 || true
    docker run -d --name "$name" --label "$label" --label "docktor.fixture.spec=$spec" \
      "$@" >/dev/null || { echo "fixtures: error: could not start $name" >&2; exit 1; }
    [ "$quiet" = 1 ] || echo "fixtures: $name created"
  ) &
  pids+=($!)
}

run_fixture dfx-healthy running \
  -p 127.0.0.1::8000 -e LOG_LEVEL=info --memory 64m "$web"
run_fixture dfx-unhealthy running \
  --health-cmd 'wget -q -O- http://127.0.0.1:8001/health/ || exit 1' \
  --health-interval 2s --health-timeout 2s --health-retries 2 \
  -e LOG_LEVEL=debug "$web"
run_fixture dfx-exited exited:3 \
  "$base" sh -c 'echo starting; echo boom >&2; exit 3'
run_fixture dfx-nohealth running \
  --no-healthcheck "$base" sleep infinity
run_fixture dfx-logger running \
  --no-healthcheck "$base" /usr/local/bin/dfx-logger

failed=0
for p in "${pids[@]}"; do wait "$p" || failed=1; done
[ "$failed" = 0 ] || die "some fixture containers could not be started"

# The Files tab's fixtures (dfx-files-*): their own script, images and lock.
files_args=(--quiet)
[ "$recreate" = 1 ] && files_args+=(--recreate)
bash "$here/fixtures-files.sh" "${files_args[@]}" || die "the dfx-files-* fixtures could not be made"

# --- wait -----------------------------------------------------------------------------------
state() { docker container inspect -f "$2" "$1" 2>/dev/null || echo "?"; }
if [ "$wait_health" = 1 ]; then
  deadline=$((SECONDS + ${DOCKTOR_FIXTURE_WAIT:-40}))
  while :; do
    h=$(state dfx-healthy '{{if .State.Health}}{{.State.Health.Status}}{{end}}')
    u=$(state dfx-unhealthy '{{if .State.Health}}{{.State.Health.Status}}{{end}}')
    e=$(state dfx-exited '{{.State.Status}}:{{.State.ExitCode}}')
    [ "$h" = healthy ] && [ "$u" = unhealthy ] && [ "$e" = exited:3 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      die "timed out: dfx-healthy=$h dfx-unhealthy=$u dfx-exited=$e (want healthy, unhealthy, exited:3)"
    fi
    sleep 0.5
  done
  say "dfx-healthy healthy, dfx-unhealthy unhealthy, dfx-exited exited with 3"
fi

if [ "$quiet" = 1 ]; then
  docker ps -a --filter "label=$label" --format '{{.Names}}' | sort
else
  docker ps -a --filter "label=$label" --format 'table {{.Names}}\t{{.Image}}\t{{.Status}}' \
    | (read -r header; echo "$header"; sort)
fi
