//! What verified metadata says: the result, its profile and the eToegang reading of it.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::ops::Range;

use crate::error::Error;
use crate::time::{DateTime, Duration};
use crate::verified::VerificationReport;
use crate::xml::Limits;

use super::index::IndexedEntity;
use super::read::{find_indexed, EntityInfo, HeldDocument};
use super::{MetadataError, ETOEGANG_GROUPS, ETOEGANG_TEST_GROUP};

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
    pub(super) entities: Vec<IndexedEntity>,
    /// The verified bytes, after an in-memory verification.
    pub(super) held: Option<HeldDocument>,
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
