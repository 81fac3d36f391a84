//! Opaque refresh tokens, stored hashed, rotated on every use. Reusing a rotated token after
//! the grace period is treated as theft and revokes the whole family (every token descended
//! from the same login).

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::Conn;
use crate::db::schema::refresh_tokens;

pub const TOKEN_PREFIX: &str = "rt_";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshRow {
    pub id: String,
    pub user_id: String,
    pub family_id: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub rotated_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// Valid and unused: rotate it.
    Rotate,
    /// Rotated moments ago (a retried request): issue another pair in the same family.
    GraceReuse,
    /// Rotated long ago and presented again: someone else has it. Revoke the family.
    Theft,
    /// Revoked or expired.
    Invalid,
}

pub fn decide(row: &RefreshRow, now: NaiveDateTime, grace: Duration) -> Decision {
    if row.revoked_at.is_some() || now >= row.expires_at {
        return Decision::Invalid;
    }
    match row.rotated_at {
        None => Decision::Rotate,
        Some(at) if (now - at).to_std().unwrap_or_default() <= grace => Decision::GraceReuse,
        Some(_) => Decision::Theft,
    }
}

/// A new token (returned to the client once) and the row that stores its hash.
pub fn new_token(
    user_id: &str,
    family_id: &str,
    now: NaiveDateTime,
    ttl: Duration,
) -> (String, RefreshRow) {
    let token = format!("{TOKEN_PREFIX}{}", crate::ids::random_token(32));
    let ttl = chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::days(30));
    let row = RefreshRow {
        id: crate::ids::new_id("rtk"),
        user_id: user_id.to_owned(),
        family_id: family_id.to_owned(),
        token_hash: crate::ids::secret_hash(&token),
        created_at: now,
        expires_at: now + ttl,
        rotated_at: None,
        revoked_at: None,
    };
    (token, row)
}

pub fn insert(conn: &mut Conn, row: &RefreshRow) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find_by_token(conn: &mut Conn, token: &str) -> QueryResult<Option<RefreshRow>> {
    refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(crate::ids::secret_hash(token)))
        .select(RefreshRow::as_select())
        .first(conn)
        .optional()
}

/// Mark rotated only if nobody else did first; false means a concurrent refresh won.
pub fn mark_rotated(conn: &mut Conn, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        refresh_tokens::table
            .find(id)
            .filter(refresh_tokens::rotated_at.is_null()),
    )
    .set(refresh_tokens::rotated_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke_family(conn: &mut Conn, family_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)
}

pub fn revoke_user(conn: &mut Conn, user_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::user_id.eq(user_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRACE: Duration = Duration::from_secs(10);

    fn row(now: NaiveDateTime) -> RefreshRow {
        new_token("usr_1", "fam_1", now, Duration::from_secs(3600)).1
    }

    #[test]
    fn decisions() {
        let now = chrono::Utc::now().naive_utc();
        let mut r = row(now);
        assert_eq!(decide(&r, now, GRACE), Decision::Rotate);
        r.rotated_at = Some(now);
        assert_eq!(
            decide(&r, now + chrono::Duration::seconds(10), GRACE),
            Decision::GraceReuse
        );
        assert_eq!(
            decide(&r, now + chrono::Duration::seconds(11), GRACE),
            Decision::Theft
        );
        r.revoked_at = Some(now);
        assert_eq!(decide(&r, now, GRACE), Decision::Invalid);
        let r = row(now);
        assert_eq!(
            decide(&r, now + chrono::Duration::seconds(3600), GRACE),
            Decision::Invalid,
            "expired"
        );
    }

    #[test]
    fn tokens_are_stored_hashed() {
        let now = chrono::Utc::now().naive_utc();
        let (token, r) = new_token("usr_1", "fam_1", now, Duration::from_secs(60));
        assert!(token.starts_with(TOKEN_PREFIX));
        assert_ne!(r.token_hash, token);
        assert_eq!(r.token_hash, crate::ids::secret_hash(&token));
    }
}
