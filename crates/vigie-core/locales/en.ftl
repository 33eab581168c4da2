# Vigie — shared wording (English).

verdict-nothing-found = Nothing suspicious was found in what was checked.
verdict-unusual = A few unusual things were seen; none of them is a sign of spyware on its own.
verdict-suspicious = Some signs deserve a closer look with a support worker.
verdict-known-spyware = Traces of known spyware were found.
verdict-not-proof = "Nothing found" is not proof that there is no spyware: see what was checked and what was not.
verdict-keep-evidence = Do not remove anything for now: removing spyware can alert whoever installed it, and destroys evidence. Decide with a support worker, once a safety plan is in place.

severity-high = high
severity-medium = medium
severity-low = low
severity-info = information

category-stalkerware = stalkerware
category-watchware = monitoring app (watchware)
category-mercenary_spyware = mercenary spyware
category-spyware = spyware

label-sep = {": "}
label-verdict = Verdict
label-findings = Findings
label-no-findings = No findings.
label-rule = Rule
label-indicator = Indicator
label-source = Source
label-app = App
label-evidence = Evidence
label-occurrences = Seen
label-checked = What was checked
label-not-checked = What was not checked
label-frames = packets { $first }–{ $last }
label-frame = packet { $frame }
label-flow = flow
label-bytes = { $up ->
    [one] { $up } byte sent
   *[other] { $up } bytes sent
}, { $down ->
    [one] { $down } byte received
   *[other] { $down } bytes received
}

check-kind-network = network
check-kind-network-live = live network
check-kind-android = Android
check-kind-ios-backup = iPhone backup
check-kind-ios-device = connected iPhone
check-title-network = Network capture check
check-title-network-live = Live Wi-Fi check
check-title-android = Android phone check
check-title-ios-backup = iPhone backup check
check-title-ios-device = Connected iPhone check

coverage-packets = { $packets ->
    [one] { $packets } packet
   *[other] { $packets } packets
} read from { $files ->
    [one] one capture file
   *[other] { $files } capture files
}.
date-utc = { $day } { $month } { $year }, { $time } UTC
date-zoned = { $day } { $month } { $year }, { $time } ({ $zone })
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
