//! Feeds the canonicalizer from the parsed tree.

use alloc::string::String;
use alloc::vec::Vec;

use super::{Attr, C14nMethod, Canonicalizer, NsDecl, Options, Scratch, Sink};
use crate::xml::lexer::Arrays;
use crate::xml::{recycle, Node, NodeId, NS_XML};

/// Canonicalizes `node` (the document root or an element, the apex) minus the subtrees
/// rooted at `exclude` (in document order), writing into `sink`.
pub(crate) fn canonicalize<'a, 'd: 'a, S: Sink>(
    node: Node<'a, 'd>,
    opts: Options<'_>,
    exclude: &[NodeId],
    sink: S,
) -> S {
    canonicalize_with(node, opts, exclude, sink, &mut Scratch::default())
}

/// [`canonicalize`] working in `scratch`, which it leaves empty for the next one.
pub(crate) fn canonicalize_with<'a, 'd: 'a, S: Sink>(
    node: Node<'a, 'd>,
    opts: Options<'_>,
    exclude: &[NodeId],
    sink: S,
    scratch: &mut Scratch,
) -> S {
    let mut decls: Vec<NsDecl<'a>> = recycle(core::mem::take(&mut scratch.decls));
    let mut attrs: Vec<Attr<'a>> = recycle(core::mem::take(&mut scratch.attrs));
    let mut open = core::mem::take(&mut scratch.open);
    open.clear();
    // What the tokenizer reserves, so that canonicalizing in the arrays a parse used
    // does not grow them for a usual element.
    decls.reserve(Arrays::DECLS);
    attrs.reserve(Arrays::ATTRS);
    open.reserve(Arrays::TAGS);
    // The tokenizer's own array, kept for the next parse.
    let raw = core::mem::take(&mut scratch.raw);
    let mut c = Canonicalizer::with_scratch(opts, sink, core::mem::take(scratch));
    // Owned values for the apex's inherited xml:base (C14N 1.1 fixup).
    let mut fixed_base = String::new();
    let apex = node.id();
    let mut ids = node.subtree();
    let doc = node.document();
    // The exclusions are met in document order: one cursor keeps this linear however
    // many there are.
    debug_assert!(exclude.windows(2).all(|w| w[0] < w[1]));
    let mut next_excluded = 0;
    while let Some(id) = ids.next() {
        let Some(n) = doc.get_node(NodeId::from_raw(id)) else {
            break;
        };
        while open.last().is_some_and(|&end| id >= end) {
            open.pop();
            c.end();
        }
        while exclude.get(next_excluded).is_some_and(|e| *e < n.id()) {
            next_excluded += 1;
        }
        if exclude.get(next_excluded) == Some(&n.id()) {
            // Skip the whole subtree.
            let end = n.subtree().end;
            if end > id + 1 {
                ids = end..node.subtree().end;
            }
            continue;
        }
        if let Some(t) = n.text() {
            if n.is_text() {
                c.text(t);
            } else {
                c.comment(t);
            }
        } else if let Some((target, data)) = n.pi() {
            c.pi(target, data);
        } else if n.is_element() {
            decls.clear();
            if n.id() == apex {
                // The apex renders every binding in scope, as if its ancestors had not;
                // listed in the declarations' own array (the pairs have their layout).
                let mut pairs: Vec<(&str, &str)> = recycle(core::mem::take(&mut decls));
                n.namespaces_in_scope_into(&mut pairs);
                decls = pairs
                    .into_iter()
                    .map(|(prefix, uri)| NsDecl { prefix, uri })
                    .collect();
            } else {
                for (prefix, uri) in n.declarations() {
                    decls.push(NsDecl { prefix, uri });
                }
            }
            attrs.clear();
            for a in n.attributes() {
                attrs.push(Attr {
                    prefix: a.prefix,
                    local: a.local,
                    ns: a.namespace.unwrap_or(""),
                    value: a.value,
                });
            }
            if n.id() == apex && opts.method != C14nMethod::Exclusive10 {
                inherit_xml_attributes(n, opts.method, &mut attrs, &mut fixed_base);
                if !fixed_base.is_empty() {
                    // The fixed-up xml:base replaces the one collected above.
                    attrs.retain(|a| !(a.ns == NS_XML && a.local == "base"));
                }
            }
            if n.id() == apex && !fixed_base.is_empty() {
                let mut with_base: Vec<Attr<'_>> = attrs.clone();
                with_base.push(Attr {
                    prefix: "xml",
                    local: "base",
                    ns: NS_XML,
                    value: &fixed_base,
                });
                c.start(n.prefix(), n.local_name(), &decls, &with_base);
            } else {
                c.start(n.prefix(), n.local_name(), &decls, &attrs);
            }
            open.push(n.subtree().end);
        }
    }
    while open.pop().is_some() {
        c.end();
    }
    let (sink, mut kept) = c.into_parts();
    kept.open = open;
    kept.decls = recycle(decls);
    kept.attrs = recycle(attrs);
    kept.raw = raw;
    *scratch = kept;
    sink
}

/// Inclusive canonicalization of a subtree carries the ancestors' `xml:*` attributes onto
/// the apex: all of them in C14N 1.0; `xml:lang` and `xml:space` in 1.1, with `xml:base`
/// joined along the ancestors ("fixup") and `xml:id` not inherited.
fn inherit_xml_attributes<'a, 'd: 'a>(
    apex: Node<'a, 'd>,
    method: C14nMethod,
    attrs: &mut Vec<Attr<'a>>,
    fixed_base: &mut String,
) {
    let mut bases: Vec<&str> = Vec::new();
    for anc in apex.ancestors().skip(1).filter(Node::is_element) {
        for a in anc.attributes().filter(|a| a.namespace == Some(NS_XML)) {
            let local = a.local;
            if method == C14nMethod::Inclusive11 {
                if local == "base" {
                    bases.push(a.value);
                    continue;
                }
                if local != "lang" && local != "space" {
                    continue;
                }
            }
            if attrs.iter().any(|x| x.ns == NS_XML && x.local == local) {
                continue;
            }
            attrs.push(Attr {
                prefix: "xml",
                local,
                ns: NS_XML,
                value: a.value,
            });
        }
    }
    if method == C14nMethod::Inclusive11 && !bases.is_empty() {
        let own = apex.attribute_ns(NS_XML, "base");
        let mut joined = String::new();
        for b in bases.iter().rev().copied().chain(own) {
            joined = resolve_uri(&joined, b);
        }
        *fixed_base = joined;
    }
}

/// RFC 3986 §5.2 reference resolution, enough for xml:base fixup.
fn resolve_uri(base: &str, reference: &str) -> String {
    let has_scheme = |s: &str| {
        s.find(':').is_some_and(|i| {
            i > 0 && !s[..i].contains(['/', '?', '#']) && s.as_bytes()[0].is_ascii_alphabetic()
        })
    };
    if base.is_empty() || has_scheme(reference) {
        return String::from(reference);
    }
    if reference.is_empty() {
        return String::from(base.split('#').next().unwrap_or(base));
    }
    let (scheme, rest) = match base.find(':').filter(|_| has_scheme(base)) {
        Some(i) => (&base[..=i], &base[i + 1..]),
        None => ("", base),
    };
    let (authority, path) = if let Some(r) = rest.strip_prefix("//") {
        let end = r.find(['/', '?', '#']).unwrap_or(r.len());
        (&rest[..end + 2], &r[end..])
    } else {
        ("", rest)
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut out = String::from(scheme);
    if let Some(r) = reference.strip_prefix("//") {
        out.push_str("//");
        out.push_str(r);
        return out;
    }
    out.push_str(authority);
    if reference.starts_with('/') {
        out.push_str(&remove_dot_segments(reference));
    } else if reference.starts_with(['?', '#']) {
        out.push_str(path);
        out.push_str(reference);
    } else {
        let dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None if !authority.is_empty() => "/",
            None => "",
        };
        let mut merged = String::from(dir);
        merged.push_str(reference);
        out.push_str(&remove_dot_segments(&merged));
    }
    out
}

fn remove_dot_segments(path: &str) -> String {
    let (p, tail) = match path.find(['?', '#']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let mut segs: Vec<&str> = Vec::new();
    let parts: Vec<&str> = p.split('/').collect();
    let last = parts.len().saturating_sub(1);
    for (i, s) in parts.iter().enumerate() {
        match *s {
            "." => {
                if i == last {
                    segs.push("");
                }
            }
            ".." => {
                if segs.len() > 1 || segs.first().is_some_and(|f| !f.is_empty()) {
                    segs.pop();
                }
                if i == last {
                    segs.push("");
                }
            }
            other => segs.push(other),
        }
    }
    let mut out = segs.join("/");
    if p.starts_with('/') && !out.starts_with('/') {
        out.insert(0, '/');
    }
    out.push_str(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::resolve_uri;

    #[test]
    fn resolves_references() {
        assert_eq!(resolve_uri("http://a/b/c/d", "g"), "http://a/b/c/g");
        assert_eq!(resolve_uri("http://a/b/c/d", "../g"), "http://a/b/g");
        assert_eq!(resolve_uri("http://a/b/c/d", "/g"), "http://a/g");
        assert_eq!(resolve_uri("http://a/b/c/d", "urn:x"), "urn:x");
        assert_eq!(resolve_uri("", "foo/"), "foo/");
        assert_eq!(resolve_uri("foo/", "bar"), "foo/bar");
    }
}
