//! The hosted layer of trustmeta: what a gateway or relying party needs around the
//! `no_std` verifier once it runs as a service — network lookups, refreshed state on
//! disk, and state shared by several worker processes. It needs `std` and a network; the
//! core stays free of both. The command-line tool, the C library and the Python wheel
//! use it, so that each behaves the same way.
//!
//! | what | where |
//! |---|---|
//! | SMP lookup: DNS, HTTP, verification, a record cache | [`smp::SmpLookup`] |
//! | a metadata aggregate kept verified on disk, with an entity index for issuer keys | [`metadata::MetadataSource`], [`metadata::EntityIndex`] |
//! | a SAML replay cache shared by every worker of a relying party, on Redis or Valkey | [`RedisReplayCache`] |

pub mod cache;
pub mod dns;
pub mod hash_thread;
pub mod http;
pub mod metadata;
mod redis_link;
mod replay;
pub mod safe_write;
pub mod smp;

pub use redis_link::is_redis_url;
pub use replay::{InvalidCacheUrl, RedisReplayCache};
