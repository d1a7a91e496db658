//! `trustmeta`: verify signed trust metadata from the command line.
//!
//! Exit status: 0 verified, 1 rejected (anything wrong with the document), 2 usage or
//! I/O error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Parser, Subcommand};
use serde_json::{json, Value};
use trustmeta::{verify, DateTime, Error, Policy, TrustStore, VerificationReport};

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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Verify(args) => match run_verify(&args) {
            Ok(code) => code,
            Err(UsageError(msg)) => {
                if args.json {
                    println!(
                        "{}",
                        json!({"valid": false, "error": {"code": "usage", "message": msg}})
                    );
                } else {
                    eprintln!("trustmeta: {msg}");
                }
                ExitCode::from(2)
            }
        },
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
