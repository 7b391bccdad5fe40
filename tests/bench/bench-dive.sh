#!/usr/bin/env bash
# usage: tests/bench/bench-dive.sh [IMAGE...]
#
# docktor's layer figures against dive's own JSON, on the same images in the same run:
#   dive IMAGE --json FILE                          (dive's efficiencyScore, inefficientBytes,
#                                                    fileReference: path, count, bytes)
#   docktor layers IMAGE --via export --format json (efficiency, dive_wasted_bytes, wasted_bytes,
#                                                    inefficient_files)
#   docktor layers IMAGE --via local --format json  (when this machine can walk the engine's
#                                                    overlay2 directories: root)
# Prints one table row per image and source: both efficiencies, dive's inefficient bytes next to
# docktor's count of the same thing (`dive_wasted_bytes`) and its own (`wasted_bytes`: only the
# copies the final image does not show), and whether the top files agree (path, bytes, copies;
# dive counts a deletion as one copy more).
# Exits 1 when an efficiency differs by more than 1e-6, or dive's bytes or files differ.
# Default images: bench-big and bench-small (built as tests/bench/bench-layers.sh builds them).
#
# Environment: PEERS_DIR (dive in PEERS_DIR/bin, default /opt/peers; BENCH_DIR/peers-install.sh
# installs it), BENCH_DIR (default ../shared/bench beside the repository), DOCKTOR_BIN (else the
# release build, built when missing), NO_BUILD=1.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
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
dive=$peers/bin/dive
die() { echo "bench-dive: error: $*" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || die "jq is missing (apt-get install jq)"
if [ ! -x "$dive" ]; then
  [ -f "$bench/peers-install.sh" ] || die "no dive at $dive and no $bench/peers-install.sh"
  bash "$bench/peers-install.sh" >&2
fi
if [ -n "${DOCKTOR_BIN:-}" ]; then
  docktor=$DOCKTOR_BIN
else
  target=${CARGO_TARGET_DIR:-$root/target}
  case $target in /*) ;; *) target=$root/$target ;; esac
  docktor=$target/release/docktor
  if [ "${NO_BUILD:-0}" != 1 ]; then
    (cd "$root" && cargo build -q --release --locked --bin docktor)
  fi
fi
[ -x "$docktor" ] || die "no docktor binary at $docktor"

images=("$@"); [ ${#images[@]} -gt 0 ] || images=(bench-big bench-small)
for img in "${images[@]}"; do
  docker image inspect "$img" >/dev/null 2>&1 || BENCH_DIR=$bench bash "$here/bench-layers.sh" --build-only "$img"
done

echo "bench-dive: $(date -u '+%Y-%m-%d %H:%M UTC') · commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+dirty') · load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench-dive: $("$dive" --version 2>/dev/null | head -1) · $("$docktor" --version) · docker $(docker version --format '{{.Server.Version}}')"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
printf '\n| image | source | efficiency docktor | efficiency dive | dive inefficient bytes | docktor dive_wasted_bytes | docktor wasted_bytes | top files agree |\n|---|---|---|---|---|---|---|---|\n'
for img in "${images[@]}"; do
  # dive does not truncate the file it writes: a shorter answer would keep the old one's tail.
  rm -f "$out/dive.json"
  "$dive" "$img" --json "$out/dive.json" >/dev/null 2>"$out/dive.err" \
    || { [ -s "$out/dive.json" ] || die "dive failed on $img: $(tail -3 "$out/dive.err")"; }
  sources=(export)
  [ "$(id -u)" = 0 ] && sources+=(local)
  for via in "${sources[@]}"; do
    "$docktor" layers "$img" --via "$via" --format json >"$out/d.json" 2>"$out/d.err" \
      || { [ -s "$out/d.json" ] || die "docktor --via $via failed on $img: $(cat "$out/d.err")"; }
    de=$(jq -r '.image.efficiencyScore' "$out/dive.json")
    di=$(jq -r '.image.inefficientBytes' "$out/dive.json")
    ke=$(jq -r '.efficiency' "$out/d.json")
    kd=$(jq -r '.dive_wasted_bytes' "$out/d.json")
    kw=$(jq -r '.wasted_bytes' "$out/d.json")
    # docktor lists its top inefficient files; each must be in dive's list with the same bytes
    # and copies (dive lists every duplicated path). dive also counts the deletion of a file
    # as a copy: one more where docktor says every byte is wasted (the path is gone).
    n=$(jq '.inefficient_files | length' "$out/d.json")
    mismatched=$(jq -c -n --slurpfile d "$out/d.json" --slurpfile v "$out/dive.json" '
      ($v[0].image.fileReference | map({key: .file, value: .}) | from_entries) as $dive
      | [$d[0].inefficient_files[]
         | . as $f | $dive[$f.path] as $r
         | select($r == null or $r.sizeBytes != $f.total_bytes
             or ($r.count != $f.copies
                 and ($r.count != $f.copies + 1 or $f.wasted_bytes != $f.total_bytes)))
         | .path]')
    same_eff=$(awk -v a="$ke" -v b="$de" 'BEGIN { d = a - b; if (d < 0) d = -d; print (d <= 1e-6) ? "yes" : "no" }')
    files="yes ($n of $n)"
    if [ "$mismatched" != "[]" ]; then files="no: $mismatched"; status=1; fi
    if [ "$same_eff" != yes ] || [ "$kd" != "$di" ]; then status=1; fi
    printf '| %s | %s | %.6f | %.6f | %s | %s | %s | %s |\n' "$img" "$via" "$ke" "$de" "$di" "$kd" "$kw" "$files"
  done
done
[ "$status" = 0 ] && echo "bench-dive: docktor and dive agree" || echo "bench-dive: docktor and dive DIFFER (above)" >&2
exit "$status"
