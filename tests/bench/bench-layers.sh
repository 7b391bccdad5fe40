#!/bin/bash
# Layer analysis, side by side in one run, medians of $ROUNDS (default 3), alternating tools:
#   docker save IMAGE > /dev/null          the floor for anything reading layers through the API
#   CI=true dive IMAGE                     the peer
#   docktor, universal path (--via export) and local path (--via local), and the quick list
#   (--quick: inspect + history only), all the shipped binary
# on bench-big (640 MB, ~60k files) and bench-small (same shape: 64 MB, ~2.5k files).
# Wall time and peak RSS from GNU time. Release build. Figures measured are in tests/bench/RESULTS.md
# (bench-big, 20:20 run, `docktor layers`: save 6.68 s, dive 6.59 s / 65 MB, export 6.37 s / 21 MB,
# local 0.33 s, quick list 39 ms in process).
#
# usage: tests/bench/bench-layers.sh [IMAGE...]
#   DOCKTOR   command that takes `IMAGE --via export|local --format json` and
#             `IMAGE --quick --format json`
#             (default: `$CARGO_TARGET_DIR/release/docktor layers`, the release binary)
#   DIVE      dive binary (default /opt/peers/bin/dive; skipped when missing)
#   CARGO_TARGET_DIR  where the binary is looked for and built (default: target/ of the repo)
#   NO_BUILD=1        use the binary as it is (no `cargo build`)
set -eu
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target="$PWD/$target" ;; esac # cargo reads it relative to the repo
export CARGO_TARGET_DIR=$target
if [ "${NO_BUILD:-0}" != 1 ] && [ -z "${DOCKTOR:-}" ]; then # a no-op when up to date
  cargo build -q --release --locked --bin docktor
fi
DOCKTOR=${DOCKTOR:-"$target/release/docktor layers"}
[ -x "${DOCKTOR%% *}" ] || { echo "bench-layers: no binary at ${DOCKTOR%% *} (build it, or set DOCKTOR)" >&2; exit 2; }
DIVE=${DIVE:-/opt/peers/bin/dive}
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null

build_small() {  # bench-small: the bench-big Dockerfile scaled to ~1/10
  local ctx; ctx=$(mktemp -d); cp /bin/busybox "$ctx/"
  sed -e 's/seq 1 200/seq 1 20/; s/seq 1 100); do mkdir s/seq 1 10); do mkdir s/' \
      -e 's/count=300/count=30/; s/count=100/count=10/; s/count=50/count=5/; s/count=80/count=8/' \
      /work/shared/bench/big/Dockerfile > "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t bench-small "$ctx" >/dev/null; rm -rf "$ctx"
}
images=("$@"); [ ${#images[@]} -gt 0 ] || images=(bench-big bench-small)
for img in "${images[@]}"; do
  if ! docker image inspect "$img" >/dev/null 2>&1; then
    case $img in
      bench-big) bash /work/shared/bench/big/build.sh >/dev/null ;;
      bench-small) build_small ;;
      *) echo "no image $img" >&2; exit 2 ;;
    esac
  fi
done

out=$(mktemp -d)
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

for img in "${images[@]}"; do
  for r in $(seq "$ROUNDS"); do
    measure save "$img" sh -c "docker save $img > /dev/null"
    [ -x "$DIVE" ] && measure dive "$img" env CI=true "$DIVE" "$img"
    measure export "$img" $DOCKTOR "$img" --via export --format json
    measure local "$img" $DOCKTOR "$img" --via local --format json
    measure quick "$img" $DOCKTOR "$img" --quick --format json
  done
done

printf '\n| image | tool | wall (median of %s) | vs docker save | peak RSS |\n|---|---|---|---|---|\n' "$ROUNDS"
for img in "${images[@]}"; do
  floor=$(cut -d' ' -f1 "$out/save.$img" | median)
  for name in save dive export local quick; do
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
rm -rf "$out"
