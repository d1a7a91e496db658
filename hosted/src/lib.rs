//! The hosted layer of trustmeta: what a gateway or relying party needs around the
//! `no_std` verifier once it runs as a service — network lookups, refreshed state on
//! disk, and state shared by several worker processes. It needs `std` and a network; the
//! core stays free of both. The command-line tool, the C library and the Python wheel
//! use it, so that each behaves the same way.
//!
//! | what | where |
//! |---|---|
//! | a SAML replay cache shared by every worker of a relying party, on Redis or Valkey | [`RedisReplayCache`] |

pub mod cache;
pub mod dns;
pub mod http;
mod replay;
pub mod safe_write;
pub mod smp;

pub use replay::{InvalidCacheUrl, RedisReplayCache};
