//! ELMO result files: decoding the `elmo` form field and verifying the root signature.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use base64ct::Encoding as _;

use super::emreg::Ncp;
use super::EmrexError;
use crate::crypto::{default_verifier, SignatureVerifier};
use crate::dsig::{verify_signature, DsigError, SignedElement, Unverified, NS_DS};
use crate::error::Error;
use crate::pki::TrustStore;
use crate::policy::Policy;
use crate::time::DateTime;
use crate::verified::{report_of, VerificationReport};
use crate::xml::{self, IdIndex};

/// The ELMO namespace of the 1.0-era (2015–2016) files.
pub const NS_ELMO_OLD: &str = "http://purl.org/net/elmo";
/// The ELMO namespace from version 1.0 of the `elmo-schemas` repository on.
pub const NS_ELMO_V1: &str = "https://github.com/emrex-eu/elmo-schemas/tree/v1";

const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const C14N10: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const RSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";

/// Largest decoded ELMO [`decode_elmo_field`] accepts by default, after gunzip: 16 MiB —
/// results with PDF attachments run to a few MB, while a gzip bomb expands about
/// 1000-fold; the cap is enforced while inflating, not after.
pub const DEFAULT_MAX_ELMO_BYTES: usize = 16 * 1024 * 1024;

/// Decodes an `elmo` form field value: base64 (whitespace anywhere tolerated), then
/// gunzip when the bytes start with the gzip magic `1f 8b`, otherwise the bytes as they
/// are (plain XML). The gzip CRC-32 and length are checked.
///
/// A field longer than any encoding of `max_bytes` can be ([`max_elmo_field_chars`]) is
/// refused before decoding.
///
/// # Errors
/// [`EmrexError::BadBase64`], [`EmrexError::GzipMalformed`], and
/// [`EmrexError::DecompressedTooLarge`] beyond `max_bytes` (take
/// [`DEFAULT_MAX_ELMO_BYTES`] unless results are known to be larger).
pub fn decode_elmo_field(text: &[u8], max_bytes: usize) -> Result<Vec<u8>, EmrexError> {
    // Counted before anything is copied, so an oversized field costs one pass.
    let chars = text.iter().filter(|b| !b.is_ascii_whitespace()).count();
    if chars > max_elmo_field_chars(max_bytes) {
        return Err(EmrexError::DecompressedTooLarge { limit: max_bytes });
    }
    // Whole runs between white space are copied at once: a byte-at-a-time filter took as
    // long as the decoding itself.
    let mut padded: Vec<u8> = Vec::with_capacity(chars + 3);
    for run in text.split(u8::is_ascii_whitespace) {
        padded.extend_from_slice(run);
    }
    // Form encoders and some NCPs drop the padding; put it back.
    while padded.len() % 4 != 0 {
        padded.push(b'=');
    }
    let bytes = base64ct::Base64::decode_vec(core::str::from_utf8(&padded).unwrap_or("!"))
        .map_err(|_| EmrexError::BadBase64)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return inflate_if_gzip(&bytes, max_bytes);
    }
    // Plain XML: returned as decoded, not copied once more.
    if bytes.len() > max_bytes {
        return Err(EmrexError::DecompressedTooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

/// The most base64 characters (white space not counted) an `elmo` field decoding to at
/// most `max_bytes` can have: the base64 of `max_bytes`, plus 1/1024 and 64 KiB for a gzip
/// stream that does not compress (stored deflate blocks) and its header. A reader of the
/// field may stop once it has seen more: [`decode_elmo_field`] refuses it whatever follows.
pub fn max_elmo_field_chars(max_bytes: usize) -> usize {
    let most = max_bytes
        .saturating_add(max_bytes / 1024)
        .saturating_add(64 * 1024);
    (most / 3 + 2).saturating_mul(4) - 1
}

/// Gunzips `bytes` when they start with the gzip magic (RFC 1952), capping the output at
/// `limit` bytes; returns other input unchanged (within the same cap).
///
/// # Errors
/// [`EmrexError::GzipMalformed`], [`EmrexError::DecompressedTooLarge`].
pub fn inflate_if_gzip(bytes: &[u8], limit: usize) -> Result<Vec<u8>, EmrexError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        if bytes.len() > limit {
            return Err(EmrexError::DecompressedTooLarge { limit });
        }
        return Ok(bytes.to_vec());
    }
    let bad = |reason: &'static str| EmrexError::GzipMalformed { reason };
    let header = bytes.get(..10).ok_or(bad("truncated header"))?;
    if header.get(2) != Some(&8) {
        return Err(bad("compression method is not deflate"));
    }
    let flags = header.get(3).copied().unwrap_or(0);
    if flags & 0xE0 != 0 {
        return Err(bad("reserved header flags are set"));
    }
    let mut i = 10usize;
    if flags & 0x04 != 0 {
        let lo = bytes.get(i).copied().ok_or(bad("truncated header"))?;
        let hi = bytes.get(i + 1).copied().ok_or(bad("truncated header"))?;
        i += 2 + usize::from(u16::from_le_bytes([lo, hi]));
    }
    for flag in [0x08u8, 0x10] {
        if flags & flag != 0 {
            let rest = bytes.get(i..).ok_or(bad("truncated header"))?;
            let end = rest
                .iter()
                .position(|&b| b == 0)
                .ok_or(bad("truncated header"))?;
            i += end + 1;
        }
    }
    if flags & 0x02 != 0 {
        i += 2;
    }
    let trailer_at = bytes
        .len()
        .checked_sub(8)
        .filter(|&t| t >= i)
        .ok_or(bad("truncated stream"))?;
    let body = bytes.get(i..trailer_at).ok_or(bad("truncated stream"))?;
    let trailer = bytes.get(trailer_at..).ok_or(bad("truncated stream"))?;
    let out = miniz_oxide::inflate::decompress_to_vec_with_limit(body, limit).map_err(|e| {
        if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            EmrexError::DecompressedTooLarge { limit }
        } else {
            bad("the deflate stream is corrupt or truncated")
        }
    })?;
    let word = |at: usize| {
        trailer
            .get(at..at + 4)
            .and_then(|s| <[u8; 4]>::try_from(s).ok())
            .map(u32::from_le_bytes)
    };
    if word(0) != Some(crc32(&out)) {
        return Err(bad("CRC-32 mismatch"));
    }
    // ISIZE is the length modulo 2^32.
    // (`as` truncates to exactly that; on 32-bit targets it is the length itself.)
    #[allow(clippy::cast_possible_truncation)]
    let isize_field = out.len() as u32;
    if word(4) != Some(isize_field) {
        return Err(bad("length mismatch"));
    }
    Ok(out)
}

/// The reflected CRC-32 polynomial of gzip (RFC 1952 §8, ISO 3309).
const CRC32_POLY: u32 = 0xEDB8_8320;

/// The CRC tables of slicing-by-8, built by the compiler: `CRC32_TABLES[0]` is the CRC of
/// every byte value, and `CRC32_TABLES[k][i]` the CRC of byte `i` followed by `k` zero
/// bytes. Eight bytes then cost eight independent lookups instead of eight dependent
/// ones, so a 16 MiB result is checked several times faster, for 8 KiB of read-only data.
const CRC32_TABLES: [[u32; 256]; 8] = {
    let mut tables = [[0u32; 256]; 8];
    let mut i = 0usize;
    let mut n = 0u32;
    while i < 256 {
        let mut c = n;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ CRC32_POLY
            } else {
                c >> 1
            };
            k += 1;
        }
        tables[0][i] = c;
        i += 1;
        n += 1;
    }
    let mut t = 1;
    while t < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = tables[t - 1][i];
            tables[t][i] = (prev >> 8) ^ tables[0][(prev & 0xFF) as usize];
            i += 1;
        }
        t += 1;
    }
    tables
};

/// The CRC of every byte value.
const CRC32_TABLE: [u32; 256] = CRC32_TABLES[0];

fn crc32(data: &[u8]) -> u32 {
    let t = &CRC32_TABLES;
    let mut crc = !0u32;
    let mut blocks = data.chunks_exact(8);
    for block in &mut blocks {
        let lo = crc ^ u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        let [a, b, c, d] = lo.to_le_bytes();
        crc = t[7][usize::from(a)]
            ^ t[6][usize::from(b)]
            ^ t[5][usize::from(c)]
            ^ t[4][usize::from(d)]
            ^ t[3][usize::from(block[4])]
            ^ t[2][usize::from(block[5])]
            ^ t[1][usize::from(block[6])]
            ^ t[0][usize::from(block[7])];
    }
    crc32_bytes(crc, blocks.remainder())
}

/// Byte at a time, for the tail under eight bytes.
fn crc32_bytes(mut crc: u32, data: &[u8]) -> u32 {
    for &b in data {
        let index = usize::from(crc.to_le_bytes()[0] ^ b);
        crc = (crc >> 8) ^ CRC32_TABLE[index];
    }
    !crc
}

/// The learner a result is about, read from the signed content only.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Learner {
    /// `givenNames`, whitespace-trimmed.
    pub given_names: String,
    /// `familyName`, whitespace-trimmed.
    pub family_name: String,
    /// `bday` as written (its format differs between NCPs), if present.
    pub birth_date: Option<String>,
    /// `citizenship`, if present.
    pub citizenship: Option<String>,
}

/// A verified ELMO file: the learner, how it was signed, and what else it contains.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifiedElmo {
    /// The ELMO namespace ([`NS_ELMO_V1`] or [`NS_ELMO_OLD`]).
    pub namespace: &'static str,
    /// The learner identity to match against the logged-in person: `elmo/learner`, or in
    /// 1.0-era files the first report's.
    pub learner: Learner,
    /// Every distinct learner identity the signed file gives, `learner` first. 1.0-era
    /// files repeat the learner per report, as each institution wrote it (the CSC vector
    /// spells one name `Keränen` and `Keranen`, one birth date `18-07-1966` and
    /// `18.07.1966`); a caller matching a person may accept any of them.
    pub learners: Vec<Learner>,
    /// How many `report` elements (one per issuing institution) the result holds.
    pub reports: usize,
    /// Signatures inside the content (a Diploma Supplement's), never checked here.
    pub nested_signatures: usize,
    /// The root signature's report (algorithms, signer, legacy allowances).
    pub report: VerificationReport,
}

/// Verifies an ELMO file signed by `ncp`: the trust store is that NCP's EMREG
/// certificate alone.
///
/// # Errors
/// As [`verify_elmo`], plus [`Error::Pki`] when the NCP's `pubKey` is not a certificate.
pub fn verify_elmo_from(
    xml: &[u8],
    ncp: &Ncp,
    policy: &Policy,
    now: DateTime,
) -> Result<VerifiedElmo, Error> {
    verify_elmo_from_with(xml, ncp, policy, now, default_verifier())
}

/// [`verify_elmo_from`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`verify_elmo_from`].
pub fn verify_elmo_from_with(
    xml: &[u8],
    ncp: &Ncp,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedElmo, Error> {
    let store = ncp.trust_store()?;
    verify_elmo_with(xml, &store, policy, now, verifier)
}

/// Verifies an ELMO file under the EMREX profile against `store` (normally the chosen
/// NCP's [`Ncp::trust_store`]).
///
/// The profile (ELMO XSD 1.7 annotation on the root signature): exactly one
/// `ds:Signature` as a direct child of the root `<elmo>` (signatures deeper inside, such
/// as a Diploma Supplement's, are neither checked nor counted), one `Reference URI=""`,
/// only the enveloped transform, inclusive C14N 1.0 for SignedInfo, rsa-sha256 (rsa-sha1
/// only with [`Policy::allow_sha1`]). `KeyInfo` only ever names a candidate: the key must
/// be a certificate in `store`.
///
/// # Examples
/// ```
/// use trustmeta::{decode_elmo_field, verify_elmo_from, DateTime, Emreg, Policy, DEFAULT_MAX_ELMO_BYTES};
/// let emreg = Emreg::parse(include_bytes!("../../../tests/data/emrex/emreg-1.0-messy.json"))?;
/// let field = include_bytes!("../../../tests/data/emrex/signed/v1-rsa-sha256.xml.gz.b64");
/// let policy = Policy::default();
/// let xml = decode_elmo_field(field, DEFAULT_MAX_ELMO_BYTES)?;
/// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
/// let elmo = verify_elmo_from(&xml, emreg.ncp("TEST-NCP")?, &policy, now)?;
/// assert_eq!(elmo.learner.family_name, "Nordmann");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Xml`] for input that is not well-formed or over a limit,
/// [`Error::Emrex`] for another document or a signature outside the profile or no
/// learner, and the DSig/crypto/PKI errors of the signature itself.
pub fn verify_elmo(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
) -> Result<VerifiedElmo, Error> {
    verify_elmo_with(xml, store, policy, now, default_verifier())
}

/// [`verify_elmo`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`verify_elmo`].
pub fn verify_elmo_with(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedElmo, Error> {
    let mut scratch = crate::c14n::Pooled::take();
    let doc = xml::parse_in(xml, &policy.limits, &mut scratch)?;
    // Only `URI=""` is allowed, so no attribute is an ID in this profile.
    let ids = IdIndex::build(&doc, &[])?;
    let root = Unverified::root(&doc);
    let namespace = match (root.namespace(), root.local_name()) {
        (Some(NS_ELMO_V1), "elmo") => NS_ELMO_V1,
        (Some(NS_ELMO_OLD), "elmo") => NS_ELMO_OLD,
        _ => {
            return Err(EmrexError::UnknownDocument {
                root: root.qualified(),
            }
            .into())
        }
    };
    let root_sigs: Vec<Unverified<'_, '_>> = root.signatures().collect();
    let nested_signatures = Unverified::all_signatures(&doc).count() - root_sigs.len();
    let sig = match root_sigs.as_slice() {
        [] => return Err(DsigError::MissingSignature.into()),
        [sig] => *sig,
        more => {
            return Err(DsigError::TooManySignatures {
                found: more.len(),
                limit: 1,
            }
            .into())
        }
    };
    check_profile(sig)?;
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
    let outcome = verify_signature(&doc, &ids, sig, &cx, &mut scratch).map_err(|e| match e {
        Error::Dsig(DsigError::ObjectRefused) => {
            profile("the signature carries a ds:Object, which the EMREX profile has no use for")
                .into()
        }
        other => other,
    })?;
    let signed = outcome
        .signed(&doc, root.id())
        .filter(|_| outcome.covers_exactly(root.id(), sig.id()))
        .ok_or_else(|| profile("the signature does not cover exactly the elmo element"))?;
    // Everything below is read through the signed view of the root.
    let learners = learners(signed, namespace)?;
    let learner = learners
        .first()
        .cloned()
        .ok_or(EmrexError::MissingLearner)?;
    let reports = signed.children_named(namespace, "report").count();
    Ok(VerifiedElmo {
        namespace,
        learner,
        learners,
        reports,
        nested_signatures,
        report: report_of(&doc, &outcome, now),
    })
}

fn profile(reason: &str) -> EmrexError {
    EmrexError::SignatureProfile {
        reason: reason.to_string(),
    }
}

/// The EMREX signature profile, checked on the structure before any cryptography.
fn check_profile(sig: Unverified<'_, '_>) -> Result<(), EmrexError> {
    fn algorithm<'a>(parent: Unverified<'a, '_>, local: &'static str) -> &'a str {
        parent
            .children_named(NS_DS, local)
            .next()
            .and_then(|n| n.attribute("Algorithm"))
            .unwrap_or("")
    }
    let signed_info = sig
        .children_named(NS_DS, "SignedInfo")
        .next()
        .ok_or_else(|| profile("no SignedInfo"))?;
    if algorithm(signed_info, "CanonicalizationMethod") != C14N10 {
        return Err(profile(
            "SignedInfo must be canonicalized with inclusive C14N 1.0 (without comments)",
        ));
    }
    if !matches!(
        algorithm(signed_info, "SignatureMethod"),
        RSA_SHA256 | RSA_SHA1
    ) {
        return Err(profile(
            "the signature method must be rsa-sha256 or rsa-sha1",
        ));
    }
    let refs: Vec<Unverified<'_, '_>> = signed_info.children_named(NS_DS, "Reference").collect();
    let [reference] = refs.as_slice() else {
        return Err(profile("SignedInfo must hold exactly one Reference"));
    };
    if reference.attribute("URI") != Some("") {
        return Err(profile("the Reference URI must be \"\" (the whole elmo)"));
    }
    let transform_lists: Vec<Unverified<'_, '_>> =
        reference.children_named(NS_DS, "Transforms").collect();
    let transforms: Vec<&str> = transform_lists
        .iter()
        .flat_map(|t| t.children_named(NS_DS, "Transform"))
        .map(|t| t.attribute("Algorithm").unwrap_or(""))
        .collect();
    if transform_lists.len() != 1 || transforms.as_slice() != [ENVELOPED] {
        return Err(profile("the only transform must be enveloped-signature"));
    }
    if !matches!(algorithm(*reference, "DigestMethod"), SHA256 | SHA1) {
        return Err(profile("the digest method must be sha256 or sha1"));
    }
    Ok(())
}

/// The text of the first `local` child of `parent`: all text children joined (a comment
/// never truncates a value), trimmed.
fn field(parent: SignedElement<'_, '_>, ns: &str, local: &str) -> Option<String> {
    let n = parent.children().find(|n| n.is(ns, local))?;
    Some(n.deep_text().trim().to_string())
}

/// The learners: `elmo/learner` (v1) or, in 1.0-era files, each `elmo/report/learner`,
/// without repeats; at least one with a name.
fn learners(root: SignedElement<'_, '_>, ns: &str) -> Result<Vec<Learner>, EmrexError> {
    let mut nodes: Vec<SignedElement<'_, '_>> =
        root.children().filter(|n| n.is(ns, "learner")).collect();
    if nodes.is_empty() {
        nodes = root
            .children()
            .filter(|n| n.is(ns, "report"))
            .flat_map(|r| r.children().filter(|n| n.is(ns, "learner")))
            .collect();
    }
    let mut found: Vec<Learner> = Vec::new();
    for n in nodes {
        let l = Learner {
            given_names: field(n, ns, "givenNames").unwrap_or_default(),
            family_name: field(n, ns, "familyName").unwrap_or_default(),
            birth_date: field(n, ns, "bday"),
            citizenship: field(n, ns, "citizenship"),
        };
        if (l.given_names.is_empty() && l.family_name.is_empty()) || found.contains(&l) {
            continue;
        }
        found.push(l);
    }
    if found.is_empty() {
        return Err(EmrexError::MissingLearner);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc() {
        // The check value of CRC-32/ISO-HDLC, and other published values.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"a"), 0xE8B7_BE43);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
        assert_eq!(crc32(&[0u8; 32]), 0x190A_55AD);
        assert_eq!(crc32(&[0xFFu8; 32]), 0xFF6C_AB0B);
        // Table entries from RFC 1952's sample code.
        assert_eq!(
            (
                CRC32_TABLE[0],
                CRC32_TABLE[1],
                CRC32_TABLE[128],
                CRC32_TABLE[255]
            ),
            (0, 0x7707_3096, 0xEDB8_8320, 0x2D02_EF8D)
        );
    }

    #[test]
    fn crc_matches_the_bitwise_definition() {
        fn bitwise(data: &[u8]) -> u32 {
            let mut crc = !0u32;
            for &b in data {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    let mask = (crc & 1).wrapping_neg();
                    crc = (crc >> 1) ^ (CRC32_POLY & mask);
                }
            }
            !crc
        }
        let data: Vec<u8> = (0u32..5000)
            .map(|i| i.wrapping_mul(2_654_435_761).to_le_bytes()[3])
            .collect();
        for len in [0, 1, 7, 8, 255, 256, 257, 4999, 5000] {
            assert_eq!(crc32(&data[..len]), bitwise(&data[..len]), "length {len}");
        }
    }

    #[test]
    fn slicing_by_8_matches_byte_at_a_time() {
        // xorshift64: a fixed stream of lengths, offsets and contents.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let data: Vec<u8> = (0..70_000).map(|_| next().to_le_bytes()[0]).collect();
        for _ in 0..500 {
            let [o0, o1, l0, l1, l2, ..] = next().to_le_bytes();
            // Offsets break the 8-byte alignment; lengths run from empty to 64 KiB.
            let start = usize::from(o0 % 8) + usize::from(o1 % 8);
            let len = usize::from(u16::from_le_bytes([l0, l1])) >> (l2 % 16);
            let slice = &data[start..start + len];
            assert_eq!(crc32(slice), crc32_bytes(!0, slice), "length {len}");
        }
    }

    #[test]
    fn oversized_fields_are_refused_before_decoding() {
        let limit = 64;
        let most = (limit + 64 * 1024) / 3 * 4 + 4;
        // Past what any encoding of 64 bytes can take: refused on the count alone…
        let field = "A".repeat(most + 4);
        assert_eq!(
            decode_elmo_field(field.as_bytes(), limit),
            Err(EmrexError::DecompressedTooLarge { limit })
        );
        // …within it, refused after decoding, as plain bytes over the limit.
        let field = "QUFB".repeat(most / 4 - 1);
        assert_eq!(
            decode_elmo_field(field.as_bytes(), limit),
            Err(EmrexError::DecompressedTooLarge { limit })
        );
        // White space does not count.
        assert_eq!(decode_elmo_field(b" P G E + \r\n", limit).unwrap(), b"<a>");
    }

    #[test]
    fn plain_and_padding() {
        let p = DEFAULT_MAX_ELMO_BYTES;
        assert_eq!(decode_elmo_field(b"PGE+\n", p).unwrap(), b"<a>");
        assert_eq!(decode_elmo_field(b"PGE+PC9h", p).unwrap(), b"<a></a");
        assert_eq!(decode_elmo_field(b"PGE+PC9hPg", p).unwrap(), b"<a></a>");
        assert_eq!(decode_elmo_field(b"P%", p), Err(EmrexError::BadBase64));
    }
}
