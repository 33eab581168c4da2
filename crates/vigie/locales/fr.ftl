# Vigie — ligne de commande (français).
label-more-evidence = et { $count } de plus
iocs-loaded = { $count } indicateurs ({ $kinds })
iocs-unsupported = { $count } entrées n’ont pas pu être utilisées (voir ci-dessous)
iocs-skipped = ignoré
iocs-total = Total : { $count } indicateurs issus de { $sources } sources.
