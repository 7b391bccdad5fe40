#!/bin/bash
# Layer analysis, side by side in one run, medians of $ROUNDS (default 3); in every round each
# tool runs once, in an order rotated round by round (no tool always first or last):
#   docker save IMAGE > /dev/null          the floor for anything reading layers through the API
#   CI=true dive IMAGE                     the peer
#   docktor layers IMAGE --via export      the universal path (the shipped binary)
#   docktor layers IMAGE --via local       the overlay2 walk (root, local engine)
#   docktor layers IMAGE --quick           the layer list only: inspect + history (the binary)
# on bench-big (640 MB, ~60k files; BENCH_DIR/big/build.sh) and bench-small (the same
# Dockerfile scaled to ~1/10: 64 MB, ~2.5k files). Wall time and peak RSS from GNU time.
# Prints the run (date, commit, load average before and after, versions), then the table.
# Recorded runs: tests/bench/RESULTS.md.
#
# usage: tests/bench/bench-layers.sh [IMAGE...]
#        tests/bench/bench-layers.sh --build-only [IMAGE...]   build the missing images, exit
#   DOCKTOR   command that takes `IMAGE --via export|local --format json` and
#             `IMAGE --quick --format json` (default: the release binary's `docktor layers`)
#   BENCH_DIR the shared bench kit (default: ../shared/bench beside the repository)
#   PEERS_DIR where dive is (PEERS_DIR/bin/dive, default /opt/peers; skipped when missing)
#   CARGO_TARGET_DIR  where the binary is looked for and built (default: target/ of the repo)
#   NO_BUILD=1        use the binary as it is (no `cargo build`)
set -eu
cd "$(dirname "$0")/../.."
root=$PWD
# The shared bench kit: BENCH_DIR, else shared/bench beside the repository (or beside the
# main checkout, for a git worktree).
if [ -z "${BENCH_DIR:-}" ]; then
  BENCH_DIR=$root/../shared/bench
  common_dir=$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  if [ ! -d "$BENCH_DIR" ] && [ -n "$common_dir" ]; then BENCH_DIR=$(dirname "$common_dir")/../shared/bench; fi
fi
bench=$BENCH_DIR
build_only=0
if [ "${1:-}" = --build-only ]; then build_only=1; shift; fi
case "${1:-}" in -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

build_small() {  # bench-small: the bench-big Dockerfile scaled to ~1/10
  local ctx; ctx=$(mktemp -d); cp /bin/busybox "$ctx/"
  sed -e 's/seq 1 200/seq 1 20/; s/seq 1 100); do mkdir s/seq 1 10); do mkdir s/' \
      -e 's/count=300/count=30/; s/count=100/count=10/; s/count=50/count=5/; s/count=80/count=8/' \
      "$bench/big/Dockerfile" > "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t bench-small "$ctx" >/dev/null; rm -rf "$ctx"
}
images=("$@"); [ ${#images[@]} -gt 0 ] || images=(bench-big bench-small)
for img in "${images[@]}"; do
  if ! docker image inspect "$img" >/dev/null 2>&1; then
    case $img in
      bench-big|bench-small) [ -f "$bench/big/build.sh" ] || { echo "no bench kit at $bench (set BENCH_DIR)" >&2; exit 2; } ;;
    esac
    case $img in
      bench-big) bash "$bench/big/build.sh" >/dev/null ;;
      bench-small) build_small ;;
      *) echo "no image $img" >&2; exit 2 ;;
    esac
  fi
done
[ "$build_only" = 0 ] || exit 0

ROUNDS=${ROUNDS:-3}
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target="$root/$target" ;; esac # cargo reads it relative to the repo
export CARGO_TARGET_DIR=$target
if [ "${NO_BUILD:-0}" != 1 ] && [ -z "${DOCKTOR:-}" ]; then # a no-op when up to date
  cargo build -q --release --locked --bin docktor
fi
DOCKTOR=${DOCKTOR:-"$target/release/docktor layers"}
[ -x "${DOCKTOR%% *}" ] || { echo "bench-layers: no binary at ${DOCKTOR%% *} (build it, or set DOCKTOR)" >&2; exit 2; }
DIVE=${PEERS_DIR:-/opt/peers}/bin/dive
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null

commit="$(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty')"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
measure() {  # name image cmd...: appends "wall_s peak_kb" to $out/name.image
  local name=$1 img=$2; shift 2
  # dive exits 1 when its CI rules fail: keep the time of every run that produced figures
  /usr/bin/time -f '%e %M' -o "$out/t" "$@" >/dev/null 2>"$out/err" || true
  if ! tail -1 "$out/t" | grep -Eq '^[0-9.]+ [0-9]+$' || { [ "$name" != dive ] && grep -q 'non-zero' "$out/t"; }; then
    echo "$name failed on $img: $(tail -3 "$out/err")" >&2; return 0
  fi
  tail -1 "$out/t" >> "$out/$name.$img"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
run_tool() {  # name image
  # shellcheck disable=SC2086 # DOCKTOR is a command with its arguments
  case $1 in
    save) measure save "$2" sh -c "docker save $2 > /dev/null" ;;
    dive) [ -x "$DIVE" ] && measure dive "$2" env CI=true "$DIVE" "$2" ;;
    export) measure export "$2" $DOCKTOR "$2" --via export --format json ;;
    local) measure local "$2" $DOCKTOR "$2" --via local --format json ;;
    quick) measure quick "$2" $DOCKTOR "$2" --quick --format json ;;
  esac
  return 0
}

tools=(save dive export local quick)
for img in "${images[@]}"; do
  for r in $(seq 0 $((ROUNDS - 1))); do
    k=$((r % ${#tools[@]}))
    for name in "${tools[@]:k}" "${tools[@]:0:k}"; do run_tool "$name" "$img"; done
  done
done

echo "bench-layers: $started · commit $commit · load $load0 → $(cut -d' ' -f1-3 /proc/loadavg) · $(nproc) cores"
echo "bench-layers: docker $(docker version --format '{{.Server.Version}}') · $([ -x "$DIVE" ] && "$DIVE" --version | head -1) · $(${DOCKTOR%% *} --version)"
printf '\n| image | tool | wall (median of %s) | vs docker save | peak RSS |\n|---|---|---|---|---|\n' "$ROUNDS"
for img in "${images[@]}"; do
  floor=$(cut -d' ' -f1 "$out/save.$img" | median)
  for name in "${tools[@]}"; do
    [ -f "$out/$name.$img" ] || continue
    wall=$(cut -d' ' -f1 "$out/$name.$img" | median)
    rss=$(cut -d' ' -f2 "$out/$name.$img" | median)
    ratio=$(awk -v a="$wall" -v b="$floor" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
    label=$name
    case $name in save) label="docker save > /dev/null";; dive) label="CI=true dive";; export) label="docktor --via export";;
      local) label="docktor --via local";; quick) label="docktor --quick";; esac
    printf '| %s | %s | %s s | %s | %s MB |\n' "$img" "$label" "$wall" "$ratio" "$(awk -v k="$rss" 'BEGIN{printf "%.1f", k/1024}')"
  done
done
