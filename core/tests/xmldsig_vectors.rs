//! The public XML-DSig vectors of ../shared against what their originating projects say
//! (tests/conformance/xmldsig-upstream.tsv): each case agrees, is refused by a policy
//! this library keeps on purpose (named there), or disagrees. Prints the table with the
//! refusal reasons counted; fails on any disagreement or on a vector the table misses.

mod common;

use std::collections::BTreeMap;

struct Upstream {
    valid: bool,
    policy: Option<String>,
}

fn upstream() -> BTreeMap<String, Upstream> {
    let text =
        std::fs::read_to_string(common::repo().join("tests/conformance/xmldsig-upstream.tsv"))
            .unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id\tupstream\trefused_by_policy"));
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "bad row {l:?}");
            assert!(matches!(f[1], "valid" | "fail"), "bad verdict in {l:?}");
            let policy = (f[2] != "-").then(|| f[2].to_string());
            assert!(
                policy.is_none() || f[1] == "valid",
                "only a valid vector can be refused by policy: {l:?}"
            );
            (
                f[0].to_string(),
                Upstream {
                    valid: f[1] == "valid",
                    policy,
                },
            )
        })
        .collect()
}

#[test]
fn xmldsig_vectors_agree_with_their_projects() {
    let table = upstream();
    let mut agree = 0;
    let mut by_policy: BTreeMap<String, usize> = BTreeMap::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut disagree = Vec::new();
    let mut seen = 0;
    for c in common::cases()
        .iter()
        .filter(|c| c.file.starts_with("shared/vectors/xmldsig/"))
    {
        let up = table
            .get(&c.id)
            .unwrap_or_else(|| panic!("{} is missing from xmldsig-upstream.tsv", c.id));
        seen += 1;
        let got = c.run(&trustmeta::Portable);
        let accepted = got == "ok";
        if !accepted {
            *reasons.entry(got.clone()).or_default() += 1;
        }
        match (&up.policy, accepted == up.valid) {
            (None, true) => agree += 1,
            (Some(why), false) => *by_policy.entry(format!("{why} ({got})")).or_default() += 1,
            _ => disagree.push(format!(
                "{}: upstream {}, here {got}",
                c.id,
                if up.valid { "valid" } else { "fail" }
            )),
        }
    }
    assert_eq!(
        seen,
        table.len(),
        "xmldsig-upstream.tsv names cases that cases.tsv lacks"
    );
    let refused: usize = by_policy.values().sum();
    println!(
        "xmldsig vectors: {seen} cases: {agree} agree, {refused} refused by policy, {} disagree",
        disagree.len()
    );
    for (why, n) in &by_policy {
        println!("  refused by policy {n:>3}  {why}");
    }
    for (code, n) in &reasons {
        println!("  refusal code      {n:>3}  {code}");
    }
    for d in &disagree {
        println!("  DISAGREE  {d}");
    }
    assert!(disagree.is_empty(), "{disagree:?}");
}
