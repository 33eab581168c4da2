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

# The operating system's errors, by number (Linux), said in the operator's language.
os-error = { $words } (erreur système { $code })
os-error-1 = opération non permise
os-error-2 = fichier ou répertoire introuvable
os-error-5 = erreur d’entrée-sortie (le support est peut-être abîmé ou a été retiré)
os-error-6 = appareil ou adresse introuvable
os-error-12 = mémoire insuffisante
os-error-13 = accès refusé
os-error-16 = appareil ou ressource occupé
os-error-17 = le fichier existe déjà
os-error-19 = appareil introuvable
os-error-20 = ce n’est pas un répertoire
os-error-21 = c’est un répertoire
os-error-22 = argument invalide
os-error-24 = trop de fichiers ouverts
os-error-28 = plus de place sur le disque
os-error-30 = support en lecture seule
os-error-32 = la liaison a été coupée
os-error-36 = nom de fichier trop long
os-error-39 = le répertoire n’est pas vide
os-error-95 = opération non prise en charge
os-error-98 = l’adresse est déjà utilisée
os-error-99 = cette adresse n’est pas disponible sur cette machine
os-error-101 = réseau injoignable
os-error-104 = la connexion a été réinitialisée par l’autre côté
os-error-110 = délai de connexion dépassé
os-error-111 = connexion refusée
os-error-113 = machine injoignable
os-error-122 = quota de disque dépassé
