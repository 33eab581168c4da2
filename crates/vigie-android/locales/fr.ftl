# Vigie — vérification Android (français)

cap-sms = les SMS
cap-calls = les appels et l’historique des appels
cap-location = la position
cap-microphone = le micro
cap-camera = l’appareil photo
cap-contacts = les contacts
cap-files = les photos et les fichiers
cap-notifications = toutes les notifications (donc les messages des autres applications)
cap-screen = ce qui est à l’écran, et la saisie
cap-device-admin = le verrouillage et l’effacement du téléphone
match-package = identifiant d’application (nom de paquet Android)
match-cert-sha1 = certificat de signature (SHA-1)
match-cert-sha256 = certificat de signature (SHA-256)
match-apk = fichier d’application (empreinte SHA-256 de l’APK)
cap-none = rien de sensible que cette vérification ait pu voir

and-ioc-title = { $app } est installé ({ $package })
and-ioc-explain = { $package } est { $app }, répertorié comme logiciel espion (stalkerware : un logiciel installé en cachette pour surveiller le téléphone) ; il a été reconnu par son { $matched_keys }.{ $since ->
        [unknown] {""}
       *[other] {" "}Première installation : { $since }.
    } Avec ses autorisations, il peut voir : { $can_keys }. Ne le désinstallez pas pour l’instant : le supprimer peut alerter qui l’a installé, et détruit des preuves. Décidez-en avec un ou une intervenante, une fois un plan de mise en sécurité établi.
and-watchware-title = L’application de surveillance { $app } est installée ({ $package })
and-watchware-explain = { $package } est { $app }, une application vendue pour surveiller (contrôle parental, antivol, suivi de salariés) qui peut aussi servir à surveiller un ou une partenaire ; elle a été reconnue par son { $matched_keys }. Ce n’est pas un logiciel espion caché, mais vérifiez que la personne sait que cette application est là et qu’elle l’a acceptée.{ $since ->
        [unknown] {""}
       *[other] {" "}Première installation : { $since }.
    } Elle peut voir : { $can_keys }.
and-ioc-history-title = { $app } a fonctionné sur ce téléphone ({ $package }), d’après l’historique de la batterie
and-ioc-history-explain = L’historique de la batterie du téléphone mentionne { $package }, c’est-à-dire { $app }, un logiciel espion répertorié : il a été présent sur le téléphone à un moment. Il n’est pas installé actuellement : il a pu être supprimé, ou être caché. Parlez-en avec un ou une intervenante, qui peut aider à décider de la suite.
and-ioc-property-title = Une propriété système laissée par { $app } ({ $property })
and-ioc-property-explain = Le téléphone porte la propriété système { $property }, qu’une liste d’indicateurs associe à { $app }, répertorié comme logiciel espion. Un ou une spécialiste doit le confirmer ; ne modifiez rien sur le téléphone en attendant.
and-ioc-process-title = Un processus de { $app } est en cours d’exécution ({ $process })
and-ioc-process-explain = Une liste d’indicateurs associe le processus { $process }, en cours d’exécution sur le téléphone, à { $app }, répertorié comme logiciel espion. Un logiciel espion peut tourner sous un nom qui ne correspond à aucune application visible ; un ou une spécialiste doit le confirmer.
and-sideloaded-common-title = Application courante installée hors d’une boutique : { $package }
and-sideloaded-common-explain = { $package } est une application courante, installée ici hors d’une boutique d’applications (installateur : « { $installer } ») : par exemple depuis le site de son éditeur, par un transfert depuis un ancien téléphone, ou en version modifiée. C’est en général sans gravité ; si la personne ne l’a pas installée ainsi elle-même, mieux vaut le noter.{ $since ->
        [unknown] {""}
       *[other] {" "}Première installation : { $since }.
    } Elle peut voir : { $can_keys }.
and-sideloaded-common-unknown-explain = { $package } est une application courante, installée ici hors d’une boutique d’applications (aucun installateur enregistré) : par exemple depuis le site de son éditeur, par un transfert depuis un ancien téléphone, ou en version modifiée. C’est en général sans gravité ; si la personne ne l’a pas installée ainsi elle-même, mieux vaut le noter.{ $since ->
        [unknown] {""}
       *[other] {" "}Première installation : { $since }.
    } Elle peut voir : { $can_keys }.
and-sideloaded-title = Application installée hors de toute boutique : { $package }
and-sideloaded-unknown-explain = { $package } n’a pas été installée depuis une boutique d’applications (aucun installateur enregistré) : c’est ainsi qu’un logiciel espion est habituellement installé, par quelqu’un qui a eu le téléphone en main. Beaucoup d’applications ordinaires sont aussi installées ainsi.{ $since ->
        [unknown] {""}
       *[other] {" "}Première installation : { $since }.
    } Elle peut voir : { $can_keys }.
and-sideloaded-explain = { $package } n’a pas été installée depuis une boutique d’applications (installateur : « { $installer } ») : c’est ainsi qu’un logiciel espion est habituellement installé, par quelqu’un qui a eu le téléphone en main. Beaucoup d’applications ordinaires sont aussi installées ainsi.{ $since ->
        [unknown] {""}
       *[other] {" "}Première installation : { $since }.
    } Elle peut voir : { $can_keys }.
and-hidden-title = Application sans icône disposant d’autorisations sensibles : { $package }
and-hidden-explain = { $package } n’a pas d’icône dans la liste des applications mais peut voir : { $can_keys }. Les logiciels espions se cachent ainsi.{ $since ->
        [unknown] {""}
       *[other] {" "}Première installation : { $since }.
    }
and-accessibility-title = Accès d’accessibilité accordé à { $package }
and-accessibility-explain = { $component } est un service d’accessibilité activé. L’accessibilité permet à une application de lire tout ce qui s’affiche et ce qui est saisi, et d’agir sur le téléphone ; les logiciels espions la demandent. Vérifiez avec la personne qu’elle l’a activé elle-même, pour une application qu’elle utilise. Cette application peut voir : { $can_keys }.
and-device-admin-title = Administrateur de l’appareil : { $package }
and-device-admin-explain = { $component } est administrateur de l’appareil : il peut verrouiller ou effacer le téléphone et empêcher sa propre désinstallation. Les logiciels espions s’en servent pour rester installés. Cette application peut voir : { $can_keys }.
and-notification-listener-title = Accès aux notifications accordé à { $package }
and-notification-listener-explain = { $component } lit toutes les notifications, donc les messages des autres applications (WhatsApp, SMS, courriel). Les applications des montres connectées et certaines applications ordinaires l’utilisent ; les logiciels espions aussi. Cette application peut voir : { $can_keys }.
and-unknown-sources-title = L’installation d’applications hors boutique est autorisée
and-unknown-sources-explain = Le téléphone accepte les applications de « sources inconnues ». C’est ainsi que s’installent les logiciels espions ; cela peut aussi avoir été activé pour une raison ordinaire.
and-setting-title = Protection désactivée : { $what_keys } ({ $key } = { $value })
and-verifier-off-explain = Le réglage { $key } vaut { $value } : la vérification des applications installées, par Google ou par le téléphone, est affaiblie. Qui installe un logiciel espion la désactive souvent, pour qu’il ne soit pas signalé.
and-reports-off-explain = Le réglage { $key } vaut { $value } : les rapports envoyés à Google ou au fabricant sont désactivés. Qui installe un logiciel espion le fait parfois ; c’est aussi un choix de confidentialité que font beaucoup de gens.
and-accessibility-on-explain = L’accessibilité est activée ({ $key } = { $value }). Les applications qui l’utilisent sont signalées à part lorsqu’elles ne font pas partie du système.
setting-adb-verify-off = les applications installées par USB ne sont pas vérifiées
setting-play-protect-off = Play Protect
setting-apk-verify-off = la vérification des applications
setting-adb-confirm-off = la confirmation des installations par USB
setting-security-reports-off = le partage des rapports de sécurité
setting-crash-logs-off = le partage des journaux de plantage avec le fabricant
setting-app-errors-off = les rapports d’erreurs des applications
setting-accessibility-on = l’accessibilité est activée
and-third-party-store-title = Application d’une boutique tierce : { $package }
and-third-party-store-explain = { $package } a été installée par { $installer }, une boutique autre que Google Play ou celle du fabricant. Bon à savoir ; ce n’est pas un signe de logiciel espion à lui seul.
and-developer-title = Les options pour les développeurs ou le débogage USB sont activés
and-developer-explain = Le débogage USB était activé au moment du relevé (une vérification par USB en a besoin). Si la personne ne l’a pas activé, quelqu’un d’autre a pu s’en servir pour installer une application. Désactivez-le après la vérification.
and-root-title = Le téléphone présente des signes d’accès root
and-root-explain = Trouvé : { $what }. L’accès root donne à une application le contrôle total du téléphone, au-delà des autorisations normales ; certains logiciels espions en ont besoin. Il peut aussi avoir été obtenu par la personne qui utilise le téléphone.
and-user-ca-title = Une autorité de certification a été ajoutée à la main sur le téléphone
and-user-ca-explain = { $certificate } permet à qui le détient de lire le trafic chiffré du téléphone (interception). Vérifiez qui l’a installé.
and-vpn-title = VPN permanent : { $package }
and-vpn-explain = Tout le trafic passe en permanence par { $package }. Une application VPN peut voir où le téléphone se connecte. Vérifiez avec la personne qu’elle l’a configuré elle-même.
and-proxy-title = Un proxy réseau est configuré : { $proxy }
and-proxy-explain = Le trafic web passe par { $proxy }. Qui l’exploite peut voir où le téléphone se connecte, et davantage si un certificat a aussi été ajouté.
and-installs-apps-title = { $package } peut installer d’autres applications
and-installs-apps-explain = { $package } est autorisée à installer des applications (« Installer des applications inconnues »). C’est ainsi qu’un fichier d’application (APK), comme un logiciel espion, s’installe depuis un navigateur ou un gestionnaire de fichiers. Vérifiez avec la personne qu’elle a donné cette autorisation elle-même.
and-installs-apps-asked-explain = { $package } a demandé à installer des applications (« Installer des applications inconnues ») ; son réglage est maintenant « { $mode } » : elle ne le peut donc pas sans nouvelle autorisation.
and-crash-title = Un processus système a planté : { $process }
and-crash-explain = { $process }, exécuté en tant que { $who_keys }, a planté ({ $signal }, { $when }). Les attaques qui prennent le contrôle d’un téléphone par une faille peuvent faire planter ces processus ; la plupart des plantages sont cependant des bogues ordinaires. À faire examiner par un ou une spécialiste seulement en présence d’autres signes.
uid-root = root (contrôle total)
uid-system = le système
uid-shell = le shell de débogage USB
and-background-title = { $package } a utilisé { $what_keys } en arrière-plan
and-background-explain = { $package } a utilisé { $what_keys } alors que l’application n’était pas à l’écran (dernière fois : { $last }). Les applications de navigation, de sport ou de messagerie le font ; les logiciels espions aussi.

and-coverage-packages = { $packages ->
    [one] { $packages } application installée a été lue
   *[other] { $packages } applications installées ont été lues
} ({ $third_party } hors système).
and-coverage-certificates = Certificats de signature comparés pour { $count ->
    [one] { $count } application.
   *[other] { $count } applications.
}
and-coverage-indicators = { $count ->
    [one] { $count } indicateur vérifié, provenant de : { $sources }.
   *[other] { $count } indicateurs vérifiés, provenant de : { $sources }.
}
and-coverage-outputs = Relevés lus : { $outputs }.
and-not-checked-certificates = Aucun certificat de signature n’était disponible : les applications ne sont reconnues que par leur nom, et un logiciel espion renommé passerait inaperçu.
# Written by earlier versions in the checks they stored (their reason in English).
and-not-checked-missing = Non vérifié : { $what } ({ $why }).
and-missing-malformed = Non vérifié : { $what } (contenu illisible ou abîmé).
and-missing-link = Non vérifié : { $what } (un lien symbolique, non suivi : une acquisition n’est lue qu’à l’intérieur de son répertoire).
and-missing-too-large = Non vérifié : { $what } (fichier trop volumineux).
and-missing-unreadable = Non vérifié : { $what } (illisible : { $detail }).
and-missing-refused = Non vérifié : { $what } (le téléphone a refusé la commande : « { $detail } »).
and-missing-no-answer = Non vérifié : { $what } (le téléphone n’a pas répondu).
and-missing-no-root = Non vérifié : { $what } (illisible par ADB sans accès root).
and-missing-unsigned = Non vérifié : { $what } ({ $count ->
        [one] un APK sans bloc de signature v2/v3 lisible
       *[other] { $count } APK sans bloc de signature v2/v3 lisible
    }).
and-not-checked-general = Les logiciels espions absents des listes d’indicateurs, et la surveillance qui passe seulement par un compte en ligne (sauvegardes dans le cloud, comptes partagés), ne sont pas reconnus par une vérification de l’appareil. Le contenu des applications n’est pas lu.

and-dump-unreadable = { $path } n’a pas pu être lu : { $detail }.
and-dump-nothing = Aucun relevé Android n’a été trouvé dans { $path } (attendu : un répertoire androidqf, des relevés MVT comme dumpsys_package.txt, ou le dumpstate.txt d’un rapport de bug).

android-advice-after = Après la vérification : désactivez à nouveau le débogage USB et les options pour les développeurs (Paramètres › Système › Options pour les développeurs), sauf avis contraire d’un ou d’une intervenante. Rien n’a été modifié sur le téléphone.

adb-guide = Pour vérifier un téléphone Android : sur le téléphone, ouvrez Paramètres › À propos du téléphone et touchez sept fois « Numéro de build » ; puis dans Paramètres › Système › Options pour les développeurs, activez « Débogage USB ». Branchez le téléphone avec un câble USB et acceptez « Autoriser le débogage USB » sur son écran. Vigie ne fait que lire : rien n’est installé ni modifié.
adb-error-no-server = Aucun serveur adb ne répond à { $address }. Installez le paquet adb de Debian et lancez « adb start-server » (il parle au téléphone par USB).
adb-error-no-device = Aucun téléphone Android n’est branché, ou le débogage USB est désactivé.
adb-error-several = Plusieurs appareils sont branchés ({ $devices }) : choisissez-en un avec --serial.
adb-error-unauthorized = Le téléphone { $serial } n’a pas encore autorisé cet ordinateur : déverrouillez-le et acceptez « Autoriser le débogage USB » sur son écran, puis recommencez.
adb-error-disconnected = Le téléphone s’est déconnecté pendant la lecture de { $step } ({ $detail }). Ce qui avait été lu est conservé ; rebranchez-le et relancez la vérification.
adb-error-refused = Le téléphone a refusé { $request } ({ $detail }).
adb-step = Lecture de { $step } ({ $done }/{ $total })…
