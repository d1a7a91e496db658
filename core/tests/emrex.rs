//! EMREX: EMREG lists and ELMO results. The shared vectors give what their SOURCES.md
//! states; our own cases (tests/data/emrex, made by make_emrex.sh) cover the profile.

mod common;

use common::{at, read, shared};
use trustmeta::{
    decode_elmo_field, inflate_if_gzip, verify_elmo, verify_elmo_from, Emreg, EmrexError, Error,
    ErrorCode, Policy, TrustStore, DEFAULT_MAX_ELMO_BYTES, NS_ELMO_OLD, NS_ELMO_V1,
};

const NOW: &str = "2026-06-01T00:00:00Z";

fn vector(rel: &str) -> Vec<u8> {
    let p = shared().join("vectors/emrex").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn ours(rel: &str) -> Vec<u8> {
    read(&format!("tests/data/emrex/{rel}"))
}

fn pki(name: &str) -> TrustStore {
    TrustStore::from_pem(&read(&format!("tests/data/xmldsig-gen/pki/{name}.pem"))).unwrap()
}

fn code<T: core::fmt::Debug>(r: Result<T, Error>) -> ErrorCode {
    r.unwrap_err().code()
}

#[test]
fn cases_give_their_expected_result() {
    let table = String::from_utf8(ours("expected.tsv")).unwrap();
    let mut n = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let [file, cert, sha1, expect] = f.as_slice() else {
            panic!("bad row {line:?}")
        };
        let policy = Policy {
            allow_sha1: *sha1 == "yes",
            ..Policy::default()
        };
        let got = match verify_elmo(&ours(file), &pki(cert), &policy, at(NOW)) {
            Ok(v) => {
                assert_eq!(v.learner.family_name, "Nordmann", "{file}");
                "VALID".to_string()
            }
            Err(e) => e.code().as_str().to_string(),
        };
        assert_eq!(got, *expect, "{line}");
        n += 1;
    }
    assert!(n >= 10);
}

#[test]
fn learner_and_report_come_from_the_signed_content() {
    let v = verify_elmo(
        &ours("signed/v1-rsa-sha256.xml"),
        &pki("leaf-rsa2048"),
        &Policy::default(),
        at(NOW),
    )
    .unwrap();
    assert_eq!(v.namespace, NS_ELMO_V1);
    assert_eq!(v.learner.given_names, "Ola");
    assert_eq!(v.learner.family_name, "Nordmann");
    assert_eq!(v.learner.birth_date.as_deref(), Some("1990-01-31"));
    assert_eq!(v.learner.citizenship.as_deref(), Some("NO"));
    assert_eq!(v.reports, 1);
    assert_eq!(v.nested_signatures, 0);
    assert!(v.report.pinned);
    assert!(v
        .report
        .signer
        .unwrap()
        .subject()
        .contains("signer RSA-2048"));
    assert!(v.report.legacy_algorithms.is_empty());

    let old = verify_elmo(
        &ours("signed/old-ns-rsa-sha1.xml"),
        &pki("leaf-rsa2048"),
        &Policy {
            allow_sha1: true,
            ..Policy::default()
        },
        at(NOW),
    )
    .unwrap();
    assert_eq!(old.namespace, NS_ELMO_OLD);
    assert_eq!(old.learner.given_names, "Ola");
    assert!(!old.report.legacy_algorithms.is_empty());
}

#[test]
fn only_the_root_signature_counts() {
    let v = verify_elmo(
        &ours("signed/nested-dsig.xml"),
        &pki("leaf-rsa2048"),
        &Policy::default(),
        at(NOW),
    )
    .unwrap();
    // The Diploma Supplement's signature (garbage on purpose) is neither checked nor
    // counted as the root one.
    assert_eq!(v.nested_signatures, 1);
    // Without the root signature, the nested one never stands in for it.
    let xml = String::from_utf8(ours("signed/nested-dsig.xml")).unwrap();
    let cut = xml.rfind("<ds:Signature ").unwrap();
    let end = xml.rfind("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let stripped = format!("{}{}", &xml[..cut], &xml[end..]);
    assert_eq!(
        code(verify_elmo(
            stripped.as_bytes(),
            &pki("leaf-rsa2048"),
            &Policy::default(),
            at(NOW)
        )),
        ErrorCode::DsigMissingSignature
    );
    // Two root signatures: which one counts would be ambiguous.
    let sig = &xml[cut..end];
    let doubled = format!("{}{sig}{}", &xml[..end], &xml[end..]);
    assert_eq!(
        code(verify_elmo(
            doubled.as_bytes(),
            &pki("leaf-rsa2048"),
            &Policy::default(),
            at(NOW)
        )),
        ErrorCode::DsigTooManySignatures
    );
}

#[test]
fn keyinfo_never_grants_trust() {
    // KeyInfo names the attacker's certificate, the NCP signed: verified with the NCP's pin,
    // and the reported signer is the pinned NCP certificate, not KeyInfo's.
    let v = verify_elmo(
        &ours("signed/keyinfo-foreign-cert.xml"),
        &pki("leaf-rsa2048"),
        &Policy::default(),
        at(NOW),
    )
    .unwrap();
    assert!(v
        .report
        .signer
        .unwrap()
        .subject()
        .contains("signer RSA-2048"));
    // The attacker signed and put its own certificate in KeyInfo: refused under the NCP pin.
    let e = verify_elmo(
        &ours("signed/attacker-signed.xml"),
        &pki("leaf-rsa2048"),
        &Policy::default(),
        at(NOW),
    )
    .unwrap_err();
    assert!(matches!(
        e.code(),
        ErrorCode::CryptoBadSignature
            | ErrorCode::PkiUntrustedSigner
            | ErrorCode::PkiBadChainSignature
    ));
}

#[test]
fn sha1_is_refused_by_default() {
    assert_eq!(
        code(verify_elmo(
            &ours("signed/old-ns-rsa-sha1.xml"),
            &pki("leaf-rsa2048"),
            &Policy::default(),
            at(NOW)
        )),
        ErrorCode::DsigAlgorithmRefused
    );
}

#[test]
fn elmo_field_round_trips() {
    let xml = ours("signed/v1-rsa-sha256.xml");
    let p = DEFAULT_MAX_ELMO_BYTES;
    assert_eq!(
        decode_elmo_field(&ours("signed/v1-rsa-sha256.xml.gz.b64"), p).unwrap(),
        xml
    );
    assert_eq!(
        decode_elmo_field(&ours("signed/v1-rsa-sha256.xml.b64"), p).unwrap(),
        xml
    );
    // The cap applies while inflating: one byte short fails, and so does the bomb.
    let tight = xml.len() - 1;
    assert_eq!(
        decode_elmo_field(&ours("signed/v1-rsa-sha256.xml.gz.b64"), tight),
        Err(EmrexError::DecompressedTooLarge {
            limit: xml.len() - 1
        })
    );
    assert_eq!(
        decode_elmo_field(&ours("signed/v1-rsa-sha256.xml.b64"), tight),
        Err(EmrexError::DecompressedTooLarge {
            limit: xml.len() - 1
        })
    );
    assert!(matches!(
        decode_elmo_field(&ours("signed/bomb.gz.b64"), p),
        Err(EmrexError::DecompressedTooLarge { .. })
    ));
    // A flipped byte in the deflate stream or a cut stream is a typed error, not a panic.
    let gz = base64_decode(&ours("signed/v1-rsa-sha256.xml.gz.b64"));
    let mut bad = gz.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x55;
    assert!(matches!(
        inflate_if_gzip(&bad, 1 << 20),
        Err(EmrexError::GzipMalformed { .. })
    ));
    for cut in [3, 12, gz.len() - 4] {
        assert!(matches!(
            inflate_if_gzip(&gz[..cut], 1 << 20),
            Err(EmrexError::GzipMalformed { .. })
        ));
    }
    assert_eq!(
        decode_elmo_field(b"not base64!", p),
        Err(EmrexError::BadBase64)
    );
}

/// The raw gzip bytes of a committed `.gz.b64` field (a local decoder, so the test does
/// not lean on the code under test).
fn base64_decode(b: &[u8]) -> Vec<u8> {
    common::decode_b64(core::str::from_utf8(b).unwrap())
}

#[test]
fn gzipped_field_verifies_end_to_end() {
    let emreg = Emreg::parse(&ours("emreg-1.0-messy.json")).unwrap();
    let ncp = emreg.ncp("TEST-NCP").unwrap();
    let xml = decode_elmo_field(
        &ours("signed/v1-rsa-sha256.xml.gz.b64"),
        DEFAULT_MAX_ELMO_BYTES,
    )
    .unwrap();
    let v = verify_elmo_from(&xml, ncp, &Policy::default(), at(NOW)).unwrap();
    assert_eq!(v.learner.family_name, "Nordmann");
    // The other NCP of the same country did not sign it.
    let other = emreg.ncp("OTHER-NCP").unwrap();
    assert!(verify_elmo_from(&xml, other, &Policy::default(), at(NOW)).is_err());
}

#[test]
fn messy_emreg_lists() {
    let e = Emreg::parse(&ours("emreg-1.0-messy.json")).unwrap();
    assert!(!e.emps);
    assert_eq!(e.countries.len(), 3);
    assert_eq!(e.skipped_nulls, 2);
    assert!(e.country("NO").unwrap().single_fetch);
    assert!(!e.country("FI").unwrap().single_fetch);
    assert!(!e.country("se").unwrap().single_fetch);
    assert_eq!(e.countries[0].extra[0].0, "flag");
    assert_eq!(e.ncps.len(), 3);
    assert_eq!(e.ncps[0].extra[0].0, "contact");
    assert_eq!(e.extra[0].0, "lastUpdated");
    assert!(e.ncps[0].pub_key_pem.contains("-----\nMII"));
    assert_eq!(e.ncps_of_country("NO").len(), 2);
    // singleFetch: one entry per institution, each institution once.
    let shown: Vec<(&str, Option<&str>)> = e
        .choices("NO")
        .iter()
        .map(|c| (c.ncp.acronym.as_str(), c.institution))
        .collect();
    assert_eq!(
        shown,
        [
            ("TEST-NCP", Some("University of Testing")),
            ("TEST-NCP", Some("Test College")),
            ("OTHER-NCP", Some("Other University")),
        ]
    );
    for n in &e.ncps {
        assert_eq!(n.trust_store().unwrap().len(), 1, "{}", n.acronym);
    }

    let emps = Emreg::parse(&ours("emreg-emps.json")).unwrap();
    assert!(emps.emps);
    assert!(emps.country("NO").unwrap().single_fetch);
    // Doubly escaped newlines and bare base64 DER still give one pinned certificate.
    for n in &emps.ncps {
        assert_eq!(n.trust_store().unwrap().len(), 1, "{}", n.acronym);
    }
    assert_eq!(emps.choices("PL")[0].institution, None);

    assert_eq!(
        Emreg::parse(&ours("emreg-invalid.json")),
        Err(EmrexError::JsonMalformed {
            line: 5,
            column: 5,
            reason: "expected ',' or ']' in an array"
        })
    );
    let e: Error = EmrexError::BadBase64.into();
    assert_eq!(e.code().as_str(), "emrex.bad_base64");
    assert_eq!(e.code().number(), 704);
}

#[test]
fn fi_emrex_vectors_give_what_sources_md_states() {
    const R: &str = "fi-emrex/fi-smp/src/test/resources";
    let store = TrustStore::from_pem(&vector(&format!("{R}/csc-cert.crt"))).unwrap();
    // Legacy allowances the SOURCES.md names: RSA-1024, SHA-1, and a time when the
    // certificate was valid.
    let legacy = Policy {
        allow_sha1: true,
        min_rsa_bits: 1024,
        ..Policy::default()
    };
    let when = at("2016-06-01T00:00:00Z");
    let valid = vector(&format!("{R}/elmo_vastaus_base64_gzipped.decoded.xml"));
    let v = verify_elmo(&valid, &store, &legacy, when).unwrap();
    assert_eq!(v.namespace, NS_ELMO_OLD);
    assert_eq!(v.learner.given_names, "Kaisa");
    assert_eq!(v.learner.family_name, "Keränen");
    assert_eq!(v.learner.birth_date.as_deref(), Some("18-07-1966"));
    // The second report writes the same learner differently; both are given.
    assert_eq!(v.learners.len(), 2);
    assert_eq!(v.learners[1].family_name, "Keranen");
    assert_eq!(v.learners[1].birth_date.as_deref(), Some("18.07.1966"));
    assert_eq!(v.reports, 2);
    // By default: SHA-1 refused first.
    assert_eq!(
        code(verify_elmo(&valid, &store, &Policy::default(), when)),
        ErrorCode::DsigAlgorithmRefused
    );
    // The UiO-signed files were edited after signing.
    let uio = uio_store();
    for f in [
        "fi-emrex/fi-common-java/src/test/resources/nor-emrex-1.0.xml",
        "fi-emrex/fi-common-java/src/test/resources/elmo-1.0-example.xml",
        "fi-emrex/fi-ncp/src/main/resources/kaisa.xml",
    ] {
        let c = code(verify_elmo(&vector(f), &uio, &legacy, when));
        assert!(
            matches!(
                c,
                ErrorCode::DsigDigestMismatch | ErrorCode::CryptoBadSignature
            ),
            "{f}: {c}"
        );
    }
    // Not well-formed: refused before any cryptography.
    assert_eq!(
        code(verify_elmo(
            &vector("fi-emrex/fi-ncp/src/main/resources/Example-elmo-sweden-1.0.xml"),
            &uio,
            &legacy,
            when
        )),
        ErrorCode::XmlMalformed
    );
}

/// The UiO certificate, taken from the KeyInfo of a UiO-signed vector (it is the `FSAT`
/// pubKey of the EMREG sample).
fn uio_store() -> TrustStore {
    let xml = String::from_utf8(vector(
        "fi-emrex/fi-common-java/src/test/resources/nor-emrex-1.0.xml",
    ))
    .unwrap();
    let start = xml.find("X509Certificate>").unwrap() + "X509Certificate>".len();
    let end = start + xml[start..].find('<').unwrap();
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        xml[start..end].split_whitespace().collect::<String>()
    );
    TrustStore::from_pem(pem.as_bytes()).unwrap()
}

#[test]
fn emrex_gateway_sample_is_invalid() {
    let xml = vector("emrex-gateway/src/main/resources/sampleElmo.decoded.xml");
    // Its KeyInfo certificate, pinned: the pretty-printed file no longer matches.
    let s = String::from_utf8(xml.clone()).unwrap();
    let start = s.find("X509Certificate>").unwrap() + "X509Certificate>".len();
    let end = start + s[start..].find('<').unwrap();
    let b64: String = s[start..end]
        .replace("&#13;", "")
        .split_whitespace()
        .collect();
    let pem = format!("-----BEGIN CERTIFICATE-----\n{b64}\n-----END CERTIFICATE-----\n");
    let store = TrustStore::from_pem(pem.as_bytes()).unwrap();
    let legacy = Policy {
        allow_sha1: true,
        ..Policy::default()
    };
    let c = code(verify_elmo(
        &xml,
        &store,
        &legacy,
        at("2023-02-21T12:00:00Z"),
    ));
    assert!(
        matches!(
            c,
            ErrorCode::DsigDigestMismatch | ErrorCode::CryptoBadSignature
        ),
        "{c}"
    );
}

#[test]
fn an_acronym_listed_twice_is_refused() {
    // First entry: the NCP's certificate; second: the attacker's. A client keeping the
    // first and one building a map would pin different keys, so neither may be chosen.
    let e = Emreg::parse(&ours("emreg-duplicate-acronym.json")).unwrap_err();
    assert_eq!(
        e,
        EmrexError::DuplicateKey {
            member: "acronym",
            value: "TEST-EMP".into(),
            line: 19,
            column: 5
        }
    );
    let e: Error = e.into();
    assert_eq!(e.code().as_str(), "emrex.duplicate_key");
    assert_eq!(e.code().number(), 712);
}

#[test]
fn a_json_object_of_320000_members_is_read() {
    // The issue's reproduction: 3.8 MB, under the 8 MiB cap; the duplicate check compared
    // each name with every earlier one and took minutes.
    let mut doc = String::from(r#"{"countries":[],"emps":[],"x":{"#);
    let members: Vec<String> = (0..320_000).map(|i| format!("\"{i:07}\":0")).collect();
    doc.push_str(&members.join(","));
    doc.push_str("}}");
    let e = Emreg::parse(doc.as_bytes()).unwrap();
    assert!(e.ncps.is_empty() && e.emps);
    let (name, x) = &e.extra[0];
    assert_eq!(name, "x");
    let trustmeta::JsonValue::Object(m) = &x.value else {
        panic!("x is an object")
    };
    assert_eq!(m.len(), 320_000);
    assert_eq!(m[319_999].0, "0319999");
}
