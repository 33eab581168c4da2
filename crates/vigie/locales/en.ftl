# Vigie — command line (English).
label-more-evidence = and { $count } more
iocs-loaded = { $count } indicators ({ $kinds })
iocs-unsupported = { $count } entries could not be used (listed below)
iocs-skipped = skipped
iocs-total = Total: { $count } indicators from { $sources } sources.
