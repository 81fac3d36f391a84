//! The customer's rating (through the one door) and the drivers' averages.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::model::{DriverComment, DriverRating, RateDelivery, RatingRow, StarCount, TagCount};
use super::rules::{self, Context, DRIVER_RATING_WINDOW};
use super::store;
use crate::db::Conn;
use crate::db::schema::delivery_attempts;
use crate::error::{ApiError, ApiResult};
use crate::kpis::rules::{Attribution, FactChange, RatingFact, Tag, courier_receipt};
use crate::shipments::service::{self as door, Change, Locked};
use crate::shipments::store::By;
use crate::status::Status;

/// Who may rate, and what: the last attempt (its driver and courier are the ones rated).
fn last_attempt(
    c: &mut Conn,
    shipment_id: &str,
) -> QueryResult<Option<(String, String, String, chrono::NaiveDateTime)>> {
    delivery_attempts::table
        .filter(delivery_attempts::shipment_id.eq(shipment_id))
        .order((
            delivery_attempts::occurred_at.desc(),
            delivery_attempts::id.desc(),
        ))
        .select((
            delivery_attempts::id,
            delivery_attempts::driver_id,
            delivery_attempts::courier_id,
            delivery_attempts::occurred_at,
        ))
        .first(c)
        .optional()
}

/// Whether the customer can rate now (or change their rating).
pub fn may_rate_now(
    status: Status,
    last_attempt_at: Option<NaiveDateTime>,
    rated_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> bool {
    let Some(at) = last_attempt_at.filter(|_| status != Status::Cancelled) else {
        return false;
    };
    rules::may_rate(at, now) && rated_at.is_none_or(|r| rules::may_change(r, now))
}

/// Record or replace the customer's rating (the JSON route and the tracking page). Returns the
/// rating and whether it is new.
pub fn submit(
    c: &mut Conn,
    locked: &mut Locked,
    input: RateDelivery,
    harsh: rules::HarshRater,
    now: NaiveDateTime,
) -> ApiResult<(RatingRow, bool)> {
    let ship = &locked.ship;
    let (stars, tags, comment) = input.validate().map_err(ApiError::Validation)?;
    let (attempt_id, driver_id, courier_id, attempt_at) = match last_attempt(c, &ship.id)? {
        Some(a) if ship.status() != Status::Cancelled => a,
        _ => {
            return Err(ApiError::Conflict(
                "there is no delivery attempt to rate yet".to_owned(),
            ));
        }
    };
    if !rules::may_rate(attempt_at, now) {
        return Err(ApiError::Conflict(format!(
            "ratings are accepted up to {} days after delivery",
            rules::RATE_WITHIN_DAYS
        )));
    }
    let existing = store::for_shipment(c, &ship.id)?;
    if let Some(r) = &existing
        && !rules::may_change(r.created_at, now)
    {
        return Err(ApiError::Conflict(format!(
            "a rating can be changed for {} days after it was given",
            rules::CHANGE_WITHIN_DAYS
        )));
    }
    // Whom it counts for: the custody chain and the customer's standing (all their ratings,
    // this one included) decide.
    let facts = door::recorded(c, locked)?;
    let receipt = courier_receipt(&facts.handoffs, &courier_id);
    let customer_key = match &existing {
        Some(r) => r.customer_key.clone(),
        None => ship
            .recipient_phone
            .as_deref()
            .or(ship.recipient_email.as_deref())
            .map(|k| crate::ids::secret_hash(&format!("rater:{k}"))),
    };
    let others = match &customer_key {
        Some(k) => store::customer_ratings(c, k, &ship.id)?,
        None => Vec::new(),
    };
    let ones: i64 = others.iter().filter(|r| r.0 == 1).map(|r| r.3).sum();
    let total: i64 = others.iter().map(|r| r.3).sum();
    let harsh_rater = rules::standing((ones, total), stars, harsh);
    let stale: i64 = others
        .iter()
        .filter(|(s, counted, reason, _)| rules::stale(*s, counted, reason.as_deref(), harsh_rater))
        .map(|r| r.3)
        .sum();
    let ctx = Context {
        receipt: receipt.as_ref(),
        window_start: ship.window_start,
        harsh_rater,
    };
    let (counted_for, reason) = rules::attribute(stars, &tags, &ctx);
    let (counted, org) = counted_columns(&counted_for);
    let row = RatingRow {
        id: existing
            .as_ref()
            .map_or_else(|| crate::ids::new_id("rat"), |r| r.id.clone()),
        shipment_id: ship.id.clone(),
        marketplace_id: ship.marketplace_id.clone(),
        courier_id,
        driver_id,
        attempt_id,
        stars,
        tags: tags
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(","),
        comment,
        customer_key: customer_key.clone(),
        counted_for: counted.to_owned(),
        attributed_org_id: org,
        reason: reason.map(|r| r.as_str().to_owned()),
        created_at: existing.as_ref().map_or(now, |r| r.created_at),
        updated_at: now,
    };
    let kind = if existing.is_some() {
        store::replace(c, &row)?;
        "rating.changed"
    } else {
        store::insert(c, &row)?;
        "rating.submitted"
    };
    // The comment stays off the timeline that every party reads.
    let data = json!({"rating_id": row.id, "stars": stars, "tags": tags});
    let fact = RatingFact {
        driver_id: row.driver_id.clone(),
        courier_id: row.courier_id.clone(),
        stars,
        tags,
        counted_for,
        created_at: row.created_at,
    };
    let change = Change::new(By::Customer, now)
        .event(kind, data)
        .fact(FactChange::Rating(fact));
    door::apply(c, locked, change)?;
    if let (Some(key), true) = (&customer_key, stale > 0) {
        recount(c, key, &row.shipment_id, harsh_rater, now)?;
    }
    Ok((row, existing.is_none()))
}

/// The `counted_for` and `attributed_org_id` columns of an attribution.
fn counted_columns(a: &Attribution) -> (&'static str, Option<String>) {
    match a {
        Attribution::Driver => ("driver", None),
        Attribution::Upstream(org) => ("upstream", Some(org.clone())),
        Attribution::Excluded => ("excluded", None),
    }
}

/// The customer's standing changed: their earlier low ratings follow it, retroactively. Each
/// one's shipment goes through the one door (locked, its rating fact replaced), so the KPI
/// counters move in this transaction; the driver's average reads the rating rows. At most
/// [`rules::RECOUNT_MAX`], newest first; the rest wait for the customer's next rating. No
/// timeline event: the timeline is the customer's too, and the rating list shows the reason.
fn recount(
    c: &mut Conn,
    key: &str,
    except: &str,
    harsh_rater: bool,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let mut rows = store::stale_ratings(c, key, except, harsh_rater, rules::RECOUNT_MAX)?;
    // The rated shipment is locked already; two ratings by one customer at the same instant
    // would each wait for the other's shipment (a deadlock, one of them failing). A shipment
    // another transaction holds is skipped, not waited for: its rating stays stale until the
    // customer's next rating (or `admin rebuild-kpis`) recounts it.
    rows.sort_by(|a, b| a.shipment_id.cmp(&b.shipment_id));
    for mut r in rows {
        let Some(mut locked) = door::try_lock(c, &r.shipment_id)? else {
            continue;
        };
        let facts = door::recorded(c, &locked)?;
        let receipt = courier_receipt(&facts.handoffs, &r.courier_id);
        let ctx = Context {
            receipt: receipt.as_ref(),
            window_start: locked.ship.window_start,
            harsh_rater,
        };
        let tags = r.tag_list();
        let (counted_for, reason) = rules::attribute(r.stars, &tags, &ctx);
        let (counted, org) = counted_columns(&counted_for);
        r.counted_for = counted.to_owned();
        r.attributed_org_id = org;
        r.reason = reason.map(|x| x.as_str().to_owned());
        store::set_counted(c, &r)?;
        let fact = RatingFact {
            driver_id: r.driver_id,
            courier_id: r.courier_id,
            stars: r.stars,
            tags,
            counted_for,
            created_at: r.created_at,
        };
        door::apply(
            c,
            &mut locked,
            Change::new(By::System, now).fact(FactChange::Rating(fact)),
        )?;
    }
    Ok(())
}

/// Mean, count, distribution and tags of a window of ratings.
pub fn summarize(window: &[RatingRow]) -> (Option<f64>, Vec<StarCount>, Vec<TagCount>) {
    let count = window.len() as i64;
    let sum: i64 = window.iter().map(|r| i64::from(r.stars)).sum();
    let average = (count > 0).then(|| (sum as f64 / count as f64 * 100.0).round() / 100.0);
    let distribution = (1..=5)
        .rev()
        .map(|s| StarCount {
            stars: s,
            count: window.iter().filter(|r| r.stars == s).count() as i64,
        })
        .collect();
    let mut tags: Vec<TagCount> = Tag::ALL
        .into_iter()
        .map(|t| TagCount {
            tag: t,
            count: window.iter().filter(|r| r.tag_list().contains(&t)).count() as i64,
        })
        .filter(|t| t.count > 0)
        .collect();
    tags.sort_by_key(|t| std::cmp::Reverse(t.count));
    (average, distribution, tags)
}

/// The driver's average for the customer's page.
pub fn driver_average(c: &mut Conn, driver_id: &str) -> QueryResult<Option<f64>> {
    Ok(summarize(&store::driver_window(c, driver_id)?).0)
}

/// Which comments a reader of a driver's rating gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comments {
    /// Figures only (a marketplace whose parcels the driver carried).
    None,
    /// The day, stars, tags and words (the driver themselves).
    Anonymous,
    /// With the shipment and the attempt rated (the driver's courier, platform admins).
    WithShipment,
}

pub fn driver_rating(
    c: &mut Conn,
    driver_id: &str,
    name: String,
    comments: Comments,
) -> QueryResult<DriverRating> {
    let window = store::driver_window(c, driver_id)?;
    let (average, distribution, tags) = summarize(&window);
    let not_counted = store::not_counted(c, driver_id)?;
    let with_shipment = comments == Comments::WithShipment;
    let comments = (comments != Comments::None).then(|| {
        window
            .iter()
            .filter_map(|r| {
                r.comment.as_ref().map(|text| DriverComment {
                    shipment_id: with_shipment.then(|| r.shipment_id.clone()),
                    attempt_id: with_shipment.then(|| r.attempt_id.clone()),
                    day: r.created_at.date(),
                    stars: r.stars,
                    tags: r.tag_list(),
                    comment: text.clone(),
                })
            })
            .take(50)
            .collect()
    });
    Ok(DriverRating {
        driver_id: driver_id.to_owned(),
        name,
        average,
        count: window.len() as i64,
        window: DRIVER_RATING_WINDOW,
        distribution,
        tags,
        not_counted,
        comments,
    })
}

/// The newest ratings a caller may read (scoped as the API's list), at most `max_stars` stars,
/// of one driver or all, with the attempt each rates (one statement for all of them): the
/// console's ratings page.
pub fn newest_with_attempts(
    c: &mut Conn,
    actor: &crate::auth::Actor,
    driver: Option<&str>,
    max_stars: Option<i32>,
    shown: i64,
) -> crate::error::ApiResult<Vec<(RatingRow, Option<crate::attempts::model::AttemptRow>)>> {
    let scope = crate::access::list_scope(
        actor,
        "drivers read their own rating at /v1/me/rating",
        "ratings are for marketplaces and couriers",
    )?;
    let rows = store::newest(c, &scope, driver, max_stars, shown)?;
    let ids: Vec<String> = rows.iter().map(|r| r.attempt_id.clone()).collect();
    let mut attempts = crate::attempts::store::find_many(c, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let at = attempts.iter().position(|a| a.id == r.attempt_id);
            let attempt = at.map(|i| attempts.swap_remove(i));
            (r, attempt)
        })
        .collect())
}

/// A driver's rating as `actor` may read it: their courier's staff and the platform admin with
/// the comments (and the shipment each rates), the driver anonymously, a marketplace whose
/// parcels the driver carried the figures only; anyone else a 404.
pub fn driver_rating_for(
    c: &mut Conn,
    actor: &crate::auth::Actor,
    id: &str,
) -> crate::error::ApiResult<DriverRating> {
    use crate::orgs::model::OrgKind;
    use crate::users::model::Role;
    let not_found = || crate::error::ApiError::NotFound("driver".to_owned());
    let (name, org) = store::driver(c, id)?.ok_or_else(not_found)?;
    let own_courier = org.is_some() && actor.org_id == org && actor.role != Role::Driver;
    let comments = if own_courier || actor.role == Role::PlatformAdmin {
        Comments::WithShipment
    } else if actor.id == id {
        Comments::Anonymous
    } else {
        Comments::None
    };
    let carried_for_us = match (&actor.org_kind, &actor.org_id) {
        (Some(OrgKind::Marketplace), Some(m)) if actor.role != Role::Driver => {
            store::carried_for(c, id, m)?
        }
        _ => false,
    };
    if comments == Comments::None && !carried_for_us {
        return Err(not_found());
    }
    Ok(driver_rating(c, id, name, comments)?)
}

/// The rating of a shipment, as its marketplace or courier may list it (`None`: not rated,
/// or not the caller's to read).
pub fn of_shipment(
    c: &mut Conn,
    actor: &crate::auth::Actor,
    shipment_id: &str,
) -> ApiResult<Option<super::model::Rating>> {
    let Ok(scope) = crate::access::list_scope(actor, "", "") else {
        return Ok(None);
    };
    let page = crate::pagination::PageRequest {
        limit: 1,
        after: None,
    };
    let rows = store::list(c, &page, &scope, None, None, Some(shipment_id))?;
    Ok(rows.into_iter().next().map(super::model::Rating::view))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn rating_opens_with_an_attempt_and_closes_with_time() {
        let now = chrono::Utc::now().naive_utc();
        let day = Duration::days(1);
        let delivered = Status::Delivered;
        assert!(!may_rate_now(delivered, None, None, now), "no attempt yet");
        assert!(may_rate_now(delivered, Some(now - day), None, now));
        assert!(!may_rate_now(Status::Cancelled, Some(now - day), None, now));
        assert!(
            !may_rate_now(delivered, Some(now - day * 31), None, now),
            "too late"
        );
        assert!(
            may_rate_now(delivered, Some(now - day), Some(now - day), now),
            "change it"
        );
        assert!(
            !may_rate_now(delivered, Some(now - day * 20), Some(now - day * 8), now),
            "the rating can no longer change"
        );
    }
}
