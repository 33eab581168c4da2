#!/bin/sh
# The virtual machine's first process (its /init), put there by wifi-test.sh.
#
# The kernel's own Wi-Fi stack with two simulated radios (mac80211_hwsim): the station keeps
# wlan0, where `vigie hotspot` runs Debian's hostapd; a "phone" in its own network namespace
# holds wlan1 and joins with Debian's wpa_supplicant, using only what it read from the QR
# code Vigie drew. Behind the station's uplink, an "internet" namespace answers every name
# (dnsmasq) and serves HTTP (busybox httpd) and TLS (openssl s_server). Every line meant for
# the host starts with "vm-"; the VM powers off at the end.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
# Debian's busybox shell runs its own applets first: iproute2's ip by its path (busybox's
# has no network namespaces).
ip() { /usr/bin/ip "$@"; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
say() { echo "vm-result: $*"; }
now() { cut -d' ' -f1 /proc/uptime; }
# Seconds (one decimal) from $1 to now.
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
finish() {
    echo "vm-end"
    sync
    poweroff -f
}

say "booted=$(now)"
while read -r module args; do
    insmod "/modules/$module" $args 2>/dev/null || say "module-failed=$module"
done </modules/order
i=0
while [ ! -e /sys/class/net/wlan1 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -e /sys/class/net/wlan1 ] || { say "error=no simulated radios"; finish; }
phone_mac=$(cat /sys/class/net/wlan1/address)
say "phone-mac=$phone_mac"

# The phone's radio into its namespace; the uplink to the internet's.
ip link set lo up
ip netns add phone
ip netns add internet
iw phy "$(basename "$(readlink /sys/class/net/wlan1/phy80211)")" set netns name phone
ip -n phone link set lo up
ip link add up0 type veth peer name up1
ip link set up1 netns internet
ip addr add 192.0.2.1/24 dev up0
ip link set up0 up
ip route add default via 192.0.2.254
ip -n internet link set lo up
ip -n internet addr add 192.0.2.254/24 dev up1
ip -n internet link set up1 up
ip -n internet addr add 203.0.113.7/32 dev lo
ip -n internet addr add 203.0.113.53/32 dev lo
echo "nameserver 203.0.113.53" >/etc/resolv.conf
mkdir -p /run/www && echo "ok" >/run/www/index.html
ip netns exec internet dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces \
    --listen-address=203.0.113.53 --address=/#/203.0.113.7 --pid-file=/run/internet-dns.pid \
    --user=root 2>/dev/null &
ip netns exec internet httpd -f -p 203.0.113.7:80 -h /run/www &
ip netns exec internet openssl s_server -quiet -www -accept 443 \
    -cert /tls/cert.pem -key /tls/key.pem >/dev/null 2>&1 &
forward_before=$(cat /proc/sys/net/ipv4/ip_forward)

# The operator starts the Wi-Fi check.
: >/tmp/hotspot.log
t0=$(now)
vigie --lang en --data-dir /tmp/vigie hotspot --interface wlan0 --uplink up0 \
    --duration "$VM_DURATION" --iocs /ioc.yaml --format json >/tmp/verdict.json 2>/tmp/hotspot.log &
vigie_pid=$!
# A check that outlives its duration by a minute is stopped, and said so.
(
    sleep $((VM_DURATION + 60))
    kill -0 $vigie_pid 2>/dev/null && { say "error=vigie did not end"; kill -INT $vigie_pid; }
) &

# The first finding line Vigie prints, timed from the start.
(
    while ! grep -q '^  ! \[' /tmp/hotspot.log 2>/dev/null; do sleep 0.1; done
    say "first-verdict-line=$(since "$t0")"
) &

# The phone: each step only after the one before it worked, each bounded in time.
phone() {
    # It reads the QR code on the screen...
    i=0
    until qr_read </tmp/hotspot.log >/tmp/wifi 2>/dev/null; do
        sleep 0.2
        i=$((i + 1))
        [ $i -lt 150 ] || { say "error=no QR code read"; return 1; }
    done
    ssid=$(sed -n 1p /tmp/wifi)
    password=$(sed -n 2p /tmp/wifi)
    say "qr-ssid=$ssid"
    say "qr-read=$(since "$t0")"
    # ... joins the network it names with the password it gives (WPA2, as a phone does) ...
    cat >/tmp/wpa.conf <<WPA
network={
    ssid="$ssid"
    psk="$password"
    key_mgmt=WPA-PSK
    proto=RSN
    pairwise=CCMP
}
WPA
    ip netns exec phone wpa_supplicant -B -D nl80211 -i wlan1 -c /tmp/wpa.conf -f /tmp/wpa.log
    i=0
    until ip netns exec phone iw dev wlan1 link | grep -q "Connected to"; do
        sleep 0.2
        i=$((i + 1))
        [ $i -lt 150 ] || { say "error=the phone did not associate"; return 1; }
    done
    say "associated=$(since "$t0")"
    # ... gets its address from Vigie's dnsmasq, with the name and vendor class a phone sends ...
    timeout 20 /usr/bin/ip netns exec phone udhcpc -i wlan1 -n -q -f -t 10 -T 1 -s /phone-dhcp.sh \
        -x hostname:Telephone-de-test -V android-dhcp-14 2>&1 | sed "s/^/vm-dhcp| /"
    address=$(ip -n phone -4 -o addr show wlan1 | awk '{ print $4 }')
    say "phone-address=$address"
    say "dhcp=$(since "$t0")"
    [ -n "$address" ] || { say "error=the phone got no address"; return 1; }
    dns=$(cat /tmp/phone-dns 2>/dev/null)
    say "phone-dns=$dns"
    # ... and its spy app calls home: a name lookup, then HTTP and TLS to the answer.
    c2=thetruthspy.com
    answer=$(timeout 10 /usr/bin/ip netns exec phone nslookup "$c2" "$dns" 2>/dev/null |
        awk '/^Address/ { a = $NF } END { print a }')
    say "c2-answer=$answer"
    [ -n "$answer" ] || { say "error=the phone's name lookup got no answer"; return 1; }
    # (busybox is linked statically and cannot look names up itself: the answer is given.)
    timeout 10 /usr/bin/ip netns exec phone wget -q -O /dev/null -T 5 --header "Host: $c2" \
        -U "Mozilla/5.0 (Linux; Android 14; Pixel 8)" "http://$answer/" && say "http=ok"
    echo | timeout 10 /usr/bin/ip netns exec phone openssl s_client -connect "$answer:443" \
        -servername "$c2" >/dev/null 2>&1 && say "tls=ok"
    return 0
}
phone

# The check ends after its duration; what it said, and what it left behind.
wait $vigie_pid
say "vigie-exit=$?"
say "ended=$(since "$t0")"
ps | grep -q "[h]ostapd" && say "left-hostapd=yes"
ps | grep -q "[/]tmp/vigie/run/dnsmasq.conf" && say "left-dnsmasq=yes"
nft list tables | grep -q vigie_hotspot && say "left-nft=yes"
ip -4 addr show wlan0 | grep -q 10.77.77.1 && say "left-address=yes"
[ "$(cat /proc/sys/net/ipv4/ip_forward)" = "$forward_before" ] || say "left-forwarding=yes"
echo "vm-verdict-begin"
base64 </tmp/verdict.json
echo "vm-verdict-end"
sed 's/^/vm-hotspot| /' /tmp/hotspot.log
sed 's/^/vm-wpa| /' /tmp/wpa.log 2>/dev/null
finish
