#!/usr/bin/env bash
# usage: tests/scripts/engines-up.sh [-q|--quiet]
#
# Makes this machine ready for tests/engines.rs (tcp, TLS, ssh and Podman engines),
# idempotently:
#   - installs openssh-server + openssh-client (a private sshd), openssl (test certificates),
#     podman, iproute2 and util-linux (network and mount namespaces), docker-registry
#     (a private image registry on loopback for the registry reachability tests; its service
#     is not started) with apt when missing;
#   - makes sure /etc/containers/containers.conf has `default_ulimits = []` under
#     [containers] (Podman's default nofile limit cannot be set in unprivileged containers
#     such as CI sandboxes), adding to the file without touching other settings.
# Starts nothing: the tests start and stop their own daemons.
set -euo pipefail

quiet=0
for arg in "$@"; do
  case "$arg" in
    -q|--quiet) quiet=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "engines-up: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

say() { [ "$quiet" = 1 ] || echo "engines-up: $*"; }
die() { echo "engines-up: error: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root to run: $*"
  fi
}

missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v nsenter >/dev/null 2>&1 && command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)

if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and there is no apt-get to install them"
  say "installing ${missing[*]} with apt"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  # Packages with a service (docker-registry) must not start it: the tests run their own.
  policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    made_policy=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$made_policy" = 0 ] || as_root rm -f "$policy"
fi

# --- Podman: no default ulimits -------------------------------------------------------------
conf=/etc/containers/containers.conf
if [ ! -f "$conf" ]; then
  say "writing $conf"
  as_root mkdir -p /etc/containers
  printf '[containers]\ndefault_ulimits = []\n' | as_root tee "$conf" >/dev/null
elif grep -Eq '^[[:space:]]*default_ulimits[[:space:]]*=' "$conf"; then
  say "$conf already sets default_ulimits: left as it is"
elif grep -Eq '^[[:space:]]*\[containers\]' "$conf"; then
  say "adding default_ulimits = [] to [containers] in $conf"
  as_root sed -i -E '0,/^[[:space:]]*\[containers\]/s//&\ndefault_ulimits = []/' "$conf"
else
  say "adding a [containers] table to $conf"
  printf '\n[containers]\ndefault_ulimits = []\n' | as_root tee -a "$conf" >/dev/null
fi

say "ready: $(/usr/sbin/sshd -V 2>&1 | head -n1 || true); $(openssl version); $(podman --version); $(docker-registry --version 2>/dev/null | head -n1 || true)"
