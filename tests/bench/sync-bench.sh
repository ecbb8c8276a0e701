#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end speed of `ecert sync`: a hub seeded with COUNT certificates
# (default 10,000) served on loopback TLS, synced into an empty cache.
# Prints certificates per second and where the time went (network, parse,
# verify, store), as measured by EcertSync itself.
#
#     tests/bench/sync-bench.sh BUILD-DIR [COUNT] [JOBS]
#
# Use a release build: meson setup BUILD --buildtype=release -Dgui=false

set -eu

build=${1:?usage: sync-bench.sh BUILD-DIR [COUNT] [JOBS]}
count=${2:-10000}
jobs=${3:-4}
ecert=$build/src/cli/ecert
hub=$build/src/hub/ecert-hub

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ecert-sync-bench.XXXXXX")
server=
cleanup () {
  # Only the hub this script started.
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

"$hub" init "$scratch/hub" >/dev/null
"$hub" seed "$scratch/hub" --count "$count" | sed -n 2p
# Not --validate: the hub's own checks would be measured too.
"$hub" serve "$scratch/hub" --port 0 >"$scratch/serve.out" 2>"$scratch/serve.err" &
server=$!
url=
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  url=$(grep -o 'https://[^ ]*' "$scratch/serve.out" 2>/dev/null || true)
  [ -n "$url" ] && break
  sleep 0.25
done
[ -n "$url" ] || { echo "sync-bench: the hub did not start" >&2; exit 2; }

echo "sync of $count seeded envelopes (those for CN) from $url, $jobs jobs:"
LC_ALL=C.UTF-8 LANGUAGE=en "$ecert" sync --hub "$url" \
  --cert "$scratch/hub/client-CN.pem" --key "$scratch/hub/client-CN.key" \
  --ca "$scratch/hub/hub-ca.pem" --cache "$scratch/cache.db" \
  --trust-dir "$scratch/trust" --jobs "$jobs" --timings </dev/null 2>&1 | grep -v '^\['
