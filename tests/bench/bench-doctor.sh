#!/usr/bin/env bash
# usage: tests/bench/bench-doctor.sh [-n ROUNDS] [--no-build] [--skip-tui] [--skip-check] [IMAGE]
#
# The Doctor's and `docktor check`'s figures, with the release binary:
#   1. first verdicts on screen: docktor in a 120x40 tmux pane, a container of the Doctor's
#      fixture image chosen in the list (dkt-doctor-bench-<pid>, removed at the end); the time
#      from the Enter that opens it to the first "✔ pass" / "! warn" / "✘ fail" row on screen,
#      polled every 10 ms with tmux capture-pane; ROUNDS rounds (default 5), median.
#   2. `docktor check IMAGE --format json` against `docktor layers IMAGE --format json` on a
#      large image (default bench-big, built with ../shared/bench/big/build.sh when missing):
#      ROUNDS rounds alternating the two, wall time of each, medians and the ratio.
# Results are printed; tests/bench/DOCTOR.md records a run.
# Environment: BENCH_DIR (default ../shared/bench beside the repo), DOCKTOR_BIN (skip the
# build and use it), CARGO_TARGET_DIR.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
# A worktree sits one level deeper than the repo beside shared/.
[ -d "$bench" ] || [ -n "${BENCH_DIR:-}" ] || bench=$root/../../shared/bench
rounds=5 build=1 tui=1 chk=1 image=bench-big
while [ $# -gt 0 ]; do
  case "$1" in
    -n) rounds=$2; shift ;;
    --no-build) build=0 ;;
    --skip-tui) tui=0 ;;
    --skip-check) chk=0 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench-doctor: unknown argument: $1" >&2; exit 2 ;;
    *) image=$1 ;;
  esac
  shift
done
say() { echo "bench-doctor: $*" >&2; }
die() { echo "bench-doctor: error: $*" >&2; exit 1; }
for c in tmux docker; do command -v "$c" >/dev/null || die "$c is missing"; done
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker daemon answers"

target=${CARGO_TARGET_DIR:-$root/target}
if [ -z "${DOCKTOR_BIN:-}" ] && [ "$build" = 1 ]; then
  (cd "$root" && cargo build -q --release --locked --bin docktor)
fi
bin=${DOCKTOR_BIN:-$target/release/docktor}
[ -x "$bin" ] || die "no binary at $bin"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f\n", m}'; }
now() { echo "$EPOCHREALTIME"; }

name=dkt-doctor-bench-$$
session=dkt-doctor-bench-$$
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  docker rm -f "$name" >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [ "$tui" = 1 ]; then
  tag=$(bash "$root/tests/scripts/doctor-fixtures.sh" --quiet)
  docker run -d --name "$name" --cpus 1 --memory 64m "$tag" >/dev/null
  times=()
  for r in $(seq 1 "$rounds"); do
    tmux kill-session -t "$session" 2>/dev/null || true
    tmux new-session -d -s "$session" -x 120 -y 40 "$bin"
    for _ in $(seq 1 500); do tmux capture-pane -p -t "$session" | grep -q "Containers (" && break; sleep 0.01; done
    tmux send-keys -t "$session" "/"; tmux send-keys -t "$session" -l "$name"; tmux send-keys -t "$session" Enter
    for _ in $(seq 1 500); do tmux capture-pane -p -t "$session" | grep -q "▶ $name" && break; sleep 0.01; done
    t0=$(now)
    tmux send-keys -t "$session" Enter
    seen=0
    for _ in $(seq 1 1000); do
      if tmux capture-pane -p -t "$session" | grep -qE "(✔ pass|! warn|✘ fail) "; then seen=1; break; fi
      sleep 0.01
    done
    t1=$(now)
    [ "$seen" = 1 ] || die "no verdict on screen after 10 s (round $r)"
    ms=$(echo "($t1 - $t0) * 1000" | bc -l)
    times+=("$ms")
    say "round $r: first verdicts after $(printf '%.0f' "$ms") ms"
    tmux send-keys -t "$session" q
  done
  printf '%s\n' "${times[@]}" | median | awk '{printf "doctor first verdicts on screen: median %.0f ms over '"$rounds"' rounds (goal: 300 ms)\n", $1}'
fi

if [ "$chk" = 1 ]; then
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    [ "$image" = bench-big ] || die "no image $image"
    say "building bench-big with $bench/big/build.sh"
    bash "$bench/big/build.sh" >/dev/null
  fi
  lt=() ct=()
  for r in $(seq 1 "$rounds"); do
    for what in layers check; do
      [ $((r % 2)) = 0 ] && what=$([ "$what" = layers ] && echo check || echo layers)
      t0=$(now)
      "$bin" "$what" "$image" --format json >/dev/null || [ "$what" = check ]
      t1=$(now)
      s=$(echo "$t1 - $t0" | bc -l)
      if [ "$what" = layers ]; then lt+=("$s"); else ct+=("$s"); fi
      say "round $r: docktor $what $(printf '%.3f' "$s") s"
    done
  done
  l=$(printf '%s\n' "${lt[@]}" | median)
  c=$(printf '%s\n' "${ct[@]}" | median)
  echo "docktor layers $image: median $l s; docktor check $image: median $c s; ratio $(echo "$c / $l" | bc -l | xargs printf '%.2f') (goal: at most 1.50)"
fi
