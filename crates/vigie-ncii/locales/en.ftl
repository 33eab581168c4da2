# Vigie — intimate-image evidence (English)

ncii-error-io = { $path } could not be read: { $detail }.
ncii-error-unsupported = { $path } is not an image format Vigie can read (JPEG, PNG, WebP, GIF, BMP; HEIC photos must be converted first).
ncii-error-decode = { $path } could not be decoded: { $detail }.
ncii-error-too-large = { $path } is too large to hash ({ $width } × { $height } pixels; at most 50 million pixels).
