#!/bin/sh
# run.sh: hardening tests.  Pathological lines must cost bounded work (we
# count instructions with callgrind, never wall-clock time), and gavel must
# keep privileged notes private: no network, a 0600 index in a 0700
# folder, no note text in any other file it writes, `gavel forget` scrubs
# the text from the database file.  Needs `make all build/hardening/patho`.
# Prints "hardening: N passed, N failed (N skipped)".
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
GAVEL=$ROOT/build/gavel
PATHO=$ROOT/build/hardening/patho
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
skipped() { skip=$((skip + 1)); echo "skipped: $*"; }
check() { # check NAME CONDITION-COMMAND...
  name=$1; shift
  if "$@"; then ok; else bad "$name"; fi
}
le() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" -le "$2" ]; } # numbers, both present

for bin in "$GAVEL" "$PATHO"; do
  [ -x "$bin" ] || { echo "FAIL $bin is not built (make all build/hardening/patho)"; echo "hardening: 0 passed, 1 failed"; exit 1; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/gavel-hardening.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
TODAY=2025-04-10

# ===== Bounded work ========================================================

# Generous factor for "linear": 10x the input may cost at most this many
# times the work.  Instruction counts are deterministic, so this never
# flakes; a quadratic loop costs 100x and fails.
LINEAR=15
# Work one line of max_line_bytes (8 KiB) may take, in instructions
# (about 25M today; a few milliseconds).
LINE_BUDGET=80000000

# --- the CLI on the issue's lines: finishes, no crash ---
mkdir -p "$T/lines"
head -c 100000 /dev/zero | tr '\0' '1' >"$T/lines/digits.md"
head -c 50000 /dev/zero | tr '\0' '/' >"$T/lines/slashes.md"
{ head -c 50000 /dev/zero | tr '\0' '('; head -c 50000 /dev/zero | tr '\0' ')'; } >"$T/lines/parens.md"
yes 'ADA offered 18 mo DOC, $500 fine; see Ex. 4 and DEF-000120-DEF-000135 on 3/14/25 at 9:00. ' |
  head -c 10485760 | tr -d '\n' >"$T/lines/10mb.md"
head -c 10485760 /dev/zero | tr '\0' '9' >"$T/lines/10mb-digits.md"
for f in digits slashes parens 10mb 10mb-digits; do
  timeout 60 "$GAVEL" check --today $TODAY "$T/lines/$f.md" >/dev/null 2>"$T/err"
  rc=$?
  check "gavel check on $f.md exits 0 or 1 within 60 s (got $rc)" [ "$rc" -le 1 ]
  timeout 60 "$GAVEL" extract --today $TODAY "$T/lines/$f.md" >/dev/null 2>&1
  rc=$?
  check "gavel extract on $f.md exits 0 within 60 s (got $rc)" [ "$rc" -eq 0 ]
done

# --- the C API, default lines and 1 MiB lines ---
KINDS="digits slashes parens dates money bates words spaces hashes utf8 letters"
for k in $KINDS; do
  out=$(timeout 60 "$PATHO" $k 100000 2>&1); rc=$?
  check "C API: 100 KB of $k (default engine) rc $rc: $out" [ "$rc" -eq 0 ]
  out=$(timeout 60 "$PATHO" $k 1000000 1048576 2>&1); rc=$?
  check "C API: 1 MB of $k read whole (max_line_bytes 1 MiB) rc $rc: $out" [ "$rc" -eq 0 ]
done

# --- counted work ---
if command -v valgrind >/dev/null 2>&1; then
  # Prints the instructions a run of patho takes.
  ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PATHO" "$@" 2>&1 >/dev/null |
         sed -n 's/.*Collected : //p'; }
  base=$(ir letters 0)
  base_wide=$(ir letters 0 1048576)
  for k in $KINDS; do
    # one line of the default 8 KiB
    line=$(ir $k 8192)
    cost=$((line - base))
    check "one 8 KiB line of $k costs $cost instructions (budget $LINE_BUDGET)" \
      le "${line:+$cost}" $LINE_BUDGET
    # 10x the bytes in one line read whole: at most LINEAR x the work
    small=$(ir $k 10000 1048576); big=$(ir $k 100000 1048576)
    s=$((small - base_wide)); b=$((big - base_wide))
    [ "$s" -lt 1 ] && s=1
    check "$k: 100 KB line costs $b, 10 KB $s: more than ${LINEAR}x" \
      le "${big:+$b}" $((s * LINEAR))
  done
  # 10 MB without a newline against 1 MB: read line cut at 8 KiB, the rest
  # only copied
  small=$(ir words 1048576); big=$(ir words 10485760)
  s=$((small - base)); b=$((big - base))
  check "10 MB line costs $b, 1 MB $s: more than ${LINEAR}x" le "${big:+$b}" $((s * LINEAR))
  # many entries: the analysis has no loop over pairs of entries
  small=$(ir entries 0 0 2000); big=$(ir entries 0 0 20000)
  s=$((small - base)); b=$((big - base))
  check "20000 entries cost $b, 2000 cost $s: more than ${LINEAR}x" le "${big:+$b}" $((s * LINEAR))
else
  skipped "counted work (valgrind is not installed)"
fi

# ===== Privacy ============================================================

MARK=Quillfeather # a name the index keeps (the offer's "who")
CASE=$T/cases/State-v-Quill
mkdir -p "$CASE" "$T/home" "$T/tmp" "$T/data" "$T/cache" "$T/state" "$T/config"
cp -R examples/State-v-Doe/. "$CASE/"
printf '\n## 2025-03-20\nADA %s offered 6 mo probation; client told me about the night in question.\n' "$MARK" >>"$CASE/notes.md"
DB=$T/data/gavel/index.db
# everything a run may write goes below $T
run_env() {
  env HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CACHE_HOME="$T/cache" \
    XDG_STATE_HOME="$T/state" XDG_CONFIG_HOME="$T/config" TMPDIR="$T/tmp" "$@"
}
CLI_RUNS="check extract index cases agenda"
cli() { # cli SUBCOMMAND [wrapper...]: one gavel run on the case
  sub=$1; shift
  case $sub in
    check|extract) "$@" "$GAVEL" $sub --today $TODAY "$CASE" ;;
    index) "$@" "$GAVEL" index --db "$DB" "$CASE" ;;
    cases|agenda) "$@" "$GAVEL" $sub --db "$DB" --today $TODAY ;;
  esac
}

# --- file modes, whatever the umask ---
(umask 022; run_env "$GAVEL" index --db "$DB" "$CASE" >/dev/null 2>&1)
check "gavel index made $DB" [ -f "$DB" ]
check "index folder is 0700 (got $(stat -c %a "$T/data/gavel" 2>/dev/null))" \
  [ "$(stat -c %a "$T/data/gavel" 2>/dev/null)" = 700 ]
for f in "$DB" "$DB-wal" "$DB-shm"; do
  [ -e "$f" ] || continue
  check "$(basename "$f") is 0600 (got $(stat -c %a "$f"))" [ "$(stat -c %a "$f")" = 600 ]
done

# --- no network: under a network namespace, and no socket connects ---
if unshare -n true 2>/dev/null; then
  for sub in $CLI_RUNS; do
    cli $sub run_env >/dev/null 2>&1; want=$?
    cli $sub run_env unshare -n >/dev/null 2>&1; got=$?
    check "gavel $sub without a network exits as with one ($got vs $want)" [ "$got" = "$want" ]
  done
else
  skipped "network namespace (unshare -n is not permitted here)"
fi
if strace -f -qq -e trace=network -o /dev/null true 2>/dev/null; then
  for sub in $CLI_RUNS; do
    cli $sub run_env strace -f -qq -e trace=network -o "$T/net-$sub.log" >/dev/null 2>&1
    net=$(grep -cE 'connect\(|socket\(AF_INET|socket\(AF_INET6|sendto\(|sendmsg\(' "$T/net-$sub.log")
    check "gavel $sub: $net network calls (socket/connect/send)" [ "$net" -eq 0 ]
  done
else
  skipped "strace (ptrace is not permitted here)"
fi

# --- no note text in any file gavel writes, except the index ---
if strace -f -qq -e trace=openat -o /dev/null true 2>/dev/null; then
  for sub in $CLI_RUNS; do
    cli $sub run_env strace -f -qq -e trace=openat,open,creat,rename,renameat,renameat2,link,symlink \
      -o "$T/files-$sub.log" >/dev/null 2>&1
    # paths opened for writing, other than the index's own files
    grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(|rename|link\(' "$T/files-$sub.log" |
      grep -v -- '= -1' | sed -n 's/^[0-9]* *[a-z0-9]*(\(AT_FDCWD, \)\{0,1\}"\([^"]*\)".*/\2/p' |
      grep -vE "^$DB(-wal|-shm|-journal)?\$|^/dev/(null|tty)\$" >"$T/written-$sub" || true
    check "gavel $sub writes no file but the index: $(tr '\n' ' ' <"$T/written-$sub")" [ ! -s "$T/written-$sub" ]
  done
else
  skipped "written-file trace (ptrace is not permitted here)"
fi
leaked=$(grep -rlF "$MARK" "$T/home" "$T/tmp" "$T/cache" "$T/state" "$T/config" "$T/data" 2>/dev/null |
         grep -vE "^$DB(-wal|-shm)?\$")
check "note text in files other than the index: $leaked" [ -z "$leaked" ]

# --- gavel forget scrubs the text from the database file ---
run_env "$GAVEL" index --db "$DB" "$CASE" >/dev/null 2>&1
has_mark() { cat "$DB" "$DB-wal" "$DB-journal" 2>/dev/null | grep -caF "$MARK"; }
check "before forget the index holds the note text (so the next check can fail)" [ "$(has_mark)" -gt 0 ]
run_env "$GAVEL" forget --db "$DB" "$CASE" >/dev/null 2>&1
rc=$?
check "gavel forget exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "after forget no note text in the database files" [ "$(has_mark)" -eq 0 ]
out=$(run_env "$GAVEL" cases --db "$DB" --today $TODAY 2>&1)
case $out in *Quill*) bad "after forget the case is still listed" ;; *) ok ;; esac

# --- Neovim: the plugin without a network, and the privacy option ---
if command -v nvim >/dev/null 2>&1 && [ -f lua/gavel/core.so ]; then
  sh tests/hardening/nvim.sh "$T" "$CASE" "$MARK"
  rc=$?
  nv=$(cat "$T/nvim-counts" 2>/dev/null)
  p=${nv%% *}; rest=${nv#* }; f=${rest%% *}; s=${rest#* }
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1})); skip=$((skip + ${s:-0}))
  [ "$rc" -ne 0 ] && [ "${f:-1}" -eq 0 ] && bad "tests/hardening/nvim.sh exited $rc"
else
  skipped "Neovim tests (no nvim, or lua/gavel/core.so not built)"
fi

echo "hardening: $pass passed, $fail failed ($skip skipped)"
[ "$fail" -eq 0 ]
