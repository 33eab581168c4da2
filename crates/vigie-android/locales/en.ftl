# Vigie — Android check (English)

cap-sms = text messages
cap-calls = calls and call history
cap-location = location
cap-microphone = microphone
cap-camera = camera
cap-contacts = contacts
cap-files = photos and files
cap-notifications = every notification (so messages from other apps)
cap-screen = what is on the screen, and typing
cap-device-admin = device locking and wiping
match-package = app identifier (Android package name)
match-cert-sha1 = signing certificate (SHA-1)
match-cert-sha256 = signing certificate (SHA-256)
match-apk = app file (SHA-256 of the APK)
cap-none = nothing sensitive that this check could see

and-ioc-title = { $app } is installed ({ $package })
and-ioc-explain = { $package } is { $app }, listed as stalkerware (spyware installed in secret to watch the phone); it was recognised by its { $matched_keys }.{ $since ->
        [unknown] {""}
       *[other] {" "}First installed: { $since }.
    } With its permissions it can see: { $can_keys }. Do not uninstall it for now: removing it can alert whoever installed it, and destroys evidence. Decide with a support worker, once a safety plan is in place.
and-watchware-title = Monitoring app { $app } is installed ({ $package })
and-watchware-explain = { $package } is { $app }, an app sold for monitoring (parental control, anti-theft, employee tracking) that can also be used to watch a partner; it was recognised by its { $matched_keys }. It is not hidden spyware, but check that the person knows this app is there and agreed to it.{ $since ->
        [unknown] {""}
       *[other] {" "}First installed: { $since }.
    } It can see: { $can_keys }.
and-ioc-history-title = { $app } ran on this phone ({ $package }), according to its battery history
and-ioc-history-explain = The phone's battery history names { $package }, which is { $app }, listed as spyware: it was on the phone at some point. It is not installed now: it may have been removed, or it may be hidden. Talk about it with a support worker, who can help decide what to do next.
and-ioc-property-title = A system property left by { $app } ({ $property })
and-ioc-property-explain = The phone carries the system property { $property }, which an indicator feed ties to { $app }, listed as spyware. A specialist should confirm it; change nothing on the phone meanwhile.
and-ioc-process-title = A process of { $app } is running ({ $process })
and-ioc-process-explain = An indicator feed ties the process { $process }, running on the phone, to { $app }, listed as spyware. Spyware can run under a name that matches no visible app; a specialist should confirm it.
and-sideloaded-common-title = Common app installed from outside a store: { $package }
and-sideloaded-common-explain = { $package } is a common app, installed here from outside an app store (installer: “{ $installer }”): for instance from its maker’s website, by a transfer from a former phone, or as a modified version. It is usually harmless; if the person did not install it that way themselves, it is worth noting.{ $since ->
        [unknown] {""}
       *[other] {" "}First installed: { $since }.
    } It can see: { $can_keys }.
and-sideloaded-common-unknown-explain = { $package } is a common app, installed here from outside an app store (no installer recorded): for instance from its maker’s website, by a transfer from a former phone, or as a modified version. It is usually harmless; if the person did not install it that way themselves, it is worth noting.{ $since ->
        [unknown] {""}
       *[other] {" "}First installed: { $since }.
    } It can see: { $can_keys }.
and-sideloaded-title = App installed from outside any store: { $package }
and-sideloaded-unknown-explain = { $package } was not installed from an app store (no installer recorded): this is how spyware is usually installed, by someone who had the phone in hand. Many ordinary apps are installed this way too.{ $since ->
        [unknown] {""}
       *[other] {" "}First installed: { $since }.
    } It can see: { $can_keys }.
and-sideloaded-explain = { $package } was not installed from an app store (installer: "{ $installer }"): this is how spyware is usually installed, by someone who had the phone in hand. Many ordinary apps are installed this way too.{ $since ->
        [unknown] {""}
       *[other] {" "}First installed: { $since }.
    } It can see: { $can_keys }.
and-hidden-title = App without an icon holding sensitive permissions: { $package }
and-hidden-explain = { $package } has no icon in the app list yet can see: { $can_keys }. Spyware hides this way.{ $since ->
        [unknown] {""}
       *[other] {" "}First installed: { $since }.
    }
and-accessibility-title = Accessibility access held by { $package }
and-accessibility-explain = { $component } is an enabled accessibility service. Accessibility lets an app read everything on the screen and what is typed, and act on the phone; spyware asks for it. Check with the person that they turned it on themselves, for an app they use. This app can see: { $can_keys }.
and-device-admin-title = Device administrator: { $package }
and-device-admin-explain = { $component } is a device administrator: it can lock or wipe the phone and resist being uninstalled. Spyware uses this to stay installed. This app can see: { $can_keys }.
and-notification-listener-title = Notification access held by { $package }
and-notification-listener-explain = { $component } reads every notification, so the messages of other apps (WhatsApp, SMS, e-mail). Smartwatch apps and some ordinary apps use it; so does spyware. This app can see: { $can_keys }.
and-unknown-sources-title = Installing apps from outside a store is allowed
and-unknown-sources-explain = The phone accepts apps from "unknown sources". This is how spyware is installed; it can also have been turned on for an ordinary reason.
and-setting-title = Protection turned off: { $what_keys } ({ $key } = { $value })
and-verifier-off-explain = The setting { $key } is { $value }: Google's or the phone's checking of installed apps is weakened. Whoever installs spyware often turns this off so that it is not flagged.
and-reports-off-explain = The setting { $key } is { $value }: reports to Google or the phone maker are turned off. Whoever installs spyware sometimes does this; it is also a privacy choice many people make.
and-accessibility-on-explain = Accessibility is turned on ({ $key } = { $value }). The apps that use it are listed on their own when they are not part of the system.
setting-adb-verify-off = apps installed over USB are not checked
setting-play-protect-off = Play Protect
setting-apk-verify-off = app verification
setting-adb-confirm-off = confirmation of installs over USB
setting-security-reports-off = sharing of security reports
setting-crash-logs-off = sharing of crash logs with the maker
setting-app-errors-off = app error reports
setting-accessibility-on = accessibility is on
and-third-party-store-title = App from a third-party store: { $package }
and-third-party-store-explain = { $package } was installed by { $installer }, a store other than Google Play or the phone maker's. Worth knowing; not a sign of spyware by itself.
and-developer-title = Developer options or USB debugging are on
and-developer-explain = USB debugging was on when these outputs were taken (a check over USB needs it). If the person did not turn it on, someone else may have used it to install an app. Turn it off again after the check.
and-root-title = The phone shows signs of root access
and-root-explain = Found: { $what }. Root access gives an app full control of the phone, beyond normal permissions; some spyware needs it. It may also have been done by the person who uses the phone.
and-user-ca-title = A certificate authority was added to the phone by hand
and-user-ca-explain = { $certificate } lets whoever holds it read the phone's encrypted traffic (interception). Check who installed it.
and-vpn-title = Always-on VPN: { $package }
and-vpn-explain = All traffic goes through { $package }, always. A VPN app can see where the phone connects. Check with the person that they set it up themselves.
and-proxy-title = A network proxy is set: { $proxy }
and-proxy-explain = Web traffic is sent through { $proxy }. Whoever runs it can see where the phone connects, and more if a certificate was also added.
and-installs-apps-title = { $package } may install other apps
and-installs-apps-explain = { $package } is allowed to install apps ("Install unknown apps"). This is how an app file (APK) such as spyware gets installed from a browser or a file manager. Check with the person that they allowed it themselves.
and-installs-apps-asked-explain = { $package } asked to install apps ("Install unknown apps"); its setting is now "{ $mode }", so it cannot do so without being allowed again.
and-crash-title = A system process crashed: { $process }
and-crash-explain = { $process }, running as { $who_keys }, crashed ({ $signal }, { $when }). Attacks that take over a phone through a flaw can make such processes crash; most crashes, though, are ordinary bugs. Worth a specialist's look only with other signs.
uid-root = root (full control)
uid-system = the system
uid-shell = the USB debugging shell
and-background-title = { $package } used { $what_keys } in the background
and-background-explain = { $package } used { $what_keys } while the app was not on the screen (last time: { $last }). Navigation, fitness or messaging apps do this; so does spyware.

and-coverage-packages = { $packages ->
    [one] { $packages } installed app read
   *[other] { $packages } installed apps read
} ({ $third_party } not part of the system).
and-coverage-certificates = Signing certificates compared for { $count ->
    [one] { $count } app.
   *[other] { $count } apps.
}
and-coverage-indicators = { $count ->
    [one] { $count } indicator checked, from: { $sources }.
   *[other] { $count } indicators checked, from: { $sources }.
}
and-coverage-outputs = Outputs read: { $outputs }.
and-not-checked-certificates = No signing certificate was available: apps are recognised by their names only, and renamed spyware would be missed.
# Written by earlier versions in the checks they stored (their reason in English).
and-not-checked-missing = Not checked: { $what } ({ $why }).
and-missing-malformed = Not checked: { $what } (unreadable or damaged content).
and-missing-link = Not checked: { $what } (a symbolic link, not followed: an acquisition is read only inside its folder).
and-missing-too-large = Not checked: { $what } (file too large).
and-missing-unreadable = Not checked: { $what } (unreadable: { $detail }).
and-missing-refused = Not checked: { $what } (the phone refused the command: "{ $detail }").
and-missing-no-answer = Not checked: { $what } (the phone did not answer).
and-missing-no-root = Not checked: { $what } (not readable over ADB without root).
and-missing-unsigned = Not checked: { $what } ({ $count ->
        [one] one APK without a readable v2/v3 signing block
       *[other] { $count } APKs without a readable v2/v3 signing block
    }).
and-not-checked-general = Spyware that the indicator feeds do not list, and spying done only through an online account (cloud backups, shared accounts), are not recognised by a device check. The content of apps is not read.

and-dump-unreadable = { $path } could not be read: { $detail }.
and-dump-nothing = No Android output was found in { $path } (expected an androidqf folder, MVT outputs such as dumpsys_package.txt, or a bug report's dumpstate.txt).

android-advice-after = After the check: turn USB debugging and developer options off again (Settings › System › Developer options), unless a support worker advises otherwise. Nothing was changed on the phone.

adb-guide = To check an Android phone: on the phone, open Settings › About phone and tap "Build number" seven times; then in Settings › System › Developer options, turn on "USB debugging". Connect the phone with a USB cable and accept "Allow USB debugging" on its screen. Vigie only reads: nothing is installed or changed.
adb-error-no-server = No adb server answers at { $address }. Install Debian's adb package and run "adb start-server" (it talks to the phone over USB).
adb-error-no-device = No Android phone is connected, or USB debugging is off.
adb-error-several = Several devices are connected ({ $devices }): choose one with --serial.
adb-error-unauthorized = The phone { $serial } has not authorised this computer yet: unlock it and accept "Allow USB debugging" on its screen, then start again.
adb-error-disconnected = The phone disconnected while reading { $step } ({ $detail }). What was read before is kept; reconnect it and start the check again.
adb-error-refused = The phone refused { $request } ({ $detail }).
adb-step = Reading { $step } ({ $done }/{ $total })…
