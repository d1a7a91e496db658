//! Every case of tests/conformance/smp-cases.tsv (SMP records: the shared vectors and our
//! xmlsec1-signed records, each with the question asked) and smp-names.tsv (lookup
//! names). The C, Python, JS and CLI front doors run the same two tables.

mod common;

use common::{at, read};
use trustmeta::{
    bdxl_name, sml_cname, verify_smp, DocumentId, IdentifierPolicy, ParticipantId, Policy,
    ProcessId, SmpQuestion, TrustStore,
};

fn table(name: &str, columns: usize) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(common::repo().join("tests/conformance").join(name))
        .unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<String> = l.split('\t').map(String::from).collect();
            assert_eq!(f.len(), columns, "{name}: bad row: {l}");
            f
        })
        .collect()
}

fn list(s: &str) -> Vec<&str> {
    if s == "-" {
        vec![]
    } else {
        s.split(',').collect()
    }
}

fn opt(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

/// "ok N" (N active endpoints) or the error code.
fn run_case(f: &[String]) -> String {
    let mut store = TrustStore::new();
    for t in list(&f[2]) {
        store.add_pem(&read(t)).unwrap();
    }
    for i in list(&f[3]) {
        store.add_intermediates_pem(&read(i)).unwrap();
    }
    let mut policy = Policy::default();
    for o in list(&f[5]) {
        match o.split_once('=') {
            None if o == "allow_sha1" => policy.allow_sha1 = true,
            Some(("min_rsa_bits", n)) => policy.min_rsa_bits = n.parse().unwrap(),
            _ => panic!("unknown option {o}"),
        }
    }
    let question = SmpQuestion {
        participant: ParticipantId::parse(&f[6]).unwrap(),
        document: DocumentId::parse(&f[7]).unwrap(),
        process: opt(&f[8]).map(|p| ProcessId::parse(p).unwrap()),
        transport_profile: opt(&f[9]).map(String::from),
    };
    match verify_smp(&read(&f[1]), &question, &store, &policy, at(&f[4])) {
        Ok(v) => format!("ok {}", v.endpoints().len()),
        Err(e) => e.code().as_str().into(),
    }
}

#[test]
fn smp_conformance() {
    let cases = table("smp-cases.tsv", 12);
    let names = table("smp-names.tsv", 4);
    let mut failed = Vec::new();
    for f in &cases {
        let want = if f[10] == "ok" {
            format!("ok {}", f[11])
        } else {
            f[10].clone()
        };
        let got = run_case(f);
        if got != want {
            println!("FAIL {}: expected {want}, got {got}", f[0]);
            failed.push(f[0].clone());
        }
    }
    let ids = IdentifierPolicy::default();
    for f in &names {
        let p = ParticipantId::parse(&f[0]).unwrap();
        let got = match f[2].as_str() {
            "bdxl" => bdxl_name(&p, &f[1], &ids),
            "cname" => sml_cname(&p, &f[1], &ids),
            k => panic!("unknown kind {k}"),
        };
        if got != f[3] {
            println!(
                "FAIL name {} {} {}: expected {}, got {got}",
                f[0], f[1], f[2], f[3]
            );
            failed.push(format!("name {}", f[0]));
        }
    }
    let total = cases.len() + names.len();
    println!(
        "rust-smp: {} passed, {} failed",
        total - failed.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "rust-smp: mismatches: {failed:?}");
}
