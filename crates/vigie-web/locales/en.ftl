# Vigie — station app (English).
web-lang-other = Français
web-footer = Vigie works offline on this machine. Nothing is sent elsewhere.
web-skip-link = Skip to the page's content
web-nav-cases = Cases
web-nav-hotspot = Wi-Fi hotspot
web-nav-operators = Operators
web-logout = Log out
web-error-remote = { $address } is not a local (loopback) address: the app would be reachable from the network. Add --allow-remote if that is really wanted.
web-error-listen = The app cannot listen on { $address }: { $detail }.
web-serving = The station app is open at { $url } (Ctrl-C stops it).
web-forbidden-title = Not allowed
web-unknown-host = This address is not the station's. Open the station at its own address (for example http://127.0.0.1:8470/ on the station itself).
web-forbidden = This action was refused (expired form or missing rights). Go back, reload the page and try again.
web-error-title = Something went wrong
web-back-cases = Back to the cases
web-back-case = Back to the case
web-operator-name = Operator name
web-password = Password
web-setup-title = Welcome: create the administrator
web-setup-intro = This station has no operator yet. Create the administrator account; it can then add the other operators.
web-setup-button = Create the administrator
web-password-short = Choose a name and a password of at least { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }.
web-login-title = Log in
web-login-button = Log in
web-login-failed = Name or password not recognised.
web-login-limited = Too many failed attempts from this computer or on this account. Wait five minutes, then try again.
web-login-busy = The station is busy checking other logins. Wait a moment, then try again.
web-name-long = Choose a name of at most { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }.
web-password-long = Choose a password of at most { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }.
web-cases-title = Cases
web-cases-none = No case yet.
web-case-reference = Case reference
web-case-reference-example = e.g. complaint number PV-2026-00042
web-case-reference-hint = A reference only (a complaint or file number): never a name or other personal details.
web-case-reference-invalid = The case reference must hold 1 to 100 characters.
web-case-open = Open the case
web-case-opened = Opened
web-case-checks = Checks
web-case-state = State
web-case-closed = closed
web-case-open-state = open
web-case-title = Case { $reference }
web-case-is-closed = This case is closed: it can be read, but no new check can be added.
web-case-no-checks = No check in this case yet.
web-case-close = Close the case
web-case-purge = Delete the case
web-case-purge-confirm = I confirm: delete this case and everything stored in it
web-retro-title = Found later, with newer indicators
retro-match-web = The check made on { $made } had contacted { $value }, now known to belong to { $app } ({ $source }).
web-evidence-title = Evidence files
web-evidence-none = No evidence file in this case.
web-evidence-purged = content deleted after the retention period (hash kept)
web-evidence-kept = kept as evidence
web-evidence-retention = raw capture: deleted after { $days ->
        [one] { $days } day
       *[other] { $days } days
    } unless kept as evidence
web-evidence-keep = Keep as evidence
web-evidence-kind-capture = live capture
web-evidence-kind-import = imported file
web-evidence-kind-report = report
web-import-label = Import capture files (pcap, pcapng; several at once)
web-import-button = Import and check
web-import-done = The files were stored in the case and checked.
web-import-interrupted = The upload was interrupted ({ $detail }). What arrived before is kept in the case.
web-import-failed = The imported files could not be checked. They are kept in the case.
web-import-no-capture = None of these files is a capture that can be checked ({ $detail }). They are kept in the case.
web-live-title = Live check — case { $reference }
web-live-intro = The phone joins the station's network (the hotspot or a network this machine watches); Vigie shows what it contacts as it happens.
web-live-advice-unlocked = Keep the phone unlocked and connected to this network only (mobile data off).
web-live-advice-apps = Open a few apps: messages, maps, social networks, the browser.
web-live-advice-duration = A check of about { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } sees most spyware that reports regularly.
web-live-interface = Network interface
web-live-minutes = Duration (minutes)
web-live-go = Start
web-live-running = Live check
web-live-services = Services contacted
web-live-stop = Stop and save to the case
web-live-saved = The check is saved in the case.
web-check-unknown = This check is not known (the station may have been restarted). Its saved results are in the case.
verdict-keep-evidence-web = Do not remove anything from the phone for now: removing spyware can alert whoever installed it, and destroys evidence. Decide with a support worker, once a safety plan is in place.
web-interface-wifi = Wi-Fi
web-interface-wired = cable
web-interface-down = inactive
web-level-known-spyware = Known spyware
web-level-suspicious = Worth a closer look
web-level-unusual = Unusual, not alarming on its own
web-level-nothing-found = Nothing found in what was checked
web-case-verdict-title = This case at a glance
web-case-verdict-none = Nothing has been checked in this case yet.
web-case-verdict-known-spyware = Traces of known spyware were found in this case.
web-case-verdict-suspicious = Some signs in this case deserve a closer look.
web-case-verdict-unusual = A few unusual things were seen; none of them points to spyware on its own.
web-case-verdict-nothing-found = Nothing suspicious was found in what was checked. This is not proof that there is nothing.
web-case-verdict-basis = { $count ->
    [one] Based on one check.
   *[other] Based on { $count } checks: the most serious one decides.
}
web-case-verdict-no-device = The apps installed on the phone were not examined: that is what a device check (Android or iPhone) does.
web-case-verdict-no-network = The phone's network traffic was not observed: that is what a live check on the station's Wi-Fi does.
web-coverage-summary = What was checked, and what was not
web-feeds-compared = { $count ->
    [one] Compared with one indicator feed: { $names }.
   *[other] Compared with { $count } indicator feeds: { $names }.
}
web-joined-title = Device seen joining the network:
web-joined-none = No device was seen joining the network during this check.
web-live-no-traffic = No traffic has arrived yet: check that the phone is connected to the station's network.
web-live-no-device-yet = No phone has been seen joining yet (a phone already connected before the start does not ask again; its traffic is still checked).
web-live-phone = Phone connected
web-live-meanwhile = Meanwhile: keep the phone unlocked, mobile data off, and open a few apps (messages, maps, social networks, the browser). Do not stop before the end unless you need to.
web-live-too-early = Too early to conclude: the check has only just begun.
web-live-nothing-yet = Nothing suspicious in the traffic so far; the check goes on.
web-live-ended-too-early = The check ended too early to conclude: nothing suspicious was seen in the little traffic it read.
web-live-running-for = Running for { $duration } — { $left } left
web-live-stopped-after = Stopped after { $duration }
web-live-see-result = See the result
web-result-title = { $kind_keys } — case { $reference } — { $made }
web-check-details = See this check in detail
web-operators-title = Operators
web-operator-admin = administrator
web-operator-add = Add the operator
web-hotspot-title = Wi-Fi hotspot
web-hotspot-intro = The station opens its own Wi-Fi network for this check, with a new name and password each time.
web-hotspot-interface = Wi-Fi interface
web-hotspot-uplink = Internet access through
web-hotspot-no-uplink = none (the phone will have no internet)
web-hotspot-start = Open the hotspot
web-hotspot-stop = Close the hotspot
web-hotspot-then = Then open the case and start a live check on { $interface }.
web-hotspot-no-wifi = This machine has no Wi-Fi interface that can host a hotspot. A live check can still watch another interface.

web-android-title = Android phone check — case { $reference }
web-android-intro = The phone is read over USB, read-only: its apps, their permissions and special accesses, its settings. Nothing is installed, changed or removed, and every output read is kept in the case with its SHA-256.
web-android-go = Read this phone
web-android-wait = Keep the phone connected and unlocked until the end. This takes a minute or two.
web-android-saved = The check and every output read are saved in the case.
web-android-apps = Apps, most worrying first
web-android-phone = About the phone as a whole
web-android-no-sign = no sign found
web-android-since = { $since ->
    [unknown] first installation unknown
   *[other] first installed: { $since }
}
web-android-installer = { $installer ->
    [unknown] No installer recorded
   *[other] Installed by: { $installer }
}
web-android-data = Since the last full charge: { $received } MB received, { $sent } MB sent.
web-interview = Interview checklist
web-interview-title = Interview checklist — case { $reference }
web-interview-intro = Optional questions to go through with the person, at their pace. Leave blank whatever they do not want to answer. The answers appear in the report and shape its next steps.
web-interview-note = Note (optional)
web-interview-save = Save the answers
web-interview-saved = The answers are saved in the case.
web-report = Write the report
web-report-audience = For
web-report-for-police = the investigators (full report)
web-report-for-person = the person (plain summary)
web-report-format = Format
web-export = Export the evidence (signed archive)
web-report-failed = The report could not be written ({ $detail }).
web-locker-open = Evidence locker (images)
web-locker-title = Evidence locker — case { $reference }
web-locker-intro = Keep here what shows that intimate images were shared, or that sharing them was threatened: screenshots of posts and messages, photos of a screen, saved pages, message exports, links. Each file is stored encrypted with its hashes; what you type is kept apart from what the file itself records.
web-locker-privacy = Images marked sensitive are never shown in full unless someone asks: the person decides whether to look. They are never printed in reports, which list them by hash and description only.
web-locker-add = Add files
web-locker-files = Files
web-locker-kind = What they are
web-locker-kind-auto = From each file
web-locker-sensitive = Sensitive image (blurred, never printed)
web-locker-seen_at = When it was seen or published
web-locker-place = Where (platform, site, group)
web-locker-posted_by = Who posted or sent it
web-locker-link = Address of the content
web-locker-note = Note
web-locker-add-button = Add to the locker
web-locker-link-title = Add a link
web-locker-link-button = Add the link
web-locker-drafts = Take-down requests and chronology
web-locker-drafts-title = Take-down requests — case { $reference }
web-locker-hashes = Download the hash list (no image)
web-locker-items = In the locker
web-locker-empty = Nothing in the locker yet.
web-locker-image-alt = The image as stored
web-locker-blurred-alt = Blurred preview of a sensitive image
web-locker-blurred-note = Sensitive image, blurred. Show it only if the person agrees.
web-locker-show = Show the image
web-locker-hide = Blur again
web-locker-told = What was told
web-locker-file-says = What the file records
web-locker-added = Added
web-locker-file-name = File name
web-locker-size = Size
web-locker-file-modified = File's own date
web-locker-exif-taken = Taken (camera clock)
web-locker-exif-modified = Changed (camera or editor)
web-locker-exif-device = Device
web-locker-exif-software = Software
web-locker-exif-location = Location
web-locker-exif-location-yes = The file records where it was taken (GPS).
web-locker-no-pdq-unsupported = none: this format (HEIC) cannot be decoded here; convert it to JPEG to get one.
web-locker-no-pdq-too_large = none: the picture is too large to decode here.
web-locker-no-pdq-damaged = none: the picture is damaged.
web-locker-no-file = No file was received.
web-locker-no-link = Give the address of the content.
web-locker-added-msg = Added to the locker, stored encrypted with its hashes.
web-locker-what = What
web-evidence-kind-locker = evidence locker
web-ios-title = iPhone check — case { $reference }
web-ios-intro = The backup is read where it is, read-only: apps, messages, browsing, data use, privacy permissions, settings, configuration profiles and accounts. Nothing in it is changed; the databases read are kept in the case with their SHA-256.
web-ios-guide = The simplest way is to connect the iPhone to this station (above): the station then makes the backup itself. If the person prefers, the backup can also be made on their own computer: with Finder on a Mac, or with the Apple Devices app (or iTunes) on Windows, choosing "Back up all of the data on your iPhone to this Mac" (or "… to this PC"). Then copy the backup's folder onto this station (with a USB stick, for instance) and give it below: it is the folder named after the phone's identifier that holds Manifest.db, in ~/Library/Application Support/MobileSync/Backup on a Mac, or in Apple\MobileSync\Backup under the user's profile on Windows. An encrypted backup holds more (passwords, Wi-Fi, browsing history, calls, Health), but ticking "Encrypt local backup" sets a password on the phone itself, which stays after the check and which someone else backing up this phone would notice: do it only if the person agrees, once a safety plan is in place, and choose the password with them. If the phone already encrypts its backups, the person's backup password is needed.
web-ios-path = Backup folder on this station (it holds Manifest.db)
web-ios-password = Backup password (only for an encrypted backup)
web-ios-go = Check this backup
web-ios-no-path = Give the backup's folder.
web-ios-saved = The check and the databases read are saved in the case.
web-ios-findings = What was found
web-ios-accounts = Accounts on the iPhone
web-ios-device-name = Name
web-ios-device-model = Model
web-ios-device-version = iOS version
web-ios-device-backup-date = Backup made on
web-locker-frames = PDQ of the video's frames
web-locker-frames-count = { $count ->
    [one] { $count } frame, one a second
   *[other] { $count } frames, one a second
}
web-locker-no-frames-no_decoder = not computed: ffmpeg is not installed on this station
web-locker-no-frames-undecodable = not computed: the video could not be decoded
web-locker-no-frames-too_large = not computed: the video is larger than 1 GB; add it with "vigie ncii add" from its file to get them
web-ios-device-title = The iPhone connected to this station
web-ios-device-intro = Connect the iPhone with its cable and unlock it. The phone will ask "Trust this computer?": the person decides, taps "Trust" and types their passcode. Vigie then lists its apps (with who signed each one) and its configuration profiles and, if ticked, makes a backup, stored encrypted straight into the case. Nothing on the phone is installed, removed or changed.
web-ios-device-backup = Make a backup of the phone into the case (messages, browsing, data use and permissions are checked from it)
web-ios-device-password = Backup password (only if the phone already encrypts its backups)
web-ios-device-go = Check the connected iPhone
web-ios-folder-title = A backup already made
web-backups-title = Phone backups kept in this case
web-backup-files = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
web-backup-complete = complete on { $made }; hash of every file (name and SHA-256): { $sha }
web-backup-interrupted = interrupted: what arrived is kept but has no hash; make a new backup for a complete one
web-case-reopen = Reopen the case
web-case-close-ask = Close case { $reference }? It will stay readable, with its reports and its export, but no check can be added to it any more. Only an administrator can reopen it.
web-case-close-yes = Yes, close the case
web-cancel = Cancel
web-evidence-col-file = File
web-evidence-col-added = Added
web-evidence-col-size = Size
web-evidence-col-kind = Kind
web-evidence-col-state = State
web-evidence-size = { $bytes ->
    [one] { $bytes } byte
   *[other] { $bytes } bytes
}
web-evidence-withdrawn = withdrawn on { $when } by { $by }: { $reason } (kept, left out of exports)
web-evidence-withdraw = Withdraw this file…
web-evidence-withdraw-hint = For a file added by mistake. It is not erased: it stays in the case and its history, marked as withdrawn, and exports no longer carry it.
web-evidence-withdraw-reason = Why withdraw it?
web-evidence-withdraw-button = Withdraw the file
web-export-intro = The archive holds the case's evidence files, its report (PDF and HTML), its custody log and a manifest signed by the station; it verifies anywhere, offline, with “vigie verify”.
web-export-no-intimate = This case's evidence locker holds no intimate image.
web-export-intimate = { $count ->
    [one] The evidence locker holds one intimate image. What should the archive do with it?
   *[other] The evidence locker holds { $count } intimate images. What should the archive do with them?
}
web-export-leave-out = { $count ->
    [one] Leave it out (its SHA-256 hash is listed in the manifest)
   *[other] Leave them out (their SHA-256 hashes are listed in the manifest)
}
web-export-seal = { $count ->
    [one] Include it, sealed with a passphrase
   *[other] Include them, sealed with a passphrase
}
web-export-seal-hint = Each image is encrypted (an age file); it opens with “age -d” and the passphrase, to be passed on separately, never with the archive.
web-export-seal-passphrase = Passphrase (at least { $min } characters)
web-export-seal-again = The same passphrase, once more
web-export-button = Make the archive
web-export-seal-short = The passphrase sealing the intimate images must have at least { $min } characters. Nothing was exported.
web-export-seal-differ = The two passphrases differ. Nothing was exported.
web-unlock-title = Open the cases
web-unlock-intro = The station's cases are encrypted. Type their passphrase to open them; it is written nowhere and will be asked again after each restart.
web-unlock-passphrase = Passphrase of the cases
web-unlock-choose-hint = First start: choose the passphrase that will encrypt all the station's cases (at least { $min } characters, for example a few unrelated words). Write it down and keep it somewhere safe: without it, no one can open the cases.
web-unlock-new = New passphrase
web-unlock-again = The same passphrase, once more
web-unlock-button = Open
web-unlock-short = The passphrase must have at least { $min } characters.
web-unlock-differ = The two passphrases differ. Type them again.
web-unlock-busy = Another attempt is under way. Wait a moment, then try again.
web-locked-at-start = No passphrase was given: the app will ask for it on its first page.
web-nav-station = Station status
web-station-key = Exports of this station are signed with the key whose fingerprint is { $key }. Whoever receives one checks it with: vigie verify FILE --key { $key }
web-evidence-interrupted = Incomplete: the transfer stopped part-way; the SHA-256 is that of the part received, not of the whole file.
web-password-weak = This password is among the first that would be tried (a repeated character, a run of digits or keyboard letters, a common word, or the name itself): choose a few unrelated words instead.
web-locker-too-large = This file is too large to be shown here (over 64 MiB). It stays in the case with its fingerprints; open it from an export.
web-answers-title = What the person says
web-answers-hint = For each thing flagged, ask the person whether they know it. Their answer goes into the report; an app they use themselves stays listed, with their answer. Nothing is changed on the phone.
web-answer-installed-it = They use it, or set it up themselves
web-answer-does-not-know-it = They do not know it
web-answer-someone-else = Someone else set it up
web-answer-note = What they add (optional)
web-answer-save = Save their answer
web-answer-empty = Choose an answer or write what the person says of it.
web-answer-not-flagged = This check flagged nothing by that name.

# The guided check: from the home page or a case, how the phone is checked, then its result.
web-nav-check = Check a phone
web-check-title = Check a phone
web-check-intro = Choose the person’s case, then how to check the phone. Nothing is installed, removed or changed on the phone.
web-check-open-cases = In an open case
web-check-case-opened = Opened on { $opened }
web-check-new-case = In a new case
web-check-new-case-button = Open the case and go on
web-check-in-case = Check a phone — case { $reference }
web-check-how = How will the phone be checked?
web-check-wifi = Over the station’s Wi-Fi
web-check-wifi-hint = The phone joins the station’s Wi-Fi (QR code); what it exchanges is watched for 15 minutes.
web-check-android = Android, by cable
web-check-android-hint = The phone plugged in over USB (USB debugging on), or an acquisition made with androidqf; its apps are examined.
web-check-ios = iPhone, by cable or backup
web-check-ios-hint = The iPhone plugged in by cable, or a backup already made; nothing in it is changed.
web-check-file = A capture file
web-check-file-hint = A network capture (pcap, pcapng) made by another tool.
web-check-other-way = Choose another way to check
web-import-title = Check a capture file — case { $reference }
web-import-intro = Choose the network capture files (pcap or pcapng) to check. Each file is kept as it is in the case, with its SHA-256 fingerprint.
web-result-means-known-spyware = The check found a known trace of spyware: an app, or a service the phone exchanged data with. It is a strong sign that someone can follow what happens on this phone.
web-result-means-suspicious = Some things look like spyware or come close to it (for instance, a visit to a spyware maker’s website). On their own they do not prove that spyware is installed: they call for a closer examination.
web-result-means-unusual = A few things are out of the ordinary, but everyday apps show them too. They are worth going through with the person; they are no proof of spyware.
web-result-means-nothing-found = Nothing known or suspicious was seen in what was checked. It is no proof that there is nothing: spyware that stayed silent during the check, or hides where it does not look, would not show here (see the details).
web-result-found = What was found
web-result-found-more = { $count ->
    [one] and one more item, in the details below
   *[other] and { $count } more items, in the details below
}
web-result-now = What not to do now
web-result-dont-tell = Do not tell the suspected abuser, and do not change passwords from this phone yet: they could see it.
web-result-plan = Before anything else, make a safety plan with a support association: in France, 3919 (Violences Femmes Info, free and anonymous), or 17 in immediate danger.
web-result-details = See the check’s details
web-result-too-early = Too early to conclude: nothing suspicious in what was seen, but the check saw too little traffic to say more.
web-level-early = No conclusion yet
web-case-verdict-early = The checks of this case saw too little traffic to conclude: nothing suspicious showed in it, but that says nothing of what they did not see.
web-android-dump-title = An acquisition already made (androidqf)
web-android-dump-intro = The folder or zip file androidqf wrote, for instance on a USB stick plugged into the station. It is read without being changed, and kept as it is in the case with its SHA-256 fingerprint.
web-android-dump-path = Where the folder or zip is on the station
web-android-dump-go = Check this acquisition
web-android-dump-step = Reading the acquisition
web-android-no-path = Say where androidqf’s folder or zip is.
web-android-usb-title = The phone, plugged in over USB
web-media-found = On a USB stick or disk plugged into the station:
web-media-check = Check “{ $name }”
web-media-or-type = Or give another place below.
