//! The part of an RFC 7512 PKCS#11 URI that picks one private key: which token, which
//! object. Everything else a URI can say is refused rather than ignored, so a URI never
//! selects a different key than its writer meant.

use core::fmt::Write as _;

/// The attributes of a `pkcs11:` URI that choose a token and a private key on it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyUri {
    /// `token`: the token's label.
    pub token: Option<String>,
    /// `manufacturer`: the token's manufacturer ID.
    pub manufacturer: Option<String>,
    /// `serial`: the token's serial number.
    pub serial: Option<String>,
    /// `model`: the token's model.
    pub model: Option<String>,
    /// `slot-id`: the slot, by number.
    pub slot_id: Option<u64>,
    /// `object`: the key's label (`CKA_LABEL`).
    pub object: Option<String>,
    /// `id`: the key's `CKA_ID`, as bytes.
    pub id: Option<Vec<u8>>,
}

/// The path attributes understood here; `type` is accepted for `private` only.
const SUPPORTED: &str = "token, manufacturer, serial, model, slot-id, object, id, type=private";

impl KeyUri {
    /// Reads `pkcs11:attr=value;…`, percent-decoding the values.
    ///
    /// # Errors
    /// A sentence saying what is wrong: not a `pkcs11:` URI, a bad percent escape, an
    /// attribute given twice or not supported here, a query attribute (the PIN and the
    /// module are given apart, never in the URI), or no `object`/`id` to find the key by.
    pub fn parse(uri: &str) -> Result<KeyUri, String> {
        let rest = uri
            .get(..7)
            .filter(|s| s.eq_ignore_ascii_case("pkcs11:"))
            .map(|_| &uri[7..])
            .ok_or_else(|| format!("`{uri}` is not a pkcs11: URI (RFC 7512)"))?;
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        if let Some(q) = query {
            // pin-value would put the PIN where logs and process lists see it; the module
            // is chosen by the caller, and a URI naming another one would be ignored.
            let names: Vec<&str> = q
                .split('&')
                .filter(|a| !a.is_empty())
                .map(|a| a.split_once('=').map_or(a, |(n, _)| n))
                .collect();
            if !names.is_empty() {
                return Err(format!(
                    "the pkcs11 URI has query attributes ({}): the PIN and the module are given \
                     apart, not in the URI",
                    names.join(", ")
                ));
            }
        }
        let mut key = KeyUri::default();
        let mut seen: Vec<String> = Vec::new();
        for attr in path.split(';').filter(|a| !a.is_empty()) {
            let (name, raw) = attr
                .split_once('=')
                .ok_or_else(|| format!("pkcs11 URI attribute `{attr}` has no value"))?;
            let name = name.to_ascii_lowercase();
            // RFC 7512 §2.3: an attribute may appear once in the path; two would leave it
            // to the reader which one wins.
            if seen.contains(&name) {
                return Err(format!("pkcs11 URI attribute `{name}` is given twice"));
            }
            seen.push(name.clone());
            let value = percent_decode(raw)
                .ok_or_else(|| format!("pkcs11 URI attribute `{name}` has a bad % escape"))?;
            let text = || {
                String::from_utf8(value.clone())
                    .map_err(|_| format!("pkcs11 URI attribute `{name}` is not UTF-8"))
            };
            match name.as_str() {
                "token" => key.token = Some(text()?),
                "manufacturer" => key.manufacturer = Some(text()?),
                "serial" => key.serial = Some(text()?),
                "model" => key.model = Some(text()?),
                "slot-id" => {
                    key.slot_id = Some(text()?.parse().map_err(|_| {
                        format!("pkcs11 URI attribute `slot-id` is not a number: {raw}")
                    })?)
                }
                "object" => key.object = Some(text()?),
                "id" => key.id = Some(value),
                "type" => {
                    let t = text()?;
                    if t != "private" {
                        return Err(format!(
                            "pkcs11 URI type={t}: only the private key (type=private) decrypts"
                        ));
                    }
                }
                other => {
                    return Err(format!(
                        "pkcs11 URI attribute `{other}` is not supported here (supported: \
                         {SUPPORTED})"
                    ))
                }
            }
        }
        if key.object.is_none() && key.id.is_none() {
            return Err("the pkcs11 URI names no key: give object= (the label) or id=".into());
        }
        Ok(key)
    }

    /// The object part, as a person would read it in an error message.
    pub fn describe_object(&self) -> String {
        let mut s = String::new();
        if let Some(o) = &self.object {
            let _ = write!(s, "object={o}");
        }
        if let Some(id) = &self.id {
            if !s.is_empty() {
                s.push(';');
            }
            s.push_str("id=");
            for b in id {
                let _ = write!(s, "%{b:02x}");
            }
        }
        s
    }

    /// The token part, as a person would read it in an error message.
    pub fn describe_token(&self) -> String {
        let parts: Vec<String> = [
            ("token", self.token.as_deref()),
            ("manufacturer", self.manufacturer.as_deref()),
            ("serial", self.serial.as_deref()),
            ("model", self.model.as_deref()),
        ]
        .iter()
        .filter_map(|(n, v)| v.map(|v| format!("{n}={v}")))
        .chain(self.slot_id.map(|s| format!("slot-id={s}")))
        .collect();
        if parts.is_empty() {
            "any token".into()
        } else {
            parts.join(";")
        }
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = core::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_token_object_and_id() {
        let k = KeyUri::parse("pkcs11:token=trustmeta%20test;object=sp-rsa;id=%01%a0;type=private")
            .unwrap();
        assert_eq!(k.token.as_deref(), Some("trustmeta test"));
        assert_eq!(k.object.as_deref(), Some("sp-rsa"));
        assert_eq!(k.id.as_deref(), Some(&[0x01, 0xa0][..]));
        assert_eq!(k.describe_object(), "object=sp-rsa;id=%01%a0");
        let k = KeyUri::parse("PKCS11:id=%02;slot-id=7;serial=abc").unwrap();
        assert_eq!(k.slot_id, Some(7));
        assert_eq!(k.describe_token(), "serial=abc;slot-id=7");
    }

    #[test]
    fn refuses_what_it_does_not_understand() {
        let err = |u| KeyUri::parse(u).unwrap_err();
        assert!(err("file:/x").contains("not a pkcs11: URI"));
        assert!(err("pkcs11:token=a").contains("names no key"));
        assert!(err("pkcs11:object=a;object=b").contains("given twice"));
        assert!(err("pkcs11:object=a%4").contains("bad % escape"));
        assert!(err("pkcs11:object=a%zz").contains("bad % escape"));
        assert!(err("pkcs11:object=a;type=cert").contains("only the private key"));
        assert!(err("pkcs11:object=a;library-version=1").contains("not supported here"));
        assert!(err("pkcs11:object=a?pin-value=1234").contains("given apart"));
        assert!(err("pkcs11:object=a;slot-id=x").contains("not a number"));
        assert!(err("pkcs11:object").contains("no value"));
    }
}
