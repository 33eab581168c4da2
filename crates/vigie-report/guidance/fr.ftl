# Suite à donner, dans les rapports de Vigie (français).
# Une association peut modifier ce fichier et le placer dans DATA_DIR/guidance/fr.ftl :
# Vigie l’utilise alors à la place de celui-ci. Gardez les clés ; changez les textes.
# Les sections sont choisies selon ce qui a été trouvé : before-removing, safety-plan et
# evidence quand quelque chose mérite attention ; accounts dès qu’il y a une constatation ;
# les autres toujours. Numéros d’aide : une clé par pays (helplines-fr, helplines-be, ...),
# helplines-other sinon.

title = Suite à donner
before-removing = Ne supprimez et ne désinstallez rien pour l’instant, et ne confrontez pas la personne que vous soupçonnez. Supprimer une application espion alerte la personne qui l’a installée, peut la faire passer à l’acte, et détruit des preuves. Décidez-en avec un ou une intervenante, une fois un plan de mise en sécurité en place.
safety-plan = Construisez un plan de mise en sécurité avec une association spécialisée : qui appeler en cas d’urgence, un lieu sûr où aller, les documents et affaires à emporter, et comment continuer à utiliser le téléphone normalement en attendant, pour que rien ne paraisse changé.
evidence = Conservez ce rapport et les preuves qu’il liste. Notez, avec les dates, ce qui vous fait penser que vous êtes surveillée (ce que la personne savait, des messages, des lieux). Faites des captures d’écran de ce qui est suspect. Ne supprimez ni messages ni applications.
accounts = Depuis un appareil sûr (pas ce téléphone), vérifiez vos comptes en ligne (Google, Apple, messagerie, réseaux sociaux) : appareils connectés, adresse et numéro de récupération, partage de position, sauvegardes. Ne changez les mots de passe qu’une fois que le plan de mise en sécurité le permet : la personne pourrait s’en apercevoir.
emergency-line = Mettez en place une ligne sûre : un second téléphone que la personne n’a jamais eu en main (même un modèle prépayé bon marché), une messagerie sécurisée dessus, une personne de confiance au courant de la situation, et des mots de code pour demander de l’aide sans le dire.
who-helps = Qui peut aider : les associations d’aide aux victimes de violences conjugales, les accompagnants en sécurité numérique (qui vérifient appareils et comptes), et les permanences juridiques ou avocats pour la plainte et les mesures de protection.
police-can = Ce que la police et la gendarmerie peuvent faire avec ces éléments : enregistrer la plainte avec ce rapport joint, demander au juge une ordonnance de protection, et faire examiner les appareils par des spécialistes. Les empreintes (SHA-256) de ce rapport permettent à chacun de vérifier que les fichiers n’ont pas été modifiés.
police-cannot = Ce que ce rapport ne peut pas faire à lui seul : prouver qui a installé une application ni qui en lit les données, ni montrer ce qui n’a pas été vérifié. C’est un élément du dossier, à lire avec le récit de la personne et les autres preuves.
nothing-found = Ces vérifications n’ont rien trouvé. Ce n’est pas une preuve qu’il n’y a pas de surveillance : certaines applications espion sont inconnues, certaines surveillent seulement par les comptes en ligne, et une vérification réseau ne voit que les applications qui ont communiqué pendant la vérification. Si vos inquiétudes demeurent, parlez-en à un ou une intervenante : d’autres vérifications (comptes, autre appareil) peuvent aider.
helplines-fr = En France : 3919 (Violences Femmes Info, gratuit et anonyme, 24 h/24, 7 j/7) ; le 17 ou un SMS au 114 en cas d’urgence ; arretonslesviolences.gouv.fr pour signaler en ligne ; l’association Echap pour l’accompagnement en sécurité numérique.
helplines-be = En Belgique : 0800 30 030 (Écoute violences conjugales, gratuit) ; le 101 ou le 112 en cas d’urgence.
helplines-other = En cas d’urgence, appelez le numéro d’urgence local (112 en Europe). Demandez à une association spécialisée le numéro national d’écoute pour les violences conjugales.
