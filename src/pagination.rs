//! Cursor pagination: `?limit=&cursor=` → `next_cursor`. Lists are ordered by id, which is
//! time-ordered, so a cursor is the last id seen (encoded so clients treat it as opaque).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1–200 (default 50).
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

/// Validated page request: `after` is the id to continue after.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<String>,
}

impl PageParams {
    pub fn validate(&self) -> ApiResult<PageRequest> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::validation(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            ));
        }
        let after = match &self.cursor {
            None => None,
            Some(c) => Some(decode_cursor(c).ok_or_else(|| {
                ApiError::validation("cursor", "is not a cursor returned by this API")
            })?),
        };
        Ok(PageRequest { limit, after })
    }
}

pub fn decode_cursor(cursor: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let id = String::from_utf8(bytes).ok()?;
    (id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(id)
}

pub fn encode_cursor(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(id)
}

/// One page of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Build a page from up to `limit + 1` rows fetched in id order.
    pub fn from_rows<R>(
        mut rows: Vec<R>,
        req: &PageRequest,
        id: impl Fn(&R) -> &str,
        view: impl FnMut(R) -> T,
    ) -> Page<T> {
        let more = rows.len() as i64 > req.limit;
        rows.truncate(req.limit as usize);
        let next_cursor = if more {
            rows.last().map(|r| encode_cursor(id(r)))
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(view).collect(),
            next_cursor,
        }
    }

    /// A page of a short list kept in its own order (a shipment's attempts in device-time
    /// order), every row of which was loaded: the page starts after the cursor's row (none
    /// when that row is not in the list).
    pub fn from_ordered<R>(
        rows: Vec<R>,
        req: &PageRequest,
        id: impl Fn(&R) -> &str,
        view: impl FnMut(R) -> T,
    ) -> Page<T> {
        let start = match &req.after {
            None => 0,
            Some(after) => rows
                .iter()
                .position(|r| id(r) == after)
                .map_or(rows.len(), |p| p + 1),
        };
        let rest: Vec<R> = rows
            .into_iter()
            .skip(start)
            .take(usize::try_from(req.limit).unwrap_or(0).saturating_add(1))
            .collect();
        Page::from_rows(rest, req, id, view)
    }

    /// A list that is always whole (bounded by its query): one page, no cursor.
    pub fn whole(items: Vec<T>) -> Page<T> {
        Page {
            items,
            next_cursor: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(limit: Option<i64>, cursor: Option<&str>) -> PageParams {
        PageParams {
            limit,
            cursor: cursor.map(str::to_owned),
        }
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(params(None, None).validate().unwrap().limit, DEFAULT_LIMIT);
        assert_eq!(params(Some(1), None).validate().unwrap().limit, 1);
        assert_eq!(params(Some(200), None).validate().unwrap().limit, 200);
        assert!(params(Some(0), None).validate().is_err());
        assert!(params(Some(201), None).validate().is_err());
        assert!(params(Some(-5), None).validate().is_err());
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let c = encode_cursor("org_01abc");
        let req = params(None, Some(&c)).validate().unwrap();
        assert_eq!(req.after.as_deref(), Some("org_01abc"));
        assert!(params(None, Some("%%%")).validate().is_err());
        let sneaky = encode_cursor("x' OR 1=1 --");
        assert!(params(None, Some(&sneaky)).validate().is_err());
    }

    #[test]
    fn page_has_cursor_only_when_more_rows_exist() {
        let req = PageRequest {
            limit: 2,
            after: None,
        };
        let page = Page::from_rows(vec!["a", "b", "c"], &req, |r| r, |r| r.to_owned());
        assert_eq!(page.items, vec!["a", "b"]);
        assert_eq!(page.next_cursor, Some(encode_cursor("b")));
        let page = Page::from_rows(vec!["a", "b"], &req, |r| r, |r| r.to_owned());
        assert_eq!(page.next_cursor, None);
    }

    #[test]
    fn ordered_lists_page_in_their_own_order() {
        let rows = || vec!["c", "a", "d", "b", "e"];
        let req = |after: Option<&str>| PageRequest {
            limit: 2,
            after: after.map(str::to_owned),
        };
        let first = Page::from_ordered(rows(), &req(None), |r| r, |r| r.to_owned());
        assert_eq!(first.items, ["c", "a"]);
        assert_eq!(first.next_cursor, Some(encode_cursor("a")));
        let second = Page::from_ordered(rows(), &req(Some("a")), |r| r, |r| r.to_owned());
        assert_eq!(second.items, ["d", "b"]);
        let last = Page::from_ordered(rows(), &req(Some("b")), |r| r, |r| r.to_owned());
        assert_eq!((last.items, last.next_cursor), (vec!["e".to_owned()], None));
        let gone = Page::from_ordered(rows(), &req(Some("zz")), |r| r, |r| r.to_owned());
        assert!(gone.items.is_empty() && gone.next_cursor.is_none());
    }
}
