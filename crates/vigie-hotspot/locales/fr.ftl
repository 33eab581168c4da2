# Vigie — point d’accès (français).
hotspot-error-missing = Le point d’accès a besoin de { $program }, qui n’est pas installé (Debian : apt install hostapd dnsmasq nftables).
hotspot-error-command = Le point d’accès n’a pas pu être mis en place : { $command } a répondu « { $detail } ». Tout ce qui avait été modifié a été rétabli.
hotspot-error-access-point = L’adaptateur Wi-Fi { $interface } n’a pas pu devenir un point d’accès ; hostapd a répondu « { $detail } ». Tout ce qui avait été modifié a été rétabli. La page État de la station (ou vigie doctor) indique si cet adaptateur peut en être un.
hotspot-error-access-point-silent = L’adaptateur Wi-Fi { $interface } n’est pas devenu un point d’accès en { $seconds } secondes. Tout ce qui avait été modifié a été rétabli. La page État de la station (ou vigie doctor) indique si cet adaptateur peut en être un.
hotspot-error-io = La configuration du point d’accès n’a pas pu être écrite : { $detail }.
hotspot-join = Demandez à la personne de rejoindre le réseau Wi-Fi { $ssid } (mot de passe { $password }), ou de scanner ce code avec l’appareil photo du téléphone :
hotspot-external-ap = { $interface } n’est pas une interface Wi-Fi : branchez-y un point d’accès (un routeur de voyage en mode point d’accès, par exemple) et demandez à la personne de rejoindre son réseau Wi-Fi. Vigie distribue les adresses ({ $address } est la passerelle), répond aux demandes de noms et vérifie le trafic.
hotspot-captive = Pas d’accès à Internet : le téléphone ne pourra pas naviguer. Certains téléphones quittent alors le réseau au bout d’un moment ; dans ce cas, reconnectez-le. Les logiciels espions essaient quand même de se connecter, et c’est ce que la vérification voit.
hotspot-stopped = Le point d’accès est arrêté et les réglages réseau de la machine sont rétablis.
hotspot-error-interface-name = { $role ->
    [uplink] La sortie vers internet
   *[hotspot] L’interface du point d’accès
 } « { $interface } » n’est pas un nom d’interface (lettres, chiffres, « - », « _ » ou « . », 15 au plus). Rien n’a été modifié.
hotspot-error-interface-missing = { $role ->
    [uplink] La sortie vers internet
   *[hotspot] L’interface du point d’accès
 } « { $interface } » n’existe pas sur cette machine. La page État de la station (ou vigie doctor) en donne la liste. Rien n’a été modifié.
hotspot-error-interface-loopback = { $role ->
    [uplink] La sortie vers internet
   *[hotspot] L’interface du point d’accès
 } ne peut pas être « { $interface } », la boucle locale de la machine. Rien n’a été modifié.
hotspot-error-interface-station-uplink = Le point d’accès ne peut pas utiliser { $interface } : c’est la sortie vers internet de la station elle-même (sa route par défaut). Choisissez l’adaptateur Wi-Fi, ou une interface réservée au point d’accès. Rien n’a été modifié.
hotspot-error-interface-same = La sortie vers internet ne peut pas être { $interface }, l’interface du point d’accès elle-même. Choisissez-en une autre, ou aucune (pas d’accès à internet). Rien n’a été modifié.
