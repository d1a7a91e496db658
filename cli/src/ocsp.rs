//! `trustmeta ocsp …`: build OCSP requests and verify OCSP responses (RFC 6960).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use trustmeta::{build_ocsp_request, Certificate, DigestAlgorithm, TrustStore};
use trustmeta_table::ops::{self, ArgValue, Call};
use trustmeta_table::{records, RecordDesc, Value};

use crate::output::{self, Refusal};
use crate::{now_or, read, set, value_of, UsageError};

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

pub(crate) fn json_form(cmd: &OcspCommand) -> (bool, Option<&'static RecordDesc>) {
    match cmd {
        OcspCommand::Verify(a) => (a.json, Some(&records::OCSP)),
        OcspCommand::Request(_) => (false, None),
    }
}

fn certificate(flag: &str, path: &PathBuf) -> Result<Certificate, UsageError> {
    let store = TrustStore::from_pem(&read(path)?)
        .map_err(|e| UsageError(format!("{flag} {}: {e}", path.display())))?;
    Ok(store.certificates()[0].clone())
}

fn hex(flag: &str, s: &str) -> Result<Vec<u8>, UsageError> {
    let bad = || {
        UsageError(format!(
            "{flag} {s:?}: the nonce must be hexadecimal, an even number of digits 0-9 a-f \
             (e.g. 16 bytes as 32 hex digits)"
        ))
    };
    let s = s.trim();
    if s.is_empty() || !s.len().is_multiple_of(2) {
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
    let (issuer, cert) = (read(&a.issuer)?, read(&a.cert)?);
    // Certificates that do not parse are the caller's mistake, not the response's.
    certificate("--issuer", &a.issuer)?;
    certificate("--cert", &a.cert)?;
    let nonce = a.nonce.as_deref().map(|n| hex("--nonce", n)).transpose()?;
    let response = read(&a.response)?;
    let run = |require_good: bool| -> Result<Result<Value, Refusal>, UsageError> {
        let mut call = Call::new(&ops::VERIFY_OCSP_RESPONSE);
        set(&mut call, "response", ArgValue::Bytes(&response))?;
        set(&mut call, "issuer", ArgValue::Bytes(&issuer))?;
        set(&mut call, "cert", ArgValue::Bytes(&cert))?;
        if let Some(n) = &nonce {
            set(&mut call, "nonce", ArgValue::Bytes(n))?;
        }
        set(&mut call, "now", ArgValue::Time(now_or(a.at.as_deref())?))?;
        set(&mut call, "allow_sha1", ArgValue::Bool(a.allow_sha1))?;
        set(&mut call, "require_good", ArgValue::Bool(require_good))?;
        Ok(value_of(output::run(call)))
    };
    let verified = match run(false)? {
        Err(Refusal::Usage(msg)) => return Err(UsageError(msg)),
        r => r,
    };
    // A verified "revoked" or "unknown" is reported with its facts, and as the error
    // that makes the exit status 1.
    let not_good = match &verified {
        Ok(v) if output::text_of(v, "status") != Some("good") => run(true)?.err(),
        _ => None,
    };
    let code = match (&verified, &not_good) {
        (Ok(v), Some(e)) => {
            if a.json {
                let mut m = output::object(&records::OCSP, Ok(v));
                m.insert("valid".into(), false.into());
                m.insert("error".into(), output::refusal_json(e));
                println!("{}", serde_json::Value::Object(m));
            } else {
                print_ocsp(v);
                if let Refusal::Core(e) = e {
                    println!("not good: {e} ({})", e.code());
                }
            }
            ExitCode::from(1)
        }
        _ => output::emit(
            a.json,
            &records::OCSP,
            verified.as_ref(),
            |_| {},
            print_ocsp,
        ),
    };
    Ok(code)
}

/// A verified response for people: its status first.
fn print_ocsp(v: &Value) {
    let time = |name: &str| match output::field(v, name) {
        Some(Value::Time(t)) => t.to_string(),
        _ => "-".into(),
    };
    match output::text_of(v, "status") {
        Some("revoked") => println!(
            "status: revoked at {}{}",
            time("revocation_time"),
            output::text_of(v, "revocation_reason").map_or(String::new(), |r| format!(" ({r})"))
        ),
        s => println!("status: {}", s.unwrap_or("-")),
    }
    let responder = output::field(v, "responder").unwrap_or(&Value::Null);
    println!(
        "responder: {}{}",
        output::text_of(responder, "subject").unwrap_or("-"),
        match output::field(v, "delegated") {
            Some(Value::Bool(true)) => " (delegated)",
            _ => " (the CA)",
        }
    );
    println!(
        "this update: {}, next update: {}",
        time("this_update"),
        time("next_update")
    );
}
