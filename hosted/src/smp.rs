//! SMP lookup: find a participant's SMP through DNS (BDXL NAPTR for SMP 1.0 and 2.0,
//! falling back to the PEPPOL SML CNAME), fetch its record for a document type over
//! HTTP(S), verify it (following at most one redirect), and cache verified records on
//! disk, revalidated with conditional requests.

use core::net::SocketAddr;
use core::time::Duration;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use trustmeta::{
    bdxl_name, select_smp_naptr, sml_cname, smp1_url, smp2_url, verify, verify_smp,
    verify_smp_redirect_target, DateTime, Error, ParticipantId, Policy, SmpApi, SmpQuestion,
    TrustStore, VerifiedServiceMetadata,
};

use crate::cache::{self, Cache, Entry, RecordCache, RedisRecordCache};
use crate::dns::{Answer, Dns, DnsError};
use crate::http::{Client, ConnectTo, Fetched};

/// How the record was obtained from the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheStatus {
    /// Used from the cache within its time to live: no request.
    Hit,
    /// Not in the cache: fetched and stored.
    Miss,
    /// Past its time to live; the SMP said it is unchanged (304, or the same signed
    /// content).
    Revalidated,
    /// Past its time to live, or no longer valid; the SMP sent a different record, which
    /// verified and replaced the entry.
    Replaced,
}

impl CacheStatus {
    /// `hit`, `miss`, `revalidated` or `replaced`.
    pub fn name(self) -> &'static str {
        match self {
            CacheStatus::Hit => "hit",
            CacheStatus::Miss => "miss",
            CacheStatus::Revalidated => "revalidated",
            CacheStatus::Replaced => "replaced",
        }
    }
}

/// Why a lookup ended without endpoints.
#[derive(Clone, Debug)]
pub enum LookupError {
    /// Neither the BDXL nor the CNAME name exists (`lookup.not_registered`).
    NotRegistered(String),
    /// DNS did not answer usably (`lookup.dns_failure`).
    DnsFailure(String),
    /// The SMP has no record for the document: 404 or 410 (`lookup.no_service`).
    NoService(String),
    /// HTTP failed: network, TLS, another status, an oversized body
    /// (`lookup.http_failure`).
    Http(String),
    /// The record did not verify or does not answer the question (its own code).
    Rejected(Error),
    /// The lookup was configured wrongly (`usage`).
    Usage(String),
}

impl LookupError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            LookupError::NotRegistered(_) => "lookup.not_registered",
            LookupError::DnsFailure(_) => "lookup.dns_failure",
            LookupError::NoService(_) => "lookup.no_service",
            LookupError::Http(_) => "lookup.http_failure",
            LookupError::Rejected(e) => e.code().as_str(),
            LookupError::Usage(_) => "usage",
        }
    }

    /// Whether the answer is definite (not registered, no service, a rejected record)
    /// rather than a failure to reach DNS or the SMP, which a retry may cure.
    pub fn is_definite(&self) -> bool {
        matches!(
            self,
            LookupError::NotRegistered(_) | LookupError::NoService(_) | LookupError::Rejected(_)
        )
    }
}

impl core::fmt::Display for LookupError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            LookupError::NotRegistered(m)
            | LookupError::DnsFailure(m)
            | LookupError::NoService(m)
            | LookupError::Http(m)
            | LookupError::Usage(m) => f.write_str(m),
            LookupError::Rejected(e) => write!(f, "{e}"),
        }
    }
}

impl core::error::Error for LookupError {}

/// What a lookup found out on its way, kept for a failure too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    /// The DNS name that led to the SMP and the type of its record (`NAPTR`, `CNAME`,
    /// `A`, `AAAA`).
    pub dns: Option<(String, &'static str)>,
    /// The protocol the SMP was asked in.
    pub api: Option<SmpApi>,
    /// The URL of the record returned (the redirect's target after a redirect).
    pub smp_url: Option<String>,
    /// The first URL, when its record redirected.
    pub redirected_from: Option<String>,
    /// How the cache served the record, when there is a cache.
    pub cache: Option<CacheStatus>,
    /// What went wrong without failing the lookup (a cache entry that could not be
    /// written).
    pub warnings: Vec<String>,
}

/// How to look up: where DNS is asked, how HTTP goes, and the cache.
#[derive(Clone)]
pub struct LookupOptions {
    /// The SML/BDXL zone, e.g. `edelivery.tech.ec.europa.eu`.
    pub zone: String,
    /// The nameservers to ask; empty: those of `/etc/resolv.conf`. When given, SMP host
    /// names are resolved through them too.
    pub nameservers: Vec<SocketAddr>,
    /// Requests for a host and port sent elsewhere (as curl's `--connect-to`).
    pub connect_to: Vec<ConnectTo>,
    /// Keep verified records in this folder and reuse them; a `redis://`, `valkey://` or
    /// `redis+unix://` URL keeps them on that server instead, shared by every instance
    /// ([`RedisRecordCache`](crate::cache::RedisRecordCache)).
    pub cache_dir: Option<PathBuf>,
    /// Keep verified records here (a cache of the caller's own); takes precedence over
    /// `cache_dir`.
    pub record_cache: Option<Arc<dyn RecordCache>>,
    /// How long a cached record is used without asking the SMP again.
    pub cache_ttl: Duration,
    /// The time each HTTP request may take.
    pub timeout: Duration,
    /// The time each DNS attempt may take (two attempts per nameserver).
    pub dns_timeout: Duration,
    /// The protocol to ask in; `None`: as the NAPTR record's service says (SMP 1.0 for a
    /// CNAME).
    pub api: Option<SmpApi>,
}

impl core::fmt::Debug for LookupOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("LookupOptions")
            .field("zone", &self.zone)
            .field("nameservers", &self.nameservers)
            .field("connect_to", &self.connect_to)
            .field("cache_dir", &self.cache_dir)
            .field("record_cache", &self.record_cache.as_ref().map(|_| "…"))
            .field("cache_ttl", &self.cache_ttl)
            .field("timeout", &self.timeout)
            .field("dns_timeout", &self.dns_timeout)
            .field("api", &self.api)
            .finish()
    }
}

impl LookupOptions {
    /// Options for `zone` with the defaults: the system's nameservers, no cache (a TTL of
    /// one hour once a folder is set), 10 s per HTTP request and 2 s per DNS attempt, the
    /// protocol discovered.
    pub fn new(zone: impl Into<String>) -> Self {
        LookupOptions {
            zone: zone.into(),
            nameservers: Vec::new(),
            connect_to: Vec::new(),
            cache_dir: None,
            record_cache: None,
            cache_ttl: Duration::from_secs(3600),
            timeout: Duration::from_secs(10),
            dns_timeout: Duration::from_secs(2),
            api: None,
        }
    }
}

/// Looks up SMP records, verified against one trust store and policy. Reusable, and
/// shareable between threads.
pub struct SmpLookup {
    zone: String,
    store: TrustStore,
    policy: Policy,
    dns: Arc<Dns>,
    client: Client,
    cache: Option<Arc<dyn RecordCache>>,
    ttl: u64,
    api: Option<SmpApi>,
}

/// Where DNS sent the lookup.
struct Discovery {
    name: String,
    record_type: &'static str,
    base: String,
    api: SmpApi,
}

impl SmpLookup {
    /// A lookup with `options`, verifying against `store` under `policy`.
    ///
    /// # Errors
    /// [`LookupError::Usage`] when DNS cannot be configured (no nameserver) or the cache
    /// folder cannot be created.
    pub fn new(
        options: &LookupOptions,
        store: TrustStore,
        policy: Policy,
    ) -> Result<Self, LookupError> {
        let timeout = options.timeout.max(Duration::from_millis(100));
        let dns_timeout = options.dns_timeout.max(Duration::from_millis(100));
        let dns = if options.nameservers.is_empty() {
            Dns::system(dns_timeout)
        } else {
            Dns::with_servers(&options.nameservers, dns_timeout)
        }
        .map_err(|e| LookupError::Usage(e.0))?;
        let dns = Arc::new(dns);
        let cache: Option<Arc<dyn RecordCache>> = match (&options.record_cache, &options.cache_dir)
        {
            (Some(c), _) => Some(Arc::clone(c)),
            (None, Some(dir)) => match dir.to_str().filter(|d| crate::is_redis_url(d)) {
                Some(url) => Some(Arc::new(
                    RedisRecordCache::open(url).map_err(|e| LookupError::Usage(e.to_string()))?,
                )),
                None => Some(Arc::new(Cache::open(dir).map_err(|e| {
                    LookupError::Usage(format!("the cache folder {}: {e}", dir.display()))
                })?)),
            },
            (None, None) => None,
        };
        let client = Client::new(
            (!options.nameservers.is_empty()).then(|| Arc::clone(&dns)),
            options.connect_to.clone(),
            timeout,
            policy.limits.max_input_bytes,
        );
        Ok(SmpLookup {
            zone: options.zone.clone(),
            store,
            policy,
            dns,
            client,
            cache,
            ttl: options.cache_ttl.as_secs(),
            api: options.api,
        })
    }

    /// The verified record answering `question` at `now`, and what was found on the way.
    pub fn lookup(
        &self,
        question: &SmpQuestion,
        now: DateTime,
    ) -> (Result<VerifiedServiceMetadata, LookupError>, Trace) {
        let mut trace = Trace::default();
        let result = self.run(question, now, &mut trace);
        (result, trace)
    }

    fn run(
        &self,
        question: &SmpQuestion,
        now: DateTime,
        trace: &mut Trace,
    ) -> Result<VerifiedServiceMetadata, LookupError> {
        let found = self.discover(&question.participant)?;
        trace.dns = Some((found.name.clone(), found.record_type));
        let api = self.api.unwrap_or(found.api);
        trace.api = Some(api);
        let url = match api {
            SmpApi::V2 => smp2_url(&found.base, &question.participant, Some(&question.document)),
            _ => smp1_url(&found.base, &question.participant, Some(&question.document)),
        };
        trace.smp_url = Some(url.clone());
        let (first, status) = self.fetch_verified(&url, now, trace, &|xml| {
            verify_smp(xml, question, &self.store, &self.policy, now)
        })?;
        trace.cache = status;
        let Some(redirect) = first.redirect().cloned() else {
            return Ok(first);
        };
        trace.redirected_from = Some(url);
        trace.smp_url = Some(redirect.href.clone());
        let (target, status) = self.fetch_verified(&redirect.href, now, trace, &|xml| {
            verify_smp_redirect_target(xml, question, &redirect, &self.store, &self.policy, now)
        })?;
        trace.cache = status;
        Ok(target)
    }

    /// BDXL first (NAPTR at the base32 SHA-256 name), then the PEPPOL SML CNAME name.
    fn discover(&self, participant: &ParticipantId) -> Result<Discovery, LookupError> {
        let ids = &trustmeta::IdentifierPolicy::default();
        let zone = &self.zone;
        let dns_failure = |name: &str, rtype: &str, e: DnsError| {
            LookupError::DnsFailure(format!("{rtype} {name}: {e}"))
        };
        let naptr_name = bdxl_name(participant, zone, ids);
        let naptr_state = match self
            .dns
            .naptr(&naptr_name)
            .map_err(|e| dns_failure(&naptr_name, "NAPTR", e))?
        {
            Answer::Records(records) => {
                let views: Vec<_> = records.iter().map(|n| n.view()).collect();
                if let Some(smp) = select_smp_naptr(&views) {
                    return Ok(Discovery {
                        name: naptr_name,
                        record_type: "NAPTR",
                        base: smp.base,
                        api: smp.api,
                    });
                }
                "has no U NAPTR record of service Meta:SMP or oasis-bdxr-smp-2 with a plain URL"
            }
            Answer::NoData => "has no NAPTR record",
            Answer::NxDomain => "does not exist",
        };
        let cname = sml_cname(participant, zone, ids);
        let state = match self
            .dns
            .addresses(&cname)
            .map_err(|e| dns_failure(&cname, "A/AAAA", e))?
        {
            Answer::Records(found) => {
                return Ok(Discovery {
                    base: format!("http://{cname}"),
                    record_type: if found.via_cname { "CNAME" } else { "A" },
                    name: cname,
                    api: SmpApi::V1,
                });
            }
            Answer::NoData => "has no CNAME or address record",
            Answer::NxDomain => "does not exist",
        };
        Err(LookupError::NotRegistered(format!(
            "{participant} is not registered in {zone}: {naptr_name} {naptr_state}, and {cname} {state}"
        )))
    }

    /// SHA-256 of the signed content: the canonical form (Exclusive C14N) of the element
    /// the signature covers, the signature itself left out. Re-signing or re-serializing
    /// the same record gives the same fingerprint; any change to what is signed gives
    /// another.
    fn fingerprint(&self, xml: &[u8], now: DateTime) -> String {
        // Called only on bytes verify_smp accepted; the generic verifier then accepts
        // them too, and hashing the raw bytes is only a fallback should that ever differ.
        verify(xml, &self.store, &self.policy, now)
            .ok()
            .and_then(|doc| {
                doc.signed_elements()
                    .next()
                    .map(|e| cache::sha256_hex(&e.canonical_xml()))
            })
            .unwrap_or_else(|| cache::sha256_hex(xml))
    }

    /// Gets the record at `url` from the cache or the network and verifies it with
    /// `check`. The cache only ever receives records that verified.
    fn fetch_verified(
        &self,
        url: &str,
        now: DateTime,
        trace: &mut Trace,
        check: &Verify<'_>,
    ) -> Result<(VerifiedServiceMetadata, Option<CacheStatus>), LookupError> {
        let Some(cache) = &self.cache else {
            return match self.get(url, None)? {
                Fetched::Body { body, .. } => check(&body)
                    .map(|v| (v, None))
                    .map_err(LookupError::Rejected),
                _ => Err(LookupError::Http(format!(
                    "{url}: unexpected answer to a plain GET"
                ))),
            };
        };
        let wall = wall_clock();
        let cached = cache.load(url);
        let mut conditional = None;
        if let Some(entry) = cached.as_ref() {
            let fresh = wall.saturating_sub(entry.fetched_at) < self.ttl;
            if fresh {
                // Certificates and endpoint dates move on even when the bytes do not.
                if let Ok(v) = check(&entry.body) {
                    return Ok((v, Some(CacheStatus::Hit)));
                }
            } else {
                conditional = Some(entry);
            }
        }
        // A cache that cannot be written costs a fetch next time, nothing more.
        let mut store = |entry: &Entry| {
            if let Err(e) = cache.store(entry) {
                trace
                    .warnings
                    .push(format!("cannot write the cache entry for {url}: {e}"));
            }
        };
        match self.get(url, conditional)? {
            Fetched::NotModified => {
                let Some(entry) = conditional else {
                    return Err(LookupError::Http(format!(
                        "{url}: 304 Not Modified to a request that was not conditional"
                    )));
                };
                let v = check(&entry.body).map_err(LookupError::Rejected)?;
                store(&Entry {
                    fetched_at: wall,
                    ..entry.clone()
                });
                Ok((v, Some(CacheStatus::Revalidated)))
            }
            Fetched::Body {
                body,
                etag,
                last_modified,
            } => {
                // Never replace a good copy with a bad one: verify first.
                let v = check(&body).map_err(LookupError::Rejected)?;
                let fp = self.fingerprint(&body, now);
                let status = match &cached {
                    None => CacheStatus::Miss,
                    Some(old) if old.fingerprint == fp => CacheStatus::Revalidated,
                    Some(_) => CacheStatus::Replaced,
                };
                store(&Entry {
                    url: url.to_string(),
                    etag,
                    last_modified,
                    fetched_at: wall,
                    fingerprint: fp,
                    body,
                });
                Ok((v, Some(status)))
            }
            Fetched::Status(s) => Err(LookupError::Http(format!(
                "the SMP answered HTTP {s} for {url}"
            ))),
        }
    }

    /// One GET; 404/410 become "no service", other non-200/304 statuses HTTP failures.
    fn get(&self, url: &str, validators: Option<&Entry>) -> Result<Fetched, LookupError> {
        let fetched = self
            .client
            .get(
                url,
                validators.and_then(|e| e.etag.as_deref()),
                validators.and_then(|e| e.last_modified.as_deref()),
            )
            .map_err(|e| LookupError::Http(e.to_string()))?;
        match fetched {
            Fetched::Status(s @ (404 | 410)) => Err(LookupError::NoService(format!(
                "the SMP answered {s} for {url}: the participant has no service for this document type"
            ))),
            Fetched::Status(s) => Err(LookupError::Http(format!(
                "the SMP answered HTTP {s} for {url}"
            ))),
            other => Ok(other),
        }
    }
}

type Verify<'a> = dyn Fn(&[u8]) -> Result<VerifiedServiceMetadata, Error> + 'a;

fn wall_clock() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
