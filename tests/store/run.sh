#!/bin/sh
# run.sh: the case index through the `gavel` CLI and headless Neovim, on
# real SQLite files in a temporary folder: index/re-index, permissions,
# concurrent writers (CLI and Neovim processes at once), a corrupt database,
# the iCalendar export checked by a strict RFC 5545 reader (and Debian's
# python3-icalendar when installed), CSV, forget, cases/agenda on the
# examples and fixtures as of 2025-04-10, usage errors.
# Prints "N passed, N failed"; exits 1 on any failure.
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
bin=$ROOT/build/gavel
NVIM=${NVIM:-nvim}
pass=0 fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/gavel-store.XXXXXX") || exit 2
[ -n "$KEEP" ] && echo "keeping $T" || trap 'rm -rf "$T"' EXIT
TODAY=2025-04-10

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # check NAME COMMAND...: passes when the command succeeds
  name=$1; shift
  if "$@" >/dev/null 2>&1; then ok; else bad "$name"; fi
}

# python with the Debian icalendar module if there is one
PY=python3
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import icalendar' 2>/dev/null; then PY=$p; break; fi
done

[ -x "$bin" ] || { echo "FAIL build/gavel is missing (make)"; echo "0 passed, 1 failed"; exit 1; }

# ---- fixture cases ---------------------------------------------------------
mk_case() { # mk_case DIR NAME N: a case folder with N notes files
  mkdir -p "$1"
  : > "$1/.gavel"
  i=1
  while [ "$i" -le "$3" ]; do
    mkdir -p "$1/notes$((i % 3))"
    printf '# %s\nCase No. 25-CR-%04d\n\n## 2025-03-%02d\n- Exhibit %d: lab report\n- See Exhibit %d and Ex. 9%d.\n' \
      "$2" "$i" $(( (i % 27) + 1 )) "$i" "$i" "$i" > "$1/notes$((i % 3))/n$i.md"
    i=$((i + 1))
  done
}
mk_case "$T/cases/alpha" "State v. Alpha" 3
mk_case "$T/cases/beta" "People v. Beta" 2
DB=$T/db/index.db

# ---- index, re-index, permissions ----------------------------------------
out=$( (umask 000; "$bin" index --db "$DB" "$T/cases") 2>"$T/err")
rc=$?
[ $rc -eq 0 ] && ok || bad "index exit $rc: $(cat "$T/err")"
echo "$out" | grep -Eq '^indexed 5 files \(5 read, 0 skipped, 0 removed\) in [0-9]+\.[0-9]{2} s$' \
  && ok || bad "index summary: $out"
[ "$(stat -c %a "$DB")" = 600 ] && ok || bad "index file mode $(stat -c %a "$DB"), want 600"
[ "$(stat -c %a "$T/db")" = 700 ] && ok || bad "index folder mode $(stat -c %a "$T/db"), want 700"
[ ! -e "$DB-wal" ] && ok || bad "a clean close leaves no -wal file"
out=$("$bin" index --db "$DB" "$T/cases")
echo "$out" | grep -q '(0 read, 5 skipped, 0 removed)' && ok || bad "re-index skips: $out"
rm "$T/cases/beta/notes1/n1.md"
printf '# People v. Beta\n## 2025-03-09\n- Exhibit 77 added\n' > "$T/cases/beta/notes2/n2.md"
out=$("$bin" index --db "$DB" "$T/cases")
echo "$out" | grep -q '(1 read, 3 skipped, 1 removed)' && ok || bad "re-index after edits: $out"
"$bin" cases --db "$DB" --today $TODAY --format json > "$T/cases.json"
check "cases json parses, 2 cases, 4 files" $PY -c "
import json,sys
rows=[json.loads(l) for l in open('$T/cases.json')]
assert len(rows)==2, rows
assert sum(r['files'] for r in rows)==4
names=sorted(r['name'] for r in rows)
assert names==['People v. Beta','State v. Alpha'], names
"
"$bin" cases --db "$DB" --today $TODAY > "$T/cases.txt"
grep -q '^CASE ' "$T/cases.txt" && grep -q 'State v. Alpha' "$T/cases.txt" && ok || bad "cases text table"

# a progress bar only on a terminal: none when stderr is a file
"$bin" index --db "$DB" "$T/cases" 2>"$T/err" >/dev/null
[ ! -s "$T/err" ] && ok || bad "no progress output when stderr is not a terminal"

# ---- 1,000 unchanged files re-index in well under a second -----------------
mk_case "$T/big/c1" "State v. Big" 1000
"$bin" index --db "$T/big.db" "$T/big" >/dev/null
out=$("$bin" index --db "$T/big.db" "$T/big")
secs=$(echo "$out" | sed -E 's/.* in ([0-9.]+) s$/\1/')
echo "$out" | grep -q '(0 read, 1000 skipped' && ok || bad "1000 files skipped: $out"
awk "BEGIN { exit !($secs < 0.5) }" && ok || bad "re-index of 1000 unchanged files took $secs s"

# ---- concurrent writers: three CLI processes and two Neovims at once -------
for k in 1 2 3 4 5; do mk_case "$T/conc/w$k" "State v. Writer$k" 40; done
CDB=$T/conc.db
cat > "$T/nv.lua" <<EOF
vim.g.gavel_index_db = '$CDB'
local ix = require('gavel.index')
local dir = vim.env.GAVEL_DIR
local ok, stats = pcall(ix.index, { dir })
if not ok or not stats then
  io.stderr:write('nvim index failed: ' .. tostring(stats) .. '\n')
  vim.cmd('cquit 1')
end
-- and the on-write path, file by file
for _, f in ipairs(vim.fn.globpath(dir, '**/*.md', false, true)) do
  local how, err = ix.index_file(f)
  if not how then
    io.stderr:write('nvim index_file failed: ' .. tostring(err) .. '\n')
    vim.cmd('cquit 1')
  end
end
ix.close()
vim.cmd('qall!')
EOF
pids=""
for k in 1 2 3; do
  "$bin" index --db "$CDB" "$T/conc/w$k" "$T/conc/w5" >"$T/cli$k.out" 2>"$T/cli$k.err" &
  pids="$pids $!"
done
for k in 4 5; do
  GAVEL_DIR=$T/conc/w$k XDG_DATA_HOME=$T/xdg $NVIM --headless -u NONE -i NONE \
    --cmd "set rtp^=$ROOT" -c "luafile $T/nv.lua" >"$T/nv$k.out" 2>"$T/nv$k.err" &
  pids="$pids $!"
done
n=0
for p in $pids; do
  n=$((n + 1))
  if wait "$p"; then ok; else bad "concurrent writer $n failed: $(cat "$T"/cli*.err "$T"/nv*.err | head -5)"; fi
done
if grep -qiE 'locked|busy' "$T"/cli*.err "$T"/nv*.err "$T"/nv*.out 2>/dev/null; then
  bad "a writer reported a lock: $(grep -hiE 'locked|busy' "$T"/cli*.err "$T"/nv*.err | head -3)"
else ok; fi
"$bin" cases --db "$CDB" --today $TODAY --format json > "$T/conc.json"
check "nothing lost: 5 cases, 200 files" $PY -c "
import json
rows=[json.loads(l) for l in open('$T/conc.json')]
assert len(rows)==5, len(rows)
assert sum(r['files'] for r in rows)==200, sum(r['files'] for r in rows)
"
check "the concurrent database passes integrity_check" sh -c "[ \"\$(sqlite3 '$CDB' 'PRAGMA integrity_check')\" = ok ]"

# ---- a corrupt database is moved aside, rebuilt, and said once ------------
KDB=$T/k/index.db
"$bin" index --db "$KDB" "$T/cases" >/dev/null
head -c 20000 /dev/urandom > "$KDB"
out=$("$bin" cases --db "$KDB" --today $TODAY 2>"$T/err")
rc=$?
[ $rc -eq 0 ] && ok || bad "cases on a corrupt db exits $rc"
grep -q '^gavel: the case index was damaged; moved it to .*index.db.corrupt-' "$T/err" \
  && ok || bad "corrupt db notice: $(cat "$T/err")"
aside=$(ls "$T/k" | grep -c 'index.db.corrupt-[0-9T]*$')
[ "$aside" = 1 ] && ok || bad "one corrupt copy kept aside (found $aside)"
for f in "$T"/k/index.db.corrupt-*; do
  [ "$(stat -c %a "$f")" = 600 ] && ok || bad "corrupt copy $f is $(stat -c %a "$f"), want 600"
done
"$bin" cases --db "$KDB" --today $TODAY >/dev/null 2>"$T/err"
[ ! -s "$T/err" ] && ok || bad "the notice is given once: $(cat "$T/err")"
out=$("$bin" index --db "$KDB" "$T/cases")
echo "$out" | grep -q '(4 read, 0 skipped' && ok || bad "the new index is rebuilt by indexing: $out"
# damaged pages in a real index left by a crash (-wal present): quick_check,
# then the cases it still names are re-read from the notes
CR=$T/crash/index.db
"$bin" index --db "$CR" "$T/cases" >/dev/null
size=$(stat -c %s "$CR")
$PY - "$CR" <<'EOF'
import sys
p = sys.argv[1]
data = bytearray(open(p, 'rb').read())
# junk into every b-tree page but the first two (schema and cases stay)
for off in range(3 * 4096, len(data), 4096):
    data[off + 8:off + 40] = b'\xde\xad\xbe\xef' * 8
open(p, 'wb').write(bytes(data))
open(p + '-wal', 'wb').close()
EOF
out=$("$bin" cases --db "$CR" --today $TODAY --format json 2>"$T/err")
grep -q 'damaged.*rebuilt 2 cases from the notes' "$T/err" && ok || bad "crash damage found by quick_check: $(cat "$T/err")"
echo "$out" | grep -c '"dir"' | grep -qx 2 && ok || bad "the rebuilt index has both cases: $out"

# ---- export --ics ----------------------------------------------------------
IDB=$T/ics.db
"$bin" index --db "$IDB" "$T/cases/alpha" >/dev/null
# dates the court scanner may or may not find yet: add rows of our own with
# awkward text (commas, semicolons, backslashes, long UTF-8) to the index
file=$(cd "$T/cases/alpha/notes1" && pwd)/n1.md
$PY - "$IDB" "$file" "$TODAY" <<'EOF'
import sqlite3, sys, datetime
db, path, today = sys.argv[1:4]
t = (datetime.date.fromisoformat(today) - datetime.date(1970, 1, 1)).days
c = sqlite3.connect(db)
fid = c.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()[0]
rows = [
    (3, 9, t + 2, 570, "trial; jury, day 1 \\ voir dire"),
    (4, 10, t + 5, -1, "motion deadline"),
    (5, 9, t + 6, -1, "sentencing hearing before Judge Ñúñez-Østergaard — courtroom 4B, "
                     "third floor, bring the client's mitigation packet and letters"),
    (6, 9, t - 3, -1, "a past hearing"),
    (7, 9, t + 400, -1, "far away"),
]
for row, ev, due, minute, what in rows:
    c.execute("INSERT INTO events(file_id,row,col,end_col,event,party,flags,day,due,who,"
              "what,eid,eid_end,path,minute) VALUES(?,?,0,1,?,0,0,?,?,'',?,'','','',?)",
              (fid, row, ev, t - 10, due, what, minute))
c.commit()
EOF
"$bin" export --db "$IDB" --ics --today $TODAY --days 30 > "$T/a.ics"
rc=$?
[ $rc -eq 0 ] && ok || bad "export --ics exit $rc"
if $PY tests/store/ics_check.py "$T/a.ics" > "$T/ics.json" 2>&1; then ok; else bad "ics check: $(head -5 "$T/ics.json")"; fi
check "ics: three events in the window, file:line in DESCRIPTION" $PY -c "
import json
r=json.load(open('$T/ics.json'))
ev=r['events']
assert len(ev)==3, [e['summary'] for e in ev]
assert ev[0]['dtstart']=='20250412T093000', ev[0]
assert ev[0]['summary'].startswith('trial; jury, day 1 \\\\ voir dire: State v. Alpha'), ev[0]['summary']
assert all('$file:' in e['description'] for e in ev), ev
assert all(e['url'].startswith('file:///') for e in ev)
assert ev[2]['summary'].startswith('sentencing hearing before Judge Ñúñez')
"
$PY -c "import json; print('icalendar' if json.load(open('$T/ics.json')).get('icalendar') else '')" \
  | grep -q icalendar && ok || echo "skipped: python3-icalendar not installed; the strict checker alone ran"
# stable UIDs: the same events after the lines moved keep their UIDs
sqlite3 "$IDB" "UPDATE events SET row = row + 40"
"$bin" export --db "$IDB" --ics --today $TODAY --days 30 > "$T/b.ics"
grep '^UID:' "$T/a.ics" > "$T/a.uid"; grep '^UID:' "$T/b.ics" > "$T/b.uid"
[ -s "$T/a.uid" ] && cmp -s "$T/a.uid" "$T/b.uid" && ok || bad "UIDs change when lines move"
[ "$(sort -u "$T/a.uid" | wc -l)" = 3 ] && ok || bad "UIDs are unique"
# the broken checker must be able to fail: feed it a bad calendar
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:a,b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' > "$T/bad.ics"
if $PY tests/store/ics_check.py "$T/bad.ics" >/dev/null 2>&1; then bad "the ics checker accepted a bad calendar"; else ok; fi
# agenda over the same rows
"$bin" agenda --db "$IDB" --today $TODAY --days 14 > "$T/agenda.txt"
grep -q '^Saturday  2025-04-12' "$T/agenda.txt" && grep -q '09:30  trial; jury' "$T/agenda.txt" \
  && ok || bad "agenda text groups by day: $(head -5 "$T/agenda.txt")"
grep -q 'far away\|a past hearing' "$T/agenda.txt" && bad "agenda shows days outside the window" || ok
"$bin" agenda --db "$IDB" --today $TODAY --days 14 --format json > "$T/agenda.json"
check "agenda json: 3 entries, 1-based lines" $PY -c "
import json
rows=[json.loads(l) for l in open('$T/agenda.json')]
assert [r['date'] for r in rows]==['2025-04-12','2025-04-15','2025-04-16'], rows
assert rows[0]['time']=='09:30' and rows[0]['line']==44 and rows[0]['kind']=='court_date'
"

# ---- export --csv ----------------------------------------------------------
"$bin" export --db "$IDB" --csv > "$T/offers.csv"
check "csv parses with a header" $PY -c "
import csv
rows=list(csv.reader(open('$T/offers.csv', newline='')))
assert rows[0][:6]==['case','number','case_dir','file','line','date'], rows[0]
assert all(len(r)==len(rows[0]) for r in rows)
"

# ---- forget scrubs the case ------------------------------------------------
FDB=$T/f.db
mk_case "$T/cases/QZXsecretname" "State v. Secret" 2
"$bin" index --db "$FDB" "$T/cases" >/dev/null
out=$("$bin" forget --db "$FDB" "$T/cases/QZXsecretname")
echo "$out" | grep -q 'forgot .* (2 files)' && ok || bad "forget output: $out"
grep -q QZXsecretname "$FDB" "$FDB-wal" 2>/dev/null && bad "forgotten case still in the database bytes" || ok
"$bin" cases --db "$FDB" --format json | grep -q QZXsecret && bad "forgotten case still listed" || ok
out=$("$bin" forget --db "$FDB" "$T/cases/QZXsecretname")
echo "$out" | grep -q 'not in the index' && ok || bad "forget twice: $out"

# ---- the examples and fixtures as of 2025-04-10 ---------------------------
EDB=$T/ex.db
for d in examples tests/fixtures; do
  [ -d "$d" ] || continue
  "$bin" index --db "$EDB" "$d" >/dev/null 2>"$T/err" && ok || bad "index $d: $(cat "$T/err")"
done
if [ -f "$EDB" ]; then
  "$bin" cases --db "$EDB" --today $TODAY --format json > "$T/ex.json" && ok || bad "cases on examples"
  "$bin" agenda --db "$EDB" --today $TODAY --days 60 --format json > "$T/exa.json" && ok || bad "agenda on examples"
  check "examples: every case and agenda line points into its file" $PY -c "
import json
for f in ('$T/ex.json', '$T/exa.json'):
    for l in open(f):
        r = json.loads(l)
        n = sum(1 for _ in open(r['file'], 'rb'))
        assert 1 <= r['line'] <= max(n, 1), (r['file'], r['line'], n)
        if 'date' in r: assert '2025-04-10' <= r['date'] <= '2025-06-09', r
"
  "$bin" cases --db "$EDB" --today $TODAY >/dev/null && ok || bad "cases text on examples"
  "$bin" agenda --db "$EDB" --today $TODAY >/dev/null && ok || bad "agenda text on examples"
fi

# ---- inside Neovim: index, cross-file evidence, write hook, dashboards ----
mk_case "$T/nvcase" "State v. Nvim" 3
GAVEL_CASE=$T/nvcase GAVEL_DB=$T/nv.db GAVEL_OUT=$T/nv.result XDG_DATA_HOME=$T/xdg \
  $NVIM --headless -u NONE -i NONE --cmd "set rtp^=$ROOT" --cmd "runtime plugin/gavel.lua" \
  -c "luafile tests/store/nvim_index.lua" >"$T/nvt.out" 2>&1
line=$(tail -n 1 "$T/nv.result" 2>/dev/null)
case "$line" in
  *' passed, '*' failed')
    grep '^FAIL' "$T/nv.result"
    pass=$((pass + ${line%% passed*}))
    f=${line#*passed, }; fail=$((fail + ${f%% failed*})) ;;
  *) bad "the Neovim test did not finish: $(tail -n 5 "$T/nvt.out")" ;;
esac

# ---- inside Neovim: a locked, corrupt, read-only or full index, and a notes
# file deleted or renamed under its buffer (tests/store/nvim_resilience.lua)
nv_count() { # nv_count SCENARIO RESULT LOG: adds the scenario's counts
  grep '^FAIL\|^skipped' "$2" 2>/dev/null
  line=$(tail -n 1 "$2" 2>/dev/null)
  case "$line" in
    *' passed, '*' failed')
      pass=$((pass + ${line%% passed*}))
      f=${line#*passed, }; fail=$((fail + ${f%% failed*})) ;;
    *) bad "the Neovim $1 test did not finish: $(tail -n 5 "$3")" ;;
  esac
}
nv_run() { # nv_run SCENARIO DIR [PREFIX...]: a fresh Neovim on DIR/case, DIR/db
  sc=$1 d=$2; shift 2
  [ -d "$d/case" ] || mk_case "$d/case" "State v. Resilient" 3
  mkdir -p "$d/xdg"
  rm -f "$d/result"
  GAVEL_SCENARIO=$sc GAVEL_CASE=$d/case GAVEL_DB=${NVDB:-$d/db/index.db} GAVEL_BIN=${RTBIN:-$bin} \
    GAVEL_OUT=$d/result XDG_CONFIG_HOME=$d/xdg/config XDG_DATA_HOME=$d/xdg/data \
    XDG_STATE_HOME=$d/xdg/state XDG_CACHE_HOME=$d/xdg/cache \
    ${LIMIT:-} "$@" $NVIM --headless -u NONE -i NONE --cmd "set rtp^=${RT:-$ROOT}" --cmd "runtime plugin/gavel.lua" \
    -c "luafile ${RT:-$ROOT}/tests/store/nvim_resilience.lua" </dev/null >"$d/log" 2>&1
  nv_count "$sc" "$d/result" "$d/log"
}
command -v timeout >/dev/null 2>&1 && LIMIT="timeout 300"
for sc in locked corrupt deleted; do nv_run $sc "$T/nvr-$sc"; done
# read-only: root ignores permissions, so as root run it as nobody
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && [ -d /var/tmp ]; then
  R=$(mktemp -d /var/tmp/gavel-nvro.XXXXXX)
  mk_case "$R/case" "State v. Resilient" 3
  # the checkout may sit where nobody cannot read (a private /tmp): give
  # nobody its own copy of the plugin, the test and the CLI
  mkdir -p "$R/rt/tests/store" "$R/rt/build"
  cp -R "$ROOT/lua" "$ROOT/plugin" "$R/rt/" && cp "$ROOT/tests/store/nvim_resilience.lua" "$R/rt/tests/store/" &&
    cp "$bin" "$R/rt/build/gavel"
  chmod -R a+rX "$R"
  chown -R nobody "$R"
  RT=$R/rt RTBIN=$R/rt/build/gavel nv_run readonly "$R" setpriv --reuid=nobody --regid=nogroup --clear-groups
  RT= RTBIN=
  rm -rf "$R"
else
  nv_run readonly "$T/nvr-readonly"
fi
# full disk: a 1 MiB tmpfs in a mount namespace of our own
mkdir -p "$T/nvr-full/fs"
if unshare -rm sh -c "mount -t tmpfs -o size=1m tmpfs '$T/nvr-full/fs'" 2>/dev/null; then
  NVDB=$T/nvr-full/fs/db/index.db; nv_run full "$T/nvr-full" \
    unshare -rm sh -c 'mount -t tmpfs -o size=1m tmpfs "$0" && exec "$@"' "$T/nvr-full/fs"
  NVDB=
else
  echo "skipped: nvim full-disk test (cannot mount a tmpfs in a user namespace here)"
fi

# ---- a read-only index: queries work, writes say so (needs another user) --
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && [ -d /var/tmp ]; then
  R=$(mktemp -d /var/tmp/gavel-ro.XXXXXX)
  chmod 755 "$R"
  "$bin" index --db "$R/db/index.db" "$T/cases/alpha" >/dev/null
  chmod 755 "$R/db"; chmod 644 "$R/db/index.db"
  cp "$bin" "$R/gavel" && chmod 755 "$R/gavel" # nobody may not reach the checkout
  nob() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
  out=$(nob "$R/gavel" cases --db "$R/db/index.db" --today $TODAY 2>"$T/err")
  rc=$?
  [ $rc -eq 0 ] && echo "$out" | grep -q 'State v. Alpha' && ok || bad "cases on a read-only index: exit $rc $(cat "$T/err")"
  grep -q 'read-only; it is not being updated' "$T/err" && ok || bad "read-only notice: $(cat "$T/err")"
  nob "$R/gavel" index --db "$R/db/index.db" "$T/cases/alpha" >/dev/null 2>"$T/err"
  rc=$?
  [ $rc -eq 2 ] && [ "$(wc -l < "$T/err")" -eq 1 ] && grep -q 'read-only' "$T/err" && ok \
    || bad "index into a read-only index: exit $rc $(cat "$T/err")"
  rm -rf "$R"
else
  echo "skipped: read-only index test (needs root and setpriv)"
fi

# ---- usage and I/O errors: exit 2, one "gavel: " line ----------------------
usage() { # usage NAME ARGS...
  name=$1; shift
  "$bin" "$@" >/dev/null 2>"$T/err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q '^gavel: ' "$T/err" && [ "$(wc -l < "$T/err")" -eq 1 ]; then ok
  else bad "$name: exit $rc, stderr: $(cat "$T/err")"; fi
}
usage "index without DIR" index --db "$DB"
usage "unknown option" cases --db "$DB" --bogus
usage "bad --today" agenda --db "$DB" --today 2025-02-30
usage "bad --days" agenda --db "$DB" --days soon
usage "export needs a format" export --db "$DB"
usage "export both formats" export --db "$DB" --ics --csv
usage "db under a file" cases --db "$T/cases/alpha/.gavel/x.db"
usage "missing DIR" index --db "$DB" "$T/nope"
usage "forget without CASE" forget --db "$DB"
printf 'CREATE TABLE t(x); PRAGMA user_version = 99;' | sqlite3 "$T/new.db"
usage "newer schema" cases --db "$T/new.db"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
