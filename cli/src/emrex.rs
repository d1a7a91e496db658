//! `trustmeta emrex …`: the EMREG registry list and ELMO result files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value as Json};
use trustmeta::{Emreg, Ncp};
use trustmeta_table::ops::{self, ArgValue, Call};
use trustmeta_table::{records, to_json, Describe, RecordDesc, Value};

use crate::output::{self, Refusal};
use crate::{read, set, set_policy, value_of, UsageError};

#[derive(Subcommand)]
pub(crate) enum EmrexCommand {
    /// List the NCPs (EMPs) of an EMREG registry list, or with --country what a learner
    /// of that country is offered (one entry per institution for singleFetch countries).
    Ncps(NcpsArgs),
    /// Verify an ELMO result file against the certificate the EMREG list gives for the
    /// chosen NCP (KeyInfo is ignored), and print the learner it is about.
    #[command(name = "verify-elmo")]
    VerifyElmo(VerifyElmoArgs),
}

#[derive(Args)]
pub(crate) struct NcpsArgs {
    /// Only this country (ISO 3166 code, any case).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// The EMREG list (JSON, as served at <host>/emreg/list).
    emreg: PathBuf,
}

#[derive(Args)]
pub(crate) struct VerifyElmoArgs {
    /// The EMREG list that names the NCP's certificate.
    #[arg(long, value_name = "EMREG.json")]
    emreg: PathBuf,
    /// The acronym of the NCP the learner was sent to.
    #[arg(long, value_name = "ACRONYM")]
    ncp: String,
    /// FILE is the `elmo` form field value (base64, gzipped or not), not the XML.
    #[arg(long)]
    base64: bool,
    /// Accept rsa-sha1 and SHA-1 digests (real NCPs still send them).
    #[arg(long)]
    allow_sha1: bool,
    /// Smallest RSA key accepted.
    #[arg(long, value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Verify as of this time (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// The ELMO XML, or with --base64 the form field value.
    file: PathBuf,
}

pub(crate) fn run(cmd: &EmrexCommand) -> Result<ExitCode, UsageError> {
    match cmd {
        EmrexCommand::Ncps(a) => run_ncps(a),
        EmrexCommand::VerifyElmo(a) => run_verify_elmo(a),
    }
}

pub(crate) fn json_form(cmd: &EmrexCommand) -> (bool, Option<&'static RecordDesc>) {
    match cmd {
        EmrexCommand::Ncps(a) => (a.json, None),
        EmrexCommand::VerifyElmo(a) => (a.json, Some(&records::ELMO)),
    }
}

/// An NCP as the table gives it, with what its `pubKey` holds.
fn ncp_json(n: &Ncp) -> Json {
    let cert = match n.trust_store() {
        Ok(s) => s.certificates().first().map_or(Json::Null, |c| {
            json!({"subject": c.subject(), "sha256": c.sha256_hex(),
                   "not_after": c.not_after().to_string()})
        }),
        Err(e) => json!({"error": output::refusal_json(&Refusal::Core(e.into()))}),
    };
    let mut j = to_json(&n.value());
    j["certificate"] = cert;
    j
}

fn run_ncps(a: &NcpsArgs) -> Result<ExitCode, UsageError> {
    let list = read(&a.emreg)?;
    let emreg = match Emreg::parse(&list) {
        Ok(e) => e,
        Err(e) => {
            let e = Refusal::Core(e.into());
            if a.json {
                println!(
                    "{}",
                    json!({"valid": false, "error": output::refusal_json(&e),
                    "schema": null, "skipped_nulls": null, "countries": [], "ncps": [], "choices": null})
                );
            } else if let Refusal::Core(e) = &e {
                println!("rejected: {} ({})", e, e.code());
            }
            return Ok(ExitCode::from(1));
        }
    };
    let ncps: Vec<&Ncp> = match &a.country {
        Some(cc) => emreg.ncps_of_country(cc),
        None => emreg.ncps.iter().collect(),
    };
    if a.json {
        let countries: Vec<Json> = emreg
            .countries
            .iter()
            .filter(|c| {
                a.country
                    .as_ref()
                    .is_none_or(|cc| c.code.eq_ignore_ascii_case(cc.trim()))
            })
            .map(|c| to_json(&c.value()))
            .collect();
        let choices = a.country.as_ref().map(|cc| {
            Json::Array(
                emreg
                    .choices(cc)
                    .iter()
                    .map(|c| to_json(&c.value()))
                    .collect(),
            )
        });
        println!(
            "{}",
            json!({
                "valid": true,
                "error": null,
                "schema": if emreg.emps { "emps" } else { "ncps" },
                "skipped_nulls": emreg.skipped_nulls,
                "countries": countries,
                "ncps": ncps.iter().map(|n| ncp_json(n)).collect::<Vec<_>>(),
                "choices": choices,
            })
        );
        return Ok(ExitCode::SUCCESS);
    }
    match &a.country {
        Some(cc) => {
            let single = emreg.country(cc).is_some_and(|c| c.single_fetch);
            println!(
                "{} ({}){}",
                cc.trim().to_ascii_uppercase(),
                emreg
                    .country(cc)
                    .map_or("not in the list", |c| c.name.as_str()),
                if single { ", singleFetch" } else { "" }
            );
            for c in emreg.choices(cc) {
                println!(
                    "{}\t{}\t{}",
                    c.ncp.acronym,
                    c.institution.unwrap_or("-"),
                    c.ncp.url
                );
            }
        }
        None => {
            for n in ncps {
                println!(
                    "{}\t{}\t{}\t{}",
                    n.acronym,
                    n.country_code,
                    n.institutions.first().map_or("-", String::as_str),
                    n.url
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_verify_elmo(a: &VerifyElmoArgs) -> Result<ExitCode, UsageError> {
    let emreg = Emreg::parse(&read(&a.emreg)?)
        .map_err(|e| UsageError(format!("--emreg {}: {e}", a.emreg.display())))?;
    let ncp = emreg.ncp(&a.ncp).map_err(|e| {
        UsageError(format!(
            "--ncp: {e} {} (see `trustmeta emrex ncps`)",
            a.emreg.display()
        ))
    })?;
    ncp.trust_store()
        .map_err(|e| UsageError(format!("the pubKey of NCP {:?}: {e}", a.ncp)))?;
    let input = if a.base64 {
        read_field(&a.file)?
    } else {
        read(&a.file)?
    };
    let xml = if a.base64 {
        let mut call = Call::new(&ops::DECODE_ELMO_FIELD);
        set(&mut call, "field", ArgValue::Bytes(&input))?;
        value_of(output::run(call)).map(|v| match v {
            Value::Bytes(b) => b,
            _ => Vec::new(),
        })
    } else {
        Ok(input)
    };
    let result = match xml {
        Ok(xml) => {
            let mut call = Call::new(&ops::VERIFY_ELMO);
            set(&mut call, "xml", ArgValue::Bytes(&xml))?;
            set(&mut call, "emreg", ArgValue::Emreg(&emreg))?;
            set(&mut call, "ncp", ArgValue::Text(a.ncp.clone()))?;
            // The NCP's certificate comes from the list, not through a CA: no CRL applies.
            set_policy(
                &mut call,
                a.at.as_deref(),
                a.allow_sha1,
                false,
                a.min_rsa_bits,
            )?;
            value_of(output::run(call))
        }
        Err(e) => Err(e),
    };
    if let Err(Refusal::Usage(msg)) = result {
        return Err(UsageError(msg));
    }
    Ok(output::emit(
        a.json,
        &records::ELMO,
        result.as_ref(),
        |m| {
            m.insert("ncp".into(), json!(ncp.acronym));
        },
        |v| output::print_text(&format!("ELMO signed by NCP {}", ncp.acronym), v),
    ))
}

/// An `elmo` form field value, read no further than the core needs to refuse it: once
/// more base64 characters than `max_elmo_field_chars` allows have been read, the rest
/// cannot change the answer (`emrex.decompressed_too_large`), so a 200 MB field costs what
/// 22 MB do rather than its whole size in memory.
fn read_field(path: &PathBuf) -> Result<Vec<u8>, UsageError> {
    use std::io::Read;
    let enough = trustmeta::max_elmo_field_chars(trustmeta::DEFAULT_MAX_ELMO_BYTES);
    let io = |e: std::io::Error| UsageError(format!("cannot read {}: {e}", path.display()));
    let mut file: Box<dyn Read> = match crate::is_stdin(path) {
        true => Box::new(std::io::stdin()),
        false => Box::new(std::fs::File::open(path).map_err(io)?),
    };
    let mut out = Vec::new();
    let mut chars = 0usize;
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut chunk).map_err(io)?;
        if n == 0 {
            break;
        }
        chars += chunk[..n]
            .iter()
            .filter(|b| !b.is_ascii_whitespace())
            .count();
        out.extend_from_slice(&chunk[..n]);
        if chars > enough {
            break;
        }
    }
    Ok(out)
}
