# Vigie — case file (English).
case-error-db = The case file could not be read or written: { $detail }.
case-error-passphrase = This passphrase does not open the case file. Nothing was changed.
case-error-damaged = The case file is damaged ({ $detail }). Nothing was changed; keep the file for an expert.
case-error-no-case = There is no case { $reference }.
case-verify-audit-gap = The audit log has an entry missing before entry { $seq }.
case-verify-audit-chain = The audit log's chain is broken at entry { $seq }: it was altered.
case-verify-audit-entry = Audit entry { $seq } was altered.
case-verify-row-altered = Record { $row } was altered or moved.
case-verify-row-unlogged = Record { $row } has no entry in the audit log.
case-verify-row-missing = Record { $row } was removed without being purged.
case-error-no-evidence = There is no evidence item { $id }.
case-error-operator-exists = An operator named { $name } exists already.
case-error-io = What was to be stored could not be read ({ $detail }). What was stored before is kept.
case-verify-evidence-altered = Evidence file { $name } ({ $row }) does not match its recorded SHA-256: it was altered or cut.
