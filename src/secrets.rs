//! Secrets at rest (webhook signing secrets): AES-256-GCM under a server key
//! (`DOORSTEP_SECRET_KEY`, base64 of 32 bytes), a fresh random 96-bit nonce per secret, the
//! row's id as associated data (a sealed secret copied to another row does not open). The key
//! id (a short hash of the key) is stored beside each secret, so that old keys
//! (`DOORSTEP_SECRET_KEYS_OLD`) still open what they sealed while `admin rotate-secret-key`
//! re-seals everything under the current one. Without a key, secrets are kept in plain text
//! (development), with a warning at start-up; a stored key id of `NULL` means plain text.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{Context, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// A secret as stored: the text (base64 of nonce ‖ ciphertext, or plain text) and the id of the
/// key that sealed it (`None`: plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub text: String,
    pub key_id: Option<String>,
}

struct Key {
    id: String,
    cipher: Aes256Gcm,
}

/// The current key (seals and opens) and older ones (open only).
#[derive(Default)]
pub struct Keyring {
    current: Option<Key>,
    old: Vec<Key>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("current", &self.current_id())
            .field("old", &self.old.iter().map(|k| &k.id).collect::<Vec<_>>())
            .finish()
    }
}

/// Which stored secrets to seal again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only those kept in plain text (a key was just configured).
    Plain,
    /// Every one not sealed under the current key (rotation).
    NotCurrent,
}

/// The mark of a column value sealed by [`Keyring::seal_field`].
pub const SEALED_PREFIX: &str = "sealed.v1.";

/// The key's id: the first 8 bytes of SHA-256 over a label and the key, in hex. It names a
/// key without revealing it.
pub fn key_id(key: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"doorstep-secret-key\0");
    h.update(key);
    hex::encode(&h.finalize()[..8])
}

fn parse_key(text: &str, what: &str) -> anyhow::Result<Key> {
    let bytes = STANDARD
        .decode(text.trim())
        .with_context(|| format!("{what} must be base64"))?;
    if bytes.len() != 32 {
        bail!(
            "{what} must be 32 bytes (base64 of them), not {}",
            bytes.len()
        );
    }
    let cipher = Aes256Gcm::new_from_slice(&bytes).map_err(|_| anyhow!("{what}: bad key"))?;
    Ok(Key {
        id: key_id(&bytes),
        cipher,
    })
}

/// The keys that seal secrets at rest.
#[derive(clap::Args, Clone, Debug)]
pub struct SecretSettings {
    /// Seals webhook signing secrets at rest: base64 of 32 random bytes
    /// (`openssl rand -base64 32`). Unset: they are kept in plain text (development).
    #[arg(
        long = "secret-key",
        env = "DOORSTEP_SECRET_KEY",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub key: Option<SecretString>,
    /// Earlier secret keys, comma-separated: they still open what they sealed, until
    /// `admin rotate-secret-key` has re-sealed everything under DOORSTEP_SECRET_KEY.
    #[arg(
        long = "secret-keys-old",
        env = "DOORSTEP_SECRET_KEYS_OLD",
        hide_env_values = true,
        value_parser = crate::args::secret,
        global = true
    )]
    pub keys_old: Option<SecretString>,
}

impl SecretSettings {
    /// The keys that seal and open secrets at rest.
    pub fn keyring(&self) -> anyhow::Result<Keyring> {
        Keyring::from_config(self.key.as_ref(), self.keys_old.as_ref())
    }
}

impl Keyring {
    /// From the configured key and old keys (comma-separated base64 each).
    pub fn from_config(
        current: Option<&SecretString>,
        old: Option<&SecretString>,
    ) -> anyhow::Result<Keyring> {
        let current = current
            .map(|k| parse_key(k.expose_secret(), "DOORSTEP_SECRET_KEY"))
            .transpose()?;
        let old = old
            .map(|s| {
                s.expose_secret()
                    .split(',')
                    .filter(|k| !k.trim().is_empty())
                    .map(|k| parse_key(k, "DOORSTEP_SECRET_KEYS_OLD"))
                    .collect::<anyhow::Result<Vec<_>>>()
            })
            .transpose()?
            .unwrap_or_default();
        Ok(Keyring { current, old })
    }

    pub fn current_id(&self) -> Option<&str> {
        self.current.as_ref().map(|k| k.id.as_str())
    }

    /// Seal `plain` for the row `row_id` under the current key (plain text without one).
    pub fn seal(&self, row_id: &str, plain: &str) -> anyhow::Result<Stored> {
        let Some(key) = &self.current else {
            return Ok(Stored {
                text: plain.to_owned(),
                key_id: None,
            });
        };
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = key
            .cipher
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: row_id.as_bytes(),
                },
            )
            .map_err(|_| anyhow!("sealing a secret failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(Stored {
            text: STANDARD.encode(out),
            key_id: Some(key.id.clone()),
        })
    }

    /// The plain secret of a stored one, with whichever known key sealed it.
    pub fn open(&self, row_id: &str, stored: &Stored) -> anyhow::Result<String> {
        let Some(id) = &stored.key_id else {
            return Ok(stored.text.clone());
        };
        let key = self
            .current
            .iter()
            .chain(&self.old)
            .find(|k| &k.id == id)
            .ok_or_else(|| {
                anyhow!(
                    "secret sealed with key {id}, which is neither DOORSTEP_SECRET_KEY nor in \
                     DOORSTEP_SECRET_KEYS_OLD"
                )
            })?;
        let bytes = STANDARD
            .decode(&stored.text)
            .context("a sealed secret is not base64")?;
        if bytes.len() < 12 + 16 {
            bail!("a sealed secret is too short");
        }
        let (nonce, sealed) = bytes.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().context("a sealed secret's nonce")?;
        let plain = key
            .cipher
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: row_id.as_bytes(),
                },
            )
            .map_err(|_| anyhow!("a sealed secret does not open with key {id}"))?;
        String::from_utf8(plain).context("a sealed secret is not text")
    }

    /// Seal `plain` into one column's text: `sealed.v1.<key id>.<base64>`, or the plain text
    /// when no key is configured (development). `context` names the column (AES-GCM's
    /// associated data), so a value cannot be moved to another column.
    pub fn seal_field(&self, context: &str, plain: &str) -> anyhow::Result<String> {
        let s = self.seal(context, plain)?;
        Ok(match s.key_id {
            Some(id) => format!("{SEALED_PREFIX}{id}.{}", s.text),
            None => s.text,
        })
    }

    /// Open what [`seal_field`](Self::seal_field) wrote (a plain value, written without a
    /// key or before sealing, is returned as it is).
    pub fn open_field(&self, context: &str, stored: &str) -> anyhow::Result<String> {
        match stored.strip_prefix(SEALED_PREFIX) {
            Some(rest) => {
                let (id, text) = rest
                    .split_once('.')
                    .ok_or_else(|| anyhow!("a sealed field has no key id"))?;
                self.open(
                    context,
                    &Stored {
                        text: text.to_owned(),
                        key_id: Some(id.to_owned()),
                    },
                )
            }
            None => Ok(stored.to_owned()),
        }
    }

    /// A column value sealed again under the current key, when `scope` asks for it (`None`:
    /// leave it as it is; always `None` without a current key).
    pub fn reseal_field(
        &self,
        context: &str,
        stored: &str,
        scope: Scope,
    ) -> anyhow::Result<Option<String>> {
        let Some(current) = self.current_id() else {
            return Ok(None);
        };
        let sealed_by = stored
            .strip_prefix(SEALED_PREFIX)
            .and_then(|rest| rest.split_once('.'))
            .map(|(id, _)| id);
        let wants = match scope {
            Scope::Plain => sealed_by.is_none(),
            Scope::NotCurrent => sealed_by != Some(current),
        };
        if !wants {
            return Ok(None);
        }
        let plain = self.open_field(context, stored)?;
        self.seal_field(context, &plain).map(Some)
    }

    /// Whether `stored` should be sealed (again) under the current key: plain text while a
    /// key is set, or sealed under another key.
    pub fn needs_reseal(&self, stored: &Stored) -> bool {
        match (&self.current, &stored.key_id) {
            (None, _) => false,
            (Some(k), Some(id)) => &k.id != id,
            (Some(_), None) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SecretString {
        SecretString::from(STANDARD.encode([byte; 32]))
    }

    #[test]
    fn fields_are_resealed_only_when_the_scope_asks() {
        let old = Keyring::from_config(Some(&key(1)), None).unwrap();
        let ring = Keyring::from_config(Some(&key(2)), Some(&key(1))).unwrap();
        let under_old = old.seal_field("c", "1234").unwrap();
        let under_new = ring.seal_field("c", "1234").unwrap();
        assert_eq!(
            ring.reseal_field("c", &under_new, Scope::NotCurrent)
                .unwrap(),
            None
        );
        assert_eq!(
            ring.reseal_field("c", &under_old, Scope::Plain).unwrap(),
            None
        );
        let again = ring
            .reseal_field("c", &under_old, Scope::NotCurrent)
            .unwrap()
            .unwrap();
        assert!(again.starts_with(&format!("{SEALED_PREFIX}{}.", ring.current_id().unwrap())));
        assert_eq!(ring.open_field("c", &again).unwrap(), "1234");
        let plain = ring
            .reseal_field("c", "1234", Scope::Plain)
            .unwrap()
            .unwrap();
        assert_eq!(ring.open_field("c", &plain).unwrap(), "1234");
        assert!(
            ring.reseal_field("other", &under_old, Scope::NotCurrent)
                .is_err()
        );
        let none = Keyring::from_config(None, None).unwrap();
        assert_eq!(none.reseal_field("c", "1234", Scope::Plain).unwrap(), None);
    }

    #[test]
    fn a_sealed_field_is_one_text_and_plain_values_still_open() {
        let ring = Keyring::from_config(Some(&key(1)), None).unwrap();
        let sealed = ring
            .seal_field("shipments.notify_link", "https://x/t/trk_abc")
            .unwrap();
        assert!(sealed.starts_with(SEALED_PREFIX) && !sealed.contains("trk_abc"));
        let open = ring.open_field("shipments.notify_link", &sealed).unwrap();
        assert_eq!(open, "https://x/t/trk_abc");
        assert!(ring.open_field("push_subscriptions.auth", &sealed).is_err());
        assert_eq!(ring.open_field("c", "plain").unwrap(), "plain");
        let none = Keyring::default();
        assert_eq!(none.seal_field("c", "v").unwrap(), "v");
    }

    #[test]
    fn seals_with_a_fresh_nonce_and_opens_only_for_its_row() {
        let ring = Keyring::from_config(Some(&key(1)), None).unwrap();
        let a = ring.seal("whk_1", "whsec_abc").unwrap();
        let b = ring.seal("whk_1", "whsec_abc").unwrap();
        assert_ne!(a.text, b.text, "one nonce per sealing");
        assert!(!a.text.contains("whsec_abc"));
        assert_eq!(a.key_id.as_deref(), ring.current_id());
        assert_eq!(ring.open("whk_1", &a).unwrap(), "whsec_abc");
        assert!(ring.open("whk_2", &a).is_err(), "bound to its row");
        let mut tampered = a.clone();
        tampered.text = STANDARD.encode({
            let mut v = STANDARD.decode(&a.text).unwrap();
            v[20] ^= 1;
            v
        });
        assert!(ring.open("whk_1", &tampered).is_err());
    }

    #[test]
    fn old_keys_open_and_rotation_is_detected() {
        let old = Keyring::from_config(Some(&key(1)), None).unwrap();
        let sealed = old.seal("whk_1", "s").unwrap();
        let new = Keyring::from_config(Some(&key(2)), Some(&key(1))).unwrap();
        assert_ne!(new.current_id(), old.current_id());
        assert_eq!(new.open("whk_1", &sealed).unwrap(), "s");
        assert!(new.needs_reseal(&sealed));
        let resealed = new.seal("whk_1", "s").unwrap();
        assert!(!new.needs_reseal(&resealed));
        let without_old = Keyring::from_config(Some(&key(2)), None).unwrap();
        assert!(without_old.open("whk_1", &sealed).is_err());
    }

    #[test]
    fn without_a_key_secrets_stay_plain_and_bad_keys_are_refused() {
        let ring = Keyring::default();
        let s = ring.seal("whk_1", "plain").unwrap();
        assert_eq!(s.key_id, None);
        assert_eq!(ring.open("whk_1", &s).unwrap(), "plain");
        assert!(!ring.needs_reseal(&s));
        let keyed = Keyring::from_config(Some(&key(3)), None).unwrap();
        assert!(keyed.needs_reseal(&s));
        assert_eq!(keyed.open("whk_1", &s).unwrap(), "plain");
        let short = SecretString::from(STANDARD.encode([0u8; 16]));
        assert!(Keyring::from_config(Some(&short), None).is_err());
        let junk = SecretString::from("not base64!".to_owned());
        assert!(Keyring::from_config(Some(&junk), None).is_err());
        assert_eq!(key_id(&[1; 32]).len(), 16);
    }
}
