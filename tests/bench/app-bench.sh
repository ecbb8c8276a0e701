#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The window over a cache of COUNT certificates (default 1,000,000): launch
# to the first page of the list drawn, a search to the list drawn again, a
# jump of the scroll bar, and resident memory, as `ecert-inspector
# --benchmark` measures them on a private Xvfb display with its own D-Bus
# session and settings (so this works on a bare machine, too).
#
#     tests/bench/app-bench.sh [--cold] BUILD-DIR [COUNT] [CACHE-FILE]
#
# The cache is made by `ecert bench cache --generate-only`. A million
# certificates take some minutes and 8 GB: give a CACHE-FILE to keep it
# for the next run, which reuses it (filled up to COUNT if it holds fewer).
# Without one, the cache lives in a temporary directory removed at the end.
#
# --cold first evicts the cache file from the page cache (for this file
# only), as after a reboot; otherwise it is whatever the generation or the
# last run left there.
#
# Use a release build: meson setup BUILD --buildtype=release

set -euo pipefail

usage() {
  echo "usage: app-bench.sh [--cold] BUILD-DIR [COUNT] [CACHE-FILE]" >&2
  exit 2
}

cold=
if [ "${1:-}" = --cold ]; then
  cold=1
  shift
fi
[ $# -ge 1 ] && [ $# -le 3 ] || usage

build=$(realpath "$1")
count=${2:-1000000}
cache=${3:-}
ecert=$build/src/cli/ecert
app=$build/src/app/ecert-inspector
[ -x "$app" ] || { echo "app-bench: $app is not built" >&2; exit 2; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ecert-app-bench.XXXXXX")
xvfb=
cleanup () {
  # Only the X server this script started.
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

[ -n "$cache" ] || cache=$scratch/cache.sqlite3
cache=$(realpath -m "$cache")

export LC_ALL=C.UTF-8 LANGUAGE=en
"$ecert" bench cache --count "$count" --cache "$cache" --generate-only | grep -v '^  '

if [ -n "$cold" ]; then
  # GNU dd's way to drop one file's pages: nothing is read or written.
  dd if="$cache" iflag=nocache count=0 status=none
fi

exec {displayfd}<> <(:)
Xvfb -displayfd "$displayfd" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
read -r -t 20 -u "$displayfd" display || { echo "app-bench: Xvfb did not start" >&2; exit 2; }

mkdir -p "$scratch/config" "$scratch/data" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"
export DISPLAY=":$display" GDK_BACKEND=x11 ECERT_CACHE="$cache"
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data"
# Xvfb has no GPU: GL would be Mesa's software rasteriser on the CPU.
export GSK_RENDERER=${GSK_RENDERER:-cairo}
unset WAYLAND_DISPLAY

echo
echo "ecert-inspector --benchmark on Xvfb $DISPLAY, GSK_RENDERER=$GSK_RENDERER:"
dbus-run-session -- "$app" --benchmark \
  2> >(grep -v -e '^dbus-daemon\[' -e 'SpiRegistry daemon' -e '^X connection to' >&2)
