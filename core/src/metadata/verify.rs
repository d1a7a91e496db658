//! Verifying metadata in memory and streamed, and the issuer trust taken from it.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::ops::Range;

use crate::crypto::{default_verifier, SignatureVerifier};
use crate::dsig::{verify_signature, DsigError, SignedElement, Unverified, NS_DS};
use crate::error::Error;
use crate::pki::TrustStore;
use crate::policy::Policy;
use crate::stream::{Engine, Observer, StreamOutcome};
use crate::time::{DateTime, Duration};
use crate::verified::report_of;
use crate::xml::lexer::StartTag;
use crate::xml::{self, IdIndex};

use super::index::{IndexedEntity, Indexer};
use super::model::{EtoegangName, MetadataProfile, MetadataSummary, VerifiedMetadata};
use super::read::HeldDocument;
use super::{MetadataError, ETOEGANG_GROUPS, ETOEGANG_TEST_GROUP, NS_MD, NS_MDRPI};

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
        (super::index::index_signed(root), ())
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
        allow_manifest: false,
        pre_check: None,
    };
    // An aggregate is read whole before this: its arrays are not worth keeping.
    let outcome = verify_signature(doc, &ids, sig, &cx, &mut crate::c14n::Pooled::take())?;
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

    /// As [`MetadataStreamVerifier::new`] with a caller-supplied signature verifier.
    pub fn with_verifier(
        store: &'s TrustStore,
        policy: &Policy,
        now: DateTime,
        profile: MetadataProfile,
        verifier: &'s dyn SignatureVerifier,
    ) -> Self {
        let inner = Engine::borrowing_with(store, policy, now, verifier, Gatherer::default());
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

    /// Hands out the entities [`with_index`](MetadataStreamVerifier::with_index) has
    /// completed since the last call, and forgets them: a caller that writes the list
    /// out as it grows (to a file beside the aggregate) keeps memory flat whatever the
    /// number of entities. Nothing is verified before
    /// [`finish_with_index`](MetadataStreamVerifier::finish_with_index) succeeds, so keep
    /// what this gives aside until then. Once it has been called, the verified
    /// metadata's [`entities`](VerifiedMetadata::entities) stay empty and
    /// `finish_with_index` gives only the entities not handed out yet.
    ///
    /// ```
    /// use trustmeta::{DateTime, MetadataProfile, MetadataStreamVerifier, Policy, TrustStore};
    /// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/metadata/signed/signer.pem"))?;
    /// let xml = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");
    /// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
    /// let mut v = MetadataStreamVerifier::new(&store, &Policy::default(), now, MetadataProfile::Etoegang)
    ///     .with_index();
    /// let mut seen = Vec::new();
    /// for chunk in xml.chunks(1000) {
    ///     v.feed(chunk)?;
    ///     seen.extend(v.drain_index());
    /// }
    /// let (md, rest) = v.finish_with_index()?;
    /// seen.extend(rest);
    /// assert_eq!(seen.len(), md.summary.entities);
    /// assert!(md.entities().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn drain_index(&mut self) -> impl Iterator<Item = IndexedEntity> + '_ {
        self.inner
            .observer_mut()
            .facts
            .index
            .as_mut()
            .map(Indexer::drain)
            .into_iter()
            .flatten()
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
        let (index, drained) = facts.index.take().map_or((Vec::new(), false), |ix| {
            let drained = ix.was_drained();
            (ix.into_entities(), drained)
        });
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
                // A partial list would read as the whole one.
                entities: if drained { Vec::new() } else { index.clone() },
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
    verify_metadata_auto_with(xml, store, policy, now, profile, default_verifier())
}

/// [`verify_metadata_auto`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`verify_metadata`].
pub fn verify_metadata_auto_with(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedMetadata, Error> {
    if xml.len() <= STREAM_THRESHOLD {
        return verify_metadata_with(xml, store, policy, now, profile, verifier);
    }
    let mut v =
        MetadataStreamVerifier::with_verifier(store, policy, now, profile, verifier).with_index();
    for chunk in xml.chunks(256 * 1024) {
        v.feed(chunk)?;
    }
    let (mut m, _) = v.finish_with_index()?;
    // The caller holds the whole document anyway: keep a copy, so that the lookups answer
    // as after an in-memory verification (the index was made by the verifying parser).
    let root_tag = usize::try_from(m.root_tag.start).unwrap_or(usize::MAX)
        ..usize::try_from(m.root_tag.end).unwrap_or(usize::MAX);
    m.held = Some(HeldDocument {
        bytes: xml.to_vec(),
        root_tag,
    });
    Ok(m)
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
    metadata_issuer_trust_with(xml, store, policy, now, profile, role, default_verifier())
}

/// [`metadata_issuer_trust`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`metadata_issuer_trust`].
pub fn metadata_issuer_trust_with(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
    role: &str,
    verifier: &dyn SignatureVerifier,
) -> Result<crate::saml::IssuerTrust, Error> {
    let mut keys: Vec<(String, Vec<String>)> = Vec::new();
    if xml.len() <= policy.limits.max_input_bytes {
        let doc = xml::parse(xml, &policy.limits)?;
        let (_, found) = verify_tree(&doc, store, policy, now, profile, verifier, |root, _| {
            let mut found = Vec::new();
            super::index::for_each_entity(root, &mut |e, _| found.extend(role_keys(e, role)));
            (super::index::index_signed(root), found)
        })?;
        keys = found;
    } else {
        let mut v = MetadataStreamVerifier::with_verifier(store, policy, now, profile, verifier)
            .with_index();
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
            let k = super::read::with_indexed_entity(
                e,
                &scope,
                piece(&e.range)?,
                &policy.limits,
                |ed| role_keys(ed, role),
            )?;
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

/// The DER signing certificates of the `role` descriptors (`"IDPSSODescriptor"`…) of an
/// entity read back from its pieces, as [`metadata_issuer_trust`] takes them:
/// `KeyDescriptor`s with `use="signing"` or no `use`. Empty when the entity has no such
/// descriptor. The pieces are those of [`read_indexed_entity`](crate::read_indexed_entity),
/// for a relying party that keeps a verified aggregate on disk and loads one issuer's
/// keys at a time.
///
/// # Errors
/// As [`read_indexed_entity`](crate::read_indexed_entity); [`Error::Metadata`] for a
/// certificate that is not base64.
pub fn indexed_entity_signing_certificates(
    entity: &IndexedEntity,
    scope: &[&[u8]],
    bytes: &[u8],
    limits: &crate::xml::Limits,
    role: &str,
) -> Result<Vec<Vec<u8>>, Error> {
    let found =
        super::read::with_indexed_entity(entity, scope, bytes, limits, |e| role_keys(e, role))?;
    let (entity_id, certs) = found.unwrap_or_default();
    certs
        .iter()
        .map(|c| {
            crate::encoding::decode_base64(c).ok_or_else(|| {
                malformed(format!(
                    "a signing certificate of {entity_id} is not base64"
                ))
                .into()
            })
        })
        .collect()
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
