#!/usr/bin/env bash
# usage: tests/scripts/test.sh [ARGS for cargo test...]
#
# The project's test command: makes sure a Docker daemon answers (tests/scripts/docker-up.sh),
# brings the fixture containers up (tests/scripts/fixtures.sh), then runs every test target and the
# doc tests. Tests that need the daemon skip without one, unless DOCKTOR_REQUIRE_DOCKER=1
# (CI sets it), where they fail instead.
# Ends with one line "total: N passed, N failed, N skipped" over all the test binaries.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
cd "$(dirname "$0")/../.."

if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi

if tests/scripts/docker-up.sh --quiet; then
  tests/scripts/fixtures.sh --quiet >/dev/null
elif [ "${DOCKTOR_REQUIRE_DOCKER:-}" = 1 ]; then
  echo "test.sh: DOCKTOR_REQUIRE_DOCKER=1 and no Docker daemon could be brought up" >&2
  exit 1
else
  echo "test.sh: no Docker daemon: the tests that need one will skip" >&2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --locked --all-targets "$@" 2>&1 | tee -a "$log" || status=$?
if [ "$status" = 0 ]; then
  cargo test --locked --doc 2>&1 | tee -a "$log" || status=$?
fi

# "test result: ok. 4 passed; 0 failed; 1 ignored; ..." summed over every binary.
awk '/^test result:/ {
       for (i = 1; i <= NF; i++) {
         if ($(i+1) ~ /^passed/) p += $i
         if ($(i+1) ~ /^failed/) f += $i
         if ($(i+1) ~ /^ignored/) s += $i
       }
     }
     END { printf "total: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
