//! `trustmeta tsl …`: ETSI trusted lists and their OpenNCP mapping to SMP.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;
use trustmeta_table::ops::{self, ArgValue, Call, OpError, Output};
use trustmeta_table::{records, to_json, RecordDesc, Value};

use crate::output::{self, Refusal};
use crate::{read, set, set_policy, store_of, value_of, CrlArgs, UsageError};
use trustmeta_hosted::safe_write;

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
    #[command(flatten)]
    crl: CrlArgs,
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

pub(crate) fn json_form(cmd: &TslCommand) -> (bool, Option<&'static RecordDesc>) {
    match cmd {
        TslCommand::Verify(a) => (a.json, Some(&records::TSL)),
        TslCommand::ToSmp(a) => (a.json, None),
    }
}

fn verify_file(t: &TrustArgs, file: &PathBuf) -> Result<Result<Output, Refusal>, UsageError> {
    let store = store_of(&t.trust, &t.intermediates, &t.crl.crls)?;
    let xml = read(file)?;
    let mut call = Call::new(&ops::VERIFY_TSL);
    set(&mut call, "xml", ArgValue::Bytes(&xml))?;
    set(&mut call, "store", ArgValue::Store(&store))?;
    set_policy(
        &mut call,
        t.at.as_deref(),
        t.allow_sha1,
        t.crl.allow_stale_crl,
        t.min_rsa_bits,
    )?;
    match output::run(call) {
        Err(Refusal::Usage(msg)) => Err(UsageError(msg)),
        r => Ok(r),
    }
}

fn run_verify(a: &TslVerifyArgs) -> Result<ExitCode, UsageError> {
    let result = value_of(verify_file(&a.trust, &a.file)?);
    Ok(output::emit(
        a.json,
        &records::TSL,
        result.as_ref(),
        |_| {},
        |v| output::print_text("trusted list", v),
    ))
}

/// Writes `bytes` to `path` so that a reader never sees half a record and nothing
/// planted in the output folder is written through.
fn write_record(path: &Path, bytes: &[u8]) -> Result<(), UsageError> {
    safe_write::write(path, bytes)
        .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))
}

fn run_to_smp(a: &TslToSmpArgs) -> Result<ExitCode, UsageError> {
    // The whole mapping succeeds before anything is written.
    let mapped = match verify_file(&a.trust, &a.file)? {
        Ok(Output::Tsl(list, held)) => match ops::tsl_to_smp(&held, &a.format) {
            Ok(records) => Ok((list, records)),
            Err(OpError::Arg(e)) => return Err(UsageError(output::usage(&e))),
            Err(OpError::Core(e)) => Err(Refusal::Core(e)),
        },
        Ok(_) => Ok((Value::Null, Value::List(Vec::new()))),
        Err(e) => Err(e),
    };
    let mut files = Vec::new();
    if let Ok((_, Value::List(records))) = &mapped {
        std::fs::create_dir_all(&a.out)
            .map_err(|e| UsageError(format!("cannot create {}: {e}", a.out.display())))?;
        for r in records {
            let path = a
                .out
                .join(output::text_of(r, "file_name").unwrap_or("record.xml"));
            if let Some(Value::Xml(xml)) = output::field(r, "xml") {
                write_record(&path, xml.as_bytes())?;
            }
            files.push(path.display().to_string());
        }
    }
    if a.json {
        let m = match &mapped {
            Ok((list, records)) => {
                let mut records = to_json(records);
                if let Some(items) = records.as_array_mut() {
                    // The records' XML is in their files.
                    for (r, file) in items.iter_mut().zip(&files) {
                        if let Some(o) = r.as_object_mut() {
                            o.remove("xml");
                            o.insert("file".into(), json!(file));
                        }
                    }
                }
                json!({
                    "valid": true, "error": null,
                    "territory": output::text_of(list, "territory"),
                    "sequence_number": to_json(output::field(list, "sequence_number").unwrap_or(&Value::Null)),
                    "format": a.format, "records": records,
                })
            }
            Err(e) => json!({
                "valid": false, "error": output::refusal_json(e),
                "territory": null, "sequence_number": null, "format": a.format, "records": [],
            }),
        };
        println!("{m}");
    } else {
        match &mapped {
            Ok((list, records)) => {
                println!(
                    "verified: trusted list {}; {} SMP record(s) in {}",
                    output::text_of(list, "territory").unwrap_or("-"),
                    files.len(),
                    a.out.display()
                );
                if let Value::List(records) = records {
                    for r in records {
                        println!(
                            "  {}\t{}\t{}",
                            output::text_of(r, "file_name").unwrap_or("-"),
                            output::text_of(r, "document").unwrap_or("-"),
                            output::text_of(r, "process").unwrap_or("-")
                        );
                    }
                }
            }
            Err(Refusal::Core(e)) => println!("rejected: {} ({})", e, e.code()),
            Err(Refusal::Explained(e, msg)) => println!("rejected: {msg} ({})", e.code()),
            Err(Refusal::Usage(msg) | Refusal::Other { message: msg, .. }) => {
                return Err(UsageError(msg.clone()))
            }
        }
    }
    Ok(if mapped.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
