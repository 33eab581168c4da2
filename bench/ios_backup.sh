#!/usr/bin/env bash
# Speed of `vigie scan ios-backup` against the peer, `mvt-ios check-backup`, on the same
# synthetic backup (real Manifest.db and sms.db schemas: COUNT messages, one in a hundred
# with a link, and COUNT other files in the manifest) with the same STIX indicators, in the
# same run. Usage: bench/ios_backup.sh [COUNT]   (default 50000). Needs mvt-ios (pip install mvt).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-50000}
command -v mvt-ios >/dev/null || { echo "needs mvt-ios (pip install mvt)" >&2; exit 2; }
cargo build -q --release -p vigie
cargo build -q --release -p vigie-ios --example make_backup
WORK=$(mktemp -d /tmp/vigie-ios-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "== writing a backup with $COUNT messages and $COUNT other files"
target/release/examples/make_backup "$WORK/backup" "$COUNT"
cat > "$WORK/iocs.stix2" <<'JSON'
{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000001","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","name":"TestSpy","is_family":false},
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000002","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern":"[domain-name:value='badbadbad.example.org']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
{"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000003","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000002","target_ref":"malware--00000000-0000-4000-8000-000000000001"}]}
JSON
du -sh "$WORK/backup" | sed 's/^/backup size: /'
echo "== vigie scan ios-backup"
start=$(date +%s.%N)
set +e; /usr/bin/time -f "%M" -o "$WORK/vigie.rss" target/release/vigie --lang en --data-dir "$WORK/data" scan ios-backup "$WORK/backup" --iocs "$WORK/iocs.stix2" --format json > "$WORK/vigie.json"; set -e
vigie_s=$(echo "$(date +%s.%N) - $start" | bc)
echo "== mvt-ios check-backup"
start=$(date +%s.%N)
set +e; /usr/bin/time -f "%M" -o "$WORK/mvt.rss" mvt-ios check-backup --iocs "$WORK/iocs.stix2" --output "$WORK/mvt" "$WORK/backup" > "$WORK/mvt.log" 2>&1; set -e
mvt_s=$(echo "$(date +%s.%N) - $start" | bc)
vigie_found=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(f['rule']=='IOS-IOC-URL' for f in d['findings']))" "$WORK/vigie.json")
mvt_found=$(python3 -c "import json,sys; print(sum(1 for a in json.load(open(sys.argv[1])) if a.get('matched_indicator')))" "$WORK/mvt/alerts.json")
printf "%-26s %8.2f s  peak %6d MB  known links found: %s\n" "vigie scan ios-backup" "$vigie_s" "$(( $(tail -1 "$WORK/vigie.rss") / 1024 ))" "$vigie_found"
printf "%-26s %8.2f s  peak %6d MB  known links found: %s\n" "mvt-ios check-backup" "$mvt_s" "$(( $(tail -1 "$WORK/mvt.rss") / 1024 ))" "$mvt_found"
echo "ratio (MVT time / Vigie time): $(echo "scale=1; $mvt_s / $vigie_s" | bc)"
