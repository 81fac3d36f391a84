//! Outbound HTTP to addresses that partners give (webhook URLs, push endpoints): which URLs may
//! be targets, the client that refuses forbidden addresses at connect time, and the retry
//! schedule of every outbound queue (webhooks, customer messages, pushes). Base layer: no
//! domain knowledge, so the senders share it without importing each other.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

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
                .filter(|a| allow || !is_forbidden(a.ip()))
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
    if !allow_private && (literal.is_ok_and(is_forbidden) || host.eq_ignore_ascii_case("localhost"))
    {
        return Err("points to a loopback, private or link-local address");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("must not carry credentials");
    }
    Ok(())
}

/// Addresses a webhook must not reach (SSRF): loopback, private, link-local, unspecified,
/// multicast, shared/benchmark ranges, and their IPv6 equivalents.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])) // carrier-grade NAT
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19)) // benchmarking
                || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
                || o[0] >= 240 // reserved
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_forbidden(IpAddr::V4(v4));
            }
            let seg = v6.segments();
            let embedded = |hi: u16, lo: u16| {
                let [a, b] = hi.to_be_bytes();
                let [c, d] = lo.to_be_bytes();
                is_forbidden(IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d)))
            };
            // IPv4 hidden in IPv6: compatible (::a.b.c.d), translated (::ffff:0:a.b.c.d,
            // ::ffff:0:0/96), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
            if (seg[..6].iter().all(|s| *s == 0) && !v6.is_loopback() && !v6.is_unspecified())
                || (seg[..4].iter().all(|s| *s == 0) && seg[4] == 0xffff && seg[5] == 0)
                || (seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6].iter().all(|s| *s == 0))
            {
                return embedded(seg[6], seg[7]);
            }
            if seg[0] == 0x2002 {
                return embedded(seg[1], seg[2]);
            }
            // Local-use NAT64 (64:ff9b:1::/48, RFC 8215): a translator of the operator's own
            // network may reach anything behind it.
            if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2] == 1 {
                return true;
            }
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00 // unique local
                || (seg[0] & 0xffc0) == 0xfe80 // link-local
                || (seg[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        }
    }
}

/// Delay before try number `tries + 1` after `tries` failures: exponential from `base`, capped
/// at 6 hours, with ±20 % jitter (`jitter` in [0, 1)). With a 10 s base the tries come at about
/// 10 s, 20 s, 40 s, 80 s … 5.7 h, then every 6 h until the delivery is 72 h old.
pub fn backoff(tries: u32, base: Duration, jitter: f64) -> Duration {
    let cap = Duration::from_secs(6 * 3600);
    let exp = base.saturating_mul(2u32.saturating_pow(tries.saturating_sub(1).min(20)));
    let d = exp.min(cap);
    d.mul_f64(0.8 + 0.4 * jitter.clamp(0.0, 1.0))
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
