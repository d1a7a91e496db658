//! Reading the entities of verified metadata: what one `EntityDescriptor` says, read
//! through the signed view, and the lookups that take what verification produced — the
//! verified document it holds, or an [`IndexedEntity`] and the bytes it indexes — never
//! bytes on their own.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use super::{EtoegangRole, IndexedEntity, MetadataError, NS_MD};
use crate::dsig::{reread_verified, SignedElement, Unverified};
use crate::encoding::decode_base64;
use crate::error::Error;
use crate::xml::{self, Limits};

const NS_MDUI: &str = "urn:oasis:names:tc:SAML:metadata:ui";
const NS_MDATTR: &str = "urn:oasis:names:tc:SAML:metadata:attribute";
const NS_SAML: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
const NS_DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";
const ENTITY_CATEGORY: &str = "http://macedir.org/entity-category";

/// A protocol endpoint of one role (`SingleSignOnService`, `AssertionConsumerService`…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataEndpoint {
    /// The local name of the role descriptor holding it, e.g. `IDPSSODescriptor`.
    pub role: String,
    /// The local name of the endpoint element, e.g. `SingleSignOnService`.
    pub kind: String,
    /// `Binding`.
    pub binding: String,
    /// `Location`.
    pub location: String,
    /// `index`, for indexed endpoints.
    pub index: Option<u32>,
}

/// A value with its `xml:lang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalizedName {
    /// `xml:lang`, empty when absent.
    pub lang: String,
    /// The text.
    pub value: String,
}

/// What one `EntityDescriptor` of a verified aggregate says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityInfo {
    /// `entityID`.
    pub entity_id: String,
    /// The local names of its role descriptors (`IDPSSODescriptor`, `SPSSODescriptor`,
    /// `AttributeAuthorityDescriptor`, `PDPDescriptor`…), in document order, once each.
    pub roles: Vec<String>,
    /// DER certificates of `KeyDescriptor`s with `use="signing"` or no `use`, once each.
    pub signing_certificates: Vec<Vec<u8>>,
    /// DER certificates of `KeyDescriptor`s with `use="encryption"` or no `use`, once each.
    pub encryption_certificates: Vec<Vec<u8>>,
    /// Endpoints (elements of a role with `Binding` and `Location`), in document order.
    pub endpoints: Vec<MetadataEndpoint>,
    /// `mdui:DisplayName` values.
    pub display_names: Vec<LocalizedName>,
    /// `mdattr` entity categories (`http://macedir.org/entity-category` values).
    pub entity_categories: Vec<String>,
    /// The first `Organization/OrganizationName`.
    pub organization_name: Option<String>,
    /// `ContactPerson/EmailAddress` values, as written (usually `mailto:…`).
    pub contact_emails: Vec<String>,
    /// The `ContactPerson`s, in document order.
    pub contacts: Vec<ContactPerson>,
    /// `mdrpi:RegistrationInfo/@registrationAuthority`: the federation that registered it.
    pub registration_authority: Option<String>,
    /// `mdrpi:RegistrationInfo/@registrationInstant`, as written.
    pub registration_instant: Option<String>,
    /// `Name` of the enclosing `EntitiesDescriptor`, unless that is the document element.
    pub group: Option<String>,
    /// Where the `EntityDescriptor` element is in the document, in bytes.
    pub range: Range<usize>,
}

impl EntityInfo {
    /// The eToegang role its group gives it, when it sits in one of the eToegang
    /// aggregate's role groups.
    pub fn etoegang_role(&self) -> Option<EtoegangRole> {
        self.group.as_deref().and_then(EtoegangRole::from_group)
    }

    /// Whether it may be treated as `role` when a message is validated: its group's
    /// role, and for the eIDAS-berichtenservice also [`EtoegangRole::Authenticatiedienst`]
    /// and [`EtoegangRole::Machtigingenregister`].
    pub fn acts_as(&self, role: EtoegangRole) -> bool {
        self.etoegang_role()
            .is_some_and(|r| r.validated_as().contains(&role))
    }
}

/// A `ContactPerson` of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactPerson {
    /// `contactType`: `technical`, `support`, `administrative`, `billing` or `other`.
    pub contact_type: String,
    /// `Company`.
    pub company: Option<String>,
    /// `GivenName`.
    pub given_name: Option<String>,
    /// `SurName`.
    pub surname: Option<String>,
    /// `EmailAddress` values, as written (usually `mailto:…`).
    pub emails: Vec<String>,
    /// `TelephoneNumber` values.
    pub telephones: Vec<String>,
}

fn malformed(reason: &str) -> Error {
    Error::Metadata(MetadataError::Malformed {
        reason: reason.to_owned(),
    })
}

/// The verified bytes of in-memory metadata, with the entity list its verification
/// produced: what lookups read.
#[derive(Clone)]
pub(crate) struct HeldDocument {
    pub(crate) bytes: Vec<u8>,
    /// The document element's start tag.
    pub(crate) root_tag: Range<usize>,
}

impl core::fmt::Debug for HeldDocument {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "HeldDocument({} bytes)", self.bytes.len())
    }
}

impl HeldDocument {
    /// Reads the indexed entity `e` from the held bytes.
    pub(crate) fn read(&self, e: &IndexedEntity, limits: &Limits) -> Result<EntityInfo, Error> {
        let piece = |r: &Range<u64>| -> Result<&[u8], Error> {
            let (a, b) = (
                usize::try_from(r.start).map_err(|_| malformed("a range outside the document"))?,
                usize::try_from(r.end).map_err(|_| malformed("a range outside the document"))?,
            );
            self.bytes
                .get(a..b)
                .ok_or_else(|| malformed("a range outside the document"))
        };
        let entity = piece(&e.range)?;
        let mut scope: Vec<&[u8]> = Vec::with_capacity(e.scope.len() + 1);
        if e.range.start as usize != self.root_tag.start {
            scope.push(&self.bytes[self.root_tag.clone()]);
        }
        for t in &e.scope {
            scope.push(piece(t)?);
        }
        let mut info = read_indexed_entity(e, &scope, entity, limits)?;
        info.group.clone_from(&e.group);
        info.range = e.range.start as usize..e.range.end as usize;
        Ok(info)
    }
}

/// The one entity `entity_id` of an entity list, if any; an `entityID` carried twice is
/// an error rather than a guess.
pub(crate) fn find_indexed<'e>(
    entities: &'e [IndexedEntity],
    entity_id: &str,
) -> Result<Option<&'e IndexedEntity>, Error> {
    let mut found = entities.iter().filter(|e| e.entity_id == entity_id);
    let first = found.next();
    if found.next().is_some() {
        return Err(malformed("the entityID is carried by more than one entity"));
    }
    Ok(first)
}

/// Reads one entity of a **verified** document from its pieces, as the verification's
/// [`IndexedEntity`] locates them — for a caller that keeps the verified file itself
/// (the CLI's `metadata refresh` state) rather than a `VerifiedMetadata`: `scope` holds
/// the start tags of the document element and of the enclosing groups (outermost
/// first), whose namespace declarations are in force, and `bytes` the
/// `EntityDescriptor` element (`entity.range` of the file). So a lookup reads a few
/// kilobytes, not the aggregate. The pieces are read by the same tokenizer that
/// verified them, in the same namespace context, and must be the entity indexed: the
/// same length, `entityID` and roles. `group` and `range` of the result are left empty:
/// the index holds them.
///
/// ```
/// use trustmeta::{read_indexed_entity, DateTime, MetadataProfile, MetadataStreamVerifier, Policy, TrustStore};
/// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/metadata/signed/signer.pem"))?;
/// let xml = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");
/// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
/// let mut v = MetadataStreamVerifier::new(&store, &Policy::default(), now, MetadataProfile::Etoegang)
///     .with_index();
/// v.feed(xml)?;
/// let (md, entities) = v.finish_with_index()?;
/// let e = &entities[0];
/// let piece = |r: &std::ops::Range<u64>| &xml[r.start as usize..r.end as usize];
/// let mut scope = vec![&xml[md.root_tag.start as usize..md.root_tag.end as usize]];
/// scope.extend(e.scope.iter().map(piece));
/// let info = read_indexed_entity(e, &scope, piece(&e.range), &Policy::default().limits)?;
/// assert_eq!(info.entity_id, e.entity_id);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// The XML errors of the pieces; [`Error::Metadata`] (`metadata.malformed`) when they
/// are not the indexed `md:EntityDescriptor`.
pub fn read_indexed_entity(
    entity: &IndexedEntity,
    scope: &[&[u8]],
    bytes: &[u8],
    limits: &Limits,
) -> Result<EntityInfo, Error> {
    with_indexed_entity(entity, scope, bytes, limits, read_entity)
}

/// Calls `f` on the indexed entity re-read from its pieces (see [`read_indexed_entity`]),
/// once they are shown to be that entity.
pub(crate) fn with_indexed_entity<T>(
    entity: &IndexedEntity,
    scope: &[&[u8]],
    bytes: &[u8],
    limits: &Limits,
    f: impl FnOnce(SignedElement<'_, '_>) -> T,
) -> Result<T, Error> {
    if (bytes.len() as u64) != entity.range.end.saturating_sub(entity.range.start) {
        return Err(malformed("the bytes are not the indexed entity"));
    }
    // The pieces again, as they stood: the enclosing start tags, the entity, and the end
    // tags closing them.
    let mut doc =
        Vec::with_capacity(bytes.len() + scope.iter().map(|t| 2 * t.len()).sum::<usize>());
    for tag in scope {
        if !tag.starts_with(b"<") || !tag.ends_with(b">") || tag.ends_with(b"/>") {
            return Err(malformed("a scope piece is not a start tag"));
        }
        doc.extend_from_slice(tag);
    }
    doc.extend_from_slice(bytes);
    for tag in scope.iter().rev() {
        let name_end = tag[1..]
            .iter()
            .position(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
            .map_or(tag.len(), |i| i + 1);
        doc.extend_from_slice(b"</");
        doc.extend_from_slice(&tag[1..name_end]);
        doc.push(b'>');
    }
    let tree = xml::parse(&doc, limits)?;
    let mut e = Unverified::root(&tree);
    for _ in scope {
        let mut kids = e.children();
        e = match (kids.next(), kids.next()) {
            (Some(only), None) => only,
            _ => return Err(malformed("a scope piece is not a start tag")),
        };
    }
    // These bytes were covered by the verification that produced `entity`, checked
    // below against what it recorded.
    let ed = reread_verified(e);
    if !ed.is(NS_MD, "EntityDescriptor") {
        return Err(malformed("the element found is not an md:EntityDescriptor"));
    }
    let again = super::index::index_signed(ed);
    let same = matches!(again.as_slice(), [e] if e.entity_id == entity.entity_id && e.roles == entity.roles);
    if !same {
        return Err(malformed("the bytes are not the indexed entity"));
    }
    Ok(f(ed))
}

/// What one `EntityDescriptor` says, read through the signed view.
pub(crate) fn read_entity(ed: SignedElement<'_, '_>) -> EntityInfo {
    let mut info = EntityInfo {
        entity_id: ed.attribute("entityID").unwrap_or("").to_owned(),
        roles: Vec::new(),
        signing_certificates: Vec::new(),
        encryption_certificates: Vec::new(),
        endpoints: Vec::new(),
        display_names: Vec::new(),
        entity_categories: Vec::new(),
        organization_name: None,
        contact_emails: Vec::new(),
        contacts: Vec::new(),
        registration_authority: None,
        registration_instant: None,
        group: None,
        range: 0..0,
    };
    let text = |n: SignedElement<'_, '_>| n.text_cow().trim().to_owned();
    for child in ed.children() {
        let lname = child.local_name();
        if child.is(NS_MD, "Organization") {
            if info.organization_name.is_none() {
                info.organization_name = child.child(Some(NS_MD), "OrganizationName").map(text);
            }
        } else if child.is(NS_MD, "ContactPerson") {
            let first = |local: &str| child.child(Some(NS_MD), local).map(text);
            let all = |local: &str| -> Vec<String> {
                child
                    .children()
                    .filter(|n| n.is(NS_MD, local))
                    .map(text)
                    .collect()
            };
            let c = ContactPerson {
                contact_type: child.attribute("contactType").unwrap_or("").to_owned(),
                company: first("Company"),
                given_name: first("GivenName"),
                surname: first("SurName"),
                emails: all("EmailAddress"),
                telephones: all("TelephoneNumber"),
            };
            info.contact_emails.extend(c.emails.iter().cloned());
            info.contacts.push(c);
        } else if child.is(NS_MD, "Extensions") {
            if let Some(r) = child.child(Some(super::NS_MDRPI), "RegistrationInfo") {
                info.registration_authority =
                    r.attribute("registrationAuthority").map(str::to_owned);
                info.registration_instant = r.attribute("registrationInstant").map(str::to_owned);
            }
            for attrs in child
                .descendants()
                .filter(|n| n.is(NS_MDATTR, "EntityAttributes"))
            {
                for a in attrs.children().filter(|n| {
                    n.is(NS_SAML, "Attribute") && n.attribute("Name") == Some(ENTITY_CATEGORY)
                }) {
                    for v in a.children().filter(|n| n.is(NS_SAML, "AttributeValue")) {
                        info.entity_categories.push(text(v));
                    }
                }
            }
        } else if child.namespace() == Some(NS_MD) && lname.ends_with("Descriptor") {
            if !info.roles.iter().any(|r| r == lname) {
                info.roles.push(lname.to_owned());
            }
            read_role(child, &mut info);
        }
    }
    info
}

fn read_role(role: SignedElement<'_, '_>, info: &mut EntityInfo) {
    let rname = role.local_name();
    for c in role.children() {
        if c.is(NS_MD, "KeyDescriptor") {
            let usage = c.attribute("use");
            for cert in c.descendants().filter(|n| n.is(NS_DS, "X509Certificate")) {
                let Some(der) = decode_base64(&cert.text_cow()) else {
                    continue;
                };
                if usage != Some("encryption") && !info.signing_certificates.contains(&der) {
                    info.signing_certificates.push(der.clone());
                }
                if usage != Some("signing") && !info.encryption_certificates.contains(&der) {
                    info.encryption_certificates.push(der);
                }
            }
        } else if c.is(NS_MD, "Extensions") {
            for d in c.descendants().filter(|n| n.is(NS_MDUI, "DisplayName")) {
                info.display_names.push(LocalizedName {
                    lang: d.attribute_ns(NS_XML, "lang").unwrap_or("").to_owned(),
                    value: d.text_cow().trim().to_owned(),
                });
            }
        } else if c.namespace() == Some(NS_MD) {
            if let (Some(b), Some(l)) = (c.attribute("Binding"), c.attribute("Location")) {
                info.endpoints.push(MetadataEndpoint {
                    role: rname.to_owned(),
                    kind: c.local_name().to_owned(),
                    binding: b.to_owned(),
                    location: l.to_owned(),
                    index: c.attribute("index").and_then(|i| i.parse().ok()),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec;

    const AGG: &[u8] = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");

    /// `x` held and indexed as a verification would, without one: these tests are
    /// about reading, and most of their documents are not signed.
    fn held(x: &[u8]) -> (HeldDocument, Vec<IndexedEntity>) {
        let doc = xml::parse(x, &Limits::default()).unwrap();
        let root = crate::dsig::accepted_unsigned(Unverified::root(&doc));
        let r = root.start_tag_range();
        (
            HeldDocument {
                bytes: x.to_vec(),
                root_tag: r,
            },
            super::super::index::index_signed(root),
        )
    }

    fn find_entity(x: &[u8], id: &str) -> Result<Option<EntityInfo>, Error> {
        let (h, idx) = held(x);
        match find_indexed(&idx, id)? {
            Some(e) => h.read(e, &Limits::default()).map(Some),
            None => Ok(None),
        }
    }

    fn find(x: &[u8], id: &str) -> Option<EntityInfo> {
        find_entity(x, id).unwrap()
    }

    fn entity_ids(x: &[u8]) -> Vec<(String, Option<String>)> {
        held(x)
            .1
            .into_iter()
            .map(|e| (e.entity_id, e.group))
            .collect()
    }

    #[test]
    fn the_eidas_berichtenservice_acts_as_authentication_service_and_mandate_register() {
        use EtoegangRole::*;
        let eb = find(
            AGG,
            "urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice",
        )
        .unwrap();
        assert_eq!(eb.etoegang_role(), Some(Interstelseldienst));
        for r in [
            Interstelseldienst,
            Authenticatiedienst,
            Machtigingenregister,
        ] {
            assert!(eb.acts_as(r), "{r}");
        }
        for r in [Koppelregister, Herkenningsmakelaar, Dienstverlener] {
            assert!(!eb.acts_as(r), "{r}");
        }
        assert!(!eb.etoegang_role().unwrap().offered_for_ad_selection());
        // An authentication service is only itself, and is offered for selection.
        let ad = find(AGG, "urn:etoegang:AD:00000001000000000000:entities:1").unwrap();
        assert_eq!(ad.etoegang_role(), Some(Authenticatiedienst));
        assert!(ad.acts_as(Authenticatiedienst) && !ad.acts_as(Machtigingenregister));
        assert!(ad.etoegang_role().unwrap().offered_for_ad_selection());
        let mr = find(AGG, "urn:etoegang:MR:00000002000000000000:entities:1").unwrap();
        assert!(mr.acts_as(Machtigingenregister) && !mr.acts_as(Authenticatiedienst));
        let dv = find(AGG, "urn:etoegang:DV:00000006000000000000:entities:1").unwrap();
        assert_eq!(dv.etoegang_role(), Some(Dienstverlener));
        for r in EtoegangRole::ALL {
            assert_eq!(
                EtoegangRole::from_group(&format!("urn:etoegang:role:{}", r.group_name())),
                Some(r)
            );
            assert_eq!(
                EtoegangRole::from_abbreviation(&r.abbreviation().to_lowercase()),
                Some(r)
            );
        }
        assert_eq!(EtoegangRole::from_group("urn:etoegang:role:Other"), None);
        assert_eq!(EtoegangRole::from_group("Authenticatiediensten"), None);
    }

    #[test]
    fn pieces_that_are_not_the_indexed_entity_are_refused_not_a_panic() {
        let limits = Limits::default();
        let (h, idx) = held(AGG);
        let e = &idx[0];
        let r = e.range.start as usize..e.range.end as usize;
        let root = &AGG[h.root_tag.clone()];
        let groups: Vec<&[u8]> = e
            .scope
            .iter()
            .map(|g| &AGG[g.start as usize..g.end as usize])
            .collect();
        let mut scope = vec![root];
        scope.extend(groups.iter().copied());
        assert_eq!(
            read_indexed_entity(e, &scope, &AGG[r.clone()], &limits)
                .unwrap()
                .entity_id,
            e.entity_id
        );
        // Another entity's bytes, a cut piece, broken scope tags: refused.
        let other = &idx[1];
        let o = other.range.start as usize..other.range.end as usize;
        assert!(read_indexed_entity(e, &scope, &AGG[o], &limits).is_err());
        assert!(read_indexed_entity(e, &scope, &AGG[r.start..r.end - 1], &limits).is_err());
        for bad in [&b""[..], b"<", b"<a xmlns:md=", b"<a/>"] {
            assert!(read_indexed_entity(e, &[bad], &AGG[r.clone()], &limits).is_err());
        }
        assert!(read_indexed_entity(e, &[], &AGG[r.clone()], &limits).is_err());
    }

    #[test]
    fn prefixes_declared_on_an_intermediate_group_are_in_scope() {
        // `m:` is bound only on the inner group, and the inner group rebinds `x:`.
        let xml = br#"<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:x="urn:outer">
  <md:EntitiesDescriptor Name="g1" xmlns:m="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:x="urn:oasis:names:tc:SAML:2.0:metadata">
    <m:EntityDescriptor entityID="https://in.example/">
      <x:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
    </m:EntityDescriptor>
  </md:EntitiesDescriptor>
  <md:EntityDescriptor entityID="https://out.example/">
    <x:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
  </md:EntityDescriptor>
</md:EntitiesDescriptor>"#;
        let e = find(xml, "https://in.example/").unwrap();
        assert_eq!(e.roles, ["SPSSODescriptor"]);
        assert_eq!(e.group.as_deref(), Some("g1"));
        // Outside the inner group `x:` is the outer namespace again: no metadata role.
        let o = find(xml, "https://out.example/").unwrap();
        assert!(o.roles.is_empty());
        assert_eq!(o.group, None);
    }

    #[test]
    fn finds_an_identity_provider_with_exact_values() {
        let e = find(AGG, "urn:etoegang:AD:00000001000000000000:entities:1").unwrap();
        assert_eq!(
            e.entity_id,
            "urn:etoegang:AD:00000001000000000000:entities:1"
        );
        assert_eq!(e.roles, ["IDPSSODescriptor"]);
        assert_eq!(
            e.group.as_deref(),
            Some("urn:etoegang:role:Authenticatiediensten")
        );
        assert_eq!(e.signing_certificates.len(), 1);
        assert!(e.encryption_certificates.is_empty());
        // The DER starts a SEQUENCE and parses as the test PKI's certificate.
        assert_eq!(&e.signing_certificates[0][..2], &[0x30, 0x82]);
        assert_eq!(
            e.endpoints,
            vec![MetadataEndpoint {
                role: "IDPSSODescriptor".to_string(),
                kind: "SingleSignOnService".to_string(),
                binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST".to_string(),
                location: "https://idp.example.nl/sso".to_string(),
                index: None,
            }]
        );
        assert_eq!(
            e.display_names,
            vec![LocalizedName {
                lang: "nl".to_string(),
                value: "urn:etoegang:AD:00000001000000000000:entities:1 & co".to_string()
            }]
        );
        assert_eq!(
            e.entity_categories,
            ["http://refeds.org/category/research-and-scholarship"]
        );
        assert_eq!(
            e.organization_name.as_deref(),
            Some("Org urn:etoegang:AD:00000001000000000000:entities:1")
        );
        assert_eq!(e.contact_emails, ["mailto:ops@example.nl"]);
        assert_eq!(
            e.contacts,
            [ContactPerson {
                contact_type: "technical".to_string(),
                company: None,
                given_name: None,
                surname: None,
                emails: vec!["mailto:ops@example.nl".to_string()],
                telephones: vec![],
            }]
        );
        assert_eq!(e.registration_authority, None);
        assert!(AGG[e.range.clone()].starts_with(b"<md:EntityDescriptor entityID="));
        assert!(AGG[e.range.clone()].ends_with(b"</md:EntityDescriptor>"));
    }

    #[test]
    fn finds_a_service_provider_and_attribute_authority() {
        let sp = find(AGG, "urn:etoegang:DV:00000006000000000000:entities:1").unwrap();
        assert_eq!(sp.roles, ["SPSSODescriptor"]);
        assert_eq!(
            sp.group.as_deref(),
            Some("urn:etoegang:role:Dienstverleners")
        );
        assert_eq!(sp.endpoints[0].kind, "AssertionConsumerService");
        assert_eq!(sp.endpoints[0].location, "https://sp.example.nl/acs");
        assert_eq!(sp.endpoints[0].index, Some(0));
        let aa = find(AGG, "urn:etoegang:KR:00000003000000000000:entities:1").unwrap();
        assert_eq!(aa.roles, ["AttributeAuthorityDescriptor"]);
        assert_eq!(
            aa.group.as_deref(),
            Some("urn:etoegang:role:Koppelregisters")
        );
        assert_eq!(aa.endpoints[0].kind, "AttributeService");
        assert_eq!(
            aa.endpoints[0].binding,
            "urn:oasis:names:tc:SAML:2.0:bindings:SOAP"
        );
    }

    #[test]
    fn unknown_and_prefix_ids_are_not_found() {
        assert!(find(AGG, "urn:etoegang:AD:00000001000000000000:entities").is_none());
        assert!(find(AGG, "urn:etoegang:AD:00000001000000000000:entities:10").is_none());
        assert!(find(AGG, "").is_none());
    }

    #[test]
    fn lists_every_entity_with_its_group() {
        let ids = entity_ids(AGG);
        let want: Vec<(String, Option<String>)> = [
            (
                "AD:00000001000000000000:entities:1",
                "Authenticatiediensten",
            ),
            (
                "AD:00000001000000000001:entities:2",
                "Authenticatiediensten",
            ),
            (
                "MR:00000002000000000000:entities:1",
                "Machtigingenregisters",
            ),
            ("KR:00000003000000000000:entities:1", "Koppelregisters"),
            (
                "IS:00000004000000000000:entities:eidas-berichtenservice",
                "Interstelseldiensten",
            ),
            ("HM:00000005000000000000:entities:1", "Herkenningsmakelaars"),
            ("DV:00000006000000000000:entities:1", "Dienstverleners"),
        ]
        .iter()
        .map(|(e, g)| {
            (
                alloc::format!("urn:etoegang:{e}"),
                Some(alloc::format!("urn:etoegang:role:{g}")),
            )
        })
        .collect();
        assert_eq!(ids, want);
    }

    const NS: &str = r#"xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata""#;

    fn doc(body: &str) -> Vec<u8> {
        alloc::format!("<?xml version=\"1.0\"?><!-- a --><md:EntitiesDescriptor {NS} Name=\"top\">{body}</md:EntitiesDescriptor>").into_bytes()
    }

    #[test]
    fn escaped_ids_are_compared_unescaped() {
        let x = doc(
            r#"<md:EntityDescriptor entityID='https://a.example/?x=1&amp;y=&#50;'><md:SPSSODescriptor/></md:EntityDescriptor>"#,
        );
        let e = find(&x, "https://a.example/?x=1&y=2").unwrap();
        assert_eq!(e.roles, ["SPSSODescriptor"]);
        assert_eq!(e.group, None, "the document element is not a group");
        assert!(find(&x, "https://a.example/?x=1&amp;y=&#50;").is_none());
    }

    #[test]
    fn comments_cdata_text_and_other_elements_are_not_entities() {
        let fake =
            r#"<md:EntityDescriptor entityID="e"><md:IDPSSODescriptor/></md:EntityDescriptor>"#;
        for body in [
            alloc::format!("<!-- {fake} -->"),
            alloc::format!("<md:Extensions><x><![CDATA[{fake}]]></x></md:Extensions>"),
            alloc::format!("<?pi {fake} ?>"),
            r#"<md:Extensions><x>entityID="e"</x><y entityID="e"/></md:Extensions>"#.to_string(),
            r#"<md:Other entityID="e"/>"#.to_string(),
        ] {
            let x = doc(&body);
            assert!(find(&x, "e").is_none(), "{body}");
            assert!(entity_ids(&x).is_empty(), "{body}");
        }
        // The real one after a commented-out copy is found, once.
        let x = doc(&alloc::format!("<!-- {fake} -->{fake}"));
        assert_eq!(find(&x, "e").unwrap().roles, ["IDPSSODescriptor"]);
    }

    #[test]
    fn an_entity_in_another_namespace_is_not_an_entity() {
        let x = doc(r#"<o:EntityDescriptor xmlns:o="urn:other" entityID="e"/>"#);
        assert!(find(&x, "e").is_none());
        assert!(entity_ids(&x).is_empty());
    }

    #[test]
    fn a_duplicate_entity_id_is_an_error() {
        let one =
            r#"<md:EntityDescriptor entityID="e"><md:SPSSODescriptor/></md:EntityDescriptor>"#;
        let x = doc(&alloc::format!("{one}{one}"));
        let e = find_entity(&x, "e").unwrap_err();
        assert_eq!(e.code().as_str(), "metadata.malformed");
    }

    #[test]
    fn nested_groups_and_keys_without_use() {
        let cert = "MIIB";
        let x = doc(&alloc::format!(
            r#"<md:EntitiesDescriptor Name="g1"><md:EntitiesDescriptor Name="g2"/><md:EntityDescriptor entityID="a"><md:IDPSSODescriptor><md:KeyDescriptor><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor></md:EntitiesDescriptor><md:EntityDescriptor entityID="b"><md:PDPDescriptor/></md:EntityDescriptor>"#
        ));
        let a = find(&x, "a").unwrap();
        assert_eq!(a.group.as_deref(), Some("g1"));
        assert_eq!(a.signing_certificates, [vec![0x30, 0x82, 0x01]]);
        assert_eq!(a.encryption_certificates, [vec![0x30, 0x82, 0x01]]);
        let b = find(&x, "b").unwrap();
        assert_eq!(b.group, None);
        assert_eq!(b.roles, ["PDPDescriptor"]);
        assert_eq!(
            entity_ids(&x),
            [
                ("a".to_string(), Some("g1".to_string())),
                ("b".to_string(), None)
            ]
        );
    }
}
