//! # trustmeta-ffi: the C API of trustmeta
//!
//! This crate builds `libtrustmeta.a` and `libtrustmeta.so`; `include/trustmeta.h` is
//! generated from it by cbindgen (configuration in `cbindgen.toml`), so the `///` text of
//! every exported item *is* the C documentation: write it for C programmers.
//!
//! Layout, which is also the order of the header's sections:
//!
//! | module    | C family                                                  |
//! |-----------|-----------------------------------------------------------|
//! | `version` | `TRUSTMETA_VERSION_*`, `tm_version()`                     |
//! | `status`  | `tm_status`, `tm_error_code_name()`                       |
//! | `error`   | `tm_error` and its accessors                              |
//! | `store`   | `tm_trust_store`                                          |
//! | `policy`  | `tm_policy`                                               |
//! | `verify`  | `tm_verify()`, `TM_NOW`, `tm_parse_rfc3339()`             |
//! | `result`  | `tm_result` and its accessors                             |
//! | `smp`     | `tm_verify_smp()`, `tm_smp_result`, `tm_smp_name()`       |
//! | `emrex`   | `tm_emreg`, `tm_verify_elmo()`, `tm_elmo_result`          |
//! | `tsl`     | `tm_verify_tsl()`, `tm_tsl_result`, `tm_tsl_to_smp()`     |
//! | `saml`    | `tm_issuer_trust`, `tm_verify_saml_response()`, `tm_saml_response` |
//! | `ocsp`    | `tm_verify_ocsp_response()`, `tm_ocsp_info`               |
//! | `metadata` | `tm_verify_metadata()`, `tm_metadata_stream`, `tm_metadata_result`, `tm_metadata_find_entity()`, `tm_metadata_issuer_trust()` |
//!
//! Two internal modules hold the only interesting machinery: `handle` (a registry of live
//! handles, so that a NULL, freed or wrong-kind pointer is refused with a status instead of
//! being dereferenced) and `guard` (every entry point runs inside `catch_unwind`, so no panic
//! crosses the boundary).
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

mod store;

mod policy;

mod verify;

mod result;

mod smp;

mod smp_group;

mod smp_extension;

mod endpoint_check;

mod emrex;

mod tsl;

mod saml;

mod ocsp;

mod metadata;

pub use emrex::{tm_elmo_result, tm_emreg, tm_emrex_return_code};
pub use endpoint_check::tm_endpoint_checks;
pub use error::tm_error;
pub use metadata::{
    tm_metadata_entity, tm_metadata_entity_list, tm_metadata_result, tm_metadata_stream,
    TM_METADATA_PROFILE_ETOEGANG, TM_METADATA_PROFILE_GENERIC,
};
pub use ocsp::{tm_ocsp_cert_status, tm_ocsp_info};
pub use policy::tm_policy;
pub use result::tm_result;
pub use saml::{
    tm_issuer_trust, tm_replay_cache, tm_saml_request, tm_saml_response,
    TM_SAML_ATTRIBUTE_STATUS_AVAILABLE, TM_SAML_ATTRIBUTE_STATUS_NONE,
    TM_SAML_ATTRIBUTE_STATUS_NOT_AVAILABLE, TM_SAML_ATTRIBUTE_STATUS_WITHHELD,
    TM_SAML_PROFILE_EIDAS, TM_SAML_PROFILE_GENERIC, TM_SAML_PROFILE_STORK, TM_SAML_SIGNED_ANY,
    TM_SAML_SIGNED_ASSERTION, TM_SAML_SIGNED_BOTH, TM_SAML_SIGNED_RESPONSE,
};
pub use smp::{tm_smp_result, TM_NO_DATE, TM_SMP_NAME_BDXL, TM_SMP_NAME_CNAME};
pub use smp_extension::tm_smp_extension_signatures;
pub use smp_group::tm_smp_group;
pub use status::tm_status;
pub use store::tm_trust_store;
pub use tsl::{tm_smp_records, tm_tsl_result, TM_TSL_SMP_BUSDOX, TM_TSL_SMP_OASIS_SMP1};
pub use verify::TM_NOW;
pub use version::{
    TRUSTMETA_VERSION_MAJOR, TRUSTMETA_VERSION_MINOR, TRUSTMETA_VERSION_NUMBER,
    TRUSTMETA_VERSION_PATCH,
};

// The header promises that stores and policies may be shared read-only across threads and
// that results and errors may be read from any thread: that needs these to be Send + Sync.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<tm_trust_store>();
    shareable::<tm_policy>();
    shareable::<tm_result>();
    shareable::<tm_error>();
    shareable::<tm_smp_result>();
    shareable::<tm_smp_group>();
    shareable::<tm_smp_extension_signatures>();
    shareable::<tm_endpoint_checks>();
    shareable::<tm_emreg>();
    shareable::<tm_elmo_result>();
    shareable::<tm_tsl_result>();
    shareable::<tm_smp_records>();
    shareable::<tm_issuer_trust>();
    shareable::<tm_replay_cache>();
    shareable::<tm_saml_response>();
    shareable::<tm_saml_request>();
    shareable::<tm_metadata_result>();
    shareable::<tm_metadata_entity>();
    shareable::<tm_metadata_entity_list>();
};
