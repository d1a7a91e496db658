//! `trustmeta saml …`: SAML responses and authentication requests (STORK, eIDAS).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Subcommand};
use trustmeta::{IssuerTrust, SamlError};
use trustmeta_hosted::RedisReplayCache;
use trustmeta_pkcs11::Pkcs11Key;
use trustmeta_table::ops::{self, ArgValue, Call, DecryptionKeys, SharedReplayCache};
use trustmeta_table::{records, RecordDesc, Value};
use zeroize::Zeroizing;

use crate::output::{self, Refusal};
use crate::{
    add_trust_keys, read, set, set_opt, set_policy, store_of, value_of, CrlArgs, UsageError,
};

#[derive(Subcommand)]
pub(crate) enum SamlCommand {
    /// Verify a SAML Response (Web Browser SSO) against the issuer's certificate and this
    /// relying party's expectations, and print the signed assertion.
    #[command(name = "verify-response")]
    VerifyResponse(ResponseArgs),
    /// Verify a signed AuthnRequest (XML, the POST form value, or a Redirect query).
    #[command(name = "verify-request")]
    VerifyRequest(RequestArgs),
    /// Decrypt a Response's EncryptedAssertion WITHOUT checking any signature, to see
    /// whether the keys decrypt it (as `xmlsec1 --decrypt` does). Nothing it prints is
    /// verified: consume responses with `verify-response --decrypt-key`.
    Decrypt(DecryptArgs),
}

#[derive(Args)]
pub(crate) struct DecryptKeyArgs {
    /// A private key (PEM: PKCS#8, PKCS#1 or SEC1) that may decrypt an
    /// EncryptedAssertion, EncryptedID or EncryptedAttribute. Repeatable; the recipient a
    /// message names only chooses among them.
    #[arg(long = "decrypt-key", value_name = "KEY")]
    decrypt_keys: Vec<PathBuf>,
    /// A PKCS#11 module (shared library: an HSM's, or SoftHSM2's) whose token holds the
    /// keys of --pkcs11-uri. The keys decrypt inside the token and never reach this
    /// process.
    #[arg(long = "pkcs11-module", value_name = "LIB", requires = "pkcs11_uris")]
    pkcs11_module: Option<PathBuf>,
    /// A private key in the --pkcs11-module token, as an RFC 7512 URI:
    /// `pkcs11:token=LABEL;object=LABEL`, with `id=%01…` to choose by CKA_ID. Repeatable.
    #[arg(
        long = "pkcs11-uri",
        value_name = "URI",
        requires_all = ["pkcs11_module", "pin_file"]
    )]
    pkcs11_uris: Vec<String>,
    /// The token's user PIN: the first line of FILE. There is no way to give the PIN on
    /// the command line, where process lists and shell history would show it.
    #[arg(long = "pin-file", value_name = "FILE", requires = "pkcs11_uris")]
    pin_file: Option<PathBuf>,
    /// Accept AES-CBC and Triple-DES content encryption, which authenticate nothing (the
    /// result says when it was used).
    #[arg(long = "allow-legacy-encryption")]
    allow_legacy_encryption: bool,
}

#[derive(Args)]
pub(crate) struct DecryptArgs {
    #[command(flatten)]
    keys: DecryptKeyArgs,
    /// FILE is the HTTP-POST form value (base64), not the XML.
    #[arg(long)]
    base64: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// The Response (XML, or with --base64 the SAMLResponse form value).
    file: PathBuf,
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
    #[command(flatten)]
    crl: CrlArgs,
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
    /// Where accepted assertion IDs are recorded: `memory` (this process only, the
    /// default: it catches nothing across runs) or a Redis/Valkey server shared by every
    /// worker, `redis://HOST[:PORT][/DB]`, `valkey://…`, `redis+unix:///PATH`. A server
    /// that does not answer refuses the response (saml.replay_cache_unavailable).
    #[arg(long = "replay-cache", value_name = "URL", default_value = "memory")]
    replay_cache: String,
    #[command(flatten)]
    decrypt: DecryptKeyArgs,
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
        SamlCommand::Decrypt(a) => run_decrypt(a),
    }
}

pub(crate) fn json_form(cmd: &SamlCommand) -> (bool, Option<&'static RecordDesc>) {
    match cmd {
        SamlCommand::VerifyResponse(a) => (a.common.json, Some(&records::SAML_RESPONSE)),
        SamlCommand::VerifyRequest(a) => (a.common.json, Some(&records::AUTHN_REQUEST)),
        SamlCommand::Decrypt(a) => (a.json, Some(&records::UNVERIFIED_ASSERTION)),
    }
}

/// The replay cache `--replay-cache` names.
fn replay_cache_of(url: &str) -> Result<SharedReplayCache, UsageError> {
    if url == "memory" {
        // One process sees one response; the cache still enforces the rule for it.
        return Ok(SharedReplayCache::memory(1024));
    }
    RedisReplayCache::open(url)
        .map(SharedReplayCache::serialized)
        .map_err(|e| UsageError(format!("--replay-cache takes `memory` or a server: {e}")))
}

fn trust_of(c: &CommonArgs) -> Result<IssuerTrust, UsageError> {
    let mut store = store_of(&c.trust, &c.intermediates, &c.crl.crls)?;
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
    set_policy(
        call,
        c.at.as_deref(),
        c.allow_sha1,
        c.crl.allow_stale_crl,
        c.min_rsa_bits,
    )
}

/// The decryption keys of `--decrypt-key` files and `--pkcs11-uri` token objects.
fn keys_of(a: &DecryptKeyArgs) -> Result<DecryptionKeys, UsageError> {
    let mut keys = DecryptionKeys::new();
    for path in &a.decrypt_keys {
        keys.add_pem(&read(path)?)
            .map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    }
    if let (Some(module), Some(pin_file)) = (&a.pkcs11_module, &a.pin_file) {
        let pin = pin_of(pin_file)?;
        for uri in &a.pkcs11_uris {
            let key = Pkcs11Key::open(module, uri, &pin).map_err(|e| {
                UsageError(format!("--pkcs11-uri {uri}: {e} ({})", e.code().as_str()))
            })?;
            keys.add(Arc::new(key));
        }
    }
    Ok(keys)
}

/// The PIN of `--pin-file`: its first line, without the line ending.
fn pin_of(path: &PathBuf) -> Result<Zeroizing<String>, UsageError> {
    let text = Zeroizing::new(read(path)?);
    let text = core::str::from_utf8(&text)
        .map_err(|_| UsageError(format!("--pin-file {}: not UTF-8 text", path.display())))?;
    Ok(Zeroizing::new(
        text.lines().next().unwrap_or("").to_string(),
    ))
}

/// The message: FILE, or the XML its HTTP-POST form value decodes to.
fn input(c: &CommonArgs, file: &PathBuf) -> Result<Result<Vec<u8>, Refusal>, UsageError> {
    input_of(c.base64, file)
}

fn input_of(base64: bool, file: &PathBuf) -> Result<Result<Vec<u8>, Refusal>, UsageError> {
    let bytes = read(file)?;
    if !base64 {
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
    let keys = keys_of(&a.decrypt)?;
    let cache = replay_cache_of(&a.replay_cache)?;
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
            if !keys.is_empty() {
                set(&mut call, "decrypt_keys", ArgValue::DecryptionKeys(&keys))?;
            }
            set(
                &mut call,
                "allow_legacy_encryption",
                ArgValue::Bool(a.decrypt.allow_legacy_encryption),
            )?;
            value_of(output::run(call))
        }
        Err(e) => Err(e),
    };
    if let Err(Refusal::Usage(msg)) = result {
        return Err(UsageError(msg));
    }
    let result = result.map_err(|r| unsolicited_hint(r, a.request_id.as_deref()));
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

fn run_decrypt(a: &DecryptArgs) -> Result<ExitCode, UsageError> {
    let keys = keys_of(&a.keys)?;
    let result = match input_of(a.base64, &a.file)? {
        Ok(xml) => {
            let mut call = Call::new(&ops::DECRYPT_SAML_ASSERTION);
            set(&mut call, "xml", ArgValue::Bytes(&xml))?;
            set(&mut call, "keys", ArgValue::DecryptionKeys(&keys))?;
            set(
                &mut call,
                "allow_legacy_encryption",
                ArgValue::Bool(a.keys.allow_legacy_encryption),
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
        &records::UNVERIFIED_ASSERTION,
        result.as_ref(),
        |_| {},
        print_unverified,
    ))
}

/// The decrypted assertion for people, under a line that says it is not verified.
fn print_unverified(v: &Value) {
    println!("decrypted, NOT verified: no signature was checked");
    if let Some(d @ Value::Record(_)) = output::field(v, "decrypted") {
        println!(
            "  {}: {}, key {}",
            output::text_of(d, "element").unwrap_or("-"),
            output::text_of(d, "content_algorithm").unwrap_or("-"),
            output::text_of(d, "key_algorithm").unwrap_or("-")
        );
    }
    if let Some(Value::Xml(xml)) = output::field(v, "xml") {
        println!("{xml}");
    }
}

/// A solicited response checked without `--request-id` is refused by the core as
/// answering another request; the command line says what was missing instead.
fn unsolicited_hint(r: Refusal, request_id: Option<&str>) -> Refusal {
    let found = match (&r, request_id) {
        (
            Refusal::Core(trustmeta::Error::Saml(SamlError::InResponseToMismatch { found })),
            None,
        ) if !found.is_empty() => found.clone(),
        _ => return r,
    };
    let Refusal::Core(e) = r else { return r };
    let msg = format!(
        "the response answers request {found:?} (InResponseTo), but no --request-id was \
         given, so only unsolicited responses are accepted: pass --request-id {found} if \
         that is the ID of the AuthnRequest you sent"
    );
    Refusal::Explained(e, msg)
}
