//! Reading one encrypted element and decrypting it with the caller's keys.
//!
//! Where a content key may come from is fixed: an `EncryptedKey` inside the
//! `EncryptedData`'s `KeyInfo`, or one beside it inside the same container, named by a
//! `RetrievalMethod` or naming the `EncryptedData` in its `ReferenceList`. Nothing
//! elsewhere in the message is looked at. Recipient hints (a certificate, a
//! `DEREncodedKeyValue`, a key name) only choose among the caller's keys.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::algorithm::{
    AgreementCurve, ContentAlgorithm, KeyAlgorithm, KeyWrap, OaepDigest, NS_DSIG11, NS_XENC,
    NS_XENC11,
};
use super::key::{DecryptionKey, KeyFailure};
use super::{cipher, DecryptedPart, Decryptor, XmlEncError};
use crate::crypto::DigestAlgorithm;
use crate::dsig::SignedElement;

const NS_DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const TYPE_ELEMENT: &str = "http://www.w3.org/2001/04/xmlenc#Element";
const TYPE_ENCRYPTED_KEY: &str = "http://www.w3.org/2001/04/xmlenc#EncryptedKey";
const RSA_OAEP_MGF1P: &str = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
const RSA_OAEP: &str = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
const RSA_1_5: &str = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
const ECDH_ES: &str = "http://www.w3.org/2009/xmlenc11#ECDH-ES";
const CONCAT_KDF: &str = "http://www.w3.org/2009/xmlenc11#ConcatKDF";
/// More `EncryptedKey`s than this for one `EncryptedData` is not a message for a relying
/// party, and each costs a private-key operation.
const MAX_ENCRYPTED_KEYS: usize = 8;

/// A decrypted element: its serialized plaintext and the namespaces in scope where it
/// stood, which it is read with.
pub(crate) struct Decrypted {
    pub(crate) plaintext: Vec<u8>,
    pub(crate) namespaces: Vec<(String, String)>,
    pub(crate) part: DecryptedPart,
}

impl Decrypted {
    /// The plaintext as a document: inside an element declaring the namespaces in scope
    /// where the ciphertext stood, as the element is read when decrypted in place (XML
    /// Encryption §4.5). Exclusive canonicalization of the element is unchanged by it.
    pub(crate) fn in_context(&self) -> Vec<u8> {
        let mut plain: &[u8] = &self.plaintext;
        if plain.starts_with(b"<?xml") {
            if let Some(end) = plain.windows(2).position(|w| w == b"?>") {
                plain = &plain[end + 2..];
            }
        }
        let mut out = Vec::with_capacity(plain.len() + 256);
        out.extend_from_slice(b"<decrypted");
        for (prefix, uri) in &self.namespaces {
            out.extend_from_slice(b" xmlns");
            if !prefix.is_empty() {
                out.push(b':');
                out.extend_from_slice(prefix.as_bytes());
            }
            out.extend_from_slice(b"=\"");
            for c in uri.bytes() {
                match c {
                    b'"' => out.extend_from_slice(b"&quot;"),
                    b'&' => out.extend_from_slice(b"&amp;"),
                    b'<' => out.extend_from_slice(b"&lt;"),
                    _ => out.push(c),
                }
            }
            out.push(b'"');
        }
        out.push(b'>');
        out.extend_from_slice(plain);
        out.extend_from_slice(b"</decrypted>");
        out
    }
}

/// Reads the bytes of [`Decrypted::in_context`]. A plaintext that is not well-formed XML
/// within the limits is one more way decryption fails, and answers as every other one.
pub(crate) fn parse_decrypted<'b>(
    bytes: &'b [u8],
    limits: &crate::xml::Limits,
) -> Result<crate::xml::Document<'b>, XmlEncError> {
    crate::xml::parse(bytes, limits).map_err(|_| XmlEncError::DecryptionFailed)
}

fn malformed(reason: impl Into<String>) -> XmlEncError {
    XmlEncError::Malformed {
        reason: reason.into(),
    }
}

fn one<'a, 'x>(
    parent: SignedElement<'a, 'x>,
    ns: &'a str,
    local: &'a str,
) -> Result<SignedElement<'a, 'x>, XmlEncError> {
    parent.one(ns, local).map_err(|s| malformed(s.to_string()))
}

fn opt<'a, 'x>(
    parent: SignedElement<'a, 'x>,
    ns: &'a str,
    local: &'a str,
) -> Result<Option<SignedElement<'a, 'x>>, XmlEncError> {
    parent.opt(ns, local).map_err(|s| malformed(s.to_string()))
}

fn base64(e: SignedElement<'_, '_>) -> Result<Vec<u8>, XmlEncError> {
    crate::encoding::decode_base64(&e.text()).ok_or_else(|| {
        malformed(format!(
            "{}: {} is not base64",
            e.position(),
            e.local_name()
        ))
    })
}

fn algorithm<'a>(e: SignedElement<'a, '_>) -> Result<&'a str, XmlEncError> {
    e.attribute("Algorithm")
        .ok_or_else(|| malformed(format!("{}: no Algorithm", e.position())))
}

fn cipher_value(parent: SignedElement<'_, '_>) -> Result<Vec<u8>, XmlEncError> {
    let data = one(parent, NS_XENC, "CipherData")?;
    if opt(data, NS_XENC, "CipherReference")?.is_some() {
        return Err(XmlEncError::UnsupportedAlgorithm {
            what: "CipherReference (the ciphertext must be in the message)".to_string(),
        });
    }
    base64(one(data, NS_XENC, "CipherValue")?)
}

/// Decrypts the one `EncryptedData` of `container` (named `element` in the result) with
/// the decryptor's keys.
///
/// # Errors
/// [`XmlEncError`] — after a key was chosen, only `DecryptionFailed`.
pub(crate) fn decrypt_element(
    container: SignedElement<'_, '_>,
    element: &'static str,
    decryptor: &Decryptor<'_>,
) -> Result<Decrypted, XmlEncError> {
    let data = one(container, NS_XENC, "EncryptedData")?;
    if let Some(t) = data.attribute("Type") {
        if t != TYPE_ELEMENT {
            return Err(XmlEncError::UnsupportedAlgorithm {
                what: format!("EncryptedData Type {t} (an element is expected)"),
            });
        }
    }
    let method = one(data, NS_XENC, "EncryptionMethod")?;
    let uri = algorithm(method)?;
    let content =
        ContentAlgorithm::from_uri(uri).ok_or_else(|| XmlEncError::UnsupportedAlgorithm {
            what: uri.to_string(),
        })?;
    if content.is_legacy() && !decryptor.allow_legacy_content {
        return Err(XmlEncError::LegacyContentEncryption {
            algorithm: content.name(),
        });
    }
    let ciphertext = cipher_value(data)?;
    if cipher::max_plaintext_len(content, ciphertext.len()) > decryptor.max_plaintext_bytes {
        return Err(XmlEncError::PlaintextTooLarge {
            limit: decryptor.max_plaintext_bytes,
        });
    }
    let keys = encrypted_keys(container, data)?;
    if keys.is_empty() {
        return Err(XmlEncError::NoMatchingKey {
            reason: "the EncryptedData has no EncryptedKey".to_string(),
        });
    }
    // Each key is parsed and matched before any private-key operation, so a refusal
    // about the markup never depends on a decryption.
    let mut plans = Vec::new();
    for ek in keys {
        plans.push(plan(ek, decryptor)?);
    }
    // Refused before any key is used, whatever the ciphertext: the answer says nothing
    // a decryption would (no oracle).
    #[cfg(not(feature = "decryption"))]
    if plans.iter().any(|p| !p.candidates.is_empty()) {
        return Err(XmlEncError::UnsupportedAlgorithm {
            what: format!(
                "{} (this build has no content decryption: feature `decryption`)",
                content.name()
            ),
        });
    }
    let mut any_candidate = false;
    let mut key_algorithm = None;
    let mut content_key = None;
    'keys: for p in &plans {
        for k in &p.candidates {
            any_candidate = true;
            match unwrap_content_key(&p.how, *k, &p.wrapped) {
                Ok(ck) if ck.len() == content.key_len() => {
                    key_algorithm = Some(p.algorithm);
                    content_key = Some(ck);
                    break 'keys;
                }
                Ok(_) | Err(KeyFailure::Failed) | Err(KeyFailure::WrongKind) => {}
                Err(KeyFailure::Unavailable(reason)) => {
                    return Err(XmlEncError::KeyUnavailable { reason })
                }
            }
        }
    }
    if !any_candidate {
        return Err(XmlEncError::NoMatchingKey {
            reason: plans
                .first()
                .map_or_else(String::new, |p| p.recipient.describe()),
        });
    }
    let (Some(key), Some(key_algorithm)) = (content_key, key_algorithm) else {
        return Err(XmlEncError::DecryptionFailed);
    };
    let plaintext =
        cipher::decrypt_content(content, &key, &ciphertext).ok_or(XmlEncError::DecryptionFailed)?;
    if plaintext.len() > decryptor.max_plaintext_bytes {
        return Err(XmlEncError::PlaintextTooLarge {
            limit: decryptor.max_plaintext_bytes,
        });
    }
    Ok(Decrypted {
        plaintext: plaintext.to_vec(),
        namespaces: container
            .namespaces_in_scope()
            .into_iter()
            .map(|(p, u)| (p.to_string(), u.to_string()))
            .collect(),
        part: DecryptedPart {
            element,
            content,
            key: key_algorithm,
        },
    })
}

/// The `EncryptedKey`s that may carry `data`'s content key: inside its `KeyInfo`, or
/// beside it in `container` (by `RetrievalMethod`, or by the key's `ReferenceList`).
fn encrypted_keys<'a, 'x>(
    container: SignedElement<'a, 'x>,
    data: SignedElement<'a, 'x>,
) -> Result<Vec<SignedElement<'a, 'x>>, XmlEncError> {
    let mut out = Vec::new();
    let mut retrieved = Vec::new();
    if let Some(info) = opt(data, NS_DS, "KeyInfo")? {
        out.extend(info.children_named(NS_XENC, "EncryptedKey"));
        for rm in info.children_named(NS_DS, "RetrievalMethod") {
            if rm.attribute("Type") != Some(TYPE_ENCRYPTED_KEY) {
                return Err(XmlEncError::UnsupportedAlgorithm {
                    what: "a RetrievalMethod for anything but an EncryptedKey".to_string(),
                });
            }
            let id = rm
                .attribute("URI")
                .and_then(|u| u.strip_prefix('#'))
                .filter(|id| !id.is_empty())
                .ok_or_else(|| {
                    malformed("a RetrievalMethod URI must name an EncryptedKey beside it (#id)")
                })?;
            retrieved.push(id);
        }
    }
    let data_id = data.attribute("Id");
    for ek in container.children_named(NS_XENC, "EncryptedKey") {
        let by_retrieval = ek.attribute("Id").is_some_and(|id| retrieved.contains(&id));
        let list = opt(ek, NS_XENC, "ReferenceList")?;
        let by_reference = match list {
            // An EncryptedKey that lists what it is for serves only that.
            Some(l) => l.children_named(NS_XENC, "DataReference").any(|r| {
                r.attribute("URI")
                    .and_then(|u| u.strip_prefix('#'))
                    .is_some_and(|u| Some(u) == data_id)
            }),
            None => retrieved.is_empty(),
        };
        if by_retrieval || (retrieved.is_empty() && by_reference) {
            out.push(ek);
        }
    }
    if retrieved.len() > out.len() {
        return Err(malformed(
            "a RetrievalMethod names no EncryptedKey in the same container",
        ));
    }
    if out.len() > MAX_ENCRYPTED_KEYS {
        return Err(malformed(format!(
            "more than {MAX_ENCRYPTED_KEYS} EncryptedKeys for one EncryptedData"
        )));
    }
    Ok(out)
}

/// How a content key is recovered from one `EncryptedKey`.
enum How {
    Transport {
        digest: OaepDigest,
        mgf: OaepDigest,
        label: Vec<u8>,
    },
    Agreement {
        curve: AgreementCurve,
        originator: Vec<u8>,
        kdf: DigestAlgorithm,
        other_info: Vec<u8>,
        wrap: KeyWrap,
    },
}

struct Plan<'d, 'k> {
    how: How,
    algorithm: KeyAlgorithm,
    wrapped: Vec<u8>,
    recipient: Recipient,
    candidates: Vec<&'d (dyn DecryptionKey + 'k)>,
}

/// What an `EncryptedKey` says of its recipient.
#[derive(Default)]
struct Recipient {
    /// SubjectPublicKeyInfos: of an `X509Certificate`, or a `DEREncodedKeyValue`.
    keys: Vec<Vec<u8>>,
    names: Vec<String>,
    /// A bare `KeyValue`, which does not name the recipient here (see `candidates`).
    key_value_only: bool,
}

impl Recipient {
    fn describe(&self) -> String {
        if !self.keys.is_empty() {
            "the EncryptedKey is for a key the relying party did not give".to_string()
        } else if self.key_value_only {
            "the EncryptedKey names its recipient only by a KeyValue; name it by X509Data or DEREncodedKeyValue".to_string()
        } else if !self.names.is_empty() {
            "the EncryptedKey names a key by a name no decryption key has".to_string()
        } else {
            "the EncryptedKey does not name its recipient (no KeyInfo)".to_string()
        }
    }

    fn read(info: Option<SignedElement<'_, '_>>) -> Result<Self, XmlEncError> {
        let mut r = Recipient::default();
        let Some(info) = info else {
            return Ok(r);
        };
        for c in info.children() {
            if c.is(NS_DS, "X509Data") {
                for cert in c.children_named(NS_DS, "X509Certificate") {
                    let der = base64(cert)?;
                    r.keys.push(certificate_spki(&der)?);
                }
            } else if c.is(NS_DSIG11, "DEREncodedKeyValue") {
                r.keys.push(base64(c)?);
            } else if c.is(NS_DS, "KeyName") {
                r.names.push(c.text().trim().to_string());
            } else if c.is(NS_DS, "KeyValue") {
                r.key_value_only = true;
            }
        }
        if !r.keys.is_empty() || !r.names.is_empty() {
            r.key_value_only = false;
        }
        Ok(r)
    }

    /// The caller's keys this recipient may be. A certificate or DER key must be one of
    /// them. A name picks the keys carrying it; a name none carries is a label and every
    /// key is tried. No hint at all, or only a bare `KeyValue` (which the eIDAS reference
    /// implementation does not accept either), names no recipient.
    fn candidates<'d, 'k>(
        &self,
        keys: &'d [&'k dyn DecryptionKey],
    ) -> Vec<&'d (dyn DecryptionKey + 'k)> {
        if !self.keys.is_empty() {
            return keys
                .iter()
                .filter(|k| self.keys.iter().any(|s| s.as_slice() == k.public_key_der()))
                .map(|k| &**k)
                .collect();
        }
        if !self.names.is_empty() {
            let named: Vec<_> = keys
                .iter()
                .filter(|k| k.names().iter().any(|n| self.names.contains(n)))
                .map(|k| &**k)
                .collect();
            return if named.is_empty() {
                keys.iter().map(|k| &**k).collect()
            } else {
                named
            };
        }
        Vec::new()
    }
}

fn certificate_spki(der: &[u8]) -> Result<Vec<u8>, XmlEncError> {
    use der::{Decode, Encode};
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|_| malformed("an X509Certificate of the recipient is not DER"))?;
    cert.tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|_| malformed("an X509Certificate of the recipient is not DER"))
}

fn plan<'d, 'k>(
    ek: SignedElement<'_, '_>,
    decryptor: &'d Decryptor<'k>,
) -> Result<Plan<'d, 'k>, XmlEncError> {
    let method = one(ek, NS_XENC, "EncryptionMethod")?;
    let uri = algorithm(method)?;
    let wrapped = cipher_value(ek)?;
    let info = opt(ek, NS_DS, "KeyInfo")?;
    let digest_of = |m: SignedElement<'_, '_>| -> Result<OaepDigest, XmlEncError> {
        match opt(m, NS_DS, "DigestMethod")? {
            None => Ok(OaepDigest::Sha1),
            Some(d) => {
                let u = algorithm(d)?;
                OaepDigest::from_digest_uri(u).ok_or_else(|| XmlEncError::UnsupportedAlgorithm {
                    what: u.to_string(),
                })
            }
        }
    };
    let label = |m: SignedElement<'_, '_>| -> Result<Vec<u8>, XmlEncError> {
        opt(m, NS_XENC, "OAEPparams")?.map_or(Ok(Vec::new()), base64)
    };
    let (how, algorithm, recipient) = match uri {
        RSA_1_5 => return Err(XmlEncError::Rsa15Refused),
        RSA_OAEP_MGF1P => {
            let digest = digest_of(method)?;
            (
                How::Transport {
                    digest,
                    mgf: OaepDigest::Sha1,
                    label: label(method)?,
                },
                KeyAlgorithm::RsaOaepMgf1p { digest },
                Recipient::read(info)?,
            )
        }
        RSA_OAEP => {
            let digest = digest_of(method)?;
            let mgf = match opt(method, NS_XENC11, "MGF")? {
                None => OaepDigest::Sha1,
                Some(m) => {
                    let u = algorithm(m)?;
                    OaepDigest::from_mgf_uri(u).ok_or_else(|| {
                        XmlEncError::UnsupportedAlgorithm {
                            what: u.to_string(),
                        }
                    })?
                }
            };
            (
                How::Transport {
                    digest,
                    mgf,
                    label: label(method)?,
                },
                KeyAlgorithm::RsaOaep { digest, mgf },
                Recipient::read(info)?,
            )
        }
        other => {
            let wrap =
                KeyWrap::from_uri(other).ok_or_else(|| XmlEncError::UnsupportedAlgorithm {
                    what: other.to_string(),
                })?;
            let info = info.ok_or_else(|| {
                malformed("a wrapped key without the AgreementMethod that gives its key")
            })?;
            let agreement = one(info, NS_XENC, "AgreementMethod")?;
            let (curve, how, recipient) = agreement_plan(agreement, wrap)?;
            (how, KeyAlgorithm::EcdhEs { curve, wrap }, recipient)
        }
    };
    let candidates = recipient.candidates(decryptor.keys());
    Ok(Plan {
        how,
        algorithm,
        wrapped,
        recipient,
        candidates,
    })
}

fn agreement_plan(
    am: SignedElement<'_, '_>,
    wrap: KeyWrap,
) -> Result<(AgreementCurve, How, Recipient), XmlEncError> {
    let uri = algorithm(am)?;
    if uri != ECDH_ES {
        return Err(XmlEncError::UnsupportedAlgorithm {
            what: uri.to_string(),
        });
    }
    let kdm = one(am, NS_XENC11, "KeyDerivationMethod")?;
    let kdf_uri = algorithm(kdm)?;
    if kdf_uri != CONCAT_KDF {
        return Err(XmlEncError::UnsupportedAlgorithm {
            what: kdf_uri.to_string(),
        });
    }
    let params = one(kdm, NS_XENC11, "ConcatKDFParams")?;
    let digest_method = one(params, NS_DS, "DigestMethod")?;
    let du = algorithm(digest_method)?;
    let kdf = DigestAlgorithm::from_uri(du).ok_or_else(|| XmlEncError::UnsupportedAlgorithm {
        what: du.to_string(),
    })?;
    let mut other_info = Vec::new();
    for name in [
        "AlgorithmID",
        "PartyUInfo",
        "PartyVInfo",
        "SuppPubInfo",
        "SuppPrivInfo",
    ] {
        if let Some(v) = params.attribute(name) {
            other_info.extend_from_slice(&bit_string(name, v)?);
        }
    }
    let originator = one(am, NS_XENC, "OriginatorKeyInfo")?;
    let (curve, point) = originator_key(originator)?;
    let recipient = Recipient::read(opt(am, NS_XENC, "RecipientKeyInfo")?)?;
    Ok((
        curve,
        How::Agreement {
            curve,
            originator: point,
            kdf,
            other_info,
            wrap,
        },
        recipient,
    ))
}

/// A ConcatKDF parameter: hexBinary whose first octet counts the padding bits of the
/// last (XML Encryption 1.1 §5.4.1); only whole octets are used.
fn bit_string(name: &str, hex: &str) -> Result<Vec<u8>, XmlEncError> {
    let bytes = base16ct::mixed::decode_vec(hex.trim())
        .map_err(|_| malformed(format!("ConcatKDF {name} is not hexBinary")))?;
    match bytes.split_first() {
        Some((0, rest)) => Ok(rest.to_vec()),
        Some(_) => Err(XmlEncError::UnsupportedAlgorithm {
            what: format!("ConcatKDF {name} with padding bits"),
        }),
        None => Err(malformed(format!("ConcatKDF {name} is empty"))),
    }
}

/// The originator's ephemeral public key: `dsig11:ECKeyValue` (`NamedCurve`,
/// `PublicKey`), or a `DEREncodedKeyValue`.
fn originator_key(info: SignedElement<'_, '_>) -> Result<(AgreementCurve, Vec<u8>), XmlEncError> {
    let unsupported = |c: &str| XmlEncError::UnsupportedAlgorithm {
        what: format!("key agreement on curve {c}"),
    };
    if let Some(kv) = opt(info, NS_DS, "KeyValue")? {
        if let Some(ec) = opt(kv, NS_DSIG11, "ECKeyValue")? {
            let named = one(ec, NS_DSIG11, "NamedCurve")?;
            let uri = named
                .attribute("URI")
                .ok_or_else(|| malformed("NamedCurve without URI"))?;
            let curve = AgreementCurve::from_oid(uri).ok_or_else(|| unsupported(uri))?;
            let point = base64(one(ec, NS_DSIG11, "PublicKey")?)?;
            return Ok((curve, point));
        }
    }
    if let Some(d) = opt(info, NS_DSIG11, "DEREncodedKeyValue")? {
        use der::Decode;
        let der = base64(d)?;
        let spki = spki::SubjectPublicKeyInfoRef::from_der(&der)
            .map_err(|_| malformed("the originator's DEREncodedKeyValue is not DER"))?;
        let oid = spki
            .algorithm
            .parameters_oid()
            .map_err(|_| malformed("the originator's key names no curve"))?;
        let text = format!("{oid}");
        let curve = AgreementCurve::from_oid(&text).ok_or_else(|| unsupported(&text))?;
        let point = spki
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| malformed("the originator's key is not whole octets"))?
            .to_vec();
        return Ok((curve, point));
    }
    Err(malformed(
        "the OriginatorKeyInfo has neither an ECKeyValue nor a DEREncodedKeyValue",
    ))
}

fn unwrap_content_key(
    how: &How,
    key: &dyn DecryptionKey,
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
    match how {
        How::Transport { digest, mgf, label } => {
            key.rsa_oaep_decrypt(*digest, *mgf, label, wrapped)
        }
        How::Agreement {
            curve,
            originator,
            kdf,
            other_info,
            wrap,
        } => {
            let z = key.ecdh(*curve, originator)?;
            let kek = cipher::concat_kdf(*kdf, &z, other_info, wrap.key_len());
            cipher::unwrap_key(*wrap, &kek, wrapped).ok_or(KeyFailure::Failed)
        }
    }
}
