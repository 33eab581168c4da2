# Vigie — network check (English).


net-ioc-domain-title = { $role ->
    [website] Contact with the website of { $app } ({ $name })
    [distribution] Contact with a download site of { $app } ({ $name })
   *[server] Contact with a server of { $app } ({ $name })
}
net-ioc-domain-explain = { $name } belongs to { $app }, listed as { $category ->
        [stalkerware] stalkerware (spyware installed in secret to watch the phone)
        [watchware] a monitoring app (visible, but it can be misused to watch someone)
        [mercenary_spyware] mercenary spyware
       *[spyware] spyware
    }. Here, { $how ->
        [dns] the phone asked for this name (DNS)
        [tls] the phone opened an encrypted connection to this name (TLS)
        [quic] the phone opened an encrypted connection to this name (QUIC)
        [http] the phone sent a web request to this name (HTTP)
        [cert] a server presented a certificate with this name
       *[connection] the phone connected to it
    }. { $role ->
    [website] A visit to the vendor's website can mean someone looked at or bought this app from this phone; it does not prove the app is installed.
    [distribution] This site distributes the app; the app may have been downloaded on this phone.
   *[server] Such apps send what they collect (messages, location, photos) to servers like this one, so this is a strong sign the app is active on the phone.
}
net-ioc-ip-title = Contact with an address of { $app } ({ $ip })
net-ioc-ip-explain = The address { $ip } is listed as used by { $app }, { $category ->
        [stalkerware] stalkerware (spyware installed in secret to watch the phone)
        [watchware] a monitoring app (visible, but it can be misused to watch someone)
        [mercenary_spyware] mercenary spyware
       *[spyware] spyware
    }. Here, { $how ->
        [dns] a DNS answer gave the phone this address
        [tls] the phone opened an encrypted connection to this address (TLS)
        [quic] the phone opened an encrypted connection to this address (QUIC)
        [http] the phone sent a web request to this address (HTTP)
        [cert] a server at this address presented a certificate
       *[connection] the phone connected to it
    }.
net-ioc-url-title = Web request to a known address of { $app }
net-ioc-url-explain = The phone requested { $url }, listed as used by { $app }.
net-ioc-cert-title = Certificate of { $app } seen ({ $name })
net-ioc-cert-explain = A server presented a certificate listed as belonging to { $app }. The phone talked to that server.
net-dyndns-title = Name under a dynamic-DNS service ({ $name })
net-dyndns-explain = { $name } uses the free dynamic-DNS service { $provider }. Ordinary apps rarely use such names; spyware and remote-control tools often do. Worth a closer look with the other findings.
net-suspicious-tld-title = Name under an often-abused domain ending ({ $name })
net-suspicious-tld-explain = { $name } ends in ".{ $tld }", where names are free or very cheap and often abused. Many legitimate sites use it too: this is only a hint.
net-tls-self-signed-title = Self-signed certificate ({ $name })
net-tls-self-signed-explain = The server { $name } proved its identity with a certificate it signed itself. Public services almost never do this; private spyware servers sometimes do.
net-tls-free-cert-title = Free automatic certificate ({ $name })
net-tls-free-cert-explain = The server { $name } uses a free certificate from { $issuer }. Very common and legitimate; noted because spyware servers use them too.
net-tls-ip-cert-title = Certificate for a bare address ({ $name })
net-tls-ip-cert-explain = The certificate names only IP addresses, not a domain. Unusual for public services.
net-tls-nonstd-port-title = Encrypted connection on an unusual port ({ $name }, port { $port })
net-tls-nonstd-port-explain = The phone opened an encrypted connection to { $name } on port { $port }, where it is unusual. Some spyware does this; so do some ordinary apps.
net-http-plain-title = Unencrypted web traffic ({ $name })
net-http-plain-explain = The phone talked to { $name } without encryption (HTTP). Not a sign of spyware by itself, but anyone on the network can read it, and some spyware sends data this way.
net-http-nonstd-port-title = Unencrypted web traffic on an unusual port ({ $name }, port { $port })
net-http-nonstd-port-explain = The phone sent unencrypted web requests to { $name } on port { $port }. This is unusual for apps on a phone.
net-http-upload-title = Data sent without encryption ({ $name }, { $kib } KiB)
net-http-upload-explain = The phone sent { $kib } KiB to { $name } over unencrypted HTTP (POST/PUT). Some spyware uploads what it collects this way.
net-unresolved-ip-title = Connection to an address without a name ({ $ip })
net-unresolved-ip-explain = The phone contacted { $ip } without asking for its name during the check. Often harmless (the name was known from before), sometimes a sign of an address written into an app.
net-large-upload-title = Large upload ({ $name }, { $mib } MiB)
net-large-upload-explain = The phone sent { $mib } MiB to { $name }, much more than it received. Backups and photo sharing do this; so does spyware sending photos or recordings.
net-beaconing-title = Regular connections to { $name } (about every { $seconds } s)
net-beaconing-explain = The phone connected to { $name } { $count ->
        [one] once
       *[other] { $count } times
    }, at regular intervals of about { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }. Some apps check in like this in the background; spyware does too.
net-beaconing-media-title = Regular connections to { $name }, a news or media service
net-beaconing-media-explain = The phone connected { $count } times to { $name }, at regular intervals of about { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }. News, weather and sport apps and pages ask this way whether there is anything new: it is usual, and not on its own a sign of spyware.
net-tor-title = Traffic that looks like the Tor network ({ $name })
net-tor-explain = This connection has the traits of Tor, an anonymity network. It can be a privacy tool chosen by the person, or a way for software to hide where it sends data.
net-nonstd-port-title = Connection on an unusual port ({ $name }, { $proto } port { $port })
net-nonstd-port-explain = The phone exchanged data with { $name } on port { $port } with a protocol Vigie did not recognise.
net-encrypted-dns-title = Encrypted DNS in use ({ $name })
net-encrypted-dns-explain = The phone (or an app) resolves names through { $name } with encryption. This protects privacy, but names resolved that way cannot be checked here.

net-coverage-duration = The capture lasts { $duration }, from { $start } to { $end }.
net-coverage-capture-duration = { $file } lasts { $duration }, from { $start } to { $end }.
net-coverage-total-duration = { $count ->
    [one] The capture lasts { $duration } in all.
   *[other] The { $count } captures last { $duration } in all.
}
net-coverage-traffic = { $flows ->
        [one] { $flows } connection
       *[other] { $flows } connections
    }; { $names ->
        [one] { $names } distinct name seen
       *[other] { $names } distinct names seen
    } ({ $dns ->
        [one] { $dns } DNS message
       *[other] { $dns } DNS messages
    }, { $tls ->
        [one] { $tls } encrypted connection opened over TLS
       *[other] { $tls } encrypted connections opened over TLS
    } and { $quic } over QUIC, { $http ->
        [one] { $http } web request
       *[other] { $http } web requests
    }, { $certs ->
        [one] { $certs } certificate
       *[other] { $certs } certificates
    }).
net-coverage-indicators = { $count ->
    [one] { $count } indicator checked, from: { $feeds }.
   *[other] { $count } indicators checked, from: { $feeds }.
}
net-coverage-heuristics = Other signs looked for, without an indicator feed: dynamic DNS, often-abused domain endings, self-signed and free certificates, unusual ports, addresses without a name, unencrypted and large uploads, regular connections, Tor, encrypted DNS.
net-not-checked-no-indicators = No indicator feed was loaded: only the other signs (dynamic DNS, certificates, ports and so on) were looked for; known spyware was not looked for by name.
net-not-checked-short = The capture lasts only { $duration }: apps that did not talk during it are not seen. A check of ten to thirty minutes, with the phone unlocked and a few apps open, sees more.
net-not-checked-no-traffic = No packet was read: nothing could be checked in the traffic.
net-coverage-live = { $packets ->
    [one] { $packets } packet read live on the interface { $interface }.
   *[other] { $packets } packets read live on the interface { $interface }.
}
net-not-checked-live-missed = Packets arriving faster than the station can read them are not counted. One phone's traffic rarely comes near that limit (about 1 Gbit/s measured on a small 2-core machine), but the count of packets above is what was actually checked.
net-not-checked-silent-apps = Apps that sent nothing during the check, and traffic over mobile data (4G/5G) or another Wi-Fi, are not seen. A device check (Android or iPhone) looks at installed apps.
net-not-checked-content = The content of encrypted connections is not read: only names, addresses, certificates and volumes.
net-not-checked-tls13 = { $count ->
    [one] { $count } encrypted connection hides its certificate (TLS 1.3): its name was still checked.
   *[other] { $count } encrypted connections hide their certificate (TLS 1.3): their names were still checked.
}
net-not-checked-quic = { $count ->
    [one] { $count } QUIC packet could not be decrypted.
   *[other] { $count } QUIC packets could not be decrypted.
}
net-not-checked-encrypted-dns = Encrypted DNS was used: names resolved through it could not be checked.
net-not-checked-damaged = { $count ->
    [one] { $count } packet was damaged or of an unknown type and was skipped.
   *[other] { $count } packets were damaged or of an unknown type and were skipped.
}
net-not-checked-budget = { $count ->
    [one] { $count } connection was only counted, not examined, to limit the memory used.
   *[other] { $count } connections were only counted, not examined, to limit the memory used.
}
net-not-checked-stopped = Reading { $file } stopped after { $packets ->
        [one] { $packets } packet
       *[other] { $packets } packets
    }; what was read before is analysed. The reason follows.

capture-error-io = The file could not be read: { $detail }.
capture-error-not-a-capture = This file is not a network capture (pcap or pcapng); its first bytes are { $detail }.
capture-error-truncated = The capture ends in the middle of packet { $frame }: the file was cut short.
capture-error-malformed = The capture is damaged after packet { $frame } ({ $detail }).
net-not-checked-unlisted = { $count ->
    [one] { $count } more occurrence of rule { $rule } was counted but not listed.
   *[other] { $count } more occurrences of rule { $rule } were counted but not listed one by one.
}
