//! The client's address behind trusted reverse proxies (`DOORSTEP_TRUSTED_PROXIES`): the
//! per-address login budget and tracking limits key on it. Forwarded headers are believed
//! only when the peer itself is a trusted proxy; the client is then the rightmost hop that is
//! not one (every hop to its right was appended by a proxy we trust, every hop to its left
//! may have been written by the client).

use std::net::IpAddr;

use ipnet::IpNet;

/// The client address of a request, as the limits key on it.
pub fn of_request(req: &actix_web::HttpRequest, trusted: &[IpNet]) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return String::new();
    };
    let header = |name| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let forwarded = header(actix_web::http::header::FORWARDED);
    let xff = header(actix_web::http::header::HeaderName::from_static(
        "x-forwarded-for",
    ));
    client_ip(peer, forwarded.as_deref(), xff.as_deref(), trusted).to_string()
}

/// Parse `DOORSTEP_TRUSTED_PROXIES`: CIDRs or single addresses, comma-separated.
pub fn parse_trusted(list: &str) -> Result<Vec<IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_proxy)
        .collect()
}

/// One trusted proxy: a CIDR or an address.
pub fn parse_proxy(s: &str) -> Result<IpNet, String> {
    let s = s.trim();
    s.parse::<IpNet>()
        .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("DOORSTEP_TRUSTED_PROXIES: `{s}` is not a CIDR or an address"))
}

/// One hop of `Forwarded` (`for=…`) or `X-Forwarded-For`: an address, maybe quoted, maybe
/// with a port, IPv6 maybe in brackets. `None` for `unknown`, obfuscated names and garbage.
fn parse_hop(raw: &str) -> Option<IpAddr> {
    let s = raw.trim().trim_matches('"');
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    // a.b.c.d:port
    let (host, port) = s.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

/// The hops a `Forwarded` header lists (its `for=` parameters), left to right.
fn forwarded_hops(value: &str) -> Vec<Option<IpAddr>> {
    value
        .split(',')
        .map(|element| {
            element
                .split(';')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("for"))
                .and_then(|(_, v)| parse_hop(v))
        })
        .collect()
}

/// The client's address: the peer unless it is a trusted proxy; then the rightmost hop of
/// `Forwarded` (preferred) or `X-Forwarded-For` that is not trusted. A hop that cannot be
/// read ends the walk at the last trusted address (nothing written left of it is believed).
pub fn client_ip(
    peer: IpAddr,
    forwarded: Option<&str>,
    x_forwarded_for: Option<&str>,
    trusted: &[IpNet],
) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(&ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<Option<IpAddr>> = match (forwarded, x_forwarded_for) {
        (Some(f), _) => forwarded_hops(f),
        (None, Some(x)) => x.split(',').map(parse_hop).collect(),
        (None, None) => return peer,
    };
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        match hop {
            Some(ip) => {
                client = ip;
                if !is_trusted(ip) {
                    break;
                }
            }
            None => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        let got = client_ip(ip("203.0.113.9"), None, Some("1.2.3.4"), &trusted);
        assert_eq!(got, ip("203.0.113.9"));
        let got = client_ip(ip("203.0.113.9"), Some("for=1.2.3.4"), None, &[]);
        assert_eq!(got, ip("203.0.113.9"), "no trusted proxy: the peer");
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let trusted = parse_trusted("10.0.0.0/8, 192.168.1.1").unwrap();
        // The client forged "6.6.6.6"; the proxy appended the real address.
        let xff = "6.6.6.6, 198.51.100.7, 192.168.1.1";
        assert_eq!(
            client_ip(ip("10.1.2.3"), None, Some(xff), &trusted),
            ip("198.51.100.7")
        );
        let fwd = r#"for=6.6.6.6, for="198.51.100.7:4711";proto=https, for=10.2.2.2"#;
        assert_eq!(
            client_ip(ip("10.1.2.3"), Some(fwd), Some("9.9.9.9"), &trusted),
            ip("198.51.100.7"),
            "Forwarded wins over X-Forwarded-For"
        );
        let v6 = r#"for="[2001:db8:cafe::17]:4711""#;
        assert_eq!(
            client_ip(ip("10.1.2.3"), Some(v6), None, &trusted),
            ip("2001:db8:cafe::17")
        );
    }

    #[test]
    fn garbage_or_all_trusted_stops_at_the_last_trusted_hop() {
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        assert_eq!(
            client_ip(ip("10.0.0.1"), None, Some("evil, 10.0.0.2"), &trusted),
            ip("10.0.0.2")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), Some("for=unknown"), None, &trusted),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), None, Some("10.0.0.5"), &trusted),
            ip("10.0.0.5")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), None, None, &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn settings_are_checked() {
        assert!(parse_trusted("10.0.0.0/33").is_err());
        assert!(parse_trusted("proxy.local").is_err());
        assert_eq!(parse_trusted("").unwrap(), vec![]);
        assert_eq!(parse_trusted("::1, 127.0.0.1").unwrap().len(), 2);
    }
}
