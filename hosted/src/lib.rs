//! The hosted layer of trustmeta: what a gateway or relying party needs around the
//! `no_std` verifier once it runs as a service — network lookups, refreshed state on
//! disk, and state shared by several worker processes. It needs `std` and a network; the
//! core stays free of both. The command-line tool, the C library and the Python wheel
//! use it, so that each behaves the same way.

pub mod cache;
pub mod dns;
pub mod http;
pub mod safe_write;
pub mod smp;
