//! Short-lived access tokens: HS256 only, `exp`, `nbf`, `iss`, `aud` and `typ` checked.

use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

/// Refresh tokens are opaque, so only access tokens are JWTs; `typ` keeps it that way if
/// another kind of JWT is ever added.
const ACCESS_TYP: &str = "access";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub jti: String,
    pub typ: String,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    pub ttl: Duration,
    /// `exp` and `nbf` are checked against the one clock, not the system's.
    clock: crate::clock::Clock,
    leeway: i64,
}

impl JwtKeys {
    /// Keys for the HS256 `secret`, tokens naming `issuer` and `audience`, living `ttl`, their
    /// times read from `clock`.
    pub fn new(
        secret: &secrecy::SecretString,
        issuer: &str,
        audience: &str,
        ttl: Duration,
        clock: crate::clock::Clock,
    ) -> JwtKeys {
        let secret = secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        // Checked below against the one clock (a settable one in tests and the demo).
        validation.validate_exp = false;
        validation.validate_nbf = false;
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            clock,
            leeway: 30,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            ttl,
        }
    }

    pub fn issue(&self, user_id: &str) -> anyhow::Result<String> {
        let now = self.clock.now().timestamp();
        let claims = Claims {
            sub: user_id.to_owned(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            nbf: now,
            exp: now + self.ttl.as_secs() as i64,
            jti: crate::ids::new_id("jti"),
            typ: ACCESS_TYP.to_owned(),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The user id of a valid access token.
    pub fn verify(&self, token: &str) -> Option<String> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        let now = self.clock.now().timestamp();
        let c = data.claims;
        let current = c.exp > now - self.leeway && c.nbf <= now + self.leeway;
        (current && c.typ == ACCESS_TYP).then_some(c.sub)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use secrecy::SecretString;

    fn keys() -> JwtKeys {
        let a: crate::auth::settings::AuthSettings = crate::args::defaults();
        JwtKeys::new(
            &SecretString::from("k".repeat(32)),
            &a.jwt_issuer,
            &a.jwt_audience,
            a.access_token_ttl,
            crate::clock::Clock::system(),
        )
    }

    fn forge(claims: serde_json::Value, header: serde_json::Value, secret: &str) -> String {
        let h = URL_SAFE_NO_PAD.encode(header.to_string());
        let c = URL_SAFE_NO_PAD.encode(claims.to_string());
        let msg = format!("{h}.{c}");
        use hmac::Mac;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(msg.as_bytes());
        format!(
            "{msg}.{}",
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        )
    }

    fn claims(over: serde_json::Value) -> serde_json::Value {
        let now = chrono::Utc::now().timestamp();
        let mut base = serde_json::json!({
            "sub": "usr_1", "iss": "doorstep", "aud": "doorstep-api", "iat": now,
            "nbf": now, "exp": now + 60, "jti": "j", "typ": "access"
        });
        for (k, v) in over.as_object().unwrap() {
            base[k] = v.clone();
        }
        base
    }

    #[test]
    fn issued_tokens_verify() {
        let keys = keys();
        let t = keys.issue("usr_1").unwrap();
        assert_eq!(keys.verify(&t).as_deref(), Some("usr_1"));
        let forged = forge(
            claims(serde_json::json!({})),
            serde_json::json!({"alg":"HS256","typ":"JWT"}),
            &"k".repeat(32),
        );
        assert_eq!(
            keys.verify(&forged).as_deref(),
            Some("usr_1"),
            "the forge helper is faithful"
        );
    }

    #[test]
    fn bad_tokens_are_refused() {
        let keys = keys();
        let secret = "k".repeat(32);
        let hs = serde_json::json!({"alg":"HS256","typ":"JWT"});
        let now = chrono::Utc::now().timestamp();
        let cases = [
            (
                "wrong secret",
                forge(claims(serde_json::json!({})), hs.clone(), &"z".repeat(32)),
            ),
            (
                "expired",
                forge(
                    claims(serde_json::json!({"exp": now - 120})),
                    hs.clone(),
                    &secret,
                ),
            ),
            (
                "not yet valid",
                forge(
                    claims(serde_json::json!({"nbf": now + 600})),
                    hs.clone(),
                    &secret,
                ),
            ),
            (
                "wrong issuer",
                forge(
                    claims(serde_json::json!({"iss": "evil"})),
                    hs.clone(),
                    &secret,
                ),
            ),
            (
                "wrong audience",
                forge(
                    claims(serde_json::json!({"aud": "other"})),
                    hs.clone(),
                    &secret,
                ),
            ),
            (
                "wrong typ",
                forge(
                    claims(serde_json::json!({"typ": "refresh"})),
                    hs.clone(),
                    &secret,
                ),
            ),
            (
                "alg none",
                forge(
                    claims(serde_json::json!({})),
                    serde_json::json!({"alg":"none"}),
                    &secret,
                ),
            ),
            (
                "alg HS512",
                forge(
                    claims(serde_json::json!({})),
                    serde_json::json!({"alg":"HS512"}),
                    &secret,
                ),
            ),
        ];
        for (name, token) in cases {
            assert_eq!(keys.verify(&token), None, "{name}");
        }
        let mut t = keys.issue("usr_1").unwrap();
        t.push('x');
        assert_eq!(keys.verify(&t), None, "tampered signature");
    }
}
