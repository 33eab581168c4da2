#!/usr/bin/env bash
# The Wi-Fi path over a real kernel Wi-Fi stack:
#   bash packaging/vm/wifi-test.sh
# Boots Debian's kernel (linux-image-amd64) under qemu-system-x86_64 with mac80211_hwsim's two
# simulated radios; inside, `vigie hotspot` makes wlan0 an access point with Debian's hostapd
# (WPA2), and a phone holding wlan1 in its own network namespace reads the QR code Vigie
# draws, joins with Debian's wpa_supplicant, gets its address from Vigie's dnsmasq and calls a
# stalkerware server (packaging/vm/init.sh says what runs in the VM).
#
# Prints one line starting "wifi-test:" with what it saw and the time from starting the check
# to its first finding line; exits 0 only when the verdict named the app and the phone's MAC
# address and the hotspot left nothing behind, 1 when the test ran and failed, 2 when it
# could not run. The VM's console is kept in target/vm/console.log.
#
# What it needs comes from Debian's packages (installed when run as root); the Vigie binary
# is target/release/vigie (built here) unless VIGIE_BIN names another.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/vm
mkdir -p "$out"

fail() { echo "wifi-test: could not run: $*"; exit 2; }

# The Debian packages, and the one program of each the test uses.
packages=(qemu-system-x86:qemu-system-x86_64 linux-image-amd64:/boot/vmlinuz-* hostapd:hostapd
    wpasupplicant:wpa_supplicant iw:iw busybox-static:busybox dnsmasq-base:dnsmasq
    nftables:nft iproute2:ip openssl:openssl cpio:cpio kmod:modprobe
    wireless-regdb:/lib/firmware/regulatory.db)
have() { compgen -G "$1" >/dev/null || command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
need=()
for p in "${packages[@]}"; do have "${p#*:}" || need+=("${p%%:*}"); done
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || fail "missing Debian packages: ${need[*]} (run as root to install them)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
busybox --list | grep -qx udhcpc || fail "this busybox has no udhcpc (Debian's busybox-static has)"
shared=${VIGIE_SHARED_DATA:-../shared/data}
[ -f "$shared/echap/ioc.yaml" ] || fail "Echap's indicators not found at $shared/echap/ioc.yaml"

# The newest installed kernel and its modules, in load order: the simulated radios, the
# ciphers of WPA2 (CCMP) and its management frames (CMAC), which a full system loads on demand
# and this one cannot (without them hostapd's "set_key failed" ends the access point), the
# uplink's veth pair, and the hotspot's NAT (nftables).
vmlinuz=$(ls /boot/vmlinuz-* | sort -V | tail -1)
kver=${vmlinuz#/boot/vmlinuz-}
modules=$(for m in mac80211_hwsim ccm ctr cmac aes_generic veth nft_chain_nat nft_masq; do
    /sbin/modprobe --show-depends -S "$kver" "$m" 2>/dev/null
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }')
echo "$modules" | grep -q mac80211_hwsim || fail "no mac80211_hwsim module for kernel $kver"

# The programs: Vigie, and the phone's camera that reads its QR code.
if [ -z "${VIGIE_BIN:-}" ]; then
    cargo build --release --locked -p vigie -q
    VIGIE_BIN=target/release/vigie
fi
cargo build --release --locked -p vigie-hotspot --example qr_read -q
qr_read=target/release/examples/qr_read

# The VM's root: those programs with the libraries they load, the modules, the indicators.
root=$out/root
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,run,tmp,modules,tls,var}
ln -s /run "$root/var/run"
cp /bin/busybox "$root/bin/busybox"
for applet in $(busybox --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
programs=("$VIGIE_BIN" "$qr_read")
for p in hostapd wpa_supplicant iw dnsmasq nft ip openssl; do
    programs+=("$(command -v "$p" || ls /usr/sbin/"$p" /sbin/"$p" 2>/dev/null | head -1)")
done
for p in "${programs[@]}"; do
    # iproute2's ip, not busybox's (which has no network namespaces).
    rm -f "$root/bin/$(basename "$p")"
    install -m 0755 "$p" "$root/usr/bin/$(basename "$p")"
    ldd "$p" | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' |
        while read -r lib; do cp -L --parents -n "$lib" "$root/"; done
done
strip "$root/usr/bin/vigie" 2>/dev/null || true
: >"$root/modules/order"
for m in $modules; do
    cp "$m" "$root/modules/"
    name=$(basename "$m")
    args=""
    [ "$name" = mac80211_hwsim.ko ] && args="radios=2"
    echo "$name $args" >>"$root/modules/order"
done
# The regulatory database (Debian's wireless-regdb): without it the kernel cannot set the
# country hostapd names, and hostapd gives up ("COUNTRY_UPDATE->DISABLED").
mkdir -p "$root/lib/firmware"
cp -L /lib/firmware/regulatory.db /lib/firmware/regulatory.db.p7s "$root/lib/firmware/"
cp "$shared/echap/ioc.yaml" "$root/ioc.yaml"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=thetruthspy.com" \
    -keyout "$root/tls/key.pem" -out "$root/tls/cert.pem" 2>/dev/null
printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\ndip:x:30:\nnogroup:x:65534:\n' >"$root/etc/group"
install -m 0755 packaging/vm/init.sh "$root/init"
install -m 0755 packaging/vm/phone-dhcp.sh "$root/phone-dhcp.sh"
(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$out/initrd.gz"

# Boot it, by software emulation (a kernel with its initramfs boots in a few seconds; KVM
# inside this project's virtual machines hangs at boot): VM_ACCEL=kvm to try it elsewhere.
accel=${VM_ACCEL:-tcg} cpu=max
[ "$accel" = kvm ] && cpu=host
duration=${VM_DURATION:-30}
started=$(date +%s)
timeout 600 qemu-system-x86_64 -machine "q35,accel=$accel" -cpu "$cpu" -m 1536 -smp 2 \
    -kernel "$vmlinuz" -initrd "$out/initrd.gz" -display none -monitor none -no-reboot \
    -serial "file:$out/console.log" \
    -append "console=ttyS0 quiet panic=-1 rdinit=/init VM_DURATION=$duration" ||
    fail "qemu-system-x86_64 stopped with an error (console in $out/console.log)"
took=$(($(date +%s) - started))

# What the VM said.
log=$out/console.log
result() { sed -n "s/^vm-result: $1=//p" "$log" | tr -d '\r' | tail -1; }
sed -n '/^vm-verdict-begin/,/^vm-verdict-end/p' "$log" | grep -v '^vm-verdict' | tr -d '\r' |
    base64 -d >"$out/verdict.json" 2>/dev/null || true
mac=$(result phone-mac)
app=no
grep -q "TheTruthSpy" "$out/verdict.json" && app=yes
named_mac=no
[ -n "$mac" ] && grep -qi "$mac" "$out/verdict.json" && named_mac=yes
left=$(sed -n 's/^vm-result: left-\([a-z]*\)=yes/\1/p' "$log" | tr -d '\r' | paste -sd, -)
errors=$(sed -n 's/^vm-result: error=//p' "$log" | tr -d '\r' | paste -sd';' -)
echo "wifi-test: accel=$accel kernel=$kver qr=$(result qr-ssid) associated=$(result associated)s" \
    "dhcp=$(result phone-address) first-verdict-line=$(result first-verdict-line)s app-named=$app" \
    "phone-mac=$mac mac-named=$named_mac vigie-exit=$(result vigie-exit) left-behind=${left:-nothing}" \
    "vm=${took}s${errors:+ errors=$errors}"
[ "$app" = yes ] && [ "$named_mac" = yes ] && [ -z "$left" ] && [ -z "$errors" ]
