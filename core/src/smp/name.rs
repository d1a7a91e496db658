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
    /// SERVICE; only `Meta:SMP` is used.
    pub service: &'a str,
    /// REGEXP, e.g. `!^.*$!https://smp.example/!`.
    pub regexp: &'a str,
    /// REPLACEMENT (unused for `U` records).
    pub replacement: &'a str,
}

/// The SMP base URL from the NAPTR records of a participant's BDXL name: records with
/// flag `U` and service `Meta:SMP`, by order then preference; the first whose regexp is
/// of the form `!^.*$!URL!` (any delimiter, no back-references, URL starting with
/// `http://` or `https://`) gives the URL. Other regexps are skipped, as substitution
/// would let the record rewrite the name into anything.
///
/// ```
/// use trustmeta::{select_naptr, NaptrRecord};
/// let r = NaptrRecord { order: 100, preference: 10, flags: "U", service: "Meta:SMP",
///     regexp: "!^.*$!https://smp.example/!", replacement: "." };
/// assert_eq!(select_naptr(&[r]).as_deref(), Some("https://smp.example/"));
/// ```
pub fn select_naptr(records: &[NaptrRecord<'_>]) -> Option<String> {
    let mut usable: Vec<&NaptrRecord<'_>> = records
        .iter()
        .filter(|r| {
            r.flags.trim().eq_ignore_ascii_case("U")
                && r.service.trim().eq_ignore_ascii_case("Meta:SMP")
        })
        .collect();
    usable.sort_by_key(|r| (r.order, r.preference));
    usable.into_iter().find_map(|r| url_of(r.regexp))
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
}
