//! `trustmeta metadata refresh | entity | list`: a state directory holding the last
//! verified copy of a metadata aggregate, replaced only by a newer copy that verifies.
//!
//! The state directory, the refresh and the entity index are the hosted layer's
//! ([`trustmeta_hosted::metadata`]); this module reads the arguments and prints.

use core::time::Duration as StdDuration;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use serde_json::{json, Value};
use trustmeta::{EtoegangRole, Policy, VerifiedMetadata};
use trustmeta_hosted::metadata::{
    EntityIndex, IndexEntry, MetadataSource, RefreshError, RefreshOptions, Refreshed, StateError,
};
use trustmeta_table::{records, Describe};

use crate::metadata::{metadata_store, profile_of, summary_json};
use crate::output::{self, Refusal};
use crate::{now_or, UsageError};

#[derive(Args)]
pub(crate) struct RefreshArgs {
    /// Where the aggregate is published: an http:// or https:// URL, or a local file.
    #[arg(long, value_name = "URL|FILE")]
    source: String,
    /// The federation's metadata signing certificate (PEM or DER), or a CA that issued
    /// it. Repeatable.
    #[arg(
        long = "trust",
        value_name = "CERT",
        required_unless_present = "trust_key"
    )]
    trust: Vec<PathBuf>,
    /// Trust only the key of this certificate (PEM), ignoring its validity period.
    /// Repeatable.
    #[arg(long = "trust-key", value_name = "CERT")]
    trust_key: Vec<PathBuf>,
    /// The state directory (created when missing).
    #[arg(long, value_name = "DIR")]
    state: PathBuf,
    /// Check the eToegang aggregate profile too.
    #[arg(long, value_name = "PROFILE", default_value = "generic")]
    profile: String,
    /// Accept a copy that is not newer (a lower or equal eToegang sequence number, an
    /// older creationInstant, another environment), and fetch unconditionally.
    #[arg(long)]
    force: bool,
    /// Verify as of this time (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Accept rsa-sha1 and SHA-1 digests (older federations).
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Give up on a download after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    timeout: u64,
    /// Refuse an aggregate larger than this many bytes, fetched or read from a file
    /// (the largest federations publish about 100 MB).
    #[arg(long = "max-bytes", value_name = "BYTES", default_value_t = 512 << 20)]
    max_bytes: u64,
    /// The exit status when nothing changed (HTTP 304, or the same bytes as the copy
    /// held). Default 0: an unchanged aggregate is a refresh that succeeded, and cron,
    /// systemd timers and monitoring read any other status as a failure. Give 3 (the
    /// status of earlier versions) to tell "unchanged" from "updated" in a script.
    #[arg(
        long = "exit-unchanged",
        value_name = "N",
        default_value_t = 0,
        value_parser = clap::value_parser!(u8).range(0..=125)
    )]
    exit_unchanged: u8,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Args)]
pub(crate) struct EntityArgs {
    /// The entityID, as the parser reads it (`&` rather than `&amp;`).
    entity_id: String,
    /// The state directory written by `metadata refresh`.
    #[arg(long, value_name = "DIR")]
    state: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Args)]
pub(crate) struct ListArgs {
    /// Only entities with this role: a SAML role (idp, sp, aa for attribute authority, pdp)
    /// or an eToegang role (ad, mr, kr, eb, hm, dv). The eToegang roles are the ones an
    /// entity plays when messages are validated, so `ad` and `mr` include the
    /// eIDAS-berichtenservice (eb); the `group` column tells them apart.
    #[arg(long, value_name = "ROLE")]
    role: Option<String>,
    /// The state directory written by `metadata refresh`.
    #[arg(long, value_name = "DIR")]
    state: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
struct Progress {
    on: bool,
    last: Instant,
    drawn: Option<(u64, Option<u64>)>,
}

impl Progress {
    fn new() -> Self {
        Progress {
            on: std::io::stderr().is_terminal(),
            last: Instant::now(),
            drawn: None,
        }
    }

    fn add(&mut self, done: u64, total: Option<u64>) {
        self.drawn = Some((done, total));
        if self.on && self.last.elapsed() >= StdDuration::from_millis(100) {
            self.last = Instant::now();
            Self::draw(done, total);
        }
    }

    fn draw(done: u64, total: Option<u64>) {
        let mib = done as f64 / (1024.0 * 1024.0);
        let line = match total {
            Some(t) if t > 0 => {
                let part = (done.min(t) * 30 / t) as usize;
                format!(
                    "\r[{}{}] {:5.1} MiB {:3}%",
                    "#".repeat(part),
                    " ".repeat(30 - part),
                    mib,
                    done.min(t) * 100 / t
                )
            }
            _ => format!("\r{mib:.1} MiB"),
        };
        eprint!("{line}");
    }

    fn finish(&self) {
        if let (true, Some((done, total))) = (self.on, self.drawn) {
            Self::draw(done, total);
            eprintln!();
        }
    }
}

/// How a refresh ended.
enum Outcome {
    Updated(Box<VerifiedMetadata>, String),
    Unchanged(String),
    Rejected(String, Option<String>),
    /// The source could not be read (network, HTTP status, missing file, too large).
    Failed(String),
}

pub(crate) fn run_refresh(a: &RefreshArgs) -> Result<ExitCode, UsageError> {
    let store = metadata_store(&a.trust, &a.trust_key)?;
    let profile = profile_of(&a.profile)?;
    let now = now_or(a.at.as_deref())?;
    let policy = Policy {
        allow_sha1: a.allow_sha1,
        min_rsa_bits: a.min_rsa_bits,
        ..Policy::default()
    };
    let source = MetadataSource::new(a.source.clone(), a.state.clone(), store, policy, profile);
    let mut options = RefreshOptions::default();
    options.force = a.force;
    options.at = Some(now);
    options.timeout = StdDuration::from_secs(a.timeout);
    options.max_bytes = a.max_bytes;
    let mut progress = Progress::new();
    let result =
        source.refresh_with_progress(&options, &mut |done, total| progress.add(done, total));
    progress.finish();
    let outcome = match result {
        Ok(Refreshed::Updated { metadata, sha256 }) => Outcome::Updated(metadata, sha256),
        Ok(Refreshed::Unchanged { reason }) => Outcome::Unchanged(reason),
        Err(e @ (RefreshError::Rejected(_) | RefreshError::NotNewer(_))) => {
            Outcome::Rejected(e.to_string(), Some(e.code().to_string()))
        }
        Err(RefreshError::Fetch(m)) => {
            Outcome::Failed(m.replace("is larger than the limit of", "is larger than --max-bytes"))
        }
        Err(e) => return Err(UsageError(e.to_string())),
    };
    Ok(report(a, outcome))
}

fn index_of(dir: &Path) -> Result<EntityIndex, UsageError> {
    EntityIndex::open(dir).map_err(|e| match e {
        StateError::NoCopy(m) => {
            UsageError(format!("{m} (run `trustmeta metadata refresh` first)"))
        }
        StateError::Stale(m) => {
            UsageError(format!("{m}; run `trustmeta metadata refresh --force`"))
        }
        e => UsageError(e.to_string()),
    })
}

fn report(a: &RefreshArgs, outcome: Outcome) -> ExitCode {
    // Every outcome prints the same members: the verified metadata's (null unless
    // updated), `status`, `sha256` and `reason`.
    let object =
        |valid: bool, error: Value, status: &str, sha: Option<&str>, reason: Option<&str>| {
            let mut m = output::object(&records::METADATA, Err(&Refusal::Usage(String::new())));
            m.insert("valid".into(), json!(valid));
            m.insert("error".into(), error);
            m.insert("status".into(), json!(status));
            m.insert("sha256".into(), json!(sha));
            m.insert("reason".into(), json!(reason));
            Value::Object(m)
        };
    match outcome {
        Outcome::Updated(v, sha) => {
            if a.json {
                let mut j = summary_json(&v);
                j["status"] = json!("updated");
                j["sha256"] = json!(sha);
                j["reason"] = Value::Null;
                println!("{j}");
            } else {
                let s = &v.summary;
                println!(
                    "updated: {} ({} entities, sha256 {sha})",
                    s.name.as_deref().or(s.entity_id.as_deref()).unwrap_or("-"),
                    s.entities
                );
            }
            ExitCode::SUCCESS
        }
        Outcome::Unchanged(why) => {
            if a.json {
                println!(
                    "{}",
                    object(true, Value::Null, "unchanged", None, Some(&why))
                );
            } else {
                println!("unchanged: {why}");
            }
            ExitCode::from(a.exit_unchanged)
        }
        Outcome::Rejected(why, code) => {
            if a.json {
                let error = output::error_json(code.as_deref().unwrap_or("-"), None, &why);
                println!("{}", object(false, error, "rejected", None, None));
            } else {
                println!(
                    "rejected: {why} ({}); the verified copy held is kept",
                    code.as_deref().unwrap_or("-")
                );
            }
            ExitCode::from(1)
        }
        Outcome::Failed(why) => {
            // As `smp lookup`: the network failing is status 2, and may pass on a retry.
            let code = RefreshError::Fetch(String::new()).code();
            if a.json {
                let error = output::error_json(code, None, &why);
                println!("{}", object(false, error, "failed", None, None));
            } else {
                println!("failed: {why} ({code}); the verified copy held is kept");
            }
            ExitCode::from(2)
        }
    }
}

pub(crate) fn run_entity(a: &EntityArgs) -> Result<ExitCode, UsageError> {
    let index = index_of(&a.state)?;
    // Its group is the index's (the innermost group's Name), which decides its
    // eToegang role.
    let info = match index.entity(&a.entity_id) {
        Ok(i) => i,
        Err(StateError::Stale(m)) => {
            return Err(UsageError(format!(
                "{m}; run `trustmeta metadata refresh --force`"
            )))
        }
        Err(e) => return Err(UsageError(e.to_string())),
    };
    let Some(info) = info else {
        if a.json {
            let refusal = Refusal::Usage(format!("no entity {:?}", a.entity_id));
            let mut m = output::object(&records::METADATA_ENTITY, Err(&refusal));
            m.insert("found".into(), json!(false));
            m.insert("entity_id".into(), json!(a.entity_id));
            println!("{}", Value::Object(m));
        } else {
            println!("not found: {}", a.entity_id);
        }
        return Ok(ExitCode::from(1));
    };
    if a.json {
        let mut m = output::object(&records::METADATA_ENTITY, Ok(&info.value()));
        m.insert("found".into(), json!(true));
        println!("{}", Value::Object(m));
    } else {
        println!("entity:    {}", info.entity_id);
        if let Some(g) = &info.group {
            println!("group:     {g}");
        }
        println!("roles:     {}", info.roles.join(" "));
        if let Some(r) = info.etoegang_role() {
            let acts: Vec<&str> = r.validated_as().iter().map(|a| a.abbreviation()).collect();
            println!("etoegang:  {} (acts as {})", r, acts.join(" "));
        }
        for d in &info.display_names {
            println!("name:      {} [{}]", d.value, d.lang);
        }
        if let Some(o) = &info.organization_name {
            println!("org:       {o}");
        }
        if let Some(r) = &info.registration_authority {
            println!("registrar: {r}");
        }
        for p in &info.endpoints {
            let idx = p.index.map(|i| format!(" index={i}")).unwrap_or_default();
            println!(
                "endpoint:  {} {} {} {}{idx}",
                p.role, p.kind, p.binding, p.location
            );
        }
        for c in &info.signing_certificates {
            println!("signing:   sha256 {}", output::sha256_hex(c));
        }
        for c in &info.encryption_certificates {
            println!("encryption: sha256 {}", output::sha256_hex(c));
        }
        for c in &info.entity_categories {
            println!("category:  {c}");
        }
        for m in &info.contact_emails {
            println!("contact:   {m}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_list(a: &ListArgs) -> Result<ExitCode, UsageError> {
    enum Want {
        All,
        Saml(&'static str),
        Etoegang(EtoegangRole),
    }
    let want = match a.role.as_deref() {
        None => Want::All,
        Some("idp") => Want::Saml("IDPSSODescriptor"),
        Some("sp") => Want::Saml("SPSSODescriptor"),
        Some("aa") => Want::Saml("AttributeAuthorityDescriptor"),
        Some("pdp") => Want::Saml("PDPDescriptor"),
        Some(o) => Want::Etoegang(EtoegangRole::from_abbreviation(o).ok_or_else(|| {
            UsageError(format!(
                "--role {o:?}: expected idp, sp, aa, pdp, ad, mr, kr, eb, hm or dv"
            ))
        })?),
    };
    let index = index_of(&a.state)?;
    // Printed as the index is read: memory stays flat on any number of entities.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut first = true;
    let mut written = Ok(());
    if a.json {
        written = write!(out, "{{\"entities\":[");
    }
    index
        .for_each(&mut |e: IndexEntry| {
            let keep = match want {
                Want::All => true,
                Want::Saml(w) => e.roles.iter().any(|r| r == w),
                Want::Etoegang(w) => e
                    .etoegang_role()
                    .is_some_and(|r| r.validated_as().contains(&w)),
            };
            if !keep || written.is_err() {
                return;
            }
            written = if a.json {
                let item = json!({
                    "entity_id": e.entity_id, "group": e.group, "roles": e.roles,
                    "etoegang_role": e.etoegang_role().map(EtoegangRole::abbreviation),
                    "validated_as": e.validated_as(),
                });
                write!(out, "{}{item}", if first { "" } else { "," })
            } else {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    e.entity_id,
                    e.group.as_deref().unwrap_or("-"),
                    e.roles.join(",")
                )
            };
            first = false;
        })
        .map_err(|e| UsageError(e.to_string()))?;
    if a.json && written.is_ok() {
        written = writeln!(out, "]}}");
    }
    match written.and_then(|()| out.flush()) {
        Ok(()) => {}
        // A reader that went away (`| head`): end quietly, as after SIGPIPE.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => return Err(UsageError(format!("cannot write to standard output: {e}"))),
    }
    Ok(ExitCode::SUCCESS)
}
