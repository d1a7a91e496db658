//! Whom to trust for SMP: signing anchors per SML zone (never the TLS anchors), and
//! access-point anchors for the certificates that endpoints publish.

use alloc::string::String;
use alloc::vec::Vec;

use super::Endpoint;
use crate::crypto::{default_verifier, SignatureVerifier};
use crate::pki::{check_signer, path_context, Certificate, PkiError, TrustStore};
use crate::policy::Policy;
use crate::time::DateTime;

/// SMP signing anchors by SML/BDXL zone.
///
/// An SMP's signing certificate is certified by the network's SMP CA (PEPPOL SERVICE
/// METADATA PUBLISHER CA, an eHealth national CA…), which has nothing to do with the CAs
/// that certify the SMP's TLS server certificate. Keeping one store per zone means a
/// record found through one network can never be accepted on the strength of another
/// network's (or a web PKI) anchor.
///
/// ```
/// use trustmeta::{SmpTrustAnchors, TrustStore};
/// let mut anchors = SmpTrustAnchors::new();
/// anchors.add_zone("edelivery.tech.ec.europa.eu.", TrustStore::new());
/// assert!(anchors.for_zone("EDELIVERY.tech.ec.europa.eu").is_some());
/// assert!(anchors.for_zone("participant.sml.test.tech.peppol.org").is_none());
/// ```
#[derive(Clone, Debug, Default)]
pub struct SmpTrustAnchors {
    zones: Vec<(String, TrustStore)>,
}

fn normalize_zone(zone: &str) -> String {
    zone.trim().trim_end_matches('.').to_ascii_lowercase()
}

impl SmpTrustAnchors {
    /// No zone yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the signing anchors of `zone` (case-insensitive, trailing dot ignored),
    /// replacing earlier ones.
    pub fn add_zone(&mut self, zone: &str, store: TrustStore) {
        let z = normalize_zone(zone);
        self.zones.retain(|(k, _)| *k != z);
        self.zones.push((z, store));
    }

    /// The anchors of `zone`, if configured. No fallback to another zone's anchors.
    pub fn for_zone(&self, zone: &str) -> Option<&TrustStore> {
        let z = normalize_zone(zone);
        self.zones.iter().find(|(k, _)| *k == z).map(|(_, s)| s)
    }
}

/// The outcome of checking one endpoint's certificate against access-point anchors.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct EndpointCertificateCheck {
    /// Index of the endpoint in the slice that was checked.
    pub endpoint: usize,
    /// The path from the endpoint certificate to an anchor, or why there is none (a
    /// missing or unparsable certificate is [`PkiError::BadCertificate`]).
    pub result: Result<Vec<Certificate>, PkiError>,
}

/// Checks the certificate each endpoint publishes against the access-point anchors
/// (e.g. the PEPPOL AP CA) at `now`: a path to an anchor, validity, key usage.
///
/// The signature on the record says the SMP published this certificate; this check says
/// the certificate belongs to the network, which a sender needs before encrypting to it.
///
/// # Examples
/// See `core/tests/smp.rs`.
pub fn check_endpoint_certificates(
    endpoints: &[Endpoint],
    ap_anchors: &TrustStore,
    policy: &Policy,
    now: DateTime,
) -> Vec<EndpointCertificateCheck> {
    check_endpoint_certificates_with(endpoints, ap_anchors, policy, now, default_verifier())
}

/// [`check_endpoint_certificates`] with a caller-chosen signature backend.
pub fn check_endpoint_certificates_with(
    endpoints: &[Endpoint],
    ap_anchors: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Vec<EndpointCertificateCheck> {
    let cx = path_context(now, verifier, policy);
    endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let result = match e.certificate() {
                None => Err(PkiError::BadCertificate {
                    reason: String::from("the endpoint publishes no certificate"),
                }),
                Some(c) => c
                    .parse()
                    .and_then(|cert| check_signer(&cert, &[], ap_anchors, &cx).map(|t| t.chain)),
            };
            EndpointCertificateCheck {
                endpoint: i,
                result,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smp::EndpointCertificate;
    use crate::ErrorCode;

    fn der(pem: &[u8]) -> Vec<u8> {
        let text = core::str::from_utf8(pem).unwrap();
        crate::encoding::pem_blocks(text, "CERTIFICATE")
            .next()
            .unwrap()
    }

    fn endpoint(cert: Option<Vec<u8>>) -> Endpoint {
        Endpoint {
            processes: Vec::new(),
            transport_profile: String::from("peppol-transport-as4-v2_0"),
            uri: String::from("https://ap.example.org/as4"),
            activation: None,
            expiration: None,
            certificates: cert
                .into_iter()
                .map(|der| EndpointCertificate {
                    der,
                    type_code: None,
                    activation: None,
                    expiration: None,
                })
                .collect(),
            require_business_level_signature: None,
            description: None,
            technical_contact: None,
        }
    }

    #[test]
    fn endpoint_certificates_must_chain_to_the_access_point_anchors() {
        let leaf = der(include_bytes!(
            "../../../tests/data/xmldsig-gen/pki/leaf-rsa2048.pem"
        ));
        let expired = der(include_bytes!(
            "../../../tests/data/xmldsig-gen/pki/leaf-expired.pem"
        ));
        let mut ap = TrustStore::from_pem(include_bytes!(
            "../../../tests/data/xmldsig-gen/pki/root.pem"
        ))
        .unwrap();
        ap.add_intermediates_pem(include_bytes!(
            "../../../tests/data/xmldsig-gen/pki/intermediate.pem"
        ))
        .unwrap();
        let other = TrustStore::from_pem(include_bytes!(
            "../../../tests/data/xmldsig-gen/pki/leaf-p256.pem"
        ))
        .unwrap();
        let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
        let eps = [
            endpoint(Some(leaf.clone())),
            endpoint(Some(expired)),
            endpoint(None),
        ];
        let checks = check_endpoint_certificates(&eps, &ap, &Policy::default(), now);
        assert_eq!(checks[0].result.as_ref().map(Vec::len).ok(), Some(3));
        assert_eq!(
            checks[1].result.as_ref().err().map(PkiError::code),
            Some(ErrorCode::PkiExpired)
        );
        assert_eq!(
            checks[2].result.as_ref().err().map(PkiError::code),
            Some(ErrorCode::PkiBadCertificate)
        );
        let untrusted = check_endpoint_certificates(&eps[..1], &other, &Policy::default(), now);
        assert_eq!(
            untrusted[0].result.as_ref().err().map(PkiError::code),
            Some(ErrorCode::PkiUntrustedSigner)
        );
    }
}
