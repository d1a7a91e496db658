//! DNS names under which an SML/BDXL publishes a participant's SMP, and the choice of an
//! SMP URL among the NAPTR records the caller resolved.

use alloc::string::String;
use alloc::vec::Vec;

use md5::Digest;

use super::{IdentifierPolicy, ParticipantId};
use crate::crypto::DigestAlgorithm;

/// What gets hashed, and the label that follows the hash (`None`: no scheme label).
fn hash_input(p: &ParticipantId, ids: &IdentifierPolicy) -> (String, Option<String>) {
    let fold = ids.participant_case_insensitive(p.scheme());
    let lower = |s: &str| {
        if fold {
            s.to_ascii_lowercase()
        } else {
            String::from(s)
        }
    };
    if p.is_ebcore() {
        // eDelivery BDXL profile: ebCore party IDs are hashed whole, scheme included,
        // and no scheme label follows.
        (
            lower(&alloc::format!("{}::{}", p.scheme(), p.value())),
            None,
        )
    } else {
        let scheme = (!p.scheme().is_empty()).then(|| String::from(p.scheme()));
        (lower(p.value()), scheme)
    }
}

fn assemble(label: &str, scheme: Option<String>, zone: &str) -> String {
    let zone = zone.trim().trim_end_matches('.');
    let mut out = String::from(label);
    if let Some(s) = scheme {
        out.push('.');
        out.push_str(&s);
    }
    if !zone.is_empty() {
        out.push('.');
        out.push_str(zone);
    }
    out
}

/// The PEPPOL SML CNAME name of `participant` in `zone`: `B-` + hex(MD5(lowercase
/// value)) + `.` + scheme + `.` + zone (PEPPOL SML 1.x §3.4). A value of `*` is kept
/// as is; schemes listed as case-sensitive are not lowercased; ebCore IDs are hashed
/// whole with no scheme label.
///
/// ```
/// use trustmeta::{sml_cname, IdentifierPolicy, ParticipantId};
/// let p = ParticipantId::parse("iso6523-actorid-upis::9915:test").unwrap();
/// assert_eq!(sml_cname(&p, "acc.edelivery.tech.ec.europa.eu", &IdentifierPolicy::default()),
///     "B-85008b8279e07ab0392da75fa55856a2.iso6523-actorid-upis.acc.edelivery.tech.ec.europa.eu");
/// ```
pub fn sml_cname(participant: &ParticipantId, zone: &str, ids: &IdentifierPolicy) -> String {
    let (input, scheme) = hash_input(participant, ids);
    let label = if participant.value() == "*" {
        String::from("*")
    } else {
        let digest = md5::Md5::digest(input.as_bytes());
        let mut l = String::from("B-");
        l.push_str(&crate::encoding::hex_lower(digest.as_slice()));
        l
    };
    assemble(&label, scheme, zone)
}

/// The BDXL (OASIS BDXL 1.0, eDelivery BDXL profile, PEPPOL SML 2.0) NAPTR name of
/// `participant` in `zone`: base32(SHA-256(lowercase value)) without padding, in lower
/// case, + `.` + scheme + `.` + zone, with the same rules as [`sml_cname`].
///
/// ```
/// use trustmeta::{bdxl_name, IdentifierPolicy, ParticipantId};
/// let p = ParticipantId::parse("iso6523-actorid-upis::0088:123ABC").unwrap();
/// assert_eq!(bdxl_name(&p, "participant.sml.test.tech.peppol.org", &IdentifierPolicy::default()),
///     "y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant.sml.test.tech.peppol.org");
/// ```
pub fn bdxl_name(participant: &ParticipantId, zone: &str, ids: &IdentifierPolicy) -> String {
    let (input, scheme) = hash_input(participant, ids);
    let label = if participant.value() == "*" {
        String::from("*")
    } else {
        base32_lower(DigestAlgorithm::Sha256.digest(input.as_bytes()).as_bytes())
    };
    assemble(&label, scheme, zone)
}

/// RFC 4648 base32, lower case, without padding.
fn base32_lower(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut acc, mut bits) = (0u16, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u16::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[usize::from((acc >> bits) & 31)]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[usize::from((acc << (5 - bits)) & 31)]));
    }
    out
}

/// One NAPTR record as resolved by the caller (RFC 3403).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NaptrRecord<'a> {
    /// ORDER: lower first.
    pub order: u16,
    /// PREFERENCE: lower first among equal orders.
    pub preference: u16,
    /// FLAGS; only `U` (terminal, the result is a URI) is used.
    pub flags: &'a str,
    /// SERVICE; `Meta:SMP` (SMP 1.0) and `oasis-bdxr-smp-2` (SMP 2.0) are used.
    pub service: &'a str,
    /// REGEXP, e.g. `!^.*$!https://smp.example/!`.
    pub regexp: &'a str,
    /// REPLACEMENT (unused for `U` records).
    pub replacement: &'a str,
}

/// The request protocol of an SMP, which the NAPTR service of its BDXL record names:
/// the URL paths of OASIS SMP 1.0 and PEPPOL ([`smp1_url`](crate::smp1_url)) or of OASIS
/// SMP 2.0 ([`smp2_url`](crate::smp2_url)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SmpApi {
    /// NAPTR service `Meta:SMP`: OASIS SMP 1.0 and PEPPOL SMP.
    V1,
    /// NAPTR service `oasis-bdxr-smp-2` (eDelivery BDXL 2.0): OASIS SMP 2.0.
    V2,
}

impl SmpApi {
    /// Every value's spelling, in declaration order.
    pub const NAMES: &'static [&'static str] = &["1", "2"];

    /// `1` or `2`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            SmpApi::V1 => 0,
            SmpApi::V2 => 1,
        }]
    }

    /// The NAPTR service that announces it.
    pub fn naptr_service(self) -> &'static str {
        match self {
            SmpApi::V1 => "Meta:SMP",
            SmpApi::V2 => "oasis-bdxr-smp-2",
        }
    }

    fn of_service(service: &str) -> Option<Self> {
        let service = service.trim();
        [SmpApi::V1, SmpApi::V2]
            .into_iter()
            .find(|api| service.eq_ignore_ascii_case(api.naptr_service()))
    }
}

/// An SMP found through BDXL: its base URL and the protocol it speaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmpService {
    /// The base URL, from the record's regexp.
    pub base: String,
    /// The protocol, from the record's service.
    pub api: SmpApi,
}

/// The SMP from the NAPTR records of a participant's BDXL name: records with flag `U`
/// and service `Meta:SMP` (SMP 1.0, PEPPOL) or `oasis-bdxr-smp-2` (SMP 2.0), by order then
/// preference; the first whose regexp is of the form `!^.*$!URL!` (any delimiter, no
/// back-references, URL starting with `http://` or `https://`) gives the URL. Other
/// regexps are skipped, as substitution would let the record rewrite the name into
/// anything.
///
/// ```
/// use trustmeta::{select_smp_naptr, NaptrRecord, SmpApi};
/// let r = NaptrRecord { order: 100, preference: 10, flags: "U", service: "oasis-bdxr-smp-2",
///     regexp: "!^.*$!https://smp.example/!", replacement: "." };
/// let smp = select_smp_naptr(&[r]).unwrap();
/// assert_eq!((smp.base.as_str(), smp.api), ("https://smp.example/", SmpApi::V2));
/// ```
pub fn select_smp_naptr(records: &[NaptrRecord<'_>]) -> Option<SmpService> {
    let mut usable: Vec<(&NaptrRecord<'_>, SmpApi)> = records
        .iter()
        .filter(|r| r.flags.trim().eq_ignore_ascii_case("U"))
        .filter_map(|r| SmpApi::of_service(r.service).map(|api| (r, api)))
        .collect();
    usable.sort_by_key(|(r, _)| (r.order, r.preference));
    usable
        .into_iter()
        .find_map(|(r, api)| url_of(r.regexp).map(|base| SmpService { base, api }))
}

/// The SMP 1.0 base URL from the NAPTR records of a participant's BDXL name: as
/// [`select_smp_naptr`], among `Meta:SMP` records only.
///
/// ```
/// use trustmeta::{select_naptr, NaptrRecord};
/// let r = NaptrRecord { order: 100, preference: 10, flags: "U", service: "Meta:SMP",
///     regexp: "!^.*$!https://smp.example/!", replacement: "." };
/// assert_eq!(select_naptr(&[r]).as_deref(), Some("https://smp.example/"));
/// ```
pub fn select_naptr(records: &[NaptrRecord<'_>]) -> Option<String> {
    let v1: Vec<NaptrRecord<'_>> = records
        .iter()
        .filter(|r| SmpApi::of_service(r.service) == Some(SmpApi::V1))
        .copied()
        .collect();
    select_smp_naptr(&v1).map(|s| s.base)
}

fn url_of(regexp: &str) -> Option<String> {
    let delim = regexp.chars().next()?;
    if delim.is_ascii_alphanumeric() || delim == '\\' {
        return None;
    }
    let mut parts = regexp[delim.len_utf8()..].split(delim);
    let (pattern, url, flags) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || pattern != "^.*$" || !flags.is_empty() || url.contains('\\') {
        return None;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| String::from(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648() {
        // RFC 4648 §10 test vectors, lower case without padding.
        for (i, o) in [
            ("", ""),
            ("f", "my"),
            ("fo", "mzxq"),
            ("foo", "mzxw6"),
            ("foob", "mzxw6yq"),
            ("fooba", "mzxw6ytb"),
            ("foobar", "mzxw6ytboi"),
        ] {
            assert_eq!(base32_lower(i.as_bytes()), o);
        }
    }

    #[test]
    fn naptr_regexps() {
        assert_eq!(url_of("!^.*$!http://a/!").as_deref(), Some("http://a/"));
        assert_eq!(url_of("|^.*$|https://b|").as_deref(), Some("https://b"));
        assert_eq!(url_of("!^(.*)$!http://\\1/!"), None);
        assert_eq!(url_of("!^.*$!ftp://a/!"), None);
        assert_eq!(url_of("!^.*$!http://a/!i"), None);
        assert_eq!(url_of("!^a.*$!http://a/!"), None);
        assert_eq!(url_of(""), None);
    }

    #[test]
    fn naptr_services_choose_the_protocol_by_order_then_preference() {
        let rec = |order, preference, service| NaptrRecord {
            order,
            preference,
            flags: "U",
            service,
            regexp: "!^.*$!https://smp.example/!",
            replacement: ".",
        };
        let pick = |records: &[NaptrRecord<'_>]| select_smp_naptr(records).map(|s| s.api);
        assert_eq!(
            pick(&[rec(20, 1, "Meta:SMP"), rec(10, 9, "oasis-bdxr-smp-2")]),
            Some(SmpApi::V2)
        );
        assert_eq!(
            pick(&[rec(10, 2, "oasis-bdxr-smp-2"), rec(10, 1, "meta:smp")]),
            Some(SmpApi::V1)
        );
        // Other services, and other flags, are never used.
        assert_eq!(pick(&[rec(1, 1, "Meta:SMP2"), rec(1, 1, "E2U+sip")]), None);
        let mut s = rec(1, 1, "oasis-bdxr-smp-2");
        s.flags = "S";
        assert_eq!(pick(&[s]), None);
        // The SMP 1.0-only selection ignores SMP 2.0 records.
        assert_eq!(select_naptr(&[rec(1, 1, "oasis-bdxr-smp-2")]), None);
    }
}
