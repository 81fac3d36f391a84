//! A shipment's lifecycle states, named once. Base, not the shipments domain, because access
//! decisions (`access`) speak of them; the transitions are `shipments::rules`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Created,
    AtSupplier,
    WithCourier,
    OutForDelivery,
    AttemptFailed,
    Delivered,
    Returned,
    Cancelled,
    Lost,
}

pub const ALL: [Status; 9] = [
    Status::Created,
    Status::AtSupplier,
    Status::WithCourier,
    Status::OutForDelivery,
    Status::AttemptFailed,
    Status::Delivered,
    Status::Returned,
    Status::Cancelled,
    Status::Lost,
];

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::AtSupplier => "at_supplier",
            Status::WithCourier => "with_courier",
            Status::OutForDelivery => "out_for_delivery",
            Status::AttemptFailed => "attempt_failed",
            Status::Delivered => "delivered",
            Status::Returned => "returned",
            Status::Cancelled => "cancelled",
            Status::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Delivered | Status::Returned | Status::Cancelled | Status::Lost
        )
    }
}
