#!/bin/sh
# Builds the demo images with the docker CLI (docktor demo does the same through the Engine API).
#   assets/demo/build.sh [SCALE_MB]    SCALE_MB per 100 MB of the guide (default 10: 80/60/50/40 MB)
# Needs the static busybox (Debian: apt-get install busybox-static) at /bin/busybox.
set -eu
scale=${1:-10}
here=$(cd "$(dirname "$0")" && pwd)
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "no $busybox: install busybox-static" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOCKER_BUILDKIT=0

# base: busybox + the stand-in tools
mkdir "$work/base"
cp -R "$here/base/." "$work/base/"
cp "$busybox" "$work/base/busybox"
cp "$here/base.Dockerfile" "$work/base/Dockerfile"
docker build -q -t docktor-demo/base --build-arg DEMO_UNIT=$((scale * 10000)) "$work/base"

# the app context; .git is stored as _git (git cannot track a nested .git)
mkdir "$work/app"
cp -R "$here/app/." "$work/app/"
mv "$work/app/_git" "$work/app/.git"
for stage in original multi-stage official-uv optimized; do
    ctx="$work/$stage"
    cp -R "$work/app" "$ctx"
    # only the optimized stage has a .dockerignore
    [ "$stage" = optimized ] || rm -f "$ctx/.dockerignore"
    cp "$here/$stage.Dockerfile" "$ctx/Dockerfile"
    docker build -q -t "docktor-demo/$stage" "$ctx"
done
docker images --format '{{.Repository}}\t{{.Size}}' 'docktor-demo/*'
