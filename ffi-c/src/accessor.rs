//! The accessors of every record field, generic over the record: the generated
//! `tm_<record>_<field>()` functions are one call each into here, naming the field by its
//! position in the table's description.
//!
//! An accessor has no error channel: a NULL or dead record pointer, a field of another
//! kind, an index out of range all give the absent value (NULL, 0, false, the sentinel),
//! and no panic crosses the boundary.

use std::ffi::{c_char, c_int};
use std::ptr;

use trustmeta_table::RecordDesc;

use crate::guard;
use crate::handle::{self, Kind};
use crate::time::TM_NO_DATE;
use crate::tree::{Node, Slot};

/// The C type of a record of the table.
pub(crate) trait Record {
    /// Its description.
    const DESC: &'static RecordDesc;
}

/// Where a value is: the field itself, or one item of a list field.
#[derive(Clone, Copy)]
pub(crate) enum At {
    Field,
    Item(usize),
}

/// The node behind `r`, when `r` is a live record of type `T`.
///
/// # Safety
/// No other thread may free the result `r` belongs to during the call.
unsafe fn node<'a, T: Record>(r: *const T) -> Option<&'a Node> {
    if r.is_null() {
        return None;
    }
    match handle::kind_of(r as usize) {
        Some(Kind::Record(n) | Kind::Root(n)) if n == T::DESC.name => {
            // SAFETY: registered under T's record name, so it is a live `Node` of a tree
            // from `tree` (a `Root` starts with its `Node`); the caller keeps it alive.
            Some(unsafe { &*r.cast::<Node>() })
        }
        _ => None,
    }
}

/// # Safety
/// As [`node`].
unsafe fn slot<'a, T: Record>(r: *const T, field: usize, at: At) -> Option<&'a Slot> {
    // SAFETY: the caller's contract is `node`'s.
    let s = unsafe { node(r) }?.slots.get(field)?;
    match (at, s) {
        (At::Field, s) => Some(s),
        (At::Item(i), Slot::List(items)) => items.get(i),
        (At::Item(_), _) => None,
    }
}

/// Stores `n` through `len` when the caller gave somewhere to store it.
///
/// # Safety
/// `len` is NULL or points to writable storage for a `size_t`.
unsafe fn put_len(len: *mut usize, n: usize) {
    if !len.is_null() && len.is_aligned() {
        // SAFETY: non-NULL and aligned; the caller provides the storage.
        unsafe { len.write(n) };
    }
}

/// Reads one value through `read`, or gives `absent`, never panicking across.
///
/// # Safety
/// As [`node`].
unsafe fn read<T: Record, R>(
    r: *const T,
    field: usize,
    at: At,
    absent: R,
    read: impl FnOnce(&Slot) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: the caller's contract is `slot`'s.
        unsafe { slot(r, field, at) }.and_then(read)
    })
    .unwrap_or(absent)
}

/// Text, an enum's name: NULL when absent.
///
/// # Safety
/// As [`node`].
pub(crate) unsafe fn text<T: Record>(r: *const T, field: usize, at: At) -> *const c_char {
    // SAFETY: the caller's contract is `read`'s.
    unsafe {
        read(r, field, at, ptr::null(), |s| match s {
            Slot::Text(t) => Some(t.as_ptr()),
            _ => None,
        })
    }
}

/// XML text with its length: NULL and 0 when absent.
///
/// # Safety
/// As [`node`]; `len` is NULL or writable storage for a `size_t`.
pub(crate) unsafe fn xml<T: Record>(
    r: *const T,
    field: usize,
    at: At,
    len: *mut usize,
) -> *const c_char {
    // SAFETY: the caller's contract is `read`'s.
    let (p, n) = unsafe {
        read(r, field, at, (ptr::null(), 0), |s| match s {
            Slot::Text(t) => Some((t.as_ptr(), t.as_bytes().len())),
            _ => None,
        })
    };
    // SAFETY: the caller's contract.
    unsafe { put_len(len, n) };
    p
}

/// Bytes with their length: NULL and 0 when absent.
///
/// # Safety
/// As [`node`]; `len` is NULL or writable storage for a `size_t`.
pub(crate) unsafe fn bytes<T: Record>(
    r: *const T,
    field: usize,
    at: At,
    len: *mut usize,
) -> *const u8 {
    // SAFETY: the caller's contract is `read`'s.
    let (p, n) = unsafe {
        read(r, field, at, (ptr::null(), 0), |s| match s {
            Slot::Bytes(b) => Some((b.as_ptr(), b.len())),
            _ => None,
        })
    };
    // SAFETY: the caller's contract.
    unsafe { put_len(len, n) };
    p
}

/// A boolean: false when absent.
///
/// # Safety
/// As [`node`].
pub(crate) unsafe fn boolean<T: Record>(r: *const T, field: usize, at: At) -> bool {
    // SAFETY: the caller's contract is `read`'s.
    unsafe {
        read(r, field, at, false, |s| match s {
            Slot::Bool(b) => Some(*b),
            _ => None,
        })
    }
}

/// An optional boolean: 1, 0, or -1 when absent.
///
/// # Safety
/// As [`node`].
pub(crate) unsafe fn tristate<T: Record>(r: *const T, field: usize, at: At) -> c_int {
    // SAFETY: the caller's contract is `read`'s.
    unsafe {
        read(r, field, at, -1, |s| match s {
            Slot::Bool(b) => Some(c_int::from(*b)),
            _ => None,
        })
    }
}

/// An integer: `absent` when absent.
///
/// # Safety
/// As [`node`].
pub(crate) unsafe fn int<T: Record>(r: *const T, field: usize, at: At, absent: i64) -> i64 {
    // SAFETY: the caller's contract is `read`'s.
    unsafe {
        read(r, field, at, absent, |s| match s {
            Slot::Int(n) => Some(*n),
            _ => None,
        })
    }
}

/// An instant in Unix seconds: `TM_NO_DATE` when absent.
///
/// # Safety
/// As [`node`].
pub(crate) unsafe fn time<T: Record>(r: *const T, field: usize, at: At) -> i64 {
    // SAFETY: the caller's contract is `int`'s.
    unsafe { int(r, field, at, TM_NO_DATE) }
}

/// A record inside `r`: NULL when absent.
///
/// # Safety
/// As [`node`].
pub(crate) unsafe fn record<T: Record, S: Record>(r: *const T, field: usize, at: At) -> *const S {
    // SAFETY: the caller's contract is `read`'s.
    unsafe {
        read(r, field, at, ptr::null(), |s| match s {
            Slot::Node(n) if core::ptr::eq(n.desc, S::DESC) => {
                Some(core::ptr::from_ref::<Node>(n).cast::<S>())
            }
            _ => None,
        })
    }
}

/// The number of items of a list field: 0 when absent.
///
/// # Safety
/// As [`node`].
pub(crate) unsafe fn count<T: Record>(r: *const T, field: usize) -> usize {
    // SAFETY: the caller's contract is `read`'s.
    unsafe {
        read(r, field, At::Field, 0, |s| match s {
            Slot::List(items) => Some(items.len()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use trustmeta::DateTime;
    use trustmeta_table::{records, Kind as F, Record as Values, Value};

    use super::*;
    use crate::generated::{tm_saml_attribute, tm_saml_response};
    use crate::tree::{self, Held};

    /// A value of every kind, never absent, so that every field shows.
    fn sample(kind: &F) -> Value {
        match kind {
            F::Bool => Value::Bool(true),
            F::Int => Value::Int(42),
            F::Str => Value::Str("text".into()),
            F::Bytes => Value::Bytes(vec![0x30, 0, 7]),
            F::Time => Value::Time(DateTime::from_unix(1_780_272_000)),
            F::Xml => Value::Xml("<a/>".into()),
            F::Enum(names) => Value::Str(names[0].into()),
            F::Opt(k) => sample(k),
            F::List(k) => Value::List(vec![sample(k), sample(k)]),
            F::Record(d) => sample_record(d),
        }
    }

    fn sample_record(d: &'static RecordDesc) -> Value {
        Value::Record(Values {
            desc: d,
            values: d.fields.iter().map(|f| sample(&f.kind)).collect(),
        })
    }

    fn text_at(p: *const c_char) -> &'static str {
        assert!(!p.is_null());
        // SAFETY: a non-NULL text accessor result is a NUL-terminated string that lives
        // as long as its result, which the tests keep.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    /// Checks one value of the tree against the sample of its kind.
    fn check(d: &RecordDesc, field: usize, kind: &F, slot: &Slot) {
        let name = d.fields[field].name;
        match (kind, slot) {
            (F::Bool, Slot::Bool(b)) => assert!(*b, "{}.{name}", d.name),
            (F::Int, Slot::Int(n)) => assert_eq!(*n, 42, "{}.{name}", d.name),
            (F::Time, Slot::Int(n)) => assert_eq!(*n, 1_780_272_000, "{}.{name}", d.name),
            (F::Str, Slot::Text(t)) => assert_eq!(text_at(t.as_ptr()), "text"),
            (F::Xml, Slot::Text(t)) => assert_eq!(text_at(t.as_ptr()), "<a/>"),
            (F::Enum(names), Slot::Text(t)) => assert_eq!(text_at(t.as_ptr()), names[0]),
            (F::Bytes, Slot::Bytes(b)) => assert_eq!(&**b, &[0x30, 0, 7]),
            (F::Record(sub), Slot::Node(inner)) => {
                assert!(core::ptr::eq(inner.desc, *sub));
                // Records inside a result are live handles of their own type.
                assert_eq!(
                    handle::kind_of(core::ptr::from_ref::<Node>(inner) as usize),
                    Some(Kind::Record(sub.name))
                );
            }
            (k, _) => panic!("{}.{name}: {k:?} did not come through", d.name),
        }
    }

    /// Every field of every record reaches C with the value the table gave, and every
    /// record inside a result is registered as a live handle of its type.
    #[test]
    fn every_record_reaches_c_with_all_its_fields() {
        for d in records::ALL {
            let root = tree::into_root(&sample_record(d), d, Held::Nothing).unwrap();
            assert_eq!(handle::kind_of(root as usize), Some(Kind::Root(d.name)));
            // SAFETY: live until released below.
            let node = unsafe { &(*root).node };
            assert_eq!(node.slots.len(), d.fields.len());
            for (i, f) in d.fields.iter().enumerate() {
                match (&f.kind, &node.slots[i]) {
                    (F::List(k), Slot::List(items)) => {
                        assert_eq!(items.len(), 2, "{}.{}", d.name, f.name);
                        for s in items {
                            check(d, i, k, s);
                        }
                    }
                    (F::Opt(k), s) => check(d, i, k, s),
                    (k, s) => check(d, i, k, s),
                }
            }
            // SAFETY: issued by `into_root` above, released once.
            unsafe { tree::release(root) };
            assert_eq!(handle::kind_of(root as usize), None);
        }
    }

    #[test]
    fn accessors_read_through_the_registry_only() {
        let d = &records::SAML_RESPONSE;
        let root = tree::into_root(&sample_record(d), d, Held::Nothing).unwrap();
        let r = root.cast::<tm_saml_response>().cast_const();
        let field = |name: &str| d.fields.iter().position(|f| f.name == name).unwrap();
        let (issuer, attributes) = (field("issuer"), field("attributes"));
        let mut len = 9;
        // SAFETY: `r` is live until freed; NULL and other types are refused before any read.
        unsafe {
            assert_eq!(text_at(text(r, issuer, At::Field)), "text");
            assert_eq!(count(r, attributes), 2);
            let a: *const tm_saml_attribute = record(r, attributes, At::Item(0));
            assert!(!a.is_null());
            assert!(record::<_, tm_saml_attribute>(r, attributes, At::Item(2)).is_null());
            // A record of another type, and NULL, read as absent.
            assert!(text(a.cast::<tm_saml_response>(), issuer, At::Field).is_null());
            assert!(text(ptr::null::<tm_saml_response>(), issuer, At::Field).is_null());
            assert!(bytes(ptr::null::<tm_saml_response>(), 0, At::Field, &mut len).is_null());
            assert_eq!(len, 0);
            assert_eq!(
                time(ptr::null::<tm_saml_response>(), 0, At::Field),
                TM_NO_DATE
            );
            assert_eq!(tristate(ptr::null::<tm_saml_response>(), 0, At::Field), -1);
            // A record inside a result is not the caller's to free.
            tree::free_root(a.cast::<tm_saml_response>().cast_mut());
            assert_eq!(count(r, attributes), 2);
            tree::free_root(root.cast::<tm_saml_response>());
            // Freed: the result and the records inside it are dead.
            assert!(text(r, issuer, At::Field).is_null());
            assert!(text(a, 0, At::Field).is_null());
        }
    }

    #[test]
    fn every_field_has_its_generated_accessor() {
        let generated = include_str!("generated.rs");
        for d in records::ALL {
            for f in d.fields {
                let name = format!("fn tm_{}_{}(", d.name, f.name);
                assert!(generated.contains(&name), "{name} is not generated");
            }
        }
    }
}
