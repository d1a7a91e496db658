//! DNS for SMP discovery, by hickory-resolver: every nameserver configured (those of
//! `/etc/resolv.conf`, or the ones the caller names), UDP with a TCP retry when an answer
//! is truncated or UDP fails, random query IDs, and a timeout per request. Calls block;
//! the resolver runs on a small runtime of its own.

use core::fmt;
use core::net::{IpAddr, SocketAddr};
use core::time::Duration;

use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::NetError;
use hickory_resolver::proto::rr::{RData, Record, RecordType};
use hickory_resolver::TokioResolver;

/// An answer to a query: records, or one of the two negative answers (RFC 2308).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer<T> {
    /// The name has records of the type asked for.
    Records(T),
    /// The name exists without records of that type.
    NoData,
    /// The name does not exist.
    NxDomain,
}

/// One NAPTR record (RFC 3403), its strings as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Naptr {
    /// ORDER.
    pub order: u16,
    /// PREFERENCE.
    pub preference: u16,
    /// FLAGS.
    pub flags: String,
    /// SERVICE.
    pub service: String,
    /// REGEXP.
    pub regexp: String,
    /// REPLACEMENT.
    pub replacement: String,
}

impl Naptr {
    /// The record as the core's selection reads it.
    pub fn view(&self) -> trustmeta::NaptrRecord<'_> {
        trustmeta::NaptrRecord {
            order: self.order,
            preference: self.preference,
            flags: &self.flags,
            service: &self.service,
            regexp: &self.regexp,
            replacement: &self.replacement,
        }
    }
}

/// The addresses of a name, and whether it led there through a CNAME.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addresses {
    /// The IPv4 and IPv6 addresses, in the order received.
    pub ips: Vec<IpAddr>,
    /// Whether the answer went through a CNAME (the PEPPOL SML publishes one).
    pub via_cname: bool,
}

/// DNS did not answer usably: no nameserver answered in time, or each refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsError(pub String);

impl fmt::Display for DnsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::error::Error for DnsError {}

/// A nameserver as written by a user: `IP` (port 53) or `IP:PORT`, IPv6 with or without
/// brackets (`::1`, `[::1]:53`).
pub fn parse_nameserver(text: &str) -> Option<SocketAddr> {
    text.parse().ok().or_else(|| {
        text.trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .ok()
            .map(|ip| SocketAddr::new(ip, 53))
    })
}

/// A blocking DNS client.
pub struct Dns {
    runtime: tokio::runtime::Runtime,
    resolver: TokioResolver,
    servers: Vec<SocketAddr>,
}

impl fmt::Debug for Dns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dns")
            .field("servers", &self.servers)
            .finish()
    }
}

impl Dns {
    /// The nameservers of `/etc/resolv.conf` (all of them, with its options).
    ///
    /// # Errors
    /// When the file cannot be read or names no nameserver.
    pub fn system(timeout: Duration) -> Result<Self, DnsError> {
        let (config, opts) = hickory_resolver::system_conf::read_system_conf()
            .map_err(|e| DnsError(format!("cannot read /etc/resolv.conf: {e}")))?;
        if config.name_servers().is_empty() {
            return Err(DnsError("/etc/resolv.conf names no nameserver".to_string()));
        }
        let servers = config
            .name_servers()
            .iter()
            .map(|s| SocketAddr::new(s.ip, 53))
            .collect();
        Self::build(config, opts, timeout, servers)
    }

    /// The nameservers `servers` (each asked over UDP, then TCP), in parallel pairs: one
    /// that does not answer delays nothing while another does.
    ///
    /// # Errors
    /// When `servers` is empty.
    pub fn with_servers(servers: &[SocketAddr], timeout: Duration) -> Result<Self, DnsError> {
        if servers.is_empty() {
            return Err(DnsError("no nameserver given".to_string()));
        }
        let configs = servers
            .iter()
            .map(|s| {
                let mut udp = ConnectionConfig::udp();
                udp.port = s.port();
                let mut tcp = ConnectionConfig::tcp();
                tcp.port = s.port();
                NameServerConfig::new(s.ip(), true, vec![udp, tcp])
            })
            .collect();
        let config = ResolverConfig::from_name_servers(configs);
        Self::build(config, ResolverOpts::default(), timeout, servers.to_vec())
    }

    fn build(
        config: ResolverConfig,
        mut opts: ResolverOpts,
        timeout: Duration,
        servers: Vec<SocketAddr>,
    ) -> Result<Self, DnsError> {
        opts.timeout = timeout;
        opts.attempts = 2;
        opts.try_tcp_on_error = true;
        // CNAME records stay in the answer, so that the caller can say how it was found.
        opts.preserve_intermediates = true;
        // Names are asked as written (fully qualified), never with a search domain.
        opts.ndots = 0;
        opts.num_concurrent_reqs = 2;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| DnsError(format!("cannot start the DNS runtime: {e}")))?;
        let mut builder =
            TokioResolver::builder_with_config(config, TokioRuntimeProvider::default());
        *builder.options_mut() = opts;
        let resolver = {
            let _guard = runtime.enter();
            builder
                .build()
                .map_err(|e| DnsError(format!("cannot configure DNS: {e}")))?
        };
        Ok(Dns {
            runtime,
            resolver,
            servers,
        })
    }

    /// The nameservers asked.
    pub fn servers(&self) -> &[SocketAddr] {
        &self.servers
    }

    fn records(&self, name: &str, rtype: RecordType) -> Result<Answer<Vec<Record>>, DnsError> {
        let fqdn = if name.ends_with('.') {
            name.to_string()
        } else {
            format!("{name}.")
        };
        match self
            .runtime
            .block_on(self.resolver.lookup(fqdn.as_str(), rtype))
        {
            Ok(lookup) => Ok(Answer::Records(lookup.answers().to_vec())),
            Err(e) if e.is_nx_domain() => Ok(Answer::NxDomain),
            Err(e) if e.is_no_records_found() => Ok(Answer::NoData),
            Err(e) => Err(DnsError(describe(&e))),
        }
    }

    /// The NAPTR records of `name`.
    ///
    /// # Errors
    /// When no nameserver answers usably.
    pub fn naptr(&self, name: &str) -> Result<Answer<Vec<Naptr>>, DnsError> {
        Ok(match self.records(name, RecordType::NAPTR)? {
            Answer::Records(records) => {
                let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
                let naptrs: Vec<Naptr> = records
                    .iter()
                    .filter_map(|r| match &r.data {
                        RData::NAPTR(n) => Some(Naptr {
                            order: n.order,
                            preference: n.preference,
                            flags: text(&n.flags),
                            service: text(&n.services),
                            regexp: text(&n.regexp),
                            replacement: n.replacement.to_string(),
                        }),
                        _ => None,
                    })
                    .collect();
                if naptrs.is_empty() {
                    Answer::NoData
                } else {
                    Answer::Records(naptrs)
                }
            }
            Answer::NoData => Answer::NoData,
            Answer::NxDomain => Answer::NxDomain,
        })
    }

    /// The A and AAAA addresses of `name`, following CNAMEs.
    ///
    /// # Errors
    /// When no nameserver answers usably.
    pub fn addresses(&self, name: &str) -> Result<Answer<Addresses>, DnsError> {
        let mut found = Addresses {
            ips: Vec::new(),
            via_cname: false,
        };
        let mut exists = false;
        for rtype in [RecordType::A, RecordType::AAAA] {
            match self.records(name, rtype)? {
                Answer::Records(records) => {
                    exists = true;
                    for r in &records {
                        match &r.data {
                            RData::A(a) => found.ips.push(IpAddr::V4(a.0)),
                            RData::AAAA(a) => found.ips.push(IpAddr::V6(a.0)),
                            RData::CNAME(_) => found.via_cname = true,
                            _ => {}
                        }
                    }
                }
                Answer::NoData => exists = true,
                Answer::NxDomain => return Ok(Answer::NxDomain),
            }
        }
        Ok(if !found.ips.is_empty() {
            Answer::Records(found)
        } else if exists {
            Answer::NoData
        } else {
            Answer::NxDomain
        })
    }
}

/// The error in words: a timeout says so plainly.
fn describe(e: &NetError) -> String {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("timed out") || text.contains("timeout") {
        format!("no nameserver answered in time ({text})")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nameservers_as_users_write_them() {
        let v4 = |p| SocketAddr::new(IpAddr::from([127, 0, 0, 1]), p);
        let v6 = |p| SocketAddr::new(IpAddr::from(core::net::Ipv6Addr::LOCALHOST), p);
        assert_eq!(parse_nameserver("127.0.0.1"), Some(v4(53)));
        assert_eq!(parse_nameserver("127.0.0.1:5353"), Some(v4(5353)));
        assert_eq!(parse_nameserver("::1"), Some(v6(53)));
        assert_eq!(parse_nameserver("[::1]"), Some(v6(53)));
        assert_eq!(parse_nameserver("[::1]:5353"), Some(v6(5353)));
        assert_eq!(parse_nameserver("dns.example"), None);
        assert_eq!(parse_nameserver("127.0.0.1:x"), None);
    }
}
