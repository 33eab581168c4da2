# Next steps in Vigie's reports (English).
# A support organisation can edit this file and put it in DATA_DIR/guidance/en.ftl:
# Vigie then uses it instead of this built-in one. Keep the keys; change the texts.
# Sections are chosen from what was found: before-removing, safety-plan and evidence when
# something needs attention; accounts when anything was found; the others always.
# Helplines: one key per country code (helplines-fr, helplines-be, ...), helplines-other else.

title = Next steps
before-removing = Do not remove or uninstall anything for now, and do not confront the suspected abuser. Removing spyware alerts whoever installed it, can push them to escalate, and destroys evidence. Decide together with a support worker, once a safety plan is in place.
safety-plan = Make a safety plan with a specialised association: who to call in an emergency, a safe place to go, the documents and things to take, and how to keep using the phone normally meanwhile so that nothing looks different.
evidence = Keep this report and the evidence it lists. Write down, with dates, what makes you think you are being watched (things the suspected abuser knew, messages, places). Take screenshots of anything suspicious. Do not delete messages or apps.
accounts = From a safe device (not this phone), check your online accounts (Google, Apple, e-mail, social networks, messaging): connected devices, recovery e-mail and phone number, location sharing, backups. Change passwords only once the safety plan allows it: the suspected abuser may notice.
images = Intimate images shared or threatened without consent: keep evidence (screenshots with the date and the address, the messages), report the content to each platform, and use a hash-based service such as StopNCII.org to block re-uploads without sending the images. In France, spreading sexual images of someone without their consent is an offence (article 226-2-1 of the penal code): a complaint can be filed.
emergency-line = Set up a safe line: a second phone the suspected abuser has never touched (even a cheap prepaid one), a secure messenger on it, a trusted contact who knows the situation, and code words to ask for help without saying so.
who-helps = Who can help: associations for victims of domestic violence, digital-security specialists (who check devices and accounts), and legal clinics or lawyers for the complaint and protection orders.
police-can = What the police can do with this evidence: record the complaint with the report attached, ask a judge for protection orders, and have the devices examined by specialists. The hashes in this report let anyone check that the files were not altered.
police-cannot = What this report cannot do by itself: prove who installed an app or who reads its data, nor show what was not checked. It is one piece of the file, to be read with the person's own account and the other evidence.
nothing-found = Nothing was found by these checks. This is not proof that there is no spying: some spyware is not known yet, spying can go only through online accounts, and a network check only sees apps that talked during it. If your worries remain, talk to a support worker: other checks (accounts, another device) may help.
helplines-fr = In France: 3919 (violence against women, free and anonymous, 24/7); 17 or SMS to 114 in an emergency; arretonslesviolences.gouv.fr to report online; the Echap association for digital-security help.
helplines-be = In Belgium: 0800 30 030 (Écoute violences conjugales, free); 101 or 112 in an emergency.
helplines-other = In an emergency, call the local emergency number (112 in Europe). Ask a specialised association for the national helpline for domestic violence.

# Intimate images: the chronology and the take-down requests the app drafts from the
# evidence locker. Variables: $case (the case reference), $when, $where, $who, $link,
# $what (the kind of item), $hash (its SHA-256), $pdq (its PDQ hash, or nothing).
takedown-title = Take-down requests and chronology
takedown-intro = These drafts are made from the evidence locker. Read them with the person, change what is not right, and send them only if they agree. The images themselves are never attached: platforms can find the content from its address.
takedown-legal = The law, in plain words (France): spreading, without someone's agreement, an image or video of a sexual nature showing them is an offence (article 226-2-1 of the penal code), even when the person agreed to the picture being taken or sent it themselves. Threats to spread such images and blackmail can be offences too. Platforms must act on reports of illegal content. This is general information, not legal advice: a lawyer or a victim-support association can say what applies to this situation.
takedown-services = Services that help: each platform's own reporting form (choose "non-consensual intimate image" where offered); StopNCII.org, which shares only the hashes of the images (for adults); Take It Down (NCMEC) for images taken before 18; in France, PHAROS (internet-signalement.gouv.fr) to report illegal content to the police.
takedown-chronology = Chronology for the complaint
takedown-chronology-note = Dates and places as told by the person; the times the files record themselves are in the locker.
takedown-not-said = not said
takedown-draft-title = Request to { $where }
takedown-draft =
    Subject: Removal of an intimate image published without consent

    Hello,

    Intimate content showing me ({ $what }) was published without my consent on { $where }, around { $when }, by { $who }.
    Address of the content: { $link }

    I did not agree to this publication. I ask you to remove this content without delay and to prevent it from being published again.
    A complaint is being made (reference { $case }). The file's SHA-256 hash is { $hash }.

    Thank you for confirming when it has been removed.
