//! `trustmeta ocsp …`: build OCSP requests and verify OCSP responses (RFC 6960).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use trustmeta::{
    build_ocsp_request, verify_ocsp_response, Certificate, DigestAlgorithm, Error, OcspQuestion,
    OcspStatus, Policy, TrustStore,
};

use crate::{now_or, read, UsageError};

#[derive(Subcommand)]
pub(crate) enum OcspCommand {
    /// Verify a DER OCSP response about CERT, issued by the CA --issuer: the responder's
    /// signature and authorisation, the CertID, thisUpdate/nextUpdate and the nonce. Exit
    /// 0 only when it verifies and says "good"; 1 when it is refused or says "revoked" or
    /// "unknown".
    Verify(VerifyArgs),
    /// Write an unsigned DER OCSP request for CERT (POST it as application/ocsp-request).
    Request(RequestArgs),
}

#[derive(Args)]
pub(crate) struct VerifyArgs {
    /// The CA that issued --cert (PEM or DER).
    #[arg(long, value_name = "CA.pem")]
    issuer: PathBuf,
    /// The certificate asked about (PEM or DER).
    #[arg(long, value_name = "CERT.pem")]
    cert: PathBuf,
    /// Verification time (RFC 3339), instead of the system clock.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// The nonce sent in the request, in hex: the response must echo it.
    #[arg(long, value_name = "HEX")]
    nonce: Option<String>,
    /// Accept a response signed with SHA-1 (legacy responders).
    #[arg(long)]
    allow_sha1: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// The DER OCSPResponse.
    response: PathBuf,
}

#[derive(Args)]
pub(crate) struct RequestArgs {
    /// The CA that issued --cert (PEM or DER).
    #[arg(long, value_name = "CA.pem")]
    issuer: PathBuf,
    /// The certificate to ask about (PEM or DER).
    #[arg(long, value_name = "CERT.pem")]
    cert: PathBuf,
    /// A nonce to include, in hex (RFC 8954); pass the same to `ocsp verify --nonce`.
    #[arg(long, value_name = "HEX")]
    nonce: Option<String>,
    /// Hash the CertID with SHA-256 instead of SHA-1 (what most responders index by).
    #[arg(long)]
    sha256: bool,
    /// Where to write the DER request.
    #[arg(long, value_name = "REQ.der")]
    out: PathBuf,
}

pub(crate) fn run(cmd: &OcspCommand) -> Result<ExitCode, UsageError> {
    match cmd {
        OcspCommand::Verify(a) => run_verify(a),
        OcspCommand::Request(a) => run_request(a),
    }
}

pub(crate) fn json_flag(cmd: &OcspCommand) -> bool {
    match cmd {
        OcspCommand::Verify(a) => a.json,
        OcspCommand::Request(_) => false,
    }
}

fn certificate(flag: &str, path: &PathBuf) -> Result<Certificate, UsageError> {
    let store = TrustStore::from_pem(&read(path)?)
        .map_err(|e| UsageError(format!("{flag} {}: {e}", path.display())))?;
    Ok(store.certificates()[0].clone())
}

fn hex(flag: &str, s: &str) -> Result<Vec<u8>, UsageError> {
    let bad = || UsageError(format!("{flag} {s:?}: not an even number of hex digits"));
    let s = s.trim();
    if s.is_empty() || s.len() % 2 != 0 {
        return Err(bad());
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2).ok_or_else(bad)?, 16).map_err(|_| bad()))
        .collect()
}

fn run_request(a: &RequestArgs) -> Result<ExitCode, UsageError> {
    let issuer = certificate("--issuer", &a.issuer)?;
    let cert = certificate("--cert", &a.cert)?;
    let nonce = a.nonce.as_deref().map(|n| hex("--nonce", n)).transpose()?;
    let hash = if a.sha256 {
        DigestAlgorithm::Sha256
    } else {
        DigestAlgorithm::Sha1
    };
    let der = build_ocsp_request(&issuer, &cert, hash, nonce.as_deref());
    std::fs::write(&a.out, der)
        .map_err(|e| UsageError(format!("cannot write {}: {e}", a.out.display())))?;
    Ok(ExitCode::SUCCESS)
}

fn run_verify(a: &VerifyArgs) -> Result<ExitCode, UsageError> {
    let issuer = certificate("--issuer", &a.issuer)?;
    let cert = certificate("--cert", &a.cert)?;
    let nonce = a.nonce.as_deref().map(|n| hex("--nonce", n)).transpose()?;
    let now = now_or(a.at.as_deref())?;
    let response = read(&a.response)?;
    let policy = Policy {
        allow_sha1: a.allow_sha1,
        ..Policy::default()
    };
    let q = OcspQuestion {
        nonce: nonce.as_deref(),
        ..OcspQuestion::new(&issuer, &cert)
    };
    let verified = verify_ocsp_response(&response, &q, &policy, now);
    // A verified "revoked" or "unknown" is reported with its facts, and as the error
    // that makes the exit status 1.
    let error: Option<Error> = match &verified {
        Ok(v) => v.require_good().err().map(Error::from),
        Err(e) => Some(e.clone()),
    };
    let ok = error.is_none();
    if a.json {
        let mut out = json!({
            "valid": ok,
            "error": error.as_ref().map(|e| json!({"code": e.code().as_str(), "message": e.to_string()})),
            "status": null, "this_update": null, "next_update": null,
            "revocation_time": null, "revocation_reason": null, "responder": null,
            "verified_at": now.to_string(),
        });
        if let Ok(v) = &verified {
            out["status"] = json!(v.status().name());
            out["this_update"] = json!(v.this_update().to_string());
            out["next_update"] = json!(v.next_update().map(|t| t.to_string()));
            if let OcspStatus::Revoked { time, reason } = v.status() {
                out["revocation_time"] = json!(time.to_string());
                out["revocation_reason"] = json!(reason.map(|r| r.name()));
            }
            out["responder"] = responder_json(v.responder(), v.is_delegated());
            out["signature_algorithm"] = json!(v.signature_algorithm().name());
            out["cert_id_hash"] = json!(v.cert_id_hash().name());
        }
        println!("{out}");
    } else {
        match &verified {
            Ok(v) => {
                match v.status() {
                    OcspStatus::Revoked { time, reason } => println!(
                        "status: revoked at {time}{}",
                        reason.map_or(String::new(), |r| format!(" ({r})"))
                    ),
                    s => println!("status: {}", s.name()),
                }
                println!(
                    "responder: {}{}",
                    v.responder().subject(),
                    if v.is_delegated() {
                        " (delegated)"
                    } else {
                        " (the CA)"
                    }
                );
                println!(
                    "this update: {}, next update: {}",
                    v.this_update(),
                    v.next_update().map_or("-".into(), |t| t.to_string())
                );
                if let Some(e) = &error {
                    println!("not good: {e} ({})", e.code());
                }
            }
            Err(e) => println!("rejected: {e} ({})", e.code()),
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn responder_json(c: &Certificate, delegated: bool) -> Value {
    json!({"subject": c.subject(), "sha256": c.sha256_hex(), "delegated": delegated})
}
