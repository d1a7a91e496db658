//! `trustmeta smp lookup`: find a participant's SMP through DNS (BDXL NAPTR, falling
//! back to the PEPPOL SML CNAME), fetch its record for a document type over HTTP(S),
//! verify it (following at most one redirect), and print the endpoints; records are
//! cached on disk and revalidated with conditional requests.

use core::time::Duration;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use clap::Parser;
use serde_json::{json, Value as Json};
use trustmeta::{
    bdxl_name, select_naptr, sml_cname, smp1_url, smp2_url, verify, verify_smp,
    verify_smp_redirect_target, DateTime, DocumentId, Error, NaptrRecord, ParticipantId, Policy,
    ProcessId, SmpQuestion, TrustStore, VerifiedServiceMetadata,
};

use crate::cache::{self, Cache, Entry};
use crate::dns::{self, Answer, DnsError, Rdata, RecordType};
use crate::http::{Client, ConnectTo, Fetched};
use trustmeta_table::records::{self, SmpAnswer};
use trustmeta_table::{Describe, Value};

use crate::output::{self, Refusal};
use crate::{now_or, store_of, CrlArgs, UsageError};

/// Exit status 0: endpoints found and verified. 1: not registered, no matching service,
/// or the record was rejected. 2: DNS or HTTP failure, or a usage error.
#[derive(Parser)]
#[command(after_help = "\
Exit status: 0 verified endpoints printed; 1 participant not registered (lookup.not_registered), \
no matching SMP service (lookup.no_service, or the record has no endpoint for the question: \
smp.*), or the record was rejected (any other code); 2 DNS failure (lookup.dns_failure), \
HTTP failure (lookup.http_failure) or usage error.

Example:
  trustmeta smp lookup iso6523-actorid-upis::0088:5798000000001 \\
    'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1' \\
    --zone edelivery.tech.ec.europa.eu --trust smp-ca.pem --cache ~/.cache/trustmeta-smp")]
pub(crate) struct SmpLookupArgs {
    /// The participant, as scheme::value (e.g. iso6523-actorid-upis::0088:123ABC).
    participant: String,
    /// The document type, as scheme::value.
    document: String,
    /// The SML/BDXL zone the participant is registered in, e.g.
    /// edelivery.tech.ec.europa.eu or acc.edelivery.tech.ec.europa.eu.
    #[arg(long, value_name = "ZONE")]
    zone: String,
    /// A trusted certificate (PEM or DER) for SMP signatures: the SMP CA of the network,
    /// kept apart from TLS anchors. Repeatable.
    #[arg(long = "trust", value_name = "CERT", required = true)]
    trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM, or one DER certificate). Repeatable.
    #[arg(long = "intermediate", value_name = "CERT")]
    intermediates: Vec<PathBuf>,
    #[command(flatten)]
    crl: CrlArgs,
    /// The DNS server to ask (IP or IP:PORT), instead of the first nameserver of
    /// /etc/resolv.conf. Host names of SMP URLs are then resolved through it too.
    #[arg(long, value_name = "IP:PORT")]
    resolver: Option<String>,
    /// Keep fetched records in DIR and reuse them (created if missing).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// How long a cached record is used without asking the SMP again; after that it is
    /// revalidated with a conditional request.
    #[arg(long = "cache-ttl", value_name = "SECONDS", default_value_t = 3600)]
    cache_ttl: u64,
    /// The process asked for, as scheme::value: the record must list it.
    #[arg(long, value_name = "ID")]
    process: Option<String>,
    /// The transport profile asked for: only its endpoints are returned.
    #[arg(long = "transport-profile", value_name = "PROFILE")]
    transport_profile: Option<String>,
    /// The SMP protocol of the request URL: 1 (OASIS SMP 1.0, PEPPOL) or 2 (OASIS SMP 2.0,
    /// /bdxr-smp-2/ paths).
    #[arg(long = "smp-version", value_name = "1|2", default_value_t = 1,
          value_parser = clap::value_parser!(u8).range(1..=2))]
    smp_version: u8,
    /// Verification time (RFC 3339), instead of the system clock. The cache's time to
    /// live always follows the system clock.
    #[arg(long = "at", value_name = "RFC3339")]
    at: Option<String>,
    /// Accept legacy SHA-1 (still used by PEPPOL SMPs); the result reports it.
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Timeout of each HTTP request, in seconds (DNS: 2 s per attempt, 3 attempts).
    #[arg(long, value_name = "SECONDS", default_value_t = 20)]
    timeout: u64,
    /// Send requests for HOST:PORT to CONNECT-HOST:CONNECT-PORT instead (as curl's
    /// option; TLS still checks HOST). For tests and for reaching an SMP through a
    /// tunnel. Repeatable.
    #[arg(
        long = "connect-to",
        value_name = "HOST:PORT:CONNECT-HOST:CONNECT-PORT"
    )]
    connect_to: Vec<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

/// How the record was obtained, with `--cache`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CacheStatus {
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
    fn name(self) -> &'static str {
        match self {
            CacheStatus::Hit => "hit",
            CacheStatus::Miss => "miss",
            CacheStatus::Revalidated => "revalidated",
            CacheStatus::Replaced => "replaced",
        }
    }
}

/// Why a lookup ended without endpoints.
enum LookupError {
    /// Neither the BDXL nor the CNAME name exists: exit 1.
    NotRegistered(String),
    /// DNS did not answer usably: exit 2.
    DnsFailure(String),
    /// The SMP has no record for the document (404/410): exit 1.
    NoService(String),
    /// HTTP failed (network, TLS, 5xx, oversized body): exit 2.
    Http(String),
    /// The record did not verify or does not answer the question: exit 1.
    Rejected(Error),
    /// Bad arguments: exit 2.
    Usage(String),
}

impl LookupError {
    fn code(&self) -> &'static str {
        match self {
            LookupError::NotRegistered(_) => "lookup.not_registered",
            LookupError::DnsFailure(_) => "lookup.dns_failure",
            LookupError::NoService(_) => "lookup.no_service",
            LookupError::Http(_) => "lookup.http_failure",
            LookupError::Rejected(e) => e.code().as_str(),
            LookupError::Usage(_) => "usage",
        }
    }

    fn message(&self) -> String {
        match self {
            LookupError::NotRegistered(m)
            | LookupError::DnsFailure(m)
            | LookupError::NoService(m)
            | LookupError::Http(m)
            | LookupError::Usage(m) => m.clone(),
            LookupError::Rejected(e) => e.to_string(),
        }
    }

    fn exit(&self) -> u8 {
        match self {
            LookupError::NotRegistered(_)
            | LookupError::NoService(_)
            | LookupError::Rejected(_) => 1,
            LookupError::DnsFailure(_) | LookupError::Http(_) | LookupError::Usage(_) => 2,
        }
    }
}

impl From<UsageError> for LookupError {
    fn from(e: UsageError) -> Self {
        LookupError::Usage(e.0)
    }
}

/// Where DNS sent us.
struct Discovery {
    name: String,
    record_type: &'static str,
    base: String,
}

/// What the run found out so far, for the JSON output of a failure too.
#[derive(Default)]
struct Trace {
    dns: Option<(String, &'static str)>,
    smp_url: Option<String>,
    redirected_from: Option<String>,
    cache: Option<CacheStatus>,
}

struct Context {
    question: SmpQuestion,
    store: TrustStore,
    policy: Policy,
    now: DateTime,
    client: Client,
    cache: Option<Cache>,
    ttl: u64,
}

pub(crate) fn run(args: &SmpLookupArgs) -> Result<ExitCode, UsageError> {
    let mut trace = Trace::default();
    let result = lookup(args, &mut trace);
    if args.json {
        let value;
        let refusal;
        let shown: Result<&Value, &Refusal> = match &result {
            Ok(v) => {
                value = SmpAnswer {
                    verified: v.clone(),
                    checks: None,
                }
                .value();
                Ok(&value)
            }
            Err(LookupError::Rejected(e)) => {
                refusal = Refusal::Core(e.clone());
                Err(&refusal)
            }
            Err(e) => {
                refusal = Refusal::Other {
                    code: e.code().to_string(),
                    message: e.message().to_string(),
                    exit: e.exit(),
                };
                Err(&refusal)
            }
        };
        let mut out = output::object(&records::SERVICE_METADATA, shown);
        out.insert("smp_url".into(), json!(trace.smp_url));
        out.insert("redirected_from".into(), json!(trace.redirected_from));
        out.insert(
            "dns".into(),
            trace
                .dns
                .as_ref()
                .map_or(Json::Null, |(n, t)| json!({"name": n, "record_type": t})),
        );
        out.insert("cache".into(), json!(trace.cache.map(CacheStatus::name)));
        println!("{}", Json::Object(out));
    } else {
        match &result {
            Ok(v) => print_lookup(v, &trace),
            Err(LookupError::Usage(m)) => eprintln!("trustmeta: {m}"),
            Err(e) => println!("{}: {} ({})", label(e), e.message(), e.code()),
        }
    }
    Ok(match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => ExitCode::from(e.exit()),
    })
}

fn label(e: &LookupError) -> &'static str {
    match e {
        LookupError::NotRegistered(_) => "not registered",
        LookupError::DnsFailure(_) => "DNS failure",
        LookupError::NoService(_) => "no service",
        LookupError::Http(_) => "HTTP failure",
        LookupError::Rejected(_) | LookupError::Usage(_) => "rejected",
    }
}

fn lookup(args: &SmpLookupArgs, trace: &mut Trace) -> Result<VerifiedServiceMetadata, LookupError> {
    let usage = |flag: &str, e: Error| LookupError::Usage(format!("{flag}: {e}"));
    let participant =
        ParticipantId::parse(&args.participant).map_err(|e| usage("PARTICIPANT", e.into()))?;
    let question = SmpQuestion {
        document: DocumentId::parse(&args.document).map_err(|e| usage("DOCUMENT", e.into()))?,
        process: args
            .process
            .as_deref()
            .map(ProcessId::parse)
            .transpose()
            .map_err(|e| usage("--process", e.into()))?,
        transport_profile: args.transport_profile.clone(),
        participant,
        identifiers: trustmeta::IdentifierPolicy::default(),
    };
    let store = store_of(&args.trust, &args.intermediates, &args.crl.crls)?;
    let now = now_or(args.at.as_deref())?;
    let policy = Policy {
        allow_sha1: args.allow_sha1,
        allow_stale_crl: args.crl.allow_stale_crl,
        min_rsa_bits: args.min_rsa_bits,
        ..Policy::default()
    };
    let server = match &args.resolver {
        Some(text) => parse_resolver(text)?,
        None => dns::system_nameserver().ok_or_else(|| {
            LookupError::Usage(
                "no nameserver in /etc/resolv.conf; name one with --resolver IP:PORT".to_string(),
            )
        })?,
    };
    let resolver = dns::Resolver::new(server);
    let connect_to = args
        .connect_to
        .iter()
        .map(|c| ConnectTo::parse(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(LookupError::Usage)?;
    let cache = match &args.cache {
        Some(dir) => Some(
            Cache::open(dir)
                .map_err(|e| LookupError::Usage(format!("--cache {}: {e}", dir.display())))?,
        ),
        None => None,
    };
    let client = Client::new(
        args.resolver.is_some().then(|| resolver.clone()),
        connect_to,
        Duration::from_secs(args.timeout.max(1)),
        policy.limits.max_input_bytes,
    );

    let found = discover(&resolver, &question.participant, &args.zone)?;
    trace.dns = Some((found.name.clone(), found.record_type));
    let url = if args.smp_version == 2 {
        smp2_url(&found.base, &question.participant, Some(&question.document))
    } else {
        smp1_url(&found.base, &question.participant, Some(&question.document))
    };
    trace.smp_url = Some(url.clone());
    let cx = Context {
        question,
        store,
        policy,
        now,
        client,
        cache,
        ttl: args.cache_ttl,
    };
    let (first, status) = fetch_verified(&cx, &url, &|xml| {
        verify_smp(xml, &cx.question, &cx.store, &cx.policy, cx.now)
    })?;
    trace.cache = status;
    let Some(redirect) = first.redirect().cloned() else {
        return Ok(first);
    };
    trace.redirected_from = Some(url);
    trace.smp_url = Some(redirect.href.clone());
    let (target, status) = fetch_verified(&cx, &redirect.href, &|xml| {
        verify_smp_redirect_target(xml, &cx.question, &redirect, &cx.store, &cx.policy, cx.now)
    })?;
    trace.cache = status;
    Ok(target)
}

fn parse_resolver(text: &str) -> Result<core::net::SocketAddr, LookupError> {
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    text.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<core::net::IpAddr>()
        .map(|ip| core::net::SocketAddr::new(ip, 53))
        .map_err(|_| {
            LookupError::Usage(format!(
                "--resolver {text:?}: write an IP address, optionally with a port (127.0.0.1:5353, [::1]:53)"
            ))
        })
}

/// BDXL first (NAPTR at the base32 SHA-256 name), then the PEPPOL SML CNAME name.
fn discover(
    resolver: &dns::Resolver,
    participant: &ParticipantId,
    zone: &str,
) -> Result<Discovery, LookupError> {
    let ids = &trustmeta::IdentifierPolicy::default();
    let dns_failure = |name: &str, rtype: RecordType, e: DnsError| {
        LookupError::DnsFailure(format!("{} {name}: {e}", rtype.name()))
    };
    let naptr_name = bdxl_name(participant, zone, ids);
    let naptr_state = match resolver
        .query(&naptr_name, RecordType::Naptr)
        .map_err(|e| dns_failure(&naptr_name, RecordType::Naptr, e))?
    {
        Answer::Records(records) => {
            let naptrs: Vec<&dns::Naptr> = dns::records_for(&records, &naptr_name)
                .into_iter()
                .filter_map(|r| match &r.data {
                    Rdata::Naptr(n) => Some(n),
                    _ => None,
                })
                .collect();
            let views: Vec<NaptrRecord<'_>> = naptrs
                .iter()
                .map(|n| NaptrRecord {
                    order: n.order,
                    preference: n.preference,
                    flags: &n.flags,
                    service: &n.service,
                    regexp: &n.regexp,
                    replacement: &n.replacement,
                })
                .collect();
            if let Some(base) = select_naptr(&views) {
                return Ok(Discovery {
                    name: naptr_name,
                    record_type: "NAPTR",
                    base,
                });
            }
            "has no U Meta:SMP NAPTR record with a plain URL"
        }
        Answer::NoData => "has no NAPTR record",
        Answer::NxDomain => "does not exist",
    };
    let cname = sml_cname(participant, zone, ids);
    let mut state = "does not exist";
    for rtype in [RecordType::A, RecordType::Aaaa] {
        match resolver
            .query(&cname, rtype)
            .map_err(|e| dns_failure(&cname, rtype, e))?
        {
            Answer::Records(records) if !dns::records_for(&records, &cname).is_empty() => {
                let is_cname = dns::records_for(&records, &cname)
                    .iter()
                    .any(|r| matches!(r.data, Rdata::Cname(_)));
                return Ok(Discovery {
                    base: format!("http://{cname}"),
                    record_type: if is_cname { "CNAME" } else { rtype.name() },
                    name: cname,
                });
            }
            Answer::NxDomain => break,
            Answer::Records(_) | Answer::NoData => state = "has no CNAME or address record",
        }
    }
    Err(LookupError::NotRegistered(format!(
        "{participant} is not registered in {zone}: {naptr_name} {naptr_state}, and {cname} {state}"
    )))
}

fn wall_clock() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// SHA-256 of the signed content: the canonical form (Exclusive C14N) of the element the
/// signature covers, the signature itself left out. Re-signing or re-serializing the same
/// record gives the same fingerprint; any change to what is signed gives another.
fn fingerprint(cx: &Context, xml: &[u8]) -> String {
    // Called only on bytes verify_smp accepted; the generic verifier then accepts them
    // too, and hashing the raw bytes is only a fallback should that ever differ.
    verify(xml, &cx.store, &cx.policy, cx.now)
        .ok()
        .and_then(|doc| {
            doc.signed_elements()
                .next()
                .map(|e| cache::sha256_hex(&e.canonical_xml()))
        })
        .unwrap_or_else(|| cache::sha256_hex(xml))
}

type Verify<'a> = dyn Fn(&[u8]) -> Result<VerifiedServiceMetadata, Error> + 'a;

/// Gets the record at `url` from the cache or the network and verifies it with `check`.
/// The cache only ever receives records that verified.
fn fetch_verified(
    cx: &Context,
    url: &str,
    check: &Verify<'_>,
) -> Result<(VerifiedServiceMetadata, Option<CacheStatus>), LookupError> {
    let Some(cache) = &cx.cache else {
        return match get(cx, url, None)? {
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
        let fresh = wall.saturating_sub(entry.fetched_at) < cx.ttl;
        if fresh {
            // Certificates and endpoint dates move on even when the bytes do not.
            if let Ok(v) = check(&entry.body) {
                return Ok((v, Some(CacheStatus::Hit)));
            }
        } else {
            conditional = Some(entry);
        }
    }
    let store = |entry: &Entry| {
        if let Err(e) = cache.store(entry) {
            eprintln!("trustmeta: warning: cannot write the cache entry for {url}: {e}");
        }
    };
    match get(cx, url, conditional)? {
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
            let fp = fingerprint(cx, &body);
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
fn get(cx: &Context, url: &str, validators: Option<&Entry>) -> Result<Fetched, LookupError> {
    let fetched = cx
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

fn print_lookup(v: &VerifiedServiceMetadata, trace: &Trace) {
    println!("verified ({})", v.version().name());
    if let Some((name, rtype)) = &trace.dns {
        println!("  dns:       {rtype} {name}");
    }
    if let Some(from) = &trace.redirected_from {
        println!("  redirected from {from}");
    }
    if let Some(url) = &trace.smp_url {
        println!("  smp:       {url}");
    }
    if let Some(c) = trace.cache {
        println!("  cache:     {}", c.name());
    }
    if let Some(c) = &v.report().signer {
        println!("  signer:    {}", c.subject());
    }
    for e in v.endpoints() {
        println!("  endpoint:  {} {}", e.transport_profile, e.uri);
        match e.certificate() {
            Some(c) => println!("    certificate sha256 {}", c.sha256_hex()),
            None => println!("    certificate: none published"),
        }
        let date = |d: Option<DateTime>| d.map_or_else(|| "-".to_string(), |t| t.to_string());
        println!(
            "    active    {} to {}",
            date(e.activation),
            date(e.expiration)
        );
    }
    for f in v.filtered_endpoints() {
        println!(
            "  filtered:  {} {}: {}",
            f.endpoint.transport_profile, f.endpoint.uri, f.reason
        );
    }
    if !v.report().legacy_algorithms.is_empty() {
        println!(
            "  legacy:    {} (allowed by policy)",
            v.report().legacy_algorithms.join(", ")
        );
    }
    println!("  at:        {}", v.report().verified_at);
}
