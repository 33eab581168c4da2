# Vigie — case file (English).
case-error-db = The case file could not be read or written: { $detail }.
case-error-passphrase = This passphrase does not open the case file. Nothing was changed.
case-error-damaged = The case file is damaged ({ $detail }). Nothing was changed; keep the file for a specialist.
case-error-seal = A record could not be encrypted; nothing was written in its place. Try again; if it happens again, the station needs looking at.
case-error-kdf-bounds = This case file asks for key settings far beyond what Vigie writes (it may have been altered to make opening it take gigabytes of memory): it was not opened. Use a copy from a backup.
case-error-short-passphrase = Choose a passphrase of at least { $min } characters for the case file: it alone protects everything the file holds.
case-error-no-case = There is no case { $reference }.
case-error-closed = Case { $reference } is closed: nothing can be added to it (no check, file, link or interview). An administrator can reopen it if needed (vigie case reopen, or the case page).
case-verify-no-head = No record of the audit log's head was found beside the case file: whether the file was put back to an earlier copy cannot be told. It is written again from now on.
case-verify-rolled-back = The audit log had reached entry { $seq }, but the case file stops at entry { $here }: it was put back to an earlier copy, or its last entries were removed with their records.
case-verify-head-differs = Audit entry { $seq } is not the one recorded when it was written: the case file's log was replaced from that entry on.
case-verify-head-signature = The record of the audit log's head is not signed by this station's key: it was altered, or comes from another station.
case-verify-station-key-missing = The station's signing key, whose making the audit log records, is missing: the archives it signed can no longer be told from forgeries by this station.
case-verify-counter-rewound = The numbering of the records ({ $table }) was put back: a new record would take the number of an earlier one.
case-verify-row-moved = Record { $row } is no longer in the case it was added to: it was moved to another case.
case-verify-lookup-swapped = Record { $row } is found under a name that is not its own: the lookups of two cases (or operators) were swapped.
case-verify-audit-gap = The audit log has an entry missing before entry { $seq }.
case-verify-audit-chain = The audit log's chain is broken at entry { $seq }: it was altered.
case-verify-audit-entry = Audit entry { $seq } was altered.
case-verify-row-altered = Record { $row } was altered or moved.
case-verify-row-unlogged = Record { $row } has no entry in the audit log.
case-verify-row-missing = Record { $row } was removed without the removal being written in the audit log.
case-error-no-scan = There is no check { $id } in the case file.
case-error-no-evidence = There is no evidence item { $id }.
case-error-operator-exists = An operator named { $name } already exists.
case-error-unavailable = The case file cannot be used any more: a check that was writing to it stopped abnormally. What was stored is kept; restart Vigie.
case-error-io = What was to be stored could not be read ({ $detail }). What was stored before is kept.
case-error-disk-full = The disk holding the case file is nearly full ({ $free } MB left). Vigie stopped writing to keep enough room for what is already stored, which is kept. Free some space before the next check.
case-verify-evidence-altered = Evidence file { $name } ({ $row }) does not match its recorded SHA-256: it was altered or cut.
export-written = Archive written to { $path } (SHA-256 { $sha256 }), signed with the station's key { $key }. Check it anywhere with: vigie verify FILE
export-summary = Case { $case }, archive made on { $made }: { $count ->
        [one] { $count } file checked
       *[other] { $count } files checked
    }; { $key ->
        [none] no station key in the archive
       *[other] station key { $key }
    }.
export-all-good = Everything checks out: the archive was signed by the station whose key was given, and no file was altered, removed or added.
export-all-good-signer-unproven = The archive is whole: it matches its signature and no file was altered, removed or added since it was signed. Who signed it is not proven: compare the station key above with the station's own (vigie case key, or the app's Station page), or check again with --key FINGERPRINT.
export-key-other = The archive was not signed by the station whose key is { $key }: it may have been remade by someone else. Do not rely on it.
export-key-invalid = { $key } is not a station key fingerprint (64 hexadecimal digits, as vigie case key shows it).
export-not-good = The archive does not check out: do not rely on it; ask the station for a new copy.
export-unreadable = The archive could not be read ({ $detail }).
export-no-manifest = { $file } is missing or damaged: this is not a Vigie export, or it was damaged.
export-altered = { $file } was altered (its content no longer matches the manifest).
export-header-altered = { $file }: its entry in the archive was altered (name, size or date).
export-missing = { $file } is missing from the archive.
export-added = { $file } was added to the archive (it is not in the manifest).
export-trailer-altered = { $file }: bytes after the signature were changed.
export-signature = { $file }: the signature does not match (the manifest or the signature was altered, or the archive was not made by this station).
case-error-no-locker-item = There is no locker item { $id }.
case-verify-backup-file-altered = File { $name } of the phone backup { $row } does not match its recorded SHA-256: it was altered or cut.
case-verify-backup-digest = The list of files of the phone backup { $row } no longer matches the hash written in the audit log: files were added, removed or changed.
case-verify-backup-ok = Phone backup "{ $name }": { $count ->
        [0] it holds no file; its hash matches the one in the audit log.
        [one] its { $count } file was read again and matches its SHA-256 and the hash in the audit log.
       *[other] its { $count } files were read again and match their SHA-256 and the hash in the audit log.
    }
case-verify-backup-interrupted = Phone backup "{ $name }", started on { $started }, was interrupted: { $count ->
        [0] no file had arrived yet.
        [one] its { $count } file is kept but has no hash in the audit log, so it cannot be checked as a whole.
       *[other] its { $count } files are kept but have no hash in the audit log, so they cannot be checked as a whole.
    }
case-error-no-reason = An evidence file can only be withdrawn with a reason: write why it is withdrawn.
export-sealed-entry = { $file } is sealed with a passphrase (an age file): it opens with “age -d” and that passphrase; its SHA-256 once opened is in the manifest.
export-withheld-withdrawn = { $file } (SHA-256 { $sha256 }) is not in the archive: it was withdrawn from the case (the custody log says by whom and why).
export-withheld-intimate = { $file } (SHA-256 { $sha256 }) is not in the archive: it is an intimate image, left out of the export.
case-error-locked = The case file is locked: its passphrase has not been given yet.
case-error-guessable-passphrase = This passphrase is among the first that would be tried (a repeated character, a run of digits or keyboard letters, a common word): choose a few unrelated words instead.
person-says-installed-it = the person uses it, or set it up themselves
person-says-does-not-know-it = the person does not know it
person-says-someone-else = someone else set it up
person-answer = The person's answer: { $says_keys }.
person-answer-noted = The person's answer: { $says_keys } — "{ $note }"
person-answer-note = What the person says of it: "{ $note }"
