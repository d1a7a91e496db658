//! Text encodings every layer uses — base64 (with PEM), lowercase hex, percent-encoding
//! — on the maintained crates (`base64ct`, `base16ct`, `percent-encoding`), in a leaf
//! module that imports nothing of the crate.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use base64ct::Encoding as _;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// Base64 with any ASCII white space skipped (certificates and signature values are
/// wrapped, and sloppy servers leave `&#13;`, read as a CR), strict as
/// `base64ct::Base64` is on what remains: whole quanta, padding only at the end, the
/// unused bits of the last quantum zero (one encoding per byte string).
///
/// One pass, without a compacted copy: a certificate's base64 is read on every
/// verification. Not constant-time: it reads certificates and signature values, which
/// are public, and a table lookup is several times faster in WebAssembly.
pub(crate) fn decode_base64(s: &str) -> Option<Vec<u8>> {
    decode_base64_to(s, Vec::with_capacity(s.len() / 4 * 3))
}

/// Where decoded bytes go.
pub(crate) trait Bytes {
    fn put(&mut self, bytes: &[u8]);
}

impl Bytes for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// At most `N` bytes kept in place, and whether there were more: a value that can only
/// be compared with something of known, short length (a digest) needs no heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Short<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Default for Short<N> {
    fn default() -> Self {
        Short {
            bytes: [0; N],
            len: 0,
        }
    }
}

impl<const N: usize> Short<N> {
    /// Whether the value is exactly `other`; never, when it was longer than `N`.
    pub(crate) fn is(&self, other: &[u8]) -> bool {
        self.len <= N && self.bytes[..self.len] == *other
    }
}

impl<const N: usize> Bytes for Short<N> {
    fn put(&mut self, bytes: &[u8]) {
        let end = self.len.saturating_add(bytes.len());
        if let Some(room) = self.bytes.get_mut(self.len..end) {
            room.copy_from_slice(bytes);
        }
        // Past `N`, only the length goes on growing: it says "longer" from then on.
        self.len = end;
    }
}

/// [`decode_base64`] into `out`.
pub(crate) fn decode_base64_to<B: Bytes>(s: &str, mut out: B) -> Option<B> {
    let text = s.as_bytes();
    let mut at = 0;
    // The characters of the quantum being read, and how many.
    let mut acc = 0u32;
    let mut held = 0u32;
    while at < text.len() {
        if held == 0 {
            // Whole quanta without white space between them: most of a wrapped value.
            while let Some(&[a, b, c, d]) = text.get(at..at + 4) {
                let v = [a, b, c, d].map(|x| BASE64_VALUES[usize::from(x)]);
                if (v[0] | v[1] | v[2] | v[3]) >= 64 {
                    break;
                }
                let [_, x, y, z] = (u32::from(v[0]) << 18
                    | u32::from(v[1]) << 12
                    | u32::from(v[2]) << 6
                    | u32::from(v[3]))
                .to_be_bytes();
                out.put(&[x, y, z]);
                at += 4;
            }
            if at == text.len() {
                break;
            }
        }
        let c = text[at];
        at += 1;
        let v = BASE64_VALUES[usize::from(c)];
        if v < 64 {
            acc = acc << 6 | u32::from(v);
            held += 1;
            if held == 4 {
                let [_, x, y, z] = acc.to_be_bytes();
                out.put(&[x, y, z]);
                (acc, held) = (0, 0);
            }
        } else if c == b'=' {
            return padded_end(&text[at..], acc, held, out);
        } else if !c.is_ascii_whitespace() {
            return None;
        }
    }
    (held == 0).then_some(out)
}

/// The end of a value after its first `=`: `held` characters of the last quantum are in
/// `acc`, and `rest` follows that `=`. Two characters take one more `=`, three none;
/// after the padding only white space.
fn padded_end<B: Bytes>(rest: &[u8], acc: u32, held: u32, mut out: B) -> Option<B> {
    let mut tail = rest.iter().filter(|c| !c.is_ascii_whitespace());
    match held {
        // 12 bits: one byte, four unused bits.
        2 if tail.next() == Some(&b'=') && acc & 0xf == 0 => {
            out.put(&[(acc >> 4).to_be_bytes()[3]])
        }
        // 18 bits: two bytes, two unused bits.
        3 if acc & 0x3 == 0 => {
            let [_, _, x, y] = (acc >> 2).to_be_bytes();
            out.put(&[x, y]);
        }
        _ => return None,
    }
    tail.next().is_none().then_some(out)
}

/// The value of each base64 character, `0xff` for every other byte (`=` included).
const BASE64_VALUES: [u8; 256] = {
    let mut t = [0xff_u8; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Base64 with padding, no line breaks.
pub(crate) fn encode_base64(bytes: &[u8]) -> String {
    base64ct::Base64::encode_string(bytes)
}

/// The DER payloads of the PEM blocks labelled `label`, skipping damaged ones.
pub(crate) fn pem_blocks<'a>(text: &'a str, label: &'a str) -> impl Iterator<Item = Vec<u8>> + 'a {
    let mut rest = text;
    core::iter::from_fn(move || loop {
        let begin = rest.find("-----BEGIN ")?;
        let after = &rest[begin + 11..];
        let dash = after.find("-----")?;
        let this_label = &after[..dash];
        let body_start = &after[dash + 5..];
        let end_marker = body_start.find("-----END ")?;
        let body = &body_start[..end_marker];
        rest = &body_start[end_marker + 9..];
        if this_label != label {
            continue;
        }
        if let Some(der) = decode_base64(body) {
            return Some(der);
        }
    })
}

/// Lowercase hex.
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(bytes)
}

/// Everything but the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is
/// escaped.
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes every byte but the unreserved characters (RFC 3986 §2.3), as SMP URLs
/// and BDXL names require.
pub(crate) fn percent_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, NOT_UNRESERVED).collect()
}

/// Percent-decodes `text` into bytes, refusing a `%` not followed by two hex digits
/// (where a lenient decoder would pass it through, a strict one must say no); with
/// `plus_is_space`, `+` is a space (form and query encoding).
pub(crate) fn percent_decode(text: &str, plus_is_space: bool) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    let escapes_ok = b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || b.get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if !escapes_ok {
        return None;
    }
    let spaced: Cow<'_, str> = if plus_is_space && text.contains('+') {
        Cow::Owned(text.replace('+', " "))
    } else {
        Cow::Borrowed(text)
    };
    Some(percent_encoding::percent_decode_str(&spaced).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_strict_and_spaced() {
        assert_eq!(decode_base64("TWFu\r\n TQ==").unwrap(), b"ManM");
        assert_eq!(decode_base64(" aGVs\r\nbG8= ").unwrap(), b"hello");
        assert!(decode_base64("a*b").is_none());
        assert!(decode_base64("TWF").is_none());
        assert!(decode_base64("TQ=x").is_none());
        assert!(
            decode_base64("TR==").is_none(),
            "non-canonical trailing bits"
        );
        assert!(decode_base64("T===").is_none());
        assert_eq!(encode_base64(b"ManM"), "TWFuTQ==");
    }

    /// A digest value decoded in place is the value itself up to its room; a longer one
    /// (even one whose first bytes are a real digest) equals nothing.
    #[test]
    fn short_values_in_place() {
        let digest = [7u8; 32];
        let exact = encode_base64(&digest);
        let v = decode_base64_to(&exact, Short::<32>::default()).unwrap();
        assert!(v.is(&digest));
        assert!(!v.is(&digest[..31]));
        let mut longer = digest.to_vec();
        longer.push(0);
        let v = decode_base64_to(&encode_base64(&longer), Short::<32>::default()).unwrap();
        assert!(!v.is(&digest) && !v.is(&longer));
        let v = decode_base64_to("TWFu\r\n TQ==", Short::<4>::default()).unwrap();
        assert!(v.is(b"ManM"));
        assert!(decode_base64_to("TR==", Short::<4>::default()).is_none());
        assert!(decode_base64_to("", Short::<4>::default()).unwrap().is(b""));
    }

    #[test]
    fn hex_and_percent() {
        assert_eq!(hex_lower(&[0x0a, 0xff]), "0aff");
        assert_eq!(percent_encode("a::b #1~é"), "a%3A%3Ab%20%231~%C3%A9");
        assert_eq!(percent_decode("a%3Ab+c", true).unwrap(), b"a:b c");
        assert_eq!(percent_decode("a+b", false).unwrap(), b"a+b");
        assert!(percent_decode("a%3", false).is_none());
        assert!(percent_decode("a%zz", false).is_none());
        // An escaped '%' decodes once, never twice.
        assert_eq!(percent_decode("%2541", false).unwrap(), b"%41");
    }
}

#[cfg(test)]
mod base64_tests {
    use super::*;

    /// The decoder accepts and returns exactly what base64ct's strict decoder does on the
    /// text without its white space, on random strings over the alphabet, `=`, white
    /// space and a few other bytes, and on encodings.
    #[test]
    fn the_decoder_agrees_with_base64ct() {
        let chars = b"AQgw+/=a9Z=-_. \n\r\tAw";
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..300_000 {
            let len = usize::try_from(next() % 17).unwrap();
            let text: Vec<u8> = (0..len)
                .map(|_| chars[usize::try_from(next() % 20).unwrap()])
                .collect();
            let text = core::str::from_utf8(&text).unwrap();
            let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            let want = base64ct::Base64::decode_vec(&compact).ok();
            assert_eq!(decode_base64(text), want, "{text:?}");
        }
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|_| next().to_le_bytes()[0]).collect();
            let text = encode_base64(&bytes);
            assert_eq!(decode_base64(&text), Some(bytes));
        }
        assert_eq!(decode_base64("QUFB\n QQ=="), Some(b"AAAA".to_vec()));
        assert_eq!(decode_base64("QQ\n=\r\n= "), Some(b"A".to_vec()));
        for bad in [
            "QR==", "QUF=", "QQ", "Q===", "QU=B", "====", "QQ==QQ==", "QQ=", "QUFBQ", "QUF=\nQ",
        ] {
            assert_eq!(decode_base64(bad), None, "{bad}");
        }
    }
}
