//! `trustmeta saml …`: SAML responses and authentication requests (STORK, eIDAS).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use trustmeta::{IssuerTrust, MemoryReplayCache};
use trustmeta_table::ops::{self, ArgValue, Call, SharedReplayCache};
use trustmeta_table::{records, RecordDesc, Value};

use crate::output::{self, Refusal};
use crate::{add_trust_keys, read, set, set_opt, set_policy, store_of, value_of, UsageError};

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

pub(crate) fn json_form(cmd: &SamlCommand) -> (bool, Option<&'static RecordDesc>) {
    match cmd {
        SamlCommand::VerifyResponse(a) => (a.common.json, Some(&records::SAML_RESPONSE)),
        SamlCommand::VerifyRequest(a) => (a.common.json, Some(&records::AUTHN_REQUEST)),
    }
}

fn trust_of(c: &CommonArgs) -> Result<IssuerTrust, UsageError> {
    let mut store = store_of(&c.trust, &c.intermediates)?;
    add_trust_keys(&mut store, &c.trust_key)?;
    Ok(match &c.issuer {
        Some(id) => {
            let mut t = IssuerTrust::new();
            t.add(id, store);
            t
        }
        None => IssuerTrust::any_issuer(store),
    })
}

/// The arguments every SAML operation takes from [`CommonArgs`].
fn set_common<'a>(
    call: &mut Call<'a>,
    c: &CommonArgs,
    trust: &'a IssuerTrust,
) -> Result<(), UsageError> {
    set(call, "trust", ArgValue::IssuerTrust(trust))?;
    set(call, "profile", ArgValue::Text(c.profile.clone()))?;
    set(call, "skew", ArgValue::Int(c.skew))?;
    set_policy(call, c.at.as_deref(), c.allow_sha1, c.min_rsa_bits)
}

/// The message: FILE, or the XML its HTTP-POST form value decodes to.
fn input(c: &CommonArgs, file: &PathBuf) -> Result<Result<Vec<u8>, Refusal>, UsageError> {
    let bytes = read(file)?;
    if !c.base64 {
        return Ok(Ok(bytes));
    }
    let mut call = Call::new(&ops::DECODE_POST_BINDING);
    set(&mut call, "value", ArgValue::Bytes(bytes.trim_ascii()))?;
    Ok(output::run(call).map(|o| match o.value() {
        Some(Value::Bytes(xml)) => xml.clone(),
        _ => Vec::new(),
    }))
}

fn run_response(a: &ResponseArgs) -> Result<ExitCode, UsageError> {
    let trust = trust_of(&a.common)?;
    // One process sees one response; the cache still enforces the rule for it.
    let cache = SharedReplayCache::new(MemoryReplayCache::new(1024));
    let result = match input(&a.common, &a.file)? {
        Ok(xml) => {
            let mut call = Call::new(&ops::VERIFY_SAML_RESPONSE);
            set(&mut call, "xml", ArgValue::Bytes(&xml))?;
            set_common(&mut call, &a.common, &trust)?;
            set(&mut call, "audience", ArgValue::Text(a.audience.clone()))?;
            set(&mut call, "acs", ArgValue::Text(a.acs.clone()))?;
            set_opt(&mut call, "request_id", a.request_id.as_deref())?;
            set(&mut call, "signed", ArgValue::Text(a.signed.clone()))?;
            set(&mut call, "cache", ArgValue::ReplayCache(&cache))?;
            value_of(output::run(call))
        }
        Err(e) => Err(e),
    };
    if let Err(Refusal::Usage(msg)) = result {
        return Err(UsageError(msg));
    }
    Ok(output::emit(
        a.common.json,
        &records::SAML_RESPONSE,
        result.as_ref(),
        |_| {},
        |v| output::print_text("SAML response", v),
    ))
}

fn run_request(a: &RequestArgs) -> Result<ExitCode, UsageError> {
    let trust = trust_of(&a.common)?;
    let result = if a.redirect {
        let query = String::from_utf8(read(&a.file)?)
            .map_err(|_| UsageError(format!("{}: not UTF-8", a.file.display())))?;
        let mut call = Call::new(&ops::VERIFY_SAML_REQUEST_REDIRECT);
        set(&mut call, "query", ArgValue::Text(query.trim().to_owned()))?;
        set_common(&mut call, &a.common, &trust)?;
        set_opt(&mut call, "destination", a.destination.as_deref())?;
        set(&mut call, "max_age", ArgValue::Int(a.max_age))?;
        value_of(output::run(call))
    } else {
        match input(&a.common, &a.file)? {
            Ok(xml) => {
                let mut call = Call::new(&ops::VERIFY_SAML_REQUEST);
                set(&mut call, "xml", ArgValue::Bytes(&xml))?;
                set_common(&mut call, &a.common, &trust)?;
                set_opt(&mut call, "destination", a.destination.as_deref())?;
                set(&mut call, "max_age", ArgValue::Int(a.max_age))?;
                value_of(output::run(call))
            }
            Err(e) => Err(e),
        }
    };
    if let Err(Refusal::Usage(msg)) = result {
        return Err(UsageError(msg));
    }
    Ok(output::emit(
        a.common.json,
        &records::AUTHN_REQUEST,
        result.as_ref(),
        |_| {},
        |v| output::print_text("AuthnRequest", v),
    ))
}
