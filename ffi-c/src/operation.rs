//! Running an operation of the table from C: the positional inputs and the options become
//! one [`Call`], which the table checks and runs, and its output becomes the C result the
//! generated signature promises. Every generated `tm_<op>()` is one call into [`run`].

use std::ffi::{c_char, c_void};

use trustmeta_table::ops::{ArgValue, Call, Output};
use trustmeta_table::{RecordDesc, Value};

use crate::accessor::Record;
use crate::decryption_keys::tm_decryption_keys;
use crate::emreg::tm_emreg;
use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle;
use crate::issuer_trust::tm_issuer_trust;
use crate::options::{self, Op};
use crate::status::tm_status;
use crate::store::tm_trust_store;
use crate::stream::tm_metadata_verifier;
use crate::tree::{self, Held, List};

/// A positional input as C passes it, borrowed for the call.
pub(crate) enum Raw {
    Bytes(*const u8, usize),
    Text(*const c_char),
    Store(*const tm_trust_store),
    IssuerTrust(*const tm_issuer_trust),
    Emreg(*const tm_emreg),
    DecryptionKeys(*const tm_decryption_keys),
}

impl Raw {
    /// # Safety
    /// The pointers follow the operation's C contract: valid (or NULL, refused) and
    /// unchanged for `'a`.
    unsafe fn value<'a>(&self, func: &str, arg: &str) -> Result<ArgValue<'a>, Failure> {
        // SAFETY: each helper checks its pointer before reading; the caller keeps the
        // data unchanged for 'a.
        unsafe {
            Ok(match *self {
                Raw::Bytes(p, len) => ArgValue::Bytes(guard::bytes(p, len, func, arg)?),
                Raw::Text(p) => ArgValue::Text(guard::text(p, func, arg)?.to_owned()),
                Raw::Store(p) => ArgValue::Store(&handle::get(p, func, arg)?.inner),
                Raw::IssuerTrust(p) => ArgValue::IssuerTrust(&handle::get(p, func, arg)?.inner),
                Raw::Emreg(p) => ArgValue::Emreg(&handle::get(p, func, arg)?.inner),
                Raw::DecryptionKeys(p) => {
                    ArgValue::DecryptionKeys(&handle::get(p, func, arg)?.inner)
                }
            })
        }
    }
}

/// Where the result goes, typed by the generated signature.
#[derive(Clone, Copy)]
pub(crate) enum Out {
    Record(*mut *mut c_void, &'static RecordDesc),
    List(*mut *mut c_void, &'static RecordDesc),
    Bytes(*mut *mut u8, *mut usize),
    Text(*mut *mut c_char),
    IssuerTrust(*mut *mut tm_issuer_trust),
    Stream(*mut *mut tm_metadata_verifier),
}

impl Out {
    /// A record out-parameter.
    pub(crate) fn record<R: Record>(p: *mut *mut R) -> Out {
        Out::Record(p.cast(), R::DESC)
    }

    /// A list out-parameter.
    pub(crate) fn list<L: List>(p: *mut *mut L) -> Out {
        Out::List(p.cast(), <L::Item as Record>::DESC)
    }

    /// Checks the out-parameter and sets it to NULL, so that it is NULL on any failure.
    ///
    /// # Safety
    /// Each pointer is NULL or writable storage for its type.
    unsafe fn clear(&self, func: &str) -> Result<(), Failure> {
        // SAFETY: `clear_out` checks each pointer before writing; `len` is written only
        // when non-NULL and aligned.
        unsafe {
            match *self {
                Out::Record(p, _) | Out::List(p, _) => guard::clear_out(p, func, "out"),
                Out::Bytes(p, len) => {
                    guard::clear_out(p, func, "out")?;
                    if !len.is_null() && len.is_aligned() {
                        len.write(0);
                    }
                    Ok(())
                }
                Out::Text(p) => guard::clear_out(p, func, "out"),
                Out::IssuerTrust(p) => guard::clear_out(p, func, "out"),
                Out::Stream(p) => guard::clear_out(p, func, "out"),
            }
        }
    }

    /// Hands the output to C.
    ///
    /// # Safety
    /// As [`Out::clear`], which has checked the pointers.
    unsafe fn publish(self, output: Output, func: &str) -> Result<(), Failure> {
        // SAFETY: `clear` checked every pointer written here.
        unsafe {
            match (self, output) {
                (Out::Record(p, desc), Output::Value(v)) => {
                    p.write(tree::into_root(&v, desc, Held::Nothing)?.cast());
                }
                (Out::Record(p, desc), Output::Metadata(v, m)) => {
                    p.write(tree::into_root(&v, desc, Held::Metadata(m))?.cast());
                }
                (Out::Record(p, desc), Output::Tsl(v, t)) => {
                    p.write(tree::into_root(&v, desc, Held::Tsl(t))?.cast());
                }
                (Out::List(p, desc), Output::Value(v)) => {
                    p.write(tree::into_list(&v, desc)?.cast());
                }
                (Out::Bytes(p, len), Output::Value(Value::Bytes(b))) => {
                    let n = b.len();
                    p.write(crate::buffer::into_raw(b));
                    if !len.is_null() && len.is_aligned() {
                        len.write(n);
                    }
                }
                (Out::Text(p), Output::Value(Value::Str(s))) => {
                    p.write(handle::string_into_raw(tree::c_string(&s)));
                }
                (Out::IssuerTrust(p), Output::IssuerTrust(inner)) => {
                    p.write(handle::into_raw(tm_issuer_trust { inner }));
                }
                (Out::Stream(p), Output::MetadataStream(v)) => {
                    p.write(handle::into_raw(tm_metadata_verifier::new(v)));
                }
                _ => return Err(Failure::panic(func)),
            }
        }
        Ok(())
    }
}

/// Runs operation `O` on the positional inputs `raws` (in the order of the table's
/// positional arguments) and the options `opts` (NULL for every default), and stores the
/// result through `out`.
///
/// # Safety
/// The pointers follow the generated function's C contract.
pub(crate) unsafe fn run<O: Op>(
    opts: *const O,
    raws: &[Raw],
    out: Out,
    err: *mut *mut tm_error,
) -> tm_status {
    let op = O::OP;
    let func = format!("tm_{}", op.name);
    let body = || {
        // SAFETY: the caller's contract for each pointer (see above).
        unsafe { out.clear(&func) }?;
        // SAFETY: as above; the options are only read.
        let opts = unsafe { options::get(opts, &func) }?;
        let mut args = Vec::new();
        for (arg, raw) in op.args.iter().filter(|a| a.positional).zip(raws) {
            // SAFETY: as above.
            args.push((arg.name, unsafe { raw.value(&func, arg.name) }?));
        }
        if let Some(opts) = opts {
            for (arg, value) in op.args.iter().zip(&opts.values) {
                if let Some(v) = value {
                    args.push((arg.name, v.arg()));
                }
            }
        }
        let mut call = Call::new(op);
        for (name, v) in args {
            call.set(name, v)?;
        }
        let output = call.run()?;
        // SAFETY: `clear` checked the pointers.
        unsafe { out.publish(output, &func) }
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(&func, err, body) }
}
