#!/usr/bin/env bash
# usage: tests/scripts/doctor-fixtures.sh [--quiet]
#
# Builds the Doctor's fixture image offline, FROM scratch with the host's static busybox:
# dkt-doctor/app:<hash12 of the context and busybox> (also :latest), skipped when that tag
# exists, and prints the tag. The tests run their own containers from it (named
# dkt-doctor-<test>-<pid>, removed by a drop guard); this script starts none.
set -euo pipefail
export DOCKER_BUILDKIT=0
here=$(cd "$(dirname "$0")" && pwd)
ctx_src=$(cd "$here/../fixtures/images/doctor-app" && pwd)
busybox=${DOCKTOR_BUSYBOX:-/bin/busybox}
quiet=0
[ "${1:-}" = --quiet ] && quiet=1
die() { echo "doctor-fixtures: error: $*" >&2; exit 1; }
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker daemon answers"
[ -x "$busybox" ] || die "$busybox not found: install busybox-static"
hash=$({
  (cd "$ctx_src" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  sha256sum "$busybox" | cut -d' ' -f1
} | sha256sum | cut -c1-12)
tag=dkt-doctor/app:$hash
if ! docker image inspect "$tag" >/dev/null 2>&1; then
  [ "$quiet" = 1 ] || echo "doctor-fixtures: building $tag" >&2
  ctx=$(mktemp -d)
  trap 'rm -rf "$ctx"' EXIT
  cp -R "$ctx_src/." "$ctx/"
  cp "$busybox" "$ctx/busybox"
  docker build -q -t "$tag" "$ctx" >/dev/null || die "building $tag failed"
fi
docker tag "$tag" dkt-doctor/app:latest
echo "$tag"
