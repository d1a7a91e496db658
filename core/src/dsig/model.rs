//! The `ds:Signature` element read into typed parts, refusing anything outside the
//! supported profile before any cryptography runs.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::DsigError;
use crate::c14n::C14nAlgorithm;
use crate::crypto::{DigestAlgorithm, SignatureAlgorithm};
use crate::encoding::{decode_base64, decode_base64_to, Short};
use crate::xml::text_content;

pub(crate) const NS_DS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub(crate) const NS_DS11: &str = "http://www.w3.org/2009/xmldsig11#";
const NS_EXC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const XPATH: &str = "http://www.w3.org/TR/1999/REC-xpath-19991116";

type Node<'a, 'x> = crate::xml::Node<'a, 'x>;

/// A transform from the allowlist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Transform {
    /// Removes the enclosing Signature.
    Enveloped,
    /// The XPath spelling `not(ancestor-or-self::dsig:Signature)`: removes every Signature.
    XPathNoSignatures,
    /// Canonicalization (must be last), with the exclusive PrefixList.
    C14n(C14nAlgorithm, Vec<String>),
}

impl Transform {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Transform::Enveloped => "enveloped-signature",
            Transform::XPathNoSignatures => "xpath-enveloped",
            Transform::C14n(a, _) => match (a.method, a.with_comments) {
                (crate::c14n::C14nMethod::Inclusive10, false) => "c14n",
                (crate::c14n::C14nMethod::Inclusive10, true) => "c14n-with-comments",
                (crate::c14n::C14nMethod::Inclusive11, false) => "c14n11",
                (crate::c14n::C14nMethod::Inclusive11, true) => "c14n11-with-comments",
                (crate::c14n::C14nMethod::Exclusive10, false) => "exc-c14n",
                (crate::c14n::C14nMethod::Exclusive10, true) => "exc-c14n-with-comments",
            },
        }
    }
}

/// The most Transforms one Reference may hold, whatever [`Policy::max_transforms`]
/// asks: they are kept in a fixed array of this many. A policy asking for more gets this
/// many, and a Reference with more is refused with `dsig.too_many_references` naming
/// this limit. Equal to the policy's default: enveloped-signature and a canonicalization
/// are two.
///
/// [`Policy::max_transforms`]: crate::Policy::max_transforms
pub const MAX_TRANSFORMS: usize = 4;

/// A decoded DigestValue: SHA-512's 64 bytes are the longest a digest is.
pub(crate) type DigestValue = Short<64>;

/// A Reference's transforms, in order.
pub(crate) type Transforms = heapless::Vec<Transform, MAX_TRANSFORMS>;

pub(crate) struct Reference<'a, 'x> {
    pub(crate) uri: &'a str,
    pub(crate) transforms: Transforms,
    pub(crate) digest: DigestAlgorithm,
    /// As decoded: a value longer than any digest matches none.
    pub(crate) digest_value: DigestValue,
    pub(crate) node: Node<'a, 'x>,
}

impl Reference<'_, '_> {
    /// The short names of its transforms, in an array of the same capacity.
    pub(crate) fn transform_names(&self) -> heapless::Vec<&'static str, MAX_TRANSFORMS> {
        let mut names = heapless::Vec::new();
        for t in &self.transforms {
            // Never full: it holds as many as `transforms` can.
            let _ = names.push(t.name());
        }
        names
    }
}

/// X.509 selectors of `KeyInfo`: they may pick a certificate from the trust store but
/// never add trust themselves.
#[derive(Default)]
pub(crate) struct KeyInfoHints {
    /// DER of each `X509Certificate`, parsed only when the trust store does not already
    /// hold the same certificate.
    pub(crate) certificate_ders: Vec<Vec<u8>>,
    pub(crate) issuer_serials: Vec<(String, Vec<u8>)>,
    pub(crate) subject_names: Vec<String>,
    pub(crate) digests: Vec<(DigestAlgorithm, Vec<u8>)>,
    /// `X509SKI`: subject key identifiers.
    pub(crate) skis: Vec<Vec<u8>>,
    /// `X509CRL` (DER): revocation input, used only when signed by a path certificate's
    /// issuer.
    pub(crate) crl_ders: Vec<Vec<u8>>,
    /// IDs named by same-document `RetrievalMethod`s, read by the verifier (which has
    /// the document's ID index) with [`retrieved_item`].
    pub(crate) retrievals: Vec<String>,
    /// Bare keys (`KeyValue`, `DEREncodedKeyValue`): trusted only when equal to a
    /// pinned key.
    pub(crate) key_values: Vec<KeyValue>,
}

/// A bare public key given in `KeyInfo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyValue {
    /// `RSAKeyValue`: modulus and exponent, big-endian.
    Rsa { modulus: Vec<u8>, exponent: Vec<u8> },
    /// `dsig11:ECKeyValue`: the uncompressed point.
    Ec { point: Vec<u8> },
    /// `dsig11:DEREncodedKeyValue`: a SubjectPublicKeyInfo.
    Spki(Vec<u8>),
    /// A key value of another kind (DSA…), which no pinned key can equal.
    Other,
}

impl KeyValue {
    /// Whether `key` is this key.
    pub(crate) fn equals(&self, key: &crate::crypto::PublicKey) -> bool {
        fn strip(b: &[u8]) -> &[u8] {
            let n = b.iter().take_while(|&&x| x == 0).count();
            &b[n..]
        }
        match self {
            KeyValue::Spki(der) => crate::crypto::PublicKey::from_spki_der(der)
                .is_ok_and(|k| k.key_bytes() == key.key_bytes() && k.kind() == key.kind()),
            KeyValue::Ec { point } => {
                matches!(key.kind(), crate::crypto::KeyKind::Ec(_))
                    && key.key_bytes() == point.as_slice()
            }
            KeyValue::Rsa { modulus, exponent } => {
                matches!(key.kind(), crate::crypto::KeyKind::Rsa { .. })
                    && rsa::pkcs1::RsaPublicKeyRef::try_from(key.key_bytes()).is_ok_and(|k| {
                        strip(k.modulus.as_bytes()) == strip(modulus)
                            && strip(k.public_exponent.as_bytes()) == strip(exponent)
                    })
            }
            KeyValue::Other => false,
        }
    }
}

pub(crate) struct SignatureModel<'a, 'x> {
    pub(crate) node: Node<'a, 'x>,
    pub(crate) signed_info: Node<'a, 'x>,
    pub(crate) c14n: C14nAlgorithm,
    pub(crate) c14n_prefixes: Vec<String>,
    pub(crate) method: SignatureAlgorithm,
    /// On the heap, sized once: an array of the policy's most References would put
    /// kilobytes on the stack of every frame the model passes through.
    pub(crate) references: Vec<Reference<'a, 'x>>,
    pub(crate) signature_value: Vec<u8>,
    pub(crate) key_info: KeyInfoHints,
    /// How many `ds:Object` children the signature has.
    pub(crate) objects: usize,
}

/// The most prefixes an `InclusiveNamespaces PrefixList` may name: each is considered
/// on every element canonicalized, so the list must stay short.
const MAX_INCLUSIVE_PREFIXES: usize = 64;

fn is_ds(n: &Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.namespace() == Some(NS_DS) && n.local_name() == local
}

/// Element children, refusing non-whitespace text between them. The text is checked
/// first, for all children, so that it is refused before anything the elements hold;
/// the elements are then read as they come, without a list of them being built.
fn elements<'a, 'x>(n: Node<'a, 'x>) -> Result<impl Iterator<Item = Node<'a, 'x>>, DsigError> {
    if n.children()
        .any(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty())
    {
        return Err(DsigError::Malformed {
            reason: alloc::format!("unexpected text inside ds:{}", n.local_name()),
        });
    }
    Ok(n.children().filter(Node::is_element))
}

fn malformed(reason: &str) -> DsigError {
    DsigError::Malformed {
        reason: reason.to_string(),
    }
}

fn algorithm_attr<'a>(n: &Node<'a, '_>) -> Result<&'a str, DsigError> {
    n.attribute("Algorithm")
        .ok_or_else(|| malformed("an Algorithm attribute is missing"))
}

fn base64_of(n: Node<'_, '_>) -> Result<Vec<u8>, DsigError> {
    // The refusal names the element, so it is made only when needed.
    decode_base64(&text_content(n)).ok_or_else(|| DsigError::BadBase64 {
        element: n.local_name().to_string(),
    })
}

fn c14n_of(uri: &str) -> Result<C14nAlgorithm, DsigError> {
    C14nAlgorithm::from_uri(uri).ok_or_else(|| DsigError::UnsupportedCanonicalization {
        uri: uri.to_string(),
    })
}

/// The `InclusiveNamespaces PrefixList` child of a c14n method or transform; any other
/// child element is refused (a canonicalization takes no other parameter).
fn prefix_list(n: Node<'_, '_>, exclusive: bool) -> Result<Vec<String>, DsigError> {
    let mut out = Vec::new();
    for c in elements(n)? {
        if !(exclusive && c.is(NS_EXC, "InclusiveNamespaces")) {
            return Err(malformed(&alloc::format!(
                "unexpected {} inside ds:{}",
                c.local_name(),
                n.local_name()
            )));
        }
        for p in c
            .attribute("PrefixList")
            .unwrap_or("")
            .split_ascii_whitespace()
        {
            if out.len() == MAX_INCLUSIVE_PREFIXES {
                return Err(malformed(
                    "an InclusiveNamespaces PrefixList with too many prefixes",
                ));
            }
            out.push(if p == "#default" {
                String::new()
            } else {
                p.to_string()
            });
        }
    }
    Ok(out)
}

pub(crate) fn parse_signature<'a, 'x>(
    sig: Node<'a, 'x>,
    max_references: usize,
    max_transforms: usize,
) -> Result<SignatureModel<'a, 'x>, DsigError> {
    let mut it = elements(sig)?;
    let signed_info = it
        .next()
        .filter(|n| is_ds(n, "SignedInfo"))
        .ok_or_else(|| malformed("ds:SignedInfo must be the first child of ds:Signature"))?;
    let sv = it
        .next()
        .filter(|n| is_ds(n, "SignatureValue"))
        .ok_or_else(|| malformed("ds:SignatureValue must follow ds:SignedInfo"))?;
    let mut key_info = KeyInfoHints::default();
    let mut objects = 0;
    let mut seen_key_info = false;
    for rest in it {
        if is_ds(&rest, "KeyInfo") && !seen_key_info && objects == 0 {
            key_info = parse_key_info(rest)?;
            seen_key_info = true;
        } else if is_ds(&rest, "Object") {
            objects += 1;
        } else {
            return Err(malformed(
                "only one ds:KeyInfo, then ds:Object elements, may follow ds:SignatureValue",
            ));
        }
    }

    let mut si = elements(signed_info)?;
    let cm = si
        .next()
        .filter(|n| is_ds(n, "CanonicalizationMethod"))
        .ok_or_else(|| malformed("ds:CanonicalizationMethod must open ds:SignedInfo"))?;
    let c14n = c14n_of(algorithm_attr(&cm)?)?;
    let c14n_prefixes = prefix_list(cm, c14n.method == crate::c14n::C14nMethod::Exclusive10)?;
    let sm = si
        .next()
        .filter(|n| is_ds(n, "SignatureMethod"))
        .ok_or_else(|| malformed("ds:SignatureMethod must follow ds:CanonicalizationMethod"))?;
    let sm_uri = algorithm_attr(&sm)?;
    let method = SignatureAlgorithm::from_uri(sm_uri).ok_or_else(|| {
        DsigError::UnsupportedSignatureMethod {
            uri: sm_uri.to_string(),
        }
    })?;
    if sm.children().any(|c| c.is_element()) {
        // HMACOutputLength and friends: parameters no supported method takes.
        return Err(malformed("ds:SignatureMethod has unexpected parameters"));
    }

    // Room for the References there are, within the policy's limit, taken at once.
    let count = signed_info.children().filter(Node::is_element).count();
    let mut references = Vec::with_capacity(count.saturating_sub(2).min(max_references));
    for r in si {
        if !is_ds(&r, "Reference") {
            return Err(malformed(
                "ds:SignedInfo may hold only ds:Reference after ds:SignatureMethod",
            ));
        }
        if references.len() == max_references {
            return Err(DsigError::TooManyReferences {
                limit: max_references,
            });
        }
        references.push(parse_reference(r, max_transforms)?);
    }
    if references.is_empty() {
        return Err(DsigError::NoReferences);
    }
    Ok(SignatureModel {
        node: sig,
        signed_info,
        c14n,
        c14n_prefixes,
        method,
        references,
        signature_value: base64_of(sv)?,
        key_info,
        objects,
    })
}

fn parse_reference<'a, 'x>(
    r: Node<'a, 'x>,
    max_transforms: usize,
) -> Result<Reference<'a, 'x>, DsigError> {
    let uri = r
        .attribute("URI")
        .ok_or_else(|| DsigError::UnsupportedReferenceUri {
            uri: "(no URI attribute)".to_string(),
        })?;
    let mut it = elements(r)?.peekable();
    // The policy's limit, within the array's (see `MAX_TRANSFORMS`).
    let limit = max_transforms.min(MAX_TRANSFORMS);
    let mut transforms = Transforms::new();
    if let Some(t) = it.next_if(|n| is_ds(n, "Transforms")) {
        for t in elements(t)? {
            if !is_ds(&t, "Transform") {
                return Err(malformed("ds:Transforms may hold only ds:Transform"));
            }
            if transforms.len() == limit {
                return Err(DsigError::TooManyReferences { limit });
            }
            if transforms.push(parse_transform(t)?).is_err() {
                return Err(DsigError::TooManyReferences { limit });
            }
        }
    }
    let dm = it
        .next()
        .filter(|n| is_ds(n, "DigestMethod"))
        .ok_or_else(|| malformed("ds:Reference needs ds:DigestMethod"))?;
    let dm_uri = algorithm_attr(&dm)?;
    let digest = DigestAlgorithm::from_uri(dm_uri).ok_or_else(|| DsigError::UnsupportedDigest {
        uri: dm_uri.to_string(),
    })?;
    let dv = it
        .next()
        .filter(|n| is_ds(n, "DigestValue"))
        .ok_or_else(|| malformed("ds:Reference needs ds:DigestValue"))?;
    if it.next().is_some() {
        return Err(malformed("unexpected element after ds:DigestValue"));
    }
    Ok(Reference {
        uri,
        transforms,
        digest,
        digest_value: decode_base64_to(&text_content(dv), DigestValue::default()).ok_or_else(
            || DsigError::BadBase64 {
                element: dv.local_name().to_string(),
            },
        )?,
        node: r,
    })
}

fn parse_transform(t: Node<'_, '_>) -> Result<Transform, DsigError> {
    let uri = algorithm_attr(&t)?;
    if uri == ENVELOPED {
        if elements(t)?.next().is_some() {
            return Err(malformed(
                "the enveloped-signature transform takes no parameters",
            ));
        }
        return Ok(Transform::Enveloped);
    }
    if let Some(a) = C14nAlgorithm::from_uri(uri) {
        let exclusive = a.method == crate::c14n::C14nMethod::Exclusive10;
        return Ok(Transform::C14n(a, prefix_list(t, exclusive)?));
    }
    if uri == XPATH {
        // Only the XPath spelling of the enveloped transform, with `dsig` bound to the
        // XML-DSig namespace — never a general XPath engine (invariant 4).
        let mut kids = elements(t)?;
        if let (Some(xp), None) = (kids.next(), kids.next()) {
            let expr: String = text_content(xp).split_ascii_whitespace().collect();
            if is_ds(&xp, "XPath")
                && expr == "not(ancestor-or-self::dsig:Signature)"
                && xp.lookup_namespace("dsig") == Some(NS_DS)
            {
                return Ok(Transform::XPathNoSignatures);
            }
        }
    }
    Err(DsigError::UnsupportedTransform {
        uri: uri.to_string(),
    })
}

/// The most `RetrievalMethod` elements one `KeyInfo` may hold: each names one element
/// elsewhere in the document, and real signatures use one.
const MAX_RETRIEVALS: usize = 4;

/// The most `X509Certificate`s and `X509CRL`s one signature may carry: each may be
/// parsed and tried while a path is built, and real signatures carry a chain of a few.
const MAX_KEYINFO_CERTIFICATES: usize = 16;
const MAX_KEYINFO_CRLS: usize = 4;

const RETRIEVAL_TYPES: &[&str] = &[
    "http://www.w3.org/2000/09/xmldsig#X509Data",
    "http://www.w3.org/2000/09/xmldsig#RSAKeyValue",
    "http://www.w3.org/2009/xmldsig11#ECKeyValue",
    "http://www.w3.org/2009/xmldsig11#DEREncodedKeyValue",
];

fn parse_key_info(ki: Node<'_, '_>) -> Result<KeyInfoHints, DsigError> {
    let mut h = KeyInfoHints::default();
    for c in ki.children().filter(Node::is_element) {
        if is_ds(&c, "RetrievalMethod") {
            h.retrievals.push(parse_retrieval(c)?);
            if h.retrievals.len() > MAX_RETRIEVALS {
                return Err(malformed(
                    "more than 4 ds:RetrievalMethod elements in ds:KeyInfo",
                ));
            }
        } else {
            key_info_item(c, &mut h)?;
        }
    }
    check_counts(&h)?;
    Ok(h)
}

/// Refuses a `KeyInfo` (with what its `RetrievalMethod`s named) carrying more
/// certificates or CRLs than a signature needs.
pub(crate) fn check_counts(h: &KeyInfoHints) -> Result<(), DsigError> {
    if h.certificate_ders.len() > MAX_KEYINFO_CERTIFICATES {
        return Err(malformed(&alloc::format!(
            "more than {MAX_KEYINFO_CERTIFICATES} X509Certificate elements in ds:KeyInfo"
        )));
    }
    if h.crl_ders.len() > MAX_KEYINFO_CRLS {
        return Err(malformed(&alloc::format!(
            "more than {MAX_KEYINFO_CRLS} X509CRL elements in ds:KeyInfo"
        )));
    }
    Ok(())
}

/// The ID a same-document `RetrievalMethod` names. Its target is read as a key hint
/// like a child of `KeyInfo` would be; it never adds trust.
fn parse_retrieval(rm: Node<'_, '_>) -> Result<String, DsigError> {
    if let Some(t) = rm.attribute("Type") {
        if !RETRIEVAL_TYPES.contains(&t) {
            return Err(malformed(&alloc::format!(
                "a ds:RetrievalMethod of Type {t} is not followed (X509Data and key values are)"
            )));
        }
    }
    if rm.children().any(|c| c.is_element()) {
        return Err(DsigError::UnsupportedTransform {
            uri: "a transform of ds:RetrievalMethod".to_string(),
        });
    }
    let uri = rm.attribute("URI").unwrap_or("");
    match uri.strip_prefix('#') {
        Some(id) if !id.is_empty() && !id.contains(['(', ')', '/', ' ', '#']) => Ok(id.to_string()),
        _ => Err(DsigError::UnsupportedReferenceUri {
            uri: uri.to_string(),
        }),
    }
}

/// Reads the element a `RetrievalMethod` named into `h`: an `X509Data`, a `KeyValue`,
/// or a bare `RSAKeyValue` / `ECKeyValue` / `DEREncodedKeyValue`. Another
/// `RetrievalMethod` is not followed (no chains, no loops).
pub(crate) fn retrieved_item(n: Node<'_, '_>, h: &mut KeyInfoHints) -> Result<(), DsigError> {
    let bare_key = (is_ds(&n, "RSAKeyValue"))
        || (n.namespace() == Some(NS_DS11) && n.local_name() == "ECKeyValue");
    if bare_key {
        h.key_values.push(key_value(n)?);
        return Ok(());
    }
    let known = is_ds(&n, "X509Data")
        || is_ds(&n, "KeyValue")
        || (n.namespace() == Some(NS_DS11) && n.local_name() == "DEREncodedKeyValue");
    if !known {
        return Err(malformed(&alloc::format!(
            "a ds:RetrievalMethod names a {} element, not X509Data or a key value",
            n.local_name()
        )));
    }
    key_info_item(n, h)
}

fn key_value(kv: Node<'_, '_>) -> Result<KeyValue, DsigError> {
    let name = kv.local_name();
    let ns = kv.namespace();
    Ok(if ns == Some(NS_DS) && name == "RSAKeyValue" {
        let part = |n: &str| {
            kv.children()
                .find(|x| is_ds(x, n))
                .map(base64_of)
                .transpose()
        };
        match (part("Modulus")?, part("Exponent")?) {
            (Some(modulus), Some(exponent)) => KeyValue::Rsa { modulus, exponent },
            _ => return Err(malformed("ds:RSAKeyValue needs Modulus and Exponent")),
        }
    } else if ns == Some(NS_DS11) && name == "ECKeyValue" {
        let pk = kv
            .children()
            .find(|x| x.namespace() == Some(NS_DS11) && x.local_name() == "PublicKey");
        match pk {
            Some(p) => KeyValue::Ec {
                point: base64_of(p)?,
            },
            None => KeyValue::Other,
        }
    } else {
        KeyValue::Other
    })
}

/// One child of `KeyInfo` (or the target of a `RetrievalMethod`) read into `h`.
fn key_info_item(c: Node<'_, '_>, h: &mut KeyInfoHints) -> Result<(), DsigError> {
    if c.namespace() == Some(NS_DS11) && c.local_name() == "DEREncodedKeyValue" {
        h.key_values.push(KeyValue::Spki(base64_of(c)?));
    } else if is_ds(&c, "KeyValue") {
        for kv in c.children().filter(Node::is_element) {
            h.key_values.push(key_value(kv)?);
        }
    } else if is_ds(&c, "X509Data") {
        for x in c.children().filter(Node::is_element) {
            let ns = x.namespace();
            match (ns, x.local_name()) {
                (Some(NS_DS), "X509Certificate") => {
                    h.certificate_ders.push(base64_of(x)?);
                }
                (Some(NS_DS), "X509IssuerSerial") => {
                    let name = x
                        .children()
                        .find(|n| is_ds(n, "X509IssuerName"))
                        .map(|n| text_content(n).into_owned());
                    let serial = x
                        .children()
                        .find(|n| is_ds(n, "X509SerialNumber"))
                        .map(|n| text_content(n).into_owned());
                    if let (Some(n), Some(s)) = (name, serial) {
                        if let Some(bytes) = decimal_to_bytes(s.trim()) {
                            h.issuer_serials.push((n, bytes));
                        }
                    }
                }
                (Some(NS_DS), "X509SubjectName") => {
                    h.subject_names.push(text_content(x).into_owned())
                }
                (Some(NS_DS), "X509SKI") => h.skis.push(base64_of(x)?),
                (Some(NS_DS), "X509CRL") => h.crl_ders.push(base64_of(x)?),
                (Some(NS_DS11), "X509Digest") => {
                    if let Some(alg) = x.attribute("Algorithm").and_then(DigestAlgorithm::from_uri)
                    {
                        h.digests.push((alg, base64_of(x)?));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// A decimal serial number as big-endian bytes without leading zeros.
fn decimal_to_bytes(s: &str) -> Option<Vec<u8>> {
    if s.is_empty() || s.len() > 100 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out: Vec<u8> = Vec::new();
    for d in s.bytes() {
        let mut carry = u32::from(d - b'0');
        for b in out.iter_mut().rev() {
            let v = u32::from(*b) * 10 + carry;
            *b = (v & 0xff) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    while out.len() > 1 && out[0] == 0 {
        out.remove(0);
    }
    if out.is_empty() {
        out.push(0);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decimal_to_bytes;

    #[test]
    fn decimal_serials() {
        assert_eq!(decimal_to_bytes("0").unwrap(), [0]);
        assert_eq!(decimal_to_bytes("256").unwrap(), [1, 0]);
        assert_eq!(
            decimal_to_bytes("18446744073709551617").unwrap(),
            [1, 0, 0, 0, 0, 0, 0, 0, 1]
        );
        assert!(decimal_to_bytes("12a").is_none());
    }
}
