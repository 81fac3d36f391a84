//! The server's VAPID identity (RFC 8292): a P-256 key whose public half browsers are given as
//! `applicationServerKey`, and the `Authorization: vapid t=<JWT>, k=<key>` header each push
//! carries (an ES256 JWT: `aud` the endpoint's origin, `exp` within 24 h, `sub` a contact).

use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use secrecy::{ExposeSecret, SecretString};

/// How long a VAPID token is valid (RFC 8292 §2: at most 24 hours).
pub const TOKEN_SECS: i64 = 12 * 3600;

#[derive(Clone)]
pub struct Vapid {
    key: SigningKey,
    /// The uncompressed public point, base64url without padding.
    public: String,
    subject: String,
}

impl std::fmt::Debug for Vapid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vapid")
            .field("public", &self.public)
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// Decode base64url, with or without padding (standard base64's `+/` tolerated too).
pub fn decode_b64url(s: &str) -> Option<Vec<u8>> {
    let s = s.trim().replace('+', "-").replace('/', "_");
    URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .ok()
        .or_else(|| URL_SAFE.decode(&s).ok())
}

/// A new private key, base64url (what `DOORSTEP_VAPID_PRIVATE_KEY` takes).
pub fn generate_private_key() -> SecretString {
    let key = SigningKey::random(&mut rand::rngs::OsRng);
    SecretString::from(URL_SAFE_NO_PAD.encode(key.to_bytes()))
}

impl Vapid {
    /// The key from `DOORSTEP_VAPID_PRIVATE_KEY`: the raw 32-byte P-256 private scalar in
    /// base64url (the form `web-push generate-vapid-keys` prints).
    pub fn parse(private_key: &SecretString, subject: &str) -> Result<Vapid, String> {
        let bytes = decode_b64url(private_key.expose_secret())
            .ok_or("DOORSTEP_VAPID_PRIVATE_KEY is not base64url")?;
        if bytes.len() != 32 {
            return Err(
                "DOORSTEP_VAPID_PRIVATE_KEY must be a raw 32-byte P-256 private key (base64url)"
                    .to_owned(),
            );
        }
        let key = SigningKey::from_slice(&bytes)
            .map_err(|_| "DOORSTEP_VAPID_PRIVATE_KEY is not a valid P-256 private key")?;
        if !(subject.starts_with("mailto:") || subject.starts_with("https://")) {
            return Err("DOORSTEP_VAPID_SUBJECT must be a mailto: or https: URI".to_owned());
        }
        let public = URL_SAFE_NO_PAD.encode(key.verifying_key().to_encoded_point(false).as_bytes());
        Ok(Vapid {
            key,
            public,
            subject: subject.to_owned(),
        })
    }

    /// The public key browsers subscribe with: the uncompressed point, base64url.
    pub fn public_key(&self) -> &str {
        &self.public
    }

    /// The `Authorization` header of a push to `endpoint`, valid [`TOKEN_SECS`] from `now`
    /// (Unix seconds).
    pub fn authorization(&self, endpoint: &reqwest::Url, now: i64) -> String {
        // The origin keeps a non-default port (`http://127.0.0.1:8443`), as RFC 6454 has it.
        let aud = endpoint.origin().ascii_serialization();
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ES256"}"#);
        let claims = serde_json::json!({"aud": aud, "exp": now + TOKEN_SECS, "sub": self.subject});
        let claims = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signing_input = format!("{header}.{claims}");
        let sig: Signature = self.key.sign(signing_input.as_bytes());
        let sig = URL_SAFE_NO_PAD.encode(sig.to_bytes());
        format!("vapid t={signing_input}.{sig}, k={}", self.public)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_bad_ones_are_refused() {
        let k = generate_private_key();
        let v = Vapid::parse(&k, "mailto:ops@example.com").unwrap();
        assert_eq!(decode_b64url(v.public_key()).unwrap().len(), 65);
        assert_eq!(decode_b64url(v.public_key()).unwrap()[0], 4);
        let again = Vapid::parse(&k, "mailto:ops@example.com").unwrap();
        assert_eq!(v.public_key(), again.public_key());
        let short = SecretString::from("AAAA".to_owned());
        assert!(Vapid::parse(&short, "mailto:a@b").is_err());
        let zero = SecretString::from(URL_SAFE_NO_PAD.encode([0u8; 32]));
        assert!(Vapid::parse(&zero, "mailto:a@b").is_err());
        assert!(Vapid::parse(&k, "ops@example.com").is_err());
    }

    #[test]
    fn the_token_is_an_es256_jwt_for_the_endpoint_origin() {
        use p256::ecdsa::VerifyingKey;
        use p256::ecdsa::signature::Verifier;
        let v = Vapid::parse(&generate_private_key(), "mailto:ops@example.com").unwrap();
        let url = reqwest::Url::parse("https://push.example:8443/send/abc?x=1").unwrap();
        let h = v.authorization(&url, 1_000);
        let (t, k) = h
            .strip_prefix("vapid t=")
            .and_then(|r| r.split_once(", k="))
            .unwrap();
        assert_eq!(k, v.public_key());
        let (input, sig) = t.rsplit_once('.').unwrap();
        let claims = input.split('.').nth(1).unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&decode_b64url(claims).unwrap()).unwrap();
        assert_eq!(claims["aud"], "https://push.example:8443");
        assert_eq!(claims["exp"], 1_000 + TOKEN_SECS);
        assert_eq!(claims["sub"], "mailto:ops@example.com");
        let vk = VerifyingKey::from_sec1_bytes(&decode_b64url(k).unwrap()).unwrap();
        let sig = Signature::from_slice(&decode_b64url(sig).unwrap()).unwrap();
        assert!(vk.verify(input.as_bytes(), &sig).is_ok());
    }
}
