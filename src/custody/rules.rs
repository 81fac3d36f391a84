//! Who holds a parcel, who may hand it to whom, what acceptance does, and who may declare it
//! lost and what the loss records. Pure.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::Party;
use crate::kpis::rules::LossFact;
use crate::status::{InvalidTransition, Status, transition};

/// The receiving side of a hand-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HandoffTarget {
    Supplier,
    Courier,
    Driver,
}

impl HandoffTarget {
    pub fn as_str(self) -> &'static str {
        match self {
            HandoffTarget::Supplier => "supplier",
            HandoffTarget::Courier => "courier",
            HandoffTarget::Driver => "driver",
        }
    }

    pub fn parse(s: &str) -> Option<HandoffTarget> {
        [
            HandoffTarget::Supplier,
            HandoffTarget::Courier,
            HandoffTarget::Driver,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

/// Who holds custody of a parcel in this state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Holder {
    Marketplace,
    Supplier,
    Courier,
    Driver,
}

pub fn holder(status: Status, driver_assigned: bool) -> Option<Holder> {
    match status {
        Status::Created => Some(Holder::Marketplace),
        Status::AtSupplier => Some(Holder::Supplier),
        Status::WithCourier if driver_assigned => Some(Holder::Driver),
        Status::WithCourier => Some(Holder::Courier),
        Status::OutForDelivery | Status::AttemptFailed => Some(Holder::Driver),
        Status::Delivered | Status::Returned | Status::Cancelled | Status::Lost => None,
    }
}

/// Whether `party` may start a hand-off to `target` while the shipment is in `status`:
/// the marketplace hands over from `created`, the supplier from `at_supplier`, and the
/// courier's staff assign (or reassign) a driver while the parcel is with the courier.
pub fn may_hand_off(party: Party, status: Status, target: HandoffTarget) -> bool {
    matches!(
        (party, status, target),
        (
            Party::Owner,
            Status::Created,
            HandoffTarget::Supplier | HandoffTarget::Courier
        ) | (Party::Supplier, Status::AtSupplier, HandoffTarget::Courier)
            | (Party::Courier, Status::WithCourier, HandoffTarget::Driver)
    )
}

/// The shipment's status once the receiver accepts. A driver's acceptance assigns them
/// without changing the status (they start the round later).
pub fn status_after_accept(
    target: HandoffTarget,
    status: Status,
) -> Result<Status, InvalidTransition> {
    match target {
        HandoffTarget::Supplier => transition(status, Status::AtSupplier),
        HandoffTarget::Courier => transition(status, Status::WithCourier),
        HandoffTarget::Driver if status == Status::WithCourier => Ok(status),
        HandoffTarget::Driver => Err(InvalidTransition {
            from: status,
            to: Status::WithCourier,
            allowed: crate::status::next_for(status, false),
        }),
    }
}

/// The caller's side of the hand-off waiting for its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Its org gave the parcel (custody is still theirs).
    Giver,
    /// The org or driver it is addressed to (they never had the parcel).
    Receiver,
    Neither,
}

/// What a declaration of loss is, when it is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LostDeclaration {
    /// While a hand-off waited for its receiver: the break is recorded and charged to the giver.
    InTransit,
    /// By the holder, with nothing in transit.
    InCustody,
}

/// Why a declaration of loss is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LostRefusal {
    /// 403: not the caller's to declare (the receiver of a hand-off never had the parcel; a
    /// party that does not hold it).
    NotYours,
    /// 409: nothing is in transit and the state allows no loss (the parcel is with the
    /// marketplace or the supplier, who hand it on or cancel).
    NothingInTransit,
}

/// Who may declare a parcel lost in `status`, given the caller's side of the hand-off waiting
/// for its receiver (`None`: none waits). Custody stays with the giver until the receiver
/// accepts, so while a hand-off waits the giver may declare it lost, and so may the
/// marketplace (turning a custody gap into a loss) and the holders below — never the receiver,
/// who never had it. With nothing in transit only the holder may: courier staff or the driver
/// while the parcel is with the courier or out for delivery. Platform admins may whenever a
/// holder may. The transition table still decides final states (409).
pub fn lost_declaration(
    party: Party,
    status: Status,
    pending: Option<Side>,
) -> Result<LostDeclaration, LostRefusal> {
    let held = matches!(status, Status::WithCourier | Status::OutForDelivery);
    let holder = held && matches!(party, Party::Courier | Party::Driver | Party::PlatformAdmin);
    match pending {
        Some(Side::Receiver) => Err(LostRefusal::NotYours),
        Some(Side::Giver) => Ok(LostDeclaration::InTransit),
        Some(Side::Neither) if holder || matches!(party, Party::Owner | Party::PlatformAdmin) => {
            Ok(LostDeclaration::InTransit)
        }
        Some(Side::Neither) => Err(LostRefusal::NotYours),
        None if holder => Ok(LostDeclaration::InCustody),
        None if held => Err(LostRefusal::NotYours),
        None => Err(LostRefusal::NothingInTransit),
    }
}

/// Who last confirmed holding the parcel, and since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Custodian {
    pub org_id: String,
    pub holder: Holder,
    /// When the holder is a driver.
    pub driver_id: Option<String>,
    /// When custody was confirmed (the hand-off accepted; for the marketplace, the shipment
    /// created).
    pub since: DateTime<Utc>,
}

/// The hand-off that was waiting when the parcel was declared lost: never accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Break {
    pub handoff_id: String,
    /// The giver, who still had custody.
    pub from_org_id: String,
    pub to: HandoffTarget,
    pub to_org_id: String,
    pub to_driver_id: Option<String>,
    pub requested_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// It was past `due_at` when the loss was declared: a custody gap turned into a loss.
    pub custody_gap: bool,
}

/// Where the chain broke, recorded on the shipment when it is declared lost (`loss`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Loss {
    pub declared_at: DateTime<Utc>,
    /// The org of whoever declared it (none for a platform admin).
    pub declared_by_org_id: Option<String>,
    /// Whose lost rate counts it: the party that held custody — the giver of a hand-off that
    /// was never accepted (the book: integrators/shipments.md, "Loss in transit").
    pub charged_to_org_id: String,
    /// The last confirmed custody.
    pub last_confirmed: Custodian,
    /// The hand-off that was never accepted; `null` when the parcel was lost in one party's
    /// custody.
    pub in_transit: Option<Break>,
}

/// What a hand-off looks like to [`loss`] (a row of the shipment's hand-offs).
#[derive(Debug, Clone, PartialEq)]
pub struct HandoffSeen {
    pub id: String,
    pub from_org_id: String,
    pub to: HandoffTarget,
    pub to_org_id: String,
    pub to_driver_id: Option<String>,
    /// `pending`, `accepted` or `rejected`.
    pub status: String,
    pub created_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    pub responded_at: Option<NaiveDateTime>,
}

/// Who holds the parcel after a hand-off to `to` is accepted.
fn holder_after(to: HandoffTarget) -> Holder {
    match to {
        HandoffTarget::Supplier => Holder::Supplier,
        HandoffTarget::Courier => Holder::Courier,
        HandoffTarget::Driver => Holder::Driver,
    }
}

/// The loss of a shipment created by `marketplace_id` at `created_at`, declared at `now` by
/// `declared_by` with these hand-offs: the last accepted one says who held it (none: the
/// marketplace), the one still waiting is the break.
pub fn loss(
    marketplace_id: &str,
    created_at: NaiveDateTime,
    handoffs: &[HandoffSeen],
    declared_by: Option<&str>,
    now: NaiveDateTime,
) -> Loss {
    let last_confirmed = handoffs
        .iter()
        .filter(|h| h.status == "accepted")
        .filter_map(|h| h.responded_at.map(|at| (h, at)))
        .max_by_key(|(h, at)| (*at, h.id.clone()))
        .map_or(
            Custodian {
                org_id: marketplace_id.to_owned(),
                holder: Holder::Marketplace,
                driver_id: None,
                since: created_at.and_utc(),
            },
            |(h, at)| Custodian {
                org_id: h.to_org_id.clone(),
                holder: holder_after(h.to),
                driver_id: h.to_driver_id.clone(),
                since: at.and_utc(),
            },
        );
    let in_transit = handoffs
        .iter()
        .find(|h| h.status == "pending")
        .map(|h| Break {
            handoff_id: h.id.clone(),
            from_org_id: h.from_org_id.clone(),
            to: h.to,
            to_org_id: h.to_org_id.clone(),
            to_driver_id: h.to_driver_id.clone(),
            requested_at: h.created_at.and_utc(),
            due_at: h.due_at.and_utc(),
            custody_gap: now > h.due_at,
        });
    Loss {
        declared_at: now.and_utc(),
        declared_by_org_id: declared_by.map(str::to_owned),
        charged_to_org_id: in_transit
            .as_ref()
            .map_or(last_confirmed.org_id.clone(), |b| b.from_org_id.clone()),
        last_confirmed,
        in_transit,
    }
}

impl Loss {
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn decode(s: Option<&str>) -> Option<Loss> {
        s.and_then(|s| serde_json::from_str(s).ok())
    }

    /// What a loss in transit moves in the KPIs (`None`: lost in the holder's custody, counted
    /// for the courier as any other end).
    pub fn transit_fact(&self) -> Option<LossFact> {
        self.in_transit.as_ref().map(|b| LossFact {
            giver: self.charged_to_org_id.clone(),
            to_courier: b.to == HandoffTarget::Courier,
        })
    }
}

/// How the receivers answered the hand-offs an org gave: taken before they were due, taken
/// late, refused (or closed unanswered), or still waiting. (The giver's own punctuality is the
/// KPI `handover_on_time_rate`.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HandoffAnswers {
    pub accepted_on_time: i64,
    pub accepted_late: i64,
    pub rejected: i64,
    /// Waiting, not yet due: not counted either way.
    pub waiting: i64,
    /// Waiting past due: a custody gap, counted as late.
    pub overdue: i64,
}

impl HandoffAnswers {
    pub fn handed_over(&self) -> i64 {
        self.accepted_on_time + self.accepted_late + self.rejected + self.waiting + self.overdue
    }

    /// Accepted on time among the hand-overs whose outcome is known (the not-yet-due are left
    /// out); `None` with nothing decided.
    pub fn on_time_rate(&self) -> Option<f64> {
        let decided = self.accepted_on_time + self.accepted_late + self.rejected + self.overdue;
        (decided > 0).then(|| self.accepted_on_time as f64 / decided as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::ALL;

    #[test]
    fn holders_follow_the_status() {
        assert_eq!(holder(Status::Created, false), Some(Holder::Marketplace));
        assert_eq!(holder(Status::AtSupplier, false), Some(Holder::Supplier));
        assert_eq!(holder(Status::WithCourier, false), Some(Holder::Courier));
        assert_eq!(holder(Status::WithCourier, true), Some(Holder::Driver));
        assert_eq!(holder(Status::OutForDelivery, true), Some(Holder::Driver));
        for s in ALL.into_iter().filter(|s| s.is_final()) {
            assert_eq!(holder(s, true), None);
        }
    }

    #[test]
    fn only_the_holder_hands_off_and_only_down_the_chain() {
        let parties = [
            Party::Owner,
            Party::Supplier,
            Party::Courier,
            Party::Driver,
            Party::PlatformAdmin,
        ];
        let targets = [
            HandoffTarget::Supplier,
            HandoffTarget::Courier,
            HandoffTarget::Driver,
        ];
        let mut allowed = Vec::new();
        for p in parties {
            for s in ALL {
                for t in targets {
                    if may_hand_off(p, s, t) {
                        allowed.push((p, s, t));
                    }
                }
            }
        }
        assert_eq!(
            allowed,
            vec![
                (Party::Owner, Status::Created, HandoffTarget::Supplier),
                (Party::Owner, Status::Created, HandoffTarget::Courier),
                (Party::Supplier, Status::AtSupplier, HandoffTarget::Courier),
                (Party::Courier, Status::WithCourier, HandoffTarget::Driver),
            ]
        );
    }

    #[test]
    fn acceptance_moves_custody_or_is_refused() {
        assert_eq!(
            status_after_accept(HandoffTarget::Supplier, Status::Created),
            Ok(Status::AtSupplier)
        );
        assert_eq!(
            status_after_accept(HandoffTarget::Courier, Status::Created),
            Ok(Status::WithCourier)
        );
        assert_eq!(
            status_after_accept(HandoffTarget::Courier, Status::AtSupplier),
            Ok(Status::WithCourier)
        );
        assert_eq!(
            status_after_accept(HandoffTarget::Driver, Status::WithCourier),
            Ok(Status::WithCourier)
        );
        let err = status_after_accept(HandoffTarget::Courier, Status::Cancelled).unwrap_err();
        assert_eq!(err.from, Status::Cancelled);
        assert!(err.allowed.is_empty());
        assert!(status_after_accept(HandoffTarget::Driver, Status::OutForDelivery).is_err());
        assert!(status_after_accept(HandoffTarget::Supplier, Status::WithCourier).is_err());
    }

    #[test]
    fn lost_is_declared_by_the_holder_or_while_in_transit_by_the_giver_or_marketplace() {
        use LostDeclaration::*;
        use LostRefusal::*;
        let parties = [
            Party::Owner,
            Party::Supplier,
            Party::Courier,
            Party::Driver,
            Party::PlatformAdmin,
        ];
        // Nothing in transit: the holder, while with the courier or out for delivery.
        for p in parties {
            for s in [Status::WithCourier, Status::OutForDelivery] {
                let holder = matches!(p, Party::Courier | Party::Driver | Party::PlatformAdmin);
                let want = if holder { Ok(InCustody) } else { Err(NotYours) };
                assert_eq!(lost_declaration(p, s, None), want, "{p:?} {s:?}");
            }
            for s in [Status::Created, Status::AtSupplier] {
                assert_eq!(
                    lost_declaration(p, s, None),
                    Err(NothingInTransit),
                    "{p:?} {s:?}"
                );
            }
        }
        // A hand-off waits: the giver and the marketplace, never the receiver.
        for s in [Status::Created, Status::AtSupplier, Status::WithCourier] {
            assert_eq!(
                lost_declaration(Party::Supplier, s, Some(Side::Giver)),
                Ok(InTransit)
            );
            assert_eq!(
                lost_declaration(Party::Owner, s, Some(Side::Neither)),
                Ok(InTransit)
            );
            assert_eq!(
                lost_declaration(Party::PlatformAdmin, s, Some(Side::Neither)),
                Ok(InTransit)
            );
            assert_eq!(
                lost_declaration(Party::Courier, s, Some(Side::Receiver)),
                Err(NotYours)
            );
        }
        assert_eq!(
            lost_declaration(Party::Supplier, Status::Created, Some(Side::Neither)),
            Err(NotYours),
            "a supplier not yet involved"
        );
        assert_eq!(
            lost_declaration(Party::Driver, Status::WithCourier, Some(Side::Neither)),
            Ok(InTransit),
            "the driver holding it while the courier reassigns it"
        );
        assert_eq!(HandoffTarget::parse("driver"), Some(HandoffTarget::Driver));
        assert_eq!(HandoffTarget::parse("van"), None);
    }

    fn at(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .unwrap()
    }

    fn seen(id: &str, from: &str, to: HandoffTarget, to_org: &str, status: &str) -> HandoffSeen {
        HandoffSeen {
            id: id.into(),
            from_org_id: from.into(),
            to,
            to_org_id: to_org.into(),
            to_driver_id: None,
            status: status.into(),
            created_at: at(9, 0),
            due_at: at(9, 0) + chrono::Duration::hours(24),
            responded_at: (status != "pending").then(|| at(10, 2)),
        }
    }

    #[test]
    fn a_loss_records_the_break_and_charges_the_giver() {
        let handoffs = [
            seen("hof_1", "mkt", HandoffTarget::Supplier, "sup", "accepted"),
            seen("hof_2", "sup", HandoffTarget::Courier, "cou", "rejected"),
            HandoffSeen {
                created_at: at(11, 0),
                due_at: at(12, 0),
                ..seen("hof_3", "sup", HandoffTarget::Courier, "cou", "pending")
            },
        ];
        let l = loss("mkt", at(8, 0), &handoffs, Some("sup"), at(11, 30));
        assert_eq!(l.charged_to_org_id, "sup");
        assert_eq!(l.last_confirmed.org_id, "sup");
        assert_eq!(l.last_confirmed.holder, Holder::Supplier);
        assert_eq!(l.last_confirmed.since, at(10, 2).and_utc());
        let b = l.in_transit.clone().unwrap();
        assert_eq!(
            (
                b.handoff_id.as_str(),
                b.from_org_id.as_str(),
                b.to_org_id.as_str()
            ),
            ("hof_3", "sup", "cou")
        );
        assert_eq!(b.requested_at, at(11, 0).and_utc());
        assert!(!b.custody_gap, "not yet due");
        let fact = l.transit_fact().unwrap();
        assert_eq!((fact.giver.as_str(), fact.to_courier), ("sup", true));
        assert_eq!(Loss::decode(Some(&l.encode())), Some(l));

        let later = loss("mkt", at(8, 0), &handoffs, None, at(12, 1));
        assert!(
            later.in_transit.unwrap().custody_gap,
            "a custody gap turned into a loss"
        );

        // Nothing accepted yet: the marketplace held it since the shipment was created.
        let first = [seen(
            "hof_1",
            "mkt",
            HandoffTarget::Courier,
            "cou",
            "pending",
        )];
        let l = loss("mkt", at(8, 0), &first, Some("mkt"), at(9, 30));
        assert_eq!(l.last_confirmed.holder, Holder::Marketplace);
        assert_eq!(l.last_confirmed.since, at(8, 0).and_utc());
        assert_eq!(l.charged_to_org_id, "mkt");

        // Lost by the holder: no break, the holder is charged (as any end: the courier).
        let held = [seen(
            "hof_1",
            "mkt",
            HandoffTarget::Courier,
            "cou",
            "accepted",
        )];
        let l = loss("mkt", at(8, 0), &held, Some("cou"), at(12, 0));
        assert_eq!(
            (l.charged_to_org_id.as_str(), &l.in_transit),
            ("cou", &None)
        );
        assert_eq!(l.transit_fact(), None);
    }

    #[test]
    fn answers_count_only_decided_hand_offs() {
        let p = HandoffAnswers {
            accepted_on_time: 3,
            accepted_late: 1,
            rejected: 0,
            waiting: 5,
            overdue: 0,
        };
        assert_eq!(p.handed_over(), 9);
        assert_eq!(p.on_time_rate(), Some(0.75));
        let waiting_only = HandoffAnswers {
            waiting: 2,
            ..HandoffAnswers::default()
        };
        assert_eq!(waiting_only.on_time_rate(), None);
        let gap = HandoffAnswers {
            accepted_on_time: 1,
            overdue: 1,
            ..HandoffAnswers::default()
        };
        assert_eq!(
            gap.on_time_rate(),
            Some(0.5),
            "a custody gap counts as late"
        );
        let refused = HandoffAnswers {
            rejected: 2,
            ..HandoffAnswers::default()
        };
        assert_eq!(refused.on_time_rate(), Some(0.0));
    }
}
