#!/usr/bin/env bash
# Seeds the fuzz corpora from ../shared/data (real captures and feeds) and from the
# project's own writer. Corpora live in fuzz/corpus/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
C=fuzz/corpus
mkdir -p "$C"/{capture,packet,dhcp,dns,tls,quic,feeds,android,export,image,ios,iosdevice}
cargo run -q -p vigie-net --example fuzz_seeds -- "$C"
cargo run -q -p vigie-ncii --example image_fuzz_seeds -- "$C/image"
# What a phone sends: a usbmuxd answer, a lockdown answer, and a whole backup exchange
# (version exchange, hello, one file uploaded, done), each behind the byte that picks it.
python3 - "$C/iosdevice" <<'PY'
import plistlib, struct, sys
out = sys.argv[1]
def frame(v, fmt=plistlib.FMT_BINARY):
    b = plistlib.dumps(v, fmt=fmt)
    return struct.pack(">I", len(b)) + b
mux = plistlib.dumps({"MessageType": "Result", "Number": 0})
open(f"{out}/seed-usbmux", "wb").write(b"\x00" + struct.pack("<IIII", len(mux) + 16, 1, 8, 1) + mux)
open(f"{out}/seed-lockdown", "wb").write(b"\x01" + frame({"Request": "QueryType", "Type": "com.apple.mobile.lockdown"}, plistlib.FMT_XML))
path = lambda p: struct.pack(">I", len(p)) + p
data = b"<plist/>"
upload = path(b"device") + path(b"UDID/ab/ab12") + struct.pack(">I", len(data) + 1) + b"\x0c" + data + struct.pack(">I", 1) + b"\x00" + struct.pack(">I", 0)
backup = (frame(["DLMessageVersionExchange", 300, 0]) + frame(["DLMessageDeviceReady"])
          + frame(["DLMessageProcessMessage", {"ErrorCode": 0}])
          + frame(["DLMessageUploadFiles", {}, 10.0]) + upload
          + frame(["DLMessageGetFreeDiskSpace"]) + frame(["DLMessageMoveItems", {"UDID/ab/ab12": "UDID/ab/cd34"}])
          + frame(["DLMessageProcessMessage", {"ErrorCode": 0}]))
open(f"{out}/seed-backup", "wb").write(b"\x02" + backup)
afc = lambda op, data: b"CFA6LPAA" + struct.pack("<QQQQ", 40 + len(data), 40 + len(data), 0, op) + data
open(f"{out}/seed-afc", "wb").write(b"\x03" + afc(0x0e, struct.pack("<Q", 7)) + afc(0x01, struct.pack("<Q", 0)))
PY
# Deep nesting, which must end in a clear error and not a stack overflow or a long stall:
# an XML plist, a lockdown message, YAML feeds (flow and block) and a JSON feed.
python3 - "$C" <<'PY'
import struct, sys
c = sys.argv[1]
xml = b'<plist version="1.0">' + b"<array>" * 3000 + b"</array>" * 3000 + b"</plist>"
open(f"{c}/ios/seed-deep-xml", "wb").write(b"\x00" + xml)
open(f"{c}/iosdevice/seed-deep-lockdown", "wb").write(b"\x01" + struct.pack(">I", len(xml)) + xml)
open(f"{c}/feeds/seed-deep-yaml", "wb").write(b"\x00" + b"[" * 3000 + b"]" * 3000)
open(f"{c}/feeds/seed-deep-yaml-block", "wb").write(b"\x00" + b"".join(b" " * i + b"- \n" for i in range(0, 600, 2)))
open(f"{c}/feeds/seed-deep-json", "wb").write(b"\x01" + b'{"objects":' + b"[" * 3000 + b"]" * 3000 + b"}")
PY
S=../shared/data
if [ -d "$S" ]; then
  find "$S/pcaps" -name '*.pcap*' -size -256k -exec cp -t "$C/capture" {} +
  i=0
  for f in "$S"/echap/ioc.yaml "$S"/echap/watchware.yaml "$S"/mvt/stix2/* "$S"/mvt-indicators/*/*.stix2 \
           "$S"/echap/indicators-for-tinycheck.json "$S"/echap/misp_event.json "$S"/echap/network.csv \
           "$S"/mvt-indicators/*/domains.txt "$S"/echap/hosts "$S"/mvt-indicators/indicators.yaml; do
    case "$f" in
      *.yaml) sel='\x00';; *.stix2|*/stix2/*) sel='\x01';; *tinycheck*) sel='\x02';; *misp*) sel='\x03';;
      *.csv) sel='\x04';; *.txt) sel='\x05';; *hosts) sel='\x06';; *) sel='\x00';;
    esac
    [ "$(basename "$f")" = indicators.yaml ] && sel='\x07'
    { printf "$sel"; head -c 200000 "$f"; } > "$C/feeds/seed-$i"; i=$((i+1))
  done
  # Android outputs, each behind the byte that picks its parser (see fuzz_targets/android.rs).
  a=0
  for pair in "0:mvt/android_data/getprop.txt" "0:mvt/androidqf/settings_random.txt" "1:mvt/android_data/ps.txt" \
              "2:mvt/androidqf/dumpsys.txt" "3:mvt/android_data/dumpsys_packages.txt" \
              "4:mvt/android_data/dumpsys_accessibility_v14_or_later.txt" "4:mvt/android_data/dumpsys_appops.txt" \
              "4:mvt/android_data/tombstone_process.txt" "4:mvt/android_data/dumpsys_battery.txt" \
              "5:mvt/androidqf/packages.json"; do
    { printf "\\x0${pair%%:*}"; head -c 200000 "$S/${pair#*:}"; } > "$C/android/seed-$a"; a=$((a+1))
  done
  # iPhone: the plists and the Manifest.db of MVT's test backup (first byte: the part read).
  for f in "$S"/mvt/ios_backup/Info.plist "$S"/mvt/ios_backup/0d/0dc926a1810f7aee4e8f38793ed788701f93bf9d; do
    { printf '\x00'; cat "$f"; } > "$C/ios/seed-plist-$(basename "$f")"
  done
  { printf '\x01'; echo "Please click here https://badbadbad.example.org/ (or http://x.example)"; } > "$C/ios/seed-text"
  { printf '\x02'; head -c 262144 "$S"/mvt/ios_backup/Manifest.db; } > "$C/ios/seed-manifest"
  # Images: small PNG and JPEG files of the system as seeds.
  find /usr/share/pixmaps /usr/share/icons -maxdepth 3 -type f \( -name '*.png' -o -name '*.jpg' \) -size -64k 2>/dev/null | head -20 | xargs -r cp -t "$C/image"
else
  echo "seed.sh: ../shared/data absent, only the writer's seeds are used" >&2
fi
