//! The EMREG registry list: which countries take part and which NCPs (EMPs) sign results.
//!
//! The list is read tolerantly where real lists are known to vary (`singleFetch` as a
//! boolean, a string or missing; `null` entries; unknown members, which are kept; `ncps`
//! in 1.0-era lists, `emps` in newer ones) and strictly everywhere else: a known member of
//! the wrong type is an error with its position, never silently dropped.

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use base64ct::Encoding as _;

use super::json::{first_repeated, parse_json, Json, JsonValue};
use super::EmrexError;
use crate::pki::{Certificate, PkiError, TrustStore};

/// A parsed EMREG list.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Emreg {
    /// The participating countries.
    pub countries: Vec<Country>,
    /// The NCPs (EMPs in newer lists).
    pub ncps: Vec<Ncp>,
    /// How many `null` entries were skipped in `countries` and `ncps`/`emps`.
    pub skipped_nulls: usize,
    /// Whether the NCPs came from the newer `emps` member.
    pub emps: bool,
    /// Top-level members this reader does not know, kept as found.
    pub extra: Vec<(String, Json)>,
}

/// One country entry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Country {
    /// `countryCode`, as written (compared case-insensitively).
    pub code: String,
    /// `countryName` (empty when missing).
    pub name: String,
    /// `singleFetch`: a boolean, the string `"true"`/`"false"`, or missing (= false).
    pub single_fetch: bool,
    /// Members this reader does not know, kept as found.
    pub extra: Vec<(String, Json)>,
}

/// One NCP (EMP): a results service and the certificate its results are signed with.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Ncp {
    /// `acronym`, the NCP's name in the list.
    pub acronym: String,
    /// `countryCode`.
    pub country_code: String,
    /// `institutions` (empty when missing).
    pub institutions: Vec<String>,
    /// `url` (empty when missing).
    pub url: String,
    /// `pubKey`: a PEM certificate (JSON escapes already undone).
    pub pub_key_pem: String,
    /// Members this reader does not know, kept as found.
    pub extra: Vec<(String, Json)>,
}

/// One entry of the NCP choice offered to a learner for a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NcpChoice<'a> {
    /// The NCP to send the learner to, and whose certificate the result must carry.
    pub ncp: &'a Ncp,
    /// The institution shown for this entry: for a `singleFetch` country the institution
    /// this entry stands for, otherwise the NCP's first institution (if any).
    pub institution: Option<&'a str>,
}

impl Emreg {
    /// Parses an EMREG list.
    ///
    /// # Examples
    /// ```
    /// use trustmeta::Emreg;
    /// let list = include_bytes!("../../../tests/data/emrex/emreg-1.0-messy.json");
    /// let emreg = Emreg::parse(list)?; // trailing commas, nulls and all
    /// assert!(emreg.country("NO").unwrap().single_fetch);
    /// for choice in emreg.choices("NO") {
    ///     println!("{} at {:?}", choice.ncp.acronym, choice.institution);
    /// }
    /// let store = emreg.ncp("TEST-NCP")?.trust_store()?;
    /// assert_eq!(store.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`EmrexError::JsonMalformed`] / [`EmrexError::JsonLimit`] for input that is not
    /// JSON (bar a trailing comma) or too large or deep; [`EmrexError::EmregMalformed`] with
    /// a position when a known member has the wrong type or a required one is missing;
    /// [`EmrexError::DuplicateKey`] when two NCPs have the same acronym or two countries
    /// the same code.
    pub fn parse(input: &[u8]) -> Result<Emreg, EmrexError> {
        let root = parse_json(input)?;
        let at = root_pos(&root);
        let JsonValue::Object(members) = root.value else {
            return Err(malformed(&at, "the list must be a JSON object"));
        };
        let mut out = Emreg {
            countries: Vec::new(),
            ncps: Vec::new(),
            skipped_nulls: 0,
            emps: false,
            extra: Vec::new(),
        };
        let mut seen_ncps = false;
        let mut country_at = Vec::new();
        let mut ncp_at = Vec::new();
        for (name, value) in members {
            match name.as_str() {
                "countries" => {
                    for c in entries(&value, "countries must be an array")? {
                        match c {
                            Some(c) => {
                                out.countries.push(country(c)?);
                                country_at.push((c.line, c.column));
                            }
                            None => out.skipped_nulls += 1,
                        }
                    }
                }
                "ncps" | "emps" => {
                    if seen_ncps {
                        return Err(malformed(
                            &value,
                            "the list has both ncps and emps; which one counts is ambiguous",
                        ));
                    }
                    seen_ncps = true;
                    out.emps = name == "emps";
                    for n in entries(&value, "ncps/emps must be an array")? {
                        match n {
                            Some(n) => {
                                out.ncps.push(ncp(n)?);
                                ncp_at.push((n.line, n.column));
                            }
                            None => out.skipped_nulls += 1,
                        }
                    }
                }
                _ => out.extra.push((name, value)),
            }
        }
        if !seen_ncps {
            return Err(malformed(&at, "the list has no ncps or emps"));
        }
        let acronyms: Vec<&str> = out.ncps.iter().map(|n| n.acronym.as_str()).collect();
        unique_keys("acronym", &acronyms, &ncp_at)?;
        let codes: Vec<&str> = out.countries.iter().map(|c| c.code.as_str()).collect();
        unique_keys("countryCode", &codes, &country_at)?;
        Ok(out)
    }

    /// The country entry for `code` (case-insensitive).
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
    }

    /// The NCP called `acronym` (case-sensitive, as listed; [`Emreg::parse`] refuses a
    /// list where two acronyms differ only in case or surrounding white space).
    ///
    /// # Errors
    /// [`EmrexError::NcpNotFound`] when no NCP has that acronym.
    pub fn ncp(&self, acronym: &str) -> Result<&Ncp, EmrexError> {
        self.ncps
            .iter()
            .find(|n| n.acronym == acronym)
            .ok_or_else(|| EmrexError::NcpNotFound {
                acronym: acronym.to_string(),
            })
    }

    /// Every NCP of country `code` (case-insensitive), in list order.
    pub fn ncps_of_country(&self, code: &str) -> Vec<&Ncp> {
        self.ncps
            .iter()
            .filter(|n| n.country_code.eq_ignore_ascii_case(code.trim()))
            .collect()
    }

    /// What to offer a learner of country `code`: for a `singleFetch` country one entry
    /// per institution (each institution once, with the first NCP that lists it; an NCP
    /// without institutions gets one entry of its own), otherwise one entry per NCP
    /// showing its first institution.
    pub fn choices(&self, code: &str) -> Vec<NcpChoice<'_>> {
        let ncps = self.ncps_of_country(code);
        let single = self.country(code).is_some_and(|c| c.single_fetch);
        let mut out: Vec<NcpChoice<'_>> = Vec::new();
        // A set, not a scan of `out`: a country may list hundreds of thousands of
        // institutions within the size limit.
        let mut shown: BTreeSet<&str> = BTreeSet::new();
        for ncp in ncps {
            if !single || ncp.institutions.is_empty() {
                out.push(NcpChoice {
                    ncp,
                    institution: ncp.institutions.first().map(String::as_str),
                });
                continue;
            }
            for inst in &ncp.institutions {
                if shown.insert(inst.as_str()) {
                    out.push(NcpChoice {
                        ncp,
                        institution: Some(inst),
                    });
                }
            }
        }
        out
    }
}

impl Ncp {
    /// A trust store pinning this NCP's certificate and nothing else: a result verified
    /// against it was signed by this NCP, whatever its `KeyInfo` says.
    ///
    /// Besides PEM, a `pubKey` whose newlines were escaped twice (a literal `\n`) or
    /// that is bare base64 DER is accepted.
    ///
    /// # Errors
    /// [`PkiError`] when `pubKey` holds no parsable certificate.
    pub fn trust_store(&self) -> Result<TrustStore, PkiError> {
        let text = self.pub_key_pem.replace("\\n", "\n").replace("\\r", "");
        let mut store = TrustStore::new();
        if text.contains("-----BEGIN") {
            store.add_pem(text.as_bytes())?;
        } else {
            let b64: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            let der = base64ct::Base64::decode_vec(&b64).map_err(|_| PkiError::BadPem)?;
            store.add_certificate(Certificate::from_der(&der)?);
        }
        Ok(store)
    }
}

/// Refuses a repeated key, compared with surrounding white space and ASCII case ignored:
/// lookups here are exact, but a client that normalises must not find two entries either.
fn unique_keys(member: &'static str, keys: &[&str], at: &[(u32, u32)]) -> Result<(), EmrexError> {
    let folded: Vec<String> = keys.iter().map(|k| k.trim().to_ascii_lowercase()).collect();
    match first_repeated(folded.len(), &|i| folded.get(i).map_or("", String::as_str)) {
        Some(i) => {
            let (line, column) = at.get(i).copied().unwrap_or((0, 0));
            Err(EmrexError::DuplicateKey {
                member,
                value: keys.get(i).map_or_else(String::new, |k| (*k).to_string()),
                line,
                column,
            })
        }
        None => Ok(()),
    }
}

fn malformed(at: &Json, reason: &str) -> EmrexError {
    EmrexError::EmregMalformed {
        line: at.line,
        column: at.column,
        reason: reason.to_string(),
    }
}

/// A position-only copy, for errors about the whole list.
fn root_pos(root: &Json) -> Json {
    Json {
        line: root.line,
        column: root.column,
        value: JsonValue::Null,
    }
}

/// The entries of an array member; `None` for each `null`.
fn entries<'a>(v: &'a Json, what: &str) -> Result<Vec<Option<&'a Json>>, EmrexError> {
    match &v.value {
        JsonValue::Array(items) => Ok(items
            .iter()
            .map(|i| (i.value != JsonValue::Null).then_some(i))
            .collect()),
        JsonValue::Null => Ok(Vec::new()),
        _ => Err(malformed(v, what)),
    }
}

fn members<'a>(v: &'a Json, what: &str) -> Result<&'a [(String, Json)], EmrexError> {
    match &v.value {
        JsonValue::Object(m) => Ok(m),
        _ => Err(malformed(v, what)),
    }
}

/// A string member; `None` when missing or `null`.
fn string(v: &Json, name: &str) -> Result<Option<String>, EmrexError> {
    match v.get(name) {
        None => Ok(None),
        Some(j) => match &j.value {
            JsonValue::Null => Ok(None),
            JsonValue::String(s) => Ok(Some(s.clone())),
            _ => Err(malformed(j, "expected a string")),
        },
    }
}

fn required(v: &Json, name: &'static str) -> Result<String, EmrexError> {
    match string(v, name)? {
        Some(s) if !s.trim().is_empty() => Ok(s),
        _ => Err(EmrexError::EmregMalformed {
            line: v.line,
            column: v.column,
            reason: alloc::format!("the entry has no {name}"),
        }),
    }
}

fn extras(m: &[(String, Json)], known: &[&str]) -> Vec<(String, Json)> {
    m.iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .cloned()
        .collect()
}

fn country(v: &Json) -> Result<Country, EmrexError> {
    let m = members(v, "a country must be an object")?;
    let single_fetch = match v.get("singleFetch") {
        None => false,
        Some(j) => match &j.value {
            JsonValue::Null => false,
            JsonValue::Bool(b) => *b,
            JsonValue::String(s) if s.trim().eq_ignore_ascii_case("true") => true,
            JsonValue::String(s) if s.trim().eq_ignore_ascii_case("false") => false,
            _ => {
                return Err(malformed(
                    j,
                    "singleFetch must be a boolean or the string \"true\"/\"false\"",
                ))
            }
        },
    };
    Ok(Country {
        code: required(v, "countryCode")?.trim().to_string(),
        name: string(v, "countryName")?.unwrap_or_default(),
        single_fetch,
        extra: extras(m, &["countryCode", "countryName", "singleFetch"]),
    })
}

fn ncp(v: &Json) -> Result<Ncp, EmrexError> {
    let m = members(v, "an NCP must be an object")?;
    let mut institutions = Vec::new();
    if let Some(j) = v.get("institutions") {
        match &j.value {
            JsonValue::Null => {}
            JsonValue::Array(items) => {
                for i in items {
                    match &i.value {
                        JsonValue::String(s) => institutions.push(s.clone()),
                        JsonValue::Null => {}
                        _ => return Err(malformed(i, "an institution must be a string")),
                    }
                }
            }
            _ => return Err(malformed(j, "institutions must be an array of strings")),
        }
    }
    Ok(Ncp {
        acronym: required(v, "acronym")?,
        country_code: required(v, "countryCode")?.trim().to_string(),
        institutions,
        url: string(v, "url")?.unwrap_or_default(),
        pub_key_pem: required(v, "pubKey")?,
        extra: extras(
            m,
            &["acronym", "countryCode", "institutions", "url", "pubKey"],
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"{
      "countries": [
        {"countryCode": "NO", "countryName": "Norway", "singleFetch": "true"},
        {"countryCode": "FI", "countryName": "Finland", "singleFetch": false, "flag": 1},
        {"countryCode": "SE"},
        null,
      ],
      "ncps": [
        {"acronym": "A", "countryCode": "NO", "institutions": ["UiO", "NTNU"], "url": "https://a", "pubKey": "x"},
        {"acronym": "B", "countryCode": "NO", "institutions": ["NTNU", "UiB"], "url": "https://b", "pubKey": "y"},
        null,
        {"acronym": "C", "countryCode": "fi", "institutions": ["Helsinki"], "pubKey": "z", "note": {"k": [1]}}
      ],
      "version": 3,
    }"#;

    #[test]
    fn messy_list() {
        let e = Emreg::parse(LIST.as_bytes()).unwrap();
        assert_eq!(e.countries.len(), 3);
        assert_eq!(e.skipped_nulls, 2);
        assert!(e.country("no").unwrap().single_fetch);
        assert!(!e.country("SE").unwrap().single_fetch);
        assert_eq!(e.countries[1].extra.len(), 1);
        assert_eq!(e.ncps[2].extra[0].0, "note");
        assert_eq!(e.extra[0].0, "version");
        assert_eq!(e.ncps_of_country("FI").len(), 1);
        let c = e.choices("NO");
        let shown: Vec<_> = c
            .iter()
            .map(|c| (c.ncp.acronym.as_str(), c.institution))
            .collect();
        assert_eq!(
            shown,
            [("A", Some("UiO")), ("A", Some("NTNU")), ("B", Some("UiB"))]
        );
        assert_eq!(e.choices("FI")[0].institution, Some("Helsinki"));
    }

    #[test]
    fn one_entry_per_acronym_and_country() {
        let ncp = |acronym: &str| {
            alloc::format!(r#"{{"acronym": "{acronym}", "countryCode": "NO", "pubKey": "x"}}"#)
        };
        let list = |countries: &str, ncps: &[String]| {
            alloc::format!(
                r#"{{"countries": [{countries}], "emps": [{}]}}"#,
                ncps.join(",\n")
            )
        };
        let ok = list(r#"{"countryCode": "NO"}"#, &[ncp("A"), ncp("B")]);
        assert_eq!(Emreg::parse(ok.as_bytes()).unwrap().ncps.len(), 2);
        // The second entry is named, with its position.
        let twice = list("", &[ncp("A"), ncp("B"), ncp("A")]);
        assert_eq!(
            Emreg::parse(twice.as_bytes()),
            Err(EmrexError::DuplicateKey {
                member: "acronym",
                value: "A".into(),
                line: 3,
                column: 1
            })
        );
        // A client that trims or folds case must not find two either.
        for other in [" A", "a", "A "] {
            let near = list("", &[ncp("A"), ncp(other)]);
            assert!(
                matches!(
                    Emreg::parse(near.as_bytes()),
                    Err(EmrexError::DuplicateKey {
                        member: "acronym",
                        ..
                    })
                ),
                "{other:?}"
            );
        }
        let countries = list(
            r#"{"countryCode": "NO", "singleFetch": true}, {"countryCode": "no", "singleFetch": false}"#,
            &[ncp("A")],
        );
        let e = Emreg::parse(countries.as_bytes()).unwrap_err();
        assert!(
            matches!(
                &e,
                EmrexError::DuplicateKey { member: "countryCode", value, line: 1, column: 60 } if value == "no"
            ),
            "{e:?}"
        );
        assert_eq!(e.code(), crate::code::ErrorCode::EmrexDuplicateKey);
    }

    #[test]
    fn choices_stay_linear_in_institutions() {
        let institutions: Vec<String> = (0..100_000).map(|i| alloc::format!("\"i{i}\"")).collect();
        let doc = alloc::format!(
            r#"{{"countries": [{{"countryCode": "NO", "singleFetch": true}}],
               "emps": [{{"acronym": "A", "countryCode": "NO", "pubKey": "x", "institutions": [{0}]}},
                        {{"acronym": "B", "countryCode": "NO", "pubKey": "y", "institutions": [{0}, "last"]}}]}}"#,
            institutions.join(",")
        );
        let e = Emreg::parse(doc.as_bytes()).unwrap();
        let c = e.choices("NO");
        assert_eq!(c.len(), 100_001);
        assert_eq!(
            (c[100_000].ncp.acronym.as_str(), c[100_000].institution),
            ("B", Some("last"))
        );
    }

    #[test]
    fn wrong_types_have_positions() {
        let bad = r#"{"countries": [{"countryCode": "NO", "singleFetch": "yes"}], "ncps": []}"#;
        assert!(matches!(
            Emreg::parse(bad.as_bytes()),
            Err(EmrexError::EmregMalformed {
                line: 1,
                column: 53,
                ..
            })
        ));
        assert!(Emreg::parse(br#"{"countries": []}"#).is_err());
        assert!(Emreg::parse(br#"{"ncps": [], "emps": []}"#).is_err());
        assert!(Emreg::parse(br#"{"ncps": [{"acronym": "A", "countryCode": "NO"}]}"#).is_err());
    }
}
