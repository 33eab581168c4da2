# Vigie — live capture (English).
live-error-no-interface = There is no network interface named { $interface } on this machine.
live-error-loopback = { $interface } is the machine's loopback: only the station's own traffic goes through it, never a phone's. Choose the interface the phone is connected to.
live-error-permission = Capturing on { $interface } needs administrator rights: start Vigie as root or give it the CAP_NET_RAW capability.
live-error-gone = The interface { $interface } disappeared or went down. The check stopped; what was captured before is kept.
live-error-io = The capture on { $interface } stopped: { $detail }. What was captured before is kept.
live-error-evidence = The captured traffic could not be saved ({ $detail }); the check stopped cleanly and what was saved before is kept.
