# Suite à donner, dans les rapports de Vigie (français).
# Une association peut modifier ce fichier et le placer dans DATA_DIR/guidance/fr.ftl :
# Vigie l’utilise alors à la place de celui-ci. Gardez les clés ; changez les textes.
# Les sections sont choisies selon ce qui a été trouvé : before-removing, safety-plan et
# evidence quand quelque chose mérite attention ; accounts dès qu’il y a une constatation ;
# les autres toujours. Numéros d’aide : une clé par pays (helplines-fr, helplines-be, ...),
# helplines-other sinon.

title = Suite à donner
before-removing = Ne supprimez et ne désinstallez rien pour l’instant, et ne confrontez pas l’auteur présumé des faits. Supprimer un logiciel espion alerte qui l’a installé, peut précipiter un passage à l’acte, et détruit des preuves. Décidez-en avec un ou une intervenante, une fois un plan de mise en sécurité établi.
safety-plan = Construisez un plan de mise en sécurité avec une association spécialisée : qui appeler en cas d’urgence, un lieu sûr où aller, les documents et affaires à emporter, et comment continuer à utiliser le téléphone normalement en attendant, pour que rien ne paraisse changé.
evidence = Conservez ce rapport et les preuves qu’il liste. Notez, avec les dates, ce qui vous fait penser que l’on vous surveille (ce que l’auteur présumé savait, des messages, des lieux). Faites des captures d’écran de ce qui est suspect. Ne supprimez ni messages ni applications.
accounts = Depuis un appareil sûr (pas ce téléphone), vérifiez vos comptes en ligne (Google, Apple, messagerie, réseaux sociaux) : appareils connectés, adresse et numéro de récupération, partage de position, sauvegardes. Ne changez les mots de passe qu’une fois que le plan de mise en sécurité le permet : l’auteur présumé pourrait s’en apercevoir.
images = Images intimes diffusées ou menacées de l’être sans consentement : conservez les preuves (captures d’écran avec la date et l’adresse, les messages), signalez le contenu à chaque plateforme, et utilisez un service par empreintes comme StopNCII.org pour bloquer les republications sans envoyer les images. En France, diffuser sans son accord des images à caractère sexuel d’une personne est un délit (article 226-2-1 du code pénal) : une plainte peut être déposée.
emergency-line = Mettez en place une ligne sûre : un second téléphone que l’auteur présumé n’a jamais eu en main (même un modèle prépayé bon marché), une messagerie sécurisée dessus, une personne de confiance au courant de la situation, et des mots de code pour demander de l’aide sans le dire.
who-helps = Qui peut aider : les associations d’aide aux victimes de violences conjugales, les spécialistes de la sécurité numérique (qui vérifient appareils et comptes), et les permanences juridiques ou les avocats pour la plainte et les mesures de protection.
police-can = Ce que la police et la gendarmerie peuvent faire avec ces éléments : enregistrer la plainte avec ce rapport joint, demander au juge une ordonnance de protection, et faire examiner les appareils par des spécialistes. Les empreintes (SHA-256) de ce rapport permettent à chacun de vérifier que les fichiers n’ont pas été modifiés.
police-cannot = Ce que ce rapport ne peut pas faire à lui seul : prouver qui a installé une application ni qui en lit les données, ni montrer ce qui n’a pas été vérifié. C’est un élément du dossier, à lire avec le récit de la personne et les autres preuves.
nothing-found = Ces vérifications n’ont rien trouvé. Ce n’est pas une preuve qu’il n’y a pas de surveillance : certains logiciels espions ne sont pas encore connus, une surveillance peut passer seulement par les comptes en ligne, et une vérification réseau ne voit que les applications qui ont communiqué pendant la vérification. Si vos inquiétudes demeurent, parlez-en à un ou une intervenante : d’autres vérifications (comptes, autre appareil) peuvent aider.
helplines-fr = En France : 3919 (Violences Femmes Info, gratuit et anonyme, 24 h/24, 7 j/7) ; le 17 ou un SMS au 114 en cas d’urgence ; arretonslesviolences.gouv.fr pour signaler en ligne ; l’association Echap pour l’accompagnement en sécurité numérique.
helplines-be = En Belgique : 0800 30 030 (Écoute violences conjugales, gratuit) ; le 101 ou le 112 en cas d’urgence.
helplines-other = En cas d’urgence, appelez le numéro d’urgence local (112 en Europe). Demandez à une association spécialisée le numéro national d’écoute pour les violences conjugales.

# Images intimes : la chronologie et les demandes de retrait que l’application rédige à
# partir du coffre de preuves. Variables : $case (la référence du dossier), $when, $where,
# $who, $link, $what (le type d’élément), $hash (son SHA-256), $pdq (son empreinte PDQ).
takedown-title = Demandes de retrait et chronologie
takedown-intro = Ces brouillons sont faits à partir du coffre de preuves. Relisez-les avec la personne, corrigez ce qui n’est pas juste, et envoyez-les seulement si elle est d’accord. Les images elles-mêmes ne sont jamais jointes : les plateformes retrouvent le contenu par son adresse.
takedown-legal = La loi, en mots simples (France) : diffuser, sans l’accord de la personne, une image ou une vidéo à caractère sexuel la montrant est un délit (article 226-2-1 du Code pénal), même si la personne avait accepté la prise de vue ou avait elle-même envoyé l’image. Les menaces de diffusion et le chantage peuvent aussi être des infractions. Les plateformes doivent agir sur les signalements de contenus illicites. Ceci est une information générale, pas un conseil juridique : un avocat ou une association d’aide aux victimes peut dire ce qui s’applique à cette situation.
takedown-services = Services qui aident : le formulaire de signalement de chaque plateforme (choisir « image intime diffusée sans consentement » quand il existe) ; StopNCII.org, qui ne partage que les empreintes des images (pour les adultes) ; Take It Down (NCMEC) pour les images prises avant 18 ans ; en France, PHAROS (internet-signalement.gouv.fr) pour signaler un contenu illicite à la police.
takedown-chronology = Chronologie pour la plainte
takedown-chronology-note = Dates et lieux tels que la personne les a indiqués ; les heures enregistrées par les fichiers eux-mêmes sont dans le coffre.
takedown-not-said = non précisé
takedown-draft-title = Demande à { $where }
takedown-draft =
    Objet : Retrait d’une image intime publiée sans mon consentement

    Bonjour,

    Un contenu intime me représentant ({ $what }) a été publié sans mon consentement sur { $where }, vers { $when }, par { $who }.
    Adresse du contenu : { $link }

    Je n’ai pas consenti à cette publication. Je vous demande de retirer ce contenu sans délai et d’empêcher qu’il soit publié à nouveau.
    Une plainte est en cours (référence { $case }). L’empreinte SHA-256 du fichier est { $hash }.

    Merci de me confirmer son retrait.
