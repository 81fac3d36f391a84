//! `doorstep admin bootstrap`: the first platform admin.

use anyhow::Context;

use super::model::{Role, UserRow};
use super::rules::{check_email, check_name, check_password, normalize_email};
use super::store;
use crate::db::Db;

pub fn create_platform_admin(
    db: &Db,
    email: &str,
    name: &str,
    password: &str,
) -> anyhow::Result<String> {
    let mut errors = Vec::new();
    check_email("email", email, &mut errors);
    check_name("name", name, &mut errors);
    check_password("password", password, &mut errors);
    if let Some(e) = errors.first() {
        anyhow::bail!("{}: {}", e.field, e.message);
    }
    let row = UserRow {
        id: crate::ids::new_id("usr"),
        org_id: None,
        email: normalize_email(email),
        name: name.trim().to_owned(),
        role: Role::PlatformAdmin.as_str().to_owned(),
        password_hash: crate::auth::password::hash(password)?,
        disabled_at: None,
        created_at: crate::clock::Clock::system().naive(),
    };
    let mut conn = db.get_write()?;
    crate::db::backend::write_transaction(&mut conn, |c| {
        if store::platform_admin_exists(c)? {
            anyhow::bail!("a platform admin already exists; refusing to create another");
        }
        store::insert(c, &row).context("cannot create the platform admin")?;
        Ok(row.id.clone())
    })
}
