//! Every operation, declared once: its arguments (names, kinds, defaults, what values
//! they take), what it returns, and how it runs on the core.
//!
//! A front door fills a [`Call`] from its language's arguments — converting each to an
//! [`ArgValue`] of the argument's [`ArgKind`] — and runs it. Checking the values
//! (profiles, ranges of seconds, the clock) happens here, once, with the same message for
//! every front door; each front door only says it in its own words (`TypeError`,
//! `ValueError`, a usage error, `TM_INVALID_ARGUMENT`).

use std::sync::{Mutex, PoisonError};

use trustmeta::xmlenc::{DecryptionKey, Decryptor, Pkcs8Key};

use trustmeta::{
    Certificate, DateTime, DocumentId, Emreg, Error, IssuerTrust, MemoryReplayCache,
    MetadataProfile, MetadataStreamVerifier, OcspQuestion, ParticipantId, Policy, ProcessId,
    ReplayCache, ReplayCheck, RequestExpectations, ResponseExpectations, ReturnCode, SamlProfile,
    ServiceGroupQuestion, SignatureVerifier, SignedParts, SmpOutputFormat, SmpQuestion, TrustStore,
    VerifiedMetadata, VerifiedTsl,
};

use crate::records::{
    AuthnRequestResult, DocumentResult, EntityRef, OcspAnswer, SmpAnswer, AUTHN_REQUEST, DOCUMENT,
    ELMO, EXTENSION_SIGNATURE, METADATA, METADATA_ENTITY, OCSP, SAML_RESPONSE, SERVICE_GROUP,
    SERVICE_METADATA, SMP_RECORD, TSL, UNVERIFIED_ASSERTION,
};
use crate::{recs, Describe, RecordDesc, Value};

/// A replay cache several callers share (one per relying party, or one for a whole
/// cluster of workers when it lives on a server): in memory, or any [`ReplayCache`] a
/// front door brings (a Redis server, a C callback, a Python object).
///
/// Each check is atomic: two callers given the same response cannot both accept it.
pub struct SharedReplayCache {
    inner: SharedInner,
}

enum SharedInner {
    Memory(Mutex<MemoryReplayCache>),
    Serialized(Mutex<Box<dyn ReplayCache + Send>>),
    Concurrent(Box<dyn ConcurrentReplayCache>),
}

/// A replay cache that synchronizes its callers itself (a Python object, called under
/// the interpreter's lock), so [`SharedReplayCache`] puts no lock of its own around it.
pub trait ConcurrentReplayCache: Send + Sync {
    /// As [`ReplayCache::check_and_insert`], from any thread.
    fn check_and_insert(&self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck;
}

impl SharedReplayCache {
    /// An in-memory cache of at most `capacity` live IDs ([`MemoryReplayCache`]): it
    /// lives in this process only.
    pub fn memory(capacity: usize) -> Self {
        SharedReplayCache {
            inner: SharedInner::Memory(Mutex::new(MemoryReplayCache::new(capacity))),
        }
    }

    /// A cache that answers one caller at a time (a connection to a cache server, a C
    /// callback that need not be reentrant).
    pub fn serialized(cache: impl ReplayCache + Send + 'static) -> Self {
        SharedReplayCache {
            inner: SharedInner::Serialized(Mutex::new(Box::new(cache))),
        }
    }

    /// A cache that synchronizes its callers itself.
    pub fn concurrent(cache: impl ConcurrentReplayCache + 'static) -> Self {
        SharedReplayCache {
            inner: SharedInner::Concurrent(Box::new(cache)),
        }
    }

    /// How many IDs an in-memory cache holds; `None` for a cache kept elsewhere.
    pub fn len(&self) -> Option<usize> {
        match &self.inner {
            SharedInner::Memory(m) => Some(m.lock().unwrap_or_else(PoisonError::into_inner).len()),
            _ => None,
        }
    }

    /// Whether an in-memory cache is empty; `None` for a cache kept elsewhere.
    pub fn is_empty(&self) -> Option<bool> {
        self.len().map(|n| n == 0)
    }

    /// How many IDs an in-memory cache may hold; `None` for a cache kept elsewhere.
    pub fn capacity(&self) -> Option<usize> {
        match &self.inner {
            SharedInner::Memory(m) => {
                Some(m.lock().unwrap_or_else(PoisonError::into_inner).capacity())
            }
            _ => None,
        }
    }

    /// As [`ReplayCache::check_and_insert`], from any thread. A lock poisoned by a
    /// panic is taken over: the cache's content is valid between calls.
    pub fn check_and_insert(&self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck {
        match &self.inner {
            SharedInner::Memory(m) => m
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .check_and_insert(id, expires, now),
            SharedInner::Serialized(m) => m
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .check_and_insert(id, expires, now),
            SharedInner::Concurrent(c) => c.check_and_insert(id, expires, now),
        }
    }
}

impl core::fmt::Debug for SharedReplayCache {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match &self.inner {
            SharedInner::Memory(_) => "memory",
            SharedInner::Serialized(_) => "serialized",
            SharedInner::Concurrent(_) => "concurrent",
        };
        f.debug_struct("SharedReplayCache")
            .field("kind", &kind)
            .finish()
    }
}

/// A shared cache used for one verification: each check takes the cache's lock for
/// that check only.
impl ReplayCache for &SharedReplayCache {
    fn check_and_insert(&mut self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck {
        SharedReplayCache::check_and_insert(self, id, expires, now)
    }
}

/// A relying party's decryption keys, as a front door holds them: in memory
/// ([`DecryptionKeys::add_pem`]) or anywhere a [`DecryptionKey`] reaches (a token). A
/// clone shares the keys.
#[derive(Clone, Default)]
pub struct DecryptionKeys {
    keys: Vec<std::sync::Arc<dyn DecryptionKey + Send + Sync>>,
}

impl DecryptionKeys {
    /// No keys.
    pub fn new() -> Self {
        DecryptionKeys::default()
    }

    /// Adds the private key of a PEM text (`PRIVATE KEY`, `RSA PRIVATE KEY`,
    /// `EC PRIVATE KEY`).
    ///
    /// # Errors
    /// `xmlenc.bad_key` when it cannot be read.
    pub fn add_pem(&mut self, pem: &[u8]) -> Result<(), trustmeta::Error> {
        let key = Pkcs8Key::from_pem(pem)?;
        self.keys.push(std::sync::Arc::new(key));
        Ok(())
    }

    /// Adds a key held elsewhere.
    pub fn add(&mut self, key: std::sync::Arc<dyn DecryptionKey + Send + Sync>) {
        self.keys.push(key);
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// A decryptor over these keys.
    pub fn decryptor(&self, allow_legacy_content: bool) -> Decryptor<'_> {
        let mut d = Decryptor::new(
            self.keys
                .iter()
                .map(|k| &**k as &dyn DecryptionKey)
                .collect(),
        );
        d.allow_legacy_content = allow_legacy_content;
        d
    }
}

/// The type name of each list of names an `ArgKind::Choice` takes: the Python stubs
/// declare a `Literal` alias and the TypeScript declarations a string union of this name,
/// so that callers can name the type and a misspelled option fails the type checker.
pub const CHOICE_TYPES: &[(&str, &[&str])] = &[
    ("SamlProfileName", SamlProfile::NAMES),
    ("SignedPartsName", SignedParts::NAMES),
    ("MetadataProfileName", MetadataProfile::NAMES),
    ("TrustRoleName", trustmeta::TRUST_ROLES),
];

/// The type name of the choice list `names` (see [`CHOICE_TYPES`]); `None` for a list
/// without one, which a test of the table refuses.
pub fn choice_type(names: &[&str]) -> Option<&'static str> {
    CHOICE_TYPES
        .iter()
        .find(|(_, n)| *n == names)
        .map(|(t, _)| *t)
}

/// What an argument takes.
#[derive(Debug)]
pub enum ArgKind {
    /// Bytes (a document, a form value, DER).
    Bytes,
    /// Text.
    Text,
    /// `true` or `false`.
    Bool,
    /// An integer from `min` to `max`.
    Int {
        /// The least value.
        min: i64,
        /// The greatest value.
        max: i64,
    },
    /// An instant.
    Time,
    /// One of these names (the core's `NAMES` of the enum).
    Choice(&'static [&'static str]),
    /// A trust store.
    Store,
    /// An issuer trust (which keys may sign for which SAML issuer).
    IssuerTrust,
    /// A replay cache.
    ReplayCache,
    /// A parsed EMREG list.
    Emreg,
    /// The relying party's private decryption keys.
    DecryptionKeys,
}

impl ArgKind {
    /// A short spelling for docs and messages.
    pub fn spelling(&self) -> String {
        match self {
            ArgKind::Bytes => "bytes".into(),
            ArgKind::Text => "str".into(),
            ArgKind::Bool => "bool".into(),
            ArgKind::Int { .. } => "int".into(),
            ArgKind::Time => "time".into(),
            ArgKind::Choice(names) => names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(" | "),
            ArgKind::Store => "TrustStore".into(),
            ArgKind::DecryptionKeys => "DecryptionKeys".into(),
            ArgKind::IssuerTrust => "IssuerTrust".into(),
            ArgKind::ReplayCache => "ReplayCache".into(),
            ArgKind::Emreg => "Emreg".into(),
        }
    }
}

/// What an argument is when the caller leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Default {
    /// Nothing: the caller must give it.
    Required,
    /// Absent (the operation does without).
    Absent,
    /// This boolean.
    Bool(bool),
    /// This integer.
    Int(i64),
    /// This text (for a choice, one of its names).
    Text(&'static str),
    /// The system clock, read when the call runs.
    Now,
}

/// One argument of an operation.
#[derive(Debug)]
pub struct Arg {
    /// Its name in snake case; front doors with another case derive theirs.
    pub name: &'static str,
    /// What it takes.
    pub kind: ArgKind,
    /// Its default.
    pub default: Default,
    /// One sentence about it.
    pub doc: &'static str,
    /// Whether front doors take it by position (the inputs and trust), not by name.
    pub positional: bool,
}

/// What an operation returns.
#[derive(Debug)]
pub enum Returns {
    /// One record.
    Record(&'static RecordDesc),
    /// A list of records.
    Records(&'static RecordDesc),
    /// A record backed by a held core value that answers further questions (metadata
    /// lookups, SMP records from a trusted list).
    Held(&'static RecordDesc),
    /// Bytes.
    Bytes,
    /// Text.
    Text,
    /// An issuer trust.
    IssuerTrust,
    /// A streaming metadata verifier.
    MetadataStream,
}

/// One operation.
pub struct OpDesc {
    /// Its name in snake case (`verify_saml_response`).
    pub name: &'static str,
    /// What it does, in a few sentences.
    pub doc: &'static str,
    /// Its arguments, positional ones first.
    pub args: &'static [Arg],
    /// What it returns.
    pub returns: Returns,
    /// The core error codes it raises besides the generic verification ones, as a hint.
    pub raises: &'static str,
    /// The command line that runs it (empty when the command line does not offer it).
    pub cli: &'static str,
    run: fn(&Args<'_>) -> Result<Output, OpError>,
}

impl core::fmt::Debug for OpDesc {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "OpDesc({})", self.name)
    }
}

impl OpDesc {
    /// The argument called `name`.
    pub fn arg(&self, name: &str) -> Option<&'static Arg> {
        self.args.iter().find(|a| a.name == name)
    }
}

/// An argument's value as a front door gives it.
pub enum ArgValue<'a> {
    /// Bytes.
    Bytes(&'a [u8]),
    /// Text.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An instant.
    Time(DateTime),
    /// A trust store.
    Store(&'a TrustStore),
    /// An issuer trust.
    IssuerTrust(&'a IssuerTrust),
    /// A replay cache.
    ReplayCache(&'a SharedReplayCache),
    /// An EMREG list.
    Emreg(&'a Emreg),
    /// Decryption keys.
    DecryptionKeys(&'a DecryptionKeys),
}

impl ArgValue<'_> {
    fn fits(&self, kind: &ArgKind) -> bool {
        matches!(
            (self, kind),
            (ArgValue::Bytes(_), ArgKind::Bytes)
                | (ArgValue::Text(_), ArgKind::Text | ArgKind::Choice(_))
                | (ArgValue::Bool(_), ArgKind::Bool)
                | (ArgValue::Int(_), ArgKind::Int { .. })
                | (ArgValue::Time(_), ArgKind::Time)
                | (ArgValue::Store(_), ArgKind::Store)
                | (ArgValue::IssuerTrust(_), ArgKind::IssuerTrust)
                | (ArgValue::ReplayCache(_), ArgKind::ReplayCache)
                | (ArgValue::Emreg(_), ArgKind::Emreg)
                | (ArgValue::DecryptionKeys(_), ArgKind::DecryptionKeys)
        )
    }
}

/// Why an argument was refused before the core saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgProblem {
    /// No such argument.
    Unknown,
    /// A required argument is missing.
    Missing,
    /// A value of the wrong kind (Python's `TypeError`).
    Type,
    /// A value of the right kind that the argument does not take (`ValueError`).
    Value,
}

/// An argument refused before the core saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgError {
    /// The operation.
    pub op: &'static str,
    /// The argument, in snake case.
    pub arg: String,
    /// What is wrong.
    pub problem: ArgProblem,
    /// The rest of a sentence that starts with the argument: `must be between 0 and …,
    /// not -1`.
    pub message: String,
}

impl core::fmt::Display for ArgError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}() argument '{}' {}", self.op, self.arg, self.message)
    }
}

/// Why an operation failed.
#[derive(Debug)]
pub enum OpError {
    /// An argument was refused.
    Arg(ArgError),
    /// The core refused the input.
    Core(Error),
}

impl From<Error> for OpError {
    fn from(e: Error) -> Self {
        OpError::Core(e)
    }
}

impl core::fmt::Display for OpError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            OpError::Arg(e) => e.fmt(f),
            OpError::Core(e) => e.fmt(f),
        }
    }
}

/// What an operation returns.
pub enum Output {
    /// A record, a list, bytes or text.
    Value(Value),
    /// An issuer trust.
    IssuerTrust(IssuerTrust),
    /// Verified metadata: its record and the lookups it answers.
    Metadata(Value, Box<VerifiedMetadata>),
    /// A verified trusted list: its record and the SMP records it converts to.
    Tsl(Value, Box<VerifiedTsl>),
    /// A streaming metadata verifier, owning its trust store.
    MetadataStream(Box<MetadataStreamVerifier<'static>>),
}

impl Output {
    /// The value of a `Value`, `Metadata` or `Tsl` output.
    pub fn value(&self) -> Option<&Value> {
        match self {
            Output::Value(v) | Output::Metadata(v, _) | Output::Tsl(v, _) => Some(v),
            _ => None,
        }
    }
}

/// One call of an operation: the arguments given so far.
pub struct Call<'a> {
    op: &'static OpDesc,
    values: Vec<Option<ArgValue<'a>>>,
    verifier: &'a dyn SignatureVerifier,
}

impl<'a> Call<'a> {
    /// A call of `op` with no argument given yet.
    pub fn new(op: &'static OpDesc) -> Self {
        Call {
            op,
            values: op.args.iter().map(|_| None).collect(),
            verifier: trustmeta::default_verifier(),
        }
    }

    /// Checks signatures with `verifier` instead of the core's default backend (a
    /// browser's WebCrypto, answered asynchronously: `docs/adr/0008-webcrypto-two-pass.md`).
    #[must_use]
    pub fn with_verifier(mut self, verifier: &'a dyn SignatureVerifier) -> Self {
        self.verifier = verifier;
        self
    }

    /// The operation.
    pub fn op(&self) -> &'static OpDesc {
        self.op
    }

    /// Gives argument `name`, checked at once: its kind, and the values it takes (a
    /// range, a choice), so that a front door that collects arguments one by one (the
    /// C options' setters) refuses a value when it is given.
    ///
    /// # Errors
    /// [`ArgProblem::Unknown`] for a name the operation does not take,
    /// [`ArgProblem::Type`] for a value of another kind, [`ArgProblem::Value`] for a value
    /// the argument does not take.
    pub fn set(&mut self, name: &str, value: ArgValue<'a>) -> Result<(), ArgError> {
        let Some(i) = self.op.args.iter().position(|a| a.name == name) else {
            return Err(ArgError {
                op: self.op.name,
                arg: name.to_owned(),
                problem: ArgProblem::Unknown,
                message: "is not an argument of it".into(),
            });
        };
        let arg = &self.op.args[i];
        if !value.fits(&arg.kind) {
            return Err(self.refuse(
                arg,
                ArgProblem::Type,
                format!("must be {}", arg.kind.spelling()),
            ));
        }
        if let Some(message) = refusal(&arg.kind, &value) {
            return Err(self.refuse(arg, ArgProblem::Value, message));
        }
        self.values[i] = Some(value);
        Ok(())
    }

    fn refuse(&self, arg: &Arg, problem: ArgProblem, message: String) -> ArgError {
        ArgError {
            op: self.op.name,
            arg: arg.name.to_owned(),
            problem,
            message,
        }
    }

    /// Checks the values and runs the operation.
    ///
    /// # Errors
    /// [`OpError::Arg`] for a missing argument or a value it does not take (an unknown
    /// profile, negative seconds); [`OpError::Core`] when the core refuses the input.
    pub fn run(self) -> Result<Output, OpError> {
        for (arg, value) in self.op.args.iter().zip(&self.values) {
            if value.is_none() && arg.default == Default::Required {
                return Err(OpError::Arg(self.refuse(
                    arg,
                    ArgProblem::Missing,
                    "is required".into(),
                )));
            }
        }
        let args = Args { call: &self };
        (self.op.run)(&args)
    }
}

/// Why `value` is not one the argument of `kind` takes: the rest of the sentence.
fn refusal(kind: &ArgKind, value: &ArgValue<'_>) -> Option<String> {
    match (value, kind) {
        (ArgValue::Int(n), ArgKind::Int { min, max }) if !(min..=max).contains(&n) => {
            Some(format!("must be between {min} and {max}, not {n}"))
        }
        (ArgValue::Text(t), ArgKind::Choice(names)) if !names.contains(&t.as_str()) => {
            let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
            let list = match quoted.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => quoted.join(""),
            };
            Some(format!("must be {list}, not {t:?}"))
        }
        _ => None,
    }
}

/// The checked arguments of a running call, read by name.
pub struct Args<'c> {
    call: &'c Call<'c>,
}

impl<'c> Args<'c> {
    /// Argument `name` and its value; an operation reading an argument it does not
    /// declare reads it as absent (its readers below then give their neutral value), so
    /// a slip in an operation can never panic across a front door.
    fn get(&self, name: &str) -> (Option<&'static Arg>, Option<&'c ArgValue<'c>>) {
        match self.call.op.args.iter().position(|a| a.name == name) {
            Some(i) => (Some(&self.call.op.args[i]), self.call.values[i].as_ref()),
            None => (None, None),
        }
    }

    /// The signature verifier of the call.
    fn verifier(&self) -> &'c dyn SignatureVerifier {
        self.call.verifier
    }

    fn bytes(&self, name: &str) -> &'c [u8] {
        match self.get(name) {
            (_, Some(ArgValue::Bytes(b))) => b,
            _ => &[],
        }
    }

    fn opt_bytes(&self, name: &str) -> Option<&'c [u8]> {
        match self.get(name) {
            (_, Some(ArgValue::Bytes(b))) => Some(b),
            _ => None,
        }
    }

    fn text(&self, name: &str) -> &'c str {
        self.opt_text(name).unwrap_or_default()
    }

    fn opt_text(&self, name: &str) -> Option<&'c str> {
        match self.get(name) {
            (_, Some(ArgValue::Text(t))) => Some(t),
            (
                Some(Arg {
                    default: Default::Text(d),
                    ..
                }),
                None,
            ) => Some(d),
            _ => None,
        }
    }

    fn flag(&self, name: &str) -> bool {
        match self.get(name) {
            (_, Some(ArgValue::Bool(b))) => *b,
            (
                Some(Arg {
                    default: Default::Bool(d),
                    ..
                }),
                None,
            ) => *d,
            _ => false,
        }
    }

    fn int(&self, name: &str) -> i64 {
        match self.get(name) {
            (_, Some(ArgValue::Int(n))) => *n,
            (
                Some(Arg {
                    default: Default::Int(d),
                    ..
                }),
                None,
            ) => *d,
            _ => 0,
        }
    }

    fn now(&self) -> Result<DateTime, OpError> {
        match self.get("now") {
            (_, Some(ArgValue::Time(t))) => Ok(*t),
            _ => system_now().ok_or_else(|| {
                OpError::Arg(ArgError {
                    op: self.call.op.name,
                    arg: "now".into(),
                    problem: ArgProblem::Missing,
                    message: "is required where there is no system clock".into(),
                })
            }),
        }
    }

    fn decryption_keys(&self, name: &str) -> Option<&'c DecryptionKeys> {
        match self.get(name) {
            (_, Some(ArgValue::DecryptionKeys(k))) => Some(k),
            _ => None,
        }
    }

    fn store(&self, name: &str) -> Option<&'c TrustStore> {
        match self.get(name) {
            (_, Some(ArgValue::Store(s))) => Some(s),
            _ => None,
        }
    }

    fn trust(&self) -> Result<&'c IssuerTrust, OpError> {
        match self.get("trust") {
            (_, Some(ArgValue::IssuerTrust(t))) => Ok(t),
            _ => Err(self.missing("trust")),
        }
    }

    fn required_store(&self, name: &str) -> Result<&'c TrustStore, OpError> {
        self.store(name).ok_or_else(|| self.missing(name))
    }

    /// A required argument the checks let through: a slip in an operation's table, told
    /// as a missing argument rather than a panic.
    fn missing(&self, name: &str) -> OpError {
        OpError::Arg(ArgError {
            op: self.call.op.name,
            arg: name.into(),
            problem: ArgProblem::Missing,
            message: "is required".into(),
        })
    }

    fn policy(&self) -> Policy {
        let mut p = Policy {
            allow_sha1: self.flag("allow_sha1"),
            allow_stale_crl: self.flag("allow_stale_crl"),
            ..Policy::default()
        };
        // Operations without the argument keep the default.
        if let (Some(_), _) = self.get("min_rsa_bits") {
            p.min_rsa_bits = u32::try_from(self.int("min_rsa_bits")).unwrap_or(u32::MAX);
        }
        p
    }

    fn value_error(&self, name: &str, message: String) -> OpError {
        OpError::Arg(ArgError {
            op: self.call.op.name,
            arg: name.into(),
            problem: ArgProblem::Value,
            message,
        })
    }
}

/// The system clock, where there is one.
fn system_now() -> Option<DateTime> {
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(DateTime::from_unix(i64::try_from(d.as_secs()).ok()?))
    }
}

// --- The argument lists -------------------------------------------------------------------

const SECONDS: ArgKind = ArgKind::Int {
    min: 0,
    max: u32::MAX as i64,
};

macro_rules! arg {
    ($name:ident: $kind:expr, $default:expr, $doc:literal) => {
        Arg {
            name: stringify!($name),
            kind: $kind,
            default: $default,
            doc: text!($doc),
            positional: false,
        }
    };
    (positional $name:ident: $kind:expr, $doc:literal) => {
        Arg {
            name: stringify!($name),
            kind: $kind,
            default: Default::Required,
            doc: text!($doc),
            positional: true,
        }
    };
}

/// An argument list: `arg!(…)`s, with `common` for `now`, `allow_sha1`,
/// `allow_stale_crl` and `min_rsa_bits`, and `smp_question` for the four arguments of an
/// SMP question. Every item ends with a comma.
macro_rules! args {
    (@acc [$($done:expr,)*]) => { &[$($done,)*] };
    (@acc [$($done:expr,)*] common, $($rest:tt)*) => {
        args!(@acc [$($done,)*
            arg!(now: ArgKind::Time, Default::Now, "The verification time; the system clock when absent."),
            arg!(allow_sha1: ArgKind::Bool, Default::Bool(false), "Accept SHA-1 signatures and digests (legacy documents)."),
            arg!(allow_stale_crl: ArgKind::Bool, Default::Bool(false), "Accept a certificate path whose CRL is past its nextUpdate (revocation status then unknown)."),
            arg!(min_rsa_bits: ArgKind::Int { min: 0, max: u32::MAX as i64 }, Default::Int(2048), "The smallest RSA key accepted, in bits."),
        ] $($rest)*)
    };
    (@acc [$($done:expr,)*] smp_question, $($rest:tt)*) => {
        args!(@acc [$($done,)*
            arg!(participant: ArgKind::Text, Default::Required, "The participant looked up, `scheme::value`."),
            arg!(document: ArgKind::Text, Default::Required, "The document type looked up, `scheme::value`."),
            arg!(process: ArgKind::Text, Default::Absent, "The process the record must list, `scheme::value`; any when absent."),
            arg!(transport_profile: ArgKind::Text, Default::Absent, "Only endpoints of this transport profile are returned; all when absent."),
        ] $($rest)*)
    };
    (@acc [$($done:expr,)*] $a:expr, $($rest:tt)*) => {
        args!(@acc [$($done,)* $a,] $($rest)*)
    };
    ($($t:tt)*) => { args!(@acc [] $($t)*) };
}

macro_rules! saml_request_args {
    ($first:ident, $kind:expr, $doc:literal) => {
        args![
            arg!(positional $first: $kind, $doc),
            arg!(positional trust: ArgKind::IssuerTrust, "Which keys may sign for which issuer."),
            arg!(destination: ArgKind::Text, Default::Absent, "This endpoint's URL, which the request must name as its `Destination`; not compared when absent."),
            common,
            arg!(profile: ArgKind::Choice(SamlProfile::NAMES), Default::Text("generic"), "The profile: STORK and eIDAS raise the algorithm and key requirements whatever the other arguments say."),
            arg!(skew: SECONDS, Default::Int(180), "Allowed clock difference, in seconds."),
            arg!(max_age: SECONDS, Default::Int(600), "How old `IssueInstant` may be, in seconds."),
        ]
    };
}

// --- Running ------------------------------------------------------------------------------

fn identifier<T>(r: Result<T, trustmeta::SmpError>) -> Result<T, OpError> {
    r.map_err(|e| OpError::Core(e.into()))
}

fn smp_question(a: &Args<'_>) -> Result<SmpQuestion, OpError> {
    let mut q = SmpQuestion::new(
        identifier(ParticipantId::parse(a.text("participant")))?,
        identifier(DocumentId::parse(a.text("document")))?,
    );
    q.process = a
        .opt_text("process")
        .map(|p| identifier(ProcessId::parse(p)))
        .transpose()?;
    q.transport_profile = a.opt_text("transport_profile").map(String::from);
    Ok(q)
}

fn record<T: Describe>(t: &T) -> Result<Output, OpError> {
    Ok(Output::Value(t.value()))
}

fn run_verify(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let doc = trustmeta::verify_with(a.bytes("xml"), store, &a.policy(), a.now()?, a.verifier())?;
    record(&DocumentResult {
        report: doc.report(),
        signed_xml: doc
            .signed_elements()
            // Canonical XML of a UTF-8 document is UTF-8: kept as it is, not copied.
            .map(|e| {
                String::from_utf8(e.canonical_xml())
                    .unwrap_or_else(|bad| String::from_utf8_lossy(bad.as_bytes()).into_owned())
            })
            .collect(),
    })
}

fn run_verify_smp(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let (policy, now, question) = (a.policy(), a.now()?, smp_question(a)?);
    let verified =
        trustmeta::verify_smp_with(a.bytes("xml"), &question, store, &policy, now, a.verifier())?;
    let checks = a.store("ap_store").map(|ap| {
        trustmeta::check_endpoint_certificates_with(
            verified.endpoints(),
            ap,
            &policy,
            now,
            a.verifier(),
        )
    });
    record(&SmpAnswer { verified, checks })
}

fn run_verify_smp_redirect(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let (policy, now, question) = (a.policy(), a.now()?, smp_question(a)?);
    let first = trustmeta::verify_smp_with(
        a.bytes("first"),
        &question,
        store,
        &policy,
        now,
        a.verifier(),
    )?;
    let Some(redirect) = first.redirect() else {
        return Err(a.value_error("first", "verified but is not a redirect".into()));
    };
    let verified = trustmeta::verify_smp_redirect_target_with(
        a.bytes("target"),
        &question,
        redirect,
        store,
        &policy,
        now,
        a.verifier(),
    )?;
    record(&SmpAnswer {
        verified,
        checks: None,
    })
}

fn run_verify_service_group(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let question = ServiceGroupQuestion {
        allow_unsigned: a.flag("allow_unsigned"),
        ..ServiceGroupQuestion::new(identifier(ParticipantId::parse(a.text("participant")))?)
    };
    let g = trustmeta::verify_service_group_with(
        a.bytes("xml"),
        &question,
        store,
        &a.policy(),
        a.now()?,
        a.verifier(),
    )?;
    record(&g)
}

fn run_extension_signatures(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let sigs = trustmeta::verify_smp_extension_signatures_with(
        a.bytes("xml"),
        store,
        &a.policy(),
        a.now()?,
        a.verifier(),
    )?;
    Ok(Output::Value(recs(&sigs)))
}

fn run_smp_name(a: &Args<'_>) -> Result<Output, OpError> {
    let p = identifier(ParticipantId::parse(a.text("participant")))?;
    let ids = trustmeta::IdentifierPolicy::default();
    let name = if a.flag("cname") {
        trustmeta::sml_cname(&p, a.text("zone"), &ids)
    } else {
        trustmeta::bdxl_name(&p, a.text("zone"), &ids)
    };
    Ok(Output::Value(Value::Str(name)))
}

fn run_verify_elmo(a: &Args<'_>) -> Result<Output, OpError> {
    let emreg = match a.get("emreg") {
        (_, Some(ArgValue::Emreg(e))) => *e,
        _ => return Err(a.missing("emreg")),
    };
    let ncp = emreg.ncp(a.text("ncp")).map_err(Error::from)?;
    let v =
        trustmeta::verify_elmo_from_with(a.bytes("xml"), ncp, &a.policy(), a.now()?, a.verifier())?;
    record(&v)
}

fn run_decode_elmo_field(a: &Args<'_>) -> Result<Output, OpError> {
    let max = usize::try_from(a.int("max_elmo_bytes")).unwrap_or(usize::MAX);
    let xml = trustmeta::decode_elmo_field(a.bytes("field"), max).map_err(Error::from)?;
    Ok(Output::Value(Value::Bytes(xml)))
}

fn run_parse_return_code(a: &Args<'_>) -> Result<Output, OpError> {
    let code = ReturnCode::parse(a.text("value")).map_err(Error::from)?;
    Ok(Output::Value(Value::Str(code.as_str().into())))
}

fn run_verify_tsl(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let v = trustmeta::verify_tsl_with(a.bytes("xml"), store, &a.policy(), a.now()?, a.verifier())?;
    Ok(Output::Tsl(v.value(), Box::new(v)))
}

fn metadata_profile(a: &Args<'_>) -> MetadataProfile {
    MetadataProfile::parse(a.text("profile")).unwrap_or(MetadataProfile::Generic)
}

fn run_verify_metadata(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let v = trustmeta::verify_metadata_auto_with(
        a.bytes("xml"),
        store,
        &a.policy(),
        a.now()?,
        metadata_profile(a),
        a.verifier(),
    )?;
    Ok(Output::Metadata(v.value(), Box::new(v)))
}

fn run_metadata_stream(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let s =
        MetadataStreamVerifier::owning(store.clone(), &a.policy(), a.now()?, metadata_profile(a))
            .with_index();
    Ok(Output::MetadataStream(Box::new(s)))
}

fn run_metadata_issuer_trust(a: &Args<'_>) -> Result<Output, OpError> {
    let store = a.required_store("store")?;
    let t = trustmeta::metadata_issuer_trust_with(
        a.bytes("xml"),
        store,
        &a.policy(),
        a.now()?,
        metadata_profile(a),
        a.text("role"),
        a.verifier(),
    )?;
    Ok(Output::IssuerTrust(t))
}

fn saml_profile(a: &Args<'_>) -> SamlProfile {
    SamlProfile::parse(a.text("profile")).unwrap_or(SamlProfile::Generic)
}

fn run_verify_saml_response(a: &Args<'_>) -> Result<Output, OpError> {
    let mut expect = ResponseExpectations::new(a.text("audience"), a.text("acs"), a.now()?);
    expect.request_id = a.opt_text("request_id");
    expect.profile = saml_profile(a);
    expect.signed =
        SignedParts::parse(a.text("signed")).unwrap_or(SignedParts::ResponseOrAssertion);
    expect.clock_skew_secs = a.int("skew");
    let decryptor = a
        .decryption_keys("decrypt_keys")
        .map(|k| k.decryptor(a.flag("allow_legacy_encryption")));
    expect.decrypt = decryptor.as_ref();
    let (xml, trust, policy) = (a.bytes("xml"), a.trust()?, a.policy());
    let v = match a.get("cache") {
        (_, Some(ArgValue::ReplayCache(c))) => {
            // The check is atomic in every kind of cache, so two callers given the same
            // response cannot both accept it; no lock is held while the rest verifies.
            trustmeta::verify_response_with(xml, trust, &policy, &expect, &mut &**c, a.verifier())
        }
        _ => trustmeta::verify_response_with(
            xml,
            trust,
            &policy,
            &expect,
            &mut MemoryReplayCache::new(1),
            a.verifier(),
        ),
    }?;
    record(&v)
}

fn run_decrypt_saml_assertion(a: &Args<'_>) -> Result<Output, OpError> {
    let keys = a.decryption_keys("keys").ok_or_else(|| a.missing("keys"))?;
    let decryptor = keys.decryptor(a.flag("allow_legacy_encryption"));
    let v = trustmeta::decrypt_assertion_unverified(a.bytes("xml"), &decryptor, &a.policy())?;
    record(&v)
}

fn request_expectations<'c>(a: &Args<'c>) -> Result<RequestExpectations<'c>, OpError> {
    let mut expect = RequestExpectations::new(a.opt_text("destination"), a.now()?);
    expect.profile = saml_profile(a);
    expect.clock_skew_secs = a.int("skew");
    expect.max_age_secs = a.int("max_age");
    Ok(expect)
}

fn run_verify_saml_request(a: &Args<'_>) -> Result<Output, OpError> {
    let expect = request_expectations(a)?;
    let request = trustmeta::verify_authn_request_with(
        a.bytes("xml"),
        a.trust()?,
        &a.policy(),
        &expect,
        a.verifier(),
    )?;
    record(&AuthnRequestResult {
        request,
        relay_state: None,
        redirect_signature_algorithm: None,
    })
}

fn run_verify_saml_request_redirect(a: &Args<'_>) -> Result<Output, OpError> {
    let expect = request_expectations(a)?;
    let (message, request) = trustmeta::verify_authn_request_redirect_with(
        a.text("query"),
        a.trust()?,
        &a.policy(),
        &expect,
        a.verifier(),
    )?;
    record(&AuthnRequestResult {
        request,
        relay_state: message.relay_state,
        redirect_signature_algorithm: Some(message.signature_algorithm.uri()),
    })
}

fn run_decode_post_binding(a: &Args<'_>) -> Result<Output, OpError> {
    let xml = trustmeta::decode_post_binding(a.bytes("value"), a.opt_text("relay_state"))
        .map_err(Error::from)?;
    Ok(Output::Value(Value::Bytes(xml)))
}

/// A certificate argument, PEM or DER: the core's `pki.bad_pem` or
/// `pki.bad_certificate` when it is neither, as for any certificate it reads.
fn certificate(a: &Args<'_>, name: &str) -> Result<Certificate, OpError> {
    let store = TrustStore::from_pem(a.bytes(name)).map_err(Error::from)?;
    store
        .certificates()
        .first()
        .cloned()
        .ok_or_else(|| a.value_error(name, "holds a public key, not a certificate".into()))
}

fn run_verify_ocsp_response(a: &Args<'_>) -> Result<Output, OpError> {
    let (issuer, cert) = (certificate(a, "issuer")?, certificate(a, "cert")?);
    let now = a.now()?;
    let q = OcspQuestion {
        nonce: a.opt_bytes("nonce"),
        ..OcspQuestion::new(&issuer, &cert)
    };
    let response = trustmeta::verify_ocsp_response_with(
        a.bytes("response"),
        &q,
        &a.policy(),
        now,
        a.verifier(),
    )?;
    if a.flag("require_good") {
        response.require_good().map_err(Error::from)?;
    }
    record(&OcspAnswer {
        response,
        verified_at: now,
    })
}

// --- The operations -----------------------------------------------------------------------

/// `verify`: one XML signature, any document.
pub static VERIFY: OpDesc = OpDesc {
    name: "verify",
    doc: text!("Verifies the one XML signature in `xml` against the anchors in `store`: every Reference same-document with a matching digest, the SignatureValue verified under a key the store trusts, directly or through a certificate path valid at `now`."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The signed document."),
        arg!(positional store: ArgKind::Store, "The trusted certificates and keys."),
        common,
    ],
    returns: Returns::Record(&DOCUMENT),
    raises: text!("xml.*, dsig.*, crypto.*, pki.*"),
    cli: text!("verify FILE --trust CERT"),
    run: run_verify,
};

/// `verify_smp`: a signed SMP ServiceMetadata record, as the answer to a question.
pub static VERIFY_SMP: OpDesc = OpDesc {
    name: "verify_smp",
    doc: text!("Verifies a signed SMP ServiceMetadata record and checks that it answers the question (participant, document, optional process and transport profile). With `ap_store`, each active endpoint's certificate is checked against the access-point anchors as well, and reported, not raised."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The ServiceMetadata record."),
        arg!(positional store: ArgKind::Store, "The SMP signers' anchors."),
        smp_question,
        common,
        arg!(ap_store: ArgKind::Store, Default::Absent, "Access-point anchors to check each endpoint's certificate against."),
    ],
    returns: Returns::Record(&SERVICE_METADATA),
    raises: text!("smp.*"),
    cli: text!("smp verify FILE --trust CERT --participant ID --document ID [--ap-trust CERT]"),
    run: run_verify_smp,
};

/// `verify_smp_redirect`: a redirecting record and the record its href gives.
pub static VERIFY_SMP_REDIRECT: OpDesc = OpDesc {
    name: "verify_smp_redirect",
    doc: text!("Verifies the redirecting record `first` (it must give a redirect) and the record `target` fetched from its href, for the same question, and checks that the target's signer is the one the redirect names. Returns the target's result."),
    args: args![
        arg!(positional first: ArgKind::Bytes, "The record that redirects."),
        arg!(positional target: ArgKind::Bytes, "The record fetched from the redirect's href."),
        arg!(positional store: ArgKind::Store, "The SMP signers' anchors."),
        smp_question,
        common,
    ],
    returns: Returns::Record(&SERVICE_METADATA),
    raises: text!("smp.redirect_signer_mismatch, smp.double_redirect, smp.*"),
    cli: text!("smp verify FILE --redirect-target TARGET …"),
    run: run_verify_smp_redirect,
};

/// `verify_service_group`: an SMP ServiceGroup.
pub static VERIFY_SERVICE_GROUP: OpDesc = OpDesc {
    name: "verify_service_group",
    doc: text!("Verifies an SMP ServiceGroup for `participant`. An unsigned group is refused (`dsig.missing_signature`) unless `allow_unsigned`; another participant's group is `smp.participant_mismatch`."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The ServiceGroup."),
        arg!(positional store: ArgKind::Store, "The SMP signers' anchors."),
        arg!(participant: ArgKind::Text, Default::Required, "The participant looked up, `scheme::value`."),
        arg!(allow_unsigned: ArgKind::Bool, Default::Bool(false), "Accept an unsigned group: it then proves nothing about who published it."),
        common,
    ],
    returns: Returns::Record(&SERVICE_GROUP),
    raises: text!("dsig.missing_signature, smp.*"),
    cli: text!("smp verify-group FILE --trust CERT --participant ID [--allow-unsigned]"),
    run: run_verify_service_group,
};

/// `verify_smp_extension_signatures`: the eHealth owner signatures of an SMP record.
pub static VERIFY_SMP_EXTENSION_SIGNATURES: OpDesc = OpDesc {
    name: "verify_smp_extension_signatures",
    doc: text!("Verifies every signature inside an `Extension` of an SMP record (the eHealth owner signature) against the owners' anchors in `store`, over the `ServiceMetadata` document the owner signed before the SMP wrapped it in `SignedServiceMetadata` (docs/xml-profile.md)."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The ServiceMetadata record."),
        arg!(positional store: ArgKind::Store, "The owners' anchors."),
        common,
    ],
    returns: Returns::Records(&EXTENSION_SIGNATURE),
    raises: text!("dsig.missing_signature, smp.signature_profile"),
    cli: text!("smp verify FILE … --owner-trust CERT"),
    run: run_extension_signatures,
};

/// `smp_name`: the DNS name of a participant's SMP.
pub static SMP_NAME: OpDesc = OpDesc {
    name: "smp_name",
    doc: text!(
        "The BDXL (NAPTR) name of `participant` in `zone`, or with `cname` the PEPPOL SML CNAME."
    ),
    args: args![
        arg!(positional participant: ArgKind::Text, "The participant, `scheme::value`."),
        arg!(positional zone: ArgKind::Text, "The SML or BDXL zone."),
        arg!(cname: ArgKind::Bool, Default::Bool(false), "The PEPPOL SML CNAME instead of the BDXL name."),
    ],
    returns: Returns::Text,
    raises: text!("smp.bad_identifier"),
    cli: text!("smp name PARTICIPANT --zone ZONE [--cname]"),
    run: run_smp_name,
};

/// `verify_elmo`: an EMREX ELMO result file.
pub static VERIFY_ELMO: OpDesc = OpDesc {
    name: "verify_elmo",
    doc: text!("Verifies an ELMO file against the certificate the EMREG list gives for NCP `ncp`, under the EMREX profile: one signature, a child of the root `elmo`, one `Reference URI=\"\"`, only the enveloped transform."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The ELMO file (for the `elmo` form field, first `decode_elmo_field`)."),
        arg!(positional emreg: ArgKind::Emreg, "The EMREG list."),
        arg!(ncp: ArgKind::Text, Default::Required, "The acronym of the NCP the learner was sent to."),
        common,
    ],
    returns: Returns::Record(&ELMO),
    raises: text!("emrex.*"),
    cli: text!("emrex verify-elmo FILE --emreg EMREG.json --ncp ACRONYM"),
    run: run_verify_elmo,
};

/// `decode_elmo_field`: the `elmo` form field into the ELMO XML.
pub static DECODE_ELMO_FIELD: OpDesc = OpDesc {
    name: "decode_elmo_field",
    doc: text!("Decodes the `elmo` form field (base64, then gunzip when gzip) into the ELMO XML, capping the decoded size while inflating."),
    args: args![
        arg!(positional field: ArgKind::Bytes, "The form field's value."),
        arg!(max_elmo_bytes: ArgKind::Int { min: 0, max: u32::MAX as i64 }, Default::Int(trustmeta::DEFAULT_MAX_ELMO_BYTES as i64), "The largest decoded ELMO accepted, in bytes."),
    ],
    returns: Returns::Bytes,
    raises: text!("emrex.bad_base64, emrex.gzip_malformed, emrex.decompressed_too_large"),
    cli: text!("emrex verify-elmo --base64 …"),
    run: run_decode_elmo_field,
};

/// `parse_return_code`: an EMREX `returnCode`.
pub static PARSE_RETURN_CODE: OpDesc = OpDesc {
    name: "parse_return_code",
    doc: text!("`OK`, `NO_RESULTS`, `CANCEL` or `ERROR` for an `NCP_*`/`EMP_*` `returnCode`."),
    args: args![arg!(positional value: ArgKind::Text, "The `returnCode` form field."),],
    returns: Returns::Text,
    raises: text!("emrex.bad_return_code"),
    cli: text!(""),
    run: run_parse_return_code,
};

/// `verify_tsl`: an ETSI trusted list.
pub static VERIFY_TSL: OpDesc = OpDesc {
    name: "verify_tsl",
    doc: text!(
        "Verifies a signed ETSI trusted list against `store` under the trusted-list XAdES profile."
    ),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The trusted list."),
        arg!(positional store: ArgKind::Store, "The certificates allowed to sign it."),
        common,
    ],
    returns: Returns::Held(&TSL),
    raises: text!("tsl.*"),
    cli: text!("tsl verify FILE --trust CERT"),
    run: run_verify_tsl,
};

/// `verify_metadata`: signed SAML metadata, in memory or streamed when large.
pub static VERIFY_METADATA: OpDesc = OpDesc {
    name: "verify_metadata",
    doc: text!("Verifies signed SAML metadata; documents above 4 MiB are streamed."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The metadata."),
        arg!(positional store: ArgKind::Store, "The federation's signing keys."),
        common,
        arg!(profile: ArgKind::Choice(MetadataProfile::NAMES), Default::Text("generic"), "The profile: `etoegang` checks the eToegang aggregate's name, duration and groups."),
    ],
    returns: Returns::Held(&METADATA),
    raises: text!("metadata.*"),
    cli: text!("metadata verify FILE --trust CERT [--profile P]"),
    run: run_verify_metadata,
};

/// `metadata_stream`: a verifier of SAML metadata fed in pieces.
pub static METADATA_STREAM: OpDesc = OpDesc {
    name: "metadata_stream",
    doc: text!("A verifier of SAML metadata fed in pieces: memory stays flat however large the document. It owns a copy of `store`."),
    args: args![
        arg!(positional store: ArgKind::Store, "The federation's signing keys."),
        common,
        arg!(profile: ArgKind::Choice(MetadataProfile::NAMES), Default::Text("generic"), "As for `verify_metadata`."),
    ],
    returns: Returns::MetadataStream,
    raises: text!("metadata.*"),
    cli: text!("metadata verify FILE … (above 4 MiB, streamed from disk)"),
    run: run_metadata_stream,
};

/// `metadata_issuer_trust`: the signing keys of each entity of verified metadata.
pub static METADATA_ISSUER_TRUST: OpDesc = OpDesc {
    name: "metadata_issuer_trust",
    doc: text!("Verifies metadata (of any size) and returns an issuer trust pinning the signing keys of each entity with `role` for its `entityID`. An `entityID` carried twice by entities of the role is `metadata.malformed`."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The metadata."),
        arg!(positional store: ArgKind::Store, "The federation's signing keys."),
        arg!(role: ArgKind::Choice(trustmeta::TRUST_ROLES), Default::Text("IDPSSODescriptor"), "The role descriptor whose entities are trusted."),
        common,
        arg!(profile: ArgKind::Choice(MetadataProfile::NAMES), Default::Text("generic"), "As for `verify_metadata`."),
    ],
    returns: Returns::IssuerTrust,
    raises: text!("metadata.*"),
    cli: text!(""),
    run: run_metadata_issuer_trust,
};

/// `verify_saml_response`: a SAML Response as a relying party receives it.
pub static VERIFY_SAML_RESPONSE: OpDesc = OpDesc {
    name: "verify_saml_response",
    doc: text!("Verifies a SAML Response against the trust of the issuer it names and this relying party's expectations, and returns only what a verified signature covered."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The Response (for the HTTP-POST form value, first `decode_post_binding`)."),
        arg!(positional trust: ArgKind::IssuerTrust, "Which keys may sign for which issuer."),
        arg!(audience: ArgKind::Text, Default::Required, "This relying party's entity ID, which the audience restriction must name."),
        arg!(acs: ArgKind::Text, Default::Required, "This relying party's assertion consumer service URL: the expected `Destination` and bearer `Recipient`."),
        arg!(request_id: ArgKind::Text, Default::Absent, "The ID of the AuthnRequest sent; only unsolicited responses are accepted when absent."),
        common,
        arg!(profile: ArgKind::Choice(SamlProfile::NAMES), Default::Text("generic"), "The profile: STORK and eIDAS raise the algorithm and key requirements whatever the other arguments say."),
        arg!(signed: ArgKind::Choice(SignedParts::NAMES), Default::Text("any"), "Which signatures are required: `any` (the Response or the Assertion), `response`, `assertion` or `both`."),
        arg!(skew: SECONDS, Default::Int(180), "Allowed clock difference, in seconds."),
        arg!(cache: ArgKind::ReplayCache, Default::Absent, "The relying party's replay cache: in memory, or (C, Python, CLI) shared by every worker of the relying party on Redis or your own store; without one a replayed assertion is not detected. A cache that cannot answer refuses the response (`saml.replay_cache_unavailable`)."),
        arg!(decrypt_keys: ArgKind::DecryptionKeys, Default::Absent, "The relying party's decryption keys, for an `EncryptedAssertion`, `EncryptedID` or `EncryptedAttribute`; without them encrypted content is refused (`saml.encrypted_unsupported`). The recipient a message names only chooses among them."),
        arg!(allow_legacy_encryption: ArgKind::Bool, Default::Bool(false), "Accept AES-CBC and Triple-DES content encryption, which authenticate nothing (the default of pysaml2 and samlify); the result's `decrypted` says what was used."),
    ],
    returns: Returns::Record(&SAML_RESPONSE),
    raises: text!("saml.*"),
    cli: text!("saml verify-response FILE --trust CERT --audience A --acs URL"),
    run: run_verify_saml_response,
};

/// `decrypt_saml_assertion`: a Response's encrypted assertion, decrypted and not verified.
pub static DECRYPT_SAML_ASSERTION: OpDesc = OpDesc {
    name: "decrypt_saml_assertion",
    doc: text!("Decrypts the one `EncryptedAssertion` of a SAML Response and returns the assertion's bytes WITHOUT checking any signature: it answers whether the keys decrypt the message (as `xmlsec1 --decrypt` does), for setting a relying party up and for inspection. Nothing it returns is verified; `verify_saml_response` with `decrypt_keys` is how a response is consumed."),
    args: args![
        arg!(positional xml: ArgKind::Bytes, "The Response."),
        arg!(positional keys: ArgKind::DecryptionKeys, "The relying party's decryption keys."),
        arg!(allow_legacy_encryption: ArgKind::Bool, Default::Bool(false), "Accept AES-CBC and Triple-DES content encryption."),
    ],
    returns: Returns::Record(&UNVERIFIED_ASSERTION),
    raises: text!("xmlenc.*, saml.assertion_count"),
    cli: text!("saml decrypt FILE --decrypt-key KEY"),
    run: run_decrypt_saml_assertion,
};

/// `verify_saml_request`: a signed AuthnRequest.
pub static VERIFY_SAML_REQUEST: OpDesc = OpDesc {
    name: "verify_saml_request",
    doc: text!("Verifies a signed SAML AuthnRequest: one signature, a child of the request, with one Reference to its ID; the trust of the issuer it names; `Destination`; `IssueInstant` no older than `max_age`; and the STORK or eIDAS extensions."),
    args: saml_request_args!(xml, ArgKind::Bytes, "The AuthnRequest (for the HTTP-POST form value, first `decode_post_binding`)."),
    returns: Returns::Record(&AUTHN_REQUEST),
    raises: text!("saml.*"),
    cli: text!("saml verify-request FILE --trust CERT"),
    run: run_verify_saml_request,
};

/// `verify_saml_request_redirect`: an AuthnRequest from the HTTP-Redirect binding.
pub static VERIFY_SAML_REQUEST_REDIRECT: OpDesc = OpDesc {
    name: "verify_saml_request_redirect",
    doc: text!("Verifies an AuthnRequest that came over the HTTP-Redirect binding: the query string's signature, then the inflated request as `verify_saml_request` checks it, except that an XML signature inside it is refused."),
    args: saml_request_args!(query, ArgKind::Text, "The query string (with or without the leading `?`), still URL-encoded."),
    returns: Returns::Record(&AUTHN_REQUEST),
    raises: text!("saml.binding, saml.*"),
    cli: text!("saml verify-request --redirect QUERYFILE --trust CERT"),
    run: run_verify_saml_request_redirect,
};

/// `decode_post_binding`: the HTTP-POST binding's form value into the message.
pub static DECODE_POST_BINDING: OpDesc = OpDesc {
    name: "decode_post_binding",
    doc: text!("Decodes the HTTP-POST binding's `SAMLResponse` or `SAMLRequest` form value (base64, line breaks allowed) into the message XML, and checks the `RelayState` that came with it."),
    args: args![
        arg!(positional value: ArgKind::Bytes, "The form value, URL-decoded."),
        arg!(relay_state: ArgKind::Text, Default::Absent, "The `RelayState` that came with it (at most 80 bytes)."),
    ],
    returns: Returns::Bytes,
    raises: text!("saml.binding"),
    cli: text!("saml verify-… --base64 …"),
    run: run_decode_post_binding,
};

/// `verify_ocsp_response`: an OCSP response about one certificate.
pub static VERIFY_OCSP_RESPONSE: OpDesc = OpDesc {
    name: "verify_ocsp_response",
    doc: text!("Verifies a DER OCSP response about `cert`, issued by the CA `issuer`: signed by the CA or a responder it authorised, about `cert`, current at `now` give or take five minutes, echoing `nonce`."),
    args: args![
        arg!(positional response: ArgKind::Bytes, "The DER `OCSPResponse` as received."),
        arg!(positional issuer: ArgKind::Bytes, "The issuing CA's certificate, PEM or DER."),
        arg!(positional cert: ArgKind::Bytes, "The certificate asked about, PEM or DER."),
        arg!(nonce: ArgKind::Bytes, Default::Absent, "The nonce sent in the request, which the response must then echo."),
        arg!(now: ArgKind::Time, Default::Now, "The verification time; the system clock when absent."),
        arg!(allow_sha1: ArgKind::Bool, Default::Bool(false), "Accept a SHA-1 signature."),
        arg!(require_good: ArgKind::Bool, Default::Bool(true), "Raise `ocsp.status_revoked` or `ocsp.status_unknown` unless the status is good."),
    ],
    returns: Returns::Record(&OCSP),
    raises: text!("ocsp.*"),
    cli: text!("ocsp verify RESPONSE --issuer CA --cert CERT"),
    run: run_verify_ocsp_response,
};

/// Every operation.
pub static ALL: &[&OpDesc] = &[
    &VERIFY,
    &VERIFY_SMP,
    &VERIFY_SMP_REDIRECT,
    &VERIFY_SERVICE_GROUP,
    &VERIFY_SMP_EXTENSION_SIGNATURES,
    &SMP_NAME,
    &VERIFY_ELMO,
    &DECODE_ELMO_FIELD,
    &PARSE_RETURN_CODE,
    &VERIFY_TSL,
    &VERIFY_METADATA,
    &METADATA_STREAM,
    &METADATA_ISSUER_TRUST,
    &VERIFY_SAML_RESPONSE,
    &DECRYPT_SAML_ASSERTION,
    &VERIFY_SAML_REQUEST,
    &VERIFY_SAML_REQUEST_REDIRECT,
    &DECODE_POST_BINDING,
    &VERIFY_OCSP_RESPONSE,
];

/// The operation called `name`.
pub fn find(name: &str) -> Option<&'static OpDesc> {
    ALL.iter().copied().find(|o| o.name == name)
}

// --- What held results answer ---------------------------------------------------------------

/// `(entity_id, group)` of each entity of verified metadata, in document order.
pub fn entity_ids(m: &VerifiedMetadata) -> Value {
    Value::List(
        m.entity_ids()
            .map(|(entity_id, group)| EntityRef { entity_id, group }.value())
            .collect(),
    )
}

/// Finds and reads entity `entity_id` of verified metadata: its record, or null.
///
/// # Errors
/// `metadata.not_held` after a streamed verification; `metadata.malformed` for an
/// `entityID` carried twice.
pub fn find_entity(m: &VerifiedMetadata, entity_id: &str) -> Result<Value, Error> {
    let limits = trustmeta::Limits::default();
    Ok(m.find_entity(entity_id, &limits)?
        .map_or(Value::Null, |e| e.value()))
}

/// Reads every entity of verified metadata, in document order.
///
/// # Errors
/// As [`find_entity`].
pub fn read_entities(m: &VerifiedMetadata) -> Result<Value, Error> {
    let limits = trustmeta::Limits::default();
    let mut out = Vec::new();
    for e in m.read_entities(&limits)? {
        out.push(e?.value());
    }
    Ok(Value::List(out))
}

/// The record description of what [`find_entity`] and [`read_entities`] return.
pub fn entity_desc() -> &'static RecordDesc {
    &METADATA_ENTITY
}

/// The SMP records of a verified NCP configuration list, in `format` (`oasis-smp1` or
/// `busdox`).
///
/// # Errors
/// [`OpError::Arg`] for an unknown format; `tsl.not_openncp` or `tsl.malformed` from the
/// core.
pub fn tsl_to_smp(t: &VerifiedTsl, format: &str) -> Result<Value, OpError> {
    let f = SmpOutputFormat::parse(format).ok_or_else(|| {
        OpError::Arg(ArgError {
            op: "to_smp",
            arg: "format".into(),
            problem: ArgProblem::Value,
            message: format!("must be \"oasis-smp1\" or \"busdox\", not {format:?}"),
        })
    })?;
    let records = trustmeta::to_smp(t, f).map_err(Error::from)?;
    Ok(recs(&records))
}

/// The record description of what [`tsl_to_smp`] returns.
pub fn smp_record_desc() -> &'static RecordDesc {
    &SMP_RECORD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_has_a_type_name() {
        for op in ALL {
            for a in op.args {
                if let ArgKind::Choice(names) = a.kind {
                    assert!(
                        choice_type(names).is_some(),
                        "{}({}): add its names to CHOICE_TYPES",
                        op.name,
                        a.name
                    );
                }
            }
        }
        let mut types: Vec<&str> = CHOICE_TYPES.iter().map(|(t, _)| *t).collect();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), CHOICE_TYPES.len(), "a type name twice");
    }
}
