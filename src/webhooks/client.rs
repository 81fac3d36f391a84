//! The outbound HTTP of webhooks and driver pushes: which URLs may be targets, and the client
//! that refuses forbidden addresses at connect time. No shipment or job knowledge here, so the
//! push sender uses it without reaching the webhook dispatcher (and the door it calls).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use super::rules;

/// Resolves names like any client, but refuses addresses webhooks must not reach (checked at
/// connect time, so a DNS answer that changes after registration cannot reach them either).
struct SafeResolver {
    allow_private: bool,
}

impl reqwest::dns::Resolve for SafeResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| allow || !rules::is_forbidden(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(format!("{host} resolves to no address webhooks may reach").into());
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The outbound client of webhooks and driver pushes: no redirects, no proxy, a timeout, and
/// the resolver that refuses forbidden addresses unless `allow_private`.
pub fn safe_client(timeout: Duration, allow_private: bool) -> anyhow::Result<reqwest::Client> {
    crate::install_crypto_provider();
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .no_proxy()
        .dns_resolver(Arc::new(SafeResolver { allow_private }))
        .build()?)
}

/// Whether a URL may be a webhook target: https (http only when private targets are allowed),
/// and no literal forbidden address.
pub fn check_url(url: &str, allow_private: bool) -> Result<(), &'static str> {
    let parsed = reqwest::Url::parse(url).map_err(|_| "is not a valid URL")?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_private => {}
        _ => return Err("must use https"),
    }
    let host = parsed.host_str().ok_or("has no host")?;
    let literal = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>();
    if !allow_private
        && (literal.is_ok_and(rules::is_forbidden) || host.eq_ignore_ascii_case("localhost"))
    {
        return Err("points to a loopback, private or link-local address");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("must not carry credentials");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use reqwest::dns::{Name, Resolve};

    use super::*;

    /// A name that passes the check at registration but resolves to a private address is
    /// refused when the dispatcher connects (DNS rebinding, or a record changed later).
    #[tokio::test]
    async fn names_resolving_to_forbidden_addresses_are_refused_at_connect_time() {
        let strict = SafeResolver {
            allow_private: false,
        };
        for host in ["localhost", "127.0.0.1", "ip6-localhost"] {
            let Ok(name) = Name::from_str(host) else {
                continue;
            };
            if let Ok(addrs) = strict.resolve(name).await {
                panic!("{host} resolved to {:?}", addrs.collect::<Vec<_>>());
            }
        }
        // The same resolver lets them through where private targets are allowed (tests, dev).
        let open = SafeResolver {
            allow_private: true,
        };
        let addrs: Vec<_> = open
            .resolve(Name::from_str("localhost").unwrap())
            .await
            .unwrap()
            .collect();
        assert!(addrs.iter().all(|a| a.ip().is_loopback()) && !addrs.is_empty());
        // A real receiver on loopback, answering 200 to anyone: the client that allows private
        // targets reaches it by name, the strict one is refused by its resolver.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            use std::io::{Read, Write};
            for mut stream in listener.incoming().flatten() {
                let mut buf = [0u8; 1024];
                let _ = stream.read(&mut buf);
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
            }
        });
        let url = format!("http://localhost:{port}/hook");
        let reached = safe_client(Duration::from_secs(5), true)
            .unwrap()
            .get(&url)
            .send()
            .await
            .unwrap();
        assert_eq!(reached.status(), 200);
        let refused = safe_client(Duration::from_secs(5), false)
            .unwrap()
            .get(&url)
            .send()
            .await;
        let err = format!(
            "{:?}",
            refused.expect_err("reached a loopback server by name")
        );
        assert!(err.contains("no address webhooks may reach"), "{err}");
    }
}
