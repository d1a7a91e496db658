//! Namespace bindings in scope, changed by what each element declares and looked up by
//! prefix in logarithmic time.
//!
//! Both readers and the canonicalizer keep one of these. An element pushes what it
//! declares and its end pops it again, so no step copies the bindings an element
//! inherits, and a lookup costs the same however many bindings are in scope: a document
//! that declares thousands of namespaces on its ancestors cannot make each element cost
//! thousands of comparisons (DESIGN.md invariant 11).

use alloc::string::String;
use alloc::vec::Vec;

/// No binding: the prefix is not declared, or a binding shadows none.
const NONE: u32 = u32::MAX;

/// Up to this many bindings, a prefix is looked up by scanning them from the innermost
/// out, and the sorted index is not built: a signed document usually declares a handful,
/// and the index would be one more allocation for each reader and canonicalizer. Past
/// it, the index is built from the bindings and kept until [`NsScope::clear`].
const SCANNED: usize = 8;

#[derive(Clone, Copy)]
struct Binding {
    prefix: (u32, u32),
    uri: (u32, u32),
    /// The binding of the same prefix that this one hides, or [`NONE`].
    shadows: u32,
    /// Where its entry is in `current`. Bindings end in the reverse order they began,
    /// so when this one ends, `current` is laid out as it was right after it began.
    /// Unset (like `shadows` of a prefix other than the default one) while the bindings
    /// are scanned: [`NsScope::index`] sets both when it builds `current`.
    pos: u32,
    /// A number the owner gives the binding (the reader: its declaration's ordinal).
    tag: u32,
}

/// A position to pop back to: the bindings pushed after it go out of scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mark(u32);

/// The bindings in scope: a stack in declaration order, and for each prefix in scope the
/// innermost binding, kept sorted by prefix for binary search.
pub(crate) struct NsScope {
    text: String,
    bindings: Vec<Binding>,
    /// One entry per prefix in scope, sorted by prefix: the prefix's key — its first
    /// eight bytes, big-endian and zero-padded, which order prefixes as their bytes do
    /// (names hold no NUL) and usually decide a comparison alone, kept here so that a
    /// search touches one array — and the index of its binding in `bindings`. Built
    /// only past [`SCANNED`] bindings (`indexed`).
    current: Vec<(u64, u32)>,
    indexed: bool,
    /// The default namespace's binding (the most looked-up one), or [`NONE`].
    default: u32,
    /// The last prefix looked up (up to eight bytes: key, length) and its binding:
    /// elements mostly repeat their parent's prefix, and most declare nothing.
    last: core::cell::Cell<(u64, u32, u32)>,
}

impl Default for NsScope {
    fn default() -> Self {
        Self::new()
    }
}

impl NsScope {
    pub(crate) fn new() -> Self {
        NsScope {
            text: String::new(),
            bindings: Vec::new(),
            current: Vec::new(),
            indexed: false,
            default: NONE,
            last: core::cell::Cell::new((0, u32::MAX, NONE)),
        }
    }

    /// Drops every binding and keeps the arrays, for the next document.
    /// The bytes its arrays hold.
    #[cfg(feature = "std")]
    pub(crate) fn retained(&self) -> usize {
        self.text.capacity().saturating_add(
            (self
                .bindings
                .capacity()
                .saturating_mul(core::mem::size_of::<Binding>()))
            .saturating_add(
                self.current
                    .capacity()
                    .saturating_mul(core::mem::size_of::<(u64, u32)>()),
            ),
        )
    }

    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.bindings.clear();
        self.current.clear();
        self.indexed = false;
        self.default = NONE;
        self.last.set((0, u32::MAX, NONE));
    }

    /// The binding in force for `prefix`, or [`NONE`].
    fn current_of(&self, prefix: &str, found: Result<usize, usize>) -> u32 {
        if prefix.is_empty() {
            self.default
        } else if !self.indexed {
            self.scan(prefix)
        } else {
            found.map_or(NONE, |i| self.current[i].1)
        }
    }

    /// Where `prefix` is in `current` (the default namespace is kept apart, and nothing
    /// is while the bindings are scanned).
    fn locate(&self, prefix: &str) -> Result<usize, usize> {
        if prefix.is_empty() || !self.indexed {
            Err(0)
        } else {
            self.find(prefix)
        }
    }

    /// The innermost binding of `prefix` (not the default namespace), by scanning.
    fn scan(&self, prefix: &str) -> u32 {
        self.bindings
            .iter()
            .rposition(|b| b.prefix.0 != b.prefix.1 && self.span(b.prefix) == prefix)
            .map_or(NONE, |i| i as u32)
    }

    /// Builds `current` from the bindings, as if each had been pushed with it.
    fn index(&mut self) {
        self.indexed = true;
        self.current.clear();
        self.current.reserve(2 * SCANNED);
        for idx in 0..self.bindings.len() {
            let b = self.bindings[idx];
            if b.prefix.0 == b.prefix.1 {
                continue;
            }
            let prefix = &self.text[b.prefix.0 as usize..b.prefix.1 as usize];
            let found = self.find(prefix);
            let key = key_of(prefix.as_bytes());
            let (shadows, pos) = self.link(found, key, idx as u32);
            self.bindings[idx].shadows = shadows;
            self.bindings[idx].pos = pos;
        }
    }

    /// Makes binding `idx` of a prefix (key `key`, found at `found` in `current`) the
    /// one in force; the binding it hides, and where its entry is.
    fn link(&mut self, found: Result<usize, usize>, key: u64, idx: u32) -> (u32, u32) {
        match found {
            Ok(i) => (core::mem::replace(&mut self.current[i].1, idx), i as u32),
            Err(i) => {
                self.current.insert(i, (key, idx));
                (NONE, i as u32)
            }
        }
    }

    fn span(&self, s: (u32, u32)) -> &str {
        &self.text[s.0 as usize..s.1 as usize]
    }

    fn keep(&mut self, s: &str) -> (u32, u32) {
        let start = self.text.len();
        self.text.push_str(s);
        // Bindings in scope come from open start tags, each bounded by the reading limits.
        (start as u32, self.text.len() as u32)
    }

    fn find(&self, prefix: &str) -> Result<usize, usize> {
        let key = key_of(prefix.as_bytes());
        let long = prefix.len() > 8;
        self.current.binary_search_by(|&(k, b)| match k.cmp(&key) {
            core::cmp::Ordering::Equal => {
                let b = &self.bindings[b as usize];
                if long || b.prefix.1 - b.prefix.0 > 8 {
                    self.text.as_bytes()[b.prefix.0 as usize..b.prefix.1 as usize]
                        .cmp(prefix.as_bytes())
                } else {
                    core::cmp::Ordering::Equal
                }
            }
            o => o,
        })
    }

    /// The position to [`pop`](NsScope::pop) back to.
    pub(crate) fn mark(&self) -> Mark {
        Mark(self.bindings.len() as u32)
    }

    /// Binds `prefix` (`""` for the default namespace) to `uri` from here on. Returns
    /// whether `prefix` was already bound after `mark` (by the same element), in which
    /// case nothing changes.
    pub(crate) fn push_once(&mut self, mark: Mark, prefix: &str, uri: &str, tag: u32) -> bool {
        let found = self.locate(prefix);
        let now = self.current_of(prefix, found);
        if now != NONE && now >= mark.0 {
            return true;
        }
        self.insert(found, prefix, uri, tag);
        false
    }

    /// Binds `prefix` (`""` for the default namespace) to `uri` from here on.
    pub(crate) fn push(&mut self, prefix: &str, uri: &str, tag: u32) {
        let found = self.locate(prefix);
        self.insert(found, prefix, uri, tag);
    }

    fn insert(&mut self, found: Result<usize, usize>, prefix: &str, uri: &str, tag: u32) {
        self.last.set((0, u32::MAX, NONE));
        if self.bindings.capacity() == 0 {
            // Room for what a signed document usually declares, taken at once: growing
            // from nothing costs an allocation per doubling.
            self.text.reserve(256);
            self.bindings.reserve(SCANNED);
        }
        let idx = self.bindings.len() as u32;
        let p = self.keep(prefix);
        let u = self.keep(uri);
        let (shadows, pos) = if prefix.is_empty() {
            (core::mem::replace(&mut self.default, idx), NONE)
        } else if !self.indexed {
            (NONE, NONE)
        } else {
            self.link(found, key_of(prefix.as_bytes()), idx)
        };
        self.bindings.push(Binding {
            prefix: p,
            uri: u,
            shadows,
            pos,
            tag,
        });
        if !self.indexed && self.bindings.len() > SCANNED {
            self.index();
        }
    }

    /// Ends the scope of every binding pushed since `mark`.
    pub(crate) fn pop(&mut self, mark: Mark) {
        if self.bindings.len() as u32 > mark.0 {
            self.last.set((0, u32::MAX, NONE));
        }
        while self.bindings.len() as u32 > mark.0 {
            let Some(&b) = self.bindings.last() else {
                break;
            };
            // The binding being popped is the current one of its prefix.
            let i = b.pos as usize;
            debug_assert!(
                b.prefix.0 == b.prefix.1
                    || !self.indexed
                    || self.current[i].1 as usize == self.bindings.len() - 1
            );
            if b.prefix.0 == b.prefix.1 {
                self.default = b.shadows;
            } else if !self.indexed {
                // Scanned bindings keep no index to undo.
            } else if b.shadows == NONE {
                self.current.remove(i);
            } else {
                self.current[i].1 = b.shadows;
            }
            self.bindings.pop();
            self.text.truncate(b.prefix.0 as usize);
        }
    }

    /// The URI `prefix` is bound to, and the binding's tag.
    pub(crate) fn lookup(&self, prefix: &str) -> Option<(&str, u32)> {
        let idx = if prefix.is_empty() {
            self.default
        } else if prefix.len() <= 8 {
            let key = key_of(prefix.as_bytes());
            let (k, n, i) = self.last.get();
            if k == key && n as usize == prefix.len() {
                i
            } else {
                let i = self.current_of(prefix, self.locate(prefix));
                self.last.set((key, prefix.len() as u32, i));
                i
            }
        } else {
            self.current_of(prefix, self.locate(prefix))
        };
        let b = self.bindings.get(idx as usize)?;
        Some((self.span(b.uri), b.tag))
    }

    /// The bindings pushed since `mark`, in order: prefix and URI.
    pub(crate) fn since(&self, mark: Mark) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.bindings[mark.0 as usize..]
            .iter()
            .map(|b| (self.span(b.prefix), self.span(b.uri)))
    }
}

fn key_of(b: &[u8]) -> u64 {
    let mut k = 0u64;
    for i in 0..8 {
        k = (k << 8) | u64::from(b.get(i).copied().unwrap_or(0));
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_shadow_pop() {
        let mut s = NsScope::new();
        let m0 = s.mark();
        s.push("a", "urn:1", 1);
        s.push("", "urn:d", 2);
        let m1 = s.mark();
        s.push("a", "urn:2", 3);
        s.push("b", "urn:3", 4);
        assert_eq!(s.lookup("a"), Some(("urn:2", 3)));
        assert_eq!(s.lookup(""), Some(("urn:d", 2)));
        assert!(s.push_once(m1, "a", "urn:x", 9) && !s.push_once(m1, "", "urn:d2", 5));
        assert_eq!(s.lookup("a"), Some(("urn:2", 3)));
        assert_eq!(s.lookup(""), Some(("urn:d2", 5)));
        assert_eq!(
            s.since(m1).collect::<Vec<_>>(),
            [("a", "urn:2"), ("b", "urn:3"), ("", "urn:d2")]
        );
        s.pop(m1);
        assert_eq!(s.lookup("a"), Some(("urn:1", 1)));
        assert_eq!(s.lookup("b"), None);
        s.pop(m0);
        assert_eq!(s.lookup("a"), None);
        assert_eq!(s.lookup(""), None);
        assert!(s.text.is_empty() && s.current.is_empty() && s.default == NONE);
    }

    #[test]
    fn long_prefixes_sharing_eight_bytes() {
        let mut s = NsScope::new();
        let m = s.mark();
        for p in [
            "prefix_long_b",
            "prefix_long_a",
            "prefix_l",
            "prefix_",
            "prefix_long",
        ] {
            assert!(!s.push_once(m, p, p, 0));
        }
        assert!(s.push_once(m, "prefix_long_a", "x", 0));
        for p in [
            "prefix_long_b",
            "prefix_long_a",
            "prefix_l",
            "prefix_",
            "prefix_long",
        ] {
            assert_eq!(s.lookup(p).map(|(u, _)| u), Some(p));
        }
        assert_eq!(s.lookup("prefix_long_c"), None);
        assert_eq!(s.lookup("prefix"), None);
        s.pop(m);
        assert!(s.current.is_empty());
    }

    #[test]
    fn many_prefixes_stay_sorted() {
        let mut s = NsScope::new();
        let names: Vec<String> = (0..200)
            .map(|i| alloc::format!("p{}", (i * 7919) % 1000))
            .collect();
        for (i, n) in names.iter().enumerate() {
            s.push(n, n, i as u32);
        }
        for n in &names {
            assert_eq!(s.lookup(n).map(|(u, _)| u), Some(n.as_str()));
        }
        assert_eq!(s.lookup("q"), None);
    }

    /// Against a plain list searched from the innermost binding out, through random
    /// nesting that crosses [`SCANNED`] both ways: the index, built part-way through a
    /// scope and kept while bindings end, must answer as the scan does.
    #[test]
    fn scanned_and_indexed_answer_alike() {
        let prefixes = [
            "",
            "a",
            "b",
            "ds",
            "saml",
            "prefix_long_a",
            "prefix_long_b",
            "prefix_l",
            "x",
            "y",
            "z",
            "q",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..200 {
            let mut s = NsScope::new();
            let mut model: Vec<(String, String, u32)> = Vec::new();
            let mut marks: Vec<(Mark, usize)> = Vec::new();
            let mut tag = 0;
            for _ in 0..400 {
                match next(6) {
                    0 | 1 => {
                        // An element: a mark, then up to five declarations, once each.
                        let m = s.mark();
                        marks.push((m, model.len()));
                        for _ in 0..next(6) {
                            let p = prefixes[next(prefixes.len())];
                            let uri = alloc::format!("urn:{round}:{tag}");
                            tag += 1;
                            let had = model[marks.last().unwrap().1..]
                                .iter()
                                .any(|(q, _, _)| q == p);
                            assert_eq!(s.push_once(m, p, &uri, tag), had);
                            if !had {
                                model.push((String::from(p), uri, tag));
                            }
                        }
                    }
                    2 | 3 => {
                        if let Some((m, len)) = marks.pop() {
                            s.pop(m);
                            model.truncate(len);
                        }
                    }
                    _ => {
                        let p = prefixes[next(prefixes.len())];
                        let want = model
                            .iter()
                            .rev()
                            .find(|(q, _, _)| q == p)
                            .map(|(_, u, t)| (u.as_str(), *t));
                        assert_eq!(s.lookup(p), want, "round {round}, prefix {p:?}");
                    }
                }
            }
            while let Some((m, len)) = marks.pop() {
                s.pop(m);
                model.truncate(len);
                for p in prefixes {
                    let want = model
                        .iter()
                        .rev()
                        .find(|(q, _, _)| q == p)
                        .map(|(_, u, t)| (u.as_str(), *t));
                    assert_eq!(s.lookup(p), want);
                }
            }
            assert!(s.text.is_empty() && s.current.is_empty() && s.default == NONE);
        }
    }
}
