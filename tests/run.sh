#!/bin/sh
# run.sh: every test gavel has, in one run.  Each part prints its own
# "N passed, N failed" line; this adds them up and ends with the total.
# A part whose runner crashes without a count line counts as one failure.
cd "$(dirname "$0")/.." || exit 2
total_p=0 total_f=0
log=$(mktemp "${TMPDIR:-/tmp}/gavel-test.XXXXXX") || exit 2
trap 'rm -f "$log"' EXIT

part() {
  name=$1; shift
  printf '== %s\n' "$name"
  "$@" >"$log" 2>&1
  rc=$?
  # show failures and the count, not every passing line
  grep -E 'FAIL|not ok|ERROR|Error|error:|passed, [0-9]+ failed|skipped' "$log" | tail -n 60
  line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "  $name: no count line (exit $rc); last output:"; tail -n 20 "$log" | sed 's/^/  | /'
    total_f=$((total_f + 1)); return
  fi
  p=$(echo "$line" | sed -E 's/^([A-Za-z]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/')
  f=$(echo "$line" | sed -E 's/^([A-Za-z]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "  $name: exit $rc with no failure counted"; fi
  total_p=$((total_p + p)); total_f=$((total_f + f))
}

part "C unit tests" build/test_gavel
part "C unit tests under ASan+UBSan" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 build/asan/test_gavel
part "CLI golden tests" sh tests/golden/run.sh
[ -f tests/store/run.sh ] && part "case index tests" sh tests/store/run.sh
[ -f tests/nvim/run.sh ] && part "Neovim tests" sh tests/nvim/run.sh
[ -f bench/smoke.sh ] && part "bench smoke" sh bench/smoke.sh
part "fuzz corpus and crashes, replayed under ASan+UBSan" env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 build/asan/replay
part "hardening: bounded work, privacy" sh tests/hardening/run.sh

echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
