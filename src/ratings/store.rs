use diesel::prelude::*;

use super::model::RatingRow;
use super::rules::DRIVER_RATING_WINDOW;
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

/// (one-star ratings, all ratings) the customer gave on other shipments.
pub fn customer_history(c: &mut Conn, key: &str, except: &str) -> QueryResult<(i64, i64)> {
    let base = || {
        ratings::table
            .filter(ratings::customer_key.eq(key))
            .filter(ratings::shipment_id.ne(except))
    };
    let total = base().count().get_result(c)?;
    let ones = base().filter(ratings::stars.eq(1)).count().get_result(c)?;
    Ok((ones, total))
}

/// The driver's latest counted ratings (the window their average is over), newest first.
pub fn driver_window(c: &mut Conn, driver_id: &str) -> QueryResult<Vec<RatingRow>> {
    ratings::table
        .filter(ratings::driver_id.eq(driver_id))
        .filter(ratings::counted_for.eq("driver"))
        .order((ratings::created_at.desc(), ratings::id.desc()))
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
    q.load(c)
}
