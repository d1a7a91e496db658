//! `trustmeta`: verify signed trust metadata from the command line.
//!
//! Exit status: 0 verified, 1 rejected (anything wrong with the document), 2 usage or
//! I/O error.

mod emrex;
mod metadata;
mod metadata_state;
mod ocsp;
mod output;
mod read_ahead;
mod saml;
mod smp_lookup;
mod tsl;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Parser, Subcommand};
use serde_json::Value as JsonValue;
use trustmeta::{Certificate, DateTime, DocumentId, ParticipantId, ProcessId, TrustStore};
use trustmeta_table::ops::{self, ArgValue, Call, Output};
use trustmeta_table::{records, to_json, Value};

use output::Refusal;

#[derive(Parser)]
#[command(
    name = "trustmeta",
    version,
    about = "Verify signed trust metadata (XML-DSig) against trust anchors you name"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify the XML signature of FILE.
    Verify(VerifyArgs),
    /// SMP service metadata: verify a record, compute lookup names.
    #[command(subcommand)]
    Smp(SmpCommand),
    /// EMREX: list the NCPs of an EMREG registry list, verify ELMO result files.
    #[command(subcommand)]
    Emrex(emrex::EmrexCommand),
    /// ETSI trusted lists: verify one, map an OpenNCP list to SMP records.
    #[command(subcommand)]
    Tsl(tsl::TslCommand),
    /// OCSP (RFC 6960): verify a response about a certificate, build a request.
    #[command(subcommand)]
    Ocsp(ocsp::OcspCommand),
    /// SAML: verify responses and authentication requests (STORK, eIDAS).
    #[command(subcommand)]
    Saml(saml::SamlCommand),
    /// SAML metadata: verify federation aggregates (streamed when large).
    #[command(subcommand)]
    Metadata(metadata::MetadataCommand),
    /// Print the completion script for SHELL: e.g. `trustmeta completions bash >
    /// /etc/bash_completion.d/trustmeta`.
    Completions(CompletionsArgs),
    /// Write the manual pages, one per command (trustmeta.1, trustmeta-smp-verify.1, …),
    /// into DIR; without DIR, print trustmeta.1 (`trustmeta man | man -l -`).
    Man(ManArgs),
}

#[derive(Parser)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Parser)]
struct ManArgs {
    /// The directory the pages are written to (created when missing).
    dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum SmpCommand {
    /// Verify a signed SMP ServiceMetadata record (OASIS SMP 1.0/2.0, PEPPOL) and print
    /// the endpoints that answer the question.
    Verify(SmpVerifyArgs),
    /// Verify an SMP ServiceGroup (the participant's list of document types). Unsigned
    /// groups are refused unless --allow-unsigned.
    #[command(name = "verify-group")]
    VerifyGroup(SmpVerifyGroupArgs),
    /// Print the DNS name under which PARTICIPANT's SMP is published: the BDXL (NAPTR)
    /// name, or with --cname the PEPPOL SML CNAME.
    Name(SmpNameArgs),
    /// Look a participant up end to end: DNS (BDXL NAPTR, else the PEPPOL SML CNAME),
    /// fetch its record for DOCUMENT over HTTP(S), verify it (one redirect at most), and
    /// print the endpoints. With --cache, records are kept on disk and revalidated.
    Lookup(smp_lookup::SmpLookupArgs),
}

#[derive(Parser)]
struct SmpVerifyArgs {
    /// A trusted certificate or public key (PEM or DER): the SMP's CA or its own
    /// certificate. Repeatable.
    #[arg(long = "trust", value_name = "CERT", required = true)]
    trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM, or one DER certificate). Repeatable.
    #[arg(long = "intermediate", value_name = "CERT")]
    intermediates: Vec<PathBuf>,
    #[command(flatten)]
    crl: CrlArgs,
    /// The participant asked for, as scheme::value.
    #[arg(long, value_name = "ID")]
    participant: String,
    /// The document type asked for, as scheme::value.
    #[arg(long, value_name = "ID")]
    document: String,
    /// The process asked for, as scheme::value: the record must list it.
    #[arg(long, value_name = "ID")]
    process: Option<String>,
    /// The transport profile asked for: only its endpoints are returned.
    #[arg(long = "transport-profile", value_name = "PROFILE")]
    transport_profile: Option<String>,
    /// Verification time (RFC 3339), instead of the system clock.
    #[arg(long = "at", value_name = "RFC3339")]
    at: Option<String>,
    /// Accept legacy SHA-1 (still used by PEPPOL SMPs); the result reports it.
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Follow a redirect: FILE must verify and redirect; TARGET, the record fetched from
    /// its href, is verified for the same question and must be signed by the certificate
    /// the redirect names. The output is TARGET's.
    #[arg(long = "redirect-target", value_name = "TARGET")]
    redirect_target: Option<PathBuf>,
    /// Also verify the signatures inside Extension elements (the eHealth owner
    /// signature), each over the element it covers, against this anchor (PEM or DER; the
    /// owner's certificate or its CA). Repeatable. Reported as "owner_signatures"; the
    /// exit status is 1 if they fail.
    #[arg(long = "owner-trust", value_name = "CERT")]
    owner_trust: Vec<PathBuf>,
    /// Also check each active endpoint's certificate against this access-point anchor
    /// (PEM or DER; e.g. the PEPPOL AP CA). Repeatable. Each endpoint then reports
    /// "certificate_trusted" and "certificate_error" (the code); an untrusted endpoint
    /// certificate is reported, not an exit status.
    #[arg(long = "ap-trust", value_name = "CERT")]
    ap_trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates for --ap-trust paths. Repeatable.
    #[arg(long = "ap-intermediate", value_name = "CERT")]
    ap_intermediates: Vec<PathBuf>,
    /// The signed SMP record (with --redirect-target: the redirecting record).
    file: PathBuf,
}

#[derive(Parser)]
struct SmpVerifyGroupArgs {
    /// A trusted certificate or public key (PEM or DER): the SMP's CA or its own
    /// certificate. Repeatable.
    #[arg(long = "trust", value_name = "CERT", required = true)]
    trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM, or one DER certificate). Repeatable.
    #[arg(long = "intermediate", value_name = "CERT")]
    intermediates: Vec<PathBuf>,
    #[command(flatten)]
    crl: CrlArgs,
    /// The participant asked for, as scheme::value.
    #[arg(long, value_name = "ID")]
    participant: String,
    /// Accept an unsigned group (most SMPs do not sign them; it then proves nothing
    /// about who published it).
    #[arg(long = "allow-unsigned")]
    allow_unsigned: bool,
    /// Verification time (RFC 3339), instead of the system clock.
    #[arg(long = "at", value_name = "RFC3339")]
    at: Option<String>,
    /// Accept legacy SHA-1.
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// The ServiceGroup.
    file: PathBuf,
}

#[derive(Parser)]
struct SmpNameArgs {
    /// The participant, as scheme::value.
    participant: String,
    /// The SML/BDXL zone, e.g. edelivery.tech.ec.europa.eu.
    #[arg(long, value_name = "ZONE")]
    zone: String,
    /// Print the PEPPOL SML CNAME (B-hex(MD5)) instead of the BDXL NAPTR name.
    #[arg(long)]
    cname: bool,
}

#[derive(Parser)]
struct VerifyArgs {
    /// A trusted certificate or public key (PEM, several per file allowed, or DER): the
    /// signer's own certificate or a CA that issued it. Repeatable.
    #[arg(long = "trust", value_name = "CERT", required = true)]
    trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates (PEM) that may complete a path. Repeatable.
    #[arg(long = "intermediate", value_name = "PEM")]
    intermediates: Vec<PathBuf>,
    #[command(flatten)]
    crl: CrlArgs,
    /// Verification time (RFC 3339), instead of the system clock.
    #[arg(long = "at", value_name = "RFC3339")]
    at: Option<String>,
    /// Accept legacy SHA-1 (rsa-sha1, sha1 digests); the result reports it.
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// The signed XML document.
    file: PathBuf,
}

/// Certificate revocation lists for the paths of `--trust`, wherever `--intermediate` is
/// taken.
#[derive(clap::Args)]
pub(crate) struct CrlArgs {
    /// A certificate revocation list of a CA on the signer's path (PEM, several per file
    /// allowed, or DER): a certificate it lists is refused, and so is a path whose CRL is
    /// past its nextUpdate. Repeatable.
    #[arg(long = "crl", value_name = "CRL")]
    pub(crate) crls: Vec<PathBuf>,
    /// Accept a certificate path whose CRL is past its nextUpdate (revocation status then
    /// unknown).
    #[arg(long = "allow-stale-crl")]
    pub(crate) allow_stale_crl: bool,
}

/// A usage or I/O problem: exit status 2.
struct UsageError(String);

/// A reader that went away (`trustmeta metadata list | head`) is not an error of ours:
/// `println!` panics when stdout is a closed pipe, so that one panic ends the process
/// quietly with the status a shell gives a process killed by SIGPIPE. Every other panic
/// is reported as before.
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A command asked for JSON gets JSON, even when its arguments do not parse.
        Err(e) if e.use_stderr() && std::env::args().any(|a| a == "--json") => {
            // clap's first paragraph, on one line: what is wrong, without the usage.
            let rendered = e.to_string();
            let msg: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(|l| l.trim().trim_start_matches("error: "))
                .collect();
            print_usage_json(None, &msg.join(" "));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    let (json, desc) = match &cli.command {
        Command::Verify(args) => (args.json, Some(&records::DOCUMENT)),
        Command::Smp(SmpCommand::Verify(args)) => (args.json, Some(&records::SERVICE_METADATA)),
        Command::Smp(SmpCommand::VerifyGroup(args)) => (args.json, Some(&records::SERVICE_GROUP)),
        Command::Smp(SmpCommand::Name(_)) => (false, None),
        Command::Smp(SmpCommand::Lookup(args)) => (args.json, Some(&records::SERVICE_METADATA)),
        Command::Emrex(cmd) => emrex::json_form(cmd),
        Command::Tsl(cmd) => tsl::json_form(cmd),
        Command::Ocsp(cmd) => ocsp::json_form(cmd),
        Command::Saml(cmd) => saml::json_form(cmd),
        Command::Metadata(cmd) => metadata::json_form(cmd),
        Command::Completions(_) | Command::Man(_) => (false, None),
    };
    let result = match &cli.command {
        Command::Verify(args) => run_verify(args),
        Command::Smp(SmpCommand::Verify(args)) => run_smp_verify(args),
        Command::Smp(SmpCommand::VerifyGroup(args)) => run_smp_verify_group(args),
        Command::Smp(SmpCommand::Name(args)) => run_smp_name(args),
        Command::Smp(SmpCommand::Lookup(args)) => smp_lookup::run(args),
        Command::Emrex(cmd) => emrex::run(cmd),
        Command::Tsl(cmd) => tsl::run(cmd),
        Command::Ocsp(cmd) => ocsp::run(cmd),
        Command::Saml(cmd) => saml::run(cmd),
        Command::Metadata(cmd) => metadata::run(cmd),
        Command::Completions(args) => run_completions(args),
        Command::Man(args) => run_man(args),
    };
    match result {
        Ok(code) => code,
        Err(UsageError(msg)) => {
            if json {
                print_usage_json(desc, &msg);
            } else {
                eprintln!("trustmeta: {msg}");
            }
            ExitCode::from(2)
        }
    }
}

fn run_completions(args: &CompletionsArgs) -> Result<ExitCode, UsageError> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "trustmeta", &mut script);
    write_stdout(&script)
}

/// Writes `bytes` to standard output; a reader that went away ends the process quietly
/// (see [`quiet_on_closed_stdout`]).
fn write_stdout(bytes: &[u8]) -> Result<ExitCode, UsageError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => Err(UsageError(format!("cannot write to standard output: {e}"))),
    }
}

fn run_man(args: &ManArgs) -> Result<ExitCode, UsageError> {
    let cmd = <Cli as clap::CommandFactory>::command();
    match &args.dir {
        Some(dir) => {
            let io = |e: std::io::Error| UsageError(format!("cannot write {}: {e}", dir.display()));
            std::fs::create_dir_all(dir).map_err(io)?;
            clap_mangen::generate_to(cmd, dir).map_err(io)?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut page)
                .map_err(|e| UsageError(format!("cannot render the manual page: {e}")))?;
            return write_stdout(&page);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A usage error as the JSON a command prints: the members of its result, null.
fn print_usage_json(desc: Option<&'static trustmeta_table::RecordDesc>, msg: &str) {
    let refusal = Refusal::Usage(msg.to_owned());
    let m = match desc {
        Some(d) => output::object(d, Err(&refusal)),
        None => {
            let mut m = serde_json::Map::new();
            m.insert("valid".into(), JsonValue::Bool(false));
            m.insert("error".into(), output::refusal_json(&refusal));
            m
        }
    };
    println!("{}", JsonValue::Object(m));
}

/// Whether `path` is `-`, which names standard input.
fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// The bytes of `path`; `-` reads standard input.
fn read(path: &PathBuf) -> Result<Vec<u8>, UsageError> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map_err(|e| UsageError(format!("cannot read standard input: {e}")))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))
}

/// Why a `--trust`-like file (`flag`) is not a certificate or public key, in words that
/// say what was given and what is accepted, from the core's refusal `e`.
fn trust_file_error(
    flag: &str,
    path: &std::path::Path,
    bytes: &[u8],
    e: &dyn core::fmt::Display,
) -> UsageError {
    if let Some(form) = trustmeta::private_key_form(bytes) {
        return UsageError(format!(
            "{flag} {}: this is a private key ({form}); {flag} takes the signer's certificate or \
             public key (PEM CERTIFICATE or PUBLIC KEY blocks, or one DER certificate or public \
             key), never a private key",
            path.display()
        ));
    }
    let text = String::from_utf8_lossy(bytes);
    if text.contains("-----BEGIN") {
        return UsageError(format!(
            "{flag} {}: no usable PEM CERTIFICATE, PUBLIC KEY or RSA PUBLIC KEY block ({e}); \
             {flag} takes the signer's certificate or public key",
            path.display()
        ));
    }
    UsageError(format!(
        "{flag} {}: not a PEM certificate or public key, nor a DER certificate or public key \
         ({e}); {flag} accepts PEM (CERTIFICATE, PUBLIC KEY or RSA PUBLIC KEY blocks, any number \
         per file) or one DER certificate or SubjectPublicKeyInfo",
        path.display()
    ))
}

fn now_or(at: Option<&str>) -> Result<DateTime, UsageError> {
    match at {
        Some(s) => DateTime::parse_rfc3339(s).map_err(|e| UsageError(format!("--at {s:?}: {e}"))),
        None => {
            let secs = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_err(|e| UsageError(e.to_string()))?
                .as_secs();
            Ok(DateTime::from_unix(i64::try_from(secs).unwrap_or(i64::MAX)))
        }
    }
}

/// `now`, `allow_sha1`, `allow_stale_crl` and `min_rsa_bits` of an operation, from
/// `--at`, `--allow-sha1`, `--allow-stale-crl` and `--min-rsa-bits`.
fn set_policy(
    call: &mut Call<'_>,
    at: Option<&str>,
    allow_sha1: bool,
    allow_stale_crl: bool,
    min_rsa_bits: u32,
) -> Result<(), UsageError> {
    set(call, "now", ArgValue::Time(now_or(at)?))?;
    set(call, "allow_sha1", ArgValue::Bool(allow_sha1))?;
    set(call, "allow_stale_crl", ArgValue::Bool(allow_stale_crl))?;
    if call.op().arg("min_rsa_bits").is_some() {
        set(call, "min_rsa_bits", ArgValue::Int(i64::from(min_rsa_bits)))?;
    }
    Ok(())
}

/// Gives an argument; the table refuses only what the command line cannot have
/// checked.
fn set<'a>(call: &mut Call<'a>, name: &str, value: ArgValue<'a>) -> Result<(), UsageError> {
    call.set(name, value)
        .map_err(|e| UsageError(output::usage(&e)))
}

/// Gives an optional text argument.
fn set_opt<'a>(call: &mut Call<'a>, name: &str, value: Option<&str>) -> Result<(), UsageError> {
    match value {
        Some(v) => set(call, name, ArgValue::Text(v.to_owned())),
        None => Ok(()),
    }
}

/// The value of an operation that returns one.
fn value_of(out: Result<Output, Refusal>) -> Result<Value, Refusal> {
    out.map(|o| match o {
        Output::Value(v) | Output::Metadata(v, _) | Output::Tsl(v, _) => v,
        _ => Value::Null,
    })
}

fn run_verify(args: &VerifyArgs) -> Result<ExitCode, UsageError> {
    let store = store_of(&args.trust, &args.intermediates, &args.crl.crls)?;
    let xml = read(&args.file)?;
    let mut call = Call::new(&ops::VERIFY);
    set(&mut call, "xml", ArgValue::Bytes(&xml))?;
    set(&mut call, "store", ArgValue::Store(&store))?;
    set_policy(
        &mut call,
        args.at.as_deref(),
        args.allow_sha1,
        args.crl.allow_stale_crl,
        args.min_rsa_bits,
    )?;
    let result = value_of(output::run(call));
    Ok(output::emit(
        args.json,
        &records::DOCUMENT,
        result.as_ref(),
        |_| {},
        |v| output::print_text("signature", v),
    ))
}

/// Pins the keys of the certificates in each `--trust-key` file, their validity
/// ignored (the SAML metadata interoperability profile trusts keys, not certificates).
fn add_trust_keys(store: &mut TrustStore, paths: &[PathBuf]) -> Result<(), UsageError> {
    for p in paths {
        store
            .add_keys_pem(&read(p)?)
            .map_err(|e| UsageError(format!("--trust-key {}: {e}", p.display())))?;
    }
    Ok(())
}

/// A store of the `--trust` files, the `--intermediate` certificates and the `--crl`
/// revocation lists.
fn store_of(
    trust: &[PathBuf],
    intermediates: &[PathBuf],
    crls: &[PathBuf],
) -> Result<TrustStore, UsageError> {
    let mut store = TrustStore::new();
    for p in trust {
        let bytes = read(p)?;
        store
            .add_pem(&bytes)
            .map_err(|e| trust_file_error("--trust", p, &bytes, &e))?;
    }
    for p in intermediates {
        let bytes = read(p)?;
        if store.add_intermediates_pem(&bytes).is_err() {
            let cert = Certificate::from_der(&bytes)
                .map_err(|e| UsageError(format!("--intermediate {}: {e}", p.display())))?;
            store.add_intermediate(cert);
        }
    }
    for p in crls {
        store
            .add_crls_pem(&read(p)?)
            .map_err(|e| UsageError(format!("--crl {}: {e}", p.display())))?;
    }
    Ok(store)
}

/// An SMP operation's call with the question of `args`.
fn smp_call<'a>(
    op: &'static trustmeta_table::ops::OpDesc,
    store: &'a TrustStore,
    args: &SmpVerifyArgs,
) -> Result<Call<'a>, UsageError> {
    // A malformed question is the caller's mistake, not the record's.
    let id = |flag: &str, e: trustmeta::SmpError| {
        UsageError(format!("--{flag}: {}", trustmeta::Error::from(e)))
    };
    ParticipantId::parse(&args.participant).map_err(|e| id("participant", e))?;
    DocumentId::parse(&args.document).map_err(|e| id("document", e))?;
    if let Some(p) = &args.process {
        ProcessId::parse(p).map_err(|e| id("process", e))?;
    }
    let mut call = Call::new(op);
    set(&mut call, "store", ArgValue::Store(store))?;
    set(
        &mut call,
        "participant",
        ArgValue::Text(args.participant.clone()),
    )?;
    set(&mut call, "document", ArgValue::Text(args.document.clone()))?;
    set_opt(&mut call, "process", args.process.as_deref())?;
    set_opt(
        &mut call,
        "transport_profile",
        args.transport_profile.as_deref(),
    )?;
    set_policy(
        &mut call,
        args.at.as_deref(),
        args.allow_sha1,
        args.crl.allow_stale_crl,
        args.min_rsa_bits,
    )?;
    Ok(call)
}

fn run_smp_verify(args: &SmpVerifyArgs) -> Result<ExitCode, UsageError> {
    let store = store_of(&args.trust, &args.intermediates, &args.crl.crls)?;
    let xml = read(&args.file)?;
    let ap = match args.ap_trust.is_empty() {
        true => None,
        false => Some(store_of(&args.ap_trust, &args.ap_intermediates, &[])?),
    };
    let owners = match args.owner_trust.is_empty() {
        true => None,
        false => Some(store_of(&args.owner_trust, &[], &[])?),
    };
    // The record whose result is reported: FILE, or TARGET when following a redirect.
    let target = args.redirect_target.as_ref().map(read).transpose()?;
    let reported = target.as_deref().unwrap_or(&xml);
    let mut result = match &target {
        Some(target) => {
            let mut call = smp_call(&ops::VERIFY_SMP_REDIRECT, &store, args)?;
            set(&mut call, "first", ArgValue::Bytes(&xml))?;
            set(&mut call, "target", ArgValue::Bytes(target))?;
            value_of(output::run(call))
        }
        None => Ok(Value::Null),
    };
    // The endpoints reported (and checked against --ap-trust) are the reported record's.
    if result.is_ok() {
        let mut call = smp_call(&ops::VERIFY_SMP, &store, args)?;
        set(&mut call, "xml", ArgValue::Bytes(reported))?;
        if let Some(ap) = &ap {
            set(&mut call, "ap_store", ArgValue::Store(ap))?;
        }
        result = value_of(output::run(call));
    }
    if let Err(Refusal::Usage(msg)) = &result {
        return Err(UsageError(msg.clone()));
    }
    // Owner signatures are checked only in a record that verified.
    let owner_result = match (&owners, &result) {
        (Some(owners), Ok(_)) => {
            let mut call = Call::new(&ops::VERIFY_SMP_EXTENSION_SIGNATURES);
            set(&mut call, "xml", ArgValue::Bytes(reported))?;
            set(&mut call, "store", ArgValue::Store(owners))?;
            set_policy(
                &mut call,
                args.at.as_deref(),
                args.allow_sha1,
                args.crl.allow_stale_crl,
                args.min_rsa_bits,
            )?;
            Some(value_of(output::run(call)))
        }
        _ => None,
    };
    let owners_ok = !matches!(owner_result, Some(Err(_)));
    let code = output::emit(
        args.json,
        &records::SERVICE_METADATA,
        result.as_ref(),
        |m| {
            let owners = owner_result.as_ref().map_or(JsonValue::Null, |r| {
                let (error, signatures) = match r {
                    Ok(list) => (JsonValue::Null, to_json(list)),
                    Err(e) => (output::refusal_json(e), JsonValue::Array(Vec::new())),
                };
                serde_json::json!({"valid": r.is_ok(), "error": error, "signatures": signatures})
            });
            m.insert("owner_signatures".into(), owners);
        },
        |v| print_smp(v, owner_result.as_ref()),
    );
    Ok(if code == ExitCode::SUCCESS && !owners_ok {
        ExitCode::from(1)
    } else {
        code
    })
}

/// An SMP result for people, with what `--owner-trust` found of its owner signatures
/// (`None`: not asked).
pub(crate) fn print_smp(v: &Value, owners: Option<&Result<Value, Refusal>>) {
    println!(
        "verified ({})",
        output::text_of(v, "version").unwrap_or("-")
    );
    if let Some(s) = output::text_of(v, "signer_subject") {
        println!("  signer:    {s}");
    }
    if let Some(p) = output::text_of(v, "participant") {
        println!("  participant: {p}");
    }
    if let Some(d) = output::text_of(v, "document") {
        println!("  document:  {d}");
    }
    let endpoint = |e: &Value| {
        format!(
            "{} {}",
            output::text_of(e, "transport_profile").unwrap_or("-"),
            output::text_of(e, "uri").unwrap_or("-")
        )
    };
    for e in output::list_of(v, "endpoints") {
        println!("  endpoint:  {}", endpoint(e));
        if let Some(c) = output::text_of(e, "certificate_sha256") {
            println!("    certificate sha256 {c}");
        }
        match (
            output::field(e, "activation"),
            output::field(e, "expiration"),
        ) {
            (Some(Value::Time(from)), Some(Value::Time(to))) => {
                println!("    active    {from} to {to}")
            }
            (Some(Value::Time(from)), _) => println!("    active    from {from}"),
            (_, Some(Value::Time(to))) => println!("    active    until {to}"),
            _ => {}
        }
        match (
            output::field(e, "certificate_trusted"),
            output::text_of(e, "certificate_error"),
        ) {
            (Some(Value::Bool(true)), _) => println!("    certificate trusted (--ap-trust)"),
            (Some(Value::Bool(false)), code) => {
                println!("    certificate not trusted: {}", code.unwrap_or("-"));
            }
            _ => {}
        }
    }
    for f in output::list_of(v, "filtered_endpoints") {
        let e = output::field(f, "endpoint").unwrap_or(&Value::Null);
        println!(
            "  filtered:  {}: {}",
            endpoint(e),
            output::text_of(f, "message").unwrap_or("-")
        );
    }
    if let Some(r @ Value::Record(_)) = output::field(v, "redirect") {
        println!("  redirect:  {}", output::text_of(r, "href").unwrap_or("-"));
        if let Some(uid) = output::text_of(r, "certificate_uid") {
            println!("    signer must be {uid}");
        }
    }
    match owners {
        Some(Ok(Value::List(sigs))) => {
            for s in sigs {
                println!(
                    "  owner signature over {}: verified, signed by {}",
                    output::text_of(s, "covered_element").unwrap_or("-"),
                    output::text_of(s, "signer_subject").unwrap_or("a pinned key")
                );
            }
        }
        Some(Err(Refusal::Core(e))) => {
            println!("  owner signature: rejected: {} ({})", e, e.code());
        }
        _ => {
            if let Some(Value::Int(n @ 1..)) = output::field(v, "other_signatures") {
                println!("  other signatures (not verified; --owner-trust checks them): {n}");
            }
        }
    }
    let legacy = output::list_of(v, "legacy_algorithms");
    if !legacy.is_empty() {
        let names: Vec<&str> = legacy
            .iter()
            .filter_map(|l| match l {
                Value::Str(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        println!("  legacy:    {} (allowed by policy)", names.join(", "));
    }
    if let Some(Value::Time(t)) = output::field(v, "verified_at") {
        println!("  at:        {t}");
    }
}

fn run_smp_verify_group(args: &SmpVerifyGroupArgs) -> Result<ExitCode, UsageError> {
    let store = store_of(&args.trust, &args.intermediates, &args.crl.crls)?;
    let xml = read(&args.file)?;
    let mut call = Call::new(&ops::VERIFY_SERVICE_GROUP);
    set(&mut call, "xml", ArgValue::Bytes(&xml))?;
    set(&mut call, "store", ArgValue::Store(&store))?;
    set(
        &mut call,
        "participant",
        ArgValue::Text(args.participant.clone()),
    )?;
    set(
        &mut call,
        "allow_unsigned",
        ArgValue::Bool(args.allow_unsigned),
    )?;
    set_policy(
        &mut call,
        args.at.as_deref(),
        args.allow_sha1,
        args.crl.allow_stale_crl,
        args.min_rsa_bits,
    )?;
    let result = value_of(output::run(call));
    Ok(output::emit(
        args.json,
        &records::SERVICE_GROUP,
        result.as_ref(),
        |_| {},
        |g| {
            let version = output::text_of(g, "version").unwrap_or("-");
            match output::field(g, "signed") {
                Some(Value::Bool(true)) => {
                    println!("verified ({version})");
                    if let Some(s) = output::text_of(g, "signer_subject") {
                        println!("  signer:    {s}");
                    }
                }
                _ => println!("unsigned, accepted by --allow-unsigned ({version})"),
            }
            println!(
                "  participant: {}",
                output::text_of(g, "participant").unwrap_or("-")
            );
            for r in output::list_of(g, "references") {
                match (output::text_of(r, "document"), output::text_of(r, "href")) {
                    (Some(d), _) => println!("  document:  {d}"),
                    (None, Some(h)) => println!("  reference: {h}"),
                    (None, None) => println!("  reference: (empty)"),
                }
            }
        },
    ))
}

fn run_smp_name(args: &SmpNameArgs) -> Result<ExitCode, UsageError> {
    let mut call = Call::new(&ops::SMP_NAME);
    set(
        &mut call,
        "participant",
        ArgValue::Text(args.participant.clone()),
    )?;
    set(&mut call, "zone", ArgValue::Text(args.zone.clone()))?;
    set(&mut call, "cname", ArgValue::Bool(args.cname))?;
    match value_of(output::run(call)) {
        Ok(Value::Str(name)) => {
            println!("{name}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(_) => Err(UsageError("no name".into())),
        Err(Refusal::Core(e)) => Err(UsageError(format!("PARTICIPANT: {e}"))),
        Err(
            Refusal::Usage(msg) | Refusal::Explained(_, msg) | Refusal::Other { message: msg, .. },
        ) => Err(UsageError(msg)),
    }
}
