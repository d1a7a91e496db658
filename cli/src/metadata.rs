//! `trustmeta metadata …`: signed SAML metadata aggregates and entities.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use trustmeta::{
    verify_metadata, Error, MetadataProfile, MetadataStreamVerifier, Policy, VerifiedMetadata,
    STREAM_THRESHOLD,
};

use crate::{add_trust_keys, now_or, read, store_of, UsageError};

#[derive(Subcommand)]
pub(crate) enum MetadataCommand {
    /// Verify a signed metadata aggregate or entity (large files are streamed: memory
    /// stays flat), and print what it says about itself.
    Verify(VerifyArgs),
    /// Fetch an aggregate (HTTP(S) with a conditional GET, or a local file), verify it
    /// while it arrives, and replace the verified copy in a state directory only when the
    /// new one verifies and is newer. Exit 0 updated, 3 unchanged, 1 rejected (the old
    /// copy kept), 2 usage, I/O or network error (the old copy kept).
    Refresh(crate::metadata_state::RefreshArgs),
    /// Look an entity up in the verified copy of a state directory (not re-verified).
    /// Exit 0 found, 1 not found, 2 usage or I/O error.
    Entity(crate::metadata_state::EntityArgs),
    /// List the entities of the verified copy of a state directory.
    List(crate::metadata_state::ListArgs),
}

#[derive(Args)]
pub(crate) struct VerifyArgs {
    /// The federation's metadata signing certificate (PEM or DER), or a CA that issued
    /// it. Repeatable.
    #[arg(
        long = "trust",
        value_name = "CERT",
        required_unless_present = "trust_key"
    )]
    trust: Vec<PathBuf>,
    /// Trust only the key of this certificate (PEM), ignoring its validity period, as
    /// metadata consumers usually do with a federation's signing certificate. Repeatable.
    #[arg(long = "trust-key", value_name = "CERT")]
    trust_key: Vec<PathBuf>,
    /// Check the eToegang aggregate profile too.
    #[arg(long, value_name = "PROFILE", default_value = "generic")]
    profile: String,
    /// Verify as of this time (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Accept rsa-sha1 and SHA-1 digests (older federations).
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// The metadata file.
    file: PathBuf,
}

pub(crate) fn run(cmd: &MetadataCommand) -> Result<ExitCode, UsageError> {
    match cmd {
        MetadataCommand::Verify(a) => run_verify(a),
        MetadataCommand::Refresh(a) => crate::metadata_state::run_refresh(a),
        MetadataCommand::Entity(a) => crate::metadata_state::run_entity(a),
        MetadataCommand::List(a) => crate::metadata_state::run_list(a),
    }
}

pub(crate) fn json_flag(cmd: &MetadataCommand) -> bool {
    match cmd {
        MetadataCommand::Verify(a) => a.json,
        MetadataCommand::Refresh(a) => a.json,
        MetadataCommand::Entity(a) => a.json,
        MetadataCommand::List(a) => a.json,
    }
}

pub(crate) fn summary_json(v: &VerifiedMetadata) -> Value {
    let s = &v.summary;
    json!({
        "valid": true,
        "error": null,
        "root": s.root,
        "id": s.id,
        "name": s.name,
        "entity_id": s.entity_id,
        "etoegang": s.etoegang.as_ref().map(|n| json!({
            "version": n.version, "environment": n.environment.to_string(), "sequence": n.sequence,
        })),
        "valid_until": s.valid_until.map(|t| t.to_string()),
        "cache_duration": s.cache_duration.map(|d| json!({"months": d.months, "seconds": d.seconds})),
        "expires": s.expires.map(|t| t.to_string()),
        "publisher": s.publisher,
        "creation_instant": s.creation_instant.map(|t| t.to_string()),
        "entities": s.entities,
        "groups": s.groups,
        "nested_signatures": v.nested_signatures,
        "streamed": v.streamed,
        "signer": v.report.signer.as_ref().map(|c| json!({"subject": c.subject(), "sha256": c.sha256_hex()})),
        "signature_algorithm": v.report.signature_algorithm.uri(),
        "legacy_algorithms": v.report.legacy_algorithms,
    })
}

/// The trust store of `--trust` and `--trust-key`.
pub(crate) fn metadata_store(
    trust: &[PathBuf],
    trust_key: &[PathBuf],
) -> Result<trustmeta::TrustStore, UsageError> {
    let mut store = store_of(trust, &[])?;
    add_trust_keys(&mut store, trust_key)?;
    Ok(store)
}

/// `--profile`.
pub(crate) fn profile_of(name: &str) -> Result<MetadataProfile, UsageError> {
    match name {
        "generic" => Ok(MetadataProfile::Generic),
        "etoegang" => Ok(MetadataProfile::Etoegang),
        other => Err(UsageError(format!(
            "--profile {other:?}: expected generic or etoegang"
        ))),
    }
}

fn run_verify(a: &VerifyArgs) -> Result<ExitCode, UsageError> {
    let store = metadata_store(&a.trust, &a.trust_key)?;
    let profile = profile_of(&a.profile)?;
    let now = now_or(a.at.as_deref())?;
    let policy = Policy {
        allow_sha1: a.allow_sha1,
        min_rsa_bits: a.min_rsa_bits,
        ..Policy::default()
    };
    let io = |e: std::io::Error| UsageError(format!("cannot read {}: {e}", a.file.display()));
    let size = std::fs::metadata(&a.file).map_err(io)?.len();
    let result = if size > STREAM_THRESHOLD as u64 {
        // Large aggregates are never held in memory: read, canonicalize and digest as
        // the bytes arrive.
        // Reading and hashing run on threads of their own, beside the parsing.
        let f = std::fs::File::open(&a.file).map_err(io)?;
        let mut v = MetadataStreamVerifier::new(&store, &policy, now, profile)
            .hash_with(&crate::hash_thread::start);
        let mut failed: Option<Error> = None;
        for block in crate::read_ahead::blocks(f, 128 * 1024) {
            if let Err(e) = v.feed(&block.map_err(io)?) {
                failed = Some(e);
                break;
            }
        }
        match failed {
            Some(e) => Err(e),
            None => v.finish(),
        }
    } else {
        verify_metadata(&read(&a.file)?, &store, &policy, now, profile)
    };
    match result {
        Ok(v) => {
            if a.json {
                println!("{}", summary_json(&v));
            } else {
                let s = &v.summary;
                println!(
                    "verified: {} {}{}",
                    s.root,
                    s.name.as_deref().or(s.entity_id.as_deref()).unwrap_or("-"),
                    if v.streamed { " (streamed)" } else { "" }
                );
                println!("  entities:  {}", s.entities);
                for g in &s.groups {
                    println!("  group:     {g}");
                }
                if let Some(t) = s.valid_until {
                    println!("  valid to:  {t}");
                }
                if let Some(t) = s.expires {
                    println!("  refresh by: {t}");
                }
                if let (Some(p), Some(c)) = (&s.publisher, s.creation_instant) {
                    println!("  published: {c} by {p}");
                }
                if let Some(c) = &v.report.signer {
                    println!("  signer:    {} (sha256 {})", c.subject(), c.sha256_hex());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if a.json {
                println!(
                    "{}",
                    json!({"valid": false, "error": {"code": e.code().as_str(), "message": e.to_string()}})
                );
            } else {
                println!("rejected: {} ({})", e, e.code());
            }
            Ok(ExitCode::from(1))
        }
    }
}
