//! Looking up one entity in an aggregate that was already verified, without parsing the
//! whole aggregate: a byte search finds `entityID="…"`, the enclosing `EntityDescriptor`
//! is cut out and only that subtree is parsed (by the tree reader, with the limits),
//! wrapped in an element that re-declares the namespaces of the document element.
//!
//! The byte search is markup-aware where it matters: hits inside comments, CDATA
//! sections and processing instructions are skipped (comments are not signed under the
//! canonicalizations metadata uses, so a comment could otherwise smuggle in an entity),
//! and a hit counts only as an attribute of an element start tag whose local name is
//! `EntityDescriptor` (and, once parsed, whose namespace is the metadata namespace).

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use memchr::{memchr, memchr2, memmem, memrchr};

use super::{EtoegangRole, MetadataError, NS_MD};
use crate::error::Error;
use crate::pki::decode_base64;
use crate::xml::{self, text_content, Limits};

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

/// One entity of an aggregate, as listed by [`entity_index`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// `entityID`, unescaped.
    pub entity_id: String,
    /// `Name` of the enclosing `EntitiesDescriptor`, unless that is the document element.
    pub group: Option<String>,
    /// Where the `EntityDescriptor` element is in the document, in bytes.
    pub range: Range<usize>,
}

fn malformed(reason: &str) -> Error {
    Error::Metadata(MetadataError::Malformed {
        reason: reason.to_owned(),
    })
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The index of the `>` that ends the tag opened at `lt` (quotes respected).
fn tag_end(x: &[u8], lt: usize) -> Option<usize> {
    let mut i = lt + 1;
    let mut quote = 0u8;
    while i < x.len() {
        let b = x[i];
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'"' || b == b'\'' {
            quote = b;
        } else if b == b'>' {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The qualified name of the tag opened at `lt`.
fn qname_at(x: &[u8], lt: usize) -> &[u8] {
    // `x` may end at the `<` (a piece handed to `read_indexed_entity`).
    let start = (lt + 1).min(x.len());
    let mut end = start;
    while end < x.len() && !is_ws(x[end]) && x[end] != b'/' && x[end] != b'>' {
        end += 1;
    }
    &x[start..end]
}

fn local(q: &[u8]) -> &[u8] {
    match memchr(b':', q) {
        Some(i) => &q[i + 1..],
        None => q,
    }
}

/// The attributes of a start tag `tag` (from `<` to `>`): name and raw value with its
/// quote.
fn attributes(tag: &[u8]) -> Vec<(&[u8], u8, &[u8])> {
    let mut out = Vec::new();
    let mut i = 1 + qname_at(tag, 0).len();
    loop {
        while i < tag.len() && is_ws(tag[i]) {
            i += 1;
        }
        if i >= tag.len() || tag[i] == b'>' || tag[i] == b'/' {
            return out;
        }
        let ns = i;
        while i < tag.len() && !is_ws(tag[i]) && tag[i] != b'=' {
            i += 1;
        }
        let name = &tag[ns..i];
        while i < tag.len() && is_ws(tag[i]) {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            return out;
        }
        i += 1;
        while i < tag.len() && is_ws(tag[i]) {
            i += 1;
        }
        let Some(&q) = tag.get(i) else { return out };
        if q != b'"' && q != b'\'' {
            return out;
        }
        let vs = i + 1;
        let Some(len) = memchr(q, &tag[vs..]) else {
            return out;
        };
        out.push((name, q, &tag[vs..vs + len]));
        i = vs + len + 1;
    }
}

/// An attribute value as the parser reports it: references resolved, white space
/// characters normalized to spaces (XML 1.0 §3.3.3).
fn unescape(raw: &[u8]) -> Option<String> {
    let s = core::str::from_utf8(raw).ok()?;
    if !s.contains(['&', '\t', '\n', '\r']) {
        return Some(s.to_owned());
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            let end = rest.find(';')?;
            let r = &rest[1..end];
            let ch = match r {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let n = if let Some(h) = r.strip_prefix("#x") {
                        u32::from_str_radix(h, 16).ok()?
                    } else {
                        r.strip_prefix('#')?.parse().ok()?
                    };
                    char::from_u32(n)?
                }
            };
            out.push(ch);
            rest = &rest[end + 1..];
        } else if c == '\r' {
            out.push(' ');
            rest = rest.strip_prefix("\r\n").unwrap_or(&rest[1..]);
        } else {
            out.push(if matches!(c, '\t' | '\n') { ' ' } else { c });
            rest = &rest[c.len_utf8()..];
        }
    }
    Some(out)
}

fn attr_value(tag: &[u8], name: &[u8]) -> Option<String> {
    attributes(tag)
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .and_then(|(_, _, v)| unescape(v))
}

/// The end (exclusive) of the markup opened at `lt` that is not an element tag: a
/// comment, a CDATA section, a processing instruction or another `<!` declaration.
fn special_end(x: &[u8], lt: usize) -> usize {
    let rest = &x[lt..];
    let close: &[u8] = if rest.starts_with(b"<!--") {
        b"-->"
    } else if rest.starts_with(b"<![CDATA[") {
        b"]]>"
    } else if rest.starts_with(b"<?") {
        b"?>"
    } else {
        b">"
    };
    memmem::find(&rest[2..], close).map_or(x.len(), |i| lt + 2 + i + close.len())
}

/// Comments, CDATA sections and processing instructions, found lazily in order.
struct Regions<'x> {
    x: &'x [u8],
    pos: usize,
    cur: Option<Range<usize>>,
}

impl<'x> Regions<'x> {
    fn new(x: &'x [u8], from: usize) -> Self {
        let mut r = Regions {
            x,
            pos: from,
            cur: None,
        };
        r.cur = r.next_region();
        r
    }

    fn next_region(&mut self) -> Option<Range<usize>> {
        loop {
            let i = self.pos + memchr2(b'!', b'?', self.x.get(self.pos..)?)?;
            if i > 0 && self.x[i - 1] == b'<' {
                let end = special_end(self.x, i - 1);
                self.pos = end;
                return Some(i - 1..end);
            }
            self.pos = i + 1;
        }
    }

    /// Whether byte `p` lies in such a region; `p` must not decrease between calls.
    fn covers(&mut self, p: usize) -> bool {
        while let Some(r) = &self.cur {
            if r.end <= p {
                self.cur = self.next_region();
            } else {
                return r.start <= p;
            }
        }
        false
    }
}

/// The document element's start tag: `(start, index of its '>')`.
fn document_element(x: &[u8]) -> Result<(usize, usize), Error> {
    let mut i = usize::from(x.starts_with(b"\xEF\xBB\xBF")) * 3;
    loop {
        while i < x.len() && is_ws(x[i]) {
            i += 1;
        }
        if x.get(i) != Some(&b'<') {
            return Err(malformed("no document element"));
        }
        match x.get(i + 1) {
            Some(b'?') | Some(b'!') => i = special_end(x, i),
            _ => {
                let gt = tag_end(x, i).ok_or_else(|| malformed("unterminated start tag"))?;
                return Ok((i, gt));
            }
        }
    }
}

/// The end (exclusive) of the element whose start tag is `lt..=gt`.
fn element_end(x: &[u8], gt: usize) -> Option<usize> {
    if x[gt - 1] == b'/' {
        return Some(gt + 1);
    }
    let mut depth = 1usize;
    let mut pos = gt + 1;
    loop {
        let lt = pos + memchr(b'<', x.get(pos..)?)?;
        match x.get(lt + 1) {
            Some(b'!') | Some(b'?') => pos = special_end(x, lt),
            Some(b'/') => {
                let end = lt + memchr(b'>', &x[lt..])?;
                depth -= 1;
                if depth == 0 {
                    return Some(end + 1);
                }
                pos = end + 1;
            }
            _ => {
                let end = tag_end(x, lt)?;
                if x[end - 1] != b'/' {
                    depth += 1;
                }
                pos = end + 1;
            }
        }
    }
}

/// Every genuine `EntityDescriptor` start tag after the document element's, in order:
/// `(start, index of its '>', unescaped entityID)`.
struct Descriptors<'x> {
    x: &'x [u8],
    hits: memmem::FindIter<'x, 'static>,
    from: usize,
    regions: Regions<'x>,
    last_lt: Option<usize>,
    want: Option<&'x [u8]>,
}

impl<'x> Descriptors<'x> {
    fn new(x: &'x [u8], from: usize) -> Self {
        Descriptors {
            x,
            hits: memmem::find_iter(&x[from..], b"entityID"),
            from,
            regions: Regions::new(x, from),
            last_lt: None,
            want: None,
        }
    }

    /// Only entities whose `entityID` may be `want`: a plain value (no reference, no
    /// white space to normalize) that differs is passed over without looking further.
    fn wanting(x: &'x [u8], from: usize, want: &'x str) -> Self {
        let mut d = Descriptors::new(x, from);
        d.want = Some(want.as_bytes());
        d
    }
}

/// The raw value of an attribute whose name ends at `i` (`="…"` or `='…'`, white space
/// allowed around `=`).
fn raw_value_at(x: &[u8], mut i: usize) -> Option<&[u8]> {
    while is_ws(*x.get(i)?) {
        i += 1;
    }
    if x[i] != b'=' {
        return None;
    }
    i += 1;
    while is_ws(*x.get(i)?) {
        i += 1;
    }
    let q = x[i];
    if q != b'"' && q != b'\'' {
        return None;
    }
    let len = memchr(q, &x[i + 1..])?;
    Some(&x[i + 1..i + 1 + len])
}

impl Iterator for Descriptors<'_> {
    type Item = (usize, usize, String);

    fn next(&mut self) -> Option<Self::Item> {
        let x = self.x;
        for h in self.hits.by_ref() {
            let h = self.from + h;
            if let Some(w) = self.want {
                if let Some(raw) = raw_value_at(x, h + b"entityID".len()) {
                    let plain = !raw
                        .iter()
                        .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'));
                    if plain && raw != w {
                        continue;
                    }
                }
            }
            // Text and attribute values cannot hold a raw '<', so the last one before the
            // hit opens the tag the hit is in, if it is in one.
            let Some(lt) = memrchr(b'<', &x[..h]) else {
                continue;
            };
            if self.last_lt == Some(lt) || self.regions.covers(lt) {
                continue;
            }
            self.last_lt = Some(lt);
            if matches!(x.get(lt + 1), Some(b'/' | b'!' | b'?'))
                || local(qname_at(x, lt)) != b"EntityDescriptor"
            {
                continue;
            }
            let Some(gt) = tag_end(x, lt) else { continue };
            if gt < h {
                continue;
            }
            if let Some(id) = attr_value(&x[lt..=gt], b"entityID") {
                return Some((lt, gt, id));
            }
        }
        None
    }
}

/// Tracks the open `EntitiesDescriptor` groups while moving forward through a document.
struct Groups<'x> {
    x: &'x [u8],
    hits: memmem::FindIter<'x, 'static>,
    from: usize,
    regions: Regions<'x>,
    pending: Option<usize>,
    /// The open groups: `Name` and the start tag's bytes.
    stack: Vec<(Option<String>, Range<usize>)>,
}

impl<'x> Groups<'x> {
    fn new(x: &'x [u8], from: usize) -> Self {
        Groups {
            x,
            hits: memmem::find_iter(&x[from..], b"EntitiesDescriptor"),
            from,
            regions: Regions::new(x, from),
            pending: None,
            stack: Vec::new(),
        }
    }

    /// The innermost open group at byte `p` (not decreasing between calls).
    fn at(&mut self, p: usize) -> Option<String> {
        let x = self.x;
        loop {
            let h = match self.pending.take() {
                Some(h) => h,
                None => match self.hits.next() {
                    Some(h) => self.from + h,
                    None => break,
                },
            };
            if h >= p {
                self.pending = Some(h);
                break;
            }
            let Some(lt) = memrchr(b'<', &x[..h]) else {
                continue;
            };
            if self.regions.covers(lt) {
                continue;
            }
            let end_tag = x.get(lt + 1) == Some(&b'/');
            let q = if end_tag {
                qname_at(x, lt + 1)
            } else {
                qname_at(x, lt)
            };
            let name_start = lt + 1 + usize::from(end_tag) + q.len() - local(q).len();
            if name_start != h || local(q) != b"EntitiesDescriptor" {
                continue;
            }
            if end_tag {
                self.stack.pop();
            } else if let Some(gt) = tag_end(x, lt) {
                if x[gt - 1] != b'/' {
                    self.stack
                        .push((attr_value(&x[lt..=gt], b"Name"), lt..gt + 1));
                }
            }
        }
        self.stack.last().and_then(|(name, _)| name.clone())
    }

    /// The start tags of the groups open at the last [`Groups::at`], outermost first.
    fn open_tags(&self) -> impl Iterator<Item = &'x [u8]> + '_ {
        self.stack.iter().map(|(_, r)| &self.x[r.clone()])
    }
}

/// Lists the entities of a **verified** aggregate (or the one entity of a document that
/// is an `EntityDescriptor`): every `EntityDescriptor` (not inside
/// a comment, CDATA section or processing instruction) with its unescaped `entityID`,
/// its group and its byte range, in document order.
///
/// This does not verify anything: call it only on bytes that [`verify_metadata`]
/// (or the streaming verifier) accepted, as they were accepted.
///
/// [`verify_metadata`]: crate::verify_metadata
///
/// # Errors
/// [`Error::Metadata`] (`metadata.malformed`) when the document element cannot be found
/// or an `EntityDescriptor` is not terminated.
pub fn entity_index(verified_xml: &[u8]) -> Result<Vec<EntityRef>, Error> {
    let x = verified_xml;
    let (root_lt, root_gt) = document_element(x)?;
    let mut groups = Groups::new(x, root_gt + 1);
    let mut out = Vec::new();
    let mut resume = 0;
    for (lt, gt, id) in Descriptors::new(x, root_lt) {
        if lt < resume {
            continue; // inside the previous entity (not allowed by the schema)
        }
        let end = element_end(x, gt).ok_or_else(|| malformed("unterminated EntityDescriptor"))?;
        resume = end;
        out.push(EntityRef {
            entity_id: id,
            group: groups.at(lt),
            range: lt..end,
        });
    }
    Ok(out)
}

/// Every entity of a **verified** aggregate, read one at a time (in document order), so
/// that a caller can go through them by role group or by role without holding them
/// all:
///
/// ```
/// use trustmeta::{entities, Limits};
/// let xml = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");
/// let idps: Vec<String> = entities(xml, &Limits::default())?
///     .filter_map(Result::ok)
///     .filter(|e| e.roles.iter().any(|r| r == "IDPSSODescriptor"))
///     .map(|e| e.entity_id)
///     .collect();
/// assert_eq!(idps.len(), 4);
/// # Ok::<(), trustmeta::Error>(())
/// ```
///
/// This does not verify anything: call it only on bytes that [`verify_metadata`]
/// (or the streaming verifier) accepted, as they were accepted.
///
/// [`verify_metadata`]: crate::verify_metadata
///
/// # Errors
/// As [`entity_index`] for the document; each item carries the errors of reading its
/// entity.
pub fn entities<'x>(
    verified_xml: &'x [u8],
    limits: &'x Limits,
) -> Result<impl Iterator<Item = Result<EntityInfo, Error>> + 'x, Error> {
    let x = verified_xml;
    let (root_lt, root_gt) = document_element(x)?;
    let index = entity_index(x)?;
    let mut groups = Groups::new(x, root_gt + 1);
    Ok(index
        .into_iter()
        .map(move |e| read_in_place(x, root_lt..root_gt + 1, &mut groups, e.range, limits)))
}

/// Reads the entity at `range` of `x`, with the namespace declarations of the document
/// element (`root`) and of the groups open there in scope; sets its group and range.
/// `groups` must not have been asked about a later position.
fn read_in_place(
    x: &[u8],
    root: Range<usize>,
    groups: &mut Groups<'_>,
    range: Range<usize>,
    limits: &Limits,
) -> Result<EntityInfo, Error> {
    let group = groups.at(range.start);
    let scope: Vec<&[u8]> = core::iter::once(&x[root])
        .chain(groups.open_tags())
        .collect();
    let mut info = read_indexed_entity(&scope, &x[range.clone()], limits)?;
    info.group = group;
    info.range = range;
    Ok(info)
}

/// [`entity_index`] without the ranges: `(entityID, group)` for each entity.
///
/// # Errors
/// As [`entity_index`].
pub fn entity_ids(verified_xml: &[u8]) -> Result<Vec<(String, Option<String>)>, Error> {
    Ok(entity_index(verified_xml)?
        .into_iter()
        .map(|e| (e.entity_id, e.group))
        .collect())
}

/// Finds the entity `entity_id` in a **verified** aggregate and reads what it says,
/// parsing only its `EntityDescriptor` (under `limits`).
///
/// `entity_id` is compared with the attribute's value as the XML parser reports it
/// (`&amp;` read as `&`, and so on). The whole document is searched, so that an
/// `entityID` carried by two entities is an error rather than a guess.
///
/// This does not verify anything: call it only on bytes that [`verify_metadata`]
/// (or the streaming verifier) accepted, as they were accepted.
///
/// [`verify_metadata`]: crate::verify_metadata
///
/// # Examples
/// ```
/// # fn main() -> Result<(), trustmeta::Error> {
/// let xml = br#"<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">
///   <md:EntityDescriptor entityID="https://idp.example/&amp;x">
///     <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
///   </md:EntityDescriptor></md:EntitiesDescriptor>"#;
/// let e = trustmeta::find_entity(xml, "https://idp.example/&x", &Default::default())?
///     .expect("present");
/// assert_eq!(e.roles, ["IDPSSODescriptor"]);
/// # Ok(()) }
/// ```
///
/// # Errors
/// [`Error::Metadata`] (`metadata.malformed`) for a document element or an entity that
/// cannot be delimited, or an `entityID` found twice; the XML errors of the entity's
/// subtree (read with the namespace declarations of its ancestors in scope).
pub fn find_entity(
    verified_xml: &[u8],
    entity_id: &str,
    limits: &Limits,
) -> Result<Option<EntityInfo>, Error> {
    let x = verified_xml;
    let (root_lt, root_gt) = document_element(x)?;
    let mut found: Option<(usize, usize)> = None;
    for (lt, gt, id) in Descriptors::wanting(x, root_lt, entity_id) {
        if id == entity_id {
            if found.is_some() {
                return Err(malformed("the entityID is carried by more than one entity"));
            }
            found = Some((lt, gt));
        }
    }
    let Some((lt, gt)) = found else {
        return Ok(None);
    };
    let end = element_end(x, gt).ok_or_else(|| malformed("unterminated EntityDescriptor"))?;
    let mut groups = Groups::new(x, root_gt + 1);
    let info = read_in_place(x, root_lt..root_gt + 1, &mut groups, lt..end, limits)?;
    if info.entity_id != entity_id {
        return Err(malformed("the entity found does not carry the entityID"));
    }
    Ok(Some(info))
}

/// Reads one entity of a **verified** aggregate from its pieces, as an index such as
/// [`IndexedEntity`](crate::IndexedEntity) locates them: `scope` holds the start tags
/// of the document element and of the enclosing groups (outermost first), whose
/// namespace declarations are in force, and `entity` the `EntityDescriptor` element.
/// So a lookup reads a few kilobytes, not the aggregate. `group` and `range` of the
/// result are left empty: the index holds them.
///
/// This does not verify anything: the pieces must come from a document that was
/// verified, as it was verified.
///
/// ```
/// let root = br#"<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">"#;
/// let group = br#"<md:EntitiesDescriptor Name="g" xmlns:x="urn:oasis:names:tc:SAML:2.0:metadata">"#;
/// let entity = br#"<md:EntityDescriptor entityID="https://sp.example/"><x:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>"#;
/// let e = trustmeta::read_indexed_entity(&[root, group], entity, &Default::default())?;
/// assert_eq!(e.entity_id, "https://sp.example/");
/// assert_eq!(e.roles, ["SPSSODescriptor"]);
/// # Ok::<(), trustmeta::Error>(())
/// ```
///
/// # Errors
/// The XML errors of the pieces; [`Error::Metadata`] (`metadata.malformed`) when
/// `entity` is not an `md:EntityDescriptor`.
pub fn read_indexed_entity(
    scope: &[&[u8]],
    entity: &[u8],
    limits: &Limits,
) -> Result<EntityInfo, Error> {
    // The innermost declaration of a prefix is the one in force.
    let mut decls: Vec<(&[u8], u8, &[u8])> = Vec::new();
    for tag in scope {
        for (name, q, value) in attributes(tag) {
            if name == b"xmlns" || name.starts_with(b"xmlns:") {
                decls.retain(|(n, _, _)| *n != name);
                decls.push((name, q, value));
            }
        }
    }
    let mut doc =
        Vec::with_capacity(entity.len() + scope.iter().map(|t| t.len()).sum::<usize>() + 64);
    doc.extend_from_slice(b"<trustmeta-entity");
    for (name, q, value) in decls {
        doc.push(b' ');
        doc.extend_from_slice(name);
        doc.push(b'=');
        doc.push(q);
        doc.extend_from_slice(value);
        doc.push(q);
    }
    doc.push(b'>');
    doc.extend_from_slice(entity);
    doc.extend_from_slice(b"</trustmeta-entity>");
    let tree = xml::parse(&doc, limits).map_err(Error::Xml)?;
    let ed = tree
        .root_element()
        .first_element_child()
        .filter(|n| md(n, "EntityDescriptor"))
        .ok_or_else(|| malformed("the element found is not an md:EntityDescriptor"))?;
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
    let text = |n: roxmltree::Node<'_, '_>| text_content(n).trim().to_owned();
    for child in ed.children().filter(roxmltree::Node::is_element) {
        let lname = child.tag_name().name();
        if md(&child, "Organization") {
            if info.organization_name.is_none() {
                info.organization_name = child
                    .children()
                    .find(|n| md(n, "OrganizationName"))
                    .map(text);
            }
        } else if md(&child, "ContactPerson") {
            let first = |local: &str| child.children().find(|n| md(n, local)).map(text);
            let all = |local: &str| -> Vec<String> {
                child
                    .children()
                    .filter(|n| md(n, local))
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
        } else if md(&child, "Extensions") {
            if let Some(r) = child.children().find(|n| {
                n.is_element()
                    && n.tag_name().namespace() == Some(super::NS_MDRPI)
                    && n.tag_name().name() == "RegistrationInfo"
            }) {
                info.registration_authority =
                    r.attribute("registrationAuthority").map(str::to_owned);
                info.registration_instant = r.attribute("registrationInstant").map(str::to_owned);
            }
            for a in child.descendants().filter(|n| {
                n.is_element()
                    && n.tag_name().namespace() == Some(NS_SAML)
                    && n.tag_name().name() == "Attribute"
                    && n.parent_element().is_some_and(|p| {
                        p.tag_name().namespace() == Some(NS_MDATTR)
                            && p.tag_name().name() == "EntityAttributes"
                    })
                    && n.attribute("Name") == Some(ENTITY_CATEGORY)
            }) {
                for v in a.children().filter(|n| {
                    n.is_element()
                        && n.tag_name().namespace() == Some(NS_SAML)
                        && n.tag_name().name() == "AttributeValue"
                }) {
                    info.entity_categories.push(text(v));
                }
            }
        } else if child.tag_name().namespace() == Some(NS_MD) && lname.ends_with("Descriptor") {
            if !info.roles.iter().any(|r| r == lname) {
                info.roles.push(lname.to_owned());
            }
            read_role(child, &mut info);
        }
    }
    Ok(info)
}

fn read_role(role: roxmltree::Node<'_, '_>, info: &mut EntityInfo) {
    let rname = role.tag_name().name();
    for c in role.children().filter(roxmltree::Node::is_element) {
        if md(&c, "KeyDescriptor") {
            let usage = c.attribute("use");
            for cert in c.descendants().filter(|n| {
                n.is_element()
                    && n.tag_name().namespace() == Some(NS_DS)
                    && n.tag_name().name() == "X509Certificate"
            }) {
                let Some(der) = decode_base64(&text_content(cert)) else {
                    continue;
                };
                if usage != Some("encryption") && !info.signing_certificates.contains(&der) {
                    info.signing_certificates.push(der.clone());
                }
                if usage != Some("signing") && !info.encryption_certificates.contains(&der) {
                    info.encryption_certificates.push(der);
                }
            }
        } else if md(&c, "Extensions") {
            for d in c.descendants().filter(|n| {
                n.is_element()
                    && n.tag_name().namespace() == Some(NS_MDUI)
                    && n.tag_name().name() == "DisplayName"
            }) {
                info.display_names.push(LocalizedName {
                    lang: d.attribute((NS_XML, "lang")).unwrap_or("").to_owned(),
                    value: text_content(d).trim().to_owned(),
                });
            }
        } else if c.tag_name().namespace() == Some(NS_MD) {
            if let (Some(b), Some(l)) = (c.attribute("Binding"), c.attribute("Location")) {
                info.endpoints.push(MetadataEndpoint {
                    role: rname.to_owned(),
                    kind: c.tag_name().name().to_owned(),
                    binding: b.to_owned(),
                    location: l.to_owned(),
                    index: c.attribute("index").and_then(|i| i.parse().ok()),
                });
            }
        }
    }
}

fn md(n: &roxmltree::Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(NS_MD) && n.tag_name().name() == local
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec;

    const AGG: &[u8] = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");

    fn find(x: &[u8], id: &str) -> Option<EntityInfo> {
        find_entity(x, id, &Limits::default()).unwrap()
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
    fn pieces_that_are_not_tags_are_refused_not_a_panic() {
        let limits = Limits::default();
        for (scope, entity) in [
            (&b""[..], &b""[..]),
            (b"<", b"<md:EntityDescriptor"),
            (b"<a xmlns:md=", b"<md:EntityDescriptor entityID='x'/>"),
        ] {
            assert!(read_indexed_entity(&[scope], entity, &limits).is_err());
        }
        assert!(find_entity(b"", "x", &limits).is_err());
        assert!(entity_index(b"<").is_err());
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
        let ids = entity_ids(AGG).unwrap();
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
            assert!(entity_ids(&x).unwrap().is_empty(), "{body}");
        }
        // The real one after a commented-out copy is found, once.
        let x = doc(&alloc::format!("<!-- {fake} -->{fake}"));
        assert_eq!(find(&x, "e").unwrap().roles, ["IDPSSODescriptor"]);
    }

    #[test]
    fn an_entity_in_another_namespace_is_refused() {
        let x = doc(r#"<o:EntityDescriptor xmlns:o="urn:other" entityID="e"/>"#);
        assert!(find_entity(&x, "e", &Limits::default()).is_err());
    }

    #[test]
    fn a_duplicate_entity_id_is_an_error() {
        let one =
            r#"<md:EntityDescriptor entityID="e"><md:SPSSODescriptor/></md:EntityDescriptor>"#;
        let x = doc(&alloc::format!("{one}{one}"));
        let e = find_entity(&x, "e", &Limits::default()).unwrap_err();
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
            entity_ids(&x).unwrap(),
            [
                ("a".to_string(), Some("g1".to_string())),
                ("b".to_string(), None)
            ]
        );
    }
}
