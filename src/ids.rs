//! Opaque, time-ordered identifiers with a type prefix (`org_…`, `usr_…`) and random secrets.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new id: prefix, underscore, lower-case ULID (sorts by creation time).
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", ulid::Ulid::new().to_string().to_lowercase())
}

/// `n` new ids that sort in the order given, even within one millisecond (a plain ULID is
/// random within its millisecond): for the events of one change.
pub fn new_ids(prefix: &str, n: usize) -> Vec<String> {
    let mut generator = ulid::Generator::new();
    (0..n)
        .map(|_| {
            let id = generator.generate().unwrap_or_else(|_| ulid::Ulid::new());
            format!("{prefix}_{}", id.to_string().to_lowercase())
        })
        .collect()
}

/// `bytes` of OS randomness, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// SHA-256 hex of a high-entropy secret. A fast hash is right here: the secret is random,
/// so there is nothing to brute-force, and lookups by hash stay indexable.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_one_change_sort_in_order() {
        let ids = new_ids("evt", 50);
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert_eq!(
            ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
            50
        );
    }

    #[test]
    fn ids_have_prefix_and_sort_by_time() {
        let a = new_id("org");
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = new_id("org");
        assert!(a.starts_with("org_"));
        assert_eq!(a.len(), 4 + 26);
        assert!(a < b);
    }

    #[test]
    fn tokens_are_random_and_hash_stably() {
        let t1 = random_token(32);
        let t2 = random_token(32);
        assert_ne!(t1, t2);
        assert_eq!(t1.len(), 43);
        assert_eq!(secret_hash("abc"), secret_hash("abc"));
        assert_ne!(secret_hash("abc"), secret_hash("abd"));
        assert_eq!(secret_hash("abc").len(), 64);
    }
}
