#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each with libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer, in _build-fuzz (clang).
#
#   tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]
#
# New inputs go to tests/fuzz/out/TARGET/ (not tracked); a crash is saved as
# tests/fuzz/out/TARGET/crash-*.  Copy each crash into
# tests/fuzz/regressions/TARGET/ once it is fixed, so `meson test` replays it.
# The last line per target is the summary quoted in the README.  QS_FUZZ_BUILDDIR picks
# another build folder (default _build-fuzz).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:?usage: run-fuzzers.sh SECONDS [TARGET...]}
shift
build=${QS_FUZZ_BUILDDIR:-$top/_build-fuzz}
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_lundef=false -Dgui=disabled >/dev/null
fi
ninja -C "$build" >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in "$build"/tests/fuzz/fuzz-*; do
    [ -x "$t" ] && targets+=("$(basename "$t" | sed 's/^fuzz-//')")
  done
fi
for t in "${targets[@]}"; do
  out=$top/tests/fuzz/out/$t
  mkdir -p "$out"
  log=$out/last-run.log
  set +e
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    G_SLICE=always-malloc \
    "$build/tests/fuzz/fuzz-$t" "$out" "$top/tests/fuzz/corpus/$t" \
      -max_total_time="$seconds" -max_len=262144 -timeout=20 -rss_limit_mb=4096 \
      -artifact_prefix="$out/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  crashes=$(find "$out" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' -o -maxdepth 1 -name 'timeout-*' | wc -l)
  echo "fuzz-$t: ${seconds}s, ${execs:-?} executions, exit $status, $crashes crash/leak/timeout files in tests/fuzz/out/$t"
done
