#!/bin/sh
# run.sh: golden tests of the `gavel` CLI.  Each line of cases.txt is
#   NAME | EXPECTED_EXIT | ARGS...
# run from the project root; stdout and stderr must equal
# tests/golden/expected/NAME.out byte for byte.  UPDATE=1 rewrites them.
cd "$(dirname "$0")/../.." || exit 2
bin=${GAVEL_BIN:-build/gavel} # GAVEL_BIN: another build or a wrapper (make golden-asan, golden-valgrind)
pass=0 fail=0
out=$(mktemp "${TMPDIR:-/tmp}/gavel-golden.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT
while IFS='|' read -r name want args; do
  name=$(echo "$name" | tr -d ' ')
  case "$name" in ''|'#'*) continue ;; esac
  want=$(echo "$want" | tr -d ' ')
  # shellcheck disable=SC2086
  $bin $args >"$out" 2>&1
  got=$?
  exp=tests/golden/expected/$name.out
  if [ "${UPDATE:-0}" = 1 ]; then cp "$out" "$exp"; fi
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; fail=$((fail + 1))
  elif [ ! -f "$exp" ]; then
    echo "FAIL $name: no expected output $exp (UPDATE=1 makes it)"; fail=$((fail + 1))
  elif ! cmp -s "$out" "$exp"; then
    echo "FAIL $name: output differs from $exp:"; diff "$exp" "$out" | head -n 20
    fail=$((fail + 1))
  else
    pass=$((pass + 1))
  fi
done < tests/golden/cases.txt
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
