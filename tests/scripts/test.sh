#!/usr/bin/env bash
# usage: tests/scripts/test.sh [ARGS for cargo test...]
#
# The project's test command: makes sure a Docker daemon answers (tests/scripts/docker-up.sh),
# brings the fixture containers up (tests/scripts/fixtures.sh), brings the kit's current engine
# up with its fixtures (tests/scripts/engine-current.sh: as root, or when it already runs), then
# runs every test target and the doc tests. Tests that need a daemon skip without one, unless
# DOCKTOR_REQUIRE_DOCKER=1 (CI sets it), where they fail instead. DOCKTOR_CURRENT_ENGINE=off
# leaves the current engine down (its tests skip). DOCKTOR_FORBID_SKIPS=1 (.ci/run) fails the
# run when any test skipped at run time.
# Ends with every skipped test and its reason, then one line
# "total: N passed, N failed, N skipped" over all the test binaries (tests/scripts/test-summary.sh).
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
cd "$(dirname "$0")/../.."

if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
required() { [ "${DOCKTOR_REQUIRE_DOCKER:-}" = 1 ]; }

if tests/scripts/docker-up.sh --quiet; then
  tests/scripts/fixtures.sh --quiet >/dev/null
elif required; then
  echo "test.sh: DOCKTOR_REQUIRE_DOCKER=1 and no Docker daemon could be brought up" >&2
  exit 1
else
  echo "test.sh: no Docker daemon: the tests that need one will skip" >&2
fi

if [ "${DOCKTOR_CURRENT_ENGINE:-}" = off ]; then
  echo "test.sh: DOCKTOR_CURRENT_ENGINE=off: the current engine's tests will skip" >&2
elif [ "$(id -u)" = 0 ] || tests/scripts/engine-current.sh status >/dev/null 2>&1; then
  if ! tests/scripts/engine-current.sh up --fixtures --quiet; then
    if required; then
      echo "test.sh: DOCKTOR_REQUIRE_DOCKER=1 and the current engine could not be brought up" >&2
      exit 1
    fi
    echo "test.sh: the current engine could not be brought up: its tests will skip" >&2
  fi
else
  echo "test.sh: the current engine is not running and starting it needs root" \
    "(sudo tests/scripts/engine-current.sh up): its tests will skip (fail when required)" >&2
fi

log=$(mktemp)
DOCKTOR_SKIP_LOG=$(mktemp)
export DOCKTOR_SKIP_LOG
trap 'rm -f "$log" "$DOCKTOR_SKIP_LOG"' EXIT
status=0
cargo test --locked --all-targets "$@" 2>&1 | tee -a "$log" || status=$?
if [ "$status" = 0 ]; then
  cargo test --locked --doc 2>&1 | tee -a "$log" || status=$?
fi

summary=$(tests/scripts/test-summary.sh "$log" "$DOCKTOR_SKIP_LOG")
echo "$summary"
runtime=$(echo "$summary" | grep '^skipped: ' | grep -vc ': #\[ignore\]$' || true)
if [ "${DOCKTOR_FORBID_SKIPS:-}" = 1 ] && [ "$runtime" -gt 0 ]; then
  echo "test.sh: DOCKTOR_FORBID_SKIPS=1 but $runtime test(s) skipped at run time (listed above)" >&2
  [ "$status" != 0 ] || status=1
fi
exit "$status"
