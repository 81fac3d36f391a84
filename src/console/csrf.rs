//! Form tokens: every console form carries the HMAC-SHA256 of the session id keyed by the
//! session's own secret (the cookie's token, which the server never stores). A page of
//! another site cannot read it; a POST without it, or with another session's, is refused (403).

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The field name of the token in every form.
pub const FIELD: &str = "csrf";

fn mac(secret: &str, session_id: &str) -> Option<HmacSha256> {
    let mut m = HmacSha256::new_from_slice(secret.as_bytes()).ok()?;
    m.update(b"doorstep-console-csrf:");
    m.update(session_id.as_bytes());
    Some(m)
}

/// The form token of the session whose cookie token is `secret` and id `session_id`.
pub fn token(secret: &str, session_id: &str) -> String {
    mac(secret, session_id)
        .map(|m| hex::encode(m.finalize().into_bytes()))
        .unwrap_or_default()
}

/// Does `given` match the expected token? Compared in constant time.
pub fn verify(secret: &str, session_id: &str, given: Option<&str>) -> bool {
    let (Some(given), Some(m)) = (given, mac(secret, session_id)) else {
        return false;
    };
    match hex::decode(given) {
        Ok(bytes) => m.verify_slice(&bytes).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_belongs_to_its_session() {
        let t = token("secret-a", "sid-a");
        assert_eq!(t.len(), 64);
        assert!(verify("secret-a", "sid-a", Some(&t)));
        assert!(!verify("secret-b", "sid-a", Some(&t)));
        assert!(!verify("secret-a", "sid-b", Some(&t)));
        assert!(!verify("secret-a", "sid-a", None));
        assert!(!verify("secret-a", "sid-a", Some("")));
        assert!(!verify("secret-a", "sid-a", Some("zz")));
    }
}
