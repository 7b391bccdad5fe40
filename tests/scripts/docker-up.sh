#!/usr/bin/env bash
# usage: tests/scripts/docker-up.sh [-q|--quiet]
#
# Makes this machine ready for docktor's tests and benchmarks, idempotently:
#   - installs Debian's docker.io, busybox-static, tmux and bc with apt when they are missing
#     (one `apt-get update` first, only when something is missing);
#   - starts dockerd in the background (log: /var/log/docktor-dockerd.log) when no daemon
#     answers, without needing systemd;
#   - waits (up to DOCKTOR_DOCKER_WAIT seconds, default 60) until the server answers and prints
#     its version.
# With --quiet it prints nothing unless something goes wrong.
set -euo pipefail

quiet=0
for arg in "$@"; do
  case "$arg" in
    -q|--quiet) quiet=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "docker-up: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# dockerd lives in sbin, which a non-root user's PATH may lack.
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin
say() { [ "$quiet" = 1 ] || echo "docker-up: $*"; }
die() { echo "docker-up: error: $*" >&2; exit 1; }

log=/var/log/docktor-dockerd.log
wait_s=${DOCKTOR_DOCKER_WAIT:-60}

# Where the daemon is expected: DOCKER_HOST when it is a unix socket, else the default socket.
sock=/var/run/docker.sock
case "${DOCKER_HOST:-}" in
  unix://*) sock=${DOCKER_HOST#unix://} ;;
  "") ;;
  *) say "DOCKER_HOST=$DOCKER_HOST is not a unix socket: only checking that it answers" ;;
esac

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root to run: $*"
  fi
}

# --- packages -------------------------------------------------------------------------------
# The static busybox is what the fixture images are built from (FROM scratch): a dynamic one
# would not run inside an empty image.
busybox_static() {
  [ -x /bin/busybox ] || return 1
  local out
  out=$(LC_ALL=C ldd /bin/busybox 2>&1 || true) # ldd exits 1 on a static binary
  case "$out" in *"not a dynamic"*|*"statically linked"*) return 0 ;; *) return 1 ;; esac
}

missing=()
# Any Docker engine will do (GitHub runners ship moby/docker-ce; installing docker.io there
# would conflict), so look for the programs, not for a package name.
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  missing+=(docker.io)
fi
busybox_static || missing+=(busybox-static)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v bc >/dev/null 2>&1 || missing+=(bc)

if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and there is no apt-get to install them"
  say "installing ${missing[*]} with apt"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  busybox_static || die "/bin/busybox is still not the static busybox after installing busybox-static"
fi

# --- daemon ---------------------------------------------------------------------------------
server_version() {
  docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null
}

wait_for_server() {
  local deadline=$((SECONDS + wait_s)) v
  while [ "$SECONDS" -lt "$deadline" ]; do
    if v=$(server_version) && [ -n "$v" ]; then echo "$v"; return 0; fi
    sleep 0.5
  done
  return 1
}

tail_log() {
  if [ -r "$log" ]; then echo "--- last lines of $log:" >&2; tail -n 20 "$log" >&2; fi
}

if v=$(server_version) && [ -n "$v" ]; then
  say "daemon already answers at ${DOCKER_HOST:-unix://$sock}: server $v"
  [ "$quiet" = 1 ] || echo "$v"
  exit 0
fi

case "${DOCKER_HOST:-}" in
  ""|unix://*) ;;
  *) die "no Docker daemon answers at DOCKER_HOST=$DOCKER_HOST (not starting one for a remote host)" ;;
esac

if pids=$(pgrep -x dockerd); then
  # A daemon is there but does not answer (yet): it may still be starting (e.g. just started by
  # the package's post-install), so give it the same time before calling it dead.
  pids=$(echo "$pids" | tr '\n' ' ')
  say "a dockerd process exists (pid ${pids% }) but $sock does not answer yet; waiting up to ${wait_s}s"
  if v=$(wait_for_server); then
    say "daemon answers: server $v"
    [ "$quiet" = 1 ] || echo "$v"
    exit 0
  fi
  tail_log
  die "dockerd is running (pid ${pids% }) but its socket $sock is dead (no answer after ${wait_s}s).
  Not starting a second daemon. Look at the daemon's log, or stop that dockerd and run this script again."
fi

if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1 \
   && as_root systemctl start docker >/dev/null 2>&1; then
  say "started docker with systemctl"
else
  # Without an init system nothing may have mounted the cgroup file system that dockerd needs.
  if [ -d /sys/fs/cgroup ] && ! awk '$5 == "/sys/fs/cgroup" { found = 1 } END { exit !found }' \
       /proc/self/mountinfo; then
    say "mounting cgroup2 on /sys/fs/cgroup (nothing is mounted there)"
    as_root mount -t cgroup2 cgroup2 /sys/fs/cgroup || say "could not mount cgroup2: dockerd may fail"
  fi
  say "starting dockerd in the background (log: $log)"
  as_root mkdir -p "$(dirname "$log")"
  # setsid + nohup: the daemon gets its own session and survives this script and its terminal.
  # Socket path follows DOCKER_HOST when that names a non-default unix socket.
  host_args=()
  [ "$sock" = /var/run/docker.sock ] || host_args=(-H "unix://$sock")
  as_root setsid nohup dockerd "${host_args[@]}" >>"$log" 2>&1 </dev/null &
  disown || true
fi

if v=$(wait_for_server); then
  say "daemon answers at ${DOCKER_HOST:-unix://$sock}: server $v"
  [ "$quiet" = 1 ] || echo "$v"
  exit 0
fi
tail_log
if pgrep -x dockerd >/dev/null; then
  die "dockerd was started but $sock does not answer after ${wait_s}s"
fi
die "dockerd did not stay up (see $log)"
