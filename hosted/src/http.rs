//! HTTP(S) fetching for SMP lookups and metadata refresh: ureq with rustls (webpki
//! roots), a timeout per request, a cap on the body size, conditional requests, and host
//! names resolved with the lookup's own DNS client when the caller named nameservers (so
//! that the SMP host is found through the same servers as its NAPTR or CNAME record).

use core::fmt;
use core::net::{IpAddr, SocketAddr};
use core::time::Duration;

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use std::sync::Arc;

use crate::dns::{Answer, Dns};

/// `HOST:PORT:CONNECT-HOST:CONNECT-PORT` (as curl's `--connect-to`): requests for
/// HOST:PORT go to CONNECT-HOST:CONNECT-PORT instead; an empty CONNECT-HOST keeps the
/// host (still resolved), an empty CONNECT-PORT keeps the port. TLS still checks HOST.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectTo {
    host: String,
    port: u16,
    to_host: Option<String>,
    to_port: Option<u16>,
}

impl ConnectTo {
    /// Reads `HOST:PORT:CONNECT-HOST:CONNECT-PORT`.
    ///
    /// # Errors
    /// A message naming the expected form.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || {
            format!("--connect-to {text:?}: write HOST:PORT:CONNECT-HOST:CONNECT-PORT (e.g. smp.example.org:443:127.0.0.1:8443)")
        };
        let (host, rest) = text.split_once(':').ok_or_else(bad)?;
        let (port, rest) = rest.split_once(':').ok_or_else(bad)?;
        let (to_host, to_port) = rest.rsplit_once(':').ok_or_else(bad)?;
        let to_host = to_host.trim_start_matches('[').trim_end_matches(']');
        Ok(ConnectTo {
            host: host.to_ascii_lowercase(),
            port: port.parse().map_err(|_| bad())?,
            to_host: (!to_host.is_empty()).then(|| to_host.to_string()),
            to_port: if to_port.is_empty() {
                None
            } else {
                Some(to_port.parse().map_err(|_| bad())?)
            },
        })
    }
}

/// The outcome of one GET.
pub enum Fetched {
    /// 200, with the validators the server sent.
    Body {
        /// The body, at most the size limit.
        body: Vec<u8>,
        /// The `ETag` header.
        etag: Option<String>,
        /// The `Last-Modified` header.
        last_modified: Option<String>,
    },
    /// 304 to a conditional request.
    NotModified,
    /// Any other status (404 included): the caller decides.
    Status(u16),
}

/// The network failed or the answer was unusable.
#[derive(Debug)]
pub struct HttpError {
    /// The URL asked for.
    pub url: String,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fetching {}: {}", self.url, self.message)
    }
}

/// A blocking HTTP(S) client.
pub struct Client {
    agent: ureq::Agent,
    max_body: u64,
}

impl Client {
    /// A client resolving host names with `dns` when given (else the system's resolver),
    /// redirected by `connect_to`, each request within `timeout`, bodies of at most
    /// `max_body` bytes.
    pub fn new(
        dns: Option<Arc<Dns>>,
        connect_to: Vec<ConnectTo>,
        timeout: Duration,
        max_body: usize,
    ) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            // The record is signed and bound to the question, so following an HTTP
            // redirect (http → https, a moved server) cannot change what is accepted.
            .max_redirects(3)
            .user_agent(concat!("trustmeta/", env!("CARGO_PKG_VERSION")))
            .build();
        let resolver = LookupResolver {
            dns,
            connect_to,
            system: DefaultResolver::default(),
        };
        Client {
            agent: ureq::Agent::with_parts(config, DefaultConnector::new(), resolver),
            max_body: u64::try_from(max_body).unwrap_or(u64::MAX),
        }
    }

    /// GET `url`, conditionally when validators are given.
    pub fn get(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, HttpError> {
        let err = |message: String| HttpError {
            url: url.to_string(),
            message,
        };
        let mut request = self.agent.get(url);
        if let Some(e) = etag {
            request = request.header("If-None-Match", e);
        }
        if let Some(m) = last_modified {
            request = request.header("If-Modified-Since", m);
        }
        let mut response = request.call().map_err(|e| err(e.to_string()))?;
        let status = response.status().as_u16();
        match status {
            200 => {
                let header = |name: &str| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string)
                };
                let etag = header("etag");
                let last_modified = header("last-modified");
                let body = response
                    .body_mut()
                    .with_config()
                    .limit(self.max_body)
                    .read_to_vec()
                    .map_err(|e| match e {
                        ureq::Error::BodyExceedsLimit(n) => err(format!(
                            "the answer is larger than {n} bytes, the input limit; it is not an SMP record"
                        )),
                        e => err(e.to_string()),
                    })?;
                Ok(Fetched::Body {
                    body,
                    etag,
                    last_modified,
                })
            }
            304 => Ok(Fetched::NotModified),
            s => Ok(Fetched::Status(s)),
        }
    }
}

/// Resolves hosts for ureq: `--connect-to` first, IP literals as they are, then the
/// lookup's DNS server when one was named, else the system resolver.
#[derive(Debug)]
struct LookupResolver {
    dns: Option<Arc<Dns>>,
    connect_to: Vec<ConnectTo>,
    system: DefaultResolver,
}

impl Resolver for LookupResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri
            .host()
            .ok_or(ureq::Error::HostNotFound)?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let default_port = if uri.scheme_str() == Some("https") {
            443
        } else {
            80
        };
        let mut port = uri.port_u16().unwrap_or(default_port);
        let mut target = host.clone();
        if let Some(c) = self
            .connect_to
            .iter()
            .find(|c| c.host == host && c.port == port)
        {
            if let Some(h) = &c.to_host {
                target.clone_from(h);
            }
            if let Some(p) = c.to_port {
                port = p;
            }
        }
        let mut out = self.system.empty();
        if let Ok(ip) = target.parse::<IpAddr>() {
            out.push(SocketAddr::new(ip, port));
            return Ok(out);
        }
        let Some(dns) = &self.dns else {
            let rewritten: Uri =
                format!("{}://{target}:{port}/", uri.scheme_str().unwrap_or("http"))
                    .parse()
                    .map_err(|_| ureq::Error::HostNotFound)?;
            return self.system.resolve(&rewritten, config, timeout);
        };
        if let Ok(Answer::Records(found)) = dns.addresses(&target) {
            // ureq keeps at most 16 addresses (its ResolvedSocketAddrs).
            for ip in found.ips.into_iter().take(16) {
                out.push(SocketAddr::new(ip, port));
            }
            return Ok(out);
        }
        Err(ureq::Error::HostNotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_connect_to() {
        assert_eq!(
            ConnectTo::parse("B-ab.zone:80:127.0.0.1:8080").unwrap(),
            ConnectTo {
                host: "b-ab.zone".to_string(),
                port: 80,
                to_host: Some("127.0.0.1".to_string()),
                to_port: Some(8080)
            }
        );
        assert_eq!(
            ConnectTo::parse("h:443:[::1]:8443").unwrap().to_host,
            Some("::1".to_string())
        );
        let keep_host = ConnectTo::parse("h:80::8080").unwrap();
        assert_eq!((keep_host.to_host, keep_host.to_port), (None, Some(8080)));
        assert!(ConnectTo::parse("h:80").is_err());
        assert!(ConnectTo::parse("h:x:1.2.3.4:5").is_err());
    }
}
