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

# The operating system's errors, by number (Linux), said in the operator's language.
os-error = { $words } (system error { $code })
os-error-1 = operation not permitted
os-error-2 = no such file or folder
os-error-5 = input/output error (the medium may be damaged or was removed)
os-error-6 = no such device or address
os-error-12 = not enough memory
os-error-13 = permission denied
os-error-16 = device or resource busy
os-error-17 = the file already exists
os-error-19 = no such device
os-error-20 = not a folder
os-error-21 = it is a folder
os-error-22 = invalid argument
os-error-24 = too many open files
os-error-28 = no space left on the disk
os-error-30 = read-only medium
os-error-32 = the connection was cut (broken pipe)
os-error-36 = file name too long
os-error-39 = the folder is not empty
os-error-95 = operation not supported
os-error-98 = the address is already in use
os-error-99 = the address is not available on this machine
os-error-101 = network unreachable
os-error-104 = the connection was reset by the other side
os-error-110 = the connection timed out
os-error-111 = connection refused
os-error-113 = host unreachable
os-error-122 = disk quota exceeded
