# Vigie — preuves d’images intimes (français)

ncii-error-io = { $path } n’a pas pu être lu : { $detail }.
ncii-error-unsupported = { $path } n’est pas un format d’image que Vigie sait lire (JPEG, PNG, WebP, GIF, BMP ; les photos HEIC doivent d’abord être converties).
ncii-error-decode = { $path } n’a pas pu être décodé : { $detail }.
ncii-error-too-large = L’image { $path } est trop grande pour que son empreinte soit calculée ({ $width } × { $height } pixels ; 50 millions de pixels au plus).
ncii-no-pdq-unsupported = { $path } : le format de cette image (HEIC) ne peut pas être décodé ici, elle n’a donc pas d’empreinte PDQ ; ses empreintes exactes (MD5, SHA-256) sont conservées. Convertissez-la en JPEG pour en obtenir une.
ncii-no-pdq-too_large = { $path } : cette image est trop grande pour être décodée ici, elle n’a donc pas d’empreinte PDQ ; ses empreintes exactes (MD5, SHA-256) sont conservées.
ncii-no-pdq-damaged = { $path } : cette image est endommagée et n’a pas pu être décodée, elle n’a donc pas d’empreinte PDQ ; ses empreintes exactes (MD5, SHA-256) sont conservées.
ncii-kind-screenshot = Capture d’écran
ncii-kind-photo = Photo
ncii-kind-video = Vidéo
ncii-kind-web_page = Page web enregistrée
ncii-kind-messages = Messages
ncii-kind-link = Lien
ncii-kind-other = Autre fichier
ncii-sensitive = image sensible
ncii-quality = qualité
ncii-no-frames-no_decoder = { $path } : l’empreinte des images de la vidéo n’a pas été calculée (ffmpeg n’est pas installé : apt install ffmpeg) ; les empreintes exactes du fichier (MD5, SHA-256) sont conservées.
ncii-no-frames-undecodable = { $path } : les images de la vidéo n’ont pas pu être décodées ; les empreintes exactes du fichier (MD5, SHA-256) sont conservées.
ncii-no-frames-too_large = { $path } : la vidéo est trop grande pour que l’empreinte de ses images soit calculée depuis le dossier ; ajoutez-la avec « vigie ncii add » depuis son fichier pour l’obtenir. Les empreintes exactes du fichier (MD5, SHA-256) sont conservées.
