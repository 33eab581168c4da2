# Vigie — iPhone check (English)

ios-error-not-a-backup = { $path } is not an iPhone backup (it has no Manifest.db). Give the folder that holds Manifest.db and Info.plist (a backup made with Finder, the Apple Devices app or iTunes).
ios-error-encrypted = This backup is encrypted: give its password with --password-file FILE (the password chosen when the backup was made). Nothing was changed.
ios-error-unreadable = { $file } could not be read ({ $detail }). Nothing in the backup was changed.
ios-error-too-deep = { $file } nests lists more than { $levels } levels deep, far more than an iPhone writes: it was not read, so that it cannot stop the station. Nothing in the backup was changed.
ios-error-link = { $file } is a symbolic link: a backup is read only from inside its folder, so the link was not followed. Copy the backup again without links (as Finder or iTunes write it). Nothing was changed.
ios-ioc-title = { $app } — listed spyware
ios-ioc-explain = The backup shows { $value }, in { $what_keys }, which is listed as belonging to the spyware { $app }. Do not delete anything for now: deleting it can alert whoever installed it, and destroys evidence. Decide with a support worker, once a safety plan is in place.
ios-watchware-title = { $app } — monitoring app
ios-watchware-explain = The backup shows { $value }, in { $what_keys }, which belongs to { $app }, an app sold for monitoring (parental control, anti-theft) that can also be used to watch a partner. Check that the person knows this app is there and agreed to it.
ios-jailbreak-title = Traces of a jailbreak
ios-jailbreak-explain = The backup holds apps or folders that only a jailbroken iPhone has (Cydia, Sileo, Zebra or a jailbreak tool). A jailbreak removes the iPhone's protections and is how most spyware for iPhone is installed, by someone who had the phone in hand. A specialist can confirm it on the phone itself.
ios-missing-process-title = Records missing from the data-use database
ios-missing-process-explain = The database where the iPhone counts the data each program uses has numbers missing in its sequence: records may have been deleted, which some spyware does to hide. It also happens for ordinary reasons; read it with the other findings.
ios-lockdown-title = Lockdown Mode is on
ios-lockdown-explain = Lockdown Mode, Apple's extra protection against targeted spyware, is on. This is good for the person's safety; some features (attachments, links, calls from unknown people) are limited while it is on.
ios-what-app = the apps installed
ios-what-sms = messages (SMS and iMessage)
ios-what-safari_history = Safari history
ios-what-safari_browser_state = Safari open tabs
ios-what-webkit_resource_load_statistics = sites visited in apps (WebKit statistics)
ios-what-chrome_history = Chrome history
ios-what-firefox_history = Firefox history
ios-what-whatsapp = WhatsApp messages
ios-what-datausage = data use per program
ios-what-tcc = privacy permissions
ios-what-global_preferences = general settings
ios-covered-backup = The backup's file list ({ $entries ->
        [one] { $entries } entry
       *[other] { $entries } entries
    }) and the apps it names ({ $apps ->
        [one] { $apps } app
       *[other] { $apps } apps
    }).
ios-covered-module = { $what_keys }: { $rows ->
    [one] { $rows } record read.
   *[other] { $rows } records read.
}
ios-covered-module-absent = { $what_keys }: not in this backup.
ios-covered-module-problem = { $what_keys }: could not be read ({ $detail }).
ios-not-covered-unencrypted = An unencrypted backup leaves out saved passwords, Wi-Fi settings, browsing history of recent iOS versions, call history and Health data; an encrypted backup holds them.
ios-not-covered-icloud = The iCloud account: someone who knows its password can see photos, messages and location without any app on the phone. Check its devices and sign-ins from a safe device.
ios-error-wrong-password = This password does not open the backup. Nothing was changed; try again with the password chosen when the backup was made.
ios-password-file = The password file { $path } cannot be read: { $detail }.
ios-what-profiles = configuration profiles
ios-what-accounts = accounts
ios-profile-title = A configuration profile is installed: { $name }
ios-profile-explain = The profile "{ $name }", made by { $organization }, was installed { $when ->
        [unknown] on a date not recorded
       *[other] on { $when }
    }. It { $can_keys }. Ask the person whether they, their employer or their school installed it; a profile they do not know about should be looked at by a digital-security specialist before it is removed.
ios-profile-explain-unknown = The profile "{ $name }", whose maker is not named, was installed { $when ->
        [unknown] on a date not recorded
       *[other] on { $when }
    }. It { $can_keys }. Ask the person whether they, their employer or their school installed it; a profile they do not know about should be looked at by a digital-security specialist before it is removed.
ios-cap-profile-mdm = lets a remote server manage the phone (apps, settings, restrictions)
ios-cap-profile-vpn = can send the phone's traffic through its maker's server
ios-cap-profile-proxy = sends the phone's web traffic through its maker's server
ios-cap-profile-root = makes the phone trust a certificate, which lets its holder read encrypted traffic
ios-cap-profile-notifications = changes how notifications are shown
ios-cap-profile-settings = changes settings of the phone
ios-apple-id-title = Signed in with the Apple ID { $user }
ios-apple-id-explain = The iPhone uses the Apple ID { $user } (iCloud). Check with the person that this account is their own and that nobody else knows its password: whoever does can see photos, messages, location (Find My) and backups from any computer, without touching the phone.
ios-what-manifest = the backup's file list and apps
ios-what-calendar = the calendar
ios-what-safari_favicon = Safari site icons
ios-what-chrome_favicon = Chrome site icons
ios-what-idstatuscache = iMessage and FaceTime address lookups
ios-exploit-quadream-calendar-title = Trace of a known spyware exploit in the calendar
ios-exploit-quadream-calendar-explain = The calendar holds an event shaped like those left by the exploit of QuaDream's spyware (an invitation "Meeting" with the note "Notes"), as Amnesty's MVT checks. This is mercenary spyware, rarely used against individuals in domestic abuse; a specialist should confirm it before anything else is done.
ios-exploit-idstatus-pattern-title = Malformed address lookup, as exploits leave
ios-exploit-idstatus-pattern-explain = The list of iMessage/FaceTime address lookups holds an address with null bytes in it, a pattern left by known zero-click exploits, as Amnesty's MVT checks. A specialist should confirm it before anything else is done.
ios-covered-live = The phone itself, connected by cable: { $apps ->
        [one] { $apps } installed app
       *[other] { $apps } installed apps
    } (with who signed each one) and { $count ->
        [one] { $count } configuration profile
       *[other] { $count } configuration profiles
    }.
ios-not-covered-no-backup = No backup was made during this check: messages, browsing history, data use and the other databases of the phone were not read. Make one from the case (the phone stays unchanged) to check them.
ios-outside-store-title = An app installed outside the App Store: { $name }
ios-outside-store-explain = The app "{ $name }" ({ $value }) was not installed from the App Store: it is signed by "{ $organization }". Monitoring apps for iPhone are often installed this way, with a developer or company certificate, by someone who had the phone in hand. It may also be a work or test app. Ask the person whether they know it; do not remove it before a safety plan is in place.
ios-what-device = the connected phone
ios-not-covered-backup-files = The phone left { $count ->
        [one] { $count } file
       *[other] { $count } files
    } out of its backup, saying why: { $detail }
ios-not-covered-find-my = The backup does not say whether Find My and location sharing with other people ("Share My Location") are on, nor which other devices are signed in with the same Apple ID (these settings are mostly kept in iCloud). Look at them together with the person, on the phone: Settings › (the person's name) › Find My, and the list of devices at the bottom of Settings › (the person's name).
ios-what-sms_attachments = message attachments
ios-what-shortcuts = shortcuts and automations
ios-what-locationd = apps that used the location
ios-what-paired_devices = paired watches and Bluetooth devices
ios-what-profile_events = the log of profiles installed and removed
ios-location-always-title = { $app } may use the location at all times
ios-location-always-explain = The phone lets { $app } know where it is at any time, even when the app is not open ({ $when ->
        [unknown] no use recorded
       *[other] last use recorded: { $when }
    }). Many apps ask for this; if the person does not know this app or did not choose this, look at it together in Settings › Privacy & Security › Location Services. Changing it may be noticed by whoever set it up: decide once a safety plan is in place.
ios-paired-watch-title = An Apple Watch is paired with this iPhone
ios-paired-watch-explain = The backup keeps data for a paired Apple Watch. A paired watch receives the phone's notifications and messages. Check with the person that the watch is their own and stays with them.
ios-paired-bluetooth-title = Devices paired by Bluetooth
ios-paired-bluetooth-explain = These devices were paired with the phone by Bluetooth (most recently seen first). Check with the person that they know each of them: one they do not know (a watch, a speaker, a car) may belong to someone else.
ios-profile-event-installed-title = A profile was installed: { $name }
ios-profile-event-installed-explain = The phone's log records that the profile { $name } was installed { $when ->
        [unknown] on a date not recorded
       *[other] on { $when }
    }{ $value ->
        [unknown] {""}
       *[other] {" "}(by { $value })
    }. Ask the person whether they, their employer or their school installed it.
ios-profile-event-removed-title = A profile was removed: { $name }
ios-profile-event-removed-explain = The phone's log records that the profile { $name } was removed { $when ->
        [unknown] on a date not recorded
       *[other] on { $when }
    }{ $value ->
        [unknown] {""}
       *[other] {" "}(by { $value })
    }. A profile that was there for a while may have changed where the phone's traffic went or who managed it; ask the person whether they know what it was.
ios-shortcut-sends-title = A shortcut sends something from the phone: { $name }
ios-shortcut-sends-explain = The shortcut "{ $name }" ({ $when ->
        [unknown] date made not recorded
       *[other] made on { $when }
    }) takes something private — the location, photos, sounds or what was copied — and sends it by message, e-mail or to a website. Shortcuts and automations can do this on their own, without any spyware. Look at it with the person: do they know it? Do not delete it before a safety plan is in place.
ios-exploit-tmp-attachment-title = A received attachment left in a temporary folder
ios-exploit-tmp-attachment-explain = A message attachment that was received is stored in a temporary system folder with a name shaped like those that known zero-click exploits leave, as Amnesty's MVT checks. It also happens for ordinary reasons; a specialist should look at it with the other findings.
ios-what-firefox_favicon = Firefox site icons
ios-what-webkit_session_resource_log = sites loaded in browsing sessions (WebKit)
ios-what-osanalytics_addaily = network use per program (daily analytics)
ios-what-applications = the apps' store records
ios-outside-store-installer-explain = The backup records that the app "{ $name }" ({ $value }) was installed by "{ $organization }", not from the App Store. Test versions (TestFlight) and developer tools install apps that Apple has not reviewed; monitoring apps for iPhone are sometimes installed this way by someone who had the phone in hand. It may also be a test or work app. Ask the person whether they know it; do not remove it before a safety plan is in place.
ios-outside-store-unknown-explain = The backup has no App Store record for the app "{ $name }" ({ $value }): it was installed some other way (a developer tool, a company certificate), or its record is missing. Monitoring apps for iPhone are sometimes installed this way by someone who had the phone in hand. Ask the person whether they know it; do not remove it before a safety plan is in place.
