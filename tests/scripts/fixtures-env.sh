#!/usr/bin/env bash
# usage: tests/scripts/fixtures-env.sh [--clean] [--quiet]
#
# The Env tab's fixtures, built offline FROM scratch with the host's static busybox, on the
# user-defined network dfx-env-net; containers labelled docktor.fixture=env (not =1: the
# kit's own dfx-* set stays as it is):
#   dfx-env-db        a database-like listener: 'N' to PostgreSQL's SSL request on 5432,
#                     HTTP on 8080 (alias "db" on dfx-env-net)
#   dfx-env-good      every setting right (tests/fixtures/env/good.env), DB_HOST=db reachable
#   dfx-env-missing   SECRET_KEY, CORS, MEDIA missing, an empty e-mail, DB_HOST=nodb (no DNS)
#   dfx-env-mistyped  DB_HOTS, DB_PORT=abc, a DATABASE_URL that does not parse, bad types
#   dfx-env-insecure  DEBUG=True, django-insecure key, ALLOWED_HOSTS=*, CORS open,
#                     superuser password "admin", DB_PORT=5433 (refused)
#   dfx-env-baked     ENV SECRET_KEY and a DB_PASSWORD build argument in the image; DB_HOST
#                     an unused address of dfx-env-net (no answer: timeout)
#   dfx-env-bare      no shell, no nc, no python (distroless-like), DB_HOST=db
#   dfx-env-leaky     good settings plus a DATABASE_URL with a password; prints its secrets
#                     to its logs at start, and its health check (passing, every 5 s)
#                     prints them in every probe's output
# Planted secret values all contain "Pl4nted" so tests can search every output for them.
# A container is kept when it exists with the same spec and runs; --clean removes them.
set -euo pipefail
export DOCKER_BUILDKIT=0

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
images=$root/tests/fixtures/images
envs=$root/tests/fixtures/env
label=docktor.fixture=env
net=dfx-env-net
busybox=${DOCKTOR_BUSYBOX:-/bin/busybox}
build_arg_secret=Pl4nted-Build-Arg-Secret
quiet=0 clean=0
for arg in "$@"; do
  case "$arg" in
    --clean) clean=1 ;;
    -q|--quiet) quiet=1 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fixtures-env: unknown argument: $arg" >&2; exit 2 ;;
  esac
done
say() { [ "$quiet" = 1 ] || echo "fixtures-env: $*" >&2; }
die() { echo "fixtures-env: error: $*" >&2; exit 1; }

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker daemon answers (run tests/scripts/docker-up.sh)"
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TMPDIR:-/tmp}/docktor-fixtures-env.lock"
  flock -w 120 9 || die "another fixtures-env.sh has held the lock for 120 s"
fi

if [ "$clean" = 1 ]; then
  ids=$(docker ps -aq --filter "label=$label")
  # shellcheck disable=SC2086 # one id per word
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  docker network rm "$net" >/dev/null 2>&1 || true
  say "removed the env fixtures"
  exit 0
fi

[ -x "$busybox" ] || die "$busybox not found: install busybox-static"
bb_sum=$(sha256sum "$busybox" | cut -d' ' -f1)

# build NAME [BUILD-ARGS...] -> prints the content tag
build() {
  local name=$1 dir=$images/$1 hash tag ctx
  shift
  hash=$( { (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
            echo "busybox $bb_sum $*"; } | sha256sum | cut -c1-12)
  tag=docktor-fixture/$name:$hash
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    say "building $tag"
    ctx=$(mktemp -d)
    cp -R "$dir/." "$ctx/"
    cp "$busybox" "$ctx/busybox"
    docker build -q "$@" -t "$tag" "$ctx" >"$ctx.log" 2>&1 \
      || { cat "$ctx.log" >&2; rm -rf "$ctx" "$ctx.log"; die "building $tag failed"; }
    rm -rf "$ctx" "$ctx.log"
  fi
  docker tag "$tag" "docktor-fixture/$name:latest"
  echo "$tag"
}

app=$(build env-app)
baked=$(build env-baked --build-arg "DB_PASSWORD=$build_arg_secret")
pg=$(build env-pg)
bare=$(build env-bare)

docker network inspect "$net" >/dev/null 2>&1 \
  || docker network create --label "$label" "$net" >/dev/null
gateway=$(docker network inspect -f '{{range .IPAM.Config}}{{.Gateway}}{{end}}' "$net")
[ -n "$gateway" ] || die "network $net has no gateway address"
silent=${gateway%.*}.250   # an address of our own network that no container has: no answer

# run NAME ARGS... (kept when the same spec runs)
run() {
  local name=$1 spec cur
  shift
  spec=$(printf '%s\0' "$@" | cat - "$envs"/*.env | sha256sum | cut -c1-12)
  if cur=$(docker container inspect -f \
      '{{index .Config.Labels "docktor.fixture.spec"}} {{.State.Status}}' "$name" 2>/dev/null) \
      && [ "$cur" = "$spec running" ]; then
    say "$name kept"; return 0
  fi
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker run -d --name "$name" --label "$label" --label "docktor.fixture.spec=$spec" \
    --network "$net" "$@" >/dev/null || die "could not start $name"
  say "$name created"
}

run dfx-env-db --network-alias db "$pg"
run dfx-env-good --env-file "$envs/good.env" "$app"
run dfx-env-missing --env-file "$envs/missing.env" "$app"
run dfx-env-mistyped --env-file "$envs/mistyped.env" "$app"
run dfx-env-insecure --env-file "$envs/insecure.env" "$app"
run dfx-env-baked --env-file "$envs/good.env" -e "DB_HOST=$silent" "$baked"
run dfx-env-bare --env-file "$envs/good.env" "$bare"
# shellcheck disable=SC2016 # expanded by the container's shell, not this one
run dfx-env-leaky --env-file "$envs/good.env" \
  -e "DATABASE_URL=postgres://app:Pl4nted-Url-Passw0rd@db:5432/app" \
  --health-cmd 'echo "probe: DB_PASSWORD=$DB_PASSWORD key $SECRET_KEY url $DATABASE_URL"' \
  --health-interval 5s --health-timeout 3s --health-retries 3 \
  "$app" sh -c 'echo "booting with key $SECRET_KEY"; echo "database $DATABASE_URL";
    echo "superuser password: $SUPERUSER_PASSWORD" >&2; exec sleep infinity'

docker ps -a --filter "label=$label" --format '{{.Names}}' | sort
