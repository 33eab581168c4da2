#!/bin/sh
# The VM phone's DHCP script (busybox udhcpc): takes the address and route it was given and
# notes the DNS server, as a phone's network stack does.
ip() { /usr/bin/ip "$@"; }
case "$1" in
bound | renew)
    ip addr add "$ip/$mask" dev "$interface"
    for r in $router; do
        ip route add default via "$r" dev "$interface"
        break
    done
    echo "$dns" >/tmp/phone-dns
    ;;
esac
