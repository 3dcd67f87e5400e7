#!/bin/sh
# check-deps.sh: says exactly which Debian package is missing and how to get
# it; with --install, installs the missing ones with apt-get.
missing=""
have_header() { printf '#include <%s>\n' "$1" | ${CC:-cc} $2 -E -x c - >/dev/null 2>&1; }
command -v ${CC:-cc} >/dev/null 2>&1 || missing="$missing build-essential"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
have_header pcre2.h "-DPCRE2_CODE_UNIT_WIDTH=8" || missing="$missing libpcre2-dev"
have_header sqlite3.h "" || missing="$missing libsqlite3-dev"
have_header lua.h "$(pkg-config --cflags luajit 2>/dev/null) -I/usr/include/luajit-2.1" || missing="$missing libluajit-5.1-dev"
[ -z "$missing" ] && exit 0
if [ "$1" = "--install" ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo=sudo; else
    echo "gavel: missing packages:$missing; run as root: apt-get install$missing" >&2; exit 2; fi
  command -v apt-get >/dev/null 2>&1 || { echo "gavel: no apt-get here; install the equivalents of:$missing" >&2; exit 2; }
  $sudo apt-get update -qq && $sudo apt-get install -y -qq $missing && exit 0
  exit 2
fi
echo "gavel: missing build packages:$missing" >&2
echo "gavel: install them with: sudo apt-get install$missing   (or: make deps)" >&2
exit 2
