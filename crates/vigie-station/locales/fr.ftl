# Vigie — les vérifications telles que la station les mène (français).

station-check-failed = La vérification s’est arrêtée anormalement. Ce qu’elle avait enregistré est conservé dans le dossier ; recommencez.
station-error-unreadable = { $path } n’a pas pu être lu pour être conservé comme preuve ({ $detail }).
