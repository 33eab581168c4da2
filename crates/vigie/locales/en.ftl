# Vigie — command line (English).
label-more-evidence = and { $count } more
iocs-loaded = { $count ->
    [one] { $count } indicator ({ $kinds })
   *[other] { $count } indicators ({ $kinds })
}
iocs-unsupported = { $count ->
    [one] { $count } entry could not be used (listed below)
   *[other] { $count } entries could not be used (listed below)
}
iocs-skipped = skipped
iocs-total = Total: { $count ->
        [one] { $count } indicator
       *[other] { $count } indicators
    } from { $sources ->
        [one] { $sources } source
       *[other] { $sources } sources
    }.
cli-capture = Cannot check { $file }.
cli-no-packets = No packet could be read from { $files ->
    [one] this capture
   *[other] these { $files } captures
 }: nothing was checked, so nothing can be said about spyware, and nothing was stored. Check that it is the right file and that the capture ran while the phone was connected.
feed-error-io = The feed { $path } could not be read: { $detail }.
feed-error-too-large = { $path } is too large to be an indicator feed ({ $size ->
        [one] { $size } byte
       *[other] { $size } bytes
    }).
feed-error-unknown-format = { $path } is not an indicator feed Vigie reads (Echap YAML, STIX 2.1, TinyCheck JSON, MISP JSON, CSV or a list).
feed-error-malformed = The feed { $path } is damaged ({ $format }): { $detail }.
iocs-imported = { $id }: { $count ->
        [one] { $count } indicator stored
       *[other] { $count } indicators stored
    } (SHA-256 { $sha }…).
iocs-none = No feed is stored yet. Import one with "vigie iocs import FILE|FOLDER" (or download one with "vigie iocs update").
iocs-feed-line = { $count ->
    [one] { $count } indicator
   *[other] { $count } indicators
} ({ $kind }), retrieved on { $retrieved } ({ $days ->
        [0] today
        [one] { $days } day ago
       *[other] { $days } days ago
    }), SHA-256 { $sha }…, from { $source }
iocs-stale = This feed is { $days ->
        [one] { $days } day old
       *[other] { $days } days old
    }: spyware changes servers every few weeks. Update it (vigie iocs update) or import a fresh copy.
store-error-io = The feed store could not be read or written ({ $path }): { $detail }.
store-error-manifest = The feed store's list ({ $path }) is damaged: { $detail }.
store-error-empty = { $id }: the new version holds no indicator; the stored version is kept.
store-error-fewer = { $id }: the new version holds { $after ->
        [one] { $after } indicator
       *[other] { $after } indicators
    }, fewer than { $before ->
        [one] the one stored
       *[other] the { $before } stored
    }; the stored version is kept (use --allow-fewer to accept it).
store-error-altered = { $id }: the stored file no longer matches its recorded SHA-256 (altered or damaged). Import the feed again.
update-error-transfer = Download failed: { $url } ({ $detail }).
update-error-too-large = Download refused: { $url } is larger than { $limit ->
        [one] { $limit } byte
       *[other] { $limit } bytes
    }.
update-kept = Feeds that could not be updated keep their stored version; the station works with it.
update-unchanged = { $id }: nothing new.
sharing-error = The sharing settings { $path } cannot be read: { $detail }.
sightings-shared = { $count ->
    [one] { $count } anonymous sighting (indicator, day, department) shared with { $server }.
   *[other] { $count } anonymous sightings (indicator, day, department) shared with { $server }.
}
sightings-no-collection = No writable collection at { $server }: no sighting shared.
sightings-failed = Sightings could not be shared with { $server }: { $detail }.
store-error-signature = { $id }: the signature is missing or does not match the expected key ({ $detail }). The stored version is kept.
case-passphrase-prompt = Case file passphrase:
case-passphrase-needed = The case file needs its passphrase: give it with --passphrase-file FILE or VIGIE_PASSPHRASE, or run from a terminal.
case-passphrase-file = The passphrase file { $path } cannot be read: { $detail }.
case-scan-stored = The check was stored in case { $reference }.
case-none = No case yet.
case-line = { $reference } — opened on { $created } — { $scans ->
        [one] { $scans } check
       *[other] { $scans } checks
    }
case-title = Case { $reference }
case-scan-line = { $made }: { $kind } check, { $findings ->
        [one] { $findings } finding
       *[other] { $findings } findings
    }
case-verify-summary = Checked: { $entries ->
        [one] { $entries } audit entry
       *[other] { $entries } audit entries
    } and { $rows ->
        [one] { $rows } record
       *[other] { $rows } records
    }.
case-key-said = The station's key: { $key }
    Whoever receives an export checks who signed it with: vigie verify FILE --key { $key }
case-passphrase-changed = The case file's passphrase is changed: from now on only the new one opens it (the app asks it after the next restart).
case-passphrase-new = New passphrase for the case file:
case-passphrase-again = The same again:
case-passphrase-differ = The two passphrases differ: nothing was changed.
case-passphrase-new-needed = Give the new passphrase with --new-passphrase-file FILE, or run this on a terminal to type it. Nothing was changed.
case-verify-ok = Everything checks out: nothing was altered, removed or added outside Vigie.
case-purged = Case { $reference } and everything stored in it were deleted; the audit log keeps a record of the deletion.
retro-skipped = Past checks were not re-checked against the new indicators: the case file's passphrase is needed (--passphrase-file or VIGIE_PASSPHRASE).
retro-match = ⚠ Case { $reference }: the check made on { $made } now matches { $app } — { $value } was seen then, and is now listed by { $source }.
case-retro-title = Found later (retro-checks):
case-feed-line = indicators: { $name } (SHA-256 { $sha }…)
live-started = Live check on { $interface } for at most { $duration } (Ctrl-C ends it earlier). Services and findings appear below as they are seen.
live-joined = Device joined the network: { $device }
live-advice = Advice: keep the phone unlocked and on this network, open a few apps (messages, maps, social networks) and wait; a check of 10 to 15 minutes sees most spyware that reports regularly.
ncii-added = { $count ->
    [one] { $count } item added to the evidence locker of case { $reference }, stored encrypted with its hashes.
   *[other] { $count } items added to the evidence locker of case { $reference }, stored encrypted with their hashes.
}
ncii-locker-empty = The evidence locker of this case is empty.
ncii-find-nothing-to-look-for = Case { $reference } has no sensitive item with a file to look for (mark items as sensitive, or use --all).
ncii-find-exact = Exact copy of item #{ $item }: { $path }
ncii-find-similar = Similar to item #{ $item } (distance { $distance } of 256): { $path }
ncii-find-summary = { $files ->
    [one] { $files } file read
   *[other] { $files } files read
}, { $images ->
        [one] { $images } picture compared by appearance
       *[other] { $images } pictures compared by appearance
    }, { $videos ->
        [one] { $videos } video compared exactly
       *[other] { $videos } videos compared exactly
    }; { $found ->
        [one] { $found } copy found
       *[other] { $found } copies found
    } at distance { $distance } or less, in { $seconds } s.
ncii-find-without-pdq = { $count ->
    [one] { $count } picture could only be compared exactly (HEIC, too large or damaged).
   *[other] { $count } pictures could only be compared exactly (HEIC, too large or damaged).
}
ncii-find-unreadable = Could not be read: { $path } ({ $detail }).
ncii-find-limits = What this search does not see: pictures cropped heavily, rotated, mirrored or with much added to them, pictures inside videos, documents or archives, and files in folders that could not be read. Finding nothing is not proof that no copy exists.
ncii-hashes-written = { $count ->
    [one] { $count } hash line written to { $path }.
   *[other] { $count } hash lines written to { $path }.
} The file holds hashes only: no image, name or description. The images themselves never leave this machine.
case-closed-said = Case { $reference } is closed: it stays readable, and no check can be added to it any more. It can be reopened with: vigie case reopen { $reference }
case-reopened-said = Case { $reference } is reopened.
case-withdrawn-said = The file { $name } is withdrawn from case { $reference }: it stays stored with its history, and exports no longer carry it.
case-created = New case opened: { $reference }.
case-create-ask = There is no case “{ $reference }” yet. Open it? [y/N]
case-not-created = No case was opened; check the reference “{ $reference }” (vigie case list shows the cases).
export-seal-prompt = Passphrase to seal the intimate images:
export-seal-again = The same passphrase, once more:
export-seal-differ = The two passphrases differ; nothing was exported.
export-seal-needed = To seal the intimate images, give the passphrase in VIGIE_SEAL_PASSPHRASE or run the command in a terminal.
export-seal-short = The passphrase sealing the intimate images must have at least { $min } characters.
case-evidence-title = Evidence files:
case-evidence-line = no. { $id }: { $name } (SHA-256 { $sha }…)
case-evidence-withdrawn = withdrawn on { $when } by { $by }: { $reason }
case-evidence-interrupted = incomplete: the transfer stopped part-way, the SHA-256 is that of the part received
