//! `trustmeta smp lookup`: the hosted layer's SMP lookup (BDXL NAPTR for SMP 1.0 and 2.0,
//! falling back to the PEPPOL SML CNAME; HTTP(S); one redirect; an on-disk cache
//! revalidated with conditional requests), with its result printed.

use core::time::Duration;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use serde_json::{json, Value as Json};
use trustmeta::{
    DateTime, DocumentId, Error, ParticipantId, Policy, ProcessId, SmpApi, SmpQuestion,
    VerifiedServiceMetadata,
};
use trustmeta_hosted::http::ConnectTo;
use trustmeta_hosted::smp::{CacheStatus, LookupError, LookupOptions, SmpLookup, Trace};
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
    /// A DNS server to ask (IP or IP:PORT), instead of the nameservers of
    /// /etc/resolv.conf. Repeatable: each is asked, two at a time, over UDP then TCP.
    /// Host names of SMP URLs are then resolved through them too.
    #[arg(long, value_name = "IP:PORT")]
    resolver: Vec<String>,
    /// Keep fetched records in DIR and reuse them (created if missing); or on a Redis or
    /// Valkey server shared by every instance: redis://HOST[:PORT][/DB]. Cached records
    /// are verified again at every use.
    #[arg(long, value_name = "DIR|URL")]
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
    /// The SMP protocol of the request URL: `auto` (as the NAPTR record's service says:
    /// `Meta:SMP` for OASIS SMP 1.0 and PEPPOL, `oasis-bdxr-smp-2` for OASIS SMP 2.0 with
    /// /bdxr-smp-2/ paths; 1 for a CNAME), or 1 or 2 whatever the record says.
    #[arg(long = "smp-version", value_name = "auto|1|2", default_value = "auto",
          value_parser = ["auto", "1", "2"])]
    smp_version: String,
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
    /// Timeout of each HTTP request, in seconds (DNS: 2 s per attempt, 2 attempts per
    /// server, UDP then TCP).
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

pub(crate) fn run(args: &SmpLookupArgs) -> Result<ExitCode, UsageError> {
    let (result, trace) = match prepare(args) {
        Ok((lookup, question, now)) => lookup.lookup(&question, now),
        Err(e) => (Err(e), Trace::default()),
    };
    for w in &trace.warnings {
        eprintln!("trustmeta: warning: {w}");
    }
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
                    message: e.to_string(),
                    exit: exit(e),
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
        out.insert("smp_api".into(), json!(trace.api.map(SmpApi::name)));
        out.insert("cache".into(), json!(trace.cache.map(CacheStatus::name)));
        println!("{}", Json::Object(out));
    } else {
        match &result {
            Ok(v) => print_lookup(v, &trace),
            Err(LookupError::Usage(m)) => eprintln!("trustmeta: {m}"),
            Err(e) => println!("{}: {e} ({})", label(e), e.code()),
        }
    }
    Ok(match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => ExitCode::from(exit(&e)),
    })
}

/// 1 for a definite answer (not registered, no service, rejected), 2 for failures to
/// reach DNS or HTTP and for usage errors.
fn exit(e: &LookupError) -> u8 {
    if e.is_definite() {
        1
    } else {
        2
    }
}

fn label(e: &LookupError) -> &'static str {
    match e {
        LookupError::NotRegistered(_) => "not registered",
        LookupError::DnsFailure(_) => "DNS failure",
        LookupError::NoService(_) => "no service",
        LookupError::Http(_) => "HTTP failure",
        _ => "rejected",
    }
}

fn prepare(args: &SmpLookupArgs) -> Result<(SmpLookup, SmpQuestion, DateTime), LookupError> {
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
    let store = store_of(&args.trust, &args.intermediates, &args.crl.crls).map_err(from_usage)?;
    let now = now_or(args.at.as_deref()).map_err(from_usage)?;
    let policy = Policy {
        allow_sha1: args.allow_sha1,
        allow_stale_crl: args.crl.allow_stale_crl,
        min_rsa_bits: args.min_rsa_bits,
        ..Policy::default()
    };
    let mut options = LookupOptions::new(args.zone.clone());
    options.nameservers = args
        .resolver
        .iter()
        .map(|r| parse_resolver(r))
        .collect::<Result<_, _>>()?;
    options.connect_to = args
        .connect_to
        .iter()
        .map(|c| ConnectTo::parse(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(LookupError::Usage)?;
    options.cache_dir.clone_from(&args.cache);
    options.cache_ttl = Duration::from_secs(args.cache_ttl);
    options.timeout = Duration::from_secs(args.timeout.max(1));
    options.dns_timeout = options.dns_timeout.min(options.timeout);
    options.api = match args.smp_version.as_str() {
        "1" => Some(SmpApi::V1),
        "2" => Some(SmpApi::V2),
        _ => None,
    };
    // SmpLookup::new refuses only a DNS configuration or the cache folder; each is named
    // by the option that sets it.
    let lookup = SmpLookup::new(&options, store, policy).map_err(|e| match (e, &args.cache) {
        (LookupError::Usage(m), Some(dir)) if m.starts_with("the cache folder") => {
            LookupError::Usage(format!("--cache {}: {m}", dir.display()))
        }
        (LookupError::Usage(m), _) if args.resolver.is_empty() => {
            LookupError::Usage(format!("{m}; name a nameserver with --resolver IP:PORT"))
        }
        (e, _) => e,
    })?;
    Ok((lookup, question, now))
}

fn from_usage(e: UsageError) -> LookupError {
    LookupError::Usage(e.0)
}

fn parse_resolver(text: &str) -> Result<core::net::SocketAddr, LookupError> {
    trustmeta_hosted::dns::parse_nameserver(text).ok_or_else(|| {
        LookupError::Usage(format!(
            "--resolver {text:?}: write an IP address, optionally with a port (127.0.0.1:5353, [::1]:53)"
        ))
    })
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
    if let Some(api) = trace.api {
        println!(
            "  protocol:  SMP {}",
            match api {
                SmpApi::V2 => "2.0",
                _ => "1.0",
            }
        );
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
