#!/bin/sh
# check-deps.sh: finds the Debian packages gavel needs and says exactly which
# are missing.  Where it can install them itself (root, or sudo without a
# password, and apt-get), it does, so `make demo` and `make test` are all a
# fresh machine needs; elsewhere it says the command to run.
#   check-deps.sh            what `make` needs to build
#   check-deps.sh --test     also what `make test` and `make demo` use
#   check-deps.sh --install  install what is missing (both sets), or fail
mode=${1:-}
missing=""
have_header() { printf '#include <%s>\n' "$1" | ${CC:-cc} $2 -E -x c - >/dev/null 2>&1; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }
need() { missing="$missing $1"; }
have_cmd "${CC:-cc}" || need build-essential
have_cmd make || need make
have_cmd pkg-config || need pkg-config
have_header pcre2.h "-DPCRE2_CODE_UNIT_WIDTH=8" || need libpcre2-dev
have_header sqlite3.h "" || need libsqlite3-dev
have_header lua.h "$(pkg-config --cflags luajit 2>/dev/null) -I/usr/include/luajit-2.1" || need libluajit-5.1-dev
if [ "$mode" = "--test" ] || [ "$mode" = "--install" ]; then
  have_cmd nvim || need neovim
  have_cmd tmux || need tmux
  have_cmd sqlite3 || need sqlite3
  [ -x /usr/bin/python3 ] || need python3
  /usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1 || need python3-icalendar
  have_cmd valgrind || need valgrind
  have_cmd strace || need strace
fi
[ -z "$missing" ] && exit 0

sudo=""
if [ "$(id -u)" != 0 ]; then
  if have_cmd sudo && sudo -n true >/dev/null 2>&1; then sudo="sudo -n"; else sudo="none"; fi
fi
if [ "$sudo" != "none" ] && have_cmd apt-get; then
  echo "gavel: installing missing packages:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  if $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
    exit 0
  fi
  echo "gavel: apt-get could not install:$missing" >&2
  exit 2
fi
echo "gavel: missing packages:$missing" >&2
if have_cmd apt-get; then
  echo "gavel: install them with: sudo apt-get install$missing   (or: make deps)" >&2
else
  echo "gavel: install the equivalents of these Debian packages with your system's package manager" >&2
fi
exit 2
