#!/bin/bash
# The Files walk of 100,000 files, side by side in one run, medians of $ROUNDS (default 5),
# tools alternating each round:
#   docker cp CONTAINER:/app - > /dev/null   the raw archive stream of the same path (the floor)
#   docktor files --via archive              the stream read, the tree built, the rules run
#   docktor files --via local                the overlay2 layers walked instead (no stream)
# on dfx-files-big (100 folders of 1,000 small files under /app; tests/scripts/fixtures-files.sh
# makes it). Wall time, peak RSS and own CPU (user + system) from GNU time; the release
# binary. The machine's load average is printed: on a shared machine the wall times move
# with it (the CPU seconds much less). The targets
# (issue 10): archive ≤ 1.2x the raw stream, peak RSS ≤ 64 MB, local ≤ 0.2x. Figures
# measured are in tests/bench/FILES.md.
#
# usage: tests/bench/bench-files.sh [CONTAINER [PATH]]
#   DOCKTOR           the docktor binary (default: $CARGO_TARGET_DIR/release/docktor)
#   CARGO_TARGET_DIR  where it is looked for and built (default: target/ of the repo)
#   NO_BUILD=1        use the binary as it is (no `cargo build`)
set -eu
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}
container=${1:-dfx-files-big}
path=${2:-/app}
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target="$PWD/$target" ;; esac
export CARGO_TARGET_DIR=$target
if [ "${NO_BUILD:-0}" != 1 ] && [ -z "${DOCKTOR:-}" ]; then
  cargo build -q --release --locked --bin docktor
fi
DOCKTOR=${DOCKTOR:-"$target/release/docktor"}
[ -x "$DOCKTOR" ] || { echo "bench-files: no binary at $DOCKTOR" >&2; exit 2; }
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
if ! docker container inspect "$container" >/dev/null 2>&1; then
  [ "$container" = dfx-files-big ] || { echo "bench-files: no container $container" >&2; exit 2; }
  bash tests/scripts/fixtures-files.sh --quiet
fi
entries=$("$DOCKTOR" files "$container" --path "$path" --via archive --format json | awk -F': ' '/"entries"/ {gsub(",", "", $2); print $2; exit}')

load=$(cut -d' ' -f1-3 /proc/loadavg)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
measure() {  # name cmd...: appends "wall_s peak_kb cpu_s" to $out/name
  local name=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$out/t" "$@" >/dev/null 2>"$out/err" || true
  if ! tail -1 "$out/t" | grep -Eq '^[0-9.]+ [0-9]+ [0-9.]+ [0-9.]+$'; then
    echo "bench-files: $name failed: $(tail -3 "$out/err")" >&2; return 0
  fi
  tail -1 "$out/t" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' >> "$out/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }

for _ in $(seq "$ROUNDS"); do
  measure cp sh -c "docker cp $container:$path - > /dev/null"
  measure archive "$DOCKTOR" files "$container" --path "$path" --via archive --format json
  measure local "$DOCKTOR" files "$container" --path "$path" --via local --format json
done

floor=$(cut -d' ' -f1 < "$out/cp" | median)
printf '\n%s:%s, %s entries, %s rounds (%s)\n\n' "$container" "$path" "$entries" "$ROUNDS" "$(date -u +%FT%TZ)"
printf 'load average before: %s\n\n' "$load"
printf '| tool | wall (median) | vs docker cp | peak RSS (median) | own CPU (median) |\n|---|---|---|---|---|\n'
for name in cp archive local; do
  [ -s "$out/$name" ] || continue
  wall=$(cut -d' ' -f1 < "$out/$name" | median)
  rss=$(cut -d' ' -f2 < "$out/$name" | median)
  cpu=$(cut -d' ' -f3 < "$out/$name" | median)
  ratio=$(awk -v a="$wall" -v b="$floor" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
  case $name in cp) label="docker cp $container:$path - > /dev/null";; archive) label="docktor files --via archive";;
    local) label="docktor files --via local";; esac
  printf '| %s | %s s | %s | %s MB | %s s |\n' "$label" "$wall" "$ratio" "$(awk -v k="$rss" 'BEGIN{printf "%.1f", k/1024}')" "$cpu"
done
