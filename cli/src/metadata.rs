//! `trustmeta metadata …`: signed SAML metadata aggregates and entities.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::Value as Json;
use trustmeta::{
    verify_metadata, Error, MetadataProfile, MetadataStreamVerifier, Policy, VerifiedMetadata,
    STREAM_THRESHOLD,
};
use trustmeta_table::{records, Describe, RecordDesc};

use crate::output::{self, Refusal};
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

pub(crate) fn json_form(cmd: &MetadataCommand) -> (bool, Option<&'static RecordDesc>) {
    match cmd {
        MetadataCommand::Verify(a) => (a.json, Some(&records::METADATA)),
        MetadataCommand::Refresh(a) => (a.json, Some(&records::METADATA)),
        MetadataCommand::Entity(a) => (a.json, Some(&records::METADATA_ENTITY)),
        MetadataCommand::List(a) => (a.json, None),
    }
}

/// The JSON object of verified metadata, as `verify` prints it and `state.json` keeps
/// it.
pub(crate) fn summary_json(v: &VerifiedMetadata) -> Json {
    Json::Object(output::object(&records::METADATA, Ok(&v.value())))
}

/// The trust store of `--trust` and `--trust-key`.
pub(crate) fn metadata_store(
    trust: &[PathBuf],
    trust_key: &[PathBuf],
) -> Result<trustmeta::TrustStore, UsageError> {
    let mut store = store_of(trust, &[], &[])?;
    add_trust_keys(&mut store, trust_key)?;
    Ok(store)
}

/// `--profile`.
pub(crate) fn profile_of(name: &str) -> Result<MetadataProfile, UsageError> {
    MetadataProfile::parse(name).ok_or_else(|| {
        UsageError(format!(
            "--profile must be one of {}, not {name:?}",
            MetadataProfile::NAMES.join(", ")
        ))
    })
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
    // Standard input is streamed: its size is not known in advance.
    let stdin = crate::is_stdin(&a.file);
    let size = match stdin {
        true => u64::MAX,
        false => std::fs::metadata(&a.file).map_err(io)?.len(),
    };
    let result = if size > STREAM_THRESHOLD as u64 {
        // Large aggregates are never held in memory: read, canonicalize and digest as
        // the bytes arrive.
        // Reading and hashing run on threads of their own, beside the parsing.
        let f: Box<dyn std::io::Read + Send> = match stdin {
            true => Box::new(std::io::stdin()),
            false => Box::new(std::fs::File::open(&a.file).map_err(io)?),
        };
        let mut v = MetadataStreamVerifier::new(&store, &policy, now, profile)
            .hash_with(&trustmeta_hosted::hash_thread::start);
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
    let result = result.map(|v| v.value()).map_err(Refusal::Core);
    Ok(output::emit(
        a.json,
        &records::METADATA,
        result.as_ref(),
        |_| {},
        |v| output::print_text("SAML metadata", v),
    ))
}
