//! The organisations as the platform admin reads them.

use super::model::OrgRow;
use super::store;
use crate::auth::Actor;
use crate::db::Conn;
use crate::error::{ApiError, ApiResult};
use crate::pagination::PageRequest;
use crate::users::model::{Role, UserRow};

/// One page of every organisation with its admins (the console's list): the platform admin's.
pub fn with_admins(
    c: &mut Conn,
    actor: &Actor,
    page: &PageRequest,
) -> ApiResult<Vec<(OrgRow, Vec<UserRow>)>> {
    if actor.role != Role::PlatformAdmin {
        return Err(ApiError::Forbidden(
            "organisations are the platform admin's".to_owned(),
        ));
    }
    let orgs = store::list(c, page, None, None)?;
    let ids: Vec<String> = orgs.iter().map(|o| o.id.clone()).collect();
    let admins = crate::users::store::admins_of(c, &ids)?;
    Ok(orgs
        .into_iter()
        .map(|o| {
            let mine = admins
                .iter()
                .filter(|u| u.org_id.as_deref() == Some(o.id.as_str()))
                .cloned()
                .collect();
            (o, mine)
        })
        .collect())
}

/// Org names by id, for pages that show names where the record keeps ids (an id the caller
/// already sees: names are the directory every member may look up).
pub fn names(c: &mut Conn, ids: &[String]) -> ApiResult<std::collections::HashMap<String, String>> {
    Ok(store::names(c, ids)?.into_iter().collect())
}
