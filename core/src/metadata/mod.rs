//! SAML metadata: signed federation aggregates (`EntitiesDescriptor`) and single entities
//! (`EntityDescriptor`), verified in memory or — for large aggregates — streamed, with the
//! same result; `validUntil` and `cacheDuration` turned into an effective expiry; the
//! eToegang (Dutch eHerkenning/eToegang) aggregate profile as an opt-in check.
//!
//! The signature profile on both paths: exactly one `ds:Signature` that is the first
//! child element of the document element (where the metadata schema puts it), with one
//! Reference to the whole document (`URI=""` or the element's `#ID`), enveloped.
//! Signatures on entities inside are counted, not checked.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use core::ops::Range;

use crate::code::ErrorCode;
use crate::crypto::{default_verifier, SignatureVerifier};
use crate::dsig::{verify_signature, DsigError, SignedElement, Unverified, NS_DS};
use crate::error::Error;
use crate::pki::TrustStore;
use crate::policy::Policy;
use crate::stream::{Engine, Observer, StreamOutcome};
use crate::time::{DateTime, Duration};
use crate::verified::{report_of, VerificationReport};
use crate::xml::lexer::StartTag;
use crate::xml::{self, IdIndex, Limits};

mod index;
mod lookup;
pub use index::IndexedEntity;
pub(crate) use index::Indexer;
use lookup::{find_indexed, HeldDocument};
pub use lookup::{read_indexed_entity, ContactPerson, EntityInfo, LocalizedName, MetadataEndpoint};

/// The SAML 2.0 metadata namespace.
pub const NS_MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
/// The metadata registration and publication info namespace (`mdrpi`).
pub const NS_MDRPI: &str = "urn:oasis:names:tc:SAML:metadata:rpi";

/// The role groups of an eToegang aggregate (`urn:etoegang:role:<name>`), in order.
pub const ETOEGANG_GROUPS: [&str; 5] = [
    "Authenticatiediensten",
    "Machtigingenregisters",
    "Koppelregisters",
    "Interstelseldiensten",
    "Herkenningsmakelaars",
];
/// The optional group of (test) service providers.
pub const ETOEGANG_TEST_GROUP: &str = "Dienstverleners";

/// A role in the eToegang network, as the aggregate's role groups assign it.
///
/// The network's rules for the aggregate list the eIDAS-berichtenservice (EB) under
/// `Interstelseldiensten` and tell a Herkenningsmakelaar to treat it as both an
/// authentication service and a mandate register when it validates messages
/// ([`EtoegangRole::validated_as`]); it is not offered to users as an authentication
/// service to choose ([`EtoegangRole::offered_for_ad_selection`]).
///
/// ```
/// use trustmeta::EtoegangRole;
/// let eb = EtoegangRole::from_group("urn:etoegang:role:Interstelseldiensten").unwrap();
/// assert_eq!(eb, EtoegangRole::Interstelseldienst);
/// assert!(eb.validated_as().contains(&EtoegangRole::Authenticatiedienst));
/// assert!(eb.validated_as().contains(&EtoegangRole::Machtigingenregister));
/// assert!(!eb.offered_for_ad_selection());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EtoegangRole {
    /// Authenticatiedienst (AD): authenticates users.
    Authenticatiedienst,
    /// Machtigingenregister (MR): registers and checks mandates.
    Machtigingenregister,
    /// Koppelregister (KR).
    Koppelregister,
    /// Interstelseldienst: the eIDAS-berichtenservice (EB).
    Interstelseldienst,
    /// Herkenningsmakelaar (HM): the broker between service providers and the network.
    Herkenningsmakelaar,
    /// Dienstverlener (DV): a (test) service provider of the optional group.
    Dienstverlener,
}

impl EtoegangRole {
    /// Every role, in the order of the aggregate's groups.
    pub const ALL: [EtoegangRole; 6] = [
        EtoegangRole::Authenticatiedienst,
        EtoegangRole::Machtigingenregister,
        EtoegangRole::Koppelregister,
        EtoegangRole::Interstelseldienst,
        EtoegangRole::Herkenningsmakelaar,
        EtoegangRole::Dienstverlener,
    ];

    /// The role of the entities of a group `Name` (`urn:etoegang:role:<group>`).
    pub fn from_group(name: &str) -> Option<Self> {
        let g = name.strip_prefix("urn:etoegang:role:")?;
        Self::ALL.into_iter().find(|r| r.group_name() == g)
    }

    /// The group's name without its `urn:etoegang:role:` prefix, e.g. `Authenticatiediensten`.
    pub fn group_name(self) -> &'static str {
        match self {
            EtoegangRole::Authenticatiedienst => ETOEGANG_GROUPS[0],
            EtoegangRole::Machtigingenregister => ETOEGANG_GROUPS[1],
            EtoegangRole::Koppelregister => ETOEGANG_GROUPS[2],
            EtoegangRole::Interstelseldienst => ETOEGANG_GROUPS[3],
            EtoegangRole::Herkenningsmakelaar => ETOEGANG_GROUPS[4],
            EtoegangRole::Dienstverlener => ETOEGANG_TEST_GROUP,
        }
    }

    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const ABBREVIATIONS: &'static [&'static str] = &["AD", "MR", "KR", "EB", "HM", "DV"];

    /// The network's abbreviation: `AD`, `MR`, `KR`, `EB`, `HM` or `DV`.
    pub fn abbreviation(self) -> &'static str {
        Self::ABBREVIATIONS[match self {
            EtoegangRole::Authenticatiedienst => 0,
            EtoegangRole::Machtigingenregister => 1,
            EtoegangRole::Koppelregister => 2,
            EtoegangRole::Interstelseldienst => 3,
            EtoegangRole::Herkenningsmakelaar => 4,
            EtoegangRole::Dienstverlener => 5,
        }]
    }

    /// Reads an abbreviation (`AD`, `MR`, `KR`, `EB`, `HM`, `DV`; any case).
    pub fn from_abbreviation(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.abbreviation().eq_ignore_ascii_case(s))
    }

    /// The roles an entity of this group plays when messages are validated: its own,
    /// and for the eIDAS-berichtenservice also authentication service and mandate
    /// register.
    pub fn validated_as(self) -> &'static [EtoegangRole] {
        match self {
            EtoegangRole::Interstelseldienst => &[
                EtoegangRole::Interstelseldienst,
                EtoegangRole::Authenticatiedienst,
                EtoegangRole::Machtigingenregister,
            ],
            EtoegangRole::Authenticatiedienst => &[EtoegangRole::Authenticatiedienst],
            EtoegangRole::Machtigingenregister => &[EtoegangRole::Machtigingenregister],
            EtoegangRole::Koppelregister => &[EtoegangRole::Koppelregister],
            EtoegangRole::Herkenningsmakelaar => &[EtoegangRole::Herkenningsmakelaar],
            EtoegangRole::Dienstverlener => &[EtoegangRole::Dienstverlener],
        }
    }

    /// Whether entities of this group may be listed for users to choose an
    /// authentication service from: only the Authenticatiediensten (the EB is offered by
    /// the service provider itself, as a separate option, never by the broker).
    pub fn offered_for_ad_selection(self) -> bool {
        self == EtoegangRole::Authenticatiedienst
    }
}

impl fmt::Display for EtoegangRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation())
    }
}

/// Why metadata was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MetadataError {
    /// The document element is not an `EntitiesDescriptor` or `EntityDescriptor`.
    UnknownDocument {
        /// `{namespace}local` of the document element.
        root: String,
    },
    /// A value is not of its type (`validUntil`, `cacheDuration`, `creationInstant`).
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// `validUntil` has passed.
    Expired {
        /// The `validUntil` value.
        valid_until: DateTime,
    },
    /// The aggregate breaks the eToegang profile.
    Profile {
        /// What is wrong.
        reason: String,
    },
    /// A lookup needs the verified document, and this result of a streamed
    /// verification does not hold it: read the entity from the file with
    /// [`read_indexed_entity`].
    NotHeld,
}

impl MetadataError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            MetadataError::UnknownDocument { .. } => ErrorCode::MetadataUnknownDocument,
            MetadataError::Malformed { .. } => ErrorCode::MetadataMalformed,
            MetadataError::Expired { .. } => ErrorCode::MetadataExpired,
            MetadataError::Profile { .. } => ErrorCode::MetadataProfile,
            MetadataError::NotHeld => ErrorCode::MetadataNotHeld,
        }
    }
}

impl fmt::Display for MetadataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetadataError::UnknownDocument { root } => write!(
                f,
                "the document element is {root}, not SAML metadata (EntitiesDescriptor or EntityDescriptor)"
            ),
            MetadataError::Malformed { reason } => write!(f, "malformed metadata: {reason}"),
            MetadataError::Expired { valid_until } => {
                write!(f, "the metadata expired at its validUntil {valid_until}")
            }
            MetadataError::Profile { reason } => {
                write!(f, "the aggregate breaks the eToegang profile: {reason}")
            }
            MetadataError::NotHeld => f.write_str(
                "the metadata was verified as a stream and is not held: read entities from the verified file with read_indexed_entity",
            ),
        }
    }
}

impl core::error::Error for MetadataError {}

/// Which profile metadata is checked against, beyond its signature.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MetadataProfile {
    /// SAML metadata: signature, `validUntil`, `cacheDuration`.
    #[default]
    Generic,
    /// The eToegang aggregate: `Name` = `urn:etoegang:<version>:metadata:<P|A>:<sequence>`,
    /// `cacheDuration`, `mdrpi:PublicationInfo` with `publisher` and `creationInstant`,
    /// and the five role groups (plus, optionally, the test service providers).
    Etoegang,
}

impl MetadataProfile {
    /// Reads `generic` or `etoegang`.
    pub fn parse(s: &str) -> Option<Self> {
        [MetadataProfile::Generic, MetadataProfile::Etoegang]
            .into_iter()
            .find(|p| p.name() == s)
    }

    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["generic", "etoegang"];

    /// `generic` or `etoegang`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            MetadataProfile::Generic => 0,
            MetadataProfile::Etoegang => 1,
        }]
    }
}

/// The parsed `Name` of an eToegang aggregate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EtoegangName {
    /// The specification version, e.g. `1.13`.
    pub version: String,
    /// `P` (production) or `A` (acceptance).
    pub environment: char,
    /// The publication sequence number: a newer aggregate has a higher one.
    pub sequence: u64,
}

impl EtoegangName {
    /// Reads `urn:etoegang:<version>:metadata:<P|A>:<sequence>`.
    pub fn parse(name: &str) -> Option<Self> {
        let rest = name.strip_prefix("urn:etoegang:")?;
        let (version, rest) = rest.split_once(":metadata:")?;
        let (env, seq) = rest.split_once(':')?;
        let environment = match env {
            "P" => 'P',
            "A" => 'A',
            _ => return None,
        };
        let version_ok = !version.is_empty()
            && version
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !version_ok || seq.is_empty() || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(EtoegangName {
            version: version.to_string(),
            environment,
            sequence: seq.parse().ok()?,
        })
    }
}

/// What verified metadata says about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MetadataSummary {
    /// `EntitiesDescriptor` or `EntityDescriptor`.
    pub root: String,
    /// The document element's `ID`.
    pub id: Option<String>,
    /// `Name` (aggregates) .
    pub name: Option<String>,
    /// `entityID` (single entities).
    pub entity_id: Option<String>,
    /// `validUntil`.
    pub valid_until: Option<DateTime>,
    /// `cacheDuration`.
    pub cache_duration: Option<Duration>,
    /// When the verified copy must be refreshed: the earlier of `validUntil` and the
    /// verification time plus `cacheDuration`.
    pub expires: Option<DateTime>,
    /// `mdrpi:PublicationInfo/@publisher` of the document element.
    pub publisher: Option<String>,
    /// `mdrpi:PublicationInfo/@creationInstant` of the document element.
    pub creation_instant: Option<DateTime>,
    /// `EntityDescriptor` elements at any depth.
    pub entities: usize,
    /// The `Name`s of the `EntitiesDescriptor` children of the document element.
    pub groups: Vec<String>,
    /// The eToegang reading of `Name`, when it has that form.
    pub etoegang: Option<EtoegangName>,
}

/// Verified metadata: what it says about itself, its entity list, and — when verified
/// in memory — the verified document, which its lookups read.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifiedMetadata {
    /// What it says about itself.
    pub summary: MetadataSummary,
    /// The signature's report.
    pub report: VerificationReport,
    /// Signatures on inner elements, counted, not checked.
    pub nested_signatures: usize,
    /// Whether the streaming path verified it.
    pub streamed: bool,
    /// Where the document element's start tag is, in bytes: with an entity's
    /// [`IndexedEntity::scope`] it carries every namespace declaration in force there.
    pub root_tag: Range<u64>,
    /// The entities, as the verifying parser met them (empty after a streamed
    /// verification that did not ask [`MetadataStreamVerifier::with_index`]).
    entities: Vec<IndexedEntity>,
    /// The verified bytes, after an in-memory verification.
    held: Option<HeldDocument>,
}

impl VerifiedMetadata {
    /// The entities of the verified document, in document order: `entityID`, group,
    /// roles and where each is.
    pub fn entities(&self) -> &[IndexedEntity] {
        &self.entities
    }

    /// `(entityID, group)` of each entity, in document order.
    pub fn entity_ids(&self) -> impl Iterator<Item = (&str, Option<&str>)> + '_ {
        self.entities
            .iter()
            .map(|e| (e.entity_id.as_str(), e.group.as_deref()))
    }

    /// The verified document, when it was verified in memory.
    pub fn document(&self) -> Option<&[u8]> {
        self.held.as_ref().map(|h| h.bytes.as_slice())
    }

    /// Finds the entity `entity_id` and reads what it says, parsing only its
    /// `EntityDescriptor` in the verified document (under `limits`). `entity_id` is
    /// compared with the attribute's value as the parser reports it (`&amp;` read as
    /// `&`).
    ///
    /// ```
    /// use trustmeta::{verify_metadata, DateTime, MetadataProfile, Policy, TrustStore};
    /// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/metadata/signed/signer.pem"))?;
    /// let xml = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");
    /// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
    /// let policy = Policy::default();
    /// let md = verify_metadata(xml, &store, &policy, now, MetadataProfile::Etoegang)?;
    /// let e = md.find_entity("urn:etoegang:AD:00000001000000000000:entities:1", &policy.limits)?
    ///     .expect("present");
    /// assert_eq!(e.roles, ["IDPSSODescriptor"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`MetadataError::NotHeld`] after a streamed verification; `metadata.malformed`
    /// when two entities carry the `entityID`.
    pub fn find_entity(
        &self,
        entity_id: &str,
        limits: &Limits,
    ) -> Result<Option<EntityInfo>, Error> {
        let held = self.held.as_ref().ok_or(MetadataError::NotHeld)?;
        match find_indexed(&self.entities, entity_id)? {
            Some(e) => held.read(e, limits).map(Some),
            None => Ok(None),
        }
    }

    /// Reads every entity, one at a time, in document order.
    ///
    /// # Errors
    /// [`MetadataError::NotHeld`] after a streamed verification; each item carries the
    /// errors of reading its entity.
    pub fn read_entities<'s>(
        &'s self,
        limits: &'s Limits,
    ) -> Result<impl Iterator<Item = Result<EntityInfo, Error>> + 's, Error> {
        let held = self.held.as_ref().ok_or(MetadataError::NotHeld)?;
        Ok(self.entities.iter().map(move |e| held.read(e, limits)))
    }
}

/// Documents larger than this take the streaming path in [`verify_metadata_auto`].
pub const STREAM_THRESHOLD: usize = 4 * 1024 * 1024;

/// Facts gathered while reading, the same on both paths.
#[derive(Default)]
pub(crate) struct Facts {
    pub(crate) entities: usize,
    pub(crate) groups: Vec<String>,
    pub(crate) publication: Option<(Option<String>, Option<String>)>,
    /// The entity list, when the streaming path was asked for it.
    pub(crate) index: Option<Indexer>,
}

/// The facts of a streamed document, gathered as the streaming verification reads it
/// (it never shows what is inside a signature).
#[derive(Default)]
pub(crate) struct Gatherer {
    facts: Facts,
    in_root_extensions: bool,
    seen_root_extensions: bool,
}

impl Observer for Gatherer {
    fn start(&mut self, tag: &StartTag<'_>) {
        let attr = |name: &str| {
            tag.attrs
                .iter()
                .find(|a| a.ns.is_empty() && a.local == name)
                .map(|a| a.value)
        };
        if let Some(ix) = self.facts.index.as_mut() {
            let raw = tag.offset..tag.offset + tag.raw.len() as u64;
            ix.start(
                tag.ns,
                tag.local,
                tag.depth,
                raw,
                attr("Name"),
                attr("entityID"),
            );
        }
        if tag.ns == NS_MD {
            match (tag.local, tag.depth) {
                ("EntityDescriptor", _) => self.facts.entities += 1,
                ("EntitiesDescriptor", 2) => {
                    if let Some(n) = attr("Name") {
                        self.facts.groups.push(n.to_string());
                    }
                }
                // Only the first Extensions child can hold the aggregate's publication
                // info (as the in-memory reader takes it).
                ("Extensions", 2) => {
                    self.in_root_extensions = !self.seen_root_extensions;
                    self.seen_root_extensions = true;
                }
                _ => {}
            }
        } else if tag.ns == NS_MDRPI
            && tag.local == "PublicationInfo"
            && tag.depth == 3
            && self.in_root_extensions
            && self.facts.publication.is_none()
        {
            self.facts.publication = Some((
                attr("publisher").map(String::from),
                attr("creationInstant").map(String::from),
            ));
        }
    }

    fn end(&mut self, depth: usize, end_offset: u64) {
        if let Some(ix) = self.facts.index.as_mut() {
            ix.end(depth, end_offset);
        }
        if depth == 2 {
            self.in_root_extensions = false;
        }
    }
}

fn malformed(reason: String) -> MetadataError {
    MetadataError::Malformed { reason }
}

fn summarize(
    root_local: &str,
    attr: &dyn Fn(&str) -> Option<String>,
    facts: Facts,
    now: DateTime,
) -> Result<MetadataSummary, MetadataError> {
    let valid_until = match attr("validUntil") {
        Some(v) => Some(
            DateTime::parse_xsd(&v)
                .map(|(t, _)| t)
                .map_err(|_| malformed(format!("validUntil {v:?} is not an xs:dateTime")))?,
        ),
        None => None,
    };
    let cache_duration = match attr("cacheDuration") {
        Some(v) => Some(
            Duration::parse(&v)
                .map_err(|_| malformed(format!("cacheDuration {v:?} is not an xs:duration")))?,
        ),
        None => None,
    };
    let (publisher, creation) = facts.publication.unwrap_or((None, None));
    let creation_instant = match creation {
        Some(v) => Some(
            DateTime::parse_xsd(&v)
                .map(|(t, _)| t)
                .map_err(|_| malformed(format!("creationInstant {v:?} is not an xs:dateTime")))?,
        ),
        None => None,
    };
    let by_cache = cache_duration.map(|d| now.add_duration(d));
    let expires = match (valid_until, by_cache) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let name = attr("Name");
    Ok(MetadataSummary {
        root: root_local.to_string(),
        id: attr("ID"),
        etoegang: name.as_deref().and_then(EtoegangName::parse),
        name,
        entity_id: attr("entityID"),
        valid_until,
        cache_duration,
        expires,
        publisher,
        creation_instant,
        entities: facts.entities,
        groups: facts.groups,
    })
}

/// The checks after the signature: `validUntil`, and the eToegang profile.
fn check(
    s: &MetadataSummary,
    now: DateTime,
    profile: MetadataProfile,
) -> Result<(), MetadataError> {
    if let Some(v) = s.valid_until {
        if v <= now {
            return Err(MetadataError::Expired { valid_until: v });
        }
    }
    if profile == MetadataProfile::Etoegang {
        let bad = |r: &str| MetadataError::Profile {
            reason: r.to_string(),
        };
        if s.root != "EntitiesDescriptor" {
            return Err(bad("the document is not an aggregate (EntitiesDescriptor)"));
        }
        if s.etoegang.is_none() {
            return Err(bad(
                "Name is not urn:etoegang:<version>:metadata:<P|A>:<sequence>",
            ));
        }
        if s.cache_duration.is_none() {
            return Err(bad("no cacheDuration"));
        }
        if s.publisher.is_none() || s.creation_instant.is_none() {
            return Err(bad(
                "no mdrpi:PublicationInfo with publisher and creationInstant",
            ));
        }
        for g in ETOEGANG_GROUPS {
            let want = format!("urn:etoegang:role:{g}");
            if !s.groups.contains(&want) {
                return Err(MetadataError::Profile {
                    reason: format!("the role group {want} is missing"),
                });
            }
        }
        for n in &s.groups {
            let known = n
                .strip_prefix("urn:etoegang:role:")
                .is_some_and(|g| ETOEGANG_GROUPS.contains(&g) || g == ETOEGANG_TEST_GROUP);
            if !known {
                return Err(MetadataError::Profile {
                    reason: format!("an unknown group {n:?}"),
                });
            }
        }
    }
    Ok(())
}

/// Verifies metadata held in memory. The result holds a copy of the verified document
/// and its entity list, which its lookups read.
///
/// # Errors
/// [`Error::Metadata`] for another document, an expired one or a profile violation;
/// the XML, DSig, crypto and PKI errors of the document and its signature.
pub fn verify_metadata(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
) -> Result<VerifiedMetadata, Error> {
    verify_metadata_with(xml, store, policy, now, profile, default_verifier())
}

/// [`verify_metadata`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`verify_metadata`].
pub fn verify_metadata_with(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedMetadata, Error> {
    let doc = xml::parse(xml, &policy.limits)?;
    verify_tree(&doc, store, policy, now, profile, verifier, |root, _| {
        (index::index_signed(root), ())
    })
    .map(|(md, ())| md)
}

/// The in-memory verification: the profile, the signature, the summary; `read` gets the
/// signed document element and returns the entity list and whatever else the caller
/// reads from the same tree.
fn verify_tree<T>(
    doc: &xml::Document<'_>,
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
    verifier: &dyn SignatureVerifier,
    read: impl FnOnce(SignedElement<'_, '_>, Range<usize>) -> (Vec<IndexedEntity>, T),
) -> Result<(VerifiedMetadata, T), Error> {
    let root = Unverified::root(doc);
    if !(root.is(NS_MD, "EntitiesDescriptor") || root.is(NS_MD, "EntityDescriptor")) {
        return Err(MetadataError::UnknownDocument {
            root: root.qualified(),
        }
        .into());
    }
    let ids = IdIndex::build(doc, policy.id_attributes)?;
    let sig = match root.children().next() {
        Some(first) if first.is_signature() => first,
        Some(_) => {
            return Err(DsigError::Malformed {
                reason: "the signature must be the first child element of the document element"
                    .to_string(),
            }
            .into())
        }
        None => return Err(DsigError::MissingSignature.into()),
    };
    if root.signatures().count() > 1 {
        return Err(DsigError::TooManySignatures { found: 2, limit: 1 }.into());
    }
    let cx = crate::dsig::verify::Context {
        store,
        policy,
        now,
        verifier,
        document_element: None,
        allow_object: false,
        pre_check: None,
    };
    let outcome = verify_signature(doc, &ids, sig, &cx)?;
    let signed = outcome
        .signed(doc, root.id())
        .filter(|_| outcome.covers_exactly(root.id(), sig.id()))
        .ok_or_else(|| DsigError::WrongReferenceTarget {
            expected: "the document (URI=\"\" or the document element's #ID)".to_string(),
        })?;
    let nested_signatures = Unverified::all_signatures(doc).count() - 1;
    // From here on everything is read through the signed view of the document element.
    let mut facts = Facts {
        entities: signed
            .descendants()
            .filter(|n| n.is(NS_MD, "EntityDescriptor"))
            .count(),
        groups: signed
            .children()
            .filter(|n| n.is(NS_MD, "EntitiesDescriptor"))
            .filter_map(|n| n.attribute("Name").map(String::from))
            .collect(),
        publication: None,
        index: None,
    };
    if let Some(ext) = signed.child(Some(NS_MD), "Extensions") {
        if let Some(p) = ext.child(Some(NS_MDRPI), "PublicationInfo") {
            facts.publication = Some((
                p.attribute("publisher").map(String::from),
                p.attribute("creationInstant").map(String::from),
            ));
        }
    }
    let attr = |name: &str| signed.attribute(name).map(String::from);
    let summary = summarize(signed.local_name(), &attr, facts, now)?;
    check(&summary, now, profile)?;
    let root_tag = signed.start_tag_range();
    let (entities, extra) = read(signed, root_tag.clone());
    Ok((
        VerifiedMetadata {
            summary,
            report: report_of(doc, &outcome, now),
            nested_signatures,
            streamed: false,
            root_tag: root_tag.start as u64..root_tag.end as u64,
            entities,
            held: Some(HeldDocument {
                bytes: doc.input().to_vec(),
                root_tag,
            }),
        },
        extra,
    ))
}

/// Streams metadata through verification: feed it in chunks of any size, then
/// [`finish`](MetadataStreamVerifier::finish). Memory does not grow with the document.
///
/// ```
/// use trustmeta::{DateTime, MetadataProfile, MetadataStreamVerifier, Policy, TrustStore};
/// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/metadata/signed/signer.pem"))?;
/// let xml = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");
/// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
/// let mut v = MetadataStreamVerifier::new(&store, &Policy::default(), now, MetadataProfile::Etoegang);
/// for chunk in xml.chunks(1000) {
///     v.feed(chunk)?;
/// }
/// let md = v.finish()?;
/// assert_eq!(md.summary.etoegang.unwrap().sequence, 36);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct MetadataStreamVerifier<'s> {
    inner: Engine<'s, Gatherer>,
    now: DateTime,
    profile: MetadataProfile,
}

impl MetadataStreamVerifier<'static> {
    /// As [`MetadataStreamVerifier::new`], owning its trust store: for a verifier kept
    /// between calls by a handle that cannot hold a borrow (C, Python, JavaScript).
    pub fn owning(
        store: TrustStore,
        policy: &Policy,
        now: DateTime,
        profile: MetadataProfile,
    ) -> Self {
        let inner = Engine::owning(store, policy, now, Gatherer::default());
        MetadataStreamVerifier {
            inner,
            now,
            profile,
        }
    }
}

impl<'s> MetadataStreamVerifier<'s> {
    /// A verifier for metadata signed by a key of `store`.
    pub fn new(
        store: &'s TrustStore,
        policy: &Policy,
        now: DateTime,
        profile: MetadataProfile,
    ) -> Self {
        let inner = Engine::borrowing(store, policy, now, Gatherer::default());
        MetadataStreamVerifier {
            inner,
            now,
            profile,
        }
    }

    /// Reads the next bytes.
    ///
    /// # Errors
    /// As [`StreamVerifier::feed`](crate::StreamVerifier::feed).
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.inner.feed(chunk)
    }

    /// Hashes the canonical content with hashers that `start` makes — for example on
    /// another thread, so that reading and hashing a large aggregate overlap.
    #[must_use]
    pub fn hash_with(mut self, start: crate::stream::BlockHasherFactory<'s>) -> Self {
        self.inner.hash_with(start);
        self
    }

    /// Also lists the entities while reading, for [`MetadataStreamVerifier::finish_with_index`]:
    /// the list grows with the number of entities (tens of bytes plus the `entityID`
    /// each), the reading memory does not.
    #[must_use]
    pub fn with_index(mut self) -> Self {
        self.inner.observer_mut().facts.index = Some(Indexer::default());
        self
    }

    /// Ends the document and checks what it says.
    ///
    /// # Errors
    /// As [`verify_metadata`].
    pub fn finish(self) -> Result<VerifiedMetadata, Error> {
        self.finish_with_index().map(|(v, _)| v)
    }

    /// [`MetadataStreamVerifier::finish`], with the entities of the verified document
    /// in document order (empty unless [`MetadataStreamVerifier::with_index`] asked for
    /// them): where each `EntityDescriptor` is, its group and its roles, read by the
    /// same parser that verified the document, so entities inside comments or CDATA
    /// sections are never listed.
    ///
    /// ```
    /// use trustmeta::{DateTime, MetadataProfile, MetadataStreamVerifier, Policy, TrustStore};
    /// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/metadata/signed/signer.pem"))?;
    /// let xml = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");
    /// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
    /// let mut v = MetadataStreamVerifier::new(&store, &Policy::default(), now, MetadataProfile::Etoegang)
    ///     .with_index();
    /// v.feed(xml)?;
    /// let (md, entities) = v.finish_with_index()?;
    /// assert_eq!(entities.len(), md.summary.entities);
    /// assert_eq!(entities[0].roles, ["IDPSSODescriptor"]);
    /// let r = &entities[0].range;
    /// assert!(xml[r.start as usize..r.end as usize].ends_with(b"EntityDescriptor>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`verify_metadata`].
    pub fn finish_with_index(self) -> Result<(VerifiedMetadata, Vec<IndexedEntity>), Error> {
        let (outcome, gathered): (StreamOutcome, Gatherer) = self.inner.finish()?;
        let mut facts = gathered.facts;
        let index = facts
            .index
            .take()
            .map(Indexer::into_entities)
            .unwrap_or_default();
        let root = &outcome.root;
        if root.namespace != NS_MD
            || !(root.local_name == "EntitiesDescriptor" || root.local_name == "EntityDescriptor")
        {
            return Err(MetadataError::UnknownDocument {
                root: format!("{{{}}}{}", root.namespace, root.local_name),
            }
            .into());
        }
        let attr = |name: &str| root.attribute(name).map(String::from);
        let summary = summarize(&root.local_name, &attr, facts, self.now)?;
        check(&summary, self.now, self.profile)?;
        Ok((
            VerifiedMetadata {
                summary,
                report: outcome.report,
                nested_signatures: outcome.nested_signatures,
                streamed: true,
                root_tag: outcome.root_tag,
                entities: index.clone(),
                held: None,
            },
            index,
        ))
    }
}

/// Verifies metadata in memory, or streamed when it is larger than [`STREAM_THRESHOLD`];
/// both give the same result.
///
/// # Errors
/// As [`verify_metadata`].
pub fn verify_metadata_auto(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
) -> Result<VerifiedMetadata, Error> {
    if xml.len() <= STREAM_THRESHOLD {
        return verify_metadata(xml, store, policy, now, profile);
    }
    let mut v = MetadataStreamVerifier::new(store, policy, now, profile);
    for chunk in xml.chunks(256 * 1024) {
        v.feed(chunk)?;
    }
    v.finish()
}

/// Verifies metadata and turns the signing keys of its identity providers (or, with
/// `role` = `"SPSSODescriptor"`, its service providers) into an
/// [`IssuerTrust`](crate::IssuerTrust): each entity's keys pinned for its `entityID`, as
/// the SAML metadata interoperability profile prescribes (keys, not certificate validity,
/// are what metadata vouches for). A `KeyDescriptor` without `use` counts as signing.
/// The keys are read from the very tree that was verified; a document larger than the
/// in-memory limit is verified as a stream and its entities read from the pieces its
/// index locates, so trust can come from an aggregate of any size.
///
/// ```
/// use trustmeta::{metadata_issuer_trust, DateTime, MetadataProfile, Policy, TrustStore};
/// let signer = TrustStore::from_pem(include_bytes!("../../../tests/data/metadata/signed/signer.pem"))?;
/// let md = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");
/// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
/// let trust = metadata_issuer_trust(md, &signer, &Policy::default(), now, MetadataProfile::Etoegang, "IDPSSODescriptor")?;
/// assert!(trust.store_for("urn:etoegang:HM:00000005000000000000:entities:1").is_some());
/// assert!(trust.store_for("urn:etoegang:DV:00000006000000000000:entities:1").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`verify_metadata`]; [`Error::Metadata`] for a signing certificate in the
/// metadata that is not base64 DER.
pub fn metadata_issuer_trust(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
    role: &str,
) -> Result<crate::saml::IssuerTrust, Error> {
    let mut keys: Vec<(String, Vec<String>)> = Vec::new();
    if xml.len() <= policy.limits.max_input_bytes {
        let doc = xml::parse(xml, &policy.limits)?;
        let (_, found) = verify_tree(
            &doc,
            store,
            policy,
            now,
            profile,
            default_verifier(),
            |root, _| {
                let mut found = Vec::new();
                index::for_each_entity(root, &mut |e, _| found.extend(role_keys(e, role)));
                (index::index_signed(root), found)
            },
        )?;
        keys = found;
    } else {
        let mut v = MetadataStreamVerifier::new(store, policy, now, profile).with_index();
        for chunk in xml.chunks(256 * 1024) {
            v.feed(chunk)?;
        }
        let (md, entities) = v.finish_with_index()?;
        let piece = |r: &Range<u64>| -> Result<&[u8], Error> {
            let (a, b) = (
                usize::try_from(r.start).unwrap_or(usize::MAX),
                usize::try_from(r.end).unwrap_or(usize::MAX),
            );
            xml.get(a..b)
                .ok_or_else(|| malformed("a range outside the document".to_string()).into())
        };
        for e in &entities {
            let mut scope = Vec::with_capacity(e.scope.len() + 1);
            if e.range.start != md.root_tag.start {
                scope.push(piece(&md.root_tag)?);
            }
            for t in &e.scope {
                scope.push(piece(t)?);
            }
            let k =
                lookup::with_indexed_entity(e, &scope, piece(&e.range)?, &policy.limits, |ed| {
                    role_keys(ed, role)
                })?;
            keys.extend(k);
        }
    }
    let mut trust = crate::saml::IssuerTrust::new();
    // Among the entities of the role: two with one entityID would make the keys a guess.
    let mut seen: Vec<&str> = keys.iter().map(|(id, _)| id.as_str()).collect();
    seen.sort_unstable();
    if let Some(w) = seen.windows(2).find(|w| w[0] == w[1] && !w[0].is_empty()) {
        // Two entities, one entityID: which keys count would be a guess.
        return Err(malformed(format!(
            "the entityID {} is carried by more than one entity",
            w[0]
        ))
        .into());
    }
    for (entity_id, certs) in &keys {
        if entity_id.is_empty() || certs.is_empty() {
            continue;
        }
        let mut store = TrustStore::new();
        for c in certs {
            let der = crate::encoding::decode_base64(c).ok_or_else(|| {
                malformed(format!(
                    "a signing certificate of {entity_id} is not base64"
                ))
            })?;
            let cert = crate::pki::Certificate::from_der(&der)?;
            if let Some(k) = cert.public_key() {
                store.add_public_key(k.clone());
            }
        }
        if !store.is_empty() {
            trust.add(entity_id, store);
        }
    }
    Ok(trust)
}

/// The `entityID` of an entity with a `role` descriptor, and the base64 text of the
/// signing certificates of its `role` descriptors (`KeyDescriptor`s with `use="signing"`
/// or no `use`), read through the signed view; `None` without such a descriptor.
fn role_keys(entity: SignedElement<'_, '_>, role: &str) -> Option<(String, Vec<String>)> {
    let mut certs = Vec::new();
    let mut has_role = false;
    for descriptor in entity.children().filter(|n| n.is(NS_MD, role)) {
        has_role = true;
        for kd in descriptor
            .children()
            .filter(|n| n.is(NS_MD, "KeyDescriptor"))
        {
            if kd.attribute("use").is_some_and(|u| u != "signing") {
                continue;
            }
            for c in kd.descendants().filter(|n| n.is(NS_DS, "X509Certificate")) {
                certs.push(c.text());
            }
        }
    }
    has_role.then(|| {
        (
            String::from(entity.attribute("entityID").unwrap_or("")),
            certs,
        )
    })
}
