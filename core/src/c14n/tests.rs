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
