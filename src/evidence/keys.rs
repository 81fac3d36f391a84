//! The Ed25519 key that signs evidence roots: `DOORSTEP_SIGNING_KEY`, the base64 of a 32-byte
//! seed; unset, a random one per start (development only: roots signed with it cannot be
//! checked after a restart other than through the key kept with each root).

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};

use super::rules;

#[derive(Clone)]
pub struct Keys {
    signing: SigningKey,
    pub key_id: String,
    /// Base64 of the 32-byte public key.
    pub public_key: String,
    /// Earlier keys (`DOORSTEP_SIGNING_KEYS_OLD`): (key id, base64 public key). With the
    /// current one, the only keys published and trusted: never one read from the database.
    pub retired: Vec<(String, String)>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("key_id", &self.key_id)
            .finish()
    }
}

/// A random seed, base64, for development.
pub fn random_seed() -> SecretString {
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    SecretString::from(STANDARD.encode(seed))
}

impl Keys {
    pub fn from_seed(seed_b64: &SecretString) -> anyhow::Result<Keys> {
        let bytes = STANDARD
            .decode(seed_b64.expose_secret().trim())
            .context("DOORSTEP_SIGNING_KEY is not base64")?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| anyhow::anyhow!("DOORSTEP_SIGNING_KEY must be the base64 of 32 bytes"))?;
        let signing = SigningKey::from_bytes(&seed);
        let public = signing.verifying_key().to_bytes();
        Ok(Keys {
            signing,
            key_id: rules::key_id(&public),
            public_key: STANDARD.encode(public),
            retired: Vec::new(),
        })
    }

    /// With the earlier keys, given as their seeds (comma-separated, the form of
    /// `DOORSTEP_SIGNING_KEY`: on rotation, the old value moves to `DOORSTEP_SIGNING_KEYS_OLD`).
    pub fn with_retired(mut self, old: Option<&SecretString>) -> anyhow::Result<Keys> {
        let Some(old) = old else {
            return Ok(self);
        };
        for seed in old
            .expose_secret()
            .split(',')
            .filter(|s| !s.trim().is_empty())
        {
            let k = Keys::from_seed(&SecretString::from(seed.trim().to_owned()))
                .context("DOORSTEP_SIGNING_KEYS_OLD")?;
            if k.key_id != self.key_id && !self.retired.iter().any(|(id, _)| *id == k.key_id) {
                self.retired.push((k.key_id, k.public_key));
            }
        }
        Ok(self)
    }

    /// Is `key_id` the current key or a configured earlier one?
    pub fn trusts(&self, key_id: &str) -> bool {
        self.key_id == key_id || self.retired.iter().any(|(id, _)| id == key_id)
    }

    /// Base64 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> String {
        STANDARD.encode(self.signing.sign(message).to_bytes())
    }
}

/// Does base64 `signature` sign `message` under base64 `public_key`?
pub fn verify(public_key: &str, message: &[u8], signature: &str) -> bool {
    let Some(key) = STANDARD
        .decode(public_key.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
    else {
        return false;
    };
    let Some(sig) = STANDARD
        .decode(signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b))
    else {
        return false;
    };
    key.verify(message, &sig).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_under_its_key_only() {
        let k = Keys::from_seed(&random_seed()).unwrap();
        let other = Keys::from_seed(&random_seed()).unwrap();
        let sig = k.sign(b"root");
        assert!(verify(&k.public_key, b"root", &sig));
        assert!(!verify(&k.public_key, b"roots", &sig));
        assert!(!verify(&other.public_key, b"root", &sig));
        assert!(!verify("not base64", b"root", &sig));
        assert_eq!(k.key_id.len(), 16);
        assert!(Keys::from_seed(&SecretString::from("c2hvcnQ=")).is_err());
    }
}
