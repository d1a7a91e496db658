//! The table against the core: every description is well formed, every operation's
//! result is what the core itself returns and fits its description, and arguments are
//! refused with one message for every front door.

use std::collections::HashSet;

use trustmeta::{DateTime, IssuerTrust, Policy, TrustStore};
use trustmeta_table::ops::{self, ArgProblem, ArgValue, Call, OpError, Output, Returns};
use trustmeta_table::records::{self, ALL};
use trustmeta_table::{to_json, Kind, Record, RecordDesc, Value};

fn read(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn store(rel: &str) -> TrustStore {
    TrustStore::from_pem(&read(rel)).unwrap()
}

fn at(s: &str) -> DateTime {
    DateTime::parse_rfc3339(s).unwrap()
}

fn record(v: &Value) -> &Record {
    match v {
        Value::Record(r) => r,
        other => panic!("not a record: {other:?}"),
    }
}

fn str_of<'v>(r: &'v Record, field: &str) -> &'v str {
    match r.get(field) {
        Some(Value::Str(s)) => s,
        other => panic!("{field}: {other:?}"),
    }
}

fn fits(desc: &'static RecordDesc, v: &Value) {
    assert!(
        Kind::Record(desc).admits(v),
        "{} does not fit: {v:?}",
        desc.name
    );
}

#[test]
fn descriptions_are_well_formed() {
    let mut names = HashSet::new();
    let mut classes = HashSet::new();
    for d in ALL {
        assert!(names.insert(d.name), "record {} twice", d.name);
        assert!(classes.insert(d.class), "class {} twice", d.class);
        assert!(d.doc.ends_with('.'), "{}: doc", d.name);
        let mut fields = HashSet::new();
        for f in d.fields {
            assert!(fields.insert(f.name), "{}.{} twice", d.name, f.name);
            assert!(
                f.doc.ends_with('.') || f.doc.ends_with(')'),
                "{}.{}: doc",
                d.name,
                f.name
            );
            let mut k = &f.kind;
            loop {
                match k {
                    Kind::Opt(i) | Kind::List(i) => k = i,
                    Kind::Record(r) => {
                        assert!(
                            ALL.iter().any(|a| core::ptr::eq(*a, *r)),
                            "{} not in ALL",
                            r.name
                        );
                        break;
                    }
                    Kind::Enum(names) => {
                        assert!(!names.is_empty());
                        break;
                    }
                    _ => break,
                }
            }
        }
    }
    let mut ops_seen = HashSet::new();
    for op in ops::ALL {
        assert!(ops_seen.insert(op.name));
        assert!(
            op.args
                .iter()
                .skip_while(|a| a.positional)
                .all(|a| !a.positional),
            "{}: positional arguments first",
            op.name
        );
        if let Returns::Record(d) | Returns::Records(d) | Returns::Held(d) = op.returns {
            assert!(ALL.iter().any(|a| core::ptr::eq(*a, d)));
        }
    }
}

#[test]
fn verify_gives_what_the_core_gives() {
    let xml = read("tests/data/sample/smp-signed.xml");
    let s = store("tests/data/sample/signer.pem");
    let now = at("2026-06-01T00:00:00Z");
    let mut call = Call::new(&ops::VERIFY);
    call.set("xml", ArgValue::Bytes(&xml)).unwrap();
    call.set("store", ArgValue::Store(&s)).unwrap();
    call.set("now", ArgValue::Time(now)).unwrap();
    let out = call.run().unwrap();
    let v = out.value().unwrap();
    fits(&records::DOCUMENT, v);
    let core = trustmeta::verify(&xml, &s, &Policy::default(), now).unwrap();
    let report = core.report();
    let r = record(v);
    assert_eq!(
        str_of(r, "signer_subject"),
        report.signer.as_ref().unwrap().subject()
    );
    assert_eq!(
        str_of(r, "signature_algorithm"),
        report.signature_algorithm.uri()
    );
    assert_eq!(r.get("verified_at"), Some(&Value::Time(now)));
    let canonical = core.signed_elements().next().unwrap().canonical_xml();
    assert_eq!(
        r.get("signed_xml"),
        Some(&Value::List(vec![Value::Xml(
            String::from_utf8(canonical).unwrap()
        )]))
    );
    // The chain is a list of (subject, sha256) records, signer first.
    match r.get("chain") {
        Some(Value::List(c)) => {
            assert_eq!(
                str_of(record(&c[0]), "sha256"),
                report.signer.as_ref().unwrap().sha256_hex()
            );
        }
        other => panic!("{other:?}"),
    }
    // JSON: keys in field order, times in RFC 3339.
    let j = to_json(v);
    let keys: Vec<&String> = j.as_object().unwrap().keys().collect();
    let fields: Vec<&str> = records::DOCUMENT.fields.iter().map(|f| f.name).collect();
    assert_eq!(keys, fields);
    assert_eq!(j["verified_at"], "2026-06-01T00:00:00Z");
}

#[test]
fn smp_answer_binds_the_question() {
    let xml = read("tests/data/smp/signed/smp1-expired-endpoint.xml");
    let s = store("tests/data/xmldsig-gen/pki/root.pem");
    let run = |participant: &str| {
        let mut call = Call::new(&ops::VERIFY_SMP);
        call.set("xml", ArgValue::Bytes(&xml)).unwrap();
        call.set("store", ArgValue::Store(&s)).unwrap();
        call.set("participant", ArgValue::Text(participant.into()))
            .unwrap();
        call.set(
            "document",
            ArgValue::Text("busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1".into()),
        )
        .unwrap();
        call.set("now", ArgValue::Time(at("2026-06-01T00:00:00Z")))
            .unwrap();
        call.set("ap_store", ArgValue::Store(&s)).unwrap();
        call.run()
    };
    let out = run("iso6523-actorid-upis::0088:5798000000001").unwrap();
    let v = out.value().unwrap();
    fits(&records::SERVICE_METADATA, v);
    let r = record(v);
    assert_eq!(str_of(r, "version"), "oasis-smp-1.0");
    assert_eq!(
        str_of(r, "participant"),
        "iso6523-actorid-upis::0088:5798000000001"
    );
    let Some(Value::List(endpoints)) = r.get("endpoints") else {
        panic!()
    };
    assert_eq!(endpoints.len(), 1);
    // The access-point check ran: the field is no longer null.
    assert!(matches!(
        record(&endpoints[0]).get("certificate_trusted"),
        Some(Value::Bool(_))
    ));
    let Some(Value::List(filtered)) = r.get("filtered_endpoints") else {
        panic!()
    };
    assert_eq!(str_of(record(&filtered[0]), "reason"), "expired");
    match run("iso6523-actorid-upis::0088:1") {
        Err(OpError::Core(e)) => assert_eq!(e.code().as_str(), "smp.participant_mismatch"),
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn saml_response_fields_and_enum_names_come_from_the_core() {
    let xml = read("tests/data/saml/signed/assertion-signed.xml");
    let trust = IssuerTrust::any_issuer(store("tests/data/xmldsig-gen/pki/leaf-rsa2048.pem"));
    let cache = ops::SharedReplayCache::memory(8);
    let run = || {
        let mut call = Call::new(&ops::VERIFY_SAML_RESPONSE);
        call.set("xml", ArgValue::Bytes(&xml)).unwrap();
        call.set("trust", ArgValue::IssuerTrust(&trust)).unwrap();
        call.set(
            "audience",
            ArgValue::Text("https://sp.example.org/metadata".into()),
        )
        .unwrap();
        call.set("acs", ArgValue::Text("https://sp.example.org/acs".into()))
            .unwrap();
        call.set("request_id", ArgValue::Text("_req-4711".into()))
            .unwrap();
        call.set("now", ArgValue::Time(at("2026-06-01T10:01:00Z")))
            .unwrap();
        call.set("cache", ArgValue::ReplayCache(&cache)).unwrap();
        call.run()
    };
    let out = run().unwrap();
    let v = out.value().unwrap();
    fits(&records::SAML_RESPONSE, v);
    let r = record(v);
    assert_eq!(
        (str_of(r, "id"), str_of(r, "assertion_id")),
        ("_resp-1", "_assert-1")
    );
    assert_eq!(
        str_of(r, "signed_by"),
        trustmeta::SignedBy::Assertion.name()
    );
    assert_eq!(str_of(r, "name_id"), "ross@octolabs.io");
    // The same cache refuses the same assertion again.
    match run() {
        Err(OpError::Core(e)) => assert_eq!(e.code().as_str(), "saml.replay"),
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn metadata_is_held_for_its_lookups() {
    let xml = read("tests/data/metadata/signed/aggregate.xml");
    let s = store("tests/data/metadata/signed/signer.pem");
    let mut call = Call::new(&ops::VERIFY_METADATA);
    call.set("xml", ArgValue::Bytes(&xml)).unwrap();
    call.set("store", ArgValue::Store(&s)).unwrap();
    call.set("now", ArgValue::Time(at("2026-06-01T00:00:00Z")))
        .unwrap();
    call.set("profile", ArgValue::Text("etoegang".into()))
        .unwrap();
    let Output::Metadata(v, held) = call.run().unwrap() else {
        panic!("not held")
    };
    fits(&records::METADATA, &v);
    let r = record(&v);
    let Some(Value::Record(name)) = r.get("etoegang") else {
        panic!()
    };
    assert!(matches!(name.get("environment"), Some(Value::Str(e)) if e == "P" || e == "A"));
    let ids = ops::entity_ids(&held);
    let Value::List(ids) = &ids else { panic!() };
    assert_eq!(ids.len(), held.entities().len());
    let first = str_of(record(&ids[0]), "entity_id").to_owned();
    let found = ops::find_entity(&held, &first).unwrap();
    fits(&records::METADATA_ENTITY, &found);
    assert_eq!(str_of(record(&found), "entity_id"), first);
    assert_eq!(ops::find_entity(&held, "urn:nobody").unwrap(), Value::Null);
    let Value::List(all) = ops::read_entities(&held).unwrap() else {
        panic!()
    };
    assert_eq!(all.len(), ids.len());
}

#[test]
fn trusted_lists_and_emrex_fit_their_records() {
    let s = store("tests/data/tsl/signed/signer.pem");
    let xml = read("tests/data/tsl/signed/ncp-configuration-xx.xml");
    let mut call = Call::new(&ops::VERIFY_TSL);
    call.set("xml", ArgValue::Bytes(&xml)).unwrap();
    call.set("store", ArgValue::Store(&s)).unwrap();
    call.set("now", ArgValue::Time(at("2026-06-01T00:00:00Z")))
        .unwrap();
    let Output::Tsl(v, held) = call.run().unwrap() else {
        panic!("not held")
    };
    fits(&records::TSL, &v);
    assert!(matches!(record(&v).get("openncp"), Some(Value::Record(_))));
    let smp = ops::tsl_to_smp(&held, "busdox").unwrap();
    static SMP_RECORDS: Kind = Kind::List(&Kind::Record(&records::SMP_RECORD));
    assert!(SMP_RECORDS.admits(&smp));
    match ops::tsl_to_smp(&held, "smp3") {
        Err(OpError::Arg(e)) => assert_eq!(e.problem, ArgProblem::Value),
        other => panic!("{:?}", other.err()),
    }

    let emreg = trustmeta::Emreg::parse(&read("tests/data/emrex/emreg-1.0-messy.json")).unwrap();
    let field = read("tests/data/emrex/signed/v1-rsa-sha256.xml.gz.b64");
    let mut call = Call::new(&ops::DECODE_ELMO_FIELD);
    call.set("field", ArgValue::Bytes(&field)).unwrap();
    let Output::Value(Value::Bytes(elmo)) = call.run().unwrap() else {
        panic!()
    };
    let mut call = Call::new(&ops::VERIFY_ELMO);
    call.set("xml", ArgValue::Bytes(&elmo)).unwrap();
    call.set("emreg", ArgValue::Emreg(&emreg)).unwrap();
    call.set("ncp", ArgValue::Text("TEST-NCP".into())).unwrap();
    call.set("now", ArgValue::Time(at("2026-06-01T00:00:00Z")))
        .unwrap();
    let out = call.run().unwrap();
    fits(&records::ELMO, out.value().unwrap());
    let learner = record(out.value().unwrap()).get("learner").unwrap();
    assert_eq!(str_of(record(learner), "family_name"), "Nordmann");
}

#[test]
fn arguments_are_refused_the_same_way_everywhere() {
    let trust = IssuerTrust::new();
    fn base<'a>(call: &mut Call<'a>, trust: &'a IssuerTrust) {
        call.set("xml", ArgValue::Bytes(b"<x/>")).unwrap();
        call.set("trust", ArgValue::IssuerTrust(trust)).unwrap();
        call.set("audience", ArgValue::Text("a".into())).unwrap();
        call.set("acs", ArgValue::Text("b".into())).unwrap();
    }
    let refused = |call: Call<'_>| match call.run() {
        Err(OpError::Arg(e)) => e,
        other => panic!("not refused: {:?}", other.err()),
    };

    // Values are refused when given, before anything runs.
    let mut call = Call::new(&ops::VERIFY_SAML_RESPONSE);
    base(&mut call, &trust);
    let e = call
        .set("profile", ArgValue::Text("saml2".into()))
        .unwrap_err();
    assert_eq!(e.problem, ArgProblem::Value);
    assert_eq!(
        e.to_string(),
        "verify_saml_response() argument 'profile' must be \"generic\", \"stork\" or \"eidas\", not \"saml2\""
    );

    let e = call.set("skew", ArgValue::Int(-1)).unwrap_err();
    assert_eq!(e.message, "must be between 0 and 4294967295, not -1");
    // A refused value leaves the call as it was: it still runs, on its other arguments.
    assert!(matches!(call.run(), Err(OpError::Core(_))));

    let mut call = Call::new(&ops::VERIFY_SAML_RESPONSE);
    call.set("xml", ArgValue::Bytes(b"<x/>")).unwrap();
    call.set("trust", ArgValue::IssuerTrust(&trust)).unwrap();
    let e = refused(call);
    assert_eq!(
        (e.problem, e.arg.as_str()),
        (ArgProblem::Missing, "audience")
    );

    let mut call = Call::new(&ops::VERIFY_SAML_RESPONSE);
    let e = call.set("xml", ArgValue::Text("<x/>".into())).unwrap_err();
    assert_eq!(
        (e.problem, e.message.as_str()),
        (ArgProblem::Type, "must be bytes")
    );
    let e = call
        .set("audiences", ArgValue::Text("a".into()))
        .unwrap_err();
    assert_eq!(e.problem, ArgProblem::Unknown);
}

#[test]
fn every_operation_refuses_junk_without_panicking() {
    let store = TrustStore::new();
    let trust = IssuerTrust::new();
    let cache = ops::SharedReplayCache::memory(1);
    let emreg = trustmeta::Emreg::parse(&read("tests/data/emrex/emreg-1.0-messy.json")).unwrap();
    let mut keys = ops::DecryptionKeys::new();
    keys.add_pem(&read("tests/data/saml/encrypted/keys/sp-rsa.key.pem"))
        .unwrap();
    for op in ops::ALL {
        let mut call = Call::new(op);
        for arg in op.args {
            if arg.default != ops::Default::Required {
                continue;
            }
            let v = match arg.kind {
                ops::ArgKind::Bytes => ArgValue::Bytes(b"<a xmlns='urn:x'>junk</a>"),
                ops::ArgKind::Text => ArgValue::Text("junk".into()),
                ops::ArgKind::Bool => ArgValue::Bool(true),
                ops::ArgKind::Int { min, .. } => ArgValue::Int(min),
                ops::ArgKind::Time => ArgValue::Time(at("2026-06-01T00:00:00Z")),
                ops::ArgKind::Choice(names) => ArgValue::Text(names[0].into()),
                ops::ArgKind::Store => ArgValue::Store(&store),
                ops::ArgKind::IssuerTrust => ArgValue::IssuerTrust(&trust),
                ops::ArgKind::ReplayCache => ArgValue::ReplayCache(&cache),
                ops::ArgKind::Emreg => ArgValue::Emreg(&emreg),
                ops::ArgKind::DecryptionKeys => ArgValue::DecryptionKeys(&keys),
            };
            call.set(arg.name, v).unwrap();
        }
        match call.run() {
            // Only the operations that take no document may succeed on junk.
            Ok(_) => assert!(
                matches!(op.name, "smp_name" | "metadata_stream"),
                "{} accepted junk",
                op.name
            ),
            Err(OpError::Arg(e)) => panic!("{}: {e}", op.name),
            Err(OpError::Core(_)) => {}
        }
    }
}

#[test]
fn a_saml_response_gives_the_end_of_its_session() {
    let shared = std::env::var("TRUSTMETA_SHARED")
        .unwrap_or_else(|_| format!("{}/../../shared", env!("CARGO_MANIFEST_DIR")));
    let dir = format!("{shared}/vectors/saml/xml-crypto/test/static");
    let xml = std::fs::read(format!("{dir}/valid_saml.xml")).unwrap();
    let pem = std::fs::read(format!("{dir}/feide_public.pem")).unwrap();
    let trust = IssuerTrust::any_issuer(TrustStore::from_pem(&pem).unwrap());
    let mut call = Call::new(&ops::VERIFY_SAML_RESPONSE);
    call.set("xml", ArgValue::Bytes(&xml)).unwrap();
    call.set("trust", ArgValue::IssuerTrust(&trust)).unwrap();
    call.set("audience", ArgValue::Text("passport-saml".into()))
        .unwrap();
    call.set(
        "acs",
        ArgValue::Text("http://localhost:3000/login/callback".into()),
    )
    .unwrap();
    call.set("request_id", ArgValue::Text("_d766d16611ac0d14121b".into()))
        .unwrap();
    call.set("now", ArgValue::Time(at("2012-07-03T11:32:20Z")))
        .unwrap();
    call.set("allow_sha1", ArgValue::Bool(true)).unwrap();
    call.set("min_rsa_bits", ArgValue::Int(1024)).unwrap();
    let out = call.run().unwrap();
    let r = record(out.value().unwrap());
    // As the document writes it.
    let text = String::from_utf8_lossy(&xml);
    let written = text
        .split("SessionNotOnOrAfter=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let (t, _) = DateTime::parse_xsd(written).unwrap();
    assert_eq!(r.get("session_not_on_or_after"), Some(&Value::Time(t)));
}
