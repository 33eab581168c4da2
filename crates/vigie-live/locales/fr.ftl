# Vigie — capture en direct (français).
live-error-no-interface = Il n’y a pas d’interface réseau nommée { $interface } sur cette machine.
live-error-loopback = { $interface } est la boucle locale de la machine : seul le trafic de la station elle-même y passe, jamais celui d’un téléphone. Choisissez l’interface à laquelle le téléphone est connecté.
live-error-permission = Capturer sur { $interface } demande les droits d’administration : lancez Vigie en root ou donnez-lui la capacité CAP_NET_RAW.
live-error-gone = L’interface { $interface } a disparu ou s’est désactivée. La vérification s’est arrêtée ; ce qui a été capturé avant est conservé.
live-error-io = La capture sur { $interface } s’est arrêtée : { $detail }. Ce qui a été capturé avant est conservé.
live-error-evidence = Le trafic capturé n’a pas pu être enregistré ({ $detail }) ; la vérification s’est arrêtée proprement et ce qui était déjà enregistré est conservé.
