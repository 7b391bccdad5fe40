#!/usr/bin/env bash
# usage: tests/scripts/engine-current.sh [up|stop|status|docker ARGS...] [--fixtures] [-q|--quiet]
#        tests/scripts/engine-current.sh private DIR | private-stop DIR
#
# The test kit's second, current engine: Debian sid's docker.io (28.x, API 1.51) with its
# containerd, runc and docker-buildx, installed by debootstrap into a root of its own and run
# as a private dockerd (own network and mount namespaces, pivot_root into that root, own data
# root and cgroup parent). The host reaches it only through its unix socket.
#   up        (default) install the root when missing (first run: about a minute, needs root
#             and Debian's mirror), start the daemon when its socket does not answer (seconds),
#             reuse a running one; prints "28.5.2 (API 1.51) at unix://…" unless --quiet
#   stop      stop the daemon (and every process in its mount namespace); keeps the root
#   status    exit 0 and print the version when the daemon answers, else exit 1
#   docker    run the root's own docker CLI (with buildx: BuildKit) against the daemon
#             (DOCKTOR_CURRENT_HOST=unix://… aims it at another instance, e.g. a private one)
#   private DIR       a throw-away second instance of the same engine from the same root, for
#             tests that prune, stop or break it: own network and mount namespaces, data root
#             DIR/data, socket DIR/docker.sock, pid DIR/dockerd.pid, log DIR/dockerd.log, cgroup
#             parent docktor-testkit-28-<name of DIR>; prints unix://DIR/docker.sock when it answers
#   private-stop DIR  stop that instance and everything in its mount namespace
#   --fixtures  after `up`, build the fixture images and containers on it (tests/scripts/fixtures.sh)
# State: DOCKTOR_TESTKIT_STATE (default /var/lib/docktor-testkit): sid/ the root, its data
# root in sid/var/lib/docker, docker28.log the daemon's log. Socket and pid file in
# DOCKTOR_TESTKIT_RUN (default /run/docktor-testkit): docker28.sock, docker28.pid.
# DOCKTOR_DEBIAN_MIRROR (default http://deb.debian.org/debian), DOCKTOR_CURRENT_SUITE (sid).
set -euo pipefail

state=${DOCKTOR_TESTKIT_STATE:-/var/lib/docktor-testkit}
rundir=${DOCKTOR_TESTKIT_RUN:-/run/docktor-testkit}
mirror=${DOCKTOR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=${DOCKTOR_CURRENT_SUITE:-sid}
root=$state/$suite
sock=$rundir/docker28.sock
pidfile=$rundir/docker28.pid
log=$state/docker28.log
ready=$root/.docktor-testkit-ready
# procps: the daemon runs the root's own `ps` for /containers/{id}/top.
packages=(docker.io docker-cli docker-buildx containerd runc iptables apparmor procps)
here=$(cd "$(dirname "$0")" && pwd)

# ip, pivot_root and debootstrap live in sbin, which a non-root user's PATH may lack.
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin
say() { [ "$quiet" = 1 ] || echo "engine-current: $*"; }
die() { echo "engine-current: error: $*" >&2; exit 1; }

# --- inside the new namespaces (called by `start` through unshare) ----------------------------
# Runs with the host's tools until pivot_root, then execs the root's own dockerd.
# With a DIR (a private instance), the socket, pid file and data root are in DIR instead.
if [ "${1:-}" = __inside ]; then
  set -e
  priv=${2:-}
  gid=$(cat "$rundir/docker-gid" 2>/dev/null || getent group docker | cut -d: -f3 || true)
  ip link set lo up
  mount --bind "$root" "$root"                # pivot_root and `docker build` need a mount point
  mount -t proc proc "$root/proc"
  mount --rbind /sys "$root/sys"              # with /sys/fs/cgroup, unlike `ip netns exec`
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=755 tmpfs "$root/run"
  if [ -n "$priv" ]; then
    inner=/run/docktor-private                # in this namespace's own /run
    mkdir -p "$root$inner" "$root/.oldroot"
    mount --bind "$priv" "$root$inner"
    s=$inner/docker.sock p=$inner/dockerd.pid data=$inner/data cg=docktor-testkit-28-$(basename "$priv")
  else
    mkdir -p "$root$rundir" "$root/.oldroot"
    mount --bind "$rundir" "$root$rundir"     # the socket, on a path the host sees
    s=$sock p=$pidfile data=/var/lib/docker cg=docktor-testkit-28
  fi
  cd "$root"
  pivot_root . .oldroot                       # not chroot: `docker exec` must enter the image
  cd /
  umount -l /.oldroot
  group=()
  [ -n "$gid" ] && group=(--group "$gid")
  exec /usr/sbin/dockerd --host "unix://$s" --pidfile "$p" "${group[@]}" \
    --data-root "$data" --exec-root /run/docker \
    --cgroup-parent "$cg" --log-level warn
fi

cmd=up fixtures=0 quiet=0
case "${1:-}" in
  up|stop|status) cmd=$1; shift ;;
  docker) shift
    cfg=$(mktemp -d)
    trap 'rm -rf "$cfg"' EXIT
    printf '{"cliPluginsExtraDirs": ["%s/usr/libexec/docker/cli-plugins"]}\n' "$root" >"$cfg/config.json"
    DOCKER_CONFIG=$cfg DOCKER_BUILDKIT=1 "$root/usr/bin/docker" --host "${DOCKTOR_CURRENT_HOST:-unix://$sock}" "$@"
    exit $? ;;
  private|private-stop) cmd=$1; priv=${2:-}
    [ -n "$priv" ] || { echo "engine-current: $cmd needs a directory" >&2; exit 2; }
    shift 2 ;;
esac
for arg in "$@"; do
  case "$arg" in
    --fixtures) fixtures=1 ;;
    -q|--quiet) quiet=1 ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "engine-current: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# "28.5.2+dfsg4 (API 1.51)", asked with the root's own CLI, or nothing; of the instance at
# socket $1 (default: the kit's).
answers() {
  local at=${1:-$sock}
  [ -S "$at" ] && [ -x "$root/usr/bin/docker" ] || return 1
  DOCKER_CONFIG=/nonexistent timeout 10 "$root/usr/bin/docker" --host "unix://$at" version \
    --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null | grep .
}

daemon_pid() {
  local pid
  pid=$(cat "${1:-$pidfile}" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && grep -qx dockerd "/proc/$pid/comm" && echo "$pid"
}

need_root() {
  [ "$(id -u)" = 0 ] || die "$1 needs root (namespaces, mounts, debootstrap); run it as root or with sudo"
}

# --- install ----------------------------------------------------------------------------------
install_root() {
  [ -f "$ready" ] && return 0
  local missing=()
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
  command -v unshare >/dev/null 2>&1 && command -v pivot_root >/dev/null 2>&1 || missing+=(util-linux)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and there is no apt-get to install them"
    say "installing ${missing[*]} on the host with apt"
    export DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  local part=$state/$suite.partial t0=$SECONDS
  rm -rf "$part"
  mkdir -p "$state"
  say "debootstrap $suite from $mirror into $root (about a minute)"
  debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
    "$suite" "$part" "$mirror" >"$state/debootstrap.log" 2>&1 \
    || { tail -n 20 "$state/debootstrap.log" >&2; die "debootstrap failed (log: $state/debootstrap.log)"; }
  # sid's Release file may be past its Valid-Until date; nothing may start a service here.
  printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n' \
    >"$part/etc/apt/apt.conf.d/99docktor-testkit"
  printf '#!/bin/sh\nexit 101\n' >"$part/usr/sbin/policy-rc.d"
  chmod 755 "$part/usr/sbin/policy-rc.d"
  say "installing ${packages[*]} in the root"
  # A mount namespace of its own: /proc is unmounted whatever happens.
  # shellcheck disable=SC2016 # $1 and $@ are the inner shell's
  if ! unshare --mount --propagation private -- sh -c '
      mount -t proc proc "$1/proc" && shift && chroot "$@"' sh "$part" "$part" /bin/sh -c "
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq ${packages[*]} && apt-get clean" \
      >"$state/apt.log" 2>&1; then
    tail -n 20 "$state/apt.log" >&2
    die "installing the engine in $part failed (log: $state/apt.log)"
  fi
  chroot "$part" dpkg-query -W "${packages[@]}" >"$part/.docktor-testkit-ready"
  rm -rf "$root"
  mv "$part" "$root"
  say "root ready in $((SECONDS - t0)) s: $(tr '\n' ' ' <"$ready")"
}

# Packages of the list that a root made by an earlier version of this script lacks, added with
# apt in the root (the daemon may keep running: they are files in its root).
top_up_root() {
  local p missing=()
  for p in "${packages[@]}"; do grep -q "^$p[[:space:]]" "$ready" || missing+=("$p"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ]; then
    echo "engine-current: the root lacks ${missing[*]}: run \`$0 up\` as root to add them" >&2
    return 0
  fi
  say "adding ${missing[*]} to the root"
  # shellcheck disable=SC2016 # $1 and $@ are the inner shell's
  if ! unshare --mount --propagation private -- sh -c '
      mount -t proc proc "$1/proc" && shift && chroot "$@"' sh "$root" "$root" /bin/sh -c "
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq ${missing[*]} && apt-get clean" \
      >>"$state/apt.log" 2>&1; then
    tail -n 20 "$state/apt.log" >&2
    die "adding ${missing[*]} to $root failed (log: $state/apt.log)"
  fi
  chroot "$root" dpkg-query -W "${packages[@]}" >"$ready"
}

# --- start / stop -----------------------------------------------------------------------------
start() {
  mkdir -p "$rundir"
  chmod 755 "$rundir"
  getent group docker | cut -d: -f3 >"$rundir/docker-gid" || true
  rm -f "$sock" "$pidfile"
  local t0=$SECONDS
  # setsid: the daemon outlives this script and its terminal.
  # 9>&-: the daemon must not inherit the lock (it would hold it as long as it runs).
  setsid unshare --net --mount --propagation private -- \
    bash "$0" __inside >>"$log" 2>&1 </dev/null 9>&- &
  local v deadline=$((SECONDS + ${DOCKTOR_DOCKER_WAIT:-60}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if v=$(answers); then say "started in $((SECONDS - t0)) s"; return 0; fi
    sleep 0.3
  done
  echo "--- last lines of $log:" >&2
  tail -n 20 "$log" >&2
  die "the private dockerd did not answer on $sock within ${DOCKTOR_DOCKER_WAIT:-60} s"
}

# Stops the instance of pid file $1 and socket $2 (default: the kit's) and cgroup parent $3.
stop() {
  local pf=${1:-$pidfile} so=${2:-$sock} cg=${3:-docktor-testkit-28} pid ns
  pid=$(daemon_pid "$pf") || { say "not running"; rm -f "$so" "$pf"; return 0; }
  ns=$(readlink "/proc/$pid/ns/mnt")
  kill -TERM "$pid"
  for _ in $(seq 100); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
  # What is left in its mount namespace (containerd, shims) is ours alone.
  local p left=()
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$ns" ] && left+=("${p#/proc/}")
  done
  if [ ${#left[@]} -gt 0 ]; then kill -KILL "${left[@]}" 2>/dev/null || true; fi
  rmdir /sys/fs/cgroup/*/"$cg" /sys/fs/cgroup/"$cg" 2>/dev/null || true
  rm -f "$so" "$pf"
  say "stopped"
}

# A throw-away instance in $priv (see `private` above).
start_private() {
  need_root "a private instance"
  mkdir -p "$state"
  if [ ! -f "$ready" ]; then
    exec 9>"$state/lock"
    flock -w 600 9 || die "another engine-current.sh has held $state/lock for 600 s"
    install_root
    exec 9>&-
  fi
  mkdir -p "$priv/data"
  priv=$(cd "$priv" && pwd)
  local so=$priv/docker.sock t0=$SECONDS
  rm -f "$so" "$priv/dockerd.pid"
  setsid unshare --net --mount --propagation private -- \
    bash "$0" __inside "$priv" >>"$priv/dockerd.log" 2>&1 </dev/null &
  local deadline=$((SECONDS + ${DOCKTOR_DOCKER_WAIT:-60}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if answers "$so" >/dev/null; then
      say "private instance started in $((SECONDS - t0)) s"
      echo "unix://$so"
      return 0
    fi
    sleep 0.3
  done
  tail -n 20 "$priv/dockerd.log" >&2
  stop "$priv/dockerd.pid" "$so" "docktor-testkit-28-$(basename "$priv")"
  die "the private instance did not answer on $so within ${DOCKTOR_DOCKER_WAIT:-60} s"
}

case "$cmd" in
  private) quiet=1; start_private; exit 0 ;;
  private-stop)
    need_root "stopping a private instance"
    priv=$(cd "$priv" 2>/dev/null && pwd) || exit 0
    quiet=1
    stop "$priv/dockerd.pid" "$priv/docker.sock" "docktor-testkit-28-$(basename "$priv")"
    exit 0 ;;
  status)
    v=$(answers) || { echo "engine-current: no answer on $sock" >&2; exit 1; }
    echo "$v at unix://$sock"; exit 0 ;;
  stop) need_root "stopping the engine"; stop; exit 0 ;;
esac

if ! v=$(answers); then
  need_root "bringing the engine up"
  mkdir -p "$state"
  exec 9>"$state/lock"
  flock -w 600 9 || die "another engine-current.sh has held $state/lock for 600 s"
  if ! v=$(answers); then
    install_root
    if daemon_pid >/dev/null; then
      say "a dockerd runs (pid $(daemon_pid)) but does not answer: stopping it"
      stop
    fi
    start
    v=$(answers)
  fi
  top_up_root
  exec 9>&-
elif [ -f "$ready" ]; then
  # Its own lock: a daemon started by an earlier version of this script holds the other one.
  if [ "$(id -u)" = 0 ]; then
    exec 9>"$state/apt.lock"
    flock -w 600 9 || die "another engine-current.sh has held $state/apt.lock for 600 s"
  fi
  top_up_root
  exec 9>&-
fi
[ "$quiet" = 1 ] || echo "$v at unix://$sock"

if [ "$fixtures" = 1 ]; then
  DOCKER_HOST=unix://$sock bash "$here/fixtures.sh" --quiet >/dev/null
  say "fixtures up on unix://$sock"
fi
