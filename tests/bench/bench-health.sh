#!/usr/bin/env bash
# usage: tests/bench/bench-health.sh [-n ROUNDS] [--window SECONDS] [--no-build] [--keep]
#
# The health history's performance figures, side by side in one run, with the shared bench
# kit (BENCH_DIR, default ../shared/bench beside the repo):
#   - with 50 containers probing every 5 s (fifty-containers.sh), the daemon's CPU
#     (daemon_cpu.sh, dockerd + containerd) over WINDOW seconds (default 20) with nothing
#     open (baseline), with oxker open, with docktor's TUI open on the list (its failing
#     streaks follow every probe's events), with the TUI on bench-01's Health tab (the
#     capture: one inspect per probe of it), and with `docktor record` running (one
#     inspect per probe of all 50); ROUNDS rounds (default 3), the order rotated each round;
#   - `docktor record`'s own CPU and RSS over the same window;
#   - opening bench-01's Health tab with 10,000 recorded probes (the health_open example:
#     the tab's own load — inspect, image config, engine key, store — then history,
#     summary, rules and the first frame at 120x40).
# Prints every measurement, then the medians. Needs root or the docker group. The bench containers are removed at the end
# (--keep leaves them). Environment: BENCH_DIR, PEERS_DIR (/opt/peers), DOCKTOR_BIN.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
peers=${PEERS_DIR:-/opt/peers}
rounds=3 window=20 build=1 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--rounds) rounds=$2; shift ;;
    --window) window=$2; shift ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-health: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
say() { echo "bench-health: $*" >&2; }
die() { echo "bench-health: error: $*" >&2; exit 1; }
[ -f "$bench/daemon_cpu.sh" ] || die "no bench kit at $bench (set BENCH_DIR)"
for c in tmux bc docker; do command -v "$c" >/dev/null || die "$c is missing"; done

target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target=$root/$target ;; esac
bin=${DOCKTOR_BIN:-$target/release/docktor}
if [ -z "${DOCKTOR_BIN:-}" ] && [ "$build" = 1 ]; then
  say "building the release binary and the health_open example"
  (cd "$root" && cargo build --release --locked --bin docktor --example health_open >&2)
fi
[ -x "$bin" ] || die "no docktor binary at $bin"
oxker=$peers/bin/oxker
[ -x "$oxker" ] || say "no oxker at $oxker ($bench/peers-install.sh installs it): skipped"
has_record=0
"$bin" record --help >/dev/null 2>&1 && has_record=1
[ "$has_record" = 1 ] || say "this docktor has no 'record' subcommand yet: skipped"

say "starting 50 containers probing every 5 s"
"$bench/fifty-containers.sh" 50 >/dev/null
cleanup() {
  tmux kill-session -t bench_health_$$ 2>/dev/null || true
  [ -n "${rec_pid:-}" ] && kill "$rec_pid" 2>/dev/null || true
  if [ "$keep" = 0 ]; then
    for i in $(seq -w 1 50); do docker rm -f "bench-$i" >/dev/null 2>&1 || true; done
  fi
  rm -rf "${state:-}"
}
trap cleanup EXIT
sleep 10 # let the first probes settle

state=$(mktemp -d)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
results=$(mktemp)

# measure NAME: the daemon's CPU % over the window with NAME running.
measure() {
  local name=$1 pid="" t0 t1 cpu
  case "$name" in
    baseline) ;;
    oxker|docktor|docktor-health)
      local cmd=$oxker; [ "$name" != oxker ] && cmd=$bin
      # tmux is shared with other work on this machine: a failed tmux call is said, not fatal.
      tmux new-session -d -s bench_health_$$ -x 120 -y 40 "$cmd" \
        || say "round $round: tmux could not start $name"
      sleep 3
      if [ "$name" = docktor-health ]; then
        { tmux send-keys -t bench_health_$$ / && tmux send-keys -t bench_health_$$ -l bench-01 \
          && tmux send-keys -t bench_health_$$ Enter && sleep 0.5 \
          && tmux send-keys -t bench_health_$$ Enter && sleep 1; } || true
        # A container opens on its Doctor: next tab (]) until the Health tab is drawn.
        for _ in 1 2 3 4 5 6 7 8; do
          tmux capture-pane -p -t bench_health_$$ 2>/dev/null | grep -q 'Health · bench-01' && break
          tmux send-keys -t bench_health_$$ ']' 2>/dev/null || true
          sleep 0.5
        done
        sleep 2
        tmux capture-pane -p -t bench_health_$$ 2>/dev/null | grep -q 'Health · bench-01' \
          || say "round $round: the Health tab of bench-01 did not open"
      fi ;;
    record)
      XDG_STATE_HOME=$state "$bin" record >"$state/record.log" 2>&1 &
      rec_pid=$! pid=$rec_pid
      sleep 3 ;;
  esac
  [ -n "$pid" ] && t0=$(ticks "$pid")
  cpu=$("$bench/daemon_cpu.sh" "$window")
  if [ -n "$pid" ]; then
    t1=$(ticks "$pid")
    local own rss
    own=$(echo "scale=2; ($t1-$t0)*100/$hz/$window" | bc)
    rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
    echo "record_own_cpu $own" >>"$results"
    echo "record_rss_kb $rss" >>"$results"
    kill "$pid"; wait "$pid" 2>/dev/null || true; rec_pid=""
  fi
  tmux kill-session -t bench_health_$$ 2>/dev/null || true
  echo "daemon_cpu_$name $cpu" >>"$results"
  say "round $round: daemon CPU with $name: $cpu %"
}

tools=(baseline)
[ -x "$oxker" ] && tools+=(oxker)
tools+=(docktor docktor-health)
[ "$has_record" = 1 ] && tools+=(record)
for round in $(seq 1 "$rounds"); do
  n=${#tools[@]}
  for k in $(seq 0 $((n - 1))); do
    measure "${tools[$(( (k + round) % n ))]}"
  done
done

open=$("$target/release/examples/health_open" 10000 bench-01 2>/dev/null | tail -1)
echo "$open"
median() { grep "^$1 " "$results" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
echo
echo "| figure (50 containers, probes every 5 s, window ${window}s, $rounds rounds) | median |"
echo "|---|---|"
for t in "${tools[@]}"; do echo "| daemon CPU, $t | $(median "daemon_cpu_$t") % |"; done
if [ "$has_record" = 1 ]; then
  echo "| docktor record, own CPU | $(median record_own_cpu) % |"
  echo "| docktor record, RSS | $(median record_rss_kb) kB |"
fi
echo "| bench-01's Health tab with 10,000 recorded probes, to its first frame | $(echo "$open" | sed 's/.*median_ms=\([0-9.]*\) max_ms=\([0-9.]*\).*/\1 ms (max \2 ms)/') |"
