#!/bin/sh
# smoke.sh: runs every bench program once on a tiny input, so the bench
# cannot rot; `make test` calls it (through tests/run.sh).  It times
# nothing and asserts nothing about speed: a check passes when the program
# ran and printed well-formed "name median p99 unit" lines.  No npm: the
# chrono-node peer runs only when bench/node_modules already holds it.
# Prints "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
CC=${CC:-cc}
CFLAGS="-std=c99 -D_XOPEN_SOURCE=700 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -O1"
LIBS="$(pkg-config --libs libpcre2-8 sqlite3 2>/dev/null || echo -lpcre2-8 -lsqlite3) -pthread"
INC=$(pkg-config --cflags libpcre2-8 2>/dev/null)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/gavel-bench-smoke.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
B=$TMP/bin # not build/bench: that keeps make bench's optimised build
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# well-formed FILE NAME...: every line "name number number unit" and each
# NAME present.
well_formed() {
  f=$1; shift
  [ -s "$f" ] || return 1
  awk 'NF != 4 || $2 !~ /^-?[0-9.]+$/ || $3 !~ /^-?[0-9.]+$/ { bad = 1 } END { exit bad }' "$f" || return 1
  for n in "$@"; do grep -q "^$n " "$f" || return 1; done
}

mkdir -p $B || exit 2
WRAP="-Wl,--wrap=gv_match -Wl,--wrap=gv_compile"
for s in dates money evidence events court; do WRAP="$WRAP -Wl,--wrap=gv_${s}_scan"; done
# shellcheck disable=SC2086
if $CC $CFLAGS -o $B/gen bench/gen.c 2>$TMP/cc && $CC $CFLAGS -o $B/runcmd bench/runcmd.c 2>>$TMP/cc &&
  $CC $CFLAGS $INC -o $B/engine bench/engine.c build/libgavel.a $LIBS 2>>$TMP/cc &&
  $CC $CFLAGS $INC -o $B/instr bench/instr.c build/libgavel.a $LIBS 2>>$TMP/cc &&
  $CC $CFLAGS $INC $WRAP -o $B/scanners bench/scanners.c build/libgavel.a $LIBS 2>>$TMP/cc; then
  ok "bench programs build"
else
  bad "bench programs build"; head -n 20 $TMP/cc
  echo "$pass passed, $fail failed"; exit 1
fi

# gen: exact line count, same bytes twice, a tree
$B/gen notes 200 >$TMP/a.md && $B/gen notes 200 >$TMP/b.md && $B/gen tree $TMP/tree 2 3
if [ "$(wc -l <$TMP/a.md)" -eq 200 ] && cmp -s $TMP/a.md $TMP/b.md &&
  [ "$(find $TMP/tree -name '*.md' | wc -l)" -eq 6 ] && [ -f $TMP/tree/case-001/.gavel ]; then
  ok "gen: 200 lines, deterministic, a 2x3 tree"
else
  bad "gen"
fi

# gavel extract reads a large file on several threads: the same output
$B/gen notes 10000 >$TMP/big.md
build/gavel extract --today 2025-04-10 --threads 1 $TMP/big.md >$TMP/t1.jsonl 2>&1
build/gavel extract --today 2025-04-10 --threads 3 $TMP/big.md >$TMP/t3.jsonl 2>&1
if [ "$(wc -l <$TMP/t1.jsonl)" -gt 5000 ] && cmp -s $TMP/t1.jsonl $TMP/t3.jsonl; then
  ok "extract on 1 and 3 threads: the same items"
else
  bad "extract on 1 and 3 threads"; cmp $TMP/t1.jsonl $TMP/t3.jsonl | head -n 3
fi

$B/engine $TMP/a.md 1 5 >$TMP/engine.txt 2>&1
if well_formed $TMP/engine.txt full_read_mbps read_ms analyze_ms read_user_ms read_sys_ms read_faults ref_ms \
  edit_us analyze_us items lines &&
  grep -q '^lines 200 ' $TMP/engine.txt; then ok "engine"; else bad "engine"; head -n 5 $TMP/engine.txt; fi

# instr reads once (make bench counts its instructions under callgrind)
if [ "$($B/instr $TMP/a.md 2>&1)" = "lines 200 bytes $(wc -c <$TMP/a.md | tr -d ' ')" ]; then
  ok "instr"
else
  bad "instr"; $B/instr $TMP/a.md 2>&1 | head -n 3
fi

$B/scanners $TMP/a.md 1 >$TMP/scan.txt 2>&1
scan_ok=1
for n in dates money evidence events court total mbps prefilter_ceiling_mbps; do
  grep -q "^scan_$n [0-9]" $TMP/scan.txt || scan_ok=0
done
if [ $scan_ok = 1 ] && grep -q '^pat [0-9]' $TMP/scan.txt; then
  ok "scanners"
else
  bad "scanners"; head -n 5 $TMP/scan.txt
fi

$B/runcmd extract 1 -- build/gavel extract --today 2025-04-10 $TMP/a.md >$TMP/run.txt 2>&1
if well_formed $TMP/run.txt extract_ms extract_rss extract_exit && grep -q '^extract_exit 0 0 ' $TMP/run.txt; then
  ok "runcmd + gavel extract"
else
  bad "runcmd + gavel extract"; head -n 5 $TMP/run.txt
fi

if sh -n bench/run.sh; then ok "run.sh parses"; else bad "run.sh parses"; fi

if [ -d bench/node_modules/chrono-node ] && command -v node >/dev/null 2>&1; then
  node bench/peer_chrono.js $TMP/a.md 1 >$TMP/chrono.txt 2>&1
  if well_formed $TMP/chrono.txt chrono_mbps chrono_dates; then ok "peer_chrono.js"; else bad "peer_chrono.js"; head -n 5 $TMP/chrono.txt; fi
else
  echo "skipped peer_chrono.js: chrono-node is not installed (make bench installs it)"
fi

NVIM=${NVIM:-nvim}
if command -v "$NVIM" >/dev/null 2>&1 && [ -f lua/gavel/core.so ]; then
  mkdir -p $TMP/case && : >$TMP/case/.gavel && cp $TMP/a.md $TMP/case/notes-smoke.md
  # read in the background (as a big buffer would be), in slices
  GAVEL_BENCH_OUT=$TMP/nvim.txt GAVEL_BENCH_FILES=$TMP/case/notes-smoke.md GAVEL_BENCH_KEYS=5 GAVEL_BENCH_RUNS=1 \
    GAVEL_BENCH_SYNC_ROWS=100 \
    timeout 60 "$NVIM" --headless --clean -u NONE -i NONE -n --cmd "set rtp^=$(pwd)" \
    -c 'luafile bench/nvim_keys.lua' >/dev/null 2>&1
  if well_formed $TMP/nvim.txt attach_ms_smoke onlines_us_smoke render_us_smoke render_normal_us_smoke \
    attach_slice_max_ms_smoke attach_ready_ms_smoke rss_growth_mib_smoke regex_ms_smoke gavel_nvim_ms_smoke &&
    grep -q '^onlines_calls_smoke 6\.' $TMP/nvim.txt && grep -q '^debounce_fired_smoke 1\.' $TMP/nvim.txt; then
    ok "nvim_keys.lua (on_lines once per keystroke, the debounced update fired)"
  else
    bad "nvim_keys.lua"; head -n 5 $TMP/nvim.txt
  fi
else
  echo "skipped nvim_keys.lua: nvim or lua/gavel/core.so missing"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
