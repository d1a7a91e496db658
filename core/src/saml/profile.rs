//! The STORK 1.0 and eIDAS profiles as presets, and which parts of a response must be
//! signed.

use crate::policy::Policy;

/// The SAML profile a message is verified under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SamlProfile {
    /// Plain SAML 2.0 Web Browser SSO under the caller's [`Policy`].
    #[default]
    Generic,
    /// STORK 1.0: exclusive canonicalization; SHA-1 (rsa-sha1) only when the policy's
    /// legacy switch allows it; a successful response carries exactly one assertion.
    Stork,
    /// eIDAS (the eIDAS-Node cryptographic requirements): RSASSA-PSS or ECDSA only,
    /// SHA-256 or stronger, RSA keys of at least 3072 bits, EC keys of at least 256.
    Eidas,
}

impl SamlProfile {
    /// Reads `generic`, `stork` or `eidas`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "generic" | "saml" => Some(SamlProfile::Generic),
            "stork" => Some(SamlProfile::Stork),
            "eidas" => Some(SamlProfile::Eidas),
            _ => None,
        }
    }

    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["generic", "stork", "eidas"];

    /// The profile's name.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            SamlProfile::Generic => 0,
            SamlProfile::Stork => 1,
            SamlProfile::Eidas => 2,
        }]
    }

    /// The verification policy the profile prescribes, starting from `base`: STORK
    /// keeps `base` (its SHA-1 switch is the caller's); eIDAS refuses PKCS#1 v1.5 and
    /// SHA-1 and raises the key minimums, whatever `base` says.
    ///
    /// ```
    /// use trustmeta::{Policy, SamlProfile};
    /// let p = SamlProfile::Eidas.policy(&Policy { allow_sha1: true, ..Policy::default() });
    /// assert!(!p.allow_sha1 && !p.allow_rsa_pkcs1v15 && p.min_rsa_bits == 3072);
    /// ```
    pub fn policy(self, base: &Policy) -> Policy {
        let mut p = base.clone();
        if self == SamlProfile::Eidas {
            p.allow_sha1 = false;
            p.allow_rsa_pkcs1v15 = false;
            p.min_rsa_bits = p.min_rsa_bits.max(3072);
            p.min_ec_bits = p.min_ec_bits.max(256);
        }
        p
    }
}

/// Which signatures a response must carry. Whatever is chosen, every assertion returned
/// is covered by a verified signature.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignedParts {
    /// A signed Response, or a signed Assertion, or both (the default).
    #[default]
    ResponseOrAssertion,
    /// The Response must be signed.
    Response,
    /// The Assertion must be signed.
    Assertion,
    /// Both must be signed.
    Both,
}

impl SignedParts {
    /// Reads `any`, `response`, `assertion` or `both`.
    pub fn parse(s: &str) -> Option<Self> {
        [
            SignedParts::ResponseOrAssertion,
            SignedParts::Response,
            SignedParts::Assertion,
            SignedParts::Both,
        ]
        .into_iter()
        .find(|p| p.name() == s)
    }

    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["any", "response", "assertion", "both"];

    /// `any`, `response`, `assertion` or `both`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            SignedParts::ResponseOrAssertion => 0,
            SignedParts::Response => 1,
            SignedParts::Assertion => 2,
            SignedParts::Both => 3,
        }]
    }
}
