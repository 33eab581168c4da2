# Vigie — checks as the station runs them (English).

station-check-failed = The check stopped abnormally. What it stored before is kept in the case; try again.
station-error-unreadable = { $path } could not be read to be kept as evidence ({ $detail }).
doctor-title = What this box can do
doctor-ready = This box can run every check.
doctor-not-ready = Something is missing: the checks that need it cannot run until it is fixed.
doctor-health-ok = ok
doctor-health-warning = to look at
doctor-health-missing = missing
doctor-todo = What to do: { $todo }
doctor-tool-found = { $tool } is installed ({ $path }).
doctor-tool-missing = { $tool } is not installed.
doctor-tool-install = Install it: sudo apt install { $package }
doctor-wifi-none = No Wi-Fi adapter was found.
doctor-wifi-no-ap = { $radios ->
    [one] The Wi-Fi adapter cannot be an access point.
   *[other] None of the { $radios } Wi-Fi adapters can be an access point.
}
doctor-wifi-ap = { $radios ->
    [one] One Wi-Fi adapter can be an access point: the Wi-Fi check can run.
   *[other] { $radios } Wi-Fi adapters can be an access point: the Wi-Fi check can run.
}
doctor-wifi-plug = Plug in a USB Wi-Fi adapter that supports access-point mode (AP in “iw list”), then run vigie doctor again.
doctor-reg-set = The Wi-Fi regulatory country is { $country }.
doctor-reg-unset = No Wi-Fi regulatory country is set: the adapter may refuse some channels.
doctor-reg-todo = Set the country, for example: sudo iw reg set FR (and REGDOMAIN=FR in /etc/default/crda where it exists).
doctor-disk = { $free ->
    [0] Less than 1 GB is free on the data disk.
   *[other] { $free } GB are free on the data disk.
}
doctor-disk-todo = Free some space: captures and phone backups need several gigabytes.
doctor-disk-unknown = The free space of the data disk could not be read.
doctor-clock = The clock says { $now }.
doctor-clock-todo = Set the date and time (the box has probably not been on a network): reports and evidence times depend on it.
doctor-feeds-none = No indicator feed is stored: checks would compare against nothing.
doctor-feeds = { $count ->
    [one] One indicator feed is stored
   *[other] { $count } indicator feeds are stored
}, the newest retrieved { $days ->
    [0] today.
    [one] 1 day ago.
   *[other] { $days } days ago.
}
doctor-feeds-todo = Update the feeds: vigie iocs update (on a network), or vigie iocs import FILE from a USB stick.
doctor-cases = The case file is at { $path }.
doctor-cases-new = There is no case file yet ({ $path }): it is made at first start in the app, with the passphrase chosen there.

## A device seen joining the network (command line, app, report).
joined-unnamed = A device without a name
joined-client = DHCP client { $value }
joined-address = address { $value }
joined-maker = adapter made by { $value }
joined-names = names announced on the local network: { $value }
joined-agents = web clients: { $value }
joined-mac = hardware address { $value }
joined-mac-private = hardware address { $value } (private address chosen by the phone for this network)
