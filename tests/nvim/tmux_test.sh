#!/bin/sh
# tmux_test.sh: drives a real terminal Neovim in tmux on a copy of the
# example case (send-keys, capture-pane) and checks what is on the screen:
# the warnings, the evidence jump, and a warning going away as a reply is
# typed.  Prints "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
root=$PWD
NVIM=${NVIM:-nvim}
if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux screen test: skipped (tmux is not installed)"
  echo "0 passed, 0 failed"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gavel-tmux.XXXXXX") || exit 2
sock="$tmp/tmux.sock"
cleanup() { tmux -S "$sock" kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
cp -r examples/State-v-Doe "$tmp/case"
mkdir -p "$tmp/xdg"

passed=0 failed=0
screen() { tmux -S "$sock" capture-pane -p -t gavel; }
# wait_for TEXT [absent]: up to 10 s for TEXT to be on (or off) the screen
wait_for() {
  i=0
  while [ $i -lt 100 ]; do
    if screen | grep -q -F -- "$1"; then [ -z "$2" ] && return 0
    else [ -n "$2" ] && return 0; fi
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
check() { # check NAME TEXT [absent]
  if wait_for "$2" "$3"; then passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL tmux: $1 (looked for '$2'${3:+ to be gone})"
    screen | sed 's/^/  | /'
  fi
}
keys() { tmux -S "$sock" send-keys -t gavel "$@"; }
# check_attr NAME SGR TEXT: TEXT is on the screen drawn with the escape
# sequence ESC[SGR (maybe among others), e.g. 4m for underline: a highlight
# really drawn, not only computed
check_attr() {
  i=0
  while [ $i -lt 100 ]; do
    if tmux -S "$sock" capture-pane -e -p -t gavel |
      grep -q -P "\x1b\[$2(\x1b\[[0-9;]*m)*\Q$3\E"; then
      passed=$((passed + 1)); return 0
    fi
    sleep 0.1; i=$((i + 1))
  done
  failed=$((failed + 1)); echo "FAIL tmux: $1 (no '$3' drawn with ESC[$2)"
}

tmux -S "$sock" new-session -d -s gavel -x 200 -y 60 \
  "env XDG_CONFIG_HOME=$tmp/xdg XDG_DATA_HOME=$tmp/xdg XDG_STATE_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/xdg \
   $NVIM --clean -u $root/tests/nvim/minimal_init.lua \
   -c \"lua require('gavel').setup({ today = '2025-04-10' })\" $tmp/case/notes.md"

check 'the example opens' 'State v. Doe'
check 'no-response warning inline' 'No response from ADA Natarajan in 17 days'
check 'deadline warning inline' 'Motion deadline in 4 days (2025-04-14)'
check 'client gap inline' 'No client contact logged in 36 days'
check 'relative date after the expiry' '2025-04-15 in 5 days'
check_attr 'evidence reference underlined on screen' '4m' 'Ex. 2'

# gd on "Ex. 2" (line 19) lands on its definition (line 52): the ruler says so
keys ':call cursor(19, 74)' Enter
keys g d
keys ':echo "line " . line(".")' Enter
check 'gd jumps to the definition' 'line 52'

# typing a reply at the end of the log: the warning goes away
keys ':41' Enter
keys o '4/9/25 - ADA Natarajan replied by email: offer stands.' Escape
keys g g
check 'typed text is there' '4/9/25 - ADA Natarajan replied'
check 'no-response gone after the reply' 'No response from ADA Natarajan' absent
check 'other warnings stay' 'Motion deadline in 4 days'

keys ':qa!' Enter

# a notes file of 6,600 lines is read in the background: the screen shows
# its highlights and, once read, its warnings; what is typed goes in
mkdir -p "$tmp/big" && : >"$tmp/big/.gavel"
i=0
while [ $i -lt 120 ]; do cat examples/State-v-Doe/notes.md; i=$((i + 1)); done >"$tmp/big/notes.md"
tmux -S "$sock" kill-session -t gavel >/dev/null 2>&1
tmux -S "$sock" new-session -d -s gavel -x 200 -y 60 \
  "env XDG_CONFIG_HOME=$tmp/xdg XDG_DATA_HOME=$tmp/xdg XDG_STATE_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/xdg \
   $NVIM --clean -u $root/tests/nvim/minimal_init.lua \
   -c \"lua require('gavel').setup({ today = '2025-04-10' })\" $tmp/big/notes.md"
check 'big file opens' 'Case No. 24-CR-0118'
keys O 'typed at once' Escape
check 'big file: typed text goes in' 'typed at once'
check 'big file: warnings once read' 'Motion deadline in 4 days (2025-04-14)'
check_attr 'big file: evidence underlined' '4m' 'Ex. 2'
keys ':lua print(require("gavel").status())' Enter
check 'big file: status shown' 'gavel:'
check 'big file: no longer reading' 'reading' absent
keys ':qa!' Enter
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
