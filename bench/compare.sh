#!/usr/bin/env bash
# Vigie against tshark on the same synthetic phone captures, in the same run:
# throughput (MB/s, packets/s) and peak memory at a small and a large size.
# Usage: bench/compare.sh [BIG_MB]   (default 2048; captures are written to bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
BIG=${1:-2048}
OUT=bench/out
mkdir -p "$OUT"
command -v tshark >/dev/null || { echo "tshark is the peer: apt-get install tshark" >&2; exit 2; }
cargo build --release -q -p vigie
cargo build --release -q -p vigie-net --example gen_capture
FEEDS=()
[ -d ../shared/data/echap ] && FEEDS+=(--iocs ../shared/data/echap)
FIELDS=(-T fields -e dns.qry.name -e tls.handshake.extensions_server_name -e http.host)

measure() { # prints "seconds max_rss_kb"
  /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$OUT/time.txt"
}

printf '%-8s %-9s | %-28s | %-28s | %s\n' size packets "vigie s  MB/s  RSS(MB)" "tshark s  MB/s  RSS(MB)" "speed ratio"
declare -A RSS
for MB in 10 "$BIG"; do
  F="$OUT/phone-${MB}MB.pcap"
  [ -f "$F" ] || target/release/examples/gen_capture "$F" "$MB" 2>/dev/null
  bytes=$(stat -c %s "$F")
  packets=$(capinfos -c -M "$F" 2>/dev/null | awk '/Number of packets/ {print $NF}' || echo "?")
  cat "$F" > /dev/null # page cache
  read -r vs vrss < <(measure target/release/vigie scan pcap "$F" "${FEEDS[@]}" --format json)
  read -r ts trss < <(measure tshark -n -r "$F" "${FIELDS[@]}")
  RSS[$MB]=$vrss
  awk -v mb="$MB" -v p="$packets" -v b="$bytes" -v vs="$vs" -v vr="$vrss" -v ts="$ts" -v tr="$trss" 'BEGIN {
    vs = (vs < 0.01 ? 0.01 : vs);
    printf "%-8s %-9s | %7.2f %7.0f %8.1f | %8.2f %7.0f %8.1f | %.1fx\n", mb "MB", p, vs, b/1e6/vs, vr/1024, ts, b/1e6/ts, tr/1024, ts/vs }'
done
awk -v a="${RSS[10]}" -v b="${RSS[$BIG]}" -v big="$BIG" 'BEGIN { printf "vigie peak memory: %.1f MB at 10 MB, %.1f MB at %s MB (x%.2f)\n", a/1024, b/1024, big, b/a }'
