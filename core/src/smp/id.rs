//! Participant, document and process identifiers, how they compare, and the request URLs
//! built from them.

use alloc::string::{String, ToString};
use core::fmt;

use super::SmpError;

/// The prefix of ebCore party identifier types (OASIS ebCore Party Id Type 1.0), used as
/// participant schemes by eDelivery and SMP 2.0.
pub const EBCORE_PREFIX: &str = "urn:oasis:names:tc:ebcore:partyid-type:";

/// How identifiers are compared when a signed record is bound to the question.
///
/// Schemes always compare case-insensitively. Values follow the PEPPOL Policy for use of
/// identifiers: participant values case-insensitively, document type and process values
/// exactly, each overridable per scheme. Case folding is ASCII-only: identifier values
/// are ASCII in practice, and full Unicode folding would add tables to small targets.
///
/// ```
/// use trustmeta::{IdentifierPolicy, ParticipantId};
/// let p = IdentifierPolicy::default();
/// let a = ParticipantId::parse("iso6523-actorid-upis::0088:ABC").unwrap();
/// let b = ParticipantId::parse("ISO6523-ACTORID-UPIS::0088:abc").unwrap();
/// assert!(p.participants_equal(&a, &b));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdentifierPolicy {
    /// Participant schemes whose values compare exactly and are hashed without
    /// lowercasing. Default: none — PEPPOL participant values are case-insensitive.
    pub case_sensitive_participant_schemes: &'static [&'static str],
    /// Document identifier schemes whose values compare case-insensitively. Default:
    /// none — PEPPOL document type identifiers are case-sensitive.
    pub case_insensitive_document_schemes: &'static [&'static str],
    /// Process identifier schemes whose values compare case-insensitively. Default: none
    /// — PEPPOL process identifiers are case-sensitive.
    pub case_insensitive_process_schemes: &'static [&'static str],
}

fn listed(list: &[&str], scheme: &str) -> bool {
    list.iter().any(|s| s.eq_ignore_ascii_case(scheme))
}

impl IdentifierPolicy {
    /// Whether participant values of `scheme` compare case-insensitively (and are
    /// lowercased before hashing into a DNS name).
    pub fn participant_case_insensitive(&self, scheme: &str) -> bool {
        !listed(self.case_sensitive_participant_schemes, scheme)
    }

    /// Whether two participant identifiers name the same participant.
    pub fn participants_equal(&self, a: &ParticipantId, b: &ParticipantId) -> bool {
        a.0.equals(&b.0, self.participant_case_insensitive(a.scheme()))
    }

    /// Whether two document type identifiers are the same.
    pub fn documents_equal(&self, a: &DocumentId, b: &DocumentId) -> bool {
        let ci = listed(self.case_insensitive_document_schemes, a.scheme());
        a.0.equals(&b.0, ci)
    }

    /// Whether two process identifiers are the same.
    pub fn processes_equal(&self, a: &ProcessId, b: &ProcessId) -> bool {
        let ci = listed(self.case_insensitive_process_schemes, a.scheme());
        a.0.equals(&b.0, ci)
    }
}

/// A scheme and a value; the scheme may be empty (SMP 2.0 allows identifiers without).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Identifier {
    scheme: String,
    value: String,
}

impl Identifier {
    fn new(scheme: &str, value: &str) -> Result<Self, SmpError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(SmpError::BadIdentifier {
                text: alloc::format!("{scheme}::{value}"),
            });
        }
        Ok(Identifier {
            scheme: scheme.trim().to_string(),
            value: value.to_string(),
        })
    }

    fn parse(text: &str) -> Result<Self, SmpError> {
        let t = text.trim();
        match t.split_once("::") {
            Some((scheme, value)) => Self::new(scheme, value),
            None => match ebcore_split(t) {
                Some((scheme, value)) => Self::new(scheme, value),
                None => Self::new("", t),
            },
        }
        .map_err(|_| SmpError::BadIdentifier {
            text: text.to_string(),
        })
    }

    fn equals(&self, other: &Identifier, case_insensitive_value: bool) -> bool {
        self.scheme.eq_ignore_ascii_case(&other.scheme)
            && if case_insensitive_value {
                self.value.eq_ignore_ascii_case(&other.value)
            } else {
                self.value == other.value
            }
    }
}

/// An ebCore party ID written in one piece, `urn:oasis:names:tc:ebcore:partyid-type:`
/// catalog `:` scheme-in-catalog `:` value: the scheme ends before the last part. With a
/// single part after the catalog (`…:unregistered:value`), the catalog is the scheme.
fn ebcore_split(t: &str) -> Option<(&str, &str)> {
    let rest = t.get(EBCORE_PREFIX.len()..)?;
    if !t[..EBCORE_PREFIX.len()].eq_ignore_ascii_case(EBCORE_PREFIX) {
        return None;
    }
    let catalog_end = rest.find(':')?;
    let after = &rest[catalog_end + 1..];
    let split = match after.find(':') {
        Some(i) => EBCORE_PREFIX.len() + catalog_end + 1 + i,
        None => EBCORE_PREFIX.len() + catalog_end,
    };
    Some((&t[..split], &t[split + 1..]))
}

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(Identifier);

        impl $name {
            /// An identifier from its scheme (may be empty) and value; surrounding
            /// whitespace is dropped.
            ///
            /// # Errors
            /// [`SmpError::BadIdentifier`] for an empty value.
            pub fn new(scheme: &str, value: &str) -> Result<Self, SmpError> {
                Identifier::new(scheme, value).map($name)
            }

            /// Parses `scheme::value`, split on the first `::`. Text without `::` is an
            /// ebCore party ID written in one piece when it starts with
            /// [`EBCORE_PREFIX`], else a value without scheme.
            ///
            /// # Errors
            /// [`SmpError::BadIdentifier`] for an empty value.
            pub fn parse(text: &str) -> Result<Self, SmpError> {
                Identifier::parse(text).map($name)
            }

            /// The scheme (`iso6523-actorid-upis`), empty when there is none.
            pub fn scheme(&self) -> &str {
                &self.0.scheme
            }

            /// The value (`0088:123`).
            pub fn value(&self) -> &str {
                &self.0.value
            }
        }

        impl fmt::Display for $name {
            /// `scheme::value`, or the bare value when there is no scheme.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if self.0.scheme.is_empty() {
                    f.write_str(&self.0.value)
                } else {
                    write!(f, "{}::{}", self.0.scheme, self.0.value)
                }
            }
        }
    };
}

identifier! {
    /// A participant (recipient) identifier, e.g. `iso6523-actorid-upis::0088:123`.
    ///
    /// ```
    /// let p = trustmeta::ParticipantId::parse("iso6523-actorid-upis::0088:123").unwrap();
    /// assert_eq!((p.scheme(), p.value()), ("iso6523-actorid-upis", "0088:123"));
    /// ```
    ParticipantId
}

identifier! {
    /// A document type identifier, e.g. `busdox-docid-qns::urn:…::Invoice##…::2.1`.
    DocumentId
}

identifier! {
    /// A process identifier, e.g. `cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0`.
    ProcessId
}

impl ParticipantId {
    /// Whether the scheme is an ebCore party ID type.
    pub fn is_ebcore(&self) -> bool {
        self.scheme().len() >= EBCORE_PREFIX.len()
            && self.scheme()[..EBCORE_PREFIX.len()].eq_ignore_ascii_case(EBCORE_PREFIX)
    }
}

/// Percent-encodes `text` for one URL path segment: everything but the RFC 3986
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, a space as `%20`.
///
/// ```
/// assert_eq!(trustmeta::percent_encode("a::b #1"), "a%3A%3Ab%20%231");
/// ```
pub fn percent_encode(text: &str) -> String {
    crate::encoding::percent_encode(text)
}

fn join(base: &str, prefix: &str, participant: &ParticipantId, doc: Option<&DocumentId>) -> String {
    let mut url = String::from(base.trim_end_matches('/'));
    url.push_str(prefix);
    url.push('/');
    url.push_str(&percent_encode(&participant.to_string()));
    if let Some(d) = doc {
        url.push_str("/services/");
        url.push_str(&percent_encode(&d.to_string()));
    }
    url
}

/// The OASIS SMP 1.0 (and PEPPOL busdox) request URL: the ServiceGroup at
/// `{base}/{participant}`, or with `document` the SignedServiceMetadata at
/// `{base}/{participant}/services/{document}`, identifiers as `scheme::value`,
/// percent-encoded.
///
/// ```
/// use trustmeta::{smp1_url, ParticipantId};
/// let p = ParticipantId::parse("iso6523-actorid-upis::0088:123").unwrap();
/// assert_eq!(smp1_url("http://smp.example/", &p, None),
///            "http://smp.example/iso6523-actorid-upis%3A%3A0088%3A123");
/// ```
pub fn smp1_url(base: &str, participant: &ParticipantId, document: Option<&DocumentId>) -> String {
    join(base, "", participant, document)
}

/// The OASIS SMP 2.0 request URL: `{base}/bdxr-smp-2/{participant}`, or with `document`
/// `{base}/bdxr-smp-2/{participant}/services/{document}` (SMP 2.0 §6.2).
pub fn smp2_url(base: &str, participant: &ParticipantId, document: Option<&DocumentId>) -> String {
    join(base, "/bdxr-smp-2", participant, document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_splits_on_first_double_colon() {
        let d = DocumentId::parse(
            "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##x::2.1",
        )
        .unwrap();
        assert_eq!(d.scheme(), "busdox-docid-qns");
        assert!(d.value().ends_with("Invoice##x::2.1"));
        assert!(ParticipantId::parse("scheme::").is_err());
        assert!(ParticipantId::parse("  ").is_err());
        let bare = ParticipantId::parse("ParticipantID0").unwrap();
        assert_eq!(
            (bare.scheme(), bare.to_string().as_str()),
            ("", "ParticipantID0")
        );
    }

    #[test]
    fn ebcore_in_one_piece() {
        let p = ParticipantId::parse("urn:oasis:names:tc:ebcore:partyid-type:iso6523:0088:123")
            .unwrap();
        assert_eq!(
            p.scheme(),
            "urn:oasis:names:tc:ebcore:partyid-type:iso6523:0088"
        );
        assert_eq!(p.value(), "123");
        assert!(p.is_ebcore());
        let u =
            ParticipantId::parse("urn:oasis:names:tc:ebcore:partyid-type:unregistered:x").unwrap();
        assert_eq!(
            (u.scheme(), u.value()),
            ("urn:oasis:names:tc:ebcore:partyid-type:unregistered", "x")
        );
    }

    #[test]
    fn equality_follows_the_policy() {
        let pol = IdentifierPolicy::default();
        let d1 = DocumentId::new("busdox-docid-qns", "urn:A").unwrap();
        let d2 = DocumentId::new("BUSDOX-DOCID-QNS", "urn:a").unwrap();
        assert!(!pol.documents_equal(&d1, &d2));
        let loose = IdentifierPolicy {
            case_insensitive_document_schemes: &["busdox-docid-qns"],
            ..IdentifierPolicy::default()
        };
        assert!(loose.documents_equal(&d1, &d2));
        let a = ParticipantId::new("s", "AbC").unwrap();
        let b = ParticipantId::new("S", "abc").unwrap();
        assert!(pol.participants_equal(&a, &b));
        let strict = IdentifierPolicy {
            case_sensitive_participant_schemes: &["s"],
            ..IdentifierPolicy::default()
        };
        assert!(!strict.participants_equal(&a, &b));
    }

    #[test]
    fn urls() {
        let p = ParticipantId::parse("iso6523-actorid-upis::0088:123").unwrap();
        let d = DocumentId::parse("busdox-docid-qns::urn:x::Invoice##a b").unwrap();
        assert_eq!(
            smp1_url("http://smp/", &p, Some(&d)),
            "http://smp/iso6523-actorid-upis%3A%3A0088%3A123/services/busdox-docid-qns%3A%3Aurn%3Ax%3A%3AInvoice%23%23a%20b"
        );
        assert_eq!(
            smp2_url("https://smp", &p, None),
            "https://smp/bdxr-smp-2/iso6523-actorid-upis%3A%3A0088%3A123"
        );
    }
}
