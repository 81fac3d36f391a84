//! Who holds a parcel, who may hand it to whom, and what acceptance does. Pure.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::Party;
use crate::shipments::rules::{InvalidTransition, Status, transition};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
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
            allowed: status.next(),
        }),
    }
}

/// Whether the parties that may declare a parcel lost include `party`: its holders.
pub fn may_declare_lost(party: Party) -> bool {
    matches!(party, Party::Courier | Party::Driver | Party::PlatformAdmin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipments::rules::ALL;

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
    fn lost_is_declared_by_holders() {
        assert!(may_declare_lost(Party::Courier));
        assert!(may_declare_lost(Party::Driver));
        assert!(!may_declare_lost(Party::Owner));
        assert!(!may_declare_lost(Party::Supplier));
        assert_eq!(HandoffTarget::parse("driver"), Some(HandoffTarget::Driver));
        assert_eq!(HandoffTarget::parse("van"), None);
    }
}
