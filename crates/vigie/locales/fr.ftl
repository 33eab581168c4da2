# Vigie — ligne de commande (français).
label-more-evidence = et { $count } de plus
iocs-loaded = { $count } indicateurs ({ $kinds })
iocs-unsupported = { $count } entrées n’ont pas pu être utilisées (voir ci-dessous)
iocs-skipped = ignoré
iocs-total = Total : { $count } indicateurs issus de { $sources } sources.
cli-capture = Impossible de vérifier { $file }.
feed-error-io = La liste d’indicateurs { $path } n’a pas pu être lue : { $detail }.
feed-error-too-large = { $path } est trop volumineux pour être une liste d’indicateurs ({ $size } octets).
feed-error-unknown-format = { $path } n’est pas une liste d’indicateurs que Vigie sait lire (YAML Echap, STIX 2.1, JSON TinyCheck, JSON MISP, CSV ou liste).
feed-error-malformed = La liste d’indicateurs { $path } est abîmée ({ $format }) : { $detail }.
