#!/bin/sh
# run.sh: the Neovim tests.  The headless suite (run.lua inside
# `nvim --headless`) and the tmux screen test, with XDG folders of their own
# so the user's config and data are never touched.  Ends with the total as
# "N passed, N failed"; exits non-zero on failure.
cd "$(dirname "$0")/../.." || exit 2
NVIM=${NVIM:-nvim}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gavel-nvim.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
  XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" NVIM="$NVIM"
unset NVIM_APPNAME VIMINIT MYVIMRC

if [ ! -f lua/gavel/core.so ]; then
  echo "FAIL lua/gavel/core.so is missing: run make first"
  echo "0 passed, 1 failed"
  exit 1
fi
limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout 600"

total_p=0 total_f=0
count() { # adds the last "N passed, N failed" of file $1 (rc $2) to the totals
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
  if [ -z "$line" ]; then
    echo "FAIL $3: no count line (exit $2)"; tail -n 20 "$1" | sed 's/^/  | /'
    total_f=$((total_f + 1)); return
  fi
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  [ "$2" -ne 0 ] && [ "$f" -eq 0 ] && { echo "FAIL $3: exit $2"; f=1; }
  total_p=$((total_p + p)); total_f=$((total_f + f))
}

$limit "$NVIM" --headless --clean -u tests/nvim/minimal_init.lua \
  -c "luafile tests/nvim/run.lua" </dev/null >"$tmp/headless.log" 2>"$tmp/headless.err"
rc=$?
grep -v -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/headless.log"
count "$tmp/headless.log" "$rc" "headless tests"
echo "headless: $(grep -E '^[0-9]+ passed' "$tmp/headless.log" | tail -n 1)"

if command -v tmux >/dev/null 2>&1; then
  sh tests/nvim/tmux_test.sh >"$tmp/tmux.log" 2>&1
  rc=$?
  grep -v -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/tmux.log"
  count "$tmp/tmux.log" "$rc" "tmux screen test"
  echo "tmux: $(grep -E '^[0-9]+ passed' "$tmp/tmux.log" | tail -n 1)"
else
  echo "tmux screen test: skipped (tmux is not installed)"
fi

echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
