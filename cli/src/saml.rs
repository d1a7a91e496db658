//! `trustmeta saml …`: SAML responses and authentication requests (STORK, eIDAS).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use trustmeta::{
    decode_post_binding, verify_authn_request, verify_authn_request_redirect, verify_response,
    AttributeStatus, Error, IssuerTrust, MemoryReplayCache, Policy, RequestExpectations,
    ResponseExpectations, SamlProfile, SignedBy, SignedParts, VerificationReport,
    VerifiedAuthnRequest, VerifiedResponse,
};

use crate::{add_trust_keys, now_or, read, store_of, UsageError};

#[derive(Subcommand)]
pub(crate) enum SamlCommand {
    /// Verify a SAML Response (Web Browser SSO) against the issuer's certificate and this
    /// relying party's expectations, and print the signed assertion.
    #[command(name = "verify-response")]
    VerifyResponse(ResponseArgs),
    /// Verify a signed AuthnRequest (XML, the POST form value, or a Redirect query).
    #[command(name = "verify-request")]
    VerifyRequest(RequestArgs),
}

#[derive(Args)]
pub(crate) struct CommonArgs {
    /// A trusted certificate or public key (PEM or DER) of the issuer, or a CA that
    /// issued its certificate. Repeatable.
    #[arg(
        long = "trust",
        value_name = "CERT",
        required_unless_present = "trust_key"
    )]
    trust: Vec<PathBuf>,
    /// Trust only the public key of this certificate (PEM), ignoring its validity
    /// period, as the SAML metadata interoperability profile prescribes for keys taken
    /// from metadata. Repeatable.
    #[arg(long = "trust-key", value_name = "CERT")]
    trust_key: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM, or one DER certificate). Repeatable.
    #[arg(long = "intermediate", value_name = "CERT")]
    intermediates: Vec<PathBuf>,
    /// Trust the certificates for this issuer entity ID only (default: any issuer).
    #[arg(long, value_name = "ENTITY_ID")]
    issuer: Option<String>,
    /// Verify as of this time (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Accept rsa-sha1 and SHA-1 digests (legacy STORK messages).
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits (the eIDAS profile raises it to 3072).
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// The profile: generic, stork or eidas.
    #[arg(long, value_name = "PROFILE", default_value = "generic")]
    profile: String,
    /// Allowed clock difference, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 180)]
    skew: i64,
    /// FILE is the HTTP-POST form value (base64), not the XML.
    #[arg(long)]
    base64: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Args)]
pub(crate) struct ResponseArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// This relying party's entity ID (the audience).
    #[arg(long, value_name = "ENTITY_ID")]
    audience: String,
    /// This relying party's assertion consumer service URL (Destination, Recipient).
    #[arg(long, value_name = "URL")]
    acs: String,
    /// The ID of the request sent; without it only unsolicited responses are accepted.
    #[arg(long = "request-id", value_name = "ID")]
    request_id: Option<String>,
    /// Which signatures are required: any (response or assertion), response, assertion
    /// or both.
    #[arg(long, value_name = "PARTS", default_value = "any")]
    signed: String,
    /// The Response (XML, or with --base64 the SAMLResponse form value).
    file: PathBuf,
}

#[derive(Args)]
pub(crate) struct RequestArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// This endpoint's URL, which the request must name as its Destination.
    #[arg(long, value_name = "URL")]
    destination: Option<String>,
    /// How old IssueInstant may be, in seconds.
    #[arg(long = "max-age", value_name = "SECS", default_value_t = 600)]
    max_age: i64,
    /// FILE holds an HTTP-Redirect query string (SAMLRequest, RelayState, SigAlg,
    /// Signature) instead of XML.
    #[arg(long, conflicts_with = "base64")]
    redirect: bool,
    /// The AuthnRequest (XML, the POST form value with --base64, or a query with
    /// --redirect).
    file: PathBuf,
}

pub(crate) fn run(cmd: &SamlCommand) -> Result<ExitCode, UsageError> {
    match cmd {
        SamlCommand::VerifyResponse(a) => run_response(a),
        SamlCommand::VerifyRequest(a) => run_request(a),
    }
}

pub(crate) fn json_flag(cmd: &SamlCommand) -> bool {
    match cmd {
        SamlCommand::VerifyResponse(a) => a.common.json,
        SamlCommand::VerifyRequest(a) => a.common.json,
    }
}

fn setup(c: &CommonArgs) -> Result<(IssuerTrust, Policy, SamlProfile), UsageError> {
    let mut store = store_of(&c.trust, &c.intermediates)?;
    add_trust_keys(&mut store, &c.trust_key)?;
    let trust = match &c.issuer {
        Some(id) => {
            let mut t = IssuerTrust::new();
            t.add(id, store);
            t
        }
        None => IssuerTrust::any_issuer(store),
    };
    let profile = SamlProfile::parse(&c.profile).ok_or_else(|| {
        UsageError(format!(
            "--profile {:?}: expected generic, stork or eidas",
            c.profile
        ))
    })?;
    let policy = Policy {
        allow_sha1: c.allow_sha1,
        min_rsa_bits: c.min_rsa_bits,
        ..Policy::default()
    };
    Ok((trust, policy, profile))
}

fn input(c: &CommonArgs, file: &PathBuf) -> Result<Result<Vec<u8>, Error>, UsageError> {
    let bytes = read(file)?;
    Ok(if c.base64 {
        decode_post_binding(trim_ascii(&bytes), None).map_err(Error::from)
    } else {
        Ok(bytes)
    })
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

fn error_json(e: &Error) -> Value {
    json!({"code": e.code().as_str(), "message": e.to_string()})
}

fn reports_json(rs: &[&VerificationReport]) -> Value {
    rs.iter()
        .map(|r| {
            json!({
                "signer": r.signer.as_ref().map(|c| c.subject().to_string()),
                "sha256": r.signer.as_ref().map(|c| c.sha256_hex()),
                "signature_algorithm": r.signature_algorithm.uri(),
                "covers": r.references.iter().map(|x| x.element.clone()).collect::<Vec<_>>(),
                "legacy_algorithms": r.legacy_algorithms,
            })
        })
        .collect()
}

fn status_name(s: AttributeStatus) -> &'static str {
    match s {
        AttributeStatus::Available => "Available",
        AttributeStatus::NotAvailable => "NotAvailable",
        AttributeStatus::Withheld => "Withheld",
    }
}

fn response_json(v: &VerifiedResponse) -> Value {
    let a = &v.assertion;
    json!({
        "valid": true,
        "error": null,
        "issuer": v.issuer,
        "response_id": v.id,
        "assertion_id": a.id,
        "in_response_to": v.in_response_to,
        "name_id": a.name_id.as_ref().map(|n| n.value.clone()),
        "name_id_format": a.name_id.as_ref().and_then(|n| n.format.clone()),
        "attributes": a.attributes.iter().map(|x| json!({
            "name": x.name, "friendly_name": x.friendly_name, "values": x.values,
            "status": x.status.map(status_name),
        })).collect::<Vec<_>>(),
        "loa": a.loa,
        "stork_qaa": a.stork_qaa,
        "session_index": a.authn_statements.first().and_then(|s| s.session_index.clone()),
        "not_before": a.not_before.map(|t| t.to_string()),
        "not_on_or_after": a.not_on_or_after.map(|t| t.to_string()),
        "audiences": a.audiences,
        "signed_by": match v.signed_by {
            SignedBy::Response => "response",
            SignedBy::Assertion => "assertion",
            SignedBy::Both => "both",
        },
        "signatures": reports_json(&v.reports.iter().collect::<Vec<_>>()),
    })
}

fn run_response(a: &ResponseArgs) -> Result<ExitCode, UsageError> {
    let (trust, policy, profile) = setup(&a.common)?;
    let now = now_or(a.common.at.as_deref())?;
    let signed = match a.signed.as_str() {
        "any" => SignedParts::ResponseOrAssertion,
        "response" => SignedParts::Response,
        "assertion" => SignedParts::Assertion,
        "both" => SignedParts::Both,
        other => {
            return Err(UsageError(format!(
                "--signed {other:?}: expected any, response, assertion or both"
            )))
        }
    };
    let mut expect = ResponseExpectations::new(&a.audience, &a.acs, now);
    expect.request_id = a.request_id.as_deref();
    expect.clock_skew_secs = a.common.skew;
    expect.profile = profile;
    expect.signed = signed;
    // One process sees one response; the cache still enforces the rule for it.
    let mut replay = MemoryReplayCache::new(1024);
    let result = input(&a.common, &a.file)?
        .and_then(|xml| verify_response(&xml, &trust, &policy, &expect, &mut replay));
    match result {
        Ok(v) => {
            if a.common.json {
                println!("{}", response_json(&v));
            } else {
                let asr = &v.assertion;
                println!("verified: SAML response from {}", v.issuer);
                if let Some(n) = &asr.name_id {
                    println!("  name id:   {}", n.value);
                }
                for x in &asr.attributes {
                    println!(
                        "  attribute: {} = {}{}",
                        x.friendly_name.as_deref().unwrap_or(&x.name),
                        x.values.join(", "),
                        x.status
                            .map(|s| format!(" ({})", status_name(s)))
                            .unwrap_or_default()
                    );
                }
                if let Some(l) = &asr.loa {
                    println!("  loa:       {l}");
                }
                if let Some(q) = asr.stork_qaa {
                    println!("  qaa:       {q}");
                }
                if let Some(t) = asr.not_on_or_after {
                    println!("  valid to:  {t}");
                }
                println!(
                    "  signed by: {}",
                    match v.signed_by {
                        SignedBy::Response => "the response",
                        SignedBy::Assertion => "the assertion",
                        SignedBy::Both => "the response and the assertion",
                    }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(reject(a.common.json, &e)),
    }
}

fn reject(json: bool, e: &Error) -> ExitCode {
    if json {
        println!(
            "{}",
            json!({"valid": false, "error": error_json(e), "issuer": null, "name_id": null,
                   "attributes": [], "loa": null, "not_on_or_after": null})
        );
    } else {
        println!("rejected: {} ({})", e, e.code());
    }
    ExitCode::from(1)
}

fn request_json(r: &VerifiedAuthnRequest, relay_state: Option<&str>) -> Value {
    json!({
        "valid": true,
        "error": null,
        "id": r.id,
        "issuer": r.issuer,
        "issue_instant": r.issue_instant.to_string(),
        "destination": r.destination,
        "acs_url": r.acs_url,
        "force_authn": r.force_authn,
        "is_passive": r.is_passive,
        "provider_name": r.provider_name,
        "sp_type": r.sp_type.map(|t| match t { trustmeta::SpType::Public => "public", trustmeta::SpType::Private => "private" }),
        "requested_loa": r.requested_loa,
        "loa_comparison": r.loa_comparison,
        "requested_attributes": r.requested_attributes.iter().map(|x| json!({
            "name": x.name, "friendly_name": x.friendly_name, "required": x.required, "values": x.values,
        })).collect::<Vec<_>>(),
        "stork": r.stork.as_ref().map(|s| json!({
            "qaa": s.qaa, "sp_sector": s.sp_sector, "sp_institution": s.sp_institution,
            "sp_application": s.sp_application, "sp_country": s.sp_country,
            "eid_sector_share": s.eid_sector_share, "eid_cross_sector_share": s.eid_cross_sector_share,
            "eid_cross_border_share": s.eid_cross_border_share,
        })),
        "relay_state": relay_state,
        "signatures": reports_json(&r.report.iter().collect::<Vec<_>>()),
    })
}

fn run_request(a: &RequestArgs) -> Result<ExitCode, UsageError> {
    let (trust, policy, profile) = setup(&a.common)?;
    let now = now_or(a.common.at.as_deref())?;
    let mut expect = RequestExpectations::new(a.destination.as_deref(), now);
    expect.clock_skew_secs = a.common.skew;
    expect.max_age_secs = a.max_age;
    expect.profile = profile;
    let result = if a.redirect {
        let query = String::from_utf8(read(&a.file)?)
            .map_err(|_| UsageError(format!("{}: not UTF-8", a.file.display())))?;
        verify_authn_request_redirect(query.trim(), &trust, &policy, &expect)
            .map(|(m, r)| (r, m.relay_state))
    } else {
        input(&a.common, &a.file)?
            .and_then(|xml| verify_authn_request(&xml, &trust, &policy, &expect))
            .map(|r| (r, None))
    };
    match result {
        Ok((r, relay)) => {
            if a.common.json {
                println!("{}", request_json(&r, relay.as_deref()));
            } else {
                println!(
                    "verified: AuthnRequest {} from {}",
                    r.id,
                    r.issuer.as_deref().unwrap_or("-")
                );
                if let Some(u) = &r.acs_url {
                    println!("  acs:       {u}");
                }
                for l in &r.requested_loa {
                    println!("  loa:       {l}");
                }
                if let Some(q) = r.stork.as_ref().and_then(|s| s.qaa) {
                    println!("  qaa:       {q}");
                }
                for x in &r.requested_attributes {
                    println!(
                        "  requested: {}{}",
                        x.name,
                        if x.required { " (required)" } else { "" }
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if a.common.json {
                println!("{}", json!({"valid": false, "error": error_json(&e)}));
            } else {
                println!("rejected: {} ({})", e, e.code());
            }
            Ok(ExitCode::from(1))
        }
    }
}
