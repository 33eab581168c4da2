# Vigie — les vérifications telles que la station les mène (français).

station-check-failed = La vérification s’est arrêtée anormalement. Ce qu’elle avait enregistré est conservé dans le dossier ; recommencez.
station-error-unreadable = { $path } n’a pas pu être lu pour être conservé comme preuve ({ $detail }).
doctor-title = Ce que cette station peut faire
doctor-ready = Cette station peut faire toutes les vérifications.
doctor-not-ready = Il manque quelque chose : les vérifications qui en ont besoin ne peuvent pas se faire tant que ce n’est pas réglé.
doctor-health-ok = ok
doctor-health-warning = à regarder
doctor-health-missing = manquant
doctor-todo = À faire : { $todo }
doctor-tool-found = { $tool } est installé ({ $path }).
doctor-tool-missing = { $tool } n’est pas installé.
doctor-tool-install = Installez-le : sudo apt install { $package }
doctor-wifi-none = Aucun adaptateur Wi-Fi n’a été trouvé.
doctor-wifi-no-ap = { $radios ->
    [one] L’adaptateur Wi-Fi ne peut pas servir de point d’accès.
   *[other] Aucun des { $radios } adaptateurs Wi-Fi ne peut servir de point d’accès.
}
doctor-wifi-ap = { $radios ->
    [one] Un adaptateur Wi-Fi peut servir de point d’accès : la vérification par Wi-Fi peut se faire.
   *[other] { $radios } adaptateurs Wi-Fi peuvent servir de point d’accès : la vérification par Wi-Fi peut se faire.
}
doctor-wifi-plug = Branchez un adaptateur Wi-Fi USB qui sait servir de point d’accès (AP dans « iw list »), puis relancez vigie doctor.
doctor-reg-set = Le pays réglementaire du Wi-Fi est { $country }.
doctor-reg-unset = Aucun pays réglementaire n’est réglé pour le Wi-Fi : l’adaptateur peut refuser certains canaux.
doctor-reg-todo = Réglez le pays, par exemple : sudo iw reg set FR (et REGDOMAIN=FR dans /etc/default/crda s’il existe).
doctor-disk = { $free ->
    [0] Il reste moins de 1 Go sur le disque des données.
    [one] Il reste 1 Go sur le disque des données.
   *[other] Il reste { $free } Go sur le disque des données.
}
doctor-disk-todo = Libérez de la place : les captures et les sauvegardes de téléphone demandent plusieurs gigaoctets.
doctor-disk-unknown = La place libre du disque des données n’a pas pu être lue.
doctor-clock = L’horloge indique { $now }.
doctor-clock-todo = Réglez la date et l’heure (la station n’a sans doute pas été reliée à un réseau) : les heures des rapports et des preuves en dépendent.
doctor-feeds-none = Aucune liste d’indicateurs n’est enregistrée : les vérifications ne compareraient à rien.
doctor-feeds = { $count ->
    [one] Une liste d’indicateurs est enregistrée
   *[other] { $count } listes d’indicateurs sont enregistrées
}, la plus récente obtenue { $days ->
    [0] aujourd’hui.
    [one] il y a 1 jour.
   *[other] il y a { $days } jours.
}
doctor-feeds-todo = Mettez les listes à jour : vigie iocs update (sur un réseau), ou vigie iocs import FICHIER depuis une clé USB.
doctor-cases = Le fichier des dossiers est { $path }.
doctor-cases-new = Il n’y a pas encore de fichier des dossiers ({ $path }) : il est créé au premier démarrage dans l’application, avec la phrase de passe choisie alors.

## Un appareil vu se connecter au réseau (ligne de commande, application, rapport).
joined-unnamed = Appareil sans nom
joined-client = client DHCP { $value }
joined-address = adresse { $value }
joined-maker = carte réseau fabriquée par { $value }
joined-names = noms annoncés sur le réseau local : { $value }
joined-agents = clients web : { $value }
joined-mac = adresse matérielle { $value }
joined-mac-private = adresse matérielle { $value } (adresse privée choisie par le téléphone pour ce réseau)
