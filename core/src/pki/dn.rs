//! Distinguished names written as text (RFC 4514 / RFC 2253), compared with a
//! certificate's Name: attribute by attribute, in any order, case- and
//! space-insensitively. XML-DSig's `X509IssuerName`, `X509SubjectName` and SMP's
//! `CertificateUID` carry names this way.

use alloc::string::String;
use alloc::vec::Vec;

/// Attribute short names and the OIDs they stand for.
const NAMES: &[(&str, &str)] = &[
    ("cn", "2.5.4.3"),
    ("sn", "2.5.4.4"),
    ("serialnumber", "2.5.4.5"),
    ("c", "2.5.4.6"),
    ("l", "2.5.4.7"),
    ("st", "2.5.4.8"),
    ("s", "2.5.4.8"),
    ("street", "2.5.4.9"),
    ("o", "2.5.4.10"),
    ("ou", "2.5.4.11"),
    ("title", "2.5.4.12"),
    ("givenname", "2.5.4.42"),
    ("g", "2.5.4.42"),
    ("organizationidentifier", "2.5.4.97"),
    ("emailaddress", "1.2.840.113549.1.9.1"),
    ("e", "1.2.840.113549.1.9.1"),
    ("dc", "0.9.2342.19200300.100.1.25"),
    ("uid", "0.9.2342.19200300.100.1.1"),
];

fn normalize(v: &str) -> String {
    let mut out = String::new();
    for w in v.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        // ASCII case folding: distinguished names in this domain are ASCII in practice,
        // and full Unicode folding would cost the WebAssembly build its tables.
        out.extend(w.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// Splits RFC 4514 text into (OID, value) pairs, honouring `\` escapes and quotes.
pub(crate) fn parse(dn: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut parts: Vec<String> = Vec::new();
    let mut chars = dn.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let n = chars.next()?;
                if n.is_ascii_hexdigit() {
                    // \XX hex escape of one byte: keep ASCII, approximate others.
                    let m = chars.next()?;
                    let b = u8::from_str_radix(&alloc::format!("{n}{m}"), 16).ok()?;
                    cur.push(char::from(b));
                } else {
                    cur.push(n);
                }
            }
            '"' => quoted = !quoted,
            ',' | ';' | '+' if !quoted => parts.push(core::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    for p in parts {
        if p.trim().is_empty() {
            continue;
        }
        let (k, v) = p.split_once('=')?;
        let k = k.trim().to_ascii_lowercase();
        let oid = match NAMES.iter().find(|(n, _)| *n == k) {
            Some((_, oid)) => String::from(*oid),
            None if k.starts_with("oid.") => String::from(&k[4..]),
            None if k.chars().all(|c| c.is_ascii_digit() || c == '.') => k,
            None => return None,
        };
        out.push((oid, normalize(v)));
    }
    Some(out)
}

/// RFC 4514 text of a name given as (OID, value) pairs in DER order: the last RDN first,
/// short names where RFC 4514 has them, special characters escaped.
pub(crate) fn to_rfc4514(attrs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (oid, value) in attrs.iter().rev() {
        if !out.is_empty() {
            out.push(',');
        }
        match DISPLAY.iter().find(|(_, o)| o == oid) {
            Some((name, _)) => out.push_str(name),
            None => out.push_str(oid),
        }
        out.push('=');
        let last = value.chars().count().saturating_sub(1);
        for (i, c) in value.chars().enumerate() {
            let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
                || (i == 0 && matches!(c, '#' | ' '))
                || (i == last && c == ' ');
            if special {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Names used when printing (RFC 4514 §3 plus the common extras).
const DISPLAY: &[(&str, &str)] = &[
    ("CN", "2.5.4.3"),
    ("SN", "2.5.4.4"),
    ("serialNumber", "2.5.4.5"),
    ("C", "2.5.4.6"),
    ("L", "2.5.4.7"),
    ("ST", "2.5.4.8"),
    ("STREET", "2.5.4.9"),
    ("O", "2.5.4.10"),
    ("OU", "2.5.4.11"),
    ("title", "2.5.4.12"),
    ("GN", "2.5.4.42"),
    ("organizationIdentifier", "2.5.4.97"),
    ("emailAddress", "1.2.840.113549.1.9.1"),
    ("DC", "0.9.2342.19200300.100.1.25"),
    ("UID", "0.9.2342.19200300.100.1.1"),
];

/// Whether `attrs` (from a certificate) and the text `dn` name the same entity.
pub(crate) fn matches(attrs: &[(String, String)], dn: &str) -> bool {
    let Some(mut want) = parse(dn) else {
        return false;
    };
    if want.len() != attrs.len() {
        return false;
    }
    for (oid, value) in attrs {
        let v = normalize(value);
        match want.iter().position(|(o, w)| o == oid && *w == v) {
            Some(i) => {
                want.swap_remove(i);
            }
            None => return false,
        }
    }
    want.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn order_case_and_space_do_not_matter() {
        let attrs = [
            ("2.5.4.6".to_string(), "US".to_string()),
            ("2.5.4.3".to_string(), "Test  Key".to_string()),
        ];
        assert!(matches(&attrs, "CN=test key, C=us"));
        assert!(matches(&attrs, "c=US;cn=\"Test Key\""));
        assert!(!matches(&attrs, "CN=Test Key"));
        assert!(!matches(&attrs, "CN=Other,C=US"));
        assert!(!matches(&attrs, "XX=1,C=US"));
    }

    #[test]
    fn prints_rfc4514_and_parses_back() {
        let attrs = [
            ("2.5.4.6".to_string(), "US".to_string()),
            ("2.5.4.10".to_string(), "Acme, Inc.".to_string()),
            ("2.5.4.3".to_string(), "a+b".to_string()),
        ];
        let text = to_rfc4514(&attrs);
        assert_eq!(text, "CN=a\\+b,O=Acme\\, Inc.,C=US");
        assert!(matches(&attrs, &text));
    }

    #[test]
    fn escapes() {
        let p = parse("O=Acme\\, Inc.,CN=a\\2bb").unwrap();
        assert_eq!(p[0].1, "acme, inc.");
        assert_eq!(p[1].1, "a+b");
    }
}
