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
