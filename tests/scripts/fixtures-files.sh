#!/usr/bin/env bash
# usage: tests/scripts/fixtures-files.sh [--quiet] [--recreate] [--clean]
#
# Builds the Files fixtures offline (FROM scratch with the host's static busybox; Dockerfiles
# in tests/fixtures/files/NAME) and brings up their containers, labelled docktor.fixture=1
# and docktor.fixture.area=files:
#   dfx-files-clean    the guide's /app, right in every way: `docktor files` finds nothing
#   dfx-files-root     no USER (root), files owned by root
#   dfx-files-perms    app cannot write media/ nor create logs/, start.sh not executable,
#                      a root-only file, a world-writable file, a setuid binary
#   dfx-files-stopped  the perms image, exited (code 0)
#   dfx-files-ghost    USER ghost is not in /etc/passwd: created, never started
#   dfx-files-uid      USER 1000:1000 without a passwd line, malformed passwd and group
#   dfx-files-leaky    .env, keys, .git, node_modules, a .venv made on a Mac, an editable install
#   dfx-files-scratch  no shell at all; /etc/passwd written by hand
#   dfx-files-big      100,000 files under /app
#   dfx-files-odd      non-UTF-8 and long names, hard links, devices, a fifo, a symlink loop,
#                      a PAX uid; volume dfx-files-odd-media on /app/media, tmpfs on /app/logs
# Images are tagged docktor-fixture/files-NAME:<hash12 of context and busybox>; a build is
# skipped when the tag exists, a container kept when its spec and state are as wanted.
#   --clean     remove these containers and the volume (only them) and stop
#   --recreate  recreate the containers even when they look right
set -euo pipefail
export DOCKER_BUILDKIT=0

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$root/tests/fixtures/files
busybox=${DOCKTOR_BUSYBOX:-/bin/busybox}
quiet=0 recreate=0 clean=0
for arg in "$@"; do
  case "$arg" in
    -q|--quiet) quiet=1 ;;
    --recreate) recreate=1 ;;
    --clean) clean=1 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fixtures-files: unknown argument: $arg" >&2; exit 2 ;;
  esac
done
say() { [ "$quiet" = 1 ] || echo "fixtures-files: $*" >&2; }
die() { echo "fixtures-files: error: $*" >&2; exit 1; }

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker daemon answers (run tests/scripts/docker-up.sh)"
if command -v flock >/dev/null 2>&1; then
  exec 8>"${TMPDIR:-/tmp}/docktor-fixtures-files.lock"
  flock -w 600 8 || die "another fixtures-files.sh has held the lock for 600 s"
fi

names="clean root perms stopped ghost uid leaky scratch big odd"
if [ "$clean" = 1 ]; then
  for n in $names; do docker rm -f "dfx-files-$n" >/dev/null 2>&1 || true; done
  docker volume rm dfx-files-odd-media >/dev/null 2>&1 || true
  say "removed the dfx-files-* containers"
  exit 0
fi

[ -x "$busybox" ] || die "$busybox not found: install busybox-static"
busybox_sum=$(sha256sum "$busybox" | cut -d' ' -f1)

# build NAME -> prints the content tag
build() {
  local name=$1 ctx hash tag
  hash=$( { (cd "$dir/$name" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); \
            echo "busybox $busybox_sum"; } | sha256sum | cut -c1-12)
  tag=docktor-fixture/files-$name:$hash
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    say "building $tag"
    ctx=$(mktemp -d)
    cp -R "$dir/$name/." "$ctx/"
    cp "$busybox" "$ctx/busybox"
    if ! docker build -q -t "$tag" "$ctx" >"$ctx.log" 2>&1; then
      cat "$ctx.log" >&2; rm -rf "$ctx" "$ctx.log"; die "building $tag failed"
    fi
    rm -rf "$ctx" "$ctx.log"
  fi
  echo "$tag"
}

# fixture NAME WANT (running | exited:CODE | created) ARGS... (image and command last)
fixture() {
  local name=dfx-files-$1 want=$2 spec cur
  shift 2
  spec=$(printf '%s\0' "$@" | sha256sum | cut -c1-12)
  if [ "$recreate" = 0 ] && cur=$(docker container inspect -f \
      '{{index .Config.Labels "docktor.fixture.spec"}} {{.State.Status}}:{{.State.ExitCode}}' \
      "$name" 2>/dev/null); then
    case "$want:$cur" in
      "running:$spec running:0"|"created:$spec created:0"|"exited:${want#exited:}:$spec exited:${want#exited:}")
        say "$name kept"; return 0 ;;
    esac
  fi
  docker rm -f "$name" >/dev/null 2>&1 || true
  local labels=(--label docktor.fixture=1 --label docktor.fixture.area=files --label "docktor.fixture.spec=$spec")
  case "$want" in
    created) docker create --name "$name" "${labels[@]}" "$@" >/dev/null ;;
    exited:*) docker run --name "$name" "${labels[@]}" "$@" >/dev/null ;;
    *) docker run -d --name "$name" "${labels[@]}" "$@" >/dev/null ;;
  esac || die "could not make $name"
  say "$name created"
}

for n in clean root perms ghost uid leaky scratch big odd; do
  declare "img_$n=$(build "$n")"
done
fixture clean running "$img_clean"
fixture root running "$img_root"
fixture perms running "$img_perms"
fixture stopped exited:0 "$img_perms" true
fixture ghost created "$img_ghost"
fixture uid running "$img_uid"
fixture leaky running "$img_leaky"
fixture scratch running "$img_scratch"
fixture big running "$img_big"
fixture odd running -v dfx-files-odd-media:/app/media --tmpfs /app/logs:rw,mode=0755 "$img_odd"

if [ "$quiet" = 0 ]; then
  docker ps -a --filter label=docktor.fixture.area=files --format 'table {{.Names}}\t{{.Status}}' >&2
fi
