#!/usr/bin/env bash
# usage: tests/scripts/health-fixtures.sh [--wait] [--clean] [--quiet]
#
# The health tab's fixtures on the local daemon: images built offline FROM scratch with the
# host's static busybox (tagged dfx-health/NAME:<hash12 of the context and busybox>), and
# containers named dfx-health-*, labelled docktor.fixture.area=health (not docktor.fixture=1:
# those are tests/scripts/fixtures.sh's):
#   dfx-health-healthy    wget /health/ every 3 s                          -> healthy
#   dfx-health-unhealthy  wget port 8001, where nothing listens            -> unhealthy (refused)
#   dfx-health-flapping   passes and fails in turn, retries 1              -> flips at each probe
#   dfx-health-slow       sleeps 3 s against a 1 s timeout                 -> unhealthy (timeout)
#   dfx-health-starting   fails inside a 1 h start period                  -> starting, for 1 h
#   dfx-health-none       no health check                                  -> none
#   dfx-health-notool     curl, which the image lacks (it has wget)        -> unhealthy (not found)
#   dfx-health-5xx        /cgi-bin/health answers 500 (database gone)      -> unhealthy (HTTP 500)
#   dfx-health-404        /healthz, which the app does not serve           -> unhealthy (HTTP 404)
#   dfx-health-noshell    CMD-SHELL in an image without /bin/sh            -> unhealthy (no shell)
#   dfx-health-binary     prints 6 KB of bytes, escapes and bad UTF-8      -> unhealthy (odd output)
# A container is kept when it exists with the same spec and runs; otherwise it is recreated.
#   --wait   wait (max 60 s) until every one is in its state (the flapping and unhealthy
#            ones with a full daemon log of 5 probes, the starting one with 2)
#   --clean  remove these containers (by label) and stop
set -euo pipefail
export DOCKER_BUILDKIT=0

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
images_dir=$root/tests/fixtures/images
label=docktor.fixture.area=health
busybox=${DOCKTOR_BUSYBOX:-/bin/busybox}
wait=0 clean=0 quiet=0
for arg in "$@"; do
  case "$arg" in
    --wait) wait=1 ;;
    --clean) clean=1 ;;
    -q|--quiet) quiet=1 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "health-fixtures: unknown argument: $arg" >&2; exit 2 ;;
  esac
done
say() { [ "$quiet" = 1 ] || echo "health-fixtures: $*"; }
die() { echo "health-fixtures: error: $*" >&2; exit 1; }

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker daemon answers (run tests/scripts/docker-up.sh)"
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TMPDIR:-/tmp}/docktor-health-fixtures.lock"
  flock -w 120 9 || die "another health-fixtures.sh has held the lock for 120 s"
fi

if [ "$clean" = 1 ]; then
  ids=$(docker ps -aq --filter "label=$label")
  # shellcheck disable=SC2086 # one id per word
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  say "removed $(echo "$ids" | wc -w) container(s)"
  exit 0
fi

[ -x "$busybox" ] || die "$busybox not found: install busybox-static"
case "$(LC_ALL=C ldd "$busybox" 2>&1 || true)" in
  *"not a dynamic"*|*"statically linked"*) ;;
  *) die "$busybox is not statically linked: it would not run FROM scratch" ;;
esac
busybox_sum=$(sha256sum "$busybox" | cut -d' ' -f1)

build_image() {
  local name=$1 dir=$images_dir/$1 hash tag ctx
  hash=$({ (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
           echo "busybox $busybox_sum"; } | sha256sum | cut -c1-12)
  tag=dfx-health/$name:$hash
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    [ "$quiet" = 1 ] || echo "health-fixtures: building $tag" >&2
    ctx=$(mktemp -d)
    cp -R "$dir/." "$ctx/"
    cp "$busybox" "$ctx/busybox"
    if ! docker build -q -t "$tag" "$ctx" >"$ctx.log" 2>&1; then
      cat "$ctx.log" >&2; rm -rf "$ctx" "$ctx.log"; die "building $tag failed"
    fi
    rm -rf "$ctx" "$ctx.log"
  fi
  echo "$tag"
}
web=$(build_image health-web)
noshell=$(build_image health-noshell)

pids=()
run() {
  local name=$1 spec cur
  shift
  spec=$(printf '%s\0' "$@" | sha256sum | cut -c1-12)
  if cur=$(docker container inspect -f \
      '{{index .Config.Labels "docktor.fixture.spec"}} {{.State.Status}}' "$name" 2>/dev/null) \
     && [ "$cur" = "$spec running" ]; then
    say "$name kept"; return 0
  fi
  (
    docker rm -f "$name" >/dev/null 2>&1 || true
    docker run -d --name "$name" --label "$label" --label "docktor.fixture.spec=$spec" \
      --memory 32m "$@" >/dev/null || { echo "health-fixtures: error: could not start $name" >&2; exit 1; }
    say "$name created"
  ) &
  pids+=($!)
}
every=(--health-interval 3s --health-timeout 2s --health-retries 2)
wget_check() { echo "wget -q -O- http://127.0.0.1:$1 || exit 1"; }

run dfx-health-healthy -p 127.0.0.1::8000 --health-cmd "$(wget_check 8000/health/)" "${every[@]}" "$web"
run dfx-health-unhealthy --health-cmd "$(wget_check 8001/health/)" "${every[@]}" "$web"
run dfx-health-flapping \
  --health-cmd 'n=$(cat /tmp/n 2>/dev/null || echo 0); echo $((n+1)) >/tmp/n; echo "probe $n"; [ $((n % 2)) -eq 0 ] || exit 1' \
  --health-interval 3s --health-timeout 2s --health-retries 1 "$web"
run dfx-health-slow --health-cmd 'sleep 3; echo done' \
  --health-interval 3s --health-timeout 1s --health-retries 2 "$web"
# Its start period runs out after an hour: a container past it is made again.
status() { docker container inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1" 2>/dev/null || echo "?"; }
case "$(status dfx-health-starting)" in
  starting|"?") ;;
  *) docker rm -f dfx-health-starting >/dev/null 2>&1 || true ;;
esac
run dfx-health-starting --health-cmd "$(wget_check 8001/health/)" \
  --health-interval 5s --health-timeout 2s --health-start-period 1h "$web"
run dfx-health-none --no-healthcheck "$web"
run dfx-health-notool --health-cmd 'curl -fsS http://127.0.0.1:8000/health/ || exit 1' "${every[@]}" "$web"
run dfx-health-5xx -p 127.0.0.1::8000 --health-cmd "$(wget_check 8000/cgi-bin/health)" "${every[@]}" "$web"
run dfx-health-404 --health-cmd "$(wget_check 8000/healthz)" "${every[@]}" "$web"
run dfx-health-noshell "$noshell"
run dfx-health-binary \
  --health-cmd 'printf "\033[31mred\033[0m \377\376 bad utf-8\n"; head -c 6000 /bin/busybox; exit 1' \
  --health-interval 5s --health-timeout 2s --health-retries 1 "$web"

failed=0
for p in "${pids[@]}"; do wait "$p" || failed=1; done
[ "$failed" = 0 ] || die "some containers could not be started"

if [ "$wait" = 1 ]; then
  want="healthy:healthy unhealthy:unhealthy slow:unhealthy starting:starting none:none
        notool:unhealthy 5xx:unhealthy 404:unhealthy noshell:unhealthy binary:unhealthy"
  deadline=$((SECONDS + ${DOCKTOR_FIXTURE_WAIT:-60}))
  while :; do
    missing=""
    for w in $want; do
      s=$(status "dfx-health-${w%%:*}")
      [ "$s" = "${w#*:}" ] || missing="$missing dfx-health-${w%%:*}=$s"
    done
    # A full daemon log (5 probes): enough changes to call the flapping one flapping, and
    # the daemon's own 5 beside the store's for the unhealthy one.
    for full in flapping unhealthy; do
      f=$(docker container inspect -f '{{len .State.Health.Log}}' "dfx-health-$full" 2>/dev/null || echo 0)
      [ "$f" -ge 5 ] || missing="$missing dfx-health-$full=$f-probes"
    done
    # The starting one is "starting" at once; its cause shows from its first failed probes.
    f=$(docker container inspect -f '{{len .State.Health.Log}}' dfx-health-starting 2>/dev/null || echo 0)
    [ "$f" -ge 2 ] || missing="$missing dfx-health-starting=$f-probes"
    [ -z "$missing" ] && break
    [ "$SECONDS" -lt "$deadline" ] || die "timed out:$missing"
    sleep 1
  done
  say "every dfx-health-* container is in its state"
fi
if [ "$quiet" = 1 ]; then
  docker ps -a --filter "label=$label" --format '{{.Names}}' | sort
else
  docker ps -a --filter "label=$label" --format 'table {{.Names}}\t{{.Status}}' | (read -r h; echo "$h"; sort)
fi
