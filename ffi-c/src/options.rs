//! Options handles: the named arguments of one operation, each stored as the caller set
//! it (owned, so the handle outlives what was passed), checked by the table when set and
//! again when the operation runs. The generated `tm_<op>_options_*()` functions are one
//! call each into here.

use std::ffi::c_char;
use std::ptr;
use std::sync::Arc;

use trustmeta::{DateTime, TrustStore};
use trustmeta_table::ops::{ArgError, ArgValue, Call, DecryptionKeys, OpDesc, SharedReplayCache};

use crate::decryption_keys::tm_decryption_keys;
use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Kind};
use crate::replay_cache::tm_replay_cache;
use crate::status::tm_status;
use crate::store::tm_trust_store;
use crate::time::TM_NOW;

/// The C type of an operation's options.
pub(crate) trait Op {
    /// The operation.
    const OP: &'static OpDesc;
}

/// A named argument's value, owned.
pub(crate) enum Owned {
    Bytes(Vec<u8>),
    Text(String),
    Bool(bool),
    Int(i64),
    Time(DateTime),
    Store(TrustStore),
    ReplayCache(Arc<SharedReplayCache>),
    /// A clone: it shares the keys, but not keys added to the handle later.
    DecryptionKeys(DecryptionKeys),
}

impl Owned {
    pub(crate) fn arg(&self) -> ArgValue<'_> {
        match self {
            Owned::Bytes(b) => ArgValue::Bytes(b),
            Owned::Text(t) => ArgValue::Text(t.clone()),
            Owned::Bool(b) => ArgValue::Bool(*b),
            Owned::Int(n) => ArgValue::Int(*n),
            Owned::Time(t) => ArgValue::Time(*t),
            Owned::Store(s) => ArgValue::Store(s),
            Owned::ReplayCache(c) => ArgValue::ReplayCache(c),
            Owned::DecryptionKeys(k) => ArgValue::DecryptionKeys(k),
        }
    }
}

/// A named argument's value as C passes it to a setter.
#[derive(Clone, Copy)]
pub(crate) enum Given {
    Bytes(*const u8, usize),
    Text(*const c_char),
    Bool(bool),
    Int(i64),
    /// Unix seconds, or `TM_NOW` for the default clock.
    Time(i64),
    Store(*const tm_trust_store),
    ReplayCache(*const tm_replay_cache),
    DecryptionKeys(*const tm_decryption_keys),
}

/// The named arguments set so far, one slot per argument of the operation (positional
/// ones stay empty).
pub(crate) struct Options {
    pub(crate) values: Vec<Option<Owned>>,
}

/// A new options handle for `O`, every argument at its default.
pub(crate) fn new<O: Op>() -> *mut O {
    guard::quietly(ptr::null_mut(), || {
        let p = Box::into_raw(Box::new(Options {
            values: O::OP.args.iter().map(|_| None).collect(),
        }));
        handle::register_all([(p as usize, Kind::Options(O::OP.name))]);
        p.cast()
    })
}

/// Releases an options handle; anything else is ignored.
///
/// # Safety
/// No other thread may use `p` during or after the call.
pub(crate) unsafe fn free<O: Op>(p: *mut O) {
    guard::quietly((), || {
        if handle::take(p as usize, |k| k == Kind::Options(O::OP.name)).is_some() {
            // SAFETY: registered by `new`, which made it with `Box::into_raw`; `take`
            // unregistered it, so this is its only release.
            drop(unsafe { Box::from_raw(p.cast::<Options>()) });
        }
    });
}

/// The options behind `p`: `None` for NULL (every default).
///
/// # Safety
/// No other thread may change or free `p` while the reference lives.
pub(crate) unsafe fn get<'a, O: Op>(
    p: *const O,
    func: &str,
) -> Result<Option<&'a Options>, Failure> {
    if p.is_null() {
        return Ok(None);
    }
    if handle::kind_of(p as usize) != Some(Kind::Options(O::OP.name)) {
        return Err(Failure::invalid(
            func,
            &format!("`opts` is not a live tm_{}_options (already freed, never created by this library, or a handle of another kind)", O::OP.name),
        ));
    }
    // SAFETY: registered under this operation's options, so it came from `new` and is
    // live; the caller does not change or free it meanwhile.
    Ok(Some(unsafe { &*p.cast::<Options>() }))
}

/// Sets argument `index` of `O` to `value`, after the table's check of it.
///
/// # Safety
/// `opts` and the pointers inside `value` follow the setter's C contract: `opts` is not
/// used elsewhere during the call, and the data `value` points to stays unchanged.
pub(crate) unsafe fn set<O: Op>(
    opts: *mut O,
    index: usize,
    value: Given,
    err: *mut *mut tm_error,
) -> tm_status {
    let op = O::OP;
    let func = format!("tm_{}_options_set_{}", op.name, op.args[index].name);
    let body = || {
        // SAFETY: `get` refuses a pointer that is not this operation's live options; the
        // caller does not use `opts` elsewhere during the call.
        if unsafe { get(opts.cast_const(), &func) }?.is_none() {
            return Err(Failure::null(&func, "opts"));
        }
        // SAFETY: the caller's contract (see above).
        let owned = unsafe { own(value, &func) }?;
        if let Some(v) = &owned {
            check(op, index, v)?;
        }
        // SAFETY: checked above to be live options of `O`, used by no one else meanwhile.
        let options = unsafe { &mut *opts.cast::<Options>() };
        options.values[index] = owned;
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(&func, err, body) }
}

/// Copies what C passed; `None` is the default (`TM_NOW` for a time).
///
/// # Safety
/// As [`set`].
unsafe fn own(value: Given, func: &str) -> Result<Option<Owned>, Failure> {
    // SAFETY: the helpers check each pointer before reading; the caller keeps what it
    // points to unchanged during the call.
    unsafe {
        Ok(Some(match value {
            Given::Bytes(p, len) => Owned::Bytes(guard::bytes(p, len, func, "value")?.to_vec()),
            Given::Text(p) => Owned::Text(guard::text(p, func, "value")?.to_owned()),
            Given::Bool(b) => Owned::Bool(b),
            Given::Int(n) => Owned::Int(n),
            Given::Time(TM_NOW) => return Ok(None),
            Given::Time(t) => Owned::Time(DateTime::from_unix(t)),
            Given::Store(p) => Owned::Store(handle::get(p, func, "value")?.inner.clone()),
            Given::ReplayCache(p) => {
                Owned::ReplayCache(Arc::clone(&handle::get(p, func, "value")?.inner))
            }
            Given::DecryptionKeys(p) => {
                Owned::DecryptionKeys(handle::get(p, func, "value")?.inner.clone())
            }
        }))
    }
}

/// Checks one value as the table does when it is given to a call, with its message.
fn check(op: &'static OpDesc, index: usize, value: &Owned) -> Result<(), ArgError> {
    Call::new(op).set(op.args[index].name, value.arg())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::{tm_smp_name_options, tm_verify_saml_response_options};

    /// The message of a failed setter call.
    fn refused<O: Op>(opts: *mut O, index: usize, value: Given) -> String {
        let mut err: *mut tm_error = ptr::null_mut();
        // SAFETY: `opts` is live options of `O`; `err` is storage for one pointer.
        let st = unsafe { set(opts, index, value, &mut err) };
        assert_eq!(st, tm_status::TM_INVALID_ARGUMENT);
        // SAFETY: `err` was just issued.
        let e = unsafe { handle::get(err, "t", "err") }.unwrap();
        let message = e.message.to_str().unwrap().to_owned();
        // SAFETY: issued above, freed once.
        unsafe { crate::error::tm_error_free(err) };
        message
    }

    #[test]
    fn setters_refuse_with_the_tables_sentences() {
        let op = &trustmeta_table::ops::VERIFY_SAML_RESPONSE;
        let index = |name: &str| op.args.iter().position(|a| a.name == name).unwrap();
        let opts = new::<tm_verify_saml_response_options>();
        assert_eq!(
            refused(opts, index("skew"), Given::Int(-1)),
            "verify_saml_response() argument 'skew' must be between 0 and 4294967295, not -1"
        );
        assert_eq!(
            refused(opts, index("profile"), Given::Text(c"x".as_ptr())),
            "verify_saml_response() argument 'profile' must be \"generic\", \"stork\" or \"eidas\", not \"x\""
        );
        // Accepted values are kept; refused ones leave the slot as it was.
        // SAFETY: live options; NULL `err` is allowed.
        let st = unsafe { set(opts, index("skew"), Given::Int(60), ptr::null_mut()) };
        assert_eq!(st, tm_status::TM_OK);
        refused(opts, index("skew"), Given::Int(i64::MAX));
        // SAFETY: live options, read only.
        let kept = unsafe { get(opts.cast_const(), "t") }.unwrap().unwrap();
        assert!(matches!(kept.values[index("skew")], Some(Owned::Int(60))));
        // Text that is not UTF-8 is refused by the C layer before the table sees it.
        assert!(
            refused(opts, index("audience"), Given::Text(c"\xff".as_ptr())).contains("not UTF-8")
        );
        // Options of another operation are another kind.
        let other = new::<tm_smp_name_options>();
        // SAFETY: `other` is live; it is refused as options of the other operation.
        let st = unsafe {
            set(
                other.cast::<tm_verify_saml_response_options>(),
                0,
                Given::Int(1),
                ptr::null_mut(),
            )
        };
        assert_eq!(st, tm_status::TM_INVALID_ARGUMENT);
        // SAFETY: issued above, freed once each.
        unsafe {
            free(opts);
            free(other);
        }
    }
}
