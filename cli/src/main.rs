//! `trustmeta`: verify signed trust metadata from the command line.
//!
//! Exit status: 0 verified, 1 rejected (anything wrong with the document), 2 usage or
//! I/O error.

mod cache;
mod dns;
mod emrex;
mod hash_thread;
mod http;
mod metadata;
mod metadata_state;
mod ocsp;
mod read_ahead;
mod saml;
mod smp_lookup;
mod tsl;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Parser, Subcommand};
use serde_json::{json, Value};
use trustmeta::{
    bdxl_name, check_endpoint_certificates, sml_cname, verify, verify_service_group, verify_smp,
    verify_smp_extension_signatures, verify_smp_redirect_target, Certificate, DateTime, DocumentId,
    Endpoint, Error, IdentifierPolicy, ParticipantId, Policy, ProcessId, SmpQuestion, TrustStore,
    VerificationReport, VerifiedServiceMetadata,
};

#[derive(Parser)]
#[command(
    name = "trustmeta",
    version,
    about = "Verify signed trust metadata (XML-DSig) against trust anchors you name"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify the XML signature of FILE.
    Verify(VerifyArgs),
    /// SMP service metadata: verify a record, compute lookup names.
    #[command(subcommand)]
    Smp(SmpCommand),
    /// EMREX: list the NCPs of an EMREG registry list, verify ELMO result files.
    #[command(subcommand)]
    Emrex(emrex::EmrexCommand),
    /// ETSI trusted lists: verify one, map an OpenNCP list to SMP records.
    #[command(subcommand)]
    Tsl(tsl::TslCommand),
    /// OCSP (RFC 6960): verify a response about a certificate, build a request.
    #[command(subcommand)]
    Ocsp(ocsp::OcspCommand),
    /// SAML: verify responses and authentication requests (STORK, eIDAS).
    #[command(subcommand)]
    Saml(saml::SamlCommand),
    /// SAML metadata: verify federation aggregates (streamed when large).
    #[command(subcommand)]
    Metadata(metadata::MetadataCommand),
}

#[derive(Subcommand)]
enum SmpCommand {
    /// Verify a signed SMP ServiceMetadata record (OASIS SMP 1.0/2.0, PEPPOL) and print
    /// the endpoints that answer the question.
    Verify(SmpVerifyArgs),
    /// Verify an SMP ServiceGroup (the participant's list of document types). Unsigned
    /// groups are refused unless --allow-unsigned.
    #[command(name = "verify-group")]
    VerifyGroup(SmpVerifyGroupArgs),
    /// Print the DNS name under which PARTICIPANT's SMP is published: the BDXL (NAPTR)
    /// name, or with --cname the PEPPOL SML CNAME.
    Name(SmpNameArgs),
    /// Look a participant up end to end: DNS (BDXL NAPTR, else the PEPPOL SML CNAME),
    /// fetch its record for DOCUMENT over HTTP(S), verify it (one redirect at most), and
    /// print the endpoints. With --cache, records are kept on disk and revalidated.
    Lookup(smp_lookup::SmpLookupArgs),
}

#[derive(Parser)]
struct SmpVerifyArgs {
    /// A trusted certificate or public key (PEM or DER): the SMP's CA or its own
    /// certificate. Repeatable.
    #[arg(long = "trust", value_name = "CERT", required = true)]
    trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM, or one DER certificate). Repeatable.
    #[arg(long = "intermediate", value_name = "CERT")]
    intermediates: Vec<PathBuf>,
    /// The participant asked for, as scheme::value.
    #[arg(long, value_name = "ID")]
    participant: String,
    /// The document type asked for, as scheme::value.
    #[arg(long, value_name = "ID")]
    document: String,
    /// The process asked for, as scheme::value: the record must list it.
    #[arg(long, value_name = "ID")]
    process: Option<String>,
    /// The transport profile asked for: only its endpoints are returned.
    #[arg(long = "transport-profile", value_name = "PROFILE")]
    transport_profile: Option<String>,
    /// Verification time (RFC 3339), instead of the system clock.
    #[arg(long = "at", value_name = "RFC3339")]
    at: Option<String>,
    /// Accept legacy SHA-1 (still used by PEPPOL SMPs); the result reports it.
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Follow a redirect: FILE must verify and redirect; TARGET, the record fetched from
    /// its href, is verified for the same question and must be signed by the certificate
    /// the redirect names. The output is TARGET's.
    #[arg(long = "redirect-target", value_name = "TARGET")]
    redirect_target: Option<PathBuf>,
    /// Also verify the signatures inside Extension elements (the eHealth owner
    /// signature), each over the element it covers, against this anchor (PEM or DER; the
    /// owner's certificate or its CA). Repeatable. Reported as "owner_signatures"; the
    /// exit status is 1 if they fail.
    #[arg(long = "owner-trust", value_name = "CERT")]
    owner_trust: Vec<PathBuf>,
    /// Also check each active endpoint's certificate against this access-point anchor
    /// (PEM or DER; e.g. the PEPPOL AP CA). Repeatable. Each endpoint then reports
    /// "certificate_trusted" and "certificate_error" (the code); an untrusted endpoint
    /// certificate is reported, not an exit status.
    #[arg(long = "ap-trust", value_name = "CERT")]
    ap_trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates for --ap-trust paths. Repeatable.
    #[arg(long = "ap-intermediate", value_name = "CERT")]
    ap_intermediates: Vec<PathBuf>,
    /// The signed SMP record (with --redirect-target: the redirecting record).
    file: PathBuf,
}

#[derive(Parser)]
struct SmpVerifyGroupArgs {
    /// A trusted certificate or public key (PEM or DER): the SMP's CA or its own
    /// certificate. Repeatable.
    #[arg(long = "trust", value_name = "CERT", required = true)]
    trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM, or one DER certificate). Repeatable.
    #[arg(long = "intermediate", value_name = "CERT")]
    intermediates: Vec<PathBuf>,
    /// The participant asked for, as scheme::value.
    #[arg(long, value_name = "ID")]
    participant: String,
    /// Accept an unsigned group (most SMPs do not sign them; it then proves nothing
    /// about who published it).
    #[arg(long = "allow-unsigned")]
    allow_unsigned: bool,
    /// Verification time (RFC 3339), instead of the system clock.
    #[arg(long = "at", value_name = "RFC3339")]
    at: Option<String>,
    /// Accept legacy SHA-1.
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// The ServiceGroup.
    file: PathBuf,
}

#[derive(Parser)]
struct SmpNameArgs {
    /// The participant, as scheme::value.
    participant: String,
    /// The SML/BDXL zone, e.g. edelivery.tech.ec.europa.eu.
    #[arg(long, value_name = "ZONE")]
    zone: String,
    /// Print the PEPPOL SML CNAME (B-hex(MD5)) instead of the BDXL NAPTR name.
    #[arg(long)]
    cname: bool,
}

#[derive(Parser)]
struct VerifyArgs {
    /// A trusted certificate or public key (PEM, several per file allowed, or DER): the
    /// signer's own certificate or a CA that issued it. Repeatable.
    #[arg(long = "trust", value_name = "CERT", required = true)]
    trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM) that may complete a path. Repeatable.
    #[arg(long = "intermediate", value_name = "PEM")]
    intermediates: Vec<PathBuf>,
    /// Verification time (RFC 3339), instead of the system clock.
    #[arg(long = "at", value_name = "RFC3339")]
    at: Option<String>,
    /// Accept legacy SHA-1 (rsa-sha1, sha1 digests); the result reports it.
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// The signed XML document.
    file: PathBuf,
}

/// A usage or I/O problem: exit status 2.
struct UsageError(String);

/// A reader that went away (`trustmeta metadata list | head`) is not an error of ours:
/// `println!` panics when stdout is a closed pipe, so that one panic ends the process
/// quietly with the status a shell gives a process killed by SIGPIPE. Every other panic
/// is reported as before.
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    let cli = Cli::parse();
    let (result, json) = match cli.command {
        Command::Verify(args) => (run_verify(&args), args.json),
        Command::Smp(SmpCommand::Verify(args)) => (run_smp_verify(&args), args.json),
        Command::Smp(SmpCommand::VerifyGroup(args)) => (run_smp_verify_group(&args), args.json),
        Command::Smp(SmpCommand::Name(args)) => (run_smp_name(&args), false),
        Command::Smp(SmpCommand::Lookup(args)) => (smp_lookup::run(&args), false),
        Command::Emrex(cmd) => (emrex::run(&cmd), emrex::json_flag(&cmd)),
        Command::Tsl(cmd) => (tsl::run(&cmd), tsl::json_flag(&cmd)),
        Command::Ocsp(cmd) => (ocsp::run(&cmd), ocsp::json_flag(&cmd)),
        Command::Saml(cmd) => (saml::run(&cmd), saml::json_flag(&cmd)),
        Command::Metadata(cmd) => (metadata::run(&cmd), metadata::json_flag(&cmd)),
    };
    match result {
        Ok(code) => code,
        Err(UsageError(msg)) => {
            if json {
                println!(
                    "{}",
                    json!({"valid": false, "error": {"code": "usage", "message": msg}})
                );
            } else {
                eprintln!("trustmeta: {msg}");
            }
            ExitCode::from(2)
        }
    }
}

fn read(path: &PathBuf) -> Result<Vec<u8>, UsageError> {
    std::fs::read(path).map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))
}

fn now_or(at: Option<&str>) -> Result<DateTime, UsageError> {
    match at {
        Some(s) => DateTime::parse_rfc3339(s).map_err(|e| UsageError(format!("--at {s:?}: {e}"))),
        None => {
            let secs = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_err(|e| UsageError(e.to_string()))?
                .as_secs();
            Ok(DateTime::from_unix(i64::try_from(secs).unwrap_or(i64::MAX)))
        }
    }
}

fn run_verify(args: &VerifyArgs) -> Result<ExitCode, UsageError> {
    let mut store = TrustStore::new();
    for p in &args.trust {
        store
            .add_pem(&read(p)?)
            .map_err(|e| UsageError(format!("--trust {}: {e}", p.display())))?;
    }
    for p in &args.intermediates {
        store
            .add_intermediates_pem(&read(p)?)
            .map_err(|e| UsageError(format!("--intermediate {}: {e}", p.display())))?;
    }
    let now = now_or(args.at.as_deref())?;
    let xml = read(&args.file)?;
    let policy = Policy {
        allow_sha1: args.allow_sha1,
        min_rsa_bits: args.min_rsa_bits,
        ..Policy::default()
    };
    match verify(&xml, &store, &policy, now) {
        Ok(doc) => {
            let report = doc.report();
            if args.json {
                println!("{}", report_json(Ok(&report)));
            } else {
                print_report(&report);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if args.json {
                println!("{}", report_json(Err(&e)));
            } else {
                println!("rejected: {} ({})", e, e.code());
            }
            Ok(ExitCode::from(1))
        }
    }
}

fn report_json(r: Result<&VerificationReport, &Error>) -> Value {
    match r {
        Err(e) => json!({
            "valid": false,
            "error": {"code": e.code().as_str(), "message": e.to_string()},
            "signer": null, "algorithms": null, "references": [],
        }),
        Ok(r) => json!({
            "valid": true,
            "error": null,
            "signer": {
                "subject": r.signer.as_ref().map(|c| c.subject().to_string()),
                "sha256": r.signer.as_ref().map(|c| c.sha256_hex()),
                "key": r.signer_key.to_string(),
                "pinned": r.pinned,
            },
            "chain": r.chain.iter().map(|c| json!({"subject": c.subject(), "sha256": c.sha256_hex()})).collect::<Vec<_>>(),
            "algorithms": {
                "signature": r.signature_algorithm.uri(),
                "canonicalization": r.canonicalization.uri(),
                "digests": r.references.iter().map(|x| x.digest.uri()).collect::<Vec<_>>(),
            },
            "references": r.references.iter().map(|x| json!({"uri": x.uri, "element": x.element, "transforms": x.transforms})).collect::<Vec<_>>(),
            "legacy_algorithms": r.legacy_algorithms,
            "verified_at": r.verified_at.to_string(),
        }),
    }
}

fn print_report(r: &VerificationReport) {
    println!("verified");
    match &r.signer {
        Some(c) => println!(
            "  signer:    {}\n  sha256:    {}",
            c.subject(),
            c.sha256_hex()
        ),
        None => println!("  signer:    pinned {} key", r.signer_key),
    }
    println!(
        "  key:       {}{}",
        r.signer_key,
        if r.pinned { " (pinned)" } else { "" }
    );
    for c in r.chain.iter().skip(1) {
        println!("  issued by: {}", c.subject());
    }
    println!(
        "  algorithm: {} with {}",
        r.signature_algorithm.name(),
        r.canonicalization.uri()
    );
    for x in &r.references {
        println!(
            "  signed:    <{}> via URI {:?} ({}; {})",
            x.element,
            x.uri,
            x.digest.name(),
            x.transforms.join(", ")
        );
    }
    if !r.legacy_algorithms.is_empty() {
        println!(
            "  legacy:    {} (allowed by policy)",
            r.legacy_algorithms.join(", ")
        );
    }
    println!("  at:        {}", r.verified_at);
}

/// Pins the keys of the certificates in each `--trust-key` file, their validity
/// ignored (the SAML metadata interoperability profile trusts keys, not certificates).
fn add_trust_keys(store: &mut TrustStore, paths: &[PathBuf]) -> Result<(), UsageError> {
    for p in paths {
        let certs = TrustStore::from_pem(&read(p)?)
            .map_err(|e| UsageError(format!("--trust-key {}: {e}", p.display())))?;
        for cert in certs.certificates() {
            let key = cert.public_key().ok_or_else(|| {
                UsageError(format!("--trust-key {}: unsupported key", p.display()))
            })?;
            store.add_public_key(key.clone());
        }
    }
    Ok(())
}

fn store_of(trust: &[PathBuf], intermediates: &[PathBuf]) -> Result<TrustStore, UsageError> {
    let mut store = TrustStore::new();
    for p in trust {
        store
            .add_pem(&read(p)?)
            .map_err(|e| UsageError(format!("--trust {}: {e}", p.display())))?;
    }
    for p in intermediates {
        let bytes = read(p)?;
        if store.add_intermediates_pem(&bytes).is_err() {
            let cert = Certificate::from_der(&bytes)
                .map_err(|e| UsageError(format!("--intermediate {}: {e}", p.display())))?;
            store.add_intermediate(cert);
        }
    }
    Ok(store)
}

fn run_smp_verify(args: &SmpVerifyArgs) -> Result<ExitCode, UsageError> {
    let store = store_of(&args.trust, &args.intermediates)?;
    let id = |flag: &str, e: Error| UsageError(format!("--{flag}: {e}"));
    let question = SmpQuestion {
        participant: ParticipantId::parse(&args.participant)
            .map_err(|e| id("participant", e.into()))?,
        document: DocumentId::parse(&args.document).map_err(|e| id("document", e.into()))?,
        process: args
            .process
            .as_deref()
            .map(ProcessId::parse)
            .transpose()
            .map_err(|e| id("process", e.into()))?,
        transport_profile: args.transport_profile.clone(),
        identifiers: trustmeta::IdentifierPolicy::default(),
    };
    let now = now_or(args.at.as_deref())?;
    let xml = read(&args.file)?;
    let policy = Policy {
        allow_sha1: args.allow_sha1,
        min_rsa_bits: args.min_rsa_bits,
        ..Policy::default()
    };
    let ap_anchors = if args.ap_trust.is_empty() {
        None
    } else {
        Some(store_of(&args.ap_trust, &args.ap_intermediates)?)
    };
    let owners = if args.owner_trust.is_empty() {
        None
    } else {
        Some(store_of(&args.owner_trust, &[])?)
    };
    let mut result = verify_smp(&xml, &question, &store, &policy, now);
    // The record whose result is reported: FILE, or TARGET when following a redirect.
    let mut reported = xml;
    if let Some(target) = &args.redirect_target {
        let target = read(target)?;
        if let Ok(first) = &result {
            let Some(redirect) = first.redirect() else {
                return Err(UsageError(format!(
                    "--redirect-target: {} verified but is not a redirect",
                    args.file.display()
                )));
            };
            result = verify_smp_redirect_target(&target, &question, redirect, &store, &policy, now);
        }
        reported = target;
    }
    // Owner signatures are checked only in a record that verified.
    let owner_result = match (&owners, &result) {
        (Some(owners), Ok(_)) => Some(verify_smp_extension_signatures(
            &reported, owners, &policy, now,
        )),
        _ => None,
    };
    let endpoint_checks = match (&ap_anchors, &result) {
        (Some(ap), Ok(v)) => Some(check_endpoint_certificates(v.endpoints(), ap, &policy, now)),
        _ => None,
    };
    if args.json {
        let mut value = smp_json(result.as_ref());
        if let Some(endpoints) = value["endpoints"].as_array_mut() {
            for (i, e) in endpoints.iter_mut().enumerate() {
                let check = endpoint_checks.as_ref().and_then(|c| c.get(i));
                e["certificate_trusted"] = check.map_or(Value::Null, |c| json!(c.result.is_ok()));
                e["certificate_error"] = check
                    .and_then(|c| c.result.as_ref().err())
                    .map_or(Value::Null, |err| {
                        json!(Error::from(err.clone()).code().as_str())
                    });
            }
        }
        value["owner_signatures"] = match &owner_result {
            None => Value::Null,
            Some(Ok(sigs)) => json!({
                "valid": true,
                "error": null,
                "signatures": sigs.iter().map(|s| json!({
                    "covered_element": s.covered_element,
                    "signer": {
                        "subject": s.report.signer.as_ref().map(|c| c.subject().to_string()),
                        "sha256": s.report.signer.as_ref().map(Certificate::sha256_hex),
                    },
                    "legacy_algorithms": s.report.legacy_algorithms,
                })).collect::<Vec<_>>(),
            }),
            Some(Err(e)) => json!({
                "valid": false,
                "error": {"code": e.code().as_str(), "message": e.to_string()},
                "signatures": [],
            }),
        };
        println!("{value}");
    } else {
        match &result {
            Ok(v) => print_smp(v),
            Err(e) => println!("rejected: {} ({})", e, e.code()),
        }
        if let (Some(checks), Ok(v)) = (&endpoint_checks, &result) {
            for (c, e) in checks.iter().zip(v.endpoints()) {
                match &c.result {
                    Ok(_) => println!("  endpoint certificate {}: trusted (--ap-trust)", e.uri),
                    Err(err) => {
                        let err = Error::from(err.clone());
                        println!(
                            "  endpoint certificate {}: not trusted: {} ({})",
                            e.uri,
                            err,
                            err.code()
                        );
                    }
                }
            }
        }
        match &owner_result {
            None => {}
            Some(Ok(sigs)) => {
                for s in sigs {
                    let who = s
                        .report
                        .signer
                        .as_ref()
                        .map_or_else(|| "a pinned key".to_string(), |c| c.subject().to_string());
                    println!(
                        "  owner signature over {}: verified, signed by {who}",
                        s.covered_element
                    );
                }
            }
            Some(Err(e)) => println!("  owner signature: rejected: {} ({})", e, e.code()),
        }
    }
    let owners_ok = !matches!(owner_result, Some(Err(_)));
    Ok(if result.is_ok() && owners_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn endpoint_json(e: &Endpoint) -> Value {
    json!({
        "transport_profile": e.transport_profile,
        "uri": e.uri,
        "certificate": e.certificate().map(|c| c.sha256_hex()),
        "activation": e.activation.map(|t| t.to_string()),
        "expiration": e.expiration.map(|t| t.to_string()),
        "processes": e.processes.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn smp_json(r: Result<&VerifiedServiceMetadata, &Error>) -> Value {
    match r {
        Err(e) => json!({
            "valid": false,
            "error": {"code": e.code().as_str(), "message": e.to_string()},
            "endpoints": [], "filtered_endpoints": [], "redirect": null,
        }),
        Ok(v) => {
            let report = v.report();
            json!({
                "valid": true,
                "error": null,
                "version": v.version().name(),
                "participant": v.participant().map(ToString::to_string),
                "document": v.document().map(ToString::to_string),
                "signer": {
                    "subject": report.signer.as_ref().map(|c| c.subject().to_string()),
                    "sha256": report.signer.as_ref().map(Certificate::sha256_hex),
                },
                "endpoints": v.endpoints().iter().map(endpoint_json).collect::<Vec<_>>(),
                "filtered_endpoints": v.filtered_endpoints().iter().map(|f| {
                    let mut e = endpoint_json(&f.endpoint);
                    e["reason"] = json!(f.reason.code());
                    e["message"] = json!(f.reason.to_string());
                    e
                }).collect::<Vec<_>>(),
                "redirect": v.redirect().map(|r| json!({
                    "href": r.href,
                    "certificate_uid": r.certificate_uid,
                    "certificates": r.certificates.iter().map(|c| c.sha256_hex()).collect::<Vec<_>>(),
                })),
                "other_signatures": v.other_signatures(),
                "legacy_algorithms": report.legacy_algorithms,
                "verified_at": report.verified_at.to_string(),
            })
        }
    }
}

fn print_smp(v: &VerifiedServiceMetadata) {
    println!("verified ({})", v.version().name());
    let report = v.report();
    if let Some(c) = &report.signer {
        println!("  signer:    {}", c.subject());
    }
    if let Some(p) = v.participant() {
        println!("  participant: {p}");
    }
    if let Some(d) = v.document() {
        println!("  document:  {d}");
    }
    for e in v.endpoints() {
        println!("  endpoint:  {} {}", e.transport_profile, e.uri);
        if let Some(c) = e.certificate() {
            println!("    certificate sha256 {}", c.sha256_hex());
        }
    }
    for f in v.filtered_endpoints() {
        println!(
            "  filtered:  {} {}: {}",
            f.endpoint.transport_profile, f.endpoint.uri, f.reason
        );
    }
    if let Some(r) = v.redirect() {
        println!("  redirect:  {}", r.href);
        if let Some(uid) = &r.certificate_uid {
            println!("    signer must be {uid}");
        }
    }
    if v.other_signatures() > 0 {
        println!(
            "  other signatures (not verified): {}",
            v.other_signatures()
        );
    }
    if !report.legacy_algorithms.is_empty() {
        println!(
            "  legacy:    {} (allowed by policy)",
            report.legacy_algorithms.join(", ")
        );
    }
    println!("  at:        {}", report.verified_at);
}

fn run_smp_verify_group(args: &SmpVerifyGroupArgs) -> Result<ExitCode, UsageError> {
    let store = store_of(&args.trust, &args.intermediates)?;
    let participant = ParticipantId::parse(&args.participant)
        .map_err(|e| UsageError(format!("--participant: {}", Error::from(e))))?;
    let now = now_or(args.at.as_deref())?;
    let xml = read(&args.file)?;
    let policy = Policy {
        allow_sha1: args.allow_sha1,
        min_rsa_bits: args.min_rsa_bits,
        ..Policy::default()
    };
    let question = trustmeta::ServiceGroupQuestion {
        allow_unsigned: args.allow_unsigned,
        ..trustmeta::ServiceGroupQuestion::new(participant)
    };
    let result = verify_service_group(&xml, &question, &store, &policy, now);
    if args.json {
        let value = match &result {
            Err(e) => json!({
                "valid": false,
                "error": {"code": e.code().as_str(), "message": e.to_string()},
                "references": [],
            }),
            Ok(g) => {
                let signer = g.report().and_then(|r| r.signer.as_ref());
                json!({
                    "valid": true,
                    "error": null,
                    "version": g.version().name(),
                    "participant": g.participant().to_string(),
                    "signed": g.report().is_some(),
                    "signer": {
                        "subject": signer.map(|c| c.subject().to_string()),
                        "sha256": signer.map(Certificate::sha256_hex),
                    },
                    "references": g.references().iter().map(|r| json!({
                        "document": r.document.as_ref().map(ToString::to_string),
                        "href": r.href,
                    })).collect::<Vec<_>>(),
                    "other_signatures": g.other_signatures(),
                })
            }
        };
        println!("{value}");
    } else {
        match &result {
            Ok(g) => {
                match g.report() {
                    Some(r) => {
                        println!("verified ({})", g.version().name());
                        if let Some(c) = &r.signer {
                            println!("  signer:    {}", c.subject());
                        }
                    }
                    None => println!(
                        "unsigned, accepted by --allow-unsigned ({})",
                        g.version().name()
                    ),
                }
                println!("  participant: {}", g.participant());
                for r in g.references() {
                    match (&r.document, &r.href) {
                        (Some(d), _) => println!("  document:  {d}"),
                        (None, Some(h)) => println!("  reference: {h}"),
                        (None, None) => println!("  reference: (empty)"),
                    }
                }
            }
            Err(e) => println!("rejected: {} ({})", e, e.code()),
        }
    }
    Ok(if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run_smp_name(args: &SmpNameArgs) -> Result<ExitCode, UsageError> {
    let p = ParticipantId::parse(&args.participant)
        .map_err(|e| UsageError(format!("PARTICIPANT: {e}")))?;
    let ids = IdentifierPolicy::default();
    if args.cname {
        println!("{}", sml_cname(&p, &args.zone, &ids));
    } else {
        println!("{}", bdxl_name(&p, &args.zone, &ids));
    }
    Ok(ExitCode::SUCCESS)
}
