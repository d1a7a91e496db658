//! Small cases whose canonical forms are worked out by hand from the specifications.

use alloc::string::String;
use alloc::vec::Vec;

use super::{canonicalize, C14nMethod, Options};
use crate::xml::{parse, Limits};

fn c14n(
    xml: &str,
    method: C14nMethod,
    with_comments: bool,
    subtree: Option<&str>,
    prefixes: &[String],
) -> String {
    let doc = parse(xml.as_bytes(), &Limits::default()).unwrap();
    let node = match subtree {
        Some(name) => doc.descendants().find(|n| n.local_name() == name).unwrap(),
        None => doc.root(),
    };
    let opts = Options {
        method,
        with_comments,
        inclusive_prefixes: prefixes,
    };
    String::from_utf8(canonicalize(node, opts, &[], Vec::new())).unwrap()
}

#[test]
fn attributes_sorted_namespaces_first_and_escaped() {
    let xml = "<e b=\"2\" a='1\"&amp;' xmlns:z='urn:z' z:c='3' xmlns='urn:d'/>";
    assert_eq!(
        c14n(xml, C14nMethod::Inclusive10, false, None, &[]),
        "<e xmlns=\"urn:d\" xmlns:z=\"urn:z\" a=\"1&quot;&amp;\" b=\"2\" z:c=\"3\"></e>"
    );
}

#[test]
fn inclusive_subtree_carries_ancestor_namespaces_and_xml_attributes() {
    let xml = "<r xmlns:a='urn:a' xml:lang='en'><s><t/></s></r>";
    assert_eq!(
        c14n(xml, C14nMethod::Inclusive10, false, Some("s"), &[]),
        "<s xmlns:a=\"urn:a\" xml:lang=\"en\"><t></t></s>"
    );
    // Exclusive drops both: nothing in <s> uses `a`, and xml:* is not inherited.
    assert_eq!(
        c14n(xml, C14nMethod::Exclusive10, false, Some("s"), &[]),
        "<s><t></t></s>"
    );
    // …unless the prefix is named in the InclusiveNamespaces PrefixList.
    assert_eq!(
        c14n(
            xml,
            C14nMethod::Exclusive10,
            false,
            Some("s"),
            &[String::from("a")]
        ),
        "<s xmlns:a=\"urn:a\"><t></t></s>"
    );
}

#[test]
fn exclusive_renders_a_prefix_where_it_is_first_used() {
    let xml = "<r xmlns:p='urn:p'><s><p:t/><p:u/></s></r>";
    assert_eq!(
        c14n(xml, C14nMethod::Exclusive10, false, Some("s"), &[]),
        "<s><p:t xmlns:p=\"urn:p\"></p:t><p:u xmlns:p=\"urn:p\"></p:u></s>"
    );
}

#[test]
fn empty_default_namespace_only_undoes_a_rendered_one() {
    let xml = "<r xmlns='urn:d'><s xmlns=''><t/></s></r>";
    assert_eq!(
        c14n(xml, C14nMethod::Inclusive10, false, None, &[]),
        "<r xmlns=\"urn:d\"><s xmlns=\"\"><t></t></s></r>"
    );
    assert_eq!(
        c14n("<s xmlns=''/>", C14nMethod::Inclusive10, false, None, &[]),
        "<s></s>"
    );
}

#[test]
fn comments_and_pis_outside_the_root_get_newlines() {
    let xml = "<?xml version='1.0'?>\n<!--a-->\n<?p d?>\n<r>x<!--b-->\r\n</r>\n<!--c-->";
    assert_eq!(
        c14n(xml, C14nMethod::Inclusive10, true, None, &[]),
        "<!--a-->\n<?p d?>\n<r>x<!--b-->\n</r>\n<!--c-->"
    );
    assert_eq!(
        c14n(xml, C14nMethod::Inclusive10, false, None, &[]),
        "<?p d?>\n<r>x\n</r>"
    );
}

#[test]
fn text_escaping_and_cdata() {
    let xml = "<r><![CDATA[<&>]]>&#13;\"'</r>";
    assert_eq!(
        c14n(xml, C14nMethod::Exclusive10, false, None, &[]),
        "<r>&lt;&amp;&gt;&#xD;\"'</r>"
    );
}

#[test]
fn c14n11_inherits_lang_but_not_id() {
    let xml = "<r xml:lang='de' xml:id='x'><s/></r>";
    assert_eq!(
        c14n(xml, C14nMethod::Inclusive11, false, Some("s"), &[]),
        "<s xml:lang=\"de\"></s>"
    );
    assert_eq!(
        c14n(xml, C14nMethod::Inclusive10, false, Some("s"), &[]),
        "<s xml:id=\"x\" xml:lang=\"de\"></s>"
    );
}

#[test]
fn line_ends_in_comments_and_pis_are_normalized() {
    let xml = "<?p a\r\nb\rc?><r><!--x\r\ny--></r>";
    assert_eq!(
        c14n(xml, C14nMethod::Inclusive10, true, None, &[]),
        "<?p a\nb\nc?>\n<r><!--x\ny--></r>"
    );
}

/// Canonicalizations that share their arrays give what each gives alone: nothing of one
/// (a namespace rendered, an open element, a comment setting) carries over to the next,
/// whatever the methods and in either order.
#[test]
fn a_shared_scratch_carries_nothing_over() {
    use super::{canonicalize_with, Scratch};
    let docs = [
        "<a:r xmlns:a='urn:a' xmlns='urn:d'><a:s b='1'><t/><!--c--></a:s></a:r>",
        "<a:s xmlns:a='urn:other'><u xmlns='urn:d'><!--c--><v a:x='2'/></u></a:s>",
        "<?p d?><r><a:s xmlns:a='urn:a'/></r>",
    ];
    let methods = [
        (C14nMethod::Exclusive10, false),
        (C14nMethod::Inclusive10, true),
        (C14nMethod::Inclusive11, false),
        (C14nMethod::Exclusive10, true),
    ];
    let prefixes = [String::from("a")];
    let mut scratch = Scratch::default();
    for round in 0..2 {
        for (i, xml) in docs.iter().enumerate() {
            for (k, &(method, with_comments)) in methods.iter().enumerate() {
                let doc = parse(xml.as_bytes(), &Limits::default()).unwrap();
                // The whole document, then a subtree, so apexes with and without
                // inherited bindings follow each other.
                for node in [
                    doc.root(),
                    doc.root_element()
                        .first_element_child()
                        .unwrap_or(doc.root_element()),
                ] {
                    let opts = Options {
                        method,
                        with_comments,
                        inclusive_prefixes: if (i + k + round) % 2 == 0 {
                            &prefixes
                        } else {
                            &[]
                        },
                    };
                    let alone = canonicalize(node, opts, &[], Vec::new());
                    let shared = canonicalize_with(node, opts, &[], Vec::new(), &mut scratch);
                    assert_eq!(
                        String::from_utf8(shared).unwrap(),
                        String::from_utf8(alone).unwrap(),
                        "{xml} {method:?} comments={with_comments}"
                    );
                }
            }
        }
    }
}

/// A document, options, and the canonical form of its element `s` in fresh arrays: what
/// canonicalizing in arrays used before must give again.
fn shared_arrays_sample() -> (&'static str, Options<'static>, Vec<u8>) {
    let xml = "<r xmlns='urn:d' xmlns:a='urn:a'><a:s b='1' a:c='2'><t/></a:s></r>";
    let opts = Options {
        method: C14nMethod::Inclusive10,
        with_comments: false,
        inclusive_prefixes: &[],
    };
    let doc = parse(xml.as_bytes(), &Limits::default()).unwrap();
    let s = doc.descendants().find(|n| n.local_name() == "s").unwrap();
    (xml, opts, canonicalize(s, opts, &[], Vec::new()))
}

/// A verification reads its document in the arrays it then canonicalizes in
/// (`xml::parse_in`): whatever a parse leaves in them, a refused one included, must not
/// reach the canonical form.
#[test]
fn arrays_lent_to_a_parse_carry_nothing_into_canonicalization() {
    use super::tree::canonicalize_with;
    use super::Scratch;
    use crate::xml::parse_in;
    let (xml, opts, fresh) = shared_arrays_sample();
    assert_eq!(
        String::from_utf8(fresh.clone()).unwrap(),
        "<a:s xmlns=\"urn:d\" xmlns:a=\"urn:a\" b=\"1\" a:c=\"2\"><t></t></a:s>"
    );
    let mut scratch = Scratch::default();
    // Other bindings, names and attributes, and a parse that stops half-way in them.
    let other = "<x:q xmlns:x='urn:x' xmlns='urn:e' k='v'><x:w j='1' xmlns:a='urn:other'/></x:q>";
    assert!(parse_in(other.as_bytes(), &Limits::default(), &mut scratch).is_ok());
    let doc = parse_in(xml.as_bytes(), &Limits::default(), &mut scratch).unwrap();
    let broken = "<x:q xmlns:x='urn:x' xmlns='urn:z' xmlns:a='urn:z'><x:w j='1'></x:q>";
    assert!(parse_in(broken.as_bytes(), &Limits::default(), &mut scratch).is_err());
    let s = doc.descendants().find(|n| n.local_name() == "s").unwrap();
    assert_eq!(
        canonicalize_with(s, opts, &[], Vec::new(), &mut scratch),
        fresh
    );
    // And again in the same arrays, as a second Reference would be.
    assert_eq!(
        canonicalize_with(s, opts, &[], Vec::new(), &mut scratch),
        fresh
    );
}

/// A thread's verifications share their arrays through the pool (`Pooled`): what one
/// leaves, a refused parse included, must not reach the next one's canonical form, and
/// arrays grown past the pool's bound are freed rather than kept.
#[cfg(feature = "std")]
#[test]
fn pooled_arrays_come_back_empty_and_bounded() {
    use super::tree::canonicalize_with;
    use super::{Pooled, POOL_KEEP};
    use crate::xml::parse_in;
    let (xml, opts, fresh) = shared_arrays_sample();
    // Runs on a thread of its own, so its pool starts empty.
    std::thread::spawn(move || {
        {
            let mut p = Pooled::take();
            let other = "<x:q xmlns:x='urn:x' xmlns='urn:e' xmlns:a='urn:other' k='v'><x:w/></x:q>";
            let doc = parse_in(other.as_bytes(), &Limits::default(), &mut p).unwrap();
            let _ = canonicalize_with(doc.root(), opts, &[], Vec::new(), &mut p);
            let broken = "<x:q xmlns:x='urn:x' xmlns:a='urn:z'><x:w j='1'></x:q>";
            assert!(parse_in(broken.as_bytes(), &Limits::default(), &mut p).is_err());
        }
        let mut p = Pooled::take();
        assert!(
            p.retained() > 0,
            "the first verification's arrays were kept"
        );
        let doc = parse_in(xml.as_bytes(), &Limits::default(), &mut p).unwrap();
        let s = doc.descendants().find(|n| n.local_name() == "s").unwrap();
        assert_eq!(canonicalize_with(s, opts, &[], Vec::new(), &mut p), fresh);
        drop(doc);
        drop(p);
        // A taker while the pool's arrays are out (a verification inside another)
        // gets fresh ones.
        let outer = Pooled::take();
        assert!(outer.retained() > 0 && Pooled::take().retained() == 0);
        drop(outer);
        // Arrays grown past the bound by a long attribute value are not kept.
        {
            let long = alloc::format!("<r a='{}'/>", "v".repeat(2 * POOL_KEEP));
            let mut p = Pooled::take();
            let doc = parse_in(long.as_bytes(), &Limits::default(), &mut p).unwrap();
            let _ = canonicalize_with(doc.root(), opts, &[], Vec::new(), &mut p);
            assert!(p.retained() > POOL_KEEP);
        }
        assert_eq!(Pooled::take().retained(), 0);
    })
    .join()
    .unwrap();
}

/// The apex of an inclusive canonicalization renders every binding in scope, the
/// innermost of each prefix, once; many prefixes on many ancestors cost a sort, not a
/// search among those kept for each one.
#[test]
fn apex_renders_the_innermost_binding_of_each_prefix_once() {
    let mut xml = String::new();
    let depth = 60;
    for d in 0..depth {
        xml.push_str("<e");
        for p in 0..60 {
            // Prefix p{p} is redeclared on every level: the innermost, level depth-1, wins.
            xml.push_str(&alloc::format!(" xmlns:p{p}='urn:{d}:{p}'"));
        }
        xml.push_str(&alloc::format!(" xmlns:u{d}='urn:u{d}'>"));
    }
    xml.push_str("<apex/>");
    for _ in 0..depth {
        xml.push_str("</e>");
    }
    let limits = Limits {
        max_attributes: 64,
        ..Limits::default()
    };
    let doc = parse(xml.as_bytes(), &limits).unwrap();
    let apex = doc
        .descendants()
        .find(|n| n.local_name() == "apex")
        .unwrap();
    let mut seen = apex.namespaces_in_scope();
    seen.sort();
    assert_eq!(seen.len(), 60 + depth);
    for p in 0..60 {
        let prefix = alloc::format!("p{p}");
        let uri = alloc::format!("urn:{}:{p}", depth - 1);
        assert!(seen.contains(&(prefix.as_str(), uri.as_str())), "{prefix}");
    }
    let out = c14n(&xml, C14nMethod::Inclusive10, false, Some("apex"), &[]);
    assert_eq!(out.matches(" xmlns:").count(), 60 + depth);
    assert!(out.contains(&alloc::format!(" xmlns:p7=\"urn:{}:7\"", depth - 1)));
}
