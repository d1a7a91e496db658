//! Every row of tests/conformance/saml-cases.tsv: the SAML vectors of ../shared (and our
//! own xmlsec1-signed cases) give the result the table states, which follows each
//! vector's SOURCES.md (the table's notes say where a full SAML check differs from a
//! signature-only expectation there).

mod common;

use common::{at, read};
use trustmeta::{
    decode_post_binding, verify_authn_request, verify_response, Error, IssuerTrust,
    MemoryReplayCache, Policy, RequestExpectations, ResponseExpectations, SamlProfile, SignedParts,
    TrustStore,
};

/// Reads a `trust` column: `cert:PATH` (certificate, validity checked), `key:PATH` (only
/// the certificate's key, validity ignored as the SAML metadata interoperability profile
/// says), `pem:PATH` (keys and certificates as they are).
pub fn trust_of(column: &str) -> IssuerTrust {
    let mut store = TrustStore::new();
    for t in column.split(',') {
        let (kind, path) = t.split_once(':').expect("kind:path");
        let pem = read(path);
        match kind {
            "cert" | "pem" => store.add_pem(&pem).unwrap(),
            "key" => {
                let certs = TrustStore::from_pem(&pem).unwrap();
                for c in certs.certificates() {
                    store.add_public_key(c.public_key().unwrap().clone());
                }
            }
            other => panic!("unknown trust kind {other}"),
        }
    }
    IssuerTrust::any_issuer(store)
}

pub struct Options {
    pub policy: Policy,
    pub profile: SamlProfile,
    pub signed: SignedParts,
    pub skew: i64,
    pub max_age: i64,
    pub destination: Option<String>,
}

pub fn options_of(column: &str) -> Options {
    let mut o = Options {
        policy: Policy::default(),
        profile: SamlProfile::Generic,
        signed: SignedParts::ResponseOrAssertion,
        skew: 180,
        max_age: 600,
        destination: None,
    };
    for opt in column.split(',').filter(|o| *o != "-") {
        let (k, v) = opt.split_once('=').unwrap_or((opt, ""));
        match k {
            "allow_sha1" => o.policy.allow_sha1 = true,
            "min_rsa_bits" => o.policy.min_rsa_bits = v.parse().unwrap(),
            "profile" => o.profile = SamlProfile::parse(v).unwrap(),
            "signed" => {
                o.signed = match v {
                    "response" => SignedParts::Response,
                    "assertion" => SignedParts::Assertion,
                    "both" => SignedParts::Both,
                    _ => SignedParts::ResponseOrAssertion,
                }
            }
            "skew" => o.skew = v.parse().unwrap(),
            "max_age" => o.max_age = v.parse().unwrap(),
            "destination" => o.destination = Some(v.to_string()),
            other => panic!("unknown option {other}"),
        }
    }
    o
}

fn outcome(r: Result<String, Error>) -> String {
    match r {
        Ok(s) => format!("ok {s}"),
        Err(e) => e.code().as_str().to_string(),
    }
}

#[test]
fn every_case_gives_its_expected_result() {
    let table = String::from_utf8(read("tests/conformance/saml-cases.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in table
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let f: Vec<&str> = line.split('\t').collect();
        let [id, kind, file, enc, trust, when, audience, acs, request_id, opts, expect] =
            f.as_slice()
        else {
            panic!("bad row: {line}");
        };
        let raw = read(file);
        let o = options_of(opts);
        let trust = trust_of(trust);
        let xml = match *enc {
            "b64" => {
                let t: Vec<u8> = raw
                    .iter()
                    .copied()
                    .filter(|b| !b.is_ascii_whitespace())
                    .collect();
                decode_post_binding(&t, None).map_err(Error::from)
            }
            _ => Ok(raw),
        };
        let got = match *kind {
            "response" => {
                let mut e = ResponseExpectations::new(audience, acs, at(when));
                e.request_id = (*request_id != "-").then_some(*request_id);
                e.clock_skew_secs = o.skew;
                e.profile = o.profile;
                e.signed = o.signed;
                let mut cache = MemoryReplayCache::new(16);
                outcome(xml.and_then(|x| {
                    verify_response(&x, &trust, &o.policy, &e, &mut cache).map(|v| {
                        v.assertion
                            .name_id
                            .map_or_else(|| "-".to_string(), |n| n.value)
                    })
                }))
            }
            "request" => {
                let mut e = RequestExpectations::new(o.destination.as_deref(), at(when));
                e.clock_skew_secs = o.skew;
                e.max_age_secs = o.max_age;
                e.profile = o.profile;
                outcome(
                    xml.and_then(|x| verify_authn_request(&x, &trust, &o.policy, &e).map(|r| r.id)),
                )
            }
            other => panic!("unknown kind {other}"),
        };
        if got != *expect {
            failures.push(format!("{id}: expected {expect}, got {got}"));
        }
        n += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(n >= 40, "only {n} cases");
}
