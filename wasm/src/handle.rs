//! The inputs that live between calls: trust stores, issuer trust, replay caches, EMREG
//! lists and decryption keys, each behind a JS class (`RawTrustStore`, …) that the
//! wrapper keeps private inside its public class.
//!
//! An operation borrows them through a [`Handle`]: a one-use token the wrapper asks the
//! JS object for (`token()`) and puts where the argument goes. The call takes the token
//! over — JS cannot use it again — and so holds its own reference to the store for as
//! long as it runs, whatever JS does meanwhile. Only this crate makes tokens, so an
//! argument is a store only if it came from one.

use std::rc::Rc;

use js_sys::{Array, Object};
use trustmeta::{Emreg, IssuerTrust, PkiError, TrustStore};
use trustmeta_table::ops::{DecryptionKeys, SharedReplayCache};
use trustmeta_table::recs;
use wasm_bindgen::prelude::*;

use crate::value::to_js;
use crate::{error_value, set};

/// What a token stands for.
pub(crate) enum Shared {
    Store(Rc<TrustStore>),
    IssuerTrust(Rc<IssuerTrust>),
    ReplayCache(Rc<SharedReplayCache>),
    Emreg(Rc<Emreg>),
    DecryptionKeys(Rc<DecryptionKeys>),
}

impl Shared {
    /// The public class name, for messages.
    pub(crate) fn class(&self) -> &'static str {
        match self {
            Shared::Store(_) => "TrustStore",
            Shared::IssuerTrust(_) => "IssuerTrust",
            Shared::ReplayCache(_) => "ReplayCache",
            Shared::Emreg(_) => "Emreg",
            Shared::DecryptionKeys(_) => "DecryptionKeys",
        }
    }
}

/// A one-use reference to a handle, handed to one operation.
#[wasm_bindgen(js_name = RawHandle)]
pub struct Handle(pub(crate) Shared);

fn pki(e: PkiError) -> JsValue {
    error_value(&e.into())
}

/// A set of trusted certificates and keys, plus untrusted intermediates and CRLs.
#[wasm_bindgen(js_name = RawTrustStore)]
#[derive(Default)]
pub struct RawTrustStore {
    // Shared with the calls running on it; changed copy-on-write, so a call never sees
    // a store change under it.
    pub(crate) inner: Rc<TrustStore>,
}

#[wasm_bindgen(js_class = RawTrustStore)]
impl RawTrustStore {
    /// An empty store.
    #[wasm_bindgen(constructor)]
    pub fn new() -> RawTrustStore {
        RawTrustStore::default()
    }

    /// Trusts every `CERTIFICATE` and `PUBLIC KEY` block of `pem` (or one DER certificate).
    ///
    /// # Errors
    /// `pki.bad_pem` / `pki.bad_certificate`, as a JS error with `code`.
    #[wasm_bindgen(js_name = addPem)]
    pub fn add_pem(&mut self, pem: &[u8]) -> Result<(), JsValue> {
        Rc::make_mut(&mut self.inner).add_pem(pem).map_err(pki)
    }

    /// Adds every certificate of `pem` as an untrusted intermediate.
    ///
    /// # Errors
    /// `pki.bad_pem` / `pki.bad_certificate`, as a JS error with `code`.
    #[wasm_bindgen(js_name = addIntermediatesPem)]
    pub fn add_intermediates_pem(&mut self, pem: &[u8]) -> Result<(), JsValue> {
        Rc::make_mut(&mut self.inner)
            .add_intermediates_pem(pem)
            .map_err(pki)
    }

    /// Adds every certificate revocation list of `pem` (its `X509 CRL` blocks, or one DER
    /// CRL), each used for the certificates of the CA that signed it. All or nothing.
    ///
    /// # Errors
    /// `pki.crl_invalid` when `pem` holds no CRL, or a CRL does not parse or is of an
    /// unsupported kind, as a JS error with `code`.
    #[wasm_bindgen(js_name = addCrlsPem)]
    pub fn add_crls_pem(&mut self, pem: &[u8]) -> Result<(), JsValue> {
        let mut next = TrustStore::clone(&self.inner);
        next.add_crls_pem(pem).map_err(pki)?;
        self.inner = Rc::new(next);
        Ok(())
    }

    /// Trusts only the public key of each certificate in `pem` (pinned), ignoring the
    /// certificates' validity: the SAML metadata interoperability profile's rule for keys
    /// taken from metadata. All or nothing.
    ///
    /// # Errors
    /// `pki.bad_pem` when `pem` holds no certificate, `pki.bad_certificate` for one that
    /// does not parse or has an unsupported key, as a JS error with `code`.
    #[wasm_bindgen(js_name = addKeysPem)]
    pub fn add_keys_pem(&mut self, pem: &[u8]) -> Result<(), JsValue> {
        let mut next = TrustStore::clone(&self.inner);
        next.add_keys_pem(pem).map_err(pki)?;
        self.inner = Rc::new(next);
        Ok(())
    }

    /// Number of trusted certificates and keys (intermediates not counted).
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        count(self.inner.len())
    }

    /// A token for one operation.
    pub fn token(&self) -> Handle {
        Handle(Shared::Store(Rc::clone(&self.inner)))
    }
}

/// Which keys may sign for which SAML issuer.
#[wasm_bindgen(js_name = RawIssuerTrust)]
#[derive(Default)]
pub struct RawIssuerTrust {
    pub(crate) inner: Rc<IssuerTrust>,
}

#[wasm_bindgen(js_class = RawIssuerTrust)]
impl RawIssuerTrust {
    /// No issuer trusted yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> RawIssuerTrust {
        RawIssuerTrust::default()
    }

    /// One store (copied) for every issuer.
    #[wasm_bindgen(js_name = anyIssuer)]
    pub fn any_issuer(store: &RawTrustStore) -> RawIssuerTrust {
        RawIssuerTrust {
            inner: Rc::new(IssuerTrust::any_issuer(TrustStore::clone(&store.inner))),
        }
    }

    /// Trusts (a copy of) `store` for messages issued by `entity_id`.
    pub fn add(&mut self, entity_id: &str, store: &RawTrustStore) {
        Rc::make_mut(&mut self.inner).add(entity_id, TrustStore::clone(&store.inner));
    }

    /// A token for one operation.
    pub fn token(&self) -> Handle {
        Handle(Shared::IssuerTrust(Rc::clone(&self.inner)))
    }
}

/// The assertion IDs already accepted, until they expire.
#[wasm_bindgen(js_name = RawReplayCache)]
pub struct RawReplayCache {
    inner: Rc<SharedReplayCache>,
}

#[wasm_bindgen(js_class = RawReplayCache)]
impl RawReplayCache {
    /// A cache holding at most `capacity` unexpired IDs.
    #[wasm_bindgen(constructor)]
    pub fn new(capacity: u32) -> RawReplayCache {
        let capacity = usize::try_from(capacity).unwrap_or(usize::MAX);
        RawReplayCache {
            inner: Rc::new(SharedReplayCache::memory(capacity)),
        }
    }

    /// A cache kept by `check(id, expiresAtMs, nowMs)`, which records `id` and returns
    /// `true` when it is fresh, `false` for a replay; anything else refuses the response
    /// as `saml.replay_cache_unavailable`.
    #[wasm_bindgen(js_name = fromCallback)]
    pub fn from_callback(check: js_sys::Function) -> RawReplayCache {
        RawReplayCache {
            inner: Rc::new(crate::replay::callback_cache(check)),
        }
    }

    /// How many IDs it holds (0 for a cache kept by a callback).
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        count(self.inner.len().unwrap_or(0))
    }

    /// A token for one operation.
    pub fn token(&self) -> Handle {
        Handle(Shared::ReplayCache(Rc::clone(&self.inner)))
    }
}

/// A parsed EMREG registry list (EMREX): the NCPs and the countries. The wrapper keeps
/// the lists it reads once and answers the lookups with their entries, by index.
#[wasm_bindgen(js_name = RawEmreg)]
pub struct RawEmreg {
    inner: Rc<Emreg>,
}

#[wasm_bindgen(js_class = RawEmreg)]
impl RawEmreg {
    /// Parses an EMREG list (JSON, `ncps` or `emps`).
    ///
    /// # Errors
    /// `emrex.json_malformed`, `emrex.json_limit`, `emrex.emreg_malformed`, as a JS error
    /// with `code`.
    pub fn parse(data: &[u8]) -> Result<RawEmreg, JsValue> {
        Emreg::parse(data)
            .map(|e| RawEmreg { inner: Rc::new(e) })
            .map_err(|e| error_value(&e.into()))
    }

    /// The NCPs, in list order, as `Ncp` records.
    pub fn ncps(&self) -> JsValue {
        to_js(&recs(&self.inner.ncps))
    }

    /// The countries, in list order, as `Country` records.
    pub fn countries(&self) -> JsValue {
        to_js(&recs(&self.inner.countries))
    }

    /// Whether the NCPs came from the newer `emps` member.
    #[wasm_bindgen(getter)]
    pub fn emps(&self) -> bool {
        self.inner.emps
    }

    /// How many `null` entries were skipped.
    #[wasm_bindgen(getter, js_name = skippedNulls)]
    pub fn skipped_nulls(&self) -> u32 {
        count(self.inner.skipped_nulls)
    }

    /// The index in `ncps()` of the NCP called `acronym`.
    ///
    /// # Errors
    /// `emrex.ncp_not_found` as a JS error with `code`.
    #[wasm_bindgen(js_name = ncpIndex)]
    pub fn ncp_index(&self, acronym: &str) -> Result<u32, JsValue> {
        let ncp = self
            .inner
            .ncp(acronym)
            .map_err(|e| error_value(&e.into()))?;
        Ok(self.position(ncp))
    }

    /// The index in `countries()` of country `code` (any case), or -1.
    #[wasm_bindgen(js_name = countryIndex)]
    pub fn country_index(&self, code: &str) -> i32 {
        self.inner
            .country(code)
            .and_then(|c| {
                self.inner
                    .countries
                    .iter()
                    .position(|x| core::ptr::eq(x, c))
            })
            .and_then(|i| i32::try_from(i).ok())
            .unwrap_or(-1)
    }

    /// The indexes of the NCPs of country `code` (any case), in list order.
    #[wasm_bindgen(js_name = ncpsOfCountry)]
    pub fn ncps_of_country(&self, code: &str) -> Vec<u32> {
        self.inner
            .ncps_of_country(code)
            .into_iter()
            .map(|n| self.position(n))
            .collect()
    }

    /// What to offer a learner of country `code`: `NcpChoice` records, with the index of
    /// the NCP in `ncps()` for `ncp`.
    pub fn choices(&self, code: &str) -> Array {
        self.inner
            .choices(code)
            .iter()
            .map(|c| {
                let o = Object::new();
                set(&o, "ncp", self.position(c.ncp));
                let institution = c.institution.map_or(JsValue::NULL, JsValue::from_str);
                set(&o, "institution", institution);
                o
            })
            .collect()
    }

    /// A token for one operation.
    pub fn token(&self) -> Handle {
        Handle(Shared::Emreg(Rc::clone(&self.inner)))
    }

    fn position(&self, ncp: &trustmeta::Ncp) -> u32 {
        let i = self
            .inner
            .ncps
            .iter()
            .position(|n| core::ptr::eq(n, ncp))
            .unwrap_or(usize::MAX);
        count(i)
    }
}

/// A relying party's private keys for encrypted SAML content.
#[wasm_bindgen(js_name = RawDecryptionKeys)]
#[derive(Default)]
pub struct RawDecryptionKeys {
    // Copy-on-write like the trust store: a clone shares the keys themselves, so adding
    // one never copies key material and never changes what a running call holds.
    inner: Rc<DecryptionKeys>,
}

#[wasm_bindgen(js_class = RawDecryptionKeys)]
impl RawDecryptionKeys {
    /// No keys.
    #[wasm_bindgen(constructor)]
    pub fn new() -> RawDecryptionKeys {
        RawDecryptionKeys::default()
    }

    /// Adds the first private key of `pem` (`PRIVATE KEY`, `RSA PRIVATE KEY` or
    /// `EC PRIVATE KEY`).
    ///
    /// # Errors
    /// `xmlenc.bad_key`, as a JS error with `code`.
    #[wasm_bindgen(js_name = addPem)]
    pub fn add_pem(&mut self, mut pem: Vec<u8>) -> Result<(), JsValue> {
        let added = Rc::make_mut(&mut self.inner).add_pem(&pem);
        // Taken by value so that this copy of the private key, in memory the module
        // reuses, is wiped rather than left behind when it is freed; `black_box` keeps
        // the writes from being dropped as dead stores.
        pem.fill(0);
        core::hint::black_box(&pem);
        added.map_err(|e| error_value(&e))
    }

    /// How many keys.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        count(self.inner.len())
    }

    /// A token for one operation.
    pub fn token(&self) -> Handle {
        Handle(Shared::DecryptionKeys(Rc::clone(&self.inner)))
    }
}

/// A count or index as a JS number.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
