//! Which keys may sign for which issuer.

use alloc::string::String;
use alloc::vec::Vec;

use crate::pki::TrustStore;

/// The trust anchors of SAML issuers: per issuer entity ID, or one store for any issuer
/// (a deployment that talks to a single identity provider).
///
/// A message is checked against the store of the issuer it names; naming another issuer
/// only selects another store, whose keys the signer then must hold.
///
/// ```
/// use trustmeta::{IssuerTrust, TrustStore};
/// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/sample/signer.pem"))?;
/// let mut trust = IssuerTrust::new();
/// trust.add("https://idp.example.org/metadata", store);
/// assert!(trust.store_for("https://idp.example.org/metadata").is_some());
/// assert!(trust.store_for("https://other.example.org/").is_none());
/// # Ok::<(), trustmeta::PkiError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct IssuerTrust {
    issuers: Vec<(String, TrustStore)>,
    any: Option<TrustStore>,
}

impl IssuerTrust {
    /// No issuer is trusted yet.
    pub fn new() -> Self {
        IssuerTrust::default()
    }

    /// One store for every issuer.
    pub fn any_issuer(store: TrustStore) -> Self {
        IssuerTrust {
            issuers: Vec::new(),
            any: Some(store),
        }
    }

    /// Trusts `store` for messages issued by `entity_id` (compared exactly).
    pub fn add(&mut self, entity_id: &str, store: TrustStore) {
        self.issuers.push((String::from(entity_id), store));
    }

    /// The issuers trusted by name, with their stores, in the order they were added
    /// (the any-issuer store is not among them).
    pub fn issuers(&self) -> impl Iterator<Item = (&str, &TrustStore)> {
        self.issuers.iter().map(|(id, s)| (id.as_str(), s))
    }

    /// The any-issuer store, if there is one.
    pub fn any(&self) -> Option<&TrustStore> {
        self.any.as_ref()
    }

    /// The store for `issuer`: its own, else the any-issuer store.
    pub fn store_for(&self, issuer: &str) -> Option<&TrustStore> {
        self.issuers
            .iter()
            .find(|(id, _)| id == issuer)
            .map(|(_, s)| s)
            .or(self.any.as_ref())
    }
}
