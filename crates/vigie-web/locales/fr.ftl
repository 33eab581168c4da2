# Vigie — application de la station (français).
web-lang-other = English
web-footer = Vigie fonctionne hors ligne sur cette machine. Rien n’est envoyé ailleurs.
web-skip-link = Aller au contenu de la page
web-nav-cases = Dossiers
web-nav-hotspot = Point d’accès Wi-Fi
web-nav-operators = Opérateurs
web-logout = Se déconnecter
web-error-remote = { $address } n’est pas une adresse locale : l’application serait joignable depuis le réseau. Ajoutez --allow-remote si c’est vraiment voulu.
web-error-listen = L’application ne peut pas écouter sur { $address } : { $detail }.
web-serving = L’application de la station est ouverte à l’adresse { $url } (Ctrl-C l’arrête).
web-forbidden-title = Action refusée
web-unknown-host = Cette adresse n’est pas celle de la station. Ouvrez la station à sa propre adresse (par exemple http://127.0.0.1:8470/ sur la station elle-même).
web-forbidden = Cette action a été refusée (formulaire expiré ou droits insuffisants). Revenez en arrière, rechargez la page et réessayez.
web-error-title = Un problème est survenu
web-back-cases = Retour aux dossiers
web-back-case = Retour au dossier
web-operator-name = Nom de l’opérateur
web-password = Mot de passe
web-setup-title = Bienvenue : créez l’administrateur
web-setup-intro = Cette station n’a pas encore d’opérateur. Créez le compte administrateur ; il pourra ensuite ajouter les autres opérateurs.
web-setup-button = Créer l’administrateur
web-password-short = Choisissez un nom et un mot de passe d’au moins { $count ->
        [one] { $count } caractère
       *[other] { $count } caractères
    }.
web-login-title = Connexion
web-login-button = Se connecter
web-login-failed = Nom ou mot de passe non reconnu.
web-login-limited = Trop d’essais infructueux depuis cet ordinateur ou sur ce compte. Attendez cinq minutes, puis réessayez.
web-login-busy = La station vérifie d’autres connexions. Patientez un instant, puis réessayez.
web-name-long = Choisissez un nom d’au plus { $count ->
        [one] { $count } caractère
       *[other] { $count } caractères
    }.
web-password-long = Choisissez un mot de passe d’au plus { $count ->
        [one] { $count } caractère
       *[other] { $count } caractères
    }.
web-cases-title = Dossiers
web-cases-none = Aucun dossier pour l’instant.
web-case-reference = Référence du dossier
web-case-reference-example = par exemple, le numéro de procédure PV-2026-00042
web-case-reference-hint = Une référence seulement (numéro de plainte ou de dossier) : jamais un nom ni d’autres données personnelles.
web-case-reference-invalid = La référence du dossier doit compter de 1 à 100 caractères.
web-case-open = Ouvrir le dossier
web-case-opened = Ouvert le
web-case-checks = Vérifications
web-case-state = État
web-case-closed = clos
web-case-open-state = ouvert
web-case-title = Dossier { $reference }
web-case-is-closed = Ce dossier est clos : il reste consultable, mais aucune nouvelle vérification ne peut y être ajoutée.
web-case-no-checks = Aucune vérification dans ce dossier pour l’instant.
web-case-close = Clore le dossier
web-case-purge = Supprimer le dossier
web-case-purge-confirm = Je confirme : supprimer ce dossier et tout ce qu’il contient
web-retro-title = Trouvé plus tard, avec des indicateurs plus récents
retro-match-web = La vérification du { $made } avait contacté { $value }, désormais connu comme appartenant à { $app } ({ $source }).
web-evidence-title = Fichiers de preuve
web-evidence-none = Aucun fichier de preuve dans ce dossier.
web-evidence-purged = contenu supprimé après la durée de conservation (empreinte conservée)
web-evidence-kept = conservé comme preuve
web-evidence-retention = capture brute : supprimée après { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }, sauf si elle est conservée comme preuve
web-evidence-keep = Conserver comme preuve
web-evidence-kind-capture = capture en direct
web-evidence-kind-import = fichier importé
web-evidence-kind-report = rapport
web-import-label = Importer des fichiers de capture (pcap, pcapng ; plusieurs à la fois)
web-import-button = Importer et vérifier
web-import-done = Les fichiers ont été enregistrés dans le dossier et vérifiés.
web-import-interrupted = L’envoi a été interrompu ({ $detail }). Ce qui était arrivé avant est conservé dans le dossier.
web-import-failed = Les fichiers importés n’ont pas pu être vérifiés. Ils sont conservés dans le dossier.
web-import-no-capture = Aucun de ces fichiers n’est une capture vérifiable ({ $detail }). Ils sont conservés dans le dossier.
web-live-title = Vérification en direct — dossier { $reference }
web-live-intro = Le téléphone rejoint le réseau de la station (le point d’accès, ou un réseau que cette machine observe) ; Vigie montre ce qu’il contacte au fur et à mesure.
web-live-advice-unlocked = Laissez le téléphone déverrouillé et connecté uniquement à ce réseau (données mobiles coupées).
web-live-advice-apps = Ouvrez quelques applications : messages, cartes, réseaux sociaux, navigateur.
web-live-advice-duration = Une vérification d’environ { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } voit la plupart des logiciels espions qui envoient régulièrement leurs données.
web-live-interface = Interface réseau
web-live-minutes = Durée (minutes)
web-live-go = Démarrer
web-live-running = Vérification en direct
web-live-services = Services contactés
web-live-stop = Arrêter et enregistrer dans le dossier
web-live-saved = La vérification est enregistrée dans le dossier.
web-check-unknown = Cette vérification n’est pas connue (la station a peut-être redémarré). Ses résultats enregistrés sont dans le dossier.
verdict-keep-evidence-web = Ne supprimez rien du téléphone pour l’instant : supprimer un logiciel espion peut alerter qui l’a installé, et détruit des preuves. Décidez-en avec un ou une intervenante, une fois un plan de mise en sécurité établi.
web-interface-wifi = Wi-Fi
web-interface-wired = câble
web-interface-down = inactive
web-level-known-spyware = Logiciel espion connu
web-level-suspicious = À examiner de plus près
web-level-unusual = Inhabituel, sans gravité à lui seul
web-level-nothing-found = Rien de trouvé dans ce qui a été vérifié
web-case-verdict-title = Ce dossier en un coup d’œil
web-case-verdict-none = Rien n’a encore été vérifié dans ce dossier.
web-case-verdict-known-spyware = Des traces d’un logiciel espion connu ont été trouvées dans ce dossier.
web-case-verdict-suspicious = Certains signes de ce dossier méritent d’être examinés de plus près.
web-case-verdict-unusual = Quelques éléments inhabituels ont été vus ; aucun n’indique à lui seul un logiciel espion.
web-case-verdict-nothing-found = Rien de suspect n’a été trouvé dans ce qui a été vérifié. Ce n’est pas la preuve qu’il n’y a rien.
web-case-verdict-basis = { $count ->
    [one] D’après une vérification.
   *[other] D’après { $count } vérifications : la plus sérieuse l’emporte.
}
web-case-verdict-no-device = Les applications installées sur le téléphone n’ont pas été examinées : c’est ce que fait une vérification de l’appareil (Android ou iPhone).
web-case-verdict-no-network = Le trafic réseau du téléphone n’a pas été observé : c’est ce que fait une vérification en direct sur le Wi-Fi de la station.
web-coverage-summary = Ce qui a été vérifié, et ce qui ne l’a pas été
web-feeds-compared = { $count ->
    [one] Comparé à une liste d’indicateurs : { $names }.
   *[other] Comparé à { $count } listes d’indicateurs : { $names }.
}
web-joined-title = Appareil vu se connecter au réseau :
web-joined-none = Aucun appareil n’a été vu se connecter au réseau pendant cette vérification.
web-live-no-traffic = Aucun trafic n’est encore arrivé : vérifiez que le téléphone est bien connecté au réseau de la station.
web-live-no-device-yet = Aucun téléphone n’a encore été vu se connecter (un téléphone déjà connecté avant le début ne se présente pas de nouveau ; son trafic est tout de même vérifié).
web-live-phone = Téléphone connecté
web-live-meanwhile = Pendant ce temps : gardez le téléphone déverrouillé, données mobiles coupées, et ouvrez quelques applications (messages, cartes, réseaux sociaux, navigateur). N’arrêtez pas avant la fin, sauf si c’est nécessaire.
web-live-too-early = Trop tôt pour conclure : la vérification vient de commencer.
web-live-nothing-yet = Rien de suspect dans le trafic pour l’instant ; la vérification continue.
web-live-ended-too-early = La vérification s’est arrêtée trop tôt pour conclure : rien de suspect dans le peu de trafic lu.
web-live-running-for = En cours depuis { $duration } — il reste { $left }
web-live-stopped-after = Arrêtée après { $duration }
web-live-see-result = Voir le résultat
web-result-title = { $kind_keys } — dossier { $reference } — { $made }
web-check-details = Voir le détail de cette vérification
web-operators-title = Opérateurs
web-operator-admin = administrateur
web-operator-add = Ajouter l’opérateur
web-hotspot-title = Point d’accès Wi-Fi
web-hotspot-intro = La station ouvre son propre réseau Wi-Fi pour cette vérification, avec un nouveau nom et un nouveau mot de passe à chaque fois.
web-hotspot-interface = Interface Wi-Fi
web-hotspot-uplink = Accès à Internet par
web-hotspot-no-uplink = aucun (le téléphone n’aura pas Internet)
web-hotspot-start = Ouvrir le point d’accès
web-hotspot-stop = Fermer le point d’accès
web-hotspot-then = Ouvrez ensuite le dossier et lancez une vérification en direct sur { $interface }.
web-hotspot-no-wifi = Cette machine n’a pas d’interface Wi-Fi capable d’ouvrir un point d’accès. Une vérification en direct peut tout de même observer une autre interface.

web-android-title = Vérification d’un téléphone Android — dossier { $reference }
web-android-intro = Le téléphone est lu par USB, en lecture seule : ses applications, leurs autorisations et accès spéciaux, ses réglages. Rien n’est installé, modifié ni supprimé, et chaque relevé lu est conservé dans le dossier avec son empreinte SHA-256.
web-android-go = Lire ce téléphone
web-android-wait = Gardez le téléphone branché et déverrouillé jusqu’à la fin. Cela prend une ou deux minutes.
web-android-saved = La vérification et chaque relevé lu sont enregistrés dans le dossier.
web-android-apps = Applications, les plus préoccupantes d’abord
web-android-phone = À propos du téléphone dans son ensemble
web-android-no-sign = aucun signe trouvé
web-android-since = { $since ->
    [unknown] première installation inconnue
   *[other] première installation : { $since }
}
web-android-installer = { $installer ->
    [unknown] Aucun installateur enregistré
   *[other] Installée par : { $installer }
}
web-android-data = Depuis la dernière charge complète : { $received } Mo reçus, { $sent } Mo envoyés.
web-interview = Questionnaire d’entretien
web-interview-title = Questionnaire d’entretien — dossier { $reference }
web-interview-intro = Des questions facultatives à parcourir avec la personne, à son rythme. Laissez vide ce à quoi elle ne souhaite pas répondre. Les réponses figurent dans le rapport et orientent la suite à donner.
web-interview-note = Note (facultative)
web-interview-save = Enregistrer les réponses
web-interview-saved = Les réponses sont enregistrées dans le dossier.
web-report = Rédiger le rapport
web-report-audience = Pour
web-report-for-police = les enquêteurs (rapport complet)
web-report-for-person = la personne (résumé simple)
web-report-format = Format
web-export = Exporter les preuves (archive signée)
web-report-failed = Le rapport n’a pas pu être rédigé ({ $detail }).
web-locker-open = Coffre de preuves (images)
web-locker-title = Coffre de preuves — dossier { $reference }
web-locker-intro = Conservez ici ce qui montre que des images intimes ont été diffusées ou que leur diffusion a été menacée : captures d’écran de publications et de messages, photos d’un écran, pages enregistrées, exports de conversations, liens. Chaque fichier est conservé chiffré avec ses empreintes ; ce que vous saisissez est gardé à part de ce que le fichier enregistre lui-même.
web-locker-privacy = Les images marquées sensibles ne sont jamais affichées en entier sans qu’on le demande : la personne décide si elle veut les voir. Elles ne sont jamais imprimées dans les rapports, qui les citent seulement par empreinte et description.
web-locker-add = Ajouter des fichiers
web-locker-files = Fichiers
web-locker-kind = Ce que c’est
web-locker-kind-auto = D’après chaque fichier
web-locker-sensitive = Image sensible (floutée, jamais imprimée)
web-locker-seen_at = Quand cela a été vu ou publié
web-locker-place = Où (plateforme, site, groupe)
web-locker-posted_by = Qui l’a publié ou envoyé
web-locker-link = Adresse du contenu
web-locker-note = Note
web-locker-add-button = Ajouter au coffre
web-locker-link-title = Ajouter un lien
web-locker-link-button = Ajouter le lien
web-locker-drafts = Demandes de retrait et chronologie
web-locker-drafts-title = Demandes de retrait — dossier { $reference }
web-locker-hashes = Télécharger la liste d’empreintes (sans image)
web-locker-items = Dans le coffre
web-locker-empty = Le coffre est encore vide.
web-locker-image-alt = L’image telle que conservée
web-locker-blurred-alt = Aperçu flouté d’une image sensible
web-locker-blurred-note = Image sensible, floutée. Ne l’affichez que si la personne est d’accord.
web-locker-show = Afficher l’image
web-locker-hide = Flouter à nouveau
web-locker-told = Ce qui a été dit
web-locker-file-says = Ce que le fichier enregistre
web-locker-added = Ajouté
web-locker-file-name = Nom du fichier
web-locker-size = Taille
web-locker-file-modified = Date propre du fichier
web-locker-exif-taken = Prise de vue (horloge de l’appareil)
web-locker-exif-modified = Modifiée (appareil ou logiciel)
web-locker-exif-device = Appareil
web-locker-exif-software = Logiciel
web-locker-exif-location = Lieu
web-locker-exif-location-yes = Le fichier enregistre où la photo a été prise (GPS).
web-locker-no-pdq-unsupported = aucune : ce format (HEIC) ne peut pas être décodé ici ; convertissez-le en JPEG pour en obtenir une.
web-locker-no-pdq-too_large = aucune : l’image est trop grande pour être décodée ici.
web-locker-no-pdq-damaged = aucune : l’image est endommagée.
web-locker-no-file = Aucun fichier n’a été reçu.
web-locker-no-link = Indiquez l’adresse du contenu.
web-locker-added-msg = Ajouté au coffre, conservé chiffré avec ses empreintes.
web-locker-what = Quoi
web-evidence-kind-locker = coffre de preuves
web-ios-title = Vérification d’iPhone — dossier { $reference }
web-ios-intro = La sauvegarde est lue là où elle est, en lecture seule : applications, messages, navigation, consommation de données, autorisations, réglages, profils de configuration et comptes. Rien n’y est modifié ; les bases lues sont conservées dans le dossier avec leur empreinte SHA-256.
web-ios-guide = Le plus simple est de brancher l’iPhone sur cette station (ci-dessus) : la station fait alors la sauvegarde elle-même. Si la personne le préfère, la sauvegarde peut aussi être faite sur son propre ordinateur : avec le Finder sur un Mac, ou avec l’app Appareils Apple (ou iTunes) sous Windows, en choisissant « Sauvegarder toutes les données de votre iPhone sur ce Mac » (ou « … sur ce PC »). Copiez ensuite le répertoire de la sauvegarde sur cette station (avec une clé USB, par exemple) et indiquez-le ci-dessous : c’est le répertoire qui porte l’identifiant du téléphone et contient Manifest.db, dans ~/Library/Application Support/MobileSync/Backup sur un Mac, ou dans Apple\MobileSync\Backup, dans le profil de l’utilisateur, sous Windows. Une sauvegarde chiffrée contient davantage (mots de passe, Wi-Fi, historique de navigation, appels, Santé), mais cocher « Chiffrer la sauvegarde locale » inscrit un mot de passe dans le téléphone lui-même : il reste après la vérification, et quelqu’un d’autre qui sauvegarde ce téléphone le remarquerait. Ne le faites que si la personne est d’accord, une fois un plan de mise en sécurité établi, et choisissez le mot de passe avec elle. Si le téléphone chiffre déjà ses sauvegardes, il faut le mot de passe de sauvegarde de la personne.
web-ios-path = Répertoire de la sauvegarde sur cette station (il contient Manifest.db)
web-ios-password = Mot de passe de la sauvegarde (seulement si elle est chiffrée)
web-ios-go = Vérifier cette sauvegarde
web-ios-no-path = Indiquez le répertoire de la sauvegarde.
web-ios-saved = La vérification et les bases lues sont enregistrées dans le dossier.
web-ios-findings = Ce qui a été trouvé
web-ios-accounts = Comptes présents sur l’iPhone
web-ios-device-name = Nom
web-ios-device-model = Modèle
web-ios-device-version = Version d’iOS
web-ios-device-backup-date = Sauvegarde faite le
web-locker-frames = PDQ des images de la vidéo
web-locker-frames-count = { $count ->
    [one] { $count } image, une par seconde
   *[other] { $count } images, une par seconde
}
web-locker-no-frames-no_decoder = non calculé : ffmpeg n’est pas installé sur cette station
web-locker-no-frames-undecodable = non calculé : la vidéo n’a pas pu être décodée
web-locker-no-frames-too_large = non calculé : la vidéo dépasse 1 Go ; ajoutez-la avec « vigie ncii add » depuis son fichier pour l’obtenir
web-ios-device-title = L’iPhone branché sur cette station
web-ios-device-intro = Branchez l’iPhone avec son câble et déverrouillez-le. Le téléphone demandera « Se fier à cet ordinateur ? » : la personne décide, touche « Se fier » et tape son code. Vigie liste alors ses applications (avec qui a signé chacune) et ses profils de configuration et, si la case est cochée, en fait une sauvegarde, enregistrée chiffrée directement dans le dossier. Rien n’est installé, supprimé ni modifié sur le téléphone.
web-ios-device-backup = Faire une sauvegarde du téléphone dans le dossier (les messages, la navigation, l’usage des données et les autorisations y sont vérifiés)
web-ios-device-password = Mot de passe des sauvegardes (seulement si le téléphone chiffre déjà ses sauvegardes)
web-ios-device-go = Vérifier l’iPhone branché
web-ios-folder-title = Une sauvegarde déjà faite
web-backups-title = Sauvegardes de téléphone conservées dans ce dossier
web-backup-files = { $count ->
    [one] { $count } fichier
   *[other] { $count } fichiers
}
web-backup-complete = complète le { $made } ; empreinte de tous les fichiers (nom et SHA-256) : { $sha }
web-backup-interrupted = interrompue : ce qui est arrivé est conservé mais sans empreinte ; faites une nouvelle sauvegarde pour en avoir une complète
web-case-reopen = Rouvrir le dossier
web-case-close-ask = Clore le dossier { $reference } ? Il restera consultable, avec ses rapports et son export, mais aucune vérification ne pourra plus y être ajoutée. Seul un administrateur pourra le rouvrir.
web-case-close-yes = Oui, clore le dossier
web-cancel = Annuler
web-evidence-col-file = Fichier
web-evidence-col-added = Ajouté le
web-evidence-col-size = Taille
web-evidence-col-kind = Nature
web-evidence-col-state = État
web-evidence-size = { $bytes ->
    [one] { $bytes } octet
   *[other] { $bytes } octets
}
web-evidence-withdrawn = retiré le { $when } par { $by } : { $reason } (conservé, hors des exports)
web-evidence-withdraw = Retirer ce fichier…
web-evidence-withdraw-hint = Pour un fichier ajouté par erreur. Il n’est pas effacé : il reste dans le dossier et dans son historique, marqué comme retiré, et les exports ne le contiennent plus.
web-evidence-withdraw-reason = Pourquoi le retirer ?
web-evidence-withdraw-button = Retirer le fichier
web-export-intro = L’archive contient les fichiers de preuve du dossier, son rapport (PDF et HTML), sa chaîne de possession et un manifeste signé par la station ; elle se vérifie partout, sans réseau, avec « vigie verify ».
web-export-no-intimate = Le coffre de preuves de ce dossier ne contient pas d’image intime.
web-export-intimate = { $count ->
    [one] Le coffre de preuves contient une image intime. Que faire d’elle dans l’archive ?
   *[other] Le coffre de preuves contient { $count } images intimes. Que faire d’elles dans l’archive ?
}
web-export-leave-out = { $count ->
    [one] Ne pas l’inclure (son empreinte SHA-256 figure au manifeste)
   *[other] Ne pas les inclure (leurs empreintes SHA-256 figurent au manifeste)
}
web-export-seal = { $count ->
    [one] L’inclure, scellée par une phrase de passe
   *[other] Les inclure, scellées par une phrase de passe
}
web-export-seal-hint = Chaque image est chiffrée (fichier age) ; elle s’ouvre avec « age -d » et la phrase de passe, à transmettre à part, jamais avec l’archive.
web-export-seal-passphrase = Phrase de passe (au moins { $min } caractères)
web-export-seal-again = La même phrase de passe, une seconde fois
web-export-button = Faire l’archive
web-export-seal-short = La phrase de passe qui scelle les images intimes doit compter au moins { $min } caractères. Rien n’a été exporté.
web-export-seal-differ = Les deux phrases de passe diffèrent. Rien n’a été exporté.
web-unlock-title = Ouvrir les dossiers
web-unlock-intro = Les dossiers de la station sont chiffrés. Tapez leur phrase de passe pour les ouvrir ; elle n’est écrite nulle part et sera demandée à nouveau après chaque redémarrage.
web-unlock-passphrase = Phrase de passe des dossiers
web-unlock-choose-hint = Premier démarrage : choisissez la phrase de passe qui chiffrera tous les dossiers de la station (au moins { $min } caractères, par exemple quelques mots sans rapport entre eux). Notez-la et gardez-la en lieu sûr : sans elle, les dossiers ne peuvent pas être ouverts, par personne.
web-unlock-new = Nouvelle phrase de passe
web-unlock-again = La même phrase de passe, une seconde fois
web-unlock-button = Ouvrir
web-unlock-short = La phrase de passe doit compter au moins { $min } caractères.
web-unlock-differ = Les deux phrases de passe diffèrent. Tapez-les à nouveau.
web-unlock-busy = Une autre tentative est en cours. Patientez un instant, puis réessayez.
web-locked-at-start = Aucune phrase de passe n’a été donnée : l’application la demandera sur sa première page.
web-nav-station = État de la station
web-station-key = Les archives de cette station sont signées avec la clé dont l’empreinte est { $key }. Qui en reçoit une la vérifie avec : vigie verify FICHIER --key { $key }
web-evidence-interrupted = Incomplet : le transfert s’est arrêté en cours de route ; le SHA-256 est celui de la partie reçue, pas du fichier entier.
web-password-weak = Ce mot de passe fait partie des premiers qui seraient essayés (un caractère répété, une suite de chiffres ou de touches du clavier, un mot courant, ou le nom lui-même) : choisissez plutôt quelques mots sans rapport entre eux.
web-locker-too-large = Ce fichier est trop volumineux pour être affiché ici (plus de 64 Mio). Il reste dans le dossier avec ses empreintes ; ouvrez-le depuis une archive exportée.
web-answers-title = Ce qu’en dit la personne
web-answers-hint = Pour chaque élément signalé, demandez à la personne si elle le connaît. Sa réponse figure au rapport ; une application qu’elle utilise elle-même reste listée, avec sa réponse. Rien n’est changé sur le téléphone.
web-answer-installed-it = Elle l’utilise, ou l’a mis en place elle-même
web-answer-does-not-know-it = Elle ne le connaît pas
web-answer-someone-else = Quelqu’un d’autre l’a mis en place
web-answer-note = Ce qu’elle ajoute (facultatif)
web-answer-save = Enregistrer sa réponse
web-answer-empty = Choisissez une réponse ou écrivez ce que la personne en dit.
web-answer-not-flagged = Cette vérification n’a rien signalé sous ce nom.

# The guided check: from the home page or a case, how the phone is checked, then its result.
web-nav-check = Vérifier un téléphone
web-check-title = Vérifier un téléphone
web-check-intro = Choisissez le dossier de la personne, puis la façon de vérifier son téléphone. Rien n’est installé, supprimé ni modifié sur le téléphone.
web-check-open-cases = Dans un dossier ouvert
web-check-case-opened = Ouvert le { $opened }
web-check-new-case = Dans un nouveau dossier
web-check-new-case-button = Ouvrir le dossier et continuer
web-check-in-case = Vérifier un téléphone — dossier { $reference }
web-check-how = Comment vérifier le téléphone ?
web-check-wifi = Par le Wi-Fi de la station
web-check-wifi-hint = Le téléphone rejoint le Wi-Fi de la station (code QR) ; ses échanges sont observés pendant 15 minutes.
web-check-android = Android, par câble
web-check-android-hint = Le téléphone branché en USB (débogage USB activé), ou une acquisition faite avec androidqf ; ses applications sont examinées.
web-check-ios = iPhone, par câble ou sauvegarde
web-check-ios-hint = L’iPhone branché par câble, ou une sauvegarde déjà faite ; rien n’y est modifié.
web-check-file = Un fichier de capture
web-check-file-hint = Une capture réseau (pcap, pcapng) faite par un autre outil.
web-check-other-way = Choisir une autre façon de vérifier
web-import-title = Vérifier un fichier de capture — dossier { $reference }
web-import-intro = Choisissez les fichiers de capture réseau (pcap ou pcapng) à vérifier. Chaque fichier est gardé tel quel dans le dossier, avec son empreinte SHA-256.
web-result-means-known-spyware = La vérification a trouvé une trace connue d’un logiciel espion : une application, ou un service avec lequel le téléphone a échangé. C’est un signe fort que quelqu’un peut suivre ce qui se passe sur ce téléphone.
web-result-means-suspicious = Ce qui a été vu ressemble à un logiciel espion ou s’en approche (par exemple, la visite du site d’un éditeur de logiciel espion). À lui seul, cela ne prouve pas qu’un logiciel espion est installé : un examen plus poussé est nécessaire.
web-result-means-unusual = Quelques éléments sortent de l’ordinaire, mais des applications courantes en montrent aussi. Ils sont à regarder avec la personne ; ils ne sont pas la preuve d’un logiciel espion.
web-result-means-nothing-found = Rien de connu ni de suspect n’a été vu dans ce qui a été vérifié. Ce n’est pas la preuve qu’il n’y a rien : un logiciel espion resté silencieux pendant la vérification, ou caché là où elle ne regarde pas, n’y apparaîtrait pas (voyez le détail).
web-result-found = Ce qui a été trouvé
web-result-found-more = { $count ->
    [one] et un autre élément, dans le détail ci-dessous
   *[other] et { $count } autres éléments, dans le détail ci-dessous
}
web-result-now = À ne pas faire maintenant
web-result-dont-tell = N’en parlez pas à l’auteur présumé des faits, et ne changez pas encore de mot de passe depuis ce téléphone : il pourrait le voir.
web-result-plan = Avant toute démarche, préparez un plan de mise en sécurité avec une association : 3919 (Violences Femmes Info, gratuit et anonyme), ou le 17 en cas de danger immédiat.
web-result-details = Voir le détail de la vérification
web-result-too-early = Trop tôt pour conclure : rien de suspect dans ce qui a été vu, mais la vérification a vu trop peu de trafic pour en dire davantage.
web-level-early = Pas de conclusion pour l’instant
web-case-verdict-early = Les vérifications de ce dossier ont vu trop peu de trafic pour conclure : rien de suspect n’y est apparu, mais cela ne dit rien de ce qu’elles n’ont pas vu.
web-android-dump-title = Une acquisition déjà faite (androidqf)
web-android-dump-intro = Le répertoire ou le fichier zip qu’androidqf a écrit, par exemple sur une clé USB branchée à la station. Il est lu sans être modifié, et gardé tel quel dans le dossier avec son empreinte SHA-256.
web-android-dump-path = Emplacement du répertoire ou du zip sur la station
web-android-dump-go = Vérifier cette acquisition
web-android-dump-step = Lecture de l’acquisition
web-android-no-path = Indiquez où se trouve le répertoire ou le zip d’androidqf.
web-android-usb-title = Le téléphone, branché par USB
web-media-found = Sur une clé USB ou un disque branché à la station :
web-media-check = Vérifier « { $name } »
web-media-or-type = Ou indiquez un autre emplacement ci-dessous.
