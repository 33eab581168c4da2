# Vigie — command line (English).
label-more-evidence = and { $count } more
iocs-loaded = { $count } indicators ({ $kinds })
iocs-unsupported = { $count } entries could not be used (listed below)
iocs-skipped = skipped
iocs-total = Total: { $count } indicators from { $sources } sources.
cli-capture = Cannot check { $file }.
feed-error-io = The feed { $path } could not be read: { $detail }.
feed-error-too-large = { $path } is too large to be an indicator feed ({ $size } bytes).
feed-error-unknown-format = { $path } is not an indicator feed Vigie reads (Echap YAML, STIX 2.1, TinyCheck JSON, MISP JSON, CSV or a list).
feed-error-malformed = The feed { $path } is damaged ({ $format }): { $detail }.
