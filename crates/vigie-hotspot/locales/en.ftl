# Vigie — hotspot (English).
hotspot-error-missing = The hotspot needs { $program }, which is not installed (Debian: apt install hostapd dnsmasq nftables).
hotspot-error-command = The hotspot could not be set up: { $command } said "{ $detail }". Everything it had changed was undone.
hotspot-error-access-point = The Wi-Fi adapter { $interface } could not become an access point; hostapd said "{ $detail }". Everything it had changed was undone. The station status page (or vigie doctor) says whether this adapter can be one.
hotspot-error-access-point-silent = The Wi-Fi adapter { $interface } did not become an access point within { $seconds } seconds. Everything it had changed was undone. The station status page (or vigie doctor) says whether this adapter can be one.
hotspot-error-io = The hotspot's configuration could not be written: { $detail }.
hotspot-join = Ask the person to join the Wi-Fi network { $ssid } (password { $password }), or to scan this code with the phone's camera:
hotspot-external-ap = { $interface } is not a Wi-Fi interface: plug an access point into it (a travel router in access-point mode, for instance) and ask the person to join its Wi-Fi network. Vigie gives out addresses ({ $address } is the gateway), answers name lookups and checks the traffic.
hotspot-captive = No internet access: the phone will not be able to browse. Some phones then leave the network after a while; if so, connect it again. Spyware still tries to connect, and that is what the check sees.
hotspot-stopped = The hotspot is stopped and the machine's network settings are restored.
