#!/bin/sh
# nvim.sh T CASE MARK: the Neovim half of the hardening tests, called by
# run.sh.  Opens a case's notes in headless Neovim with gavel loaded, under
# a network namespace and under strace (no socket connects), then runs
# privacy_spec.lua.  Writes "PASSED FAILED SKIPPED" to T/nvim-counts.
T=$1 CASE=$2 MARK=$3
ROOT=$(pwd)
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
skipped() { skip=$((skip + 1)); echo "skipped: $*"; }
mkdir -p "$T/nvim-home" "$T/nvim-data" "$T/nvim-state" "$T/nvim-tmp"

# A headless Neovim that opens the notes, waits for gavel's warnings,
# indexes the case and writes what it saw to $T/probe.out.
cat >"$T/probe.lua" <<'LUA'
local notes = os.getenv('GAVEL_NOTES')
vim.cmd('edit ' .. vim.fn.fnameescape(notes))
local buf = vim.api.nvim_get_current_buf()
vim.wait(5000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
pcall(vim.cmd, 'Gavel index ' .. vim.fn.fnameescape(vim.fn.fnamemodify(notes, ':h')))
local f = io.open(os.getenv('GAVEL_OUT'), 'w')
f:write(('attached=%s warnings=%d\n'):format(
  tostring(require('gavel.attach').buffers[buf] ~= nil), #vim.diagnostic.get(buf)))
f:close()
vim.cmd('qa!')
LUA
probe() { # probe OUT [wrapper...]: exit status of the headless run
  out=$1; shift
  rm -f "$out"
  env HOME="$T/nvim-home" XDG_DATA_HOME="$T/nvim-data" XDG_STATE_HOME="$T/nvim-state" \
    XDG_CONFIG_HOME="$T/nvim-home/.config" TMPDIR="$T/nvim-tmp" \
    GAVEL_NOTES="$CASE/notes.md" GAVEL_OUT="$out" \
    "$@" timeout 60 nvim --headless --clean -i NONE --cmd "set rtp^=$ROOT" \
      --cmd 'filetype plugin on' -c 'runtime! plugin/gavel.lua' -c "luafile $T/probe.lua" \
      >/dev/null 2>&1
}

probe "$T/probe-plain.out"
if grep -q 'attached=true warnings=[1-9]' "$T/probe-plain.out" 2>/dev/null; then ok; else
  bad "headless Neovim did not read the notes: $(cat "$T/probe-plain.out" 2>/dev/null)"; fi

if unshare -n true 2>/dev/null; then
  probe "$T/probe-nonet.out" unshare -n
  if cmp -s "$T/probe-plain.out" "$T/probe-nonet.out"; then ok; else
    bad "Neovim with gavel without a network: $(cat "$T/probe-nonet.out" 2>/dev/null) vs $(cat "$T/probe-plain.out")"; fi
else
  skipped "Neovim under a network namespace (unshare -n is not permitted here)"
fi

if strace -f -qq -e trace=network -o /dev/null true 2>/dev/null; then
  probe "$T/probe-strace.out" strace -f -qq -e trace=network -o "$T/nvim-net.log"
  # Neovim listens on its own unix socket (its RPC server); gavel must not
  # reach out: no connect, no internet socket, nothing sent.
  # (glibc asking the local name-service cache, nscd, for the user's home
  # is Neovim's own doing and no network)
  net=$(grep -E 'connect\(|socket\(AF_INET|socket\(AF_INET6|sendto\(|sendmsg\(' "$T/nvim-net.log" |
        grep -vF 'sun_path="/var/run/nscd/socket"')
  if [ -z "$net" ] && [ -s "$T/probe-strace.out" ]; then ok; else
    bad "Neovim with gavel made network calls: $(echo "$net" | sed 's/(.*//' | sort | uniq -c | tr '\n' ' ')"; fi
else
  skipped "strace of Neovim (ptrace is not permitted here)"
fi

# the index the plugin wrote: 0600 in a 0700 folder
db=$T/nvim-data/nvim/gavel/index.db
if [ -f "$db" ]; then
  [ "$(stat -c %a "$db")" = 600 ] && [ "$(stat -c %a "$(dirname "$db")")" = 700 ] && ok ||
    bad "plugin's index modes: $(stat -c %a "$db") in $(stat -c %a "$(dirname "$db")")"
else
  skipped "plugin's index modes (:Gavel index made no $db)"
fi
# no note text in what Neovim and gavel wrote, except the index
leaked=$(grep -rlF "$MARK" "$T/nvim-home" "$T/nvim-data" "$T/nvim-state" "$T/nvim-tmp" 2>/dev/null |
         grep -vE '/gavel/index\.db(-wal|-shm)?$')
[ -z "$leaked" ] && ok || bad "note text in files the plugin wrote: $leaked"

# the privacy option
mkdir -p "$T/priv"
printf '# State v. Doe\n## 2025-03-01\nADA offered 6 mo probation.\n' >"$T/priv/notes.md"
env HOME="$T/nvim-home" XDG_DATA_HOME="$T/nvim-data" XDG_STATE_HOME="$T/nvim-state" TMPDIR="$T/nvim-tmp" \
  GAVEL_PRIV_DIR="$T/priv" GAVEL_PRIV_NOTES="$T/priv/notes.md" GAVEL_PRIV_MARK="Xerxes$MARK" \
  GAVEL_PRIV_OUT="$T/priv.out" \
  timeout 60 nvim --headless --clean -i NONE --cmd "set rtp^=$ROOT" \
    -c "luafile $ROOT/tests/hardening/privacy_spec.lua" 2>&1 | grep -a FAIL
if [ -s "$T/priv.out" ]; then
  read -r p f <"$T/priv.out"
  pass=$((pass + p)); fail=$((fail + f))
else
  bad "privacy_spec.lua did not finish"
fi

echo "$pass $fail $skip" >"$T/nvim-counts"
