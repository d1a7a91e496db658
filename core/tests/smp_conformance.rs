//! Every case of tests/conformance/smp-cases.tsv (SMP records: the shared vectors and our
//! xmlsec1-signed records, each with the question asked) and smp-names.tsv (lookup
//! names) and smp-redirects.tsv (a redirecting record and the record its href gave). The
//! C, Python, JS and CLI front doors run the same three tables.

mod common;

use common::{at, read};
use trustmeta::{
    bdxl_name, sml_cname, verify_smp, verify_smp_extension_signatures, verify_smp_redirect_target,
    DocumentId, IdentifierPolicy, ParticipantId, Policy, ProcessId, SmpQuestion, TrustStore,
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

/// The store, policy, question and time of a row whose `trust` column is `f[0]`, and
/// the owners' anchors its `owner=` options name (none: owner signatures unchecked).
fn setup(
    f: &[String],
) -> (
    TrustStore,
    Policy,
    SmpQuestion,
    trustmeta::DateTime,
    Option<TrustStore>,
) {
    let mut store = TrustStore::new();
    for t in list(&f[0]) {
        store.add_pem(&read(t)).unwrap();
    }
    for i in list(&f[1]) {
        store.add_intermediates_pem(&read(i)).unwrap();
    }
    let mut policy = Policy::default();
    let mut owners: Option<TrustStore> = None;
    for o in list(&f[3]) {
        match o.split_once('=') {
            None if o == "allow_sha1" => policy.allow_sha1 = true,
            Some(("min_rsa_bits", n)) => policy.min_rsa_bits = n.parse().unwrap(),
            Some(("owner", path)) => owners
                .get_or_insert_with(TrustStore::new)
                .add_pem(&read(path))
                .unwrap(),
            _ => panic!("unknown option {o}"),
        }
    }
    let question = SmpQuestion {
        participant: ParticipantId::parse(&f[4]).unwrap(),
        document: DocumentId::parse(&f[5]).unwrap(),
        process: opt(&f[6]).map(|p| ProcessId::parse(p).unwrap()),
        transport_profile: opt(&f[7]).map(String::from),
        identifiers: IdentifierPolicy::default(),
    };
    (store, policy, question, at(&f[2]), owners)
}

/// "ok N" (N active endpoints) or the error code: the record's, then, when it verified
/// and the row names owners' anchors, its owner signatures'.
fn run_case(f: &[String]) -> String {
    let (store, policy, question, now, owners) = setup(&f[2..]);
    let xml = read(&f[1]);
    let checked = verify_smp(&xml, &question, &store, &policy, now).and_then(|v| match &owners {
        Some(o) => verify_smp_extension_signatures(&xml, o, &policy, now).map(|_| v),
        None => Ok(v),
    });
    match checked {
        Ok(v) => format!("ok {}", v.endpoints().len()),
        Err(e) => e.code().as_str().into(),
    }
}

/// As `run_case` for a row of smp-redirects.tsv: the first record must verify and
/// redirect; the target is verified against that redirect.
fn run_redirect(f: &[String]) -> String {
    let (store, policy, question, now, _) = setup(&f[3..]);
    let first = match verify_smp(&read(&f[1]), &question, &store, &policy, now) {
        Ok(v) => v,
        Err(e) => return e.code().as_str().into(),
    };
    let Some(redirect) = first.redirect() else {
        return "first record is not a redirect".into();
    };
    match verify_smp_redirect_target(&read(&f[2]), &question, redirect, &store, &policy, now) {
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

#[test]
fn smp_redirect_conformance() {
    let cases = table("smp-redirects.tsv", 13);
    let mut failed = Vec::new();
    for f in &cases {
        let want = if f[11] == "ok" {
            format!("ok {}", f[12])
        } else {
            f[11].clone()
        };
        let got = run_redirect(f);
        if got != want {
            println!("FAIL {}: expected {want}, got {got}", f[0]);
            failed.push(f[0].clone());
        }
    }
    println!(
        "rust-smp-redirects: {} passed, {} failed",
        cases.len() - failed.len(),
        failed.len()
    );
    assert!(
        failed.is_empty(),
        "rust-smp-redirects: mismatches: {failed:?}"
    );
}
