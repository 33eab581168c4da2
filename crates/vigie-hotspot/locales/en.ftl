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
hotspot-error-interface-name = { $role ->
    [uplink] The way out to the internet
   *[hotspot] The hotspot's interface
 } “{ $interface }” is not an interface name (letters, digits, “-”, “_” or “.”, at most 15). Nothing was changed.
hotspot-error-interface-missing = { $role ->
    [uplink] The way out to the internet
   *[hotspot] The hotspot's interface
 } “{ $interface }” is not on this machine. The station status page (or vigie doctor) lists its interfaces. Nothing was changed.
hotspot-error-interface-loopback = { $role ->
    [uplink] The way out to the internet
   *[hotspot] The hotspot's interface
 } cannot be “{ $interface }”, the machine's loopback. Nothing was changed.
hotspot-error-interface-station-uplink = The hotspot cannot run on { $interface }: it is this station's own way out to the internet (its default route). Choose the Wi-Fi adapter, or an interface kept for the hotspot. Nothing was changed.
hotspot-error-interface-same = The way out to the internet cannot be { $interface }, the hotspot's own interface. Choose another one, or none (no internet access). Nothing was changed.
