#!/usr/bin/env bash
# The station app under load: wrk on loopback asks for a case page and a live check's state,
# first while the app is idle (the peer), then while a live check ingests a capture replayed
# by tcpreplay at 1 Gbit/s on a veth pair. Prints requests/s and latencies of both runs and
# their ratios, and how much of the replayed traffic the check saw.
# Needs root (veth pair, capture). Usage: bench/station_load.sh [SECONDS] [MBPS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-20}
MBPS=${2:-1000}
OUT=bench/out
mkdir -p "$OUT"
for tool in wrk tcpreplay curl ip; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk tcpreplay curl iproute2)" >&2; exit 2; }
done
cargo build --release -q -p vigie
cargo build --release -q -p vigie-net --example gen_capture
CAP="$OUT/phone-512MB.pcap"
[ -f "$CAP" ] || target/release/examples/gen_capture "$CAP" 512 2>/dev/null

DATA=$(mktemp -d /tmp/vigie-load.XXXXXX)
export VIGIE_PASSPHRASE="load test passphrase" VIGIE_DATA_DIR="$DATA"
IF_A=vgload0a IF_B=vgload0b
cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
  ip link del "$IF_A" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
ip link del "$IF_A" 2>/dev/null || true
ip link add "$IF_A" type veth peer name "$IF_B"
ip link set "$IF_A" up && ip link set "$IF_B" up

[ -d ../shared/data/echap ] && target/release/vigie iocs import ../shared/data/echap/ioc.yaml >/dev/null
target/release/vigie --lang en serve --listen 127.0.0.1:8479 2>"$OUT/serve.log" &
SERVER=$!
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:8479/ && break; sleep 0.2; done
B=http://127.0.0.1:8479
JAR="$DATA/jar"
# The first-start and login forms carry a token from their page (and its cookie).
form_token() { curl -s -c "$JAR" -b "$JAR" "$B/$1" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
curl -s -o /dev/null -c "$JAR" -b "$JAR" -d "csrf=$(form_token setup)&name=admin&password=load+test+password" "$B/setup"
curl -s -o /dev/null -c "$JAR" -b "$JAR" -d "csrf=$(form_token login)&name=admin&password=load+test+password" "$B/login"
CSRF=$(curl -s -b "$JAR" "$B/cases" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -b "$JAR" -d "csrf=$CSRF&reference=LOAD-1" "$B/cases"
# curl writes HttpOnly cookies as comments ("#HttpOnly_host ...").
COOKIE=$(sed 's/^#HttpOnly_//' "$JAR" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')
[ -n "$COOKIE" ] || { echo "login failed (see $OUT/serve.log)" >&2; exit 1; }
# One live check on the veth pair: first with no traffic (the peer), then ingesting.
CHECK=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$JAR" -d "csrf=$CSRF&interface=$IF_A&minutes=30" "$B/cases/LOAD-1/live")
CHECK=${CHECK#"$B"}
[ -n "$CHECK" ] || { echo "the live check did not start (see $OUT/serve.log)" >&2; exit 1; }
sleep 0.5

run_wrk() { # label: prints "label req/s p50_ms p99_ms"
  local label=$1
  wrk -t1 -c16 -d"${SECS}s" --latency -H "Cookie: $COOKIE" "$B/cases/LOAD-1" >"$OUT/wrk-case-$label.txt" &
  local w1=$!
  wrk -t1 -c16 -d"${SECS}s" --latency -H "Cookie: $COOKIE" "$B$CHECK/state" >"$OUT/wrk-state-$label.txt"
  wait "$w1"
}
summary() { # file: prints "req/s p50 p99" (latencies in ms)
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad }' "$1"
}

packets() { curl -s -b "$JAR" "$B$CHECK/state" | sed -n 's/.*"packets":\([0-9]*\).*/\1/p'; }
replay() { # label: replays for SECS+2 seconds in the background
  tcpreplay -q -i "$IF_B" --mbps="$MBPS" --duration="$((SECS + 2))" --loop=0 "$CAP" >"$OUT/tcpreplay-$1.txt" 2>&1 &
  REPLAY=$!
}
sent() { awk '/Actual:/ { print $2 }' "$OUT/tcpreplay-$1.txt" | head -1; }

run_wrk idle
# The same load while the check ingests the replayed capture.
P0=$(packets)
replay live
sleep 1
run_wrk live
wait "$REPLAY" || true
sleep 1
P1=$(packets)
# The capture alone, without wrk, for how much of it the check keeps up with.
replay alone
wait "$REPLAY" || true
sleep 1
P2=$(packets)
curl -s -o /dev/null -b "$JAR" -d "csrf=$CSRF" "$B$CHECK/stop"
RATE=$(awk '/Rated:/ { print $6, $7 }' "$OUT/tcpreplay-live.txt" | head -1)

printf '%-22s | %-24s | %-24s | %s\n' "endpoint" "idle: req/s p50 p99 (ms)" "live: req/s p50 p99 (ms)" "ratio live/idle (req/s)"
for what in case state; do
  read -r ir i50 i99 ibad < <(summary "$OUT/wrk-$what-idle.txt")
  read -r lr l50 l99 lbad < <(summary "$OUT/wrk-$what-live.txt")
  [ "$(awk '/Requests\/sec/ { r = $2 }
      /Transfer\/sec/ { t = $2; m = (t ~ /GB/ ? 1e9 : t ~ /MB/ ? 1e6 : t ~ /KB/ ? 1e3 : 1); b = t * m }
      END { print int(b / r) }' "$OUT/wrk-$what-idle.txt")" -gt 300 ] ||
    echo "warning: small answers on $what: is the session accepted?" >&2
  printf '%-22s | %7s %7s %8s | %7s %7s %8s | %.2f (errors: %s idle, %s live)\n' \
    "$what" "$ir" "$i50" "$i99" "$lr" "$l50" "$l99" "$(awk -v a="$lr" -v b="$ir" 'BEGIN { print a / b }')" "$ibad" "$lbad"
done
echo "replayed at ${RATE:-?}: with wrk, the check counted $((P1 - P0)) of $(sent live) packets;" \
  "alone, $((P2 - P1)) of $(sent alone)"
