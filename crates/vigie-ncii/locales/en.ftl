# Vigie — intimate-image evidence (English)

ncii-error-io = { $path } could not be read: { $detail }.
ncii-error-unsupported = { $path } is not an image format Vigie can read (JPEG, PNG, WebP, GIF, BMP; HEIC photos must be converted first).
ncii-error-decode = { $path } could not be decoded: { $detail }.
ncii-error-too-large = The image { $path } is too large for its hash to be computed ({ $width } × { $height } pixels; at most 50 million pixels).
ncii-no-pdq-unsupported = { $path }: this picture's format (HEIC) cannot be decoded here, so it has no PDQ hash; its exact hashes (MD5, SHA-256) are kept. Convert it to JPEG to get one.
ncii-no-pdq-too_large = { $path }: this picture is too large to decode here, so it has no PDQ hash; its exact hashes (MD5, SHA-256) are kept.
ncii-no-pdq-damaged = { $path }: this picture is damaged and could not be decoded, so it has no PDQ hash; its exact hashes (MD5, SHA-256) are kept.
ncii-kind-screenshot = Screenshot
ncii-kind-photo = Photo
ncii-kind-video = Video
ncii-kind-web_page = Saved web page
ncii-kind-messages = Messages
ncii-kind-link = Link
ncii-kind-other = Other file
ncii-sensitive = sensitive image
ncii-quality = quality
ncii-no-frames-no_decoder = { $path }: the video's frames were not hashed (ffmpeg is not installed: apt install ffmpeg); the file's exact hashes (MD5, SHA-256) are kept.
ncii-no-frames-undecodable = { $path }: the video's frames could not be decoded; the file's exact hashes (MD5, SHA-256) are kept.
ncii-no-frames-too_large = { $path }: the video is too large to have its frames hashed from the case file; add it with "vigie ncii add" from its file to get them. The file's exact hashes (MD5, SHA-256) are kept.
