//! SAML metadata: verification in memory or streamed, the streaming verifier handle, and
//! the entity index and entity reader behind the `entityIds` and `findEntity` methods of
//! the wrapper's `verifyMetadata` and `MetadataStreamVerifier` results.

use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{Array, Object, Uint8Array};
use trustmeta::{EntityInfo, IndexedEntity, MetadataProfile, VerifiedMetadata, STREAM_THRESHOLD};
use wasm_bindgen::prelude::*;

use super::{date, error_value, index, optional_str, policy, report_fields, set, unix_time};
use super::{strings, TrustStore};

/// Bytes copied into WebAssembly memory at a time when a large document is streamed.
const CHUNK: u32 = 256 * 1024;

pub(crate) fn profile(name: &str) -> Result<MetadataProfile, JsValue> {
    match name {
        "generic" => Ok(MetadataProfile::Generic),
        "etoegang" => Ok(MetadataProfile::Etoegang),
        _ => Err(js_sys::Error::new("unknown metadata profile").into()),
    }
}

pub(crate) fn now(now_secs: f64) -> Result<trustmeta::DateTime, JsValue> {
    unix_time(now_secs).ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))
}

/// Verifies SAML metadata (an `EntitiesDescriptor` aggregate or one `EntityDescriptor`)
/// against `store` at `now_secs` under `profile_name` (`generic` or `etoegang`). Up to
/// the core's stream threshold (4 MiB) the document is copied into WebAssembly memory and
/// verified in memory; above it, it is streamed through verification in 256 KiB pieces,
/// so the module's memory does not grow with the document. Both give the same result:
/// the summary, the entity index, the document element's start tag and the verified
/// bytes (copied out of WebAssembly memory, or a JS copy made before streaming), which
/// the wrapper keeps for `findEntity`.
///
/// # Errors
/// `metadata.*` (`metadata.expired`, `metadata.profile`, …) or any verification code, as
/// a JS error with `code`; a JS error without `code` for an unknown profile (the wrapper
/// checks it first).
#[wasm_bindgen(js_name = rawVerifyMetadata)]
pub fn verify_metadata(
    xml: &Uint8Array,
    store: &TrustStore,
    profile_name: &str,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let profile = profile(profile_name)?;
    let now = now(now_secs)?;
    let policy = policy(allow_sha1, min_rsa_bits);
    let len = xml.length();
    if usize::try_from(len).unwrap_or(usize::MAX) <= STREAM_THRESHOLD {
        let v = trustmeta::verify_metadata(&xml.to_vec(), &store.inner, &policy, now, profile)
            .map_err(|e| error_value(&e))?;
        let document = v
            .document()
            .map_or(JsValue::NULL, |d| Uint8Array::from(d).into());
        return Ok(result_object(&v, document));
    }
    // A copy of the caller's bytes, made before reading them: what is verified, and
    // what the wrapper keeps for lookups (the caller may change its array afterwards).
    // `new Uint8Array(array)` always copies, where a node Buffer's `slice` would not.
    let copy = Uint8Array::new(xml);
    let mut v =
        trustmeta::MetadataStreamVerifier::new(&store.inner, &policy, now, profile).with_index();
    let mut buf = alloc::vec![0u8; CHUNK as usize];
    let mut start = 0;
    while start < len {
        let end = start.saturating_add(CHUNK).min(len);
        let piece = &mut buf[..(end - start) as usize];
        copy.subarray(start, end).copy_to(piece);
        v.feed(piece).map_err(|e| error_value(&e))?;
        start = end;
    }
    let v = v.finish().map_err(|e| error_value(&e))?;
    Ok(result_object(&v, copy.into()))
}

/// Metadata fed in pieces of any size — a `fetch` body or a file read stream — verified
/// with memory that does not grow with the document.
#[wasm_bindgen(js_name = RawMetadataStream)]
pub struct MetadataStream {
    /// The core's verifier, owning a copy of the caller's store (so nothing JS does
    /// with its `TrustStore` meanwhile matters); `None` once finished or failed.
    inner: Option<trustmeta::MetadataStreamVerifier<'static>>,
}

#[wasm_bindgen(js_class = RawMetadataStream)]
impl MetadataStream {
    /// A verifier for metadata signed by a key of (a copy of) `store`, at `now_secs`,
    /// under `profile_name`.
    ///
    /// # Errors
    /// `time.*` for a time out of range, as a JS error with `code`; a JS error without
    /// `code` for an unknown profile.
    #[wasm_bindgen(constructor)]
    pub fn new(
        store: &TrustStore,
        profile_name: &str,
        now_secs: f64,
        allow_sha1: bool,
        min_rsa_bits: u32,
    ) -> Result<MetadataStream, JsValue> {
        let profile = profile(profile_name)?;
        let now = now(now_secs)?;
        let policy = policy(allow_sha1, min_rsa_bits);
        // With the entity index, so that the result lists the entities; the list grows
        // with their number, the reading memory does not.
        let inner =
            trustmeta::MetadataStreamVerifier::owning(store.inner.clone(), &policy, now, profile)
                .with_index();
        Ok(MetadataStream { inner: Some(inner) })
    }

    /// Reads the next bytes. After an error the verifier is spent.
    ///
    /// # Errors
    /// The XML, signature and metadata errors found so far, as a JS error with `code`;
    /// a JS error without `code` when the verifier is finished or failed already.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        let v = self.inner.as_mut().ok_or_else(spent)?;
        v.feed(chunk).map_err(|e| {
            self.inner = None;
            error_value(&e)
        })
    }

    /// Ends the document: the same result as `rawVerifyMetadata` (with `streamed`
    /// true), without the document, which was never held.
    ///
    /// # Errors
    /// As `rawVerifyMetadata`; a JS error without `code` when the verifier is finished or
    /// failed already.
    pub fn finish(&mut self) -> Result<Object, JsValue> {
        let v = self.inner.take().ok_or_else(spent)?;
        v.finish()
            .map(|v| result_object(&v, JsValue::NULL))
            .map_err(|e| error_value(&e))
    }
}

fn spent() -> JsValue {
    js_sys::Error::new("this metadata stream verifier has finished or failed already").into()
}

/// The summary of verified metadata, with the signer fields of the shared table.
fn summary_object(v: &VerifiedMetadata) -> Object {
    let s = &v.summary;
    let obj = Object::new();
    set(&obj, "root", s.root.as_str());
    set(&obj, "id", optional_str(s.id.as_deref()));
    set(&obj, "name", optional_str(s.name.as_deref()));
    set(&obj, "entityId", optional_str(s.entity_id.as_deref()));
    set(
        &obj,
        "validUntil",
        s.valid_until.map_or(JsValue::NULL, |t| date(t).into()),
    );
    let cache = s.cache_duration.map_or(JsValue::NULL, |d| {
        let o = Object::new();
        // xs:duration parts of metadata: far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let (months, seconds) = (d.months as f64, d.seconds as f64);
        set(&o, "months", months);
        set(&o, "seconds", seconds);
        o.into()
    });
    set(&obj, "cacheDuration", cache);
    set(
        &obj,
        "expires",
        s.expires.map_or(JsValue::NULL, |t| date(t).into()),
    );
    set(&obj, "publisher", optional_str(s.publisher.as_deref()));
    set(
        &obj,
        "creationInstant",
        s.creation_instant.map_or(JsValue::NULL, |t| date(t).into()),
    );
    set(&obj, "entities", index(s.entities));
    set(
        &obj,
        "groups",
        strings(s.groups.iter().map(alloc::string::String::as_str)),
    );
    let etoegang = s.etoegang.as_ref().map_or(JsValue::NULL, |n| {
        let o = Object::new();
        set(&o, "version", n.version.as_str());
        set(
            &o,
            "environment",
            alloc::string::String::from(n.environment),
        );
        // A publication counter; a JS number holds it exactly below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let sequence = n.sequence as f64;
        set(&o, "sequence", sequence);
        o.into()
    });
    set(&obj, "etoegang", etoegang);
    set(&obj, "streamed", v.streamed);
    set(&obj, "nestedSignatures", index(v.nested_signatures));
    report_fields(&obj, &v.report);
    obj
}

/// Reads one entity of verified metadata from the pieces its index entry locates (the
/// entry `rawVerifyMetadata` or `RawMetadataStream.finish` gave, passed back field by
/// field): `pieces` holds the start tags in force at the entity (the document
/// element's, unless the entity is the document element, then each group's, outermost
/// first) and `bytes` the `EntityDescriptor` element, all cut from the private copy of
/// the verified document the wrapper keeps. The core checks the bytes are that entity.
///
/// # Errors
/// The XML errors of the pieces, `metadata.malformed` when they are not the indexed
/// entity, as a JS error with `code`; a JS error without `code` for an offset that is
/// not one this module gave.
#[wasm_bindgen(js_name = rawReadEntity)]
#[allow(clippy::too_many_arguments)]
pub fn read_entity(
    entity_id: String,
    group: Option<String>,
    start: f64,
    end: f64,
    roles: Vec<String>,
    scope: &[f64],
    pieces: &Array,
    bytes: &[u8],
) -> Result<Object, JsValue> {
    let range = offset(start)?..offset(end)?;
    let scope = scope
        .chunks(2)
        .map(|pair| match pair {
            [a, b] => Ok(offset(*a)?..offset(*b)?),
            _ => Err(bad_entry()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let entry = IndexedEntity::from_stored(entity_id, group, range, roles, scope);
    let tags: Vec<Vec<u8>> = pieces
        .iter()
        .map(|p| {
            p.dyn_into::<Uint8Array>()
                .map(|a| a.to_vec())
                .map_err(|_| bad_entry())
        })
        .collect::<Result<_, _>>()?;
    let tags: Vec<&[u8]> = tags.iter().map(Vec::as_slice).collect();
    let limits = trustmeta::Policy::default().limits;
    let mut info = trustmeta::read_indexed_entity(&entry, &tags, bytes, &limits)
        .map_err(|e| error_value(&e))?;
    // The index holds the group (which gives the eToegang role), not the entity's bytes.
    info.group = entry.group;
    Ok(entity_object(&info))
}

/// A byte offset this module gave as a JS number (exact below 2^53).
fn offset(n: f64) -> Result<u64, JsValue> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if !(n.is_finite() && (0.0..=MAX_SAFE).contains(&n)) {
        return Err(bad_entry());
    }
    // In 0..=2^53-1: the cast truncates a fraction, which the comparison then catches.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = n as u64;
    if number(whole) == n {
        Ok(whole)
    } else {
        Err(bad_entry())
    }
}

fn bad_entry() -> JsValue {
    js_sys::Error::new("not an entity entry of verified metadata").into()
}

/// A byte offset as a JS number: offsets of a document held in memory are far below
/// 2^53.
#[allow(clippy::cast_precision_loss)]
fn number(n: u64) -> f64 {
    n as f64
}

/// The entity index of verified metadata, one entry per `EntityDescriptor` in document
/// order: `{entityId, group, range: [start, end], roles, scope: [start, end, …]}`.
fn entity_index(v: &VerifiedMetadata) -> Array {
    v.entities()
        .iter()
        .map(|e| {
            let o = Object::new();
            set(&o, "entityId", e.entity_id.as_str());
            set(&o, "group", optional_str(e.group.as_deref()));
            let range: Array = [e.range.start, e.range.end]
                .into_iter()
                .map(|n| JsValue::from(number(n)))
                .collect();
            set(&o, "range", range);
            set(&o, "roles", strings(e.roles.iter().map(String::as_str)));
            let scope: Array = e
                .scope
                .iter()
                .flat_map(|r| [r.start, r.end])
                .map(|n| JsValue::from(number(n)))
                .collect();
            set(&o, "scope", scope);
            JsValue::from(o)
        })
        .collect()
}

/// What the wrapper makes a verified-metadata result of: the `summary`, the entity
/// index (`entities`), the document element's start tag (`rootTag: [start, end]`) and
/// `document`, the verified bytes (a copy of its own) or null when they were not held.
fn result_object(v: &VerifiedMetadata, document: JsValue) -> Object {
    let o = Object::new();
    set(&o, "summary", summary_object(v));
    set(&o, "entities", entity_index(v));
    let root: Array = [v.root_tag.start, v.root_tag.end]
        .into_iter()
        .map(|n| JsValue::from(number(n)))
        .collect();
    set(&o, "rootTag", root);
    set(&o, "document", document);
    o
}

fn certificates(ders: &[Vec<u8>]) -> Array {
    ders.iter()
        .map(|d| JsValue::from(Uint8Array::from(d.as_slice())))
        .collect()
}

fn entity_object(e: &EntityInfo) -> Object {
    let o = Object::new();
    set(&o, "entityId", e.entity_id.as_str());
    set(
        &o,
        "roles",
        strings(e.roles.iter().map(alloc::string::String::as_str)),
    );
    set(
        &o,
        "signingCertificates",
        certificates(&e.signing_certificates),
    );
    set(
        &o,
        "encryptionCertificates",
        certificates(&e.encryption_certificates),
    );
    let endpoints: Array = e
        .endpoints
        .iter()
        .map(|p| {
            let x = Object::new();
            set(&x, "role", p.role.as_str());
            set(&x, "kind", p.kind.as_str());
            set(&x, "binding", p.binding.as_str());
            set(&x, "location", p.location.as_str());
            set(&x, "index", p.index.map_or(JsValue::NULL, JsValue::from));
            JsValue::from(x)
        })
        .collect();
    set(&o, "endpoints", endpoints);
    let names: Array = e
        .display_names
        .iter()
        .map(|n| {
            let x = Object::new();
            set(&x, "lang", n.lang.as_str());
            set(&x, "text", n.value.as_str());
            JsValue::from(x)
        })
        .collect();
    set(&o, "displayNames", names);
    set(
        &o,
        "entityCategories",
        strings(
            e.entity_categories
                .iter()
                .map(alloc::string::String::as_str),
        ),
    );
    set(
        &o,
        "organizationName",
        optional_str(e.organization_name.as_deref()),
    );
    set(
        &o,
        "contactEmails",
        strings(e.contact_emails.iter().map(alloc::string::String::as_str)),
    );
    set(&o, "group", optional_str(e.group.as_deref()));
    let role = e.etoegang_role();
    set(
        &o,
        "etoegangRole",
        optional_str(role.map(|r| r.abbreviation())),
    );
    set(
        &o,
        "actsAs",
        strings(
            role.map_or(&[][..], |r| r.validated_as())
                .iter()
                .map(|r| r.abbreviation()),
        ),
    );
    set(
        &o,
        "offeredForAdSelection",
        role.is_some_and(trustmeta::EtoegangRole::offered_for_ad_selection),
    );
    o
}
