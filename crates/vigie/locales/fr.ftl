# Vigie — ligne de commande (français).
label-more-evidence = et { $count } de plus
iocs-loaded = { $count ->
    [one] { $count } indicateur ({ $kinds })
   *[other] { $count } indicateurs ({ $kinds })
}
iocs-unsupported = { $count ->
    [one] { $count } entrée n’a pas pu être utilisée (voir ci-dessous)
   *[other] { $count } entrées n’ont pas pu être utilisées (voir ci-dessous)
}
iocs-skipped = ignoré
iocs-total = Total : { $count ->
        [one] { $count } indicateur issu
       *[other] { $count } indicateurs issus
    } de { $sources ->
        [one] { $sources } source
       *[other] { $sources } sources
    }.
cli-capture = Impossible de vérifier { $file }.
cli-no-packets = Aucun paquet n’a pu être lu { $files ->
    [one] dans cette capture
   *[other] dans ces { $files } captures
 } : rien n’a été vérifié, donc rien ne peut être dit sur la présence d’un logiciel espion, et rien n’a été enregistré. Vérifiez qu’il s’agit du bon fichier et que la capture a tourné pendant que le téléphone était connecté.
feed-error-io = La liste d’indicateurs { $path } n’a pas pu être lue : { $detail }.
feed-error-too-large = { $path } est trop volumineux pour être une liste d’indicateurs ({ $size ->
        [one] { $size } octet
       *[other] { $size } octets
    }).
feed-error-unknown-format = { $path } n’est pas une liste d’indicateurs que Vigie sait lire (YAML Echap, STIX 2.1, JSON TinyCheck, JSON MISP, CSV ou liste).
feed-error-malformed = La liste d’indicateurs { $path } est abîmée ({ $format }) : { $detail }.
iocs-imported = { $id } : { $count ->
        [one] { $count } indicateur enregistré
       *[other] { $count } indicateurs enregistrés
    } (SHA-256 { $sha }…).
iocs-none = Aucune liste d’indicateurs n’est encore enregistrée. Importez-en une avec « vigie iocs import FICHIER|RÉPERTOIRE » (ou téléchargez-la avec « vigie iocs update »).
iocs-feed-line = { $count ->
        [one] { $count } indicateur ({ $kind }), obtenu
       *[other] { $count } indicateurs ({ $kind }), obtenus
    } le { $retrieved } ({ $days ->
        [0] aujourd’hui
        [one] il y a { $days } jour
       *[other] il y a { $days } jours
    }), SHA-256 { $sha }…, depuis { $source }
iocs-stale = Cette liste date de { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } : les logiciels espions changent souvent de serveurs, en quelques semaines. Mettez-la à jour (vigie iocs update) ou importez-en une copie récente.
store-error-io = Les listes d’indicateurs enregistrées n’ont pas pu être lues ou écrites ({ $path }) : { $detail }.
store-error-manifest = Le registre des listes d’indicateurs ({ $path }) est abîmé : { $detail }.
store-error-empty = { $id } : la nouvelle version ne contient aucun indicateur ; la version enregistrée est conservée.
store-error-fewer = { $id } : la nouvelle version contient { $after ->
        [one] { $after } indicateur
       *[other] { $after } indicateurs
    }, moins que { $before ->
        [one] le seul indicateur enregistré
       *[other] les { $before } indicateurs enregistrés
    } ; la version enregistrée est conservée (--allow-fewer pour l’accepter).
store-error-altered = { $id } : le fichier enregistré ne correspond plus à son SHA-256 (modifié ou abîmé). Importez de nouveau la liste.
update-error-transfer = Échec du téléchargement : { $url } ({ $detail }).
update-error-too-large = Téléchargement refusé : { $url } dépasse { $limit ->
        [one] { $limit } octet
       *[other] { $limit } octets
    }.
update-kept = Les listes qui n’ont pas pu être mises à jour gardent leur version enregistrée ; la station continue de fonctionner avec celle-ci.
update-unchanged = { $id } : rien de nouveau.
sharing-error = Les réglages de partage { $path } ne peuvent pas être lus : { $detail }.
sightings-shared = { $count ->
    [one] { $count } observation anonyme (indicateur, jour, département) partagée avec { $server }.
   *[other] { $count } observations anonymes (indicateur, jour, département) partagées avec { $server }.
}
sightings-no-collection = Aucune collection accessible en écriture sur { $server } : rien n’a été partagé.
sightings-failed = Les observations n’ont pas pu être partagées avec { $server } : { $detail }.
store-error-signature = { $id } : la signature manque ou ne correspond pas à la clé attendue ({ $detail }). La version enregistrée est conservée.
case-passphrase-prompt = Phrase de passe du dossier :
case-passphrase-needed = Le dossier a besoin de sa phrase de passe : donnez-la avec --passphrase-file FICHIER ou VIGIE_PASSPHRASE, ou lancez la commande dans un terminal.
case-passphrase-file = Le fichier de phrase de passe { $path } ne peut pas être lu : { $detail }.
case-scan-stored = La vérification a été enregistrée dans le dossier { $reference }.
case-none = Aucun dossier pour l’instant.
case-line = { $reference } — ouvert le { $created } — { $scans ->
        [one] { $scans } vérification
       *[other] { $scans } vérifications
    }
case-title = Dossier { $reference }
case-scan-line = { $made } : vérification ({ $kind }), { $findings ->
        [one] { $findings } constat
       *[other] { $findings } constats
    }
case-verify-summary = Vérifiés : { $entries ->
        [one] { $entries } entrée du journal d’audit
       *[other] { $entries } entrées du journal d’audit
    } et { $rows ->
        [one] { $rows } enregistrement
       *[other] { $rows } enregistrements
    }.
case-key-said = Clé de la station : { $key }
    Qui reçoit une archive vérifie qui l’a signée avec : vigie verify FICHIER --key { $key }
case-passphrase-changed = La phrase de passe du fichier de dossiers est changée : désormais seule la nouvelle l’ouvre (l’application la demandera au prochain redémarrage).
case-passphrase-new = Nouvelle phrase de passe du fichier de dossiers :
case-passphrase-again = La même, une seconde fois :
case-passphrase-differ = Les deux phrases de passe diffèrent : rien n’a été changé.
case-passphrase-new-needed = Donnez la nouvelle phrase de passe avec --new-passphrase-file FICHIER, ou lancez la commande dans un terminal pour la taper. Rien n’a été changé.
case-verify-ok = Tout est vérifié : rien n’a été modifié, supprimé ni ajouté hors de Vigie.
case-purged = Le dossier { $reference } et tout ce qu’il contenait ont été supprimés ; le journal d’audit garde la trace de cette suppression.
retro-skipped = Les vérifications passées n’ont pas été revérifiées avec les nouveaux indicateurs : la phrase de passe du dossier est nécessaire (--passphrase-file ou VIGIE_PASSPHRASE).
retro-match = ⚠ Dossier { $reference } : la vérification du { $made } correspond désormais à { $app } — { $value } avait été vu alors, et figure maintenant dans { $source }.
case-retro-title = Trouvé après coup (revérifications) :
case-feed-line = indicateurs : { $name } (SHA-256 { $sha }…)
live-started = Vérification en direct sur { $interface } pendant au plus { $duration } (Ctrl-C l’arrête plus tôt). Les services contactés et les constats apparaissent ci-dessous au fur et à mesure.
live-joined = Appareil connecté au réseau : { $device }
live-advice = Conseil : laissez le téléphone déverrouillé et sur ce réseau, ouvrez quelques applications (messages, cartes, réseaux sociaux) et patientez ; une vérification de 10 à 15 minutes voit la plupart des logiciels espions qui envoient régulièrement leurs données.
ncii-added = { $count ->
    [one] { $count } élément ajouté au coffre de preuves du dossier { $reference }, conservé chiffré avec ses empreintes.
   *[other] { $count } éléments ajoutés au coffre de preuves du dossier { $reference }, conservés chiffrés avec leurs empreintes.
}
ncii-locker-empty = Le coffre de preuves de ce dossier est vide.
ncii-find-nothing-to-look-for = Le dossier { $reference } n’a aucun élément sensible avec un fichier à rechercher (marquez des éléments comme sensibles, ou utilisez --all).
ncii-find-exact = Copie exacte de l’élément n° { $item } : { $path }
ncii-find-similar = Semblable à l’élément n° { $item } (distance { $distance } sur 256) : { $path }
ncii-find-summary = { $files ->
    [one] { $files } fichier lu
   *[other] { $files } fichiers lus
}, { $images ->
        [one] { $images } image comparée par son apparence
       *[other] { $images } images comparées par leur apparence
    }, { $videos ->
        [one] { $videos } vidéo comparée exactement
       *[other] { $videos } vidéos comparées exactement
    } ; { $found ->
        [one] { $found } copie trouvée
       *[other] { $found } copies trouvées
    } à une distance de { $distance } au plus, en { $seconds } s.
ncii-find-without-pdq = { $count ->
    [one] { $count } image n’a pu être comparée qu’exactement (HEIC, trop grande ou endommagée).
   *[other] { $count } images n’ont pu être comparées qu’exactement (HEIC, trop grandes ou endommagées).
}
ncii-find-unreadable = Illisible : { $path } ({ $detail }).
ncii-find-limits = Ce que cette recherche ne voit pas : les images fortement recadrées, tournées, retournées ou très retouchées, les images contenues dans des vidéos, des documents ou des archives, et les fichiers des répertoires illisibles. Ne rien trouver ne prouve pas qu’aucune copie n’existe.
ncii-hashes-written = { $count ->
    [one] { $count } ligne d’empreintes écrite dans { $path }.
   *[other] { $count } lignes d’empreintes écrites dans { $path }.
} Le fichier ne contient que des empreintes : aucune image, aucun nom, aucune description. Les images elles-mêmes ne quittent jamais cette machine.
case-closed-said = Le dossier { $reference } est clos : il reste consultable, et aucune vérification ne peut plus y être ajoutée. Il peut être rouvert avec : vigie case reopen { $reference }
case-reopened-said = Le dossier { $reference } est rouvert.
case-withdrawn-said = Le fichier { $name } est retiré du dossier { $reference } : il reste conservé avec son historique, et les exports ne le contiennent plus.
case-created = Nouveau dossier ouvert : { $reference }.
case-create-ask = Il n’y a pas encore de dossier « { $reference } ». L’ouvrir ? [o/N]
case-not-created = Aucun dossier n’a été ouvert ; vérifiez la référence « { $reference } » (vigie case list montre les dossiers).
export-seal-prompt = Phrase de passe pour sceller les images intimes :
export-seal-again = La même phrase de passe, une seconde fois :
export-seal-differ = Les deux phrases de passe diffèrent ; rien n’a été exporté.
export-seal-needed = Pour sceller les images intimes, donnez la phrase de passe avec VIGIE_SEAL_PASSPHRASE ou lancez la commande dans un terminal.
export-seal-short = La phrase de passe qui scelle les images intimes doit compter au moins { $min } caractères.
case-evidence-title = Fichiers de preuve :
case-evidence-line = n° { $id } : { $name } (SHA-256 { $sha }…)
case-evidence-withdrawn = retiré le { $when } par { $by } : { $reason }
case-evidence-interrupted = incomplet : le transfert s’est arrêté en cours de route, le SHA-256 est celui de la partie reçue
