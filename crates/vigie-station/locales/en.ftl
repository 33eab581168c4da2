# Vigie — checks as the station runs them (English).

station-check-failed = The check stopped abnormally. What it stored before is kept in the case; try again.
station-error-unreadable = { $path } could not be read to be kept as evidence ({ $detail }).
