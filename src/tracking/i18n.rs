//! The tracking page's words: one catalog per language, looked up by key. A test checks that
//! both catalogs have the same keys. Times in words come from [`local`] only.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The first language of `Accept-Language` we speak (quality order is the header's order
    /// in practice); English otherwise.
    pub fn from_accept(header: Option<&str>) -> Lang {
        header
            .unwrap_or_default()
            .split(',')
            .filter_map(|part| {
                let tag = part.split(';').next()?.trim().to_ascii_lowercase();
                Lang::parse(tag.split('-').next()?)
            })
            .next()
            .unwrap_or(Lang::En)
    }

    fn catalog(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => EN,
            Lang::Fr => FR,
        }
    }

    /// The text for `key`; the key itself when missing (a test keeps that from happening).
    pub fn t(self, key: &str) -> &'static str {
        self.catalog()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .or_else(|| EN.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
            .unwrap_or("")
    }

    /// `t(key)` with `{name}` placeholders filled.
    pub fn f(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key).to_owned();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// Day and time of a moment, before its zone (see [`local`]).
    pub fn time_format(self) -> &'static str {
        match self {
            Lang::En => "%b %-d, %H:%M",
            Lang::Fr => "%d/%m à %H:%M",
        }
    }
}

/// How much of a moment a sentence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "May 2, 08:00 Europe/Paris".
    DayAndTime,
    /// "08:00 Europe/Paris", in a sentence whose day is shown beside it.
    Time,
}

/// A moment as people read it: the wall-clock time in the shipment's zone `tz`, followed by
/// the zone's IANA name (as the API's `time_zone` says it; "UTC" for UTC). The one place
/// where human-readable times are made: the page, its sentences, its forms' hints.
pub fn local(t: DateTime<Utc>, tz: Tz, l: Lang, shape: Shape) -> String {
    let pattern = match shape {
        Shape::DayAndTime => l.time_format(),
        Shape::Time => "%H:%M",
    };
    format!(
        "{} {}",
        crate::timezone::to_local(t, tz).format(pattern),
        tz.name()
    )
}

static EN: &[(&str, &str)] = &[
    ("title", "Your parcel"),
    ("order", "Order {reference} from {marketplace}"),
    ("switch", "Français"),
    ("status.created", "Order registered, not shipped yet"),
    ("status.at_supplier", "Being prepared for shipping"),
    ("status.with_courier", "With the carrier"),
    ("status.out_for_delivery", "Out for delivery"),
    ("status.attempt_failed", "Delivery attempt failed"),
    ("status.delivered", "Delivered"),
    ("status.returned", "Returned to the sender"),
    ("status.cancelled", "Cancelled"),
    ("status.lost", "Your parcel was reported lost"),
    ("window.firm", "Promised delivery: {start} to {end}"),
    ("window.estimated", "Estimated delivery: {start} to {end}"),
    ("eta", "The driver expects to arrive around {time}."),
    ("carrier", "Carrier: {name}"),
    (
        "handover.waiting",
        "Waiting for {name} to confirm they have it (since {time}).",
    ),
    (
        "handover.waiting.driver",
        "Waiting for a {name} driver to confirm they have it (since {time}).",
    ),
    (
        "handover.gap",
        "{name} has still not confirmed they have it, although the hand-over was announced on {time}. This is overdue, and the shop sees it too.",
    ),
    (
        "handover.gap.driver",
        "No {name} driver has confirmed they have it yet, although the hand-over was announced on {time}. This is overdue, and the shop sees it too.",
    ),
    (
        "custody.last_confirmed",
        "Last confirmed with {name} on {time}.",
    ),
    (
        "lost.in_transit",
        "It went missing between {from} and {to}: {to} never confirmed receiving it (hand-over announced on {time}).",
    ),
    (
        "lost.in_transit.driver",
        "It went missing between {from} and a {to} driver, who never confirmed receiving it (hand-over announced on {time}).",
    ),
    ("driver", "Driver: {name}"),
    ("driver_rating", "rated {stars} ★ by customers"),
    ("pin.title", "Your handover code"),
    (
        "pin.help",
        "Read it to the driver when you receive the parcel. Never give it before.",
    ),
    ("section.timeline", "What happened"),
    ("section.attempts", "Delivery attempts"),
    ("section.contact", "Your contact details"),
    ("section.reschedule", "Choose another time"),
    ("section.early", "Earlier delivery"),
    ("section.dispute", "This is not right"),
    ("section.rating", "Rate your delivery"),
    ("attempt.delivered", "Delivered on {time}"),
    ("attempt.failed", "Not delivered on {time}"),
    (
        "attempt.verified",
        "Every check passed: place, time and proof.",
    ),
    (
        "attempt.distance",
        "The driver was {distance} from your address.",
    ),
    ("attempt.photo", "Photo taken by the driver"),
    ("field.phone", "Phone number"),
    ("field.email", "E-mail"),
    (
        "field.access_notes",
        "Access notes (intercom name, floor, code)",
    ),
    ("field.call_before_arrival", "Call me before arriving"),
    (
        "field.safe_place_allowed",
        "The parcel may be left without me",
    ),
    ("field.safe_place", "Where it may be left"),
    ("field.start", "From"),
    ("field.end", "To"),
    ("reschedule.zone", "Times are in the {zone} time zone."),
    ("field.reason", "What went wrong?"),
    ("field.comment", "Tell us more (optional)"),
    ("field.stars", "Your rating"),
    ("field.tags", "What stood out?"),
    ("button.contact", "Save my details"),
    ("button.reschedule", "Choose this time"),
    ("button.early", "I accept an earlier delivery"),
    ("button.dispute", "Send my dispute"),
    ("button.rating", "Send my rating"),
    (
        "early.help",
        "The driver may come before the promised time.",
    ),
    ("early.given", "You accepted an earlier delivery."),
    (
        "dispute.help",
        "The driver wrote something that did not happen? Tell us: the carrier must answer, and the shop decides.",
    ),
    ("dispute.open", "Your dispute is being handled: {status}."),
    ("dispute.status.open", "waiting for the carrier's answer"),
    (
        "dispute.status.responded",
        "the carrier answered, the shop decides",
    ),
    (
        "rating.help",
        "Your rating goes to the driver and the carrier, without your name or address.",
    ),
    (
        "done.contact",
        "Your details were updated. The driver sees them at once.",
    ),
    ("done.reschedule", "Your new delivery time is recorded."),
    ("done.early", "Thank you: the driver may come earlier."),
    (
        "done.dispute",
        "Your dispute was sent. You will see the answer here.",
    ),
    ("done.rating", "Thank you for your rating."),
    ("error.summary", "Please correct the fields marked below."),
    ("error.phone", "This phone number is not valid."),
    ("error.email", "This e-mail address is not valid."),
    ("error.access_notes", "Too long."),
    (
        "error.safe_place",
        "Please say where the parcel may be left.",
    ),
    ("error.start", "Choose a start time in the future."),
    ("error.end", "The end must be after the start."),
    (
        "error.time_skipped",
        "This time does not exist here: the clocks go forward then. Choose another time.",
    ),
    (
        "error.time_repeated",
        "This time happens twice here: the clocks go back then. Choose another time.",
    ),
    ("error.reason", "Choose what went wrong."),
    ("error.comment", "Too long (1000 characters at most)."),
    ("error.stars", "Choose from 1 to 5 stars."),
    (
        "error.conflict",
        "This can no longer be done for this parcel.",
    ),
    ("error.generic", "Please check this field."),
    ("reason.was_home", "I was home: nobody rang or called"),
    ("reason.not_called", "Nobody called me before coming"),
    (
        "reason.not_received",
        "It says delivered but I did not receive it",
    ),
    ("reason.damaged", "It arrived damaged"),
    ("reason.wrong_place", "It was left in the wrong place"),
    ("reason.thrown", "It was thrown"),
    ("reason.other", "Something else"),
    ("tag.on_time", "On time"),
    ("tag.friendly", "Friendly"),
    ("tag.careful", "Careful with the parcel"),
    ("tag.called_ahead", "Called ahead"),
    ("tag.good_placement", "Left in a good place"),
    ("tag.late", "Late"),
    ("tag.early_without_notice", "Early without notice"),
    ("tag.false_not_home", "Said I was not home"),
    ("tag.rude", "Rude"),
    ("tag.damaged", "Parcel damaged"),
    ("tag.thrown", "Parcel thrown"),
    ("tag.wrong_place", "Left in the wrong place"),
    ("tag.no_call", "Did not call"),
    (
        "flag.far_from_address",
        "The driver was not at your address.",
    ),
    (
        "flag.low_gps_accuracy",
        "The driver's position was imprecise.",
    ),
    ("flag.no_gps", "The driver's position was not recorded."),
    (
        "flag.early_without_consent",
        "It came before the promised time without your agreement.",
    ),
    ("flag.late", "It came after the promised time."),
    (
        "flag.absent_without_contact",
        "You were marked absent without a call or intercom ring first.",
    ),
    (
        "flag.absent_without_proof",
        "You were marked absent without a photo or intercom note.",
    ),
    (
        "flag.unauthorized_safe_place",
        "It was left in a place you did not allow.",
    ),
    ("flag.no_photo", "Left without you and without a photo."),
    ("flag.clock_skew", "The driver's phone clock was wrong."),
    (
        "flag.photo_mismatch",
        "The photo was not taken there or then.",
    ),
    ("ev.shipment.created", "{marketplace} registered your order"),
    ("ev.handoff.requested", "Hand-over to {name} announced"),
    (
        "ev.handoff.requested.driver",
        "Hand-over to a {name} driver announced",
    ),
    (
        "ev.handoff.requested.unnamed",
        "Hand-over to the next carrier announced",
    ),
    ("ev.handoff.accepted.supplier", "Handed to the warehouse"),
    ("ev.handoff.accepted.courier", "Handed to {courier}"),
    ("ev.handoff.accepted.driver", "Given to the driver"),
    ("ev.shipment.out_for_delivery", "Out for delivery"),
    ("ev.shipment.eta", "Arrival time announced"),
    ("ev.contact.call", "The driver called you at {time}"),
    ("ev.contact.sms", "The driver texted you at {time}"),
    (
        "ev.contact.intercom",
        "The driver rang the intercom at {time}",
    ),
    (
        "ev.contact.doorbell",
        "The driver rang the doorbell at {time}",
    ),
    ("ev.contact.in_app", "The driver messaged you at {time}"),
    ("outcome.no_answer", " — no answer"),
    ("outcome.busy", " — line busy"),
    ("outcome.voicemail", " — voicemail"),
    ("outcome.reached", " — you answered"),
    ("outcome.sent", ""),
    (
        "ev.attempt.delivered",
        "The driver recorded the parcel as delivered",
    ),
    (
        "ev.attempt.failed",
        "The driver recorded that delivery failed",
    ),
    ("ev.shipment.delivered", "Delivered"),
    ("ev.shipment.attempt_failed", "Not delivered"),
    ("ev.shipment.returned", "Returned to the sender"),
    ("ev.shipment.lost", "Reported lost"),
    ("ev.shipment.cancelled", "Cancelled"),
    ("ev.shipment.rescheduled", "You chose a new delivery time"),
    (
        "ev.shipment.contact_updated",
        "You updated your contact details",
    ),
    (
        "ev.shipment.early_consent",
        "You accepted an earlier delivery",
    ),
    ("ev.custody.gap", "A hand-over was not confirmed in time"),
    ("ev.dispute.opened", "You contested a delivery attempt"),
    ("ev.dispute.responded", "The carrier answered your dispute"),
    ("ev.dispute.resolved", "The shop decided on your dispute"),
    ("ev.rating.submitted", "You rated the delivery"),
    ("ev.rating.changed", "You changed your rating"),
    (
        "ev.contact.erased",
        "Your contact details were erased (retention period over)",
    ),
    ("ev.other", "Update"),
    ("notfound.title", "We cannot find this parcel"),
    (
        "notfound.body",
        "The link may be incomplete or mistyped. Open it again from the message you received, or ask the shop.",
    ),
    ("limited.title", "Too many requests"),
    ("limited.body", "Please wait a minute and reload the page."),
    // Re-delivery (issue 15): after a failed attempt the customer chooses the new visit.
    ("redelivery.title", "Choose a new day"),
    (
        "redelivery.help",
        "The parcel was not delivered. The carrier keeps it for you: choose when the driver comes back.",
    ),
    (
        "redelivery.chosen",
        "The driver comes back between {start} and {end}. You may still choose another time.",
    ),
    (
        "redelivery.proposed",
        "The carrier proposes {start} to {end}.",
    ),
    (
        "redelivery.horizon",
        "Choose a time within the next {days} days, at least 2 hours from now.",
    ),
    ("button.redelivery", "Choose this time"),
    ("button.redelivery_accept", "Accept this time"),
    (
        "done.redelivery",
        "Your new delivery time is recorded: the driver comes then.",
    ),
    (
        "done.redelivery_accept",
        "You accepted the carrier's time: the driver comes then.",
    ),
    (
        "error.redelivery.start",
        "Choose a start within the days shown, at least 2 hours from now.",
    ),
    (
        "ev.redelivery.proposed",
        "The carrier proposed a new visit: {start} to {end}",
    ),
    (
        "ev.redelivery.chosen",
        "You chose the new visit: {start} to {end}",
    ),
];

static FR: &[(&str, &str)] = &[
    ("title", "Votre colis"),
    ("order", "Commande {reference} chez {marketplace}"),
    ("switch", "English"),
    (
        "status.created",
        "Commande enregistrée, pas encore expédiée",
    ),
    ("status.at_supplier", "En préparation"),
    ("status.with_courier", "Chez le transporteur"),
    ("status.out_for_delivery", "En cours de livraison"),
    ("status.attempt_failed", "Tentative de livraison échouée"),
    ("status.delivered", "Livré"),
    ("status.returned", "Retourné à l'expéditeur"),
    ("status.cancelled", "Annulé"),
    ("status.lost", "Votre colis a été déclaré perdu"),
    ("window.firm", "Livraison promise : du {start} au {end}"),
    (
        "window.estimated",
        "Livraison estimée : du {start} au {end}",
    ),
    ("eta", "Le livreur pense arriver vers {time}."),
    ("carrier", "Transporteur : {name}"),
    (
        "handover.waiting",
        "En attente de la confirmation de {name} qu'il a bien le colis (depuis le {time}).",
    ),
    (
        "handover.waiting.driver",
        "En attente de la confirmation d'un livreur de {name} qu'il a bien le colis (depuis le {time}).",
    ),
    (
        "handover.gap",
        "{name} n'a toujours pas confirmé avoir le colis, alors que la remise a été annoncée le {time}. C'est en retard, et la boutique le voit aussi.",
    ),
    (
        "handover.gap.driver",
        "Aucun livreur de {name} n'a encore confirmé avoir le colis, alors que la remise a été annoncée le {time}. C'est en retard, et la boutique le voit aussi.",
    ),
    (
        "custody.last_confirmed",
        "Dernière prise en charge confirmée : {name}, le {time}.",
    ),
    (
        "lost.in_transit",
        "Il a disparu entre {from} et {to} : {to} n'a jamais confirmé l'avoir reçu (remise annoncée le {time}).",
    ),
    (
        "lost.in_transit.driver",
        "Il a disparu entre {from} et un livreur de {to}, qui n'a jamais confirmé l'avoir reçu (remise annoncée le {time}).",
    ),
    ("driver", "Livreur : {name}"),
    ("driver_rating", "noté {stars} ★ par les clients"),
    ("pin.title", "Votre code de remise"),
    (
        "pin.help",
        "Donnez-le au livreur quand vous recevez le colis. Jamais avant.",
    ),
    ("section.timeline", "Ce qui s'est passé"),
    ("section.attempts", "Tentatives de livraison"),
    ("section.contact", "Vos coordonnées"),
    ("section.reschedule", "Choisir un autre moment"),
    ("section.early", "Livraison plus tôt"),
    ("section.dispute", "Ce n'est pas vrai"),
    ("section.rating", "Notez votre livraison"),
    ("attempt.delivered", "Livré le {time}"),
    ("attempt.failed", "Non livré le {time}"),
    (
        "attempt.verified",
        "Tout est vérifié : lieu, heure et preuve.",
    ),
    (
        "attempt.distance",
        "Le livreur était à {distance} de votre adresse.",
    ),
    ("attempt.photo", "Photo prise par le livreur"),
    ("field.phone", "Numéro de téléphone"),
    ("field.email", "E-mail"),
    (
        "field.access_notes",
        "Indications d'accès (nom à l'interphone, étage, code)",
    ),
    ("field.call_before_arrival", "M'appeler avant d'arriver"),
    (
        "field.safe_place_allowed",
        "Le colis peut être laissé en mon absence",
    ),
    ("field.safe_place", "Où le laisser"),
    ("field.start", "Du"),
    ("field.end", "Au"),
    ("reschedule.zone", "Heures du fuseau {zone}."),
    ("field.reason", "Qu'est-ce qui ne va pas ?"),
    ("field.comment", "Précisez (facultatif)"),
    ("field.stars", "Votre note"),
    ("field.tags", "Qu'avez-vous remarqué ?"),
    ("button.contact", "Enregistrer mes coordonnées"),
    ("button.reschedule", "Choisir ce moment"),
    ("button.early", "J'accepte une livraison plus tôt"),
    ("button.dispute", "Envoyer ma contestation"),
    ("button.rating", "Envoyer ma note"),
    (
        "early.help",
        "Le livreur pourra passer avant l'heure promise.",
    ),
    ("early.given", "Vous avez accepté une livraison plus tôt."),
    (
        "dispute.help",
        "Le livreur a écrit quelque chose qui ne s'est pas passé ? Dites-le : le transporteur doit répondre, et la boutique tranche.",
    ),
    (
        "dispute.open",
        "Votre contestation est en cours : {status}.",
    ),
    (
        "dispute.status.open",
        "en attente de la réponse du transporteur",
    ),
    (
        "dispute.status.responded",
        "le transporteur a répondu, la boutique tranche",
    ),
    (
        "rating.help",
        "Votre note va au livreur et au transporteur, sans votre nom ni votre adresse.",
    ),
    (
        "done.contact",
        "Vos coordonnées sont à jour. Le livreur les voit tout de suite.",
    ),
    ("done.reschedule", "Votre nouveau créneau est enregistré."),
    ("done.early", "Merci : le livreur pourra passer plus tôt."),
    (
        "done.dispute",
        "Votre contestation est envoyée. La réponse s'affichera ici.",
    ),
    ("done.rating", "Merci pour votre note."),
    (
        "error.summary",
        "Merci de corriger les champs signalés ci-dessous.",
    ),
    ("error.phone", "Ce numéro de téléphone n'est pas valide."),
    ("error.email", "Cette adresse e-mail n'est pas valide."),
    ("error.access_notes", "Trop long."),
    ("error.safe_place", "Indiquez où le colis peut être laissé."),
    ("error.start", "Choisissez un début dans le futur."),
    ("error.end", "La fin doit être après le début."),
    (
        "error.time_skipped",
        "Cette heure n'existe pas ici : on avance l'heure à ce moment. Choisissez-en une autre.",
    ),
    (
        "error.time_repeated",
        "Cette heure existe deux fois ici : on recule l'heure à ce moment. Choisissez-en une autre.",
    ),
    ("error.reason", "Choisissez ce qui ne va pas."),
    ("error.comment", "Trop long (1000 caractères au plus)."),
    ("error.stars", "Choisissez de 1 à 5 étoiles."),
    ("error.conflict", "Ce n'est plus possible pour ce colis."),
    ("error.generic", "Vérifiez ce champ."),
    (
        "reason.was_home",
        "J'étais là : personne n'a sonné ni appelé",
    ),
    ("reason.not_called", "Personne ne m'a appelé avant de venir"),
    (
        "reason.not_received",
        "Indiqué livré mais je ne l'ai pas reçu",
    ),
    ("reason.damaged", "Il est arrivé abîmé"),
    ("reason.wrong_place", "Il a été laissé au mauvais endroit"),
    ("reason.thrown", "Il a été jeté"),
    ("reason.other", "Autre chose"),
    ("tag.on_time", "À l'heure"),
    ("tag.friendly", "Aimable"),
    ("tag.careful", "Soigneux avec le colis"),
    ("tag.called_ahead", "A appelé avant"),
    ("tag.good_placement", "Bien déposé"),
    ("tag.late", "En retard"),
    ("tag.early_without_notice", "En avance sans prévenir"),
    ("tag.false_not_home", "A dit que j'étais absent"),
    ("tag.rude", "Impoli"),
    ("tag.damaged", "Colis abîmé"),
    ("tag.thrown", "Colis jeté"),
    ("tag.wrong_place", "Déposé au mauvais endroit"),
    ("tag.no_call", "N'a pas appelé"),
    (
        "flag.far_from_address",
        "Le livreur n'était pas à votre adresse.",
    ),
    (
        "flag.low_gps_accuracy",
        "La position du livreur était imprécise.",
    ),
    (
        "flag.no_gps",
        "La position du livreur n'a pas été enregistrée.",
    ),
    (
        "flag.early_without_consent",
        "Passage avant l'heure promise sans votre accord.",
    ),
    ("flag.late", "Passage après l'heure promise."),
    (
        "flag.absent_without_contact",
        "Vous avez été déclaré absent sans appel ni interphone avant.",
    ),
    (
        "flag.absent_without_proof",
        "Vous avez été déclaré absent sans photo ni note d'interphone.",
    ),
    (
        "flag.unauthorized_safe_place",
        "Laissé à un endroit que vous n'aviez pas autorisé.",
    ),
    ("flag.no_photo", "Laissé en votre absence sans photo."),
    (
        "flag.clock_skew",
        "L'horloge du téléphone du livreur était fausse.",
    ),
    (
        "flag.photo_mismatch",
        "La photo n'a pas été prise à cet endroit ou à ce moment.",
    ),
    (
        "ev.shipment.created",
        "{marketplace} a enregistré votre commande",
    ),
    ("ev.handoff.requested", "Remise à {name} annoncée"),
    (
        "ev.handoff.requested.driver",
        "Remise à un livreur de {name} annoncée",
    ),
    (
        "ev.handoff.requested.unnamed",
        "Remise au transporteur suivant annoncée",
    ),
    ("ev.handoff.accepted.supplier", "Remis à l'entrepôt"),
    ("ev.handoff.accepted.courier", "Remis à {courier}"),
    ("ev.handoff.accepted.driver", "Confié au livreur"),
    ("ev.shipment.out_for_delivery", "En cours de livraison"),
    ("ev.shipment.eta", "Heure d'arrivée annoncée"),
    ("ev.contact.call", "Le livreur vous a appelé à {time}"),
    ("ev.contact.sms", "Le livreur vous a envoyé un SMS à {time}"),
    (
        "ev.contact.intercom",
        "Le livreur a sonné à l'interphone à {time}",
    ),
    (
        "ev.contact.doorbell",
        "Le livreur a sonné à la porte à {time}",
    ),
    ("ev.contact.in_app", "Le livreur vous a écrit à {time}"),
    ("outcome.no_answer", " — pas de réponse"),
    ("outcome.busy", " — occupé"),
    ("outcome.voicemail", " — messagerie"),
    ("outcome.reached", " — vous avez répondu"),
    ("outcome.sent", ""),
    (
        "ev.attempt.delivered",
        "Le livreur a indiqué le colis comme livré",
    ),
    (
        "ev.attempt.failed",
        "Le livreur a indiqué que la livraison a échoué",
    ),
    ("ev.shipment.delivered", "Livré"),
    ("ev.shipment.attempt_failed", "Non livré"),
    ("ev.shipment.returned", "Retourné à l'expéditeur"),
    ("ev.shipment.lost", "Déclaré perdu"),
    ("ev.shipment.cancelled", "Annulé"),
    (
        "ev.shipment.rescheduled",
        "Vous avez choisi un nouveau créneau",
    ),
    (
        "ev.shipment.contact_updated",
        "Vous avez mis à jour vos coordonnées",
    ),
    (
        "ev.shipment.early_consent",
        "Vous avez accepté une livraison plus tôt",
    ),
    ("ev.custody.gap", "Une remise n'a pas été confirmée à temps"),
    (
        "ev.dispute.opened",
        "Vous avez contesté une tentative de livraison",
    ),
    (
        "ev.dispute.responded",
        "Le transporteur a répondu à votre contestation",
    ),
    (
        "ev.dispute.resolved",
        "La boutique a tranché votre contestation",
    ),
    ("ev.rating.submitted", "Vous avez noté la livraison"),
    ("ev.rating.changed", "Vous avez modifié votre note"),
    (
        "ev.contact.erased",
        "Vos coordonnées ont été effacées (fin de la durée de conservation)",
    ),
    ("ev.other", "Mise à jour"),
    ("notfound.title", "Nous ne trouvons pas ce colis"),
    (
        "notfound.body",
        "Le lien est peut-être incomplet ou mal recopié. Ouvrez-le à nouveau depuis le message reçu, ou contactez la boutique.",
    ),
    ("limited.title", "Trop de demandes"),
    (
        "limited.body",
        "Patientez une minute puis rechargez la page.",
    ),
    // Re-delivery (issue 15): after a failed attempt the customer chooses the new visit.
    ("redelivery.title", "Choisir un nouveau jour"),
    (
        "redelivery.help",
        "Le colis n'a pas été livré. Le transporteur le garde pour vous : choisissez quand le livreur revient.",
    ),
    (
        "redelivery.chosen",
        "Le livreur revient entre le {start} et le {end}. Vous pouvez encore choisir un autre moment.",
    ),
    (
        "redelivery.proposed",
        "Le transporteur propose du {start} au {end}.",
    ),
    (
        "redelivery.horizon",
        "Choisissez un moment dans les {days} prochains jours, au moins 2 heures à l'avance.",
    ),
    ("button.redelivery", "Choisir ce moment"),
    ("button.redelivery_accept", "Accepter ce moment"),
    (
        "done.redelivery",
        "Votre nouveau créneau est enregistré : le livreur viendra à ce moment.",
    ),
    (
        "done.redelivery_accept",
        "Vous avez accepté le créneau du transporteur : le livreur viendra à ce moment.",
    ),
    (
        "error.redelivery.start",
        "Choisissez un début dans les jours indiqués, au moins 2 heures à l'avance.",
    ),
    (
        "ev.redelivery.proposed",
        "Le transporteur a proposé un nouveau passage : du {start} au {end}",
    ),
    (
        "ev.redelivery.chosen",
        "Vous avez choisi le nouveau passage : du {start} au {end}",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_have_the_same_keys_once() {
        fn keys(c: &'static [(&'static str, &'static str)]) -> Vec<&'static str> {
            let mut k: Vec<&str> = c.iter().map(|(k, _)| *k).collect();
            k.sort_unstable();
            k
        }
        let (en, fr) = (keys(EN), keys(FR));
        assert_eq!(en, fr);
        let mut dedup = en.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), en.len(), "a key appears twice");
    }

    #[test]
    fn times_read_in_the_shipments_zone_with_the_zone_named() {
        use chrono::TimeZone;
        let paris = crate::timezone::zone("Europe/Paris");
        let start = Utc.with_ymd_and_hms(2026, 5, 2, 6, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 5, 2, 12, 0, 0).unwrap();
        assert_eq!(
            local(start, paris, Lang::En, Shape::DayAndTime),
            "May 2, 08:00 Europe/Paris"
        );
        assert_eq!(
            local(end, paris, Lang::Fr, Shape::DayAndTime),
            "02/05 à 14:00 Europe/Paris"
        );
        assert_eq!(
            local(start, paris, Lang::Fr, Shape::Time),
            "08:00 Europe/Paris"
        );
        // UTC shipments read as they always did.
        assert_eq!(
            local(start, Tz::UTC, Lang::En, Shape::DayAndTime),
            "May 2, 06:00 UTC"
        );
        // The night the clocks go back (25 October 2026): an hour apart in UTC, the same
        // wall-clock time, then winter time.
        let before = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).unwrap();
        assert_eq!(
            local(before, paris, Lang::En, Shape::Time),
            "02:30 Europe/Paris"
        );
        assert_eq!(
            local(after, paris, Lang::En, Shape::Time),
            "02:30 Europe/Paris"
        );
        let winter = Utc.with_ymd_and_hms(2026, 10, 25, 6, 0, 0).unwrap();
        assert_eq!(
            local(winter, paris, Lang::En, Shape::Time),
            "07:00 Europe/Paris"
        );
        // Across midnight the day moves too.
        let late = Utc.with_ymd_and_hms(2026, 5, 2, 23, 30, 0).unwrap();
        assert_eq!(
            local(late, paris, Lang::En, Shape::DayAndTime),
            "May 3, 01:30 Europe/Paris"
        );
    }

    #[test]
    fn accept_language_picks_the_first_language_we_speak() {
        assert_eq!(Lang::from_accept(Some("fr-FR,fr;q=0.9,en;q=0.8")), Lang::Fr);
        assert_eq!(
            Lang::from_accept(Some("de-DE,en-GB;q=0.8,fr;q=0.5")),
            Lang::En
        );
        assert_eq!(Lang::from_accept(Some("de")), Lang::En);
        assert_eq!(Lang::from_accept(None), Lang::En);
        assert_eq!(
            Lang::Fr.f("carrier", &[("name", "Speedy")]),
            "Transporteur : Speedy"
        );
    }
}
