//! Webhook signing secrets at rest (see `crate::secrets`): sealing the plain ones once a key
//! is configured (start-up and `migrate`), and re-sealing every one under the current key
//! (`doorstep admin rotate-secret-key`). Both are idempotent and run in one transaction.

use super::store;
use crate::db::Conn;
pub use crate::secrets::Scope;
use crate::secrets::{Keyring, Stored};

/// Seal the secrets `scope` names under the current key; how many rows changed. Without a
/// current key nothing changes (rotation refuses earlier).
pub fn reseal(conn: &mut Conn, ring: &Keyring, scope: Scope) -> anyhow::Result<usize> {
    if ring.current_id().is_none() {
        return Ok(0);
    }
    let wants = |s: &Stored| match scope {
        Scope::Plain => s.key_id.is_none(),
        Scope::NotCurrent => ring.needs_reseal(s),
    };
    crate::db::backend::write_transaction(&mut *conn, |c| {
        let mut changed = 0;
        for row in store::all_secrets(c)? {
            let (id, secret, secret_key, previous, previous_key) = row.clone();
            let current = Stored {
                text: secret,
                key_id: secret_key,
            };
            let previous = previous.map(|text| Stored {
                text,
                key_id: previous_key,
            });
            let mut next = row.clone();
            if wants(&current) {
                let sealed = ring.seal(&id, &ring.open(&id, &current)?)?;
                (next.1, next.2) = (sealed.text, sealed.key_id);
            }
            if let Some(p) = previous.filter(|p| wants(p)) {
                let sealed = ring.seal(&id, &ring.open(&id, &p)?)?;
                (next.3, next.4) = (Some(sealed.text), sealed.key_id);
            }
            if next != row {
                store::set_secrets(c, &next)?;
                changed += 1;
            }
        }
        Ok(changed)
    })
}
