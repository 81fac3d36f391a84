# Les mots de Doorstep en français : la page de suivi, puis les messages aux clients et la
# console. Un message par ligne : `id = texte`, `{ $nom }` pour une valeur fournie par le code
# (gardez les noms de variables tels quels). Les ids ne se traduisent pas.
# Un texte qui commence par une espace la garde sous la forme `{ " " }` ; un texte vide est `{ "" }`.
# Un nombre peut choisir une forme du pluriel : `{ $days ->`, puis des lignes `[one] …` et `*[other] …`, `}`.
# Chaque langue a chaque message avec les mêmes variables : `cargo test --lib i18n` le vérifie.

## La page de suivi

description = Suivez votre colis, corrigez vos coordonnées, choisissez un nouveau jour de livraison.
title = Votre colis

order = Commande { $reference } chez { $marketplace }

switch = English

status-created = Commande enregistrée, pas encore expédiée
status-at_supplier = En préparation
status-with_courier = Chez le transporteur
status-out_for_delivery = En cours de livraison
status-attempt_failed = Tentative de livraison échouée
status-delivered = Livré
status-returned = Retourné à l'expéditeur
status-cancelled = Annulé
status-lost = Votre colis a été déclaré perdu

window-firm = Livraison promise : { $window }
window-estimated = Livraison estimée : { $window }

eta = Le livreur pense arriver vers { $time }.
live-next = Prochain arrêt : chez vous. Le livreur est à environ { $minutes } min.
live-one = Environ { $minutes } min : encore 1 arrêt avant le vôtre.
live-many = Environ { $minutes } min : encore { $stops } arrêts avant le vôtre.

carrier = Transporteur : { $name }

handover-waiting = En attente de la confirmation de { $name } qu'il a bien le colis (depuis le { $time }).
handover-waiting-driver = En attente de la confirmation d'un livreur de { $name } qu'il a bien le colis (depuis le { $time }).
handover-gap = { $name } n'a toujours pas confirmé avoir le colis, alors que la remise a été annoncée le { $time }. C'est en retard, et la boutique le voit aussi.
handover-gap-driver = Aucun livreur de { $name } n'a encore confirmé avoir le colis, alors que la remise a été annoncée le { $time }. C'est en retard, et la boutique le voit aussi.

custody-last_confirmed = Dernière prise en charge confirmée : { $name }, le { $time }.

lost-in_transit = Il a disparu entre { $from } et { $to } : { $to } n'a jamais confirmé l'avoir reçu (remise annoncée le { $time }).
lost-in_transit-driver = Il a disparu entre { $from } et un livreur de { $to }, qui n'a jamais confirmé l'avoir reçu (remise annoncée le { $time }).

driver = Livreur : { $name }

driver_rating = noté { $stars } ★ par les clients

pin-title = Votre code de remise
pin-help = Donnez-le au livreur quand vous recevez le colis. Jamais avant.

section-timeline = Ce qui s'est passé
section-attempts = Tentatives de livraison
section-contact = Vos coordonnées
section-reschedule = Choisir un autre moment
section-early = Livraison plus tôt
section-dispute = Ce n'est pas vrai
section-rating = Notez votre livraison

attempt-delivered = Livré le { $time }
attempt-failed = Non livré le { $time }
attempt-verified = Tout est vérifié : lieu, heure et preuve.
attempt-distance = Le livreur était à { $distance } de votre adresse.
attempt-photo = Photo prise par le livreur

field-phone = Numéro de téléphone
field-email = E-mail
field-access_notes = Indications d'accès (nom à l'interphone, étage, code)
field-call_before_arrival = M'appeler avant d'arriver
field-safe_place_allowed = Le colis peut être laissé en mon absence
field-safe_place = Où le laisser
field-start = Du
field-end = Au

reschedule-zone = Heures du fuseau { $zone }.

field-reason = Qu'est-ce qui ne va pas ?
field-comment = Précisez (facultatif)
field-stars = Votre note
field-tags = Qu'avez-vous remarqué ?

button-contact = Enregistrer mes coordonnées
button-reschedule = Choisir ce moment
button-early = J'accepte une livraison plus tôt
button-dispute = Envoyer ma contestation
button-rating = Envoyer ma note

early-help = Le livreur pourra passer avant l'heure promise.
early-given = Vous avez accepté une livraison plus tôt.

dispute-help = Le livreur a écrit quelque chose qui ne s'est pas passé ? Dites-le : le transporteur doit répondre, et la boutique tranche.
dispute-open = Votre contestation est en cours : { $status }.
dispute-status-open = en attente de la réponse du transporteur
dispute-status-responded = le transporteur a répondu, la boutique tranche

rating-help = Votre note va au livreur et au transporteur, sans votre nom ni votre adresse.

done-contact = Vos coordonnées sont à jour. Le livreur les voit tout de suite.
done-reschedule = Votre nouveau créneau est enregistré.
done-early = Merci : le livreur pourra passer plus tôt.
done-dispute = Votre contestation est envoyée. La réponse s'affichera ici.
done-rating = Merci pour votre note.

error-summary = Merci de corriger les champs signalés ci-dessous.
error-phone = Ce numéro de téléphone n'est pas valide.
error-email = Cette adresse e-mail n'est pas valide.
error-access_notes = Trop long.
error-safe_place = Indiquez où le colis peut être laissé.
error-start = Choisissez un début dans le futur.
error-end = La fin doit être après le début.
error-time_skipped = Cette heure n'existe pas ici : on avance l'heure à ce moment. Choisissez-en une autre.
error-time_repeated = Cette heure existe deux fois ici : on recule l'heure à ce moment. Choisissez-en une autre.
error-reason = Choisissez ce qui ne va pas.
error-comment = Trop long (1000 caractères au plus).
error-stars = Choisissez de 1 à 5 étoiles.
error-conflict = Ce n'est plus possible pour ce colis.
error-generic = Vérifiez ce champ.

reason-was_home = J'étais là : personne n'a sonné ni appelé
reason-not_called = Personne ne m'a appelé avant de venir
reason-not_received = Indiqué livré mais je ne l'ai pas reçu
reason-damaged = Il est arrivé abîmé
reason-wrong_place = Il a été laissé au mauvais endroit
reason-thrown = Il a été jeté
reason-other = Autre chose

tag-on_time = À l'heure
tag-friendly = Aimable
tag-careful = Soigneux avec le colis
tag-called_ahead = A appelé avant
tag-good_placement = Bien déposé
tag-late = En retard
tag-early_without_notice = En avance sans prévenir
tag-false_not_home = A dit que j'étais absent
tag-rude = Impoli
tag-damaged = Colis abîmé
tag-thrown = Colis jeté
tag-wrong_place = Déposé au mauvais endroit
tag-no_call = N'a pas appelé

flag-far_from_address = Le livreur n'était pas à votre adresse.
flag-low_gps_accuracy = La position du livreur était imprécise.
flag-no_gps = La position du livreur n'a pas été enregistrée.
flag-early_without_consent = Passage avant l'heure promise sans votre accord.
flag-late = Passage après l'heure promise.
flag-absent_without_contact = Vous avez été déclaré absent sans appel ni interphone avant.
flag-absent_without_proof = Vous avez été déclaré absent sans photo ni note d'interphone.
flag-unauthorized_safe_place = Laissé à un endroit que vous n'aviez pas autorisé.
flag-no_photo = Laissé en votre absence sans photo.
flag-clock_skew = L'horloge du téléphone du livreur était fausse.
flag-photo_mismatch = La photo n'a pas été prise à cet endroit ou à ce moment.

ev-shipment-created = { $marketplace } a enregistré votre commande
ev-handoff-requested = Remise à { $name } annoncée
ev-handoff-requested-driver = Remise à un livreur de { $name } annoncée
ev-handoff-requested-unnamed = Remise au transporteur suivant annoncée
ev-handoff-accepted-supplier = Remis à l'entrepôt
ev-handoff-accepted-courier = Remis à { $courier }
ev-handoff-accepted-driver = Confié au livreur
ev-shipment-out_for_delivery = En cours de livraison
ev-shipment-eta = Heure d'arrivée annoncée
ev-contact-call = Le livreur vous a appelé à { $time }
ev-contact-sms = Le livreur vous a envoyé un SMS à { $time }
ev-contact-intercom = Le livreur a sonné à l'interphone à { $time }
ev-contact-doorbell = Le livreur a sonné à la porte à { $time }
ev-contact-in_app = Le livreur vous a écrit à { $time }

outcome-no_answer = { " " }— pas de réponse
outcome-busy = { " " }— occupé
outcome-voicemail = { " " }— messagerie
outcome-reached = { " " }— vous avez répondu
outcome-sent = { "" }

ev-attempt-delivered = Le livreur a indiqué le colis comme livré
ev-attempt-failed = Le livreur a indiqué que la livraison a échoué
ev-shipment-delivered = Livré
ev-shipment-attempt_failed = Non livré
ev-shipment-returned = Retourné à l'expéditeur
ev-shipment-lost = Déclaré perdu
ev-shipment-cancelled = Annulé
ev-shipment-rescheduled = Vous avez choisi un nouveau créneau
ev-shipment-contact_updated = Vous avez mis à jour vos coordonnées
ev-shipment-early_declined = Vous avez gardé le créneau promis (pas de livraison anticipée)
ev-shipment-early_consent = Vous avez accepté une livraison plus tôt
ev-custody-gap = Une remise n'a pas été confirmée à temps
ev-dispute-opened = Vous avez contesté une tentative de livraison
ev-dispute-responded = Le transporteur a répondu à votre contestation
ev-dispute-resolved = La boutique a tranché votre contestation
ev-rating-submitted = Vous avez noté la livraison
ev-rating-changed = Vous avez modifié votre note
ev-contact-erased = Vos coordonnées ont été effacées (fin de la durée de conservation)
ev-other = Mise à jour
ev-shipment-eta-at = Arrivée annoncée pour { $time }
ev-attempt-photo_added = Le livreur a ajouté une photo à la tentative de livraison
ev-dispute-resolved-upheld = La boutique vous a donné raison.
ev-dispute-resolved-rejected = La boutique ne vous a pas donné raison.
remedy-redeliver = Le colis sera de nouveau livré : choisissez un nouveau jour.
remedy-refund = Vous serez remboursé.
remedy-reship = Un nouveau colis sera envoyé.
remedy-compensation = Vous serez dédommagé.

notfound-title = Nous ne trouvons pas ce colis
notfound-body = Le lien est peut-être incomplet ou mal recopié. Ouvrez-le à nouveau depuis le message reçu, ou contactez la boutique.

limited-title = Trop de demandes
limited-body = Patientez une minute puis rechargez la page.

## Nouveau passage : après une tentative échouée, le client choisit quand le livreur revient

redelivery-title = Choisir un nouveau jour
redelivery-help = Le colis n'a pas été livré. Le transporteur le garde pour vous : choisissez quand le livreur revient.
redelivery-chosen = Le livreur revient le { $window }. Vous pouvez encore choisir un autre moment.
redelivery-proposed = Le transporteur propose { $window }.
redelivery-horizon = { $days ->
    [one] Choisissez un moment dans les prochaines 24 heures, au moins 2 heures à l'avance.
   *[other] Choisissez un moment dans les { $days } prochains jours, au moins 2 heures à l'avance.
}

redelivery-slots = Choisissez un des créneaux du transporteur :
redelivery-slots_none = Aucun créneau n'est libre dans les prochains jours : contactez la boutique.

button-redelivery = Choisir ce moment
button-redelivery_accept = Accepter ce moment

done-redelivery = Votre nouveau créneau est enregistré : le livreur viendra à ce moment.
done-redelivery_accept = Vous avez accepté le créneau du transporteur : le livreur viendra à ce moment.

error-redelivery-start = Choisissez un début dans les jours indiqués, au moins 2 heures à l'avance.

ev-redelivery-proposed = Le transporteur a proposé un nouveau passage : { $window }
ev-redelivery-chosen = Vous avez choisi le nouveau passage : { $window }

# Messages aux clients (issue 16).
msg-created-subject = Votre commande { $reference } est en route vers vous
msg-created-body = Suivez votre colis, changez votre téléphone ou vos indications d'accès et choisissez la livraison : { $link }
msg-out_for_delivery-subject = Votre colis est en cours de livraison
msg-out_for_delivery-body = Le livreur est en route avec la commande { $reference }. Promis : { $window }. Suivez-le : { $link }
msg-out_for_delivery-early-subject = Le livreur pourrait passer avant l'heure promise
msg-out_for_delivery-early-body = Le livreur est parti avec la commande { $reference } avant le créneau promis ({ $window }). Un passage plus tôt vous convient-il ? Acceptez-le sur { $link } (livraison anticipée). Sans réponse, le créneau promis est maintenu.
msg-attempt_failed-subject = Nous n'avons pas pu livrer votre colis
msg-attempt_failed-body = Le livreur n'a pas pu remettre la commande { $reference } ({ $time }). Choisissez un nouveau jour de passage : { $link }
msg-delivered-subject = Votre colis a été livré
msg-delivered-body = La commande { $reference } a été livrée ({ $time }). Comment cela s'est-il passé ? Notez la livraison : { $link }
msg-lost-subject = Votre colis a été déclaré perdu
msg-lost-body = Nous sommes désolés : la commande { $reference } a été déclarée perdue ({ $time }). La boutique est prévenue et vous contactera pour un remplacement ou un remboursement. Où il a été confirmé pour la dernière fois : { $link }
msg-dispute_resolved-subject = Votre réclamation a été tranchée
msg-dispute_resolved-body = Votre réclamation sur la livraison de la commande { $reference } a été tranchée ({ $time }). La décision : { $link }
msg-eta_changed-subject = Nouvelle heure d'arrivée de votre colis
msg-eta_changed-body = Le livreur prévoit maintenant de passer avec la commande { $reference } vers { $eta } (promis : { $window }). Suivez-le ou changez la livraison : { $link }
msg-lost-in_transit-subject = Votre colis est introuvable
msg-lost-in_transit-body = Nous sommes désolés : la commande { $reference } a disparu entre deux transporteurs. Elle a été remise, mais le transporteur suivant n'a jamais confirmé l'avoir reçue, et elle vient d'être déclarée perdue ({ $time }). La boutique est prévenue et vous contactera pour un remplacement ou un remboursement ; pour toute question, adressez-vous à la boutique, pas au livreur. Ce que nous savons : { $link }
msg-custody_gap-subject = Votre colis est retardé entre deux transporteurs
msg-custody_gap-body = La commande { $reference } a été remise pour l'étape suivante, mais le destinataire de cette remise ne l'a pas encore confirmée ({ $time }). Elle pourrait arriver plus tard que promis. La boutique est prévenue et cherche ; si le colis reste introuvable, elle vous contactera. Suivez-le : { $link }
msg-optout = Vous recevez ces messages car la boutique nous a donné vos coordonnées. Pour les arrêter, désactivez-les sur { $link }
msg-section = Messages sur ce colis
msg-help = Nous vous prévenons au départ du livreur, après un passage et à la livraison.
msg-channel-email = Par e-mail
msg-channel-sms = Par SMS
msg-button = Enregistrer

## La console d'exploitation

console-title = Console Doorstep
console-nav-home = Accueil
console-nav-scorecard = Tableau de bord
console-nav-disputes = Litiges
console-logout = Se déconnecter
console-login-title = Connexion
console-login-email = E-mail
console-login-password = Mot de passe
console-login-submit = Se connecter
console-login-missing = Saisissez votre e-mail et votre mot de passe.
console-login-expired = Ce formulaire a expiré ou ne vient pas de ce site : reconnectez-vous.
console-login-wrong = E-mail ou mot de passe incorrect.
console-login-driver = Les livreurs utilisent l'application ; la console est réservée au personnel.
console-home-hello = Bonjour, { $name }
console-home-disputes_open = Litiges en attente de décision
console-home-disputes_answer = Litiges auxquels répondre
console-notfound-title = Introuvable
console-notfound-body = Il n'y a rien ici, ou vous n'avez pas accès à cette page.
console-forbidden-title = Non autorisé
console-forbidden-body = Votre rôle ne permet pas cette action.
console-csrf-title = Formulaire expiré
console-csrf-body = Ce formulaire n'a pas été envoyé depuis votre session. Rouvrez la page et réessayez.
console-invalid-title = Vérifiez votre saisie
console-limited-title = Trop de tentatives
console-limited-body = Patientez quelques minutes puis réessayez.
console-range-from = Du
console-range-to = Au
console-range-show = Afficher
console-csv = Télécharger en CSV
console-target = Objectif
console-met = atteint
console-missed = manqué
console-no_data = pas de données
console-yes = oui
console-no = non
console-scorecard-title = Les transporteurs face à leurs objectifs
console-scorecard-empty = Aucun transporteur n'a encore de contrat avec vous.
console-scorecard-courier = Transporteur
console-scorecard-met = Objectifs atteints
console-scorecard-missed = Objectifs manqués
console-chart-title = { $kpi }, semaine par semaine
console-chart-numbers = Les chiffres du graphique
console-chart-week = Semaine
console-disputes-title = Litiges
console-disputes-all = Tous
console-disputes-empty = Aucun litige.
console-disputes-opened = Ouvert le
console-disputes-reason = Motif
console-disputes-status = État
console-disputes-shipment = Envoi
console-dispute-title = Litige
console-dispute-status-open = Ouvert
console-dispute-status-responded = Réponse du transporteur reçue
console-dispute-status-resolved = Tranché
console-dispute-window = Créneau promis
console-dispute-customer = Le client dit
console-dispute-courier = Le transporteur dit
console-dispute-no_response = Le transporteur n'a pas encore répondu.
console-dispute-attempt = La tentative de livraison
console-dispute-no_attempt = Aucune tentative de livraison n'est contestée.
console-dispute-outcome = Résultat
console-dispute-when = Quand
console-dispute-distance = Distance à l'adresse
console-dispute-intercom = Note d'interphone
console-dispute-pin = Code PIN vérifié
console-dispute-verified = Tous les contrôles sont passés.
console-dispute-photos = Photos
console-dispute-contacts = Les prises de contact du livreur
console-dispute-no_contacts = Le livreur n'a enregistré ni appel ni message.
console-dispute-channel = Canal
console-dispute-note = Note
console-dispute-suggestion = Ce que suggèrent les preuves
console-dispute-resolution = Décision
console-dispute-remedy = Réparation
console-dispute-upheld = Fondé : le client a raison
console-dispute-rejected = Rejeté : le livreur a raison
console-dispute-resolve = Trancher
console-dispute-respond = Répondre
console-remedy-redeliver = Livrer à nouveau
console-remedy-refund = Rembourser
console-remedy-reship = Renvoyer un article
console-remedy-compensation = Dédommagement
console-remedy-none = Aucune
console-nav-shipments = Envois
console-shipments-title = Envois
console-shipments-reference = Référence de commande
console-shipments-search = Chercher
console-shipments-none = Aucun de vos envois ne correspond.
console-shipments-any = tous
console-shipments-from = Créneau du
console-shipments-to = au
console-shipments-waiting = En attente d'un nouveau passage
console-shipments-disputed = Litige ouvert
console-shipments-flagged = Passage signalé
console-shipments-window = Créneau
console-shipments-next = Page suivante
console-shipments-updated = Dernier changement
console-shipment-timeline = Historique
console-shipment-event = Événement
console-shipment-by = Par
console-shipment-access_log = Qui a lu les coordonnées du client
console-shipment-no_reads = Personne d'autre que vous ne les a lues.
console-shipment-fields = Champs
console-shipment-route = Par la route
console-nav-drivers = Livreurs
console-nav-ratings = Notes
console-nav-handoffs = Remises
console-nav-orgs = Organisations
console-home-courier_scorecard = Vos indicateurs face aux objectifs de chaque place de marché
console-home-handoffs_waiting = Remises qui vous attendent
console-scorecard-courier_title = Vos indicateurs face aux objectifs de chaque place de marché
console-scorecard-marketplace = Place de marché
console-scorecard-no_marketplace = Aucune place de marché n'a encore de contrat avec vous.
console-scorecard-drivers = Livreurs
console-shipment-evidence = Dossier de preuves (à vérifier avec doorstep verify)
console-shipment-evidence_photos = avec les photos (zip)
console-act-title = Ce que vous pouvez faire
console-act-propose_hint = Proposez un nouveau passage au client, dans le fuseau horaire du colis ({ $zone }). Il peut l'accepter ou en choisir un autre.
console-act-day = Jour
console-act-from = De
console-act-to = à
console-act-propose = Proposer ce créneau
console-act-return_note = Pourquoi le colis retourne à l'expéditeur
console-act-return = Retourner à l'expéditeur
console-counted-denominator = Tous les colis comptés
console-counted-numerator = Comptés au numérateur
console-counted-against = Ce qui compte contre
console-counted-none = Aucun colis ne compte ici.
console-counted-days = Jours
console-counted-col_numerator = Numérateur
console-counted-col_denominator = Dénominateur
console-counted-col_against = Contre
console-counted-page_total = Cette page
console-counted-range = Du { $from } au { $to }, en jours du fuseau horaire de chaque colis.
console-counted-sample = (n = { $n })
console-counted-against_link = { $count ->
    [one] 1 contre
   *[other] { $count } contre
}
console-drivers-title = Livreurs, du moins bon au meilleur
console-drivers-empty = Aucun livreur.
console-drivers-driver = Livreur
console-drivers-ratings = Notes
console-drivers-tags = Étiquettes
console-drivers-inactive = désactivé
console-drivers-deactivate = Désactiver
console-drivers-add = Ajouter un livreur
console-drivers-name = Nom
console-ratings-title = Notes
console-ratings-low = Notes basses (1–2 étoiles)
console-ratings-empty = Aucune note.
console-ratings-stars = Étoiles
console-ratings-comment = Commentaire
console-ratings-counted = Compte pour
console-handoffs-title = Remises
console-handoffs-none = Aucune.
console-handoffs-from = De
console-handoffs-to = À
console-handoffs-given = Remis le
console-handoffs-due = Échéance
console-handoffs-overdue = en retard
console-handoffs-incoming = En attente de votre acceptation
console-handoffs-outgoing = Remis par vous, en attente du destinataire
console-handoffs-punctuality = Votre ponctualité de remise, semaine par semaine
console-handoffs-overall = Toute la période
console-handoffs-answers = Comment les destinataires ont répondu à vos remises
console-handoffs-handed_over = Remises
console-handoffs-on_time = Acceptées avant l'échéance
console-handoffs-late = Acceptées en retard
console-handoffs-rejected = Refusées
console-handoffs-waiting = En attente, pas encore dues
console-handoffs-rate = Réponses à temps
console-handoffs-rule = La ponctualité est l'indicateur « remise à l'heure » : les colis livrés que vous avez remis et dont le retard ne vous est pas imputable. « Réponses à temps » compte comme en retard une remise encore en attente après son échéance ; celles pas encore dues ne comptent pas.
console-orgs-title = Organisations
console-orgs-name = Nom
console-orgs-kind = Type
console-orgs-admins = Administrateurs
console-orgs-created = Créée le
kpi-on_time_rate = À l'heure
kpi-first_attempt_success_rate = Réussite au premier passage
kpi-average_stars = Moyenne des étoiles
kpi-ratings_count = Notes
kpi-pre_arrival_contact_rate = Contact avant l'arrivée
kpi-proof_compliance = Preuve complète
kpi-upheld_dispute_rate = Réclamations fondées
kpi-early_without_consent_rate = En avance sans accord
kpi-lost_rate = Perdus
kpi-custody_gap_rate = Ruptures de garde
kpi-handover_on_time_rate = Remise à l'heure
kpi-redelivery_in_window_rate = Nouvelle livraison dans le créneau choisi
console-nav-webhooks = Webhooks
console-webhooks-title = Webhooks
console-webhooks-new = Abonner un point de réception
console-webhooks-all = Tous les événements
console-webhooks-description = Description (facultative)
console-webhooks-create = Abonner
console-webhooks-created = Abonné
console-webhooks-secret_once = Le secret de signature, affiché cette seule fois : gardez-le avec le récepteur pour vérifier la Doorstep-Signature de chaque envoi.
console-webhooks-empty = Aucun abonnement webhook pour l’instant.
console-webhooks-events = Événements
console-webhooks-active = actif
console-webhooks-paused = En pause
console-webhooks-deliveries = Envois du webhook
console-webhooks-none = Rien d'envoyé pour l'instant.
console-webhooks-tries = Essais
console-webhooks-last = Dernier essai
console-webhooks-next = prochain essai
console-webhooks-retry = Renvoyer maintenant
console-webhooks-more = Envois suivants
console-shipment-window = Créneau promis
console-shipment-eta = Arrivée estimée par le livreur
console-shipment-parties = Intervenants
console-shipment-marketplace = Place de marché
console-shipment-supplier = Fournisseur
console-shipment-courier = Transporteur
console-shipment-driver = Livreur
console-shipment-attempts = Tentatives de livraison
console-shipment-no_attempts = Aucune tentative de livraison pour l'instant.
console-shipment-outcome-delivered = Livré
console-shipment-outcome-failed = Non livré
console-shipment-distance = à { $metres } m de l'adresse
console-shipment-no_distance = Aucune position enregistrée
console-shipment-verified = Aucun signalement : rien à redire selon le serveur.
console-shipment-intercom = Note d'interphone
console-shipment-pin = Code vérifié à la porte
console-shipment-disputes = Litiges
console-shipment-rating = Note du client
console-shipment-stars = { $stars } étoiles sur 5
console-ev-shipment-created = Commande enregistrée
console-ev-handoff-requested = Remise annoncée
console-ev-handoff-accepted = Remise acceptée
console-ev-handoff-rejected = Remise refusée
console-ev-custody-gap = Remise non confirmée à temps
console-ev-shipment-out_for_delivery = En cours de livraison
console-ev-shipment-eta = Heure d'arrivée estimée donnée
console-ev-shipment-contact_updated = Le client a modifié ses coordonnées
console-ev-shipment-rescheduled = Le client a choisi un nouveau créneau
console-ev-shipment-early_consent = Le client a accepté une livraison plus tôt
console-ev-shipment-early_declined = Le client a gardé le créneau promis
console-ev-redelivery-proposed = Nouveau passage proposé
console-ev-redelivery-chosen = Nouveau passage choisi
console-ev-contact_attempt-recorded = Le livreur a tenté de joindre le client
console-ev-attempt-recorded = Tentative de livraison enregistrée
console-ev-attempt-photo_added = Photo ajoutée à une tentative
console-ev-shipment-delivered = Livré
console-ev-shipment-attempt_failed = Non livré
console-ev-shipment-lost = Déclaré perdu
console-ev-shipment-cancelled = Annulé
console-ev-shipment-returned = Retourné à l'expéditeur
console-ev-dispute-opened = Le client a ouvert un litige
console-ev-dispute-responded = Le transporteur a répondu au litige
console-ev-dispute-resolved = La place de marché a tranché le litige
console-ev-contact-erased = Coordonnées effacées (durée de conservation écoulée)
console-ev-rating-submitted = Le client a noté la livraison
console-ev-rating-changed = Le client a modifié sa note
console-ev-tracking-rotated = Lien de suivi remplacé
console-ev-handover_pin-reset = Code de remise réinitialisé
console-actor-customer = le client
console-actor-system = Doorstep
console-todo-title = Ce qui vous attend
console-todo-nothing = Rien ne vous attend.
console-todo-go = Aller à
console-todo-disputes_open = { $count ->
    [one] Un litige est ouvert
   *[other] { $count } litiges sont ouverts
}
console-todo-decide = { $count ->
    [one] Un litige auquel le transporteur a répondu attend votre décision
   *[other] { $count } litiges auxquels le transporteur a répondu attendent votre décision
}
console-todo-courier_answer = { $count ->
    [one] Un litige attend la réponse du transporteur
   *[other] { $count } litiges attendent la réponse du transporteur
}
console-todo-answer = { $count ->
    [one] Un litige attend votre réponse
   *[other] { $count } litiges attendent votre réponse
}
console-todo-misses = { $count ->
    [one] Un objectif manqué ces 7 derniers jours
   *[other] { $count } objectifs manqués ces 7 derniers jours
}
console-todo-waiting = { $count ->
    [one] Un colis attend un nouveau passage
   *[other] { $count } colis attendent un nouveau passage
}
console-todo-round = { $count ->
    [one] Un colis est en cours de livraison
   *[other] { $count } colis sont en cours de livraison
}
console-todo-incoming = { $count ->
    [one] Une remise attend que vous l'acceptiez
   *[other] { $count } remises attendent que vous les acceptiez
}
console-todo-incoming_late = { $count ->
    [one] Une remise qui vous est destinée est en retard
   *[other] { $count } remises qui vous sont destinées sont en retard
}
console-todo-outgoing_late = { $count ->
    [one] Une de vos remises est en retard chez son destinataire
   *[other] { $count } de vos remises sont en retard chez leurs destinataires
}
