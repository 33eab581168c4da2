# Vigie — preuves d’images intimes (français)

ncii-error-io = { $path } n’a pas pu être lu : { $detail }.
ncii-error-unsupported = { $path } n’est pas un format d’image que Vigie sait lire (JPEG, PNG, WebP, GIF, BMP ; les photos HEIC doivent d’abord être converties).
ncii-error-decode = { $path } n’a pas pu être décodé : { $detail }.
ncii-error-too-large = { $path } est trop grande pour être hachée ({ $width } × { $height } pixels ; 50 millions de pixels au plus).
