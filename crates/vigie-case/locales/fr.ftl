# Vigie — dossier (français).
case-error-db = Le dossier n’a pas pu être lu ou écrit : { $detail }.
case-error-passphrase = Cette phrase de passe n’ouvre pas le dossier. Rien n’a été modifié.
case-error-damaged = Le dossier est abîmé ({ $detail }). Rien n’a été modifié ; conservez le fichier pour un expert.
case-error-no-case = Il n’y a pas de dossier { $reference }.
case-verify-audit-gap = Il manque une entrée du journal d’audit avant l’entrée { $seq }.
case-verify-audit-chain = La chaîne du journal d’audit est rompue à l’entrée { $seq } : elle a été modifiée.
case-verify-audit-entry = L’entrée { $seq } du journal d’audit a été modifiée.
case-verify-row-altered = L’enregistrement { $row } a été modifié ou déplacé.
case-verify-row-unlogged = L’enregistrement { $row } n’a pas d’entrée dans le journal d’audit.
case-verify-row-missing = L’enregistrement { $row } a été supprimé sans purge.
case-error-no-evidence = Il n’y a pas d’élément de preuve { $id }.
case-error-operator-exists = Un opérateur nommé { $name } existe déjà.
case-error-io = Ce qui devait être enregistré n’a pas pu être lu ({ $detail }). Ce qui était déjà enregistré est conservé.
case-verify-evidence-altered = Le fichier de preuve { $name } ({ $row }) ne correspond pas à son SHA-256 enregistré : il a été modifié ou tronqué.
