# Vigie — vérification d’iPhone (français)

ios-error-not-a-backup = { $path } n’est pas une sauvegarde d’iPhone (il n’y a pas de Manifest.db). Indiquez le répertoire qui contient Manifest.db et Info.plist (une sauvegarde faite avec le Finder, l’app Appareils Apple ou iTunes).
ios-error-encrypted = Cette sauvegarde est chiffrée : donnez son mot de passe avec --password-file FICHIER (celui choisi quand la sauvegarde a été faite). Rien n’a été modifié.
ios-error-unreadable = { $file } n’a pas pu être lu ({ $detail }). Rien n’a été modifié dans la sauvegarde.
ios-error-too-deep = { $file } imbrique des listes sur plus de { $levels } niveaux, bien plus qu’un iPhone n’en écrit : il n’a pas été lu, pour qu’il ne puisse pas arrêter la station. Rien n’a été modifié dans la sauvegarde.
ios-error-link = { $file } est un lien symbolique : une sauvegarde n’est lue qu’à l’intérieur de son répertoire, le lien n’a donc pas été suivi. Copiez de nouveau la sauvegarde sans liens (telle que le Finder ou iTunes l’écrivent). Rien n’a été modifié.
ios-ioc-title = { $app } — logiciel espion répertorié
ios-ioc-explain = La sauvegarde contient { $value }, dans { $what_keys }, qui est répertorié comme appartenant au logiciel espion { $app }. Ne supprimez rien pour l’instant : supprimer peut alerter qui l’a installé, et détruit des preuves. Décidez-en avec un ou une intervenante, une fois un plan de mise en sécurité établi.
ios-watchware-title = { $app } — application de surveillance
ios-watchware-explain = La sauvegarde contient { $value }, dans { $what_keys }, qui appartient à { $app }, une application vendue pour surveiller (contrôle parental, antivol) qui peut aussi servir à surveiller un ou une partenaire. Vérifiez que la personne sait que cette application est là et qu’elle l’a acceptée.
ios-jailbreak-title = Traces de jailbreak
ios-jailbreak-explain = La sauvegarde contient des applications ou des répertoires que seul un iPhone « jailbreaké » possède (Cydia, Sileo, Zebra ou un outil de jailbreak). Un jailbreak retire les protections de l’iPhone ; c’est ainsi que s’installent la plupart des logiciels espions pour iPhone, par quelqu’un qui a eu le téléphone en main. Un ou une spécialiste peut le confirmer sur le téléphone lui-même.
ios-missing-process-title = Enregistrements manquants dans la base de consommation de données
ios-missing-process-explain = La base où l’iPhone compte les données utilisées par chaque programme a des numéros manquants : des enregistrements ont peut-être été effacés, ce que font certains logiciels espions pour se cacher. Cela arrive aussi pour des raisons ordinaires ; lisez-le avec les autres constats.
ios-lockdown-title = Le mode Isolement est activé
ios-lockdown-explain = Le mode Isolement, la protection renforcée d’Apple contre les logiciels espions ciblés, est activé. C’est bon pour la sécurité de la personne ; certaines fonctions (pièces jointes, liens, appels d’inconnus) sont limitées tant qu’il est actif.
ios-what-app = les applications installées
ios-what-sms = les messages (SMS et iMessage)
ios-what-safari_history = l’historique de Safari
ios-what-safari_browser_state = les onglets ouverts de Safari
ios-what-webkit_resource_load_statistics = les sites visités dans les applications (statistiques WebKit)
ios-what-chrome_history = l’historique de Chrome
ios-what-firefox_history = l’historique de Firefox
ios-what-whatsapp = les messages WhatsApp
ios-what-datausage = la consommation de données par programme
ios-what-tcc = les autorisations de confidentialité
ios-what-global_preferences = les réglages généraux
ios-covered-backup = La liste des fichiers de la sauvegarde ({ $entries ->
        [one] { $entries } entrée
       *[other] { $entries } entrées
    }) et les applications qu’elle mentionne ({ $apps ->
        [one] { $apps } application
       *[other] { $apps } applications
    }).
ios-covered-module = { $what_keys } : { $rows ->
    [one] { $rows } enregistrement lu.
   *[other] { $rows } enregistrements lus.
}
ios-covered-module-absent = { $what_keys } : pas dans cette sauvegarde.
ios-covered-module-problem = { $what_keys } : lecture impossible ({ $detail }).
ios-not-covered-unencrypted = Une sauvegarde non chiffrée ne contient pas les mots de passe enregistrés, les réglages Wi-Fi, l’historique de navigation des versions récentes d’iOS, l’historique des appels ni les données Santé ; une sauvegarde chiffrée les contient.
ios-not-covered-icloud = Le compte iCloud : quelqu’un qui en connaît le mot de passe peut voir photos, messages et position sans aucune application sur le téléphone. Vérifiez ses appareils et connexions depuis un appareil sûr.
ios-error-wrong-password = Ce mot de passe n’ouvre pas la sauvegarde. Rien n’a été modifié ; réessayez avec le mot de passe choisi quand la sauvegarde a été faite.
ios-password-file = Le fichier de mot de passe { $path } ne peut pas être lu : { $detail }.
ios-what-profiles = les profils de configuration
ios-what-accounts = les comptes
ios-profile-title = Un profil de configuration est installé : { $name }
ios-profile-explain = Le profil « { $name } », fait par { $organization }, a été installé{ $when ->
        [unknown] {" "}à une date non indiquée
       *[other] {" "}le { $when }
    }. Il { $can_keys }. Demandez à la personne si c’est elle, son employeur ou son école qui l’a installé ; un profil qu’elle ne connaît pas doit être examiné par un ou une spécialiste de la sécurité numérique avant d’être retiré.
ios-profile-explain-unknown = Le profil « { $name } », dont l’auteur n’est pas indiqué, a été installé{ $when ->
        [unknown] {" "}à une date non indiquée
       *[other] {" "}le { $when }
    }. Il { $can_keys }. Demandez à la personne si c’est elle, son employeur ou son école qui l’a installé ; un profil qu’elle ne connaît pas doit être examiné par un ou une spécialiste de la sécurité numérique avant d’être retiré.
ios-cap-profile-mdm = permet à un serveur distant de gérer le téléphone (applications, réglages, restrictions)
ios-cap-profile-vpn = peut faire passer le trafic du téléphone par le serveur de son auteur
ios-cap-profile-proxy = fait passer le trafic web du téléphone par le serveur de son auteur
ios-cap-profile-root = fait accepter au téléphone un certificat qui permet à son détenteur de lire le trafic chiffré
ios-cap-profile-notifications = change l’affichage des notifications
ios-cap-profile-settings = change des réglages du téléphone
ios-apple-id-title = Connecté avec l’identifiant Apple { $user }
ios-apple-id-explain = L’iPhone utilise l’identifiant Apple { $user } (iCloud). Vérifiez avec la personne que ce compte est le sien et que personne d’autre n’en connaît le mot de passe : qui le connaît peut voir photos, messages, position (Localiser) et sauvegardes depuis n’importe quel ordinateur, sans toucher au téléphone.
ios-what-manifest = la liste des fichiers et des applications de la sauvegarde
ios-what-calendar = le calendrier
ios-what-safari_favicon = les icônes de sites de Safari
ios-what-chrome_favicon = les icônes de sites de Chrome
ios-what-idstatuscache = les recherches d’adresses iMessage et FaceTime
ios-exploit-quadream-calendar-title = Trace d’une attaque connue de logiciel espion dans le calendrier
ios-exploit-quadream-calendar-explain = Le calendrier contient un événement semblable à ceux laissés par l’attaque du logiciel espion de QuaDream (une invitation « Meeting » avec la note « Notes »), comme le vérifie MVT d’Amnesty. Il s’agit d’un logiciel espion mercenaire, rarement utilisé dans les violences conjugales ; un ou une spécialiste doit le confirmer avant toute autre démarche.
ios-exploit-idstatus-pattern-title = Recherche d’adresse malformée, comme en laissent les attaques
ios-exploit-idstatus-pattern-explain = La liste des recherches d’adresses iMessage/FaceTime contient une adresse avec des octets nuls, une forme laissée par des attaques « zéro clic » connues, comme le vérifie MVT d’Amnesty. Un ou une spécialiste doit le confirmer avant toute autre démarche.
ios-covered-live = Le téléphone lui-même, branché par câble : { $apps ->
        [one] { $apps } application installée
       *[other] { $apps } applications installées
    } (avec qui a signé chacune) et { $count ->
        [one] { $count } profil de configuration
       *[other] { $count } profils de configuration
    }.
ios-not-covered-no-backup = Aucune sauvegarde n’a été faite pendant cette vérification : les messages, l’historique de navigation, l’usage des données et les autres bases du téléphone n’ont pas été lus. Faites-en une depuis le dossier (le téléphone n’est pas modifié) pour les vérifier.
ios-outside-store-title = Une application installée hors de l’App Store : { $name }
ios-outside-store-explain = L’application « { $name } » ({ $value }) n’a pas été installée depuis l’App Store : elle est signée par « { $organization } ». Les applications de surveillance pour iPhone sont souvent installées ainsi, avec un certificat de développeur ou d’entreprise, par quelqu’un qui a eu le téléphone en main. Ce peut aussi être une application professionnelle ou de test. Demandez à la personne si elle la connaît ; ne la supprimez pas avant d’avoir établi un plan de mise en sécurité.
ios-what-device = le téléphone branché
ios-not-covered-backup-files = Le téléphone a laissé { $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    } hors de sa sauvegarde, en disant pourquoi : { $detail }
ios-not-covered-find-my = La sauvegarde ne dit pas si Localiser et le partage de position avec d’autres personnes (« Partager ma position ») sont activés, ni quels autres appareils sont connectés au même identifiant Apple (ces réglages sont surtout gardés dans iCloud). Regardez-les avec la personne, sur le téléphone : Réglages › (nom de la personne) › Localiser, et la liste des appareils en bas de Réglages › (nom de la personne).
ios-what-sms_attachments = les pièces jointes des messages
ios-what-shortcuts = les raccourcis et automatisations
ios-what-locationd = les applications qui ont utilisé la position
ios-what-paired_devices = les montres et appareils Bluetooth jumelés
ios-what-profile_events = le journal des profils installés et supprimés
ios-location-always-title = { $app } peut utiliser la position à tout moment
ios-location-always-explain = Le téléphone permet à { $app } de savoir où il se trouve à tout moment, même quand l’application n’est pas ouverte ({ $when ->
        [unknown] aucune utilisation enregistrée
       *[other] dernière utilisation enregistrée : { $when }
    }). Beaucoup d’applications le demandent ; si la personne ne connaît pas cette application ou n’a pas fait ce choix, regardez-le ensemble dans Réglages › Confidentialité et sécurité › Service de localisation. Modifier ce réglage peut être remarqué par qui l’a fait : décidez-en une fois un plan de mise en sécurité établi.
ios-paired-watch-title = Une Apple Watch est jumelée avec cet iPhone
ios-paired-watch-explain = La sauvegarde garde les données d’une Apple Watch jumelée. Une montre jumelée reçoit les notifications et les messages du téléphone. Vérifiez avec la personne que la montre est la sienne et qu’elle la garde avec elle.
ios-paired-bluetooth-title = Appareils jumelés en Bluetooth
ios-paired-bluetooth-explain = Ces appareils ont été jumelés avec le téléphone en Bluetooth (les plus récemment vus d’abord). Vérifiez avec la personne qu’elle les connaît tous : un appareil qu’elle ne connaît pas (une montre, une enceinte, une voiture) peut appartenir à quelqu’un d’autre.
ios-profile-event-installed-title = Un profil a été installé : { $name }
ios-profile-event-installed-explain = Le journal du téléphone indique que le profil { $name } a été installé{ $when ->
        [unknown] {" "}à une date non indiquée
       *[other] {" "}le { $when }
    }{ $value ->
        [unknown] {""}
       *[other] {" "}(par { $value })
    }. Demandez à la personne si c’est elle, son employeur ou son école qui l’a installé.
ios-profile-event-removed-title = Un profil a été supprimé : { $name }
ios-profile-event-removed-explain = Le journal du téléphone indique que le profil { $name } a été supprimé{ $when ->
        [unknown] {" "}à une date non indiquée
       *[other] {" "}le { $when }
    }{ $value ->
        [unknown] {""}
       *[other] {" "}(par { $value })
    }. Un profil resté un temps sur le téléphone a pu changer le chemin de ses connexions ou qui le gérait ; demandez à la personne si elle sait ce que c’était.
ios-shortcut-sends-title = Un raccourci envoie quelque chose depuis le téléphone : { $name }
ios-shortcut-sends-explain = Le raccourci « { $name } » ({ $when ->
        [unknown] date de création non indiquée
       *[other] créé le { $when }
    }) prend quelque chose de privé — la position, des photos, des sons ou ce qui a été copié — et l’envoie par message, par courriel ou à un site web. Les raccourcis et automatisations peuvent le faire tout seuls, sans aucun logiciel espion. Regardez-le avec la personne : le connaît-elle ? Ne le supprimez pas avant d’avoir établi un plan de mise en sécurité.
ios-exploit-tmp-attachment-title = Une pièce jointe reçue laissée dans un répertoire temporaire
ios-exploit-tmp-attachment-explain = Une pièce jointe reçue par message est rangée dans un répertoire temporaire du système, avec un nom de la forme que laissent des attaques « zéro clic » connues, comme le vérifie MVT d’Amnesty. Cela arrive aussi pour des raisons ordinaires ; un ou une spécialiste doit l’examiner avec les autres constats.
ios-what-firefox_favicon = les icônes de sites de Firefox
ios-what-webkit_session_resource_log = les sites chargés pendant la navigation (WebKit)
ios-what-osanalytics_addaily = l’usage du réseau par programme (statistiques quotidiennes)
ios-what-applications = les fiches App Store des applications
ios-outside-store-installer-explain = La sauvegarde indique que l’application « { $name } » ({ $value }) a été installée par « { $organization } », et non depuis l’App Store. Les versions de test (TestFlight) et les outils de développement installent des applications qu’Apple n’a pas vérifiées ; des applications de surveillance pour iPhone sont parfois installées ainsi par quelqu’un qui a eu le téléphone en main. Ce peut aussi être une application de test ou de travail. Demandez à la personne si elle la connaît ; ne la supprimez pas avant d’avoir établi un plan de mise en sécurité.
ios-outside-store-unknown-explain = La sauvegarde n’a pas de fiche App Store pour l’application « { $name } » ({ $value }) : elle a été installée autrement (outil de développement, certificat d’entreprise) ou sa fiche manque. Des applications de surveillance pour iPhone sont parfois installées ainsi par quelqu’un qui a eu le téléphone en main. Demandez à la personne si elle la connaît ; ne la supprimez pas avant d’avoir établi un plan de mise en sécurité.
