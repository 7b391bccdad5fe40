#!/usr/bin/env bash
# usage: tests/bench/bench-tui.sh [-n ROUNDS] [--idle SECONDS] [--frames N] [--no-build] [--keep]
#        tests/bench/bench-tui.sh --500 [--presses N] [--no-build] [--keep]
#
# Whole-process benchmark of docktor against its peers (oxker, lazydocker), side by side in
# one run, with the shared bench kit (BENCH_DIR, default ../shared/bench beside the repo).
#
# Default: 50 busybox containers (fifty-containers.sh), then ROUNDS rounds (default 3), each
# alternating the tools (order rotated every round):
#   - tui_measure.sh: first frame with the container list, own idle CPU, RSS, peak RSS;
#   - the shared daemon's CPU (its dockerd, from DOCKER_PIDFILE, default /var/run/docker.pid,
#     and its containerd; not the kit's other engines) with nothing open (baseline), then with
#     each tool open in a detached tmux pane (3 s after start, over IDLE seconds), and over the
#     same window the tool's own CPU (every thread), both from /proc/PID/task/*/schedstat in
#     nanoseconds, quoted to 0.01 % (tui_measure.sh's idle figure counts 10 ms ticks);
# then N more first frames per tool (default 10, alternating), timed like the rounds' but
# polled every 10 ms with no forks but tmux's. Prints the medians and the docktor/oxker ratios.
#
# --500: responsiveness with 500 cheap containers (no health check, busybox sleep): opens each
# tool in a 120x40 tmux pane and times, over N presses (default 20), a key press (docktor `j`,
# the peers Down) until the pane (text and attributes) changes; prints medians.
#
# Every run starts with a line naming it (date, commit, load average, versions) and ends with
# the load average; recorded runs: tests/bench/TUI.md.
# The containers it started are removed at the end (--keep leaves them).
# Environment: BENCH_DIR, PEERS_DIR (/opt/peers), DOCKTOR_BIN (skip the build and use it;
# otherwise $CARGO_TARGET_DIR/release/docktor, default target/ of the repo),
# MARKER (regex of the first useful frame; default: the name of any container on the daemon,
# since a tool may sort other containers, e.g. the dfx- fixtures, before the bench ones),
# TOOLS_500 (tools measured by --500, default "docktor oxker"), COUNT_500 (default 500).
set -euo pipefail
export LC_ALL=C # "." as the decimal point, in EPOCHREALTIME and for bc/awk

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# The shared bench kit: BENCH_DIR, else shared/bench beside the repository (or beside the
# main checkout, for a git worktree).
if [ -z "${BENCH_DIR:-}" ]; then
  BENCH_DIR=$root/../shared/bench
  common_dir=$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  if [ ! -d "$BENCH_DIR" ] && [ -n "$common_dir" ]; then BENCH_DIR=$(dirname "$common_dir")/../shared/bench; fi
fi
bench=$BENCH_DIR
peers=${PEERS_DIR:-/opt/peers}
rounds=3 idle=10 presses=20 frames=10 mode=compare build=1 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--rounds) rounds=$2; shift ;;
    --idle) idle=$2; shift ;;
    --frames) frames=$2; shift ;;
    --presses) presses=$2; shift ;;
    --500) mode=500 ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-tui: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "bench-tui: $*" >&2; }
die() { echo "bench-tui: error: $*" >&2; exit 1; }

[ -d "$bench" ] || die "no bench kit at $bench (set BENCH_DIR)"
bench=$(cd "$bench" && pwd)
for s in tui_measure.sh fifty-containers.sh busybox-image.sh peers-install.sh; do
  [ -f "$bench/$s" ] || die "missing $bench/$s"
done
for c in tmux bc docker; do
  command -v "$c" >/dev/null 2>&1 || die "$c is missing (tests/scripts/docker-up.sh installs it)"
done
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker daemon answers (run tests/scripts/docker-up.sh)"
echo "bench-tui: $(date -u '+%Y-%m-%d %H:%M UTC') · commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+dirty') · load $(cut -d' ' -f1-3 /proc/loadavg) · $(nproc) cores · docker $(docker version --format '{{.Server.Version}}')"

# --- cleanup --------------------------------------------------------------------------------
sessions=()
started_50=0 started_500=0
cleanup() {
  local s ids
  say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  for s in "${sessions[@]}"; do tmux kill-session -t "$s" 2>/dev/null || true; done
  rm -rf "${res:-/nonexistent}"
  if [ "$keep" = 1 ]; then return; fi
  if [ "$started_50" = 1 ]; then
    say "removing bench-01..bench-50"
    # shellcheck disable=SC2046 # one name per word
    docker rm -f $(seq -f 'bench-%02g' 1 50) >/dev/null 2>&1 || true
  fi
  if [ "$started_500" = 1 ]; then
    ids=$(docker ps -aq --filter label=docktor.bench=500)
    if [ -n "$ids" ]; then
      say "removing the $(echo "$ids" | wc -w) bench500 containers"
      echo "$ids" | xargs -r -n 50 docker rm -f >/dev/null 2>&1 || true
    fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the tools ------------------------------------------------------------------------------
if [ ! -x "$peers/bin/oxker" ] || [ ! -x "$peers/bin/lazydocker" ]; then
  say "installing the peers with $bench/peers-install.sh (cargo install oxker takes a while)"
  bash "$bench/peers-install.sh" >&2
fi
oxker=$peers/bin/oxker
lazydocker=$peers/bin/lazydocker

if [ -n "${DOCKTOR_BIN:-}" ]; then
  docktor=$DOCKTOR_BIN
else
  target=${CARGO_TARGET_DIR:-$root/target}
  case $target in /*) ;; *) target=$root/$target ;; esac # cargo reads it relative to the repo
  docktor=$target/release/docktor
  if [ "$build" = 1 ] || [ ! -x "$docktor" ]; then
    say "cargo build --release (a no-op when up to date)"
    (cd "$root" && cargo build --release --locked --bin docktor >&2)
  fi
fi
[ -x "$docktor" ] || die "no docktor binary at $docktor"

cmd_of() {
  case "$1" in
    docktor) echo "$docktor" ;;
    oxker) echo "$oxker" ;;
    lazydocker) echo "$lazydocker" ;;
    *) die "unknown tool $1" ;;
  esac
}

res=$(mktemp -d)
record() { echo "$3" >>"$res/$1.$2"; } # record TOOL METRIC VALUE
median() { # median FILE -> the median of its numbers, or NA
  [ -s "$1" ] || { echo NA; return; }
  sort -g "$1" | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
names_marker() { # an extended regex matching the name of any container on the daemon
  docker ps -a --format '{{.Names}}' | sed 's/[.]/[.]/g' | paste -sd'|'
}
ratio() { # ratio A B -> A/B with two decimals, or n/a
  if [[ $1 == NA || $2 == NA ]] || [ "$(echo "$2 == 0" | bc)" = 1 ]; then echo n/a; return; fi
  printf '%.2fx\n' "$(echo "scale=4; $1 / $2" | bc)"
}
now_us() { echo "${EPOCHREALTIME/./}"; }                 # microseconds since the epoch
secs() { printf '%d.%06d\n' $(($1 / 1000000)) $(($1 % 1000000)); } # microseconds -> seconds

cpu_ns() { # cpu_ns PID... -> nanoseconds on a CPU so far, every thread of each, or nothing
  local p f total=0 seen=0 v
  for p in "$@"; do
    for f in /proc/"$p"/task/*/schedstat; do
      [ -r "$f" ] || continue
      read -r v _ <"$f" 2>/dev/null || continue
      total=$((total + v)) seen=1
    done
  done
  [ "$seen" = 1 ] && echo "$total"
  return 0
}
pct() { awk -v a="$1" -v b="$2" -v s="$3" 'BEGIN { printf "%.2f\n", (b - a) / 1e9 / s * 100 }'; }
daemon_pids() { # the shared daemon's dockerd and its containerd
  local d
  d=$(cat "${DOCKER_PIDFILE:-/var/run/docker.pid}" 2>/dev/null) || return 0
  [ -d "/proc/$d" ] || return 0
  echo "$d"
  pgrep -P "$d" -x containerd || true
}
daemon_cpu() { # daemon_cpu SECONDS -> CPU % of the shared daemon over the window
  local pids a b
  pids=$(daemon_pids)
  [ -n "$pids" ] || die "no dockerd at ${DOCKER_PIDFILE:-/var/run/docker.pid} (set DOCKER_PIDFILE)"
  # shellcheck disable=SC2086 # one pid per word
  a=$(cpu_ns $pids)
  sleep "$1"
  # shellcheck disable=SC2086
  b=$(cpu_ns $pids)
  pct "$a" "$b" "$1"
}

# first_frame TOOL -> seconds from tmux starting the tool until MARKER is in its pane
first_frame() {
  local s=bench_first_$$_$1 start t=
  sessions+=("$s")
  start=$(now_us)
  tmux new-session -d -s "$s" -x 120 -y 40 "$(cmd_of "$1")"
  while [ $(($(now_us) - start)) -lt 20000000 ]; do
    if tmux capture-pane -p -t "$s" 2>/dev/null | grep -qE -- "$marker"; then t=$(($(now_us) - start)); break; fi
    sleep 0.01
  done
  tmux kill-session -t "$s" 2>/dev/null || true
  [ -n "$t" ] && secs "$t"
}

# The pid of the program running in a tmux session (the pane's shell child, or the shell).
pane_pid() {
  local shell pid
  shell=$(tmux list-panes -t "$1" -F '#{pane_pid}' 2>/dev/null | head -1) || return 1
  [ -n "$shell" ] || return 1
  pid=$(pgrep -P "$shell" | head -1 || true)
  echo "${pid:-$shell}"
}

# ============================================================================================
if [ "$mode" = compare ]; then
  say "starting 50 containers with $bench/fifty-containers.sh"
  started_50=1
  n=$(bash "$bench/fifty-containers.sh" 50)
  say "$n bench containers running"
  marker=${MARKER:-$(names_marker)}
  tools=(docktor oxker lazydocker)

  for ((r = 0; r < rounds; r++)); do
    order=("${tools[@]:r%3}" "${tools[@]:0:r%3}")
    say "round $((r + 1))/$rounds: ${order[*]}"
    for t in "${order[@]}"; do
      # tui_measure.sh prints: NAME first_frame_s=F idle_cpu_pct=C rss_kb=R hwm_kb=H
      if line=$(cd "$bench" && bash ./tui_measure.sh "$t" "$marker" "$idle" -- "$(cmd_of "$t")" 2>&1); then
        echo "$line" >&2
        for kv in $(echo "$line" | tail -1 | cut -d' ' -f2-); do record "$t" "${kv%%=*}" "${kv#*=}"; done
      else
        say "$t: no first frame this round:"; echo "$line" | head -12 >&2
      fi
    done
    base=$(daemon_cpu "$idle")
    record daemon baseline "$base"
    say "daemon CPU with nothing open: $base %"
    for t in "${order[@]}"; do
      s=bench_daemon_$$_$t
      sessions+=("$s")
      tmux new-session -d -s "$s" -x 120 -y 40 "$(cmd_of "$t")"
      sleep 3
      if ! tmux has-session -t "$s" 2>/dev/null; then say "$t exited within 3 s: no daemon figure"; continue; fi
      pid=$(pane_pid "$s") || pid=
      c0=$(cpu_ns "$pid")
      d=$(daemon_cpu "$idle")
      c1=$(cpu_ns "$pid")
      tmux kill-session -t "$s" 2>/dev/null || true
      record "$t" daemon_pct "$d"
      if [ -n "$c0" ] && [ -n "$c1" ]; then
        record "$t" own_cpu_pct "$(pct "$c0" "$c1" "$idle")"
      fi
      record "$t" daemon_extra_pct "$(echo "$d - $base" | bc)"
      say "daemon CPU with $t open: $d % (baseline $base %)"
    done
  done

  for ((i = 0; i < frames; i++)); do
    order=("${tools[@]:i%3}" "${tools[@]:0:i%3}")
    for t in "${order[@]}"; do
      if f=$(first_frame "$t"); then record "$t" first_frame_more_s "$f"; else say "$t: no first frame"; fi
    done
    sleep 1
  done
  [ "$frames" = 0 ] || say "first frames (s), $frames each: $(for t in "${tools[@]}"; do
    printf '%s %s; ' "$t" "$(sort -g "$res/$t.first_frame_more_s" 2>/dev/null | paste -sd' ')"; done)"

  echo
  echo "docktor vs peers: 50 containers, $rounds rounds, medians (idle window ${idle}s)"
  printf '%-26s %12s %12s %12s %14s\n' metric docktor oxker lazydocker docktor/oxker
  row() { # row LABEL METRIC SCALE
    local d o l
    d=$(median "$res/docktor.$2"); o=$(median "$res/oxker.$2"); l=$(median "$res/lazydocker.$2")
    if [ -n "${3:-}" ]; then
      for v in d o l; do
        [ "${!v}" = NA ] || printf -v "$v" '%.1f' "$(echo "${!v} / $3" | bc -l)"
      done
    fi
    printf '%-26s %12s %12s %12s %14s\n' "$1" "$d" "$o" "$l" "$(ratio "$d" "$o")"
  }
  row "first frame (s)" first_frame_s
  [ "$frames" = 0 ] || row "first frame, $frames more (s)" first_frame_more_s
  row "own idle CPU (%)" idle_cpu_pct
  row "own CPU, daemon window (%)" own_cpu_pct
  row "RSS (MB)" rss_kb 1024
  row "peak RSS (MB)" hwm_kb 1024
  row "daemon extra CPU (%)" daemon_extra_pct
  row "daemon CPU open (%)" daemon_pct
  printf '%-26s %12s\n' "daemon CPU baseline (%)" "$(median "$res/daemon.baseline")"
  exit 0
fi

# ============================================================================================
# --500: responsiveness with 500 containers
count=${COUNT_500:-500}
img=$(bash "$bench/busybox-image.sh" bench-busybox)
say "starting $count containers (no health check, no network, busybox sleep)"
started_500=1
t0=$(now_us)
seq -f '%03g' 1 "$count" | xargs -P 4 -I{} \
  docker run -d --name "bench500-{}" --label docktor.bench=500 --network none --log-driver none \
  --no-healthcheck "$img" sleep infinity >/dev/null
say "$(docker ps -q --filter label=docktor.bench=500 | wc -l) running after $(secs $(($(now_us) - t0))) s"
marker=${MARKER:-$(names_marker)}

stable_capture() { # waits until the pane stops changing (max 3 s), prints the capture
  local a b deadline=$((${EPOCHREALTIME/./} + 3000000))
  a=$(tmux capture-pane -p -e -t "$1")
  while :; do
    sleep 0.1
    b=$(tmux capture-pane -p -e -t "$1")
    [ "$a" = "$b" ] && break
    [ "${EPOCHREALTIME/./}" -gt "$deadline" ] && break
    a=$b
  done
  printf '%s' "$b"
}

respond() { # respond TOOL KEY
  local t=$1 key=$2 s=bench_resp_$$_$1 start seen=0 before t1 i changed pid
  sessions+=("$s")
  start=${EPOCHREALTIME/./}
  tmux new-session -d -s "$s" -x 120 -y 40 "$(cmd_of "$t")"
  while [ $((${EPOCHREALTIME/./} - start)) -lt 60000000 ]; do
    if tmux capture-pane -p -t "$s" 2>/dev/null | grep -qE -- "$marker"; then seen=1; break; fi
    tmux has-session -t "$s" 2>/dev/null || { say "$t exited before showing the list"; return 0; }
    sleep 0.01
  done
  if [ "$seen" = 0 ]; then
    say "$t: no container name on screen after 60 s"
    tmux capture-pane -p -t "$s" 2>/dev/null | head -12 >&2 || true
    tmux kill-session -t "$s" 2>/dev/null || true
    return 0
  fi
  record "$t" first_frame_s "$(secs $((${EPOCHREALTIME/./} - start)))"
  sleep 2
  for ((i = 0; i < presses; i++)); do
    before=$(stable_capture "$s")
    t1=${EPOCHREALTIME/./}
    tmux send-keys -t "$s" "$key"
    changed=0
    while [ $((${EPOCHREALTIME/./} - t1)) -lt 5000000 ]; do
      if [ "$(tmux capture-pane -p -e -t "$s")" != "$before" ]; then
        changed=$((${EPOCHREALTIME/./} - t1)); break
      fi
    done
    if [ "$changed" != 0 ]; then
      record "$t" key_s "$(secs "$changed")"
    else
      say "$t: no change within 5 s after key $((i + 1))"
    fi
  done
  if pid=$(pane_pid "$s") && [ -r "/proc/$pid/status" ]; then
    record "$t" rss_kb "$(awk '/VmRSS/{print $2}' "/proc/$pid/status")"
  fi
  tmux kill-session -t "$s" 2>/dev/null || true
}

for t in ${TOOLS_500:-docktor oxker}; do
  case "$t" in docktor) key=j ;; *) key=Down ;; esac
  say "$t: $presses presses of $key with $count containers"
  respond "$t" "$key"
done

echo
echo "responsiveness with $count containers: medians over $presses key presses"
printf '%-12s %16s %16s %10s\n' tool first_frame_s key_to_change_ms rss_mb
for t in ${TOOLS_500:-docktor oxker}; do
  k=$(median "$res/$t.key_s"); [ "$k" = NA ] || k=$(printf '%.1f' "$(echo "$k * 1000" | bc)")
  m=$(median "$res/$t.rss_kb"); [ "$m" = NA ] || m=$(printf '%.1f' "$(echo "$m / 1024" | bc -l)")
  printf '%-12s %16s %16s %10s\n' "$t" "$(median "$res/$t.first_frame_s")" "$k" "$m"
done
