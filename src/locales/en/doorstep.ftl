# Doorstep's words in English: the tracking page, and later the customer messages and the
# staff console. One message per line: `id = text`, `{ $name }` for a value the code fills in.
# Ids are the code's keys with "-" for "." (`ev.shipment.created` is `ev-shipment-created`).
# A text that starts with a space keeps it as `{ " " }`; an empty text is `{ "" }`.
# A number may choose a plural form: `{ $days ->` then `[one] …` and `*[other] …` lines, `}`.
# Every language has every message with the same variables: `cargo test --lib i18n` checks.

## The tracking page

description = Follow your parcel, fix your details, choose a new delivery day.
title = Your parcel

order = Order { $reference } from { $marketplace }

switch = Français

status-created = Order registered, not shipped yet
status-at_supplier = Being prepared for shipping
status-with_courier = With the carrier
status-out_for_delivery = Out for delivery
status-attempt_failed = Delivery attempt failed
status-delivered = Delivered
status-returned = Returned to the sender
status-cancelled = Cancelled
status-lost = Your parcel was reported lost

window-firm = Promised delivery: { $window }
window-estimated = Estimated delivery: { $window }

eta = The driver expects to arrive around { $time }.
live-next = Next stop: you. The driver is about { $minutes } min away.
live-one = About { $minutes } min: 1 stop before yours.
live-many = About { $minutes } min: { $stops } stops before yours.

carrier = Carrier: { $name }

handover-waiting = Waiting for { $name } to confirm they have it (since { $time }).
handover-waiting-driver = Waiting for a { $name } driver to confirm they have it (since { $time }).
handover-gap = { $name } has still not confirmed they have it, although the hand-over was announced on { $time }. This is overdue, and the shop sees it too.
handover-gap-driver = No { $name } driver has confirmed they have it yet, although the hand-over was announced on { $time }. This is overdue, and the shop sees it too.

custody-last_confirmed = Last confirmed with { $name } on { $time }.

lost-in_transit = It went missing between { $from } and { $to }: { $to } never confirmed receiving it (hand-over announced on { $time }).
lost-in_transit-driver = It went missing between { $from } and a { $to } driver, who never confirmed receiving it (hand-over announced on { $time }).

driver = Driver: { $name }

driver_rating = rated { $stars } ★ by customers

pin-title = Your handover code
pin-help = Read it to the driver when you receive the parcel. Never give it before.

section-timeline = What happened
section-attempts = Delivery attempts
section-contact = Your contact details
section-reschedule = Choose another time
section-early = Earlier delivery
section-dispute = This is not right
section-rating = Rate your delivery

attempt-delivered = Delivered on { $time }
attempt-failed = Not delivered on { $time }
attempt-verified = Every check passed: place, time and proof.
attempt-distance = The driver was { $distance } from your address.
attempt-photo = Photo taken by the driver

field-phone = Phone number
field-email = E-mail
field-access_notes = Access notes (intercom name, floor, code)
field-call_before_arrival = Call me before arriving
field-safe_place_allowed = The parcel may be left without me
field-safe_place = Where it may be left
field-start = From
field-end = To

reschedule-zone = Times are in the { $zone } time zone.

field-reason = What went wrong?
field-comment = Tell us more (optional)
field-stars = Your rating
field-tags = What stood out?

button-contact = Save my details
button-reschedule = Choose this time
button-early = I accept an earlier delivery
button-dispute = Send my dispute
button-rating = Send my rating

early-help = The driver may come before the promised time.
early-given = You accepted an earlier delivery.

dispute-help = The driver wrote something that did not happen? Tell us: the carrier must answer, and the shop decides.
dispute-open = Your dispute is being handled: { $status }.
dispute-status-open = waiting for the carrier's answer
dispute-status-responded = the carrier answered, the shop decides

rating-help = Your rating goes to the driver and the carrier, without your name or address.

done-contact = Your details were updated. The driver sees them at once.
done-reschedule = Your new delivery time is recorded.
done-early = Thank you: the driver may come earlier.
done-dispute = Your dispute was sent. You will see the answer here.
done-rating = Thank you for your rating.

error-summary = Please correct the fields marked below.
error-phone = This phone number is not valid.
error-email = This e-mail address is not valid.
error-access_notes = Too long.
error-safe_place = Please say where the parcel may be left.
error-start = Choose a start time in the future.
error-end = The end must be after the start.
error-time_skipped = This time does not exist here: the clocks go forward then. Choose another time.
error-time_repeated = This time happens twice here: the clocks go back then. Choose another time.
error-reason = Choose what went wrong.
error-comment = Too long (1000 characters at most).
error-stars = Choose from 1 to 5 stars.
error-conflict = This can no longer be done for this parcel.
error-generic = Please check this field.

reason-was_home = I was home: nobody rang or called
reason-not_called = Nobody called me before coming
reason-not_received = It says delivered but I did not receive it
reason-damaged = It arrived damaged
reason-wrong_place = It was left in the wrong place
reason-thrown = It was thrown
reason-other = Something else

tag-on_time = On time
tag-friendly = Friendly
tag-careful = Careful with the parcel
tag-called_ahead = Called ahead
tag-good_placement = Left in a good place
tag-late = Late
tag-early_without_notice = Early without notice
tag-false_not_home = Said I was not home
tag-rude = Rude
tag-damaged = Parcel damaged
tag-thrown = Parcel thrown
tag-wrong_place = Left in the wrong place
tag-no_call = Did not call

flag-far_from_address = The driver was not at your address.
flag-low_gps_accuracy = The driver's position was imprecise.
flag-no_gps = The driver's position was not recorded.
flag-early_without_consent = It came before the promised time without your agreement.
flag-late = It came after the promised time.
flag-absent_without_contact = You were marked absent without a call or intercom ring first.
flag-absent_without_proof = You were marked absent without a photo or intercom note.
flag-unauthorized_safe_place = It was left in a place you did not allow.
flag-no_photo = Left without you and without a photo.
flag-clock_skew = The driver's phone clock was wrong.
flag-photo_mismatch = The photo was not taken there or then.

ev-shipment-created = { $marketplace } registered your order
ev-handoff-requested = Hand-over to { $name } announced
ev-handoff-requested-driver = Hand-over to a { $name } driver announced
ev-handoff-requested-unnamed = Hand-over to the next carrier announced
ev-handoff-accepted-supplier = Handed to the warehouse
ev-handoff-accepted-courier = Handed to { $courier }
ev-handoff-accepted-driver = Given to the driver
ev-shipment-out_for_delivery = Out for delivery
ev-shipment-eta = Arrival time announced
ev-contact-call = The driver called you at { $time }
ev-contact-sms = The driver texted you at { $time }
ev-contact-intercom = The driver rang the intercom at { $time }
ev-contact-doorbell = The driver rang the doorbell at { $time }
ev-contact-in_app = The driver messaged you at { $time }

outcome-no_answer = { " " }— no answer
outcome-busy = { " " }— line busy
outcome-voicemail = { " " }— voicemail
outcome-reached = { " " }— you answered
outcome-sent = { "" }

ev-attempt-delivered = The driver recorded the parcel as delivered
ev-attempt-failed = The driver recorded that delivery failed
ev-shipment-delivered = Delivered
ev-shipment-attempt_failed = Not delivered
ev-shipment-returned = Returned to the sender
ev-shipment-lost = Reported lost
ev-shipment-cancelled = Cancelled
ev-shipment-rescheduled = You chose a new delivery time
ev-shipment-contact_updated = You updated your contact details
ev-shipment-early_declined = You kept the promised window (no earlier delivery)
ev-shipment-early_consent = You accepted an earlier delivery
ev-custody-gap = A hand-over was not confirmed in time
ev-dispute-opened = You contested a delivery attempt
ev-dispute-responded = The carrier answered your dispute
ev-dispute-resolved = The shop decided on your dispute
ev-rating-submitted = You rated the delivery
ev-rating-changed = You changed your rating
ev-contact-erased = Your contact details were erased (retention period over)
ev-other = Update
ev-shipment-eta-at = Arrival announced for { $time }
ev-attempt-photo_added = The driver added a photo to the delivery attempt
ev-dispute-resolved-upheld = The shop agreed with you.
ev-dispute-resolved-rejected = The shop did not agree with you.
remedy-redeliver = The parcel will be delivered again: choose a new day.
remedy-refund = You will be refunded.
remedy-reship = A new parcel will be sent.
remedy-compensation = You will be compensated.

notfound-title = We cannot find this parcel
notfound-body = The link may be incomplete or mistyped. Open it again from the message you received, or ask the shop.

limited-title = Too many requests
limited-body = Please wait a minute and reload the page.

## Re-delivery: after a failed attempt the customer chooses the new visit

redelivery-title = Choose a new day
redelivery-help = The parcel was not delivered. The carrier keeps it for you: choose when the driver comes back.
redelivery-chosen = The driver comes back on { $window }. You may still choose another time.
redelivery-proposed = The carrier proposes { $window }.
redelivery-horizon = { $days ->
    [one] Choose a time within the next 24 hours, at least 2 hours from now.
   *[other] Choose a time within the next { $days } days, at least 2 hours from now.
}

redelivery-slots = Choose one of the carrier's delivery slots:
redelivery-slots_none = No delivery slot is free in the next days: contact the shop.

button-redelivery = Choose this time
button-redelivery_accept = Accept this time

done-redelivery = Your new delivery time is recorded: the driver comes then.
done-redelivery_accept = You accepted the carrier's time: the driver comes then.

error-redelivery-start = Choose a start within the days shown, at least 2 hours from now.

ev-redelivery-proposed = The carrier proposed a new visit: { $window }
ev-redelivery-chosen = You chose the new visit: { $window }

# Customer messages (issue 16): msg-{moment}-subject / -body, the opt-out line, the page section.
msg-created-subject = Your order { $reference } is on its way to you
msg-created-body = Follow your parcel, change your phone or access notes, and choose how it is delivered: { $link }
msg-out_for_delivery-subject = Your parcel is out for delivery
msg-out_for_delivery-body = The driver is on the way with order { $reference }. Promised: { $window }. Follow it: { $link }
msg-out_for_delivery-early-subject = The driver could come before the promised time
msg-out_for_delivery-early-body = The driver set out with order { $reference } before the promised window ({ $window }). Is an earlier visit fine? Accept it on { $link } (early delivery). If you do nothing, the promised window stays.
msg-attempt_failed-subject = We could not deliver your parcel
msg-attempt_failed-body = The driver could not hand over order { $reference } ({ $time }). Choose a new day for the next visit: { $link }
msg-delivered-subject = Your parcel was delivered
msg-delivered-body = Order { $reference } was delivered ({ $time }). How did it go? Rate the delivery: { $link }
msg-lost-subject = Your parcel was reported lost
msg-lost-body = We are sorry: order { $reference } was reported lost ({ $time }). The shop knows and will contact you about a replacement or a refund. Where it was last confirmed: { $link }
msg-dispute_resolved-subject = Your complaint was decided
msg-dispute_resolved-body = Your complaint about the delivery of order { $reference } was decided ({ $time }). The outcome: { $link }
msg-eta_changed-subject = New arrival time for your parcel
msg-eta_changed-body = The driver now expects to reach you with order { $reference } around { $eta } (promised: { $window }). Follow it or change how it is delivered: { $link }
msg-lost-in_transit-subject = Your parcel is missing
msg-lost-in_transit-body = We are sorry: order { $reference } went missing between two carriers. It was handed over but the next carrier never confirmed receiving it, and it has now been declared lost ({ $time }). The shop knows and will contact you about a replacement or a refund; for questions, reply to the shop, not to the driver. What we know: { $link }
msg-custody_gap-subject = Your parcel is delayed between two carriers
msg-custody_gap-body = Order { $reference } was handed over for the next leg of its journey, but the receiver has not confirmed it yet ({ $time }). It may arrive later than promised. The shop knows and is looking into it; if it cannot be found, the shop will contact you. Follow it: { $link }
msg-optout = You get these messages because the shop gave us your contact. To stop them, switch them off on { $link }
msg-section = Messages about this parcel
msg-help = We tell you when the driver sets out, after a visit and at delivery.
msg-channel-email = By e-mail
msg-channel-sms = By text message
msg-button = Save

## The operations console

console-title = Doorstep console
console-nav-home = Home
console-nav-scorecard = Scorecard
console-nav-disputes = Disputes
console-logout = Log out
console-login-title = Log in
console-login-email = E-mail
console-login-password = Password
console-login-submit = Log in
console-login-missing = Enter your e-mail and password.
console-login-expired = This form has expired or did not come from this site: log in again.
console-login-wrong = Wrong e-mail or password.
console-login-driver = Drivers use the app; the console is for staff.
console-home-hello = Hello, { $name }
console-home-disputes_open = Disputes waiting for a decision
console-home-disputes_answer = Disputes to answer
console-notfound-title = Not found
console-notfound-body = There is nothing here, or it is not yours to see.
console-forbidden-title = Not allowed
console-forbidden-body = Your role cannot do this.
console-csrf-title = Form expired
console-csrf-body = This form was not sent from your console session. Open the page again and retry.
console-invalid-title = Please check what you entered
console-limited-title = Too many attempts
console-limited-body = Please wait a few minutes and try again.
console-range-from = From
console-range-to = To
console-range-show = Show
console-csv = Download as CSV
console-target = Target
console-met = met
console-missed = missed
console-no_data = no data
console-yes = yes
console-no = no
console-scorecard-title = Couriers against their targets
console-scorecard-empty = No courier has a contract with you yet.
console-scorecard-courier = Courier
console-scorecard-met = Targets met
console-scorecard-missed = Targets missed
console-chart-title = { $kpi }, week by week
console-chart-numbers = The numbers of the chart
console-chart-week = Week
console-disputes-title = Disputes
console-disputes-all = All
console-disputes-empty = No disputes.
console-disputes-opened = Opened
console-disputes-reason = Reason
console-disputes-status = Status
console-disputes-shipment = Shipment
console-dispute-title = Dispute
console-dispute-status-open = Open
console-dispute-status-responded = Answered by the courier
console-dispute-status-resolved = Resolved
console-dispute-window = Promised window
console-dispute-customer = The customer says
console-dispute-courier = The courier says
console-dispute-no_response = The courier has not answered yet.
console-dispute-attempt = The delivery attempt
console-dispute-no_attempt = No delivery attempt is contested.
console-dispute-outcome = Outcome
console-dispute-when = When
console-dispute-distance = Distance from the address
console-dispute-intercom = Intercom note
console-dispute-pin = PIN verified
console-dispute-verified = Every check passed.
console-dispute-photos = Photos
console-dispute-contacts = The driver's contact attempts
console-dispute-no_contacts = The driver recorded no call or message.
console-dispute-channel = Channel
console-dispute-note = Note
console-dispute-suggestion = What the evidence suggests
console-dispute-resolution = Decision
console-dispute-remedy = Remedy
console-dispute-upheld = Upheld: the customer is right
console-dispute-rejected = Rejected: the driver is right
console-dispute-resolve = Resolve
console-dispute-respond = Answer
console-remedy-redeliver = Deliver again
console-remedy-refund = Refund
console-remedy-reship = Ship a new one
console-remedy-compensation = Compensation
console-remedy-none = None
console-nav-shipments = Shipments
console-shipments-title = Shipments
console-shipments-reference = Order reference
console-shipments-search = Search
console-shipments-none = No shipment of yours matches.
console-shipments-any = any
console-shipments-from = Window from
console-shipments-to = to
console-shipments-waiting = Waiting for a new visit
console-shipments-disputed = Open dispute
console-shipments-flagged = Flagged attempt
console-shipments-window = Window
console-shipments-next = Next page
console-shipments-updated = Last change
console-shipment-timeline = Timeline
console-shipment-event = Event
console-shipment-by = By
console-shipment-access_log = Who read the customer's contact data
console-shipment-no_reads = Nobody but you has read it.
console-shipment-fields = Fields
console-shipment-route = Through
console-nav-drivers = Drivers
console-nav-ratings = Ratings
console-nav-handoffs = Hand-offs
console-nav-orgs = Organisations
console-home-courier_scorecard = Your KPIs against each marketplace's targets
console-home-handoffs_waiting = Hand-offs waiting for you
console-scorecard-courier_title = Your KPIs against each marketplace's targets
console-scorecard-marketplace = Marketplace
console-scorecard-no_marketplace = No marketplace has a contract with you yet.
console-scorecard-drivers = Drivers
console-shipment-evidence = Evidence bundle (verify it with doorstep verify)
console-shipment-evidence_photos = with the photos (zip)
console-act-title = What you can do
console-act-propose_hint = Propose a new visit to the customer, in the parcel's time zone ({ $zone }). They can accept it, or choose another.
console-act-day = Day
console-act-from = From
console-act-to = to
console-act-propose = Propose this window
console-act-return_note = Why it goes back to the sender
console-act-return = Return to sender
console-counted-denominator = Every shipment it counts
console-counted-numerator = Counted in the numerator
console-counted-against = Counting against it
console-counted-none = No shipment counts here.
console-counted-days = Days
console-counted-col_numerator = Numerator
console-counted-col_denominator = Denominator
console-counted-col_against = Against
console-counted-page_total = This page
console-counted-range = From { $from } to { $to }, days in each shipment's own time zone.
console-counted-sample = (n = { $n })
console-counted-against_link = { $count ->
    [one] 1 against
   *[other] { $count } against
}
console-drivers-title = Drivers, worst first
console-drivers-empty = No drivers.
console-drivers-driver = Driver
console-drivers-ratings = Ratings
console-drivers-tags = Tags
console-drivers-inactive = deactivated
console-drivers-deactivate = Deactivate
console-drivers-add = Add a driver
console-drivers-name = Name
console-ratings-title = Ratings
console-ratings-low = Low ratings (1–2 stars)
console-ratings-empty = No ratings.
console-ratings-stars = Stars
console-ratings-comment = Comment
console-ratings-counted = Counts for
console-handoffs-title = Hand-offs
console-handoffs-none = None.
console-handoffs-from = From
console-handoffs-to = To
console-handoffs-given = Handed over
console-handoffs-due = Due
console-handoffs-overdue = overdue
console-handoffs-incoming = Waiting for you to accept
console-handoffs-outgoing = You handed over, waiting for the receiver
console-handoffs-punctuality = Your hand-over punctuality, week by week
console-handoffs-overall = Whole range
console-handoffs-answers = How the receivers answered your hand-offs
console-handoffs-handed_over = Handed over
console-handoffs-on_time = Accepted before due
console-handoffs-late = Accepted late
console-handoffs-rejected = Refused
console-handoffs-waiting = Waiting, not yet due
console-handoffs-rate = Answered in time
console-handoffs-rule = Punctuality is the KPI "hand-over on time": delivered parcels you handed over whose lateness was not your fault. "Answered in time" counts a hand-off still waiting past its due time as late; those not yet due are left out.
console-orgs-title = Organisations
console-orgs-name = Name
console-orgs-kind = Kind
console-orgs-admins = Admins
console-orgs-created = Created
kpi-on_time_rate = On time
kpi-first_attempt_success_rate = First-attempt success
kpi-average_stars = Average stars
kpi-ratings_count = Ratings
kpi-pre_arrival_contact_rate = Contacted before arriving
kpi-proof_compliance = Proof complete
kpi-upheld_dispute_rate = Disputes upheld
kpi-early_without_consent_rate = Early without consent
kpi-lost_rate = Lost
kpi-custody_gap_rate = Custody gaps
kpi-handover_on_time_rate = Hand-over on time
kpi-redelivery_in_window_rate = Re-delivery in the chosen window
console-nav-webhooks = Webhooks
console-webhooks-title = Webhooks
console-webhooks-new = Subscribe an endpoint
console-webhooks-all = Every event
console-webhooks-description = Description (optional)
console-webhooks-create = Subscribe
console-webhooks-created = Subscribed
console-webhooks-secret_once = The signing secret, shown this once: keep it with the receiver to check each delivery's Doorstep-Signature.
console-webhooks-empty = No webhook subscriptions yet.
console-webhooks-events = Events
console-webhooks-active = active
console-webhooks-paused = Paused
console-webhooks-deliveries = Webhook deliveries
console-webhooks-none = Nothing delivered yet.
console-webhooks-tries = Tries
console-webhooks-last = Last try
console-webhooks-next = next try
console-webhooks-retry = Send again now
console-webhooks-more = Next deliveries
console-shipment-window = Promised window
console-shipment-eta = Driver's arrival estimate
console-shipment-parties = Parties
console-shipment-marketplace = Marketplace
console-shipment-supplier = Supplier
console-shipment-courier = Courier
console-shipment-driver = Driver
console-shipment-attempts = Delivery attempts
console-shipment-no_attempts = No delivery attempt yet.
console-shipment-outcome-delivered = Delivered
console-shipment-outcome-failed = Not delivered
console-shipment-distance = { $metres } m from the address
console-shipment-no_distance = No position recorded
console-shipment-verified = No flag: the server found nothing to question.
console-shipment-intercom = Intercom note
console-shipment-pin = PIN checked at the door
console-shipment-disputes = Disputes
console-shipment-rating = Customer's rating
console-shipment-stars = { $stars } of 5 stars
console-ev-shipment-created = Order registered
console-ev-handoff-requested = Hand-over announced
console-ev-handoff-accepted = Hand-over accepted
console-ev-handoff-rejected = Hand-over refused
console-ev-custody-gap = Hand-over not confirmed in time
console-ev-shipment-out_for_delivery = Out for delivery
console-ev-shipment-eta = Arrival estimate given
console-ev-shipment-contact_updated = The customer changed their contact details
console-ev-shipment-rescheduled = The customer chose a new window
console-ev-shipment-early_consent = The customer accepted an earlier delivery
console-ev-shipment-early_declined = The customer kept the promised window
console-ev-redelivery-proposed = New visit proposed
console-ev-redelivery-chosen = New visit chosen
console-ev-contact_attempt-recorded = The driver tried to reach the customer
console-ev-attempt-recorded = Delivery attempt recorded
console-ev-attempt-photo_added = Photo added to an attempt
console-ev-shipment-delivered = Delivered
console-ev-shipment-attempt_failed = Not delivered
console-ev-shipment-lost = Declared lost
console-ev-shipment-cancelled = Cancelled
console-ev-shipment-returned = Returned to the sender
console-ev-dispute-opened = The customer opened a dispute
console-ev-dispute-responded = The courier answered the dispute
console-ev-dispute-resolved = The marketplace decided the dispute
console-ev-contact-erased = Contact data erased (retention over)
console-ev-rating-submitted = The customer rated the delivery
console-ev-rating-changed = The customer changed their rating
console-ev-tracking-rotated = Tracking link replaced
console-ev-handover_pin-reset = Handover PIN reset
console-actor-customer = the customer
console-actor-system = Doorstep
console-todo-title = What waits for you
console-todo-nothing = Nothing waits for you.
console-todo-go = Go to
console-todo-disputes_open = { $count ->
    [one] One dispute is open
   *[other] { $count } disputes are open
}
console-todo-decide = { $count ->
    [one] One dispute answered by the courier waits for your decision
   *[other] { $count } disputes answered by the courier wait for your decision
}
console-todo-courier_answer = { $count ->
    [one] One dispute waits for the courier's answer
   *[other] { $count } disputes wait for the courier's answer
}
console-todo-answer = { $count ->
    [one] One dispute waits for your answer
   *[other] { $count } disputes wait for your answer
}
console-todo-misses = { $count ->
    [one] One target missed in the last 7 days
   *[other] { $count } targets missed in the last 7 days
}
console-todo-waiting = { $count ->
    [one] One parcel waits for a new visit
   *[other] { $count } parcels wait for a new visit
}
console-todo-round = { $count ->
    [one] One parcel is out for delivery
   *[other] { $count } parcels are out for delivery
}
console-todo-incoming = { $count ->
    [one] One hand-off waits for you to accept it
   *[other] { $count } hand-offs wait for you to accept them
}
console-todo-incoming_late = { $count ->
    [one] One hand-off to you is overdue
   *[other] { $count } hand-offs to you are overdue
}
console-todo-outgoing_late = { $count ->
    [one] One of your hand-offs is overdue at its receiver
   *[other] { $count } of your hand-offs are overdue at their receivers
}
