//! # trustmeta-ffi: the C API of trustmeta
//!
//! This crate builds `libtrustmeta.a` and `libtrustmeta.so`; `include/trustmeta.h` is
//! generated from it by cbindgen (configuration in `cbindgen.toml`), so the `///` text of
//! every exported item *is* the C documentation: write it for C programmers.
//!
//! The header is in two parts. The hand-written one holds what has state or rules of its
//! own: `version`, `status` (`tm_status`), `error` (`tm_error`), `time` (`TM_NOW`,
//! `TM_NO_DATE`, `tm_parse_rfc3339()`), `buffer` (returned text and bytes), the input
//! handles `store` (`tm_trust_store`), `issuer_trust`, `replay_cache`, `decryption_keys`
//! and `emreg`, the metadata `stream` verifier, the `lookup`s on held results, and the
//! networked `smp_lookup` (`tm_smp_lookup`) and `metadata_source` (`tm_metadata_source`,
//! a metadata aggregate kept verified in a state directory), both from the hosted layer. The
//! generated one (`generated.rs`, written by `cargo run -p trustmeta-table --bin generate`
//! from the table of records and operations) holds every result type with its accessors
//! and every operation with its options handle; each of its functions is one call into
//! the generic layer: `tree` (a result's values converted once into NUL-terminated C
//! form), `accessor`, `options` and `operation`.
//!
//! Two internal modules hold the boundary's machinery: `handle` (a registry of live
//! handles, so that a NULL, freed or wrong-kind pointer is refused with a status instead of
//! being dereferenced; every record inside a result is registered too) and `guard` (every
//! entry point runs inside `catch_unwind`, so no panic crosses the boundary).
//!
//! `unsafe` is confined to this crate (the core forbids it). Every `unsafe` block carries a
//! `SAFETY:` comment, enforced by `clippy::undocumented_unsafe_blocks`.

#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs)]
#![warn(clippy::pedantic)]
// The docs are C documentation: they name C functions and types (tm_verify(), NULL,
// size_t) the way C headers do, without Markdown backticks.
#![allow(clippy::doc_markdown)]
// Tests pass `&mut local` as out-parameters, as C callers do; `&raw mut` would need Rust
// 1.82, above the workspace's rust-version.
#![cfg_attr(test, allow(clippy::borrow_as_ptr))]
// C names: the header's types are `tm_status`, `tm_trust_store`, ... and its enumerators
// `TM_OK`, ... exactly as C programmers expect, so the Rust items carry those names.
#![allow(non_camel_case_types)]
// Each exported function documents its pointer contract in C terms ("borrowed for the
// call", "may be NULL") because that text becomes the header; a Rust `# Safety` heading
// would read oddly there.
#![allow(clippy::missing_safety_doc)]

mod guard;
mod handle;

mod version;

mod status;

mod error;

mod time;

mod buffer;

mod store;

mod issuer_trust;

mod replay_cache;

mod decryption_keys;

mod emreg;

mod accessor;
mod operation;
mod options;
mod tree;

// Written by the table's generator, which `generate --check` compares byte for byte.
#[rustfmt::skip]
mod generated;

mod lookup;

mod smp_lookup;

mod metadata_source;

mod stream;

pub use decryption_keys::tm_decryption_keys;
pub use emreg::tm_emreg;
pub use error::tm_error;
pub use generated::*;
pub use issuer_trust::tm_issuer_trust;
pub use metadata_source::{
    tm_metadata_refresh, tm_metadata_refresh_options, tm_metadata_source,
    tm_metadata_source_options, tm_refresh_status,
};
pub use replay_cache::{
    tm_replay_answer, tm_replay_cache, tm_replay_check_fn, tm_replay_release_fn,
};
pub use smp_lookup::{
    tm_smp_lookup, tm_smp_lookup_options, tm_smp_lookup_run_options, tm_smp_trace,
};
pub use status::tm_status;
pub use store::tm_trust_store;
pub use stream::tm_metadata_verifier;
pub use time::{TM_NOW, TM_NO_DATE, TM_NO_INT};
pub use version::{
    TRUSTMETA_VERSION_MAJOR, TRUSTMETA_VERSION_MINOR, TRUSTMETA_VERSION_NUMBER,
    TRUSTMETA_VERSION_PATCH,
};

// The header promises that inputs may be shared read-only across threads and that results
// and errors may be read from any thread: that needs these to be Send + Sync.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<tm_trust_store>();
    shareable::<tm_error>();
    shareable::<tm_emreg>();
    shareable::<tm_issuer_trust>();
    shareable::<tm_replay_cache>();
    shareable::<tm_decryption_keys>();
    shareable::<tm_smp_lookup>();
    shareable::<tm_smp_lookup_options>();
    shareable::<tm_smp_lookup_run_options>();
    shareable::<tm_smp_trace>();
    shareable::<tm_metadata_source>();
    shareable::<tm_metadata_source_options>();
    shareable::<tm_metadata_refresh_options>();
    shareable::<tm_metadata_refresh>();
    shareable::<tree::Root>();
    shareable::<tree::ListRoot>();
    shareable::<options::Options>();
};
