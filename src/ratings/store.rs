use diesel::prelude::*;

use super::model::RatingRow;
use super::rules::{DRIVER_RATING_WINDOW, LOW_STARS, Reason};
use crate::access::ListScope;
use crate::db::Conn;
use crate::db::schema::ratings;
use crate::pagination::PageRequest;

pub fn for_shipment(c: &mut Conn, shipment_id: &str) -> QueryResult<Option<RatingRow>> {
    ratings::table
        .filter(ratings::shipment_id.eq(shipment_id))
        .select(RatingRow::as_select())
        .first(c)
        .optional()
}

pub fn insert(c: &mut Conn, r: &RatingRow) -> QueryResult<()> {
    diesel::insert_into(ratings::table)
        .values(r)
        .execute(c)
        .map(|_| ())
}

pub fn replace(c: &mut Conn, r: &RatingRow) -> QueryResult<()> {
    diesel::update(ratings::table.find(&r.id))
        .set((
            ratings::driver_id.eq(&r.driver_id),
            ratings::courier_id.eq(&r.courier_id),
            ratings::attempt_id.eq(&r.attempt_id),
            ratings::stars.eq(r.stars),
            ratings::tags.eq(&r.tags),
            ratings::comment.eq(&r.comment),
            ratings::counted_for.eq(&r.counted_for),
            ratings::attributed_org_id.eq(&r.attributed_org_id),
            ratings::reason.eq(&r.reason),
            ratings::updated_at.eq(r.updated_at),
        ))
        .execute(c)
        .map(|_| ())
}

/// A group of a customer's ratings: (stars, counted_for, reason, how many).
pub type RatingGroup = (i32, String, Option<String>, i64);

/// The customer's ratings of other shipments, grouped.
/// One statement, a few rows (5 star values × how each counts), however many ratings.
pub fn customer_ratings(c: &mut Conn, key: &str, except: &str) -> QueryResult<Vec<RatingGroup>> {
    ratings::table
        .filter(ratings::customer_key.eq(key))
        .filter(ratings::shipment_id.ne(except))
        .group_by((ratings::stars, ratings::counted_for, ratings::reason))
        .select((
            ratings::stars,
            ratings::counted_for,
            ratings::reason,
            diesel::dsl::count_star(),
        ))
        .load(c)
}

/// The customer's low ratings of other shipments that no longer match their standing
/// (see [`super::rules::stale`]), newest first, at most `limit`.
pub fn stale_ratings(
    c: &mut Conn,
    key: &str,
    except: &str,
    harsh_rater: bool,
    limit: i64,
) -> QueryResult<Vec<RatingRow>> {
    let mut q = ratings::table
        .filter(ratings::customer_key.eq(key.to_owned()))
        .filter(ratings::shipment_id.ne(except.to_owned()))
        .filter(ratings::stars.le(LOW_STARS))
        .order(ratings::created_at.desc())
        .limit(limit)
        .select(RatingRow::as_select())
        .into_boxed();
    q = if harsh_rater {
        q.filter(ratings::counted_for.ne("excluded"))
    } else {
        q.filter(ratings::reason.eq(Reason::HarshRater.as_str()))
    };
    q.load(c)
}

/// Whom an earlier rating counts for now (its customer's standing changed). The customer did
/// not change it: `updated_at` stays.
pub fn set_counted(c: &mut Conn, r: &RatingRow) -> QueryResult<()> {
    diesel::update(ratings::table.find(&r.id))
        .set((
            ratings::counted_for.eq(&r.counted_for),
            ratings::attributed_org_id.eq(&r.attributed_org_id),
            ratings::reason.eq(&r.reason),
        ))
        .execute(c)
        .map(|_| ())
}

/// The driver's latest counted ratings (the window their average is over), newest first.
pub fn driver_window(c: &mut Conn, driver_id: &str) -> QueryResult<Vec<RatingRow>> {
    ratings::table
        .filter(ratings::driver_id.eq(driver_id))
        .filter(ratings::counted_for.eq("driver"))
        .order(ratings::created_at.desc())
        .limit(DRIVER_RATING_WINDOW)
        .select(RatingRow::as_select())
        .load(c)
}

pub fn not_counted(c: &mut Conn, driver_id: &str) -> QueryResult<i64> {
    ratings::table
        .filter(ratings::driver_id.eq(driver_id))
        .filter(ratings::counted_for.ne("driver"))
        .count()
        .get_result(c)
}

pub fn list(
    c: &mut Conn,
    page: &PageRequest,
    scope: &ListScope,
    driver_id: Option<&str>,
    counted_for: Option<&str>,
    shipment_id: Option<&str>,
) -> QueryResult<Vec<RatingRow>> {
    let mut q = ratings::table
        .select(RatingRow::as_select())
        .order(ratings::id.asc())
        .limit(page.limit + 1)
        .into_boxed();
    if let Some(after) = &page.after {
        q = q.filter(ratings::id.gt(after.clone()));
    }
    match scope {
        ListScope::Marketplace(org) => q = q.filter(ratings::marketplace_id.eq(org.clone())),
        ListScope::Courier(org) => q = q.filter(ratings::courier_id.eq(org.clone())),
        ListScope::All => {}
    }
    if let Some(d) = driver_id {
        q = q.filter(ratings::driver_id.eq(d.to_owned()));
    }
    if let Some(f) = counted_for {
        q = q.filter(ratings::counted_for.eq(f.to_owned()));
    }
    if let Some(s) = shipment_id {
        q = q.filter(ratings::shipment_id.eq(s.to_owned()));
    }
    q.load(c)
}

/// The newest ratings within `scope` (of one driver, of at most `max_stars`, when given),
/// newest first: the console's list, read backwards through the (org, created_at) indexes
/// (no tie-break on id: it would make PostgreSQL sort every row of the org).
pub fn newest(
    c: &mut Conn,
    scope: &ListScope,
    driver_id: Option<&str>,
    max_stars: Option<i32>,
    limit: i64,
) -> QueryResult<Vec<RatingRow>> {
    let mut q = ratings::table
        .select(RatingRow::as_select())
        .order(ratings::created_at.desc())
        .limit(limit)
        .into_boxed();
    match scope {
        ListScope::Marketplace(org) => q = q.filter(ratings::marketplace_id.eq(org.clone())),
        ListScope::Courier(org) => q = q.filter(ratings::courier_id.eq(org.clone())),
        ListScope::All => {}
    }
    if let Some(d) = driver_id {
        q = q.filter(ratings::driver_id.eq(d.to_owned()));
    }
    if let Some(m) = max_stars {
        q = q.filter(ratings::stars.le(m));
    }
    q.load(c)
}
/// A driver's name and courier (`None`: no such driver).
pub fn driver(c: &mut Conn, id: &str) -> QueryResult<Option<(String, Option<String>)>> {
    use crate::db::schema::users;
    users::table
        .find(id)
        .filter(users::role.eq("driver"))
        .select((users::name, users::org_id))
        .first(c)
        .optional()
}

/// Whether the driver made an attempt on a parcel of this marketplace.
pub fn carried_for(c: &mut Conn, driver_id: &str, marketplace_id: &str) -> QueryResult<bool> {
    use crate::db::schema::{delivery_attempts, shipments};
    diesel::select(diesel::dsl::exists(
        delivery_attempts::table
            .inner_join(shipments::table)
            .filter(delivery_attempts::driver_id.eq(driver_id))
            .filter(shipments::marketplace_id.eq(marketplace_id)),
    ))
    .get_result(c)
}
