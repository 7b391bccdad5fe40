#!/usr/bin/env bash
# usage: tests/scripts/test-summary.sh LOG [SKIPS]
#
# The closing lines of tests/scripts/test.sh. LOG is the output of `cargo test` (every binary,
# doc tests too); SKIPS the file the tests' skip helper appended to (DOCKTOR_SKIP_LOG: one
# "binary<TAB>test<TAB>reason" line per skip). Prints every skipped test with its reason, then
#   total: N passed, N failed, N skipped
# where skipped counts the tests that skipped at run time (ran, and did not fail) plus the
# #[ignore]d ones, and passed does not count them.
set -euo pipefail
case "${1:-}" in -h|--help|"") sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
log=$1
skips=${2:-/dev/null}
[ -r "$skips" ] || skips=/dev/null

awk -F'\t' '
  # The binary a test belongs to, as the skip helper names it: no path, no "-<hash>".
  function stem(path,   b) {
    b = path; sub(/.*\//, "", b); sub(/-[0-9a-f]+$/, "", b); return b
  }
  FILENAME == ARGV[1] {
    if (NF >= 2) {
      key = $1 "::" $2
      if (!(key in why)) { why[key] = $3; order[++n] = key }
    }
    next
  }
  /^ *Running .*\(.*\)/ { s = $0; sub(/.*\(/, "", s); sub(/\).*/, "", s); bin = stem(s) }
  /^ *Doc-tests / { s = $0; sub(/.*Doc-tests /, "", s); bin = "doctest-" s }
  /^---- .* stdout ----$/ { t = $0; sub(/^---- /, "", t); sub(/ stdout ----$/, "", t); failed[bin "::" t] = 1 }
  /^test .* \.\.\. / { t = $0; sub(/^test /, "", t); sub(/ \.\.\. .*/, "", t); ran[bin "::" t] = 1 }
  /^test .* \.\.\. ignored/ { t = $0; sub(/^test /, "", t); sub(/ \.\.\. ignored.*/, "", t); ignored[++ni] = bin "::" t }
  /^test result:/ {
    nw = split($0, w, " ")
    for (i = 1; i < nw; i++) {
      if (w[i+1] ~ /^passed/) p += w[i]
      if (w[i+1] ~ /^failed/) f += w[i]
      if (w[i+1] ~ /^ignored/) ig += w[i]
    }
  }
  END {
    rt = 0
    for (i = 1; i <= n; i++) {
      if (order[i] in failed || !(order[i] in ran)) continue
      rt++
      printf "skipped: %s: %s\n", order[i], why[order[i]]
    }
    for (i = 1; i <= ni; i++) printf "skipped: %s: #[ignore]\n", ignored[i]
    printf "total: %d passed, %d failed, %d skipped\n", p - rt, f, rt + ig
  }
' "$skips" "$log"
