//! `trustmeta tsl …`: ETSI trusted lists and their OpenNCP mapping to SMP.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use trustmeta::{
    to_smp, verify_tsl, Certificate, Error, OpenNcpList, Policy, SmpOutputFormat, VerifiedTsl,
};

use crate::{now_or, read, store_of, UsageError};

#[derive(Subcommand)]
pub(crate) enum TslCommand {
    /// Verify a signed ETSI trusted list (XAdES, TS 119 612 / TS 102 231) against the
    /// certificates you name, and print what it lists.
    Verify(TslVerifyArgs),
    /// Verify an OpenNCP NCP configuration list and write one SMP ServiceMetadata per
    /// service into DIR (the community's tsl2smp mapping, with its two defects fixed).
    #[command(name = "to-smp")]
    ToSmp(TslToSmpArgs),
}

#[derive(Args)]
pub(crate) struct TrustArgs {
    /// A trusted certificate (PEM or DER): the list's signing certificate or the CA that
    /// issued it, from an authentic source (for the EU list of lists, the Official
    /// Journal) — never the list itself. Repeatable.
    #[arg(long = "trust", value_name = "CERT", required = true)]
    trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM, or one DER certificate). Repeatable.
    #[arg(long = "intermediate", value_name = "CERT")]
    intermediates: Vec<PathBuf>,
    /// Accept rsa-sha1 and SHA-1 digests (legacy lists).
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Verify as of this time (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
}

#[derive(Args)]
pub(crate) struct TslVerifyArgs {
    #[command(flatten)]
    trust: TrustArgs,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// The trusted list (XML).
    file: PathBuf,
}

#[derive(Args)]
pub(crate) struct TslToSmpArgs {
    #[command(flatten)]
    trust: TrustArgs,
    /// Where to write the records (created if missing; existing files of the same name
    /// are replaced).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The SMP vocabulary: oasis-smp1 (OASIS SMP 1.0) or busdox (PEPPOL, as the OpenNCP
    /// stylesheet wrote).
    #[arg(long, value_name = "FORMAT", default_value = "oasis-smp1")]
    format: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// The OpenNCP NCP configuration list (XML).
    file: PathBuf,
}

pub(crate) fn run(cmd: &TslCommand) -> Result<ExitCode, UsageError> {
    match cmd {
        TslCommand::Verify(a) => run_verify(a),
        TslCommand::ToSmp(a) => run_to_smp(a),
    }
}

pub(crate) fn json_flag(cmd: &TslCommand) -> bool {
    match cmd {
        TslCommand::Verify(a) => a.json,
        TslCommand::ToSmp(a) => a.json,
    }
}

fn verify_file(t: &TrustArgs, file: &PathBuf) -> Result<Result<VerifiedTsl, Error>, UsageError> {
    let store = store_of(&t.trust, &t.intermediates)?;
    let now = now_or(t.at.as_deref())?;
    let xml = read(file)?;
    let policy = Policy {
        allow_sha1: t.allow_sha1,
        min_rsa_bits: t.min_rsa_bits,
        ..Policy::default()
    };
    Ok(verify_tsl(&xml, &store, &policy, now))
}

fn error_json(e: &Error) -> Value {
    json!({"code": e.code().as_str(), "message": e.to_string()})
}

fn cert_json(c: &Certificate) -> Value {
    json!({"subject": c.subject(), "sha256": c.sha256_hex(),
           "not_after": c.not_after().to_string()})
}

fn list_json(v: &VerifiedTsl) -> Value {
    let l = &v.list;
    let s = &l.scheme;
    let r = &v.report;
    let openncp = OpenNcpList::new(l).ok().map(|o| {
        json!({
            "country": o.country,
            "services": o.services.iter().map(|s| json!({
                "face": s.face.name(), "role": s.role.name(), "status": s.service.status,
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "valid": true,
        "error": null,
        "id": l.id,
        "territory": s.territory,
        "version": s.version,
        "sequence_number": s.sequence_number,
        "tsl_type": s.tsl_type,
        "operator": s.operator_names.first().map(|n| n.text.clone()),
        "issued": s.issued.to_string(),
        "next_update": s.next_update.map(|t| t.to_string()),
        "signing_time": v.signing_time.map(|t| t.to_string()),
        "signer": r.signer.as_ref().map(cert_json),
        "legacy_algorithms": r.legacy_algorithms,
        "pointers": s.pointers.iter().map(|p| json!({
            "location": p.location, "territory": p.territory, "mime_type": p.mime_type,
            "certificates": p.certificates.iter().map(cert_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "providers": l.providers.iter().map(|p| json!({
            "name": p.name(),
            "services": p.services.iter().map(|s| json!({
                "type": s.type_identifier,
                "name": s.name(),
                "status": s.status,
                "status_starting_time": s.status_starting_time.to_string(),
                "supply_points": s.supply_points,
                "certificates": s.certificates().map(cert_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "openncp": openncp,
    })
}

fn reject(json: bool, e: &Error) -> ExitCode {
    if json {
        println!("{}", json!({"valid": false, "error": error_json(e)}));
    } else {
        println!("rejected: {} ({})", e, e.code());
    }
    ExitCode::from(1)
}

fn run_verify(a: &TslVerifyArgs) -> Result<ExitCode, UsageError> {
    let v = match verify_file(&a.trust, &a.file)? {
        Ok(v) => v,
        Err(e) => return Ok(reject(a.json, &e)),
    };
    if a.json {
        println!("{}", list_json(&v));
        return Ok(ExitCode::SUCCESS);
    }
    let s = &v.list.scheme;
    println!(
        "verified: trusted list {} (sequence {}, version {})",
        s.territory, s.sequence_number, s.version
    );
    println!("  type:        {}", s.tsl_type);
    if let Some(op) = s.operator_names.first() {
        println!("  operator:    {}", op.text);
    }
    println!("  issued:      {}", s.issued);
    if let Some(next) = s.next_update {
        println!("  next update: {next}");
    }
    if let Some(c) = v.signer() {
        println!("  signer:      {} (sha256 {})", c.subject(), c.sha256_hex());
    }
    if !v.report.legacy_algorithms.is_empty() {
        println!(
            "  legacy:      {} (allowed by policy)",
            v.report.legacy_algorithms.join(", ")
        );
    }
    if !s.pointers.is_empty() {
        println!("  pointers:    {}", s.pointers.len());
        for p in &s.pointers {
            println!(
                "    {}\t{}\t{} certificate(s)",
                p.territory.as_deref().unwrap_or("-"),
                p.location,
                p.certificates.len()
            );
        }
    }
    for p in &v.list.providers {
        println!("  provider:    {}", p.name());
        for svc in &p.services {
            let status = svc.status.rsplit('/').next().unwrap_or(&svc.status);
            println!("    {}\t{}\t{}", svc.type_identifier, status, svc.name());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a reader never
/// sees half a record.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), UsageError> {
    let tmp = path.with_extension("xml.tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))
}

fn run_to_smp(a: &TslToSmpArgs) -> Result<ExitCode, UsageError> {
    let format = SmpOutputFormat::parse(&a.format).ok_or_else(|| {
        UsageError(format!(
            "--format {:?}: expected oasis-smp1 or busdox",
            a.format
        ))
    })?;
    let v = match verify_file(&a.trust, &a.file)? {
        Ok(v) => v,
        Err(e) => return Ok(reject(a.json, &e)),
    };
    // The whole mapping succeeds before anything is written.
    let records = match to_smp(&v, format) {
        Ok(r) => r,
        Err(e) => return Ok(reject(a.json, &e.into())),
    };
    std::fs::create_dir_all(&a.out)
        .map_err(|e| UsageError(format!("cannot create {}: {e}", a.out.display())))?;
    for r in &records {
        write_atomically(&a.out.join(&r.file_name), r.xml.as_bytes())?;
    }
    if a.json {
        println!(
            "{}",
            json!({
                "valid": true,
                "error": null,
                "territory": v.list.scheme.territory,
                "sequence_number": v.list.scheme.sequence_number,
                "format": a.format,
                "records": records.iter().map(|r| json!({
                    "file": a.out.join(&r.file_name).display().to_string(),
                    "participant": r.participant, "document": r.document,
                    "process": r.process, "endpoints": r.endpoints,
                })).collect::<Vec<_>>(),
            })
        );
    } else {
        println!(
            "verified: trusted list {} (sequence {}); {} SMP record(s) in {}",
            v.list.scheme.territory,
            v.list.scheme.sequence_number,
            records.len(),
            a.out.display()
        );
        for r in &records {
            println!("  {}\t{}\t{}", r.file_name, r.document, r.process);
        }
    }
    Ok(ExitCode::SUCCESS)
}
