use crate::helpers::fresh_database;
use diesel::Connection;
use doorstep::db::{Db, revert_all_migrations, run_migrations};

/// up → down → up on the backend under test: every down.sql undoes its up.sql.
#[test]
fn migrations_round_trip() {
    let (url, _tmp, pg) = fresh_database();
    let db = Db::connect(&url, 1).unwrap();
    let mut conn = db.get_write().unwrap();
    let applied = run_migrations(&mut conn).unwrap();
    assert!(!applied.is_empty());
    let reverted = revert_all_migrations(&mut conn).unwrap();
    assert_eq!(reverted, applied.len());
    let again = run_migrations(&mut conn).unwrap();
    assert_eq!(again, applied);
    assert!(
        run_migrations(&mut conn).unwrap().is_empty(),
        "nothing pending"
    );
    // The schema really exists after the round trip.
    conn.transaction(|c| {
        doorstep::users::store::platform_admin_exists(c).map(|exists| assert!(!exists))
    })
    .unwrap();
    drop(conn);
    drop(db);
    if let Some((admin, name)) = pg {
        crate::helpers::drop_pg_database(&admin, &name);
    }
}
