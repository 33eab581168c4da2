#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 30) with bounded memory: a crash, a
# panic, a leak past the limits or an allocation over 256 MB fails the run.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-30}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
bash fuzz/seed.sh
cd fuzz
for t in capture packet dhcp dns tls quic feeds android export image ios iosdevice; do
  echo "== fuzz $t (${SECONDS_EACH}s)"
  cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -malloc_limit_mb=256 -timeout=10 -print_final_stats=1 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|panicked|SUMMARY|Done' || true
  test -z "$(ls -A "artifacts/$t" 2>/dev/null)" || { echo "fuzz $t found a failing input: fuzz/artifacts/$t" >&2; exit 1; }
done
