//! `trustmeta emrex …`: the EMREG registry list and ELMO result files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use trustmeta::{decode_elmo_field, verify_elmo_from, Emreg, Error, Learner, Ncp, Policy};

use crate::{now_or, read, UsageError};

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

pub(crate) fn json_flag(cmd: &EmrexCommand) -> bool {
    match cmd {
        EmrexCommand::Ncps(a) => a.json,
        EmrexCommand::VerifyElmo(a) => a.json,
    }
}

fn error_json(e: &Error) -> Value {
    json!({"code": e.code().as_str(), "message": e.to_string()})
}

fn ncp_json(n: &Ncp) -> Value {
    let cert = match n.trust_store() {
        Ok(s) => s
            .certificates()
            .first()
            .map(|c| {
                json!({"subject": c.subject(), "sha256": c.sha256_hex(),
                       "not_after": c.not_after().to_string()})
            })
            .unwrap_or(Value::Null),
        Err(e) => json!({"error": error_json(&e.into())}),
    };
    json!({
        "acronym": n.acronym, "country_code": n.country_code, "institutions": n.institutions,
        "url": n.url, "certificate": cert,
    })
}

fn run_ncps(a: &NcpsArgs) -> Result<ExitCode, UsageError> {
    let list = read(&a.emreg)?;
    let emreg = match Emreg::parse(&list) {
        Ok(e) => e,
        Err(e) => {
            let e = Error::from(e);
            if a.json {
                println!("{}", json!({"valid": false, "error": error_json(&e)}));
            } else {
                println!("rejected: {} ({})", e, e.code());
            }
            return Ok(ExitCode::from(1));
        }
    };
    if a.json {
        let ncps: Vec<&Ncp> = match &a.country {
            Some(cc) => emreg.ncps_of_country(cc),
            None => emreg.ncps.iter().collect(),
        };
        let mut out = json!({
            "valid": true,
            "error": null,
            "schema": if emreg.emps { "emps" } else { "ncps" },
            "skipped_nulls": emreg.skipped_nulls,
            "countries": emreg.countries.iter()
                .filter(|c| a.country.as_ref().is_none_or(|cc| c.code.eq_ignore_ascii_case(cc.trim())))
                .map(|c| json!({"code": c.code, "name": c.name, "single_fetch": c.single_fetch}))
                .collect::<Vec<_>>(),
            "ncps": ncps.iter().map(|n| ncp_json(n)).collect::<Vec<_>>(),
        });
        if let Some(cc) = &a.country {
            out["choices"] = emreg
                .choices(cc)
                .iter()
                .map(|c| json!({"acronym": c.ncp.acronym, "institution": c.institution}))
                .collect();
        }
        println!("{out}");
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
            for n in &emreg.ncps {
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

fn learner_json(l: &Learner) -> Value {
    json!({"given_names": l.given_names, "family_name": l.family_name,
           "birth_date": l.birth_date, "citizenship": l.citizenship})
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
    let now = now_or(a.at.as_deref())?;
    let input = read(&a.file)?;
    let policy = Policy {
        allow_sha1: a.allow_sha1,
        min_rsa_bits: a.min_rsa_bits,
        ..Policy::default()
    };
    let result = if a.base64 {
        decode_elmo_field(&input, trustmeta::DEFAULT_MAX_ELMO_BYTES).map_err(Error::from)
    } else {
        Ok(input)
    }
    .and_then(|xml| verify_elmo_from(&xml, ncp, &policy, now));
    match result {
        Ok(v) => {
            let r = &v.report;
            if a.json {
                println!(
                    "{}",
                    json!({
                        "valid": true,
                        "error": null,
                        "ncp": ncp.acronym,
                        "namespace": v.namespace,
                        "learner": learner_json(&v.learner),
                        "learners": v.learners.iter().map(learner_json).collect::<Vec<_>>(),
                        "reports": v.reports,
                        "nested_signatures": v.nested_signatures,
                        "signer": {
                            "subject": r.signer.as_ref().map(|c| c.subject().to_string()),
                            "sha256": r.signer.as_ref().map(|c| c.sha256_hex()),
                            "key": r.signer_key.to_string(),
                            "pinned": r.pinned,
                        },
                        "algorithms": {
                            "signature": r.signature_algorithm.uri(),
                            "canonicalization": r.canonicalization.uri(),
                            "digests": r.references.iter().map(|x| x.digest.uri()).collect::<Vec<_>>(),
                        },
                        "legacy_algorithms": r.legacy_algorithms,
                        "verified_at": r.verified_at.to_string(),
                    })
                );
            } else {
                let l = &v.learner;
                println!("verified: ELMO signed by NCP {}", ncp.acronym);
                println!(
                    "learner: {} {}, born {}",
                    l.given_names,
                    l.family_name,
                    l.birth_date.as_deref().unwrap_or("-")
                );
                for other in v.learners.iter().skip(1) {
                    println!(
                        "  also written as: {} {}, born {}",
                        other.given_names,
                        other.family_name,
                        other.birth_date.as_deref().unwrap_or("-")
                    );
                }
                println!("reports: {}", v.reports);
                if let Some(c) = &r.signer {
                    println!("signer: {} (sha256 {})", c.subject(), c.sha256_hex());
                }
                if !r.legacy_algorithms.is_empty() {
                    println!("legacy algorithms: {}", r.legacy_algorithms.join(", "));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if a.json {
                println!(
                    "{}",
                    json!({"valid": false, "error": error_json(&e), "learner": null,
                           "signer": null, "ncp": ncp.acronym})
                );
            } else {
                println!("rejected: {} ({})", e, e.code());
            }
            Ok(ExitCode::from(1))
        }
    }
}
