# Vigie — dossier (français).
case-error-db = Le dossier n’a pas pu être lu ou écrit : { $detail }.
case-error-passphrase = Cette phrase de passe n’ouvre pas le dossier. Rien n’a été modifié.
case-error-damaged = Le dossier est abîmé ({ $detail }). Rien n’a été modifié ; conservez le fichier pour un ou une spécialiste.
case-error-seal = Un enregistrement n’a pas pu être chiffré ; rien n’a été écrit à sa place. Réessayez ; si cela se reproduit, la station doit être examinée.
case-error-kdf-bounds = Ce fichier de dossiers demande des réglages de clé bien au-delà de ce que Vigie écrit (il a pu être modifié pour que son ouverture prenne des gigaoctets de mémoire) : il n’a pas été ouvert. Utilisez une copie de sauvegarde.
case-error-short-passphrase = Choisissez pour le fichier de dossiers une phrase de passe d’au moins { $min } caractères : elle seule protège tout ce qu’il contient.
case-error-no-case = Il n’y a pas de dossier { $reference }.
case-error-closed = Le dossier { $reference } est clos : rien ne peut y être ajouté (ni vérification, ni fichier, ni lien, ni entretien). Un administrateur peut le rouvrir si besoin (vigie case reopen, ou la page du dossier).
case-verify-no-head = Aucune trace de la tête du journal d’audit n’a été trouvée à côté du fichier de dossiers : on ne peut pas dire si le fichier a été remplacé par une copie plus ancienne. Elle est de nouveau écrite à partir de maintenant.
case-verify-rolled-back = Le journal d’audit était arrivé à l’entrée { $seq }, mais le fichier de dossiers s’arrête à l’entrée { $here } : il a été remplacé par une copie plus ancienne, ou ses dernières entrées ont été supprimées avec leurs enregistrements.
case-verify-head-differs = L’entrée d’audit { $seq } n’est pas celle enregistrée quand elle a été écrite : le journal du fichier a été remplacé à partir de cette entrée.
case-verify-head-signature = La trace de la tête du journal d’audit n’est pas signée par la clé de cette station : elle a été modifiée, ou vient d’une autre station.
case-verify-station-key-missing = La clé de signature de la station, dont le journal d’audit enregistre la création, a disparu : les archives qu’elle a signées ne peuvent plus être distinguées de contrefaçons par cette station.
case-verify-counter-rewound = La numérotation des enregistrements ({ $table }) a été remise en arrière : un nouvel enregistrement prendrait le numéro d’un ancien.
case-verify-row-moved = L’enregistrement { $row } n’est plus dans le dossier où il a été ajouté : il a été déplacé dans un autre dossier.
case-verify-lookup-swapped = L’enregistrement { $row } est retrouvé sous un nom qui n’est pas le sien : les index de deux dossiers (ou opérateurs) ont été échangés.
case-verify-audit-gap = Il manque une entrée du journal d’audit avant l’entrée { $seq }.
case-verify-audit-chain = La chaîne du journal d’audit est rompue à l’entrée { $seq } : elle a été modifiée.
case-verify-audit-entry = L’entrée { $seq } du journal d’audit a été modifiée.
case-verify-row-altered = L’enregistrement { $row } a été modifié ou déplacé.
case-verify-row-unlogged = L’enregistrement { $row } n’a pas d’entrée dans le journal d’audit.
case-verify-row-missing = L’enregistrement { $row } a été supprimé sans que la suppression soit inscrite au journal d’audit.
case-error-no-scan = Le dossier ne contient pas de vérification { $id }.
case-error-no-evidence = Il n’y a pas d’élément de preuve { $id }.
case-error-operator-exists = Un opérateur nommé { $name } existe déjà.
case-error-unavailable = Le dossier ne peut plus être utilisé : une vérification qui y écrivait s’est arrêtée anormalement. Ce qui était enregistré est conservé ; redémarrez Vigie.
case-error-io = Ce qui devait être enregistré n’a pas pu être lu ({ $detail }). Ce qui était déjà enregistré est conservé.
case-error-disk-full = Le disque qui contient le dossier est presque plein (il reste { $free } Mo). Vigie a cessé d’écrire pour garder assez de place pour ce qui est déjà enregistré, qui est conservé. Libérez de l’espace avant la prochaine vérification.
case-verify-evidence-altered = Le fichier de preuve { $name } ({ $row }) ne correspond pas à son SHA-256 enregistré : il a été modifié ou tronqué.
export-written = Archive écrite dans { $path } (SHA-256 { $sha256 }), signée avec la clé de la station { $key }. Vérifiable partout avec : vigie verify FICHIER
export-summary = Dossier { $case }, archive faite le { $made } : { $count ->
        [one] { $count } fichier vérifié
       *[other] { $count } fichiers vérifiés
    } ; { $key ->
        [none] aucune clé de station dans l’archive
       *[other] clé de la station { $key }
    }.
export-all-good = Tout est vérifié : l’archive a été signée par la station dont la clé a été donnée, et aucun fichier n’a été modifié, retiré ou ajouté.
export-all-good-signer-unproven = L’archive est intacte : elle correspond à sa signature et aucun fichier n’a été modifié, retiré ou ajouté depuis qu’elle a été signée. Qui l’a signée n’est pas prouvé : comparez la clé de station ci-dessus avec celle de la station (vigie case key, ou la page Station de l’application), ou vérifiez de nouveau avec --key EMPREINTE.
export-key-other = L’archive n’a pas été signée par la station dont la clé est { $key } : elle a pu être refaite par quelqu’un d’autre. Ne vous y fiez pas.
export-key-invalid = { $key } n’est pas une empreinte de clé de station (64 chiffres hexadécimaux, tels que vigie case key les affiche).
export-not-good = L’archive ne passe pas la vérification : ne vous y fiez pas ; demandez-en une nouvelle copie à la station.
export-unreadable = L’archive n’a pas pu être lue ({ $detail }).
export-no-manifest = { $file } manque ou est endommagé : ce n’est pas un export de Vigie, ou il a été endommagé.
export-altered = { $file } a été modifié (son contenu ne correspond plus au manifeste).
export-header-altered = { $file } : son entrée dans l’archive a été modifiée (nom, taille ou date).
export-missing = { $file } manque dans l’archive.
export-added = { $file } a été ajouté à l’archive (il n’est pas dans le manifeste).
export-trailer-altered = { $file } : des octets après la signature ont été changés.
export-signature = { $file } : la signature ne correspond pas (le manifeste ou la signature a été modifié, ou l’archive n’a pas été faite par cette station).
case-error-no-locker-item = Il n’y a pas d’élément { $id } dans le coffre de preuves.
case-verify-backup-file-altered = Le fichier { $name } de la sauvegarde du téléphone { $row } ne correspond pas à son SHA-256 enregistré : il a été modifié ou tronqué.
case-verify-backup-digest = La liste des fichiers de la sauvegarde du téléphone { $row } ne correspond plus à l’empreinte inscrite au journal d’audit : des fichiers ont été ajoutés, supprimés ou modifiés.
case-verify-backup-ok = Sauvegarde du téléphone « { $name } » : { $count ->
        [0] elle ne contient aucun fichier ; son empreinte correspond à celle du journal d’audit.
        [one] son fichier a été relu et correspond à son SHA-256 et à l’empreinte du journal d’audit.
       *[other] ses { $count } fichiers ont été relus et correspondent à leur SHA-256 et à l’empreinte du journal d’audit.
    }
case-verify-backup-interrupted = La sauvegarde du téléphone « { $name } », commencée le { $started }, a été interrompue : { $count ->
        [0] aucun fichier n’était encore arrivé.
        [one] son fichier est conservé mais n’a pas d’empreinte au journal d’audit ; il ne peut pas être vérifié comme un tout.
       *[other] ses { $count } fichiers sont conservés mais n’ont pas d’empreinte au journal d’audit ; ils ne peuvent pas être vérifiés comme un tout.
    }
case-error-no-reason = Un fichier de preuve ne peut être retiré qu’avec une raison : écrivez pourquoi il est retiré.
export-sealed-entry = { $file } est scellé par une phrase de passe (fichier age) : il s’ouvre avec « age -d » et cette phrase ; son empreinte une fois ouvert figure au manifeste.
export-withheld-withdrawn = { $file } (SHA-256 { $sha256 }) n’est pas dans l’archive : il a été retiré du dossier (la chaîne de possession dit par qui et pourquoi).
export-withheld-intimate = { $file } (SHA-256 { $sha256 }) n’est pas dans l’archive : c’est une image intime, laissée hors de l’export.
case-error-locked = Le fichier des dossiers est verrouillé : sa phrase de passe n’a pas encore été donnée.
case-error-guessable-passphrase = Cette phrase de passe fait partie des premières qui seraient essayées (un caractère répété, une suite de chiffres ou de touches du clavier, un mot courant) : choisissez plutôt quelques mots sans rapport entre eux.
person-says-installed-it = la personne l’utilise, ou l’a mis en place elle-même
person-says-does-not-know-it = la personne ne le connaît pas
person-says-someone-else = quelqu’un d’autre l’a mis en place
person-answer = Réponse de la personne : { $says_keys }.
person-answer-noted = Réponse de la personne : { $says_keys } — « { $note } »
person-answer-note = Ce qu’en dit la personne : « { $note } »
