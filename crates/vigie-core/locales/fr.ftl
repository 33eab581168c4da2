# Vigie — formulations communes (français).

verdict-nothing-found = Rien de suspect n’a été trouvé dans ce qui a été vérifié.
verdict-unusual = Quelques éléments inhabituels ont été vus ; aucun n’est à lui seul un signe de logiciel espion.
verdict-suspicious = Certains signes méritent un examen plus attentif avec un ou une intervenante.
verdict-known-spyware = Des traces de logiciels espions connus ont été trouvées.
verdict-not-proof = « Rien trouvé » ne prouve pas l’absence de logiciel espion : voyez ce qui a été vérifié et ce qui ne l’a pas été.
verdict-keep-evidence = Ne supprimez rien pour l’instant : supprimer un logiciel espion peut alerter qui l’a installé, et détruit des preuves. Décidez-en avec un ou une intervenante, une fois un plan de mise en sécurité établi.

severity-high = élevée
severity-medium = moyenne
severity-low = faible
severity-info = information

category-stalkerware = logiciel espion (stalkerware)
category-watchware = application de surveillance (watchware)
category-mercenary_spyware = logiciel espion mercenaire
category-spyware = logiciel espion

label-sep = {" : "}
label-verdict = Verdict
label-findings = Constats
label-no-findings = Aucun constat.
label-rule = Règle
label-indicator = Indicateur
label-source = Source
label-app = Application
label-evidence = Preuves
label-occurrences = Vu
label-checked = Ce qui a été vérifié
label-not-checked = Ce qui n’a pas été vérifié
label-frames = paquets { $first } à { $last }
label-frame = paquet { $frame }
label-flow = flux
label-bytes = { $up ->
    [one] { $up } octet envoyé
   *[other] { $up } octets envoyés
}, { $down ->
    [one] { $down } octet reçu
   *[other] { $down } octets reçus
}

check-kind-network = capture réseau
check-kind-network-live = réseau en direct
check-kind-android = Android
check-kind-ios-backup = sauvegarde d’iPhone
check-kind-ios-device = iPhone branché
check-title-network = Vérification d’une capture réseau
check-title-network-live = Vérification en direct sur le Wi-Fi
check-title-android = Vérification d’un téléphone Android
check-title-ios-backup = Vérification d’une sauvegarde d’iPhone
check-title-ios-device = Vérification d’un iPhone branché

coverage-packets = { $packets ->
    [one] { $packets } paquet lu
   *[other] { $packets } paquets lus
} dans { $files ->
    [one] un fichier de capture
   *[other] { $files } fichiers de capture
}.
date-utc = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }, { $time } UTC
date-zoned = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }, { $time } ({ $zone })
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
