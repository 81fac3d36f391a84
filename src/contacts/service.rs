//! Reads of the contact data's trail, for the parties allowed to see it.

use super::model::AccessLogRow;

use crate::access::{self, Party};
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::pagination::PageRequest;
use crate::shipments::model::ShipmentRow;

/// Who read the shipment's contact data, for a party that may see it (else 404, as for a
/// shipment that is not theirs): the JSON log and the console's shipment page.
pub fn access_log(
    c: &mut Conn,
    ship: &ShipmentRow,
    party: Party,
    page: &PageRequest,
) -> ApiResult<Vec<AccessLogRow>> {
    if !access::may_read_access_log(party) {
        return Err(ApiError::NotFound("shipment".to_owned()));
    }
    Ok(crate::access_log::access_log(c, &ship.id, page)?)
}
