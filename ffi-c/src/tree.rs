//! Results as C sees them: the table's [`Value`] of a result, converted once into a tree
//! of nodes whose strings are NUL-terminated, so that every accessor hands out a borrowed
//! pointer that stays valid until the caller frees the result.
//!
//! Every node of a tree is registered as a handle (the result itself as `Root`, the
//! records inside it as `Record`), so that an accessor checks any record pointer before
//! reading through it, whether the caller got it from an operation or from another
//! accessor; freeing the result unregisters them all.

use std::ffi::CString;

use trustmeta::{VerifiedMetadata, VerifiedTsl};
use trustmeta_table::{Record as Values, RecordDesc, Value};

use crate::accessor::Record;
use crate::guard::Failure;
use crate::handle::{self, Kind};

/// A field's value, ready for C.
pub(crate) enum Slot {
    Null,
    Bool(bool),
    /// An integer, or an instant in Unix seconds.
    Int(i64),
    /// Text, XML or an enum's name.
    Text(CString),
    Bytes(Box<[u8]>),
    Node(Box<Node>),
    List(Vec<Slot>),
}

/// A record: one slot per field of its description, in order.
pub(crate) struct Node {
    pub(crate) desc: &'static RecordDesc,
    pub(crate) slots: Vec<Slot>,
}

/// What a held result keeps beside its record, to answer further questions.
pub(crate) enum Held {
    Nothing,
    /// Verified metadata, which answers the entity lookups.
    Metadata(Box<VerifiedMetadata>),
    Tsl(Box<VerifiedTsl>),
}

/// A record the caller owns. `node` comes first, so a pointer to a `Root` is a pointer to
/// its `Node` and accessors read both alike.
#[repr(C)]
pub(crate) struct Root {
    pub(crate) node: Node,
    pub(crate) held: Held,
}

/// A list of records the caller owns.
pub(crate) struct ListRoot {
    items: Vec<Node>,
}

/// The C type of a list of records.
pub(crate) trait List {
    /// The C type of its items.
    type Item: Record;
}

/// Text for C: a NUL inside (which XML cannot carry, but bytes decoded as text might)
/// becomes U+FFFD rather than silently cutting the string short.
pub(crate) fn c_string(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

fn slot(v: &Value) -> Slot {
    match v {
        Value::Null => Slot::Null,
        Value::Bool(b) => Slot::Bool(*b),
        Value::Int(n) => Slot::Int(*n),
        Value::Time(t) => Slot::Int(t.unix_seconds()),
        Value::Str(s) | Value::Xml(s) => Slot::Text(c_string(s)),
        Value::Bytes(b) => Slot::Bytes(b.clone().into_boxed_slice()),
        Value::List(items) => Slot::List(items.iter().map(slot).collect()),
        Value::Record(r) => Slot::Node(Box::new(node(r))),
    }
}

fn node(r: &Values) -> Node {
    Node {
        desc: r.desc,
        slots: r.values.iter().map(slot).collect(),
    }
}

/// The records inside `slots`, at any depth, with their registry kind.
fn inner(slots: &[Slot], out: &mut Vec<(usize, Kind)>) {
    for s in slots {
        match s {
            Slot::Node(n) => {
                out.push((
                    core::ptr::from_ref::<Node>(n) as usize,
                    Kind::Record(n.desc.name),
                ));
                inner(&n.slots, out);
            }
            Slot::List(items) => inner(items, out),
            _ => {}
        }
    }
}

fn record_of<'v>(v: &'v Value, desc: &RecordDesc) -> Result<&'v Values, Failure> {
    match v {
        Value::Record(r) if core::ptr::eq(r.desc, desc) => Ok(r),
        _ => Err(Failure::invalid(
            "trustmeta",
            &format!("internal error: a result is not the {} record the table promises; this is a bug in trustmeta, please report it", desc.name),
        )),
    }
}

/// Converts a result, registers it and everything inside it, and returns the pointer C
/// will own.
pub(crate) fn into_root(
    v: &Value,
    desc: &'static RecordDesc,
    held: Held,
) -> Result<*mut Root, Failure> {
    let root = Box::new(Root {
        node: node(record_of(v, desc)?),
        held,
    });
    let mut addrs = Vec::new();
    inner(&root.node.slots, &mut addrs);
    let p = Box::into_raw(root);
    addrs.push((p as usize, Kind::Root(desc.name)));
    handle::register_all(addrs);
    Ok(p)
}

/// Converts the records of a list value.
pub(crate) fn nodes(v: &Value, desc: &'static RecordDesc) -> Result<Vec<Node>, Failure> {
    let Value::List(items) = v else {
        return Err(Failure::invalid(
            "trustmeta",
            "internal error: a result is not the list the table promises; this is a bug in trustmeta, please report it",
        ));
    };
    items.iter().map(|i| record_of(i, desc).map(node)).collect()
}

/// Converts one record an owner holds in a `Vec` (registered with [`register`]).
pub(crate) fn one(v: &Value, desc: &'static RecordDesc) -> Result<Node, Failure> {
    record_of(v, desc).map(node)
}

/// Registers records an owner holds in a `Vec` (a list, an EMREG list's NCPs), and what
/// is inside them.
pub(crate) fn register(nodes: &[Node]) {
    let mut addrs = Vec::new();
    for n in nodes {
        addrs.push((core::ptr::from_ref(n) as usize, Kind::Record(n.desc.name)));
        inner(&n.slots, &mut addrs);
    }
    handle::register_all(addrs);
}

/// Unregisters records registered by [`register`], before they are dropped.
pub(crate) fn forget_all(nodes: &[Node]) {
    handle::unregister_all(nodes.iter().map(|n| core::ptr::from_ref(n) as usize));
    for n in nodes {
        forget(&n.slots);
    }
}

/// Converts a list of records, registers it and its items, and returns the pointer C
/// will own.
pub(crate) fn into_list(v: &Value, desc: &'static RecordDesc) -> Result<*mut ListRoot, Failure> {
    let list = Box::new(ListRoot {
        items: nodes(v, desc)?,
    });
    register(&list.items);
    let p = Box::into_raw(list);
    handle::register_all([(p as usize, Kind::List(desc.name))]);
    Ok(p)
}

/// Unregisters the records inside `slots` before they are dropped.
pub(crate) fn forget(slots: &[Slot]) {
    let mut addrs = Vec::new();
    inner(slots, &mut addrs);
    handle::unregister_all(addrs.into_iter().map(|(a, _)| a));
}

/// Borrows a result the caller owns, for the lookups that need what it holds.
///
/// # Safety
/// No other thread may free `p` during the call or while the reference lives.
pub(crate) unsafe fn root<'a, T: Record>(
    p: *const T,
    func: &str,
    arg: &str,
) -> Result<&'a Root, Failure> {
    if p.is_null() {
        return Err(Failure::null(func, arg));
    }
    if handle::kind_of(p as usize) != Some(Kind::Root(T::DESC.name)) {
        return Err(Failure::invalid(
            func,
            &format!("`{arg}` is not a live tm_{} (already freed, never created by this library, or a handle of another kind)", T::DESC.name),
        ));
    }
    // SAFETY: registered as a root of T's record, so it came from `into_root` and is live;
    // the caller does not free it meanwhile.
    Ok(unsafe { &*p.cast::<Root>() })
}

/// Releases a result the caller owns; anything else (NULL, freed, a record inside another
/// result) is ignored.
///
/// # Safety
/// No other thread may use `p`, or anything read from it, during or after the call.
pub(crate) unsafe fn free_root<T: Record>(p: *mut T) {
    crate::guard::quietly((), || {
        if handle::kind_of(p as usize) == Some(Kind::Root(T::DESC.name)) {
            // SAFETY: the caller's contract; it is a live root of T's record.
            unsafe { release(p.cast()) };
        }
    });
}

/// Releases a live root of any record; anything else is ignored.
///
/// # Safety
/// As [`free_root`].
pub(crate) unsafe fn release(p: *mut Root) {
    if handle::take(p as usize, |k| matches!(k, Kind::Root(_))).is_some() {
        // SAFETY: it was registered as a root by `into_root`, which made it with
        // `Box::into_raw`; `take` unregistered it, so this is its only release.
        let root = unsafe { Box::from_raw(p) };
        forget(&root.node.slots);
    }
}

/// # Safety
/// As [`root`].
unsafe fn list<'a, L: List>(p: *const L) -> Option<&'a ListRoot> {
    if p.is_null() || handle::kind_of(p as usize) != Some(Kind::List(L::Item::DESC.name)) {
        return None;
    }
    // SAFETY: registered as a list of L's items, so it came from `into_list` and is live.
    Some(unsafe { &*p.cast::<ListRoot>() })
}

/// The number of items of a list; 0 for NULL or a dead list.
///
/// # Safety
/// No other thread may free `p` during the call.
pub(crate) unsafe fn list_count<L: List>(p: *const L) -> usize {
    // SAFETY: the caller's contract is `list`'s.
    crate::guard::quietly(0, || unsafe { list(p) }.map_or(0, |l| l.items.len()))
}

/// One item of a list; NULL when out of range, for NULL or a dead list.
///
/// # Safety
/// No other thread may free `p` during the call.
pub(crate) unsafe fn list_get<L: List>(p: *const L, index: usize) -> *const L::Item {
    crate::guard::quietly(core::ptr::null(), || {
        // SAFETY: the caller's contract is `list`'s.
        unsafe { list(p) }
            .and_then(|l| l.items.get(index))
            .map_or(core::ptr::null(), |n| core::ptr::from_ref(n).cast())
    })
}

/// Releases a list; anything that is not a live list of its type is ignored.
///
/// # Safety
/// No other thread may use `p` or its items during or after the call.
pub(crate) unsafe fn list_free<L: List>(p: *mut L) {
    crate::guard::quietly((), || {
        if handle::take(p as usize, |k| k == Kind::List(L::Item::DESC.name)).is_some() {
            // SAFETY: registered by `into_list`, which made it with `Box::into_raw`;
            // `take` unregistered it, so this is its only release.
            let list = unsafe { Box::from_raw(p.cast::<ListRoot>()) };
            forget_all(&list.items);
        }
    });
}
