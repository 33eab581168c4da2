# Vigie — vérification réseau (français).


net-ioc-domain-title = { $role ->
    [website] Contact avec le site web de { $app } ({ $name })
    [distribution] Contact avec un site de téléchargement de { $app } ({ $name })
   *[server] Contact avec un serveur de { $app } ({ $name })
}
net-ioc-domain-explain = { $name } appartient à { $app }, répertorié comme { $category ->
        [stalkerware] un logiciel espion (stalkerware : un logiciel installé en cachette pour surveiller le téléphone)
        [watchware] une application de surveillance (visible, mais qui peut servir à surveiller quelqu’un)
        [mercenary_spyware] un logiciel espion mercenaire
       *[spyware] un logiciel espion
    }. Ici, { $how ->
        [dns] le téléphone a demandé ce nom (DNS)
        [tls] le téléphone a ouvert une connexion chiffrée vers ce nom (TLS)
        [quic] le téléphone a ouvert une connexion chiffrée vers ce nom (QUIC)
        [http] le téléphone a envoyé une requête web à ce nom (HTTP)
        [cert] un serveur a présenté un certificat portant ce nom
       *[connection] le téléphone s’y est connecté
    }. { $role ->
    [website] Une visite du site de l’éditeur peut signifier que quelqu’un a consulté ou acheté cette application depuis ce téléphone ; cela ne prouve pas qu’elle y est installée.
    [distribution] Ce site distribue l’application ; elle a peut-être été téléchargée sur ce téléphone.
   *[server] Ces applications envoient ce qu’elles collectent (messages, position, photos) à des serveurs comme celui-ci : c’est un signe fort que l’application est active sur le téléphone.
}
net-ioc-ip-title = Contact avec une adresse de { $app } ({ $ip })
net-ioc-ip-explain = L’adresse { $ip } est répertoriée comme utilisée par { $app }, { $category ->
        [stalkerware] un logiciel espion (stalkerware : un logiciel installé en cachette pour surveiller le téléphone)
        [watchware] une application de surveillance (visible, mais qui peut servir à surveiller quelqu’un)
        [mercenary_spyware] un logiciel espion mercenaire
       *[spyware] un logiciel espion
    }. Ici, { $how ->
        [dns] une réponse DNS a donné cette adresse au téléphone
        [tls] le téléphone a ouvert une connexion chiffrée vers cette adresse (TLS)
        [quic] le téléphone a ouvert une connexion chiffrée vers cette adresse (QUIC)
        [http] le téléphone a envoyé une requête web à cette adresse (HTTP)
        [cert] un serveur à cette adresse a présenté un certificat
       *[connection] le téléphone s’y est connecté
    }.
net-ioc-url-title = Requête web vers une adresse connue de { $app }
net-ioc-url-explain = Le téléphone a demandé { $url }, adresse répertoriée comme utilisée par { $app }.
net-ioc-cert-title = Certificat de { $app } observé ({ $name })
net-ioc-cert-explain = Un serveur a présenté un certificat répertorié comme appartenant à { $app }. Le téléphone a communiqué avec ce serveur.
net-dyndns-title = Nom sous un service de DNS dynamique ({ $name })
net-dyndns-explain = { $name } utilise le service gratuit de DNS dynamique { $provider }. Les applications courantes en utilisent rarement ; les logiciels espions et les outils de prise de contrôle à distance, souvent. À examiner avec les autres constats.
net-suspicious-tld-title = Nom sous une extension souvent détournée ({ $name })
net-suspicious-tld-explain = { $name } se termine par « .{ $tld } », extension gratuite ou très bon marché, souvent détournée. Beaucoup de sites légitimes l’utilisent aussi : ce n’est qu’un indice.
net-tls-self-signed-title = Certificat auto-signé ({ $name })
net-tls-self-signed-explain = Le serveur { $name } a prouvé son identité avec un certificat qu’il a signé lui-même. Les services publics ne le font presque jamais ; les serveurs privés de logiciels espions, parfois.
net-tls-free-cert-title = Certificat gratuit automatique ({ $name })
net-tls-free-cert-explain = Le serveur { $name } utilise un certificat gratuit de { $issuer }. Très courant et légitime ; noté parce que des serveurs de logiciels espions en utilisent aussi.
net-tls-ip-cert-title = Certificat pour une simple adresse ({ $name })
net-tls-ip-cert-explain = Le certificat ne nomme que des adresses IP, pas de nom de domaine. Inhabituel pour un service public.
net-tls-nonstd-port-title = Connexion chiffrée sur un port inhabituel ({ $name }, port { $port })
net-tls-nonstd-port-explain = Le téléphone a ouvert une connexion chiffrée vers { $name } sur le port { $port }, où c’est inhabituel. Certains logiciels espions le font ; certaines applications ordinaires aussi.
net-http-plain-title = Trafic web non chiffré ({ $name })
net-http-plain-explain = Le téléphone a communiqué avec { $name } sans chiffrement (HTTP). Ce n’est pas en soi un signe de logiciel espion, mais n’importe qui sur le réseau peut le lire, et certains logiciels espions envoient leurs données ainsi.
net-http-nonstd-port-title = Trafic web non chiffré sur un port inhabituel ({ $name }, port { $port })
net-http-nonstd-port-explain = Le téléphone a envoyé des requêtes web non chiffrées à { $name } sur le port { $port }. C’est inhabituel pour les applications d’un téléphone.
net-http-upload-title = Données envoyées sans chiffrement ({ $name }, { $kib } Kio)
net-http-upload-explain = Le téléphone a envoyé { $kib } Kio à { $name } en HTTP non chiffré (POST/PUT). Certains logiciels espions envoient ainsi ce qu’ils collectent.
net-unresolved-ip-title = Connexion à une adresse sans nom ({ $ip })
net-unresolved-ip-explain = Le téléphone a contacté { $ip } sans en demander le nom pendant la vérification. Souvent sans gravité (le nom était déjà connu), parfois le signe d’une adresse écrite directement dans une application.
net-large-upload-title = Envoi important ({ $name }, { $mib } Mio)
net-large-upload-explain = Le téléphone a envoyé { $mib } Mio à { $name }, bien plus qu’il n’a reçu. Les sauvegardes et le partage de photos le font ; les logiciels espions qui envoient photos ou enregistrements aussi.
net-beaconing-title = Connexions régulières à { $name } (environ toutes les { $seconds } s)
net-beaconing-explain = Le téléphone s’est connecté { $count } fois à { $name }, à intervalles réguliers d’environ { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }. Certaines applications se signalent ainsi en arrière-plan ; les logiciels espions aussi.
net-beaconing-media-title = Connexions régulières à { $name }, un service d’actualités ou de médias
net-beaconing-media-explain = Le téléphone s’est connecté { $count } fois à { $name }, à intervalles réguliers d’environ { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }. Les applications et pages d’actualités, de météo ou de sport demandent ainsi s’il y a du nouveau : c’est habituel, et ce n’est pas à lui seul un signe de logiciel espion.
net-tor-title = Trafic qui ressemble au réseau Tor ({ $name })
net-tor-explain = Cette connexion a les caractéristiques de Tor, un réseau d’anonymisation. Ce peut être un outil de protection de la vie privée choisi par la personne, ou un moyen pour un logiciel de cacher où il envoie des données.
net-nonstd-port-title = Connexion sur un port inhabituel ({ $name }, { $proto } port { $port })
net-nonstd-port-explain = Le téléphone a échangé des données avec { $name } sur le port { $port } avec un protocole que Vigie n’a pas reconnu.
net-encrypted-dns-title = DNS chiffré utilisé ({ $name })
net-encrypted-dns-explain = Le téléphone (ou une application) résout les noms via { $name } de façon chiffrée. Cela protège la vie privée, mais les noms résolus ainsi ne peuvent pas être vérifiés ici.

net-coverage-duration = La capture dure { $duration }, du { $start } au { $end }.
net-coverage-capture-duration = { $file } dure { $duration }, du { $start } au { $end }.
net-coverage-total-duration = { $count ->
    [one] La capture dure { $duration } en tout.
   *[other] Les { $count } captures durent { $duration } en tout.
}
net-coverage-traffic = { $flows ->
        [one] { $flows } connexion
       *[other] { $flows } connexions
    } ; { $names ->
        [one] { $names } nom distinct observé
       *[other] { $names } noms distincts observés
    } ({ $dns ->
        [one] { $dns } message DNS
       *[other] { $dns } messages DNS
    }, { $tls ->
        [one] { $tls } connexion chiffrée ouverte en TLS
       *[other] { $tls } connexions chiffrées ouvertes en TLS
    } et { $quic } en QUIC, { $http ->
        [one] { $http } requête web
       *[other] { $http } requêtes web
    }, { $certs ->
        [one] { $certs } certificat
       *[other] { $certs } certificats
    }).
net-coverage-indicators = { $count ->
    [one] { $count } indicateur vérifié, issu de : { $feeds }.
   *[other] { $count } indicateurs vérifiés, issus de : { $feeds }.
}
net-coverage-heuristics = Autres signes recherchés, sans liste d’indicateurs : DNS dynamique, extensions souvent détournées, certificats auto-signés et gratuits, ports inhabituels, adresses sans nom, envois non chiffrés et volumineux, connexions régulières, Tor, DNS chiffré.
net-not-checked-no-indicators = Aucune liste d’indicateurs n’a été chargée : seuls les autres signes (DNS dynamique, certificats, ports, etc.) ont été recherchés ; les logiciels espions connus n’ont pas été recherchés par leur nom.
net-not-checked-short = La capture ne dure que { $duration } : les applications qui n’ont pas communiqué pendant ce temps ne sont pas vues. Une vérification de dix à trente minutes, téléphone déverrouillé et quelques applications ouvertes, en voit davantage.
net-not-checked-no-traffic = Aucun paquet n’a été lu : rien n’a pu être vérifié dans le trafic.
net-coverage-live = { $packets ->
    [one] { $packets } paquet lu en direct sur l’interface { $interface }.
   *[other] { $packets } paquets lus en direct sur l’interface { $interface }.
}
net-not-checked-live-missed = Les paquets qui arrivent plus vite que la station ne peut les lire ne sont pas comptés. Le trafic d’un téléphone approche rarement cette limite (environ 1 Gbit/s mesuré sur une petite machine à 2 cœurs), mais le nombre de paquets ci-dessus est bien ce qui a été vérifié.
net-not-checked-silent-apps = Les applications qui n’ont rien envoyé pendant la vérification, et le trafic passant par les données mobiles (4G/5G) ou un autre Wi-Fi, ne sont pas vus. Une vérification de l’appareil (Android ou iPhone) examine les applications installées.
net-not-checked-content = Le contenu des connexions chiffrées n’est pas lu : seulement les noms, adresses, certificats et volumes.
net-not-checked-tls13 = { $count ->
    [one] { $count } connexion chiffrée cache son certificat (TLS 1.3) : son nom a tout de même été vérifié.
   *[other] { $count } connexions chiffrées cachent leur certificat (TLS 1.3) : leurs noms ont tout de même été vérifiés.
}
net-not-checked-quic = { $count ->
    [one] { $count } paquet QUIC n’a pas pu être déchiffré.
   *[other] { $count } paquets QUIC n’ont pas pu être déchiffrés.
}
net-not-checked-encrypted-dns = Du DNS chiffré a été utilisé : les noms résolus par ce moyen n’ont pas pu être vérifiés.
net-not-checked-damaged = { $count ->
    [one] { $count } paquet était abîmé ou d’un type inconnu et a été ignoré.
   *[other] { $count } paquets étaient abîmés ou d’un type inconnu et ont été ignorés.
}
net-not-checked-budget = { $count ->
    [one] { $count } connexion a seulement été comptée, pas examinée, pour limiter la mémoire utilisée.
   *[other] { $count } connexions ont seulement été comptées, pas examinées, pour limiter la mémoire utilisée.
}
net-not-checked-stopped = La lecture de { $file } s’est arrêtée après { $packets ->
        [one] { $packets } paquet
       *[other] { $packets } paquets
    } ; ce qui a été lu avant est analysé. La raison suit.

capture-error-io = Le fichier n’a pas pu être lu : { $detail }.
capture-error-not-a-capture = Ce fichier n’est pas une capture réseau (pcap ou pcapng) ; ses premiers octets sont { $detail }.
capture-error-truncated = La capture s’arrête au milieu du paquet { $frame } : le fichier a été coupé.
capture-error-malformed = La capture est abîmée après le paquet { $frame } ({ $detail }).
net-not-checked-unlisted = { $count ->
    [one] { $count } autre occurrence de la règle { $rule } a été comptée sans être listée.
   *[other] { $count } autres occurrences de la règle { $rule } ont été comptées sans être listées une à une.
}
