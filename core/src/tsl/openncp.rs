//! The OpenNCP (epSOS, eHDSI) reading of an NCP configuration list, and its mapping to
//! SMP service metadata.
//!
//! An NCP configuration list (`Id="NCPConfiguration-CC"`) has providers named `NCP-A`
//! (the country answering queries) and `NCP-B` (the country asking), whose services are
//! typed by `http://uri.epsos.eu/Svc/Svctype/<Name>`. The SMP mapping follows the
//! community's `tsl2smp` stylesheet record for record (participant, document and process
//! identifiers, transport profiles, endpoint addresses and certificates by role), with
//! its two known defects fixed: the NCP signature certificate (the NCP service's second
//! `DigitalId`) is carried over in an endpoint `Extension` as a `ds:X509Data`, and the
//! activation time keeps its instant (the zone it was written in is converted to UTC,
//! not dropped). The VPN records get the transport profile `urn:ehealth:transport:none`
//! (the stylesheet's value for records without a message transport) and the VPN client
//! the address `ipsec://`, instead of empty values SMP readers refuse. Withdrawn or revoked services are not
//! published. The International
//! Search Mask record needs a file from outside the list and is not produced.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::model::{Service, TrustedList};
use super::verify::VerifiedTsl;
use super::TslError;
use crate::pki::Certificate;
use crate::time::DateTime;

/// The prefix of OpenNCP service type identifiers.
pub const SVC_TYPE_PREFIX: &str = "http://uri.epsos.eu/Svc/Svctype/";

/// Which side of the exchange a provider entry describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NcpFace {
    /// `NCP-A`: the country of affiliation, answering (patient identification, documents).
    NcpA,
    /// `NCP-B`: the country of care, asking (VPN client, identity provider).
    NcpB,
}

impl NcpFace {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["NCP-A", "NCP-B"];

    /// The provider name (`NCP-A`, `NCP-B`).
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            NcpFace::NcpA => 0,
            NcpFace::NcpB => 1,
        }]
    }

    fn from_name(name: &str) -> Option<Self> {
        match name.trim() {
            "NCP-A" => Some(NcpFace::NcpA),
            "NCP-B" => Some(NcpFace::NcpB),
            _ => None,
        }
    }
}

/// The role an OpenNCP service type names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NcpRole {
    /// `VPNGateway`: the IPsec gateway (server on NCP-A, client on NCP-B).
    VpnGateway,
    /// `NCP`: the node itself; `DigitalId` 1 is its TLS certificate, 2 its signature one.
    Ncp,
    /// `PatientIdenitificationService` (sic; the corrected spelling is accepted too).
    PatientIdentification,
    /// `PatientService`.
    Patient,
    /// `OrderService`.
    Order,
    /// `DispensationService`.
    Dispensation,
    /// `ConsentService`.
    Consent,
    /// `IdP` or `IdV`: the identity provider of NCP-B (lists use both names).
    IdentityProvider,
}

impl NcpRole {
    /// The role a `ServiceTypeIdentifier` names, if it is an OpenNCP one.
    pub fn from_type(uri: &str) -> Option<Self> {
        Some(match uri.trim().strip_prefix(SVC_TYPE_PREFIX)? {
            "VPNGateway" => NcpRole::VpnGateway,
            "NCP" => NcpRole::Ncp,
            "PatientIdenitificationService" | "PatientIdentificationService" => {
                NcpRole::PatientIdentification
            }
            "PatientService" => NcpRole::Patient,
            "OrderService" => NcpRole::Order,
            "DispensationService" => NcpRole::Dispensation,
            "ConsentService" => NcpRole::Consent,
            "IdP" | "IdV" => NcpRole::IdentityProvider,
            _ => return None,
        })
    }

    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &[
        "VPNGateway",
        "NCP",
        "PatientIdentificationService",
        "PatientService",
        "OrderService",
        "DispensationService",
        "ConsentService",
        "IdP",
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            NcpRole::VpnGateway => 0,
            NcpRole::Ncp => 1,
            NcpRole::PatientIdentification => 2,
            NcpRole::Patient => 3,
            NcpRole::Order => 4,
            NcpRole::Dispensation => 5,
            NcpRole::Consent => 6,
            NcpRole::IdentityProvider => 7,
        }]
    }
}

/// One service of an NCP configuration list, with its face and role.
#[derive(Clone, Copy, Debug)]
pub struct OpenNcpService<'l> {
    /// The provider it belongs to.
    pub face: NcpFace,
    /// What it is.
    pub role: NcpRole,
    /// The service as the list gives it.
    pub service: &'l Service,
}

/// The OpenNCP view of a verified NCP configuration list.
#[derive(Clone, Debug)]
pub struct OpenNcpList<'l> {
    /// The country code of the list's `Id` (`NCPConfiguration-AT` → `AT`).
    pub country: String,
    /// The services of the `NCP-A` and `NCP-B` providers with a known role.
    pub services: Vec<OpenNcpService<'l>>,
    /// Services of those providers whose type is not an OpenNCP one.
    pub unknown_services: usize,
}

impl<'l> OpenNcpList<'l> {
    /// Reads the OpenNCP roles of `list`.
    ///
    /// # Errors
    /// [`TslError::NotOpenNcp`] when the list's `Id` is not `NCPConfiguration-` and a
    /// two-letter country, or it has no `NCP-A`/`NCP-B` provider.
    pub fn new(list: &'l TrustedList) -> Result<Self, TslError> {
        let country = list
            .id
            .as_deref()
            .and_then(|id| id.strip_prefix("NCPConfiguration-"))
            .filter(|cc| cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_alphabetic()))
            .ok_or_else(|| TslError::NotOpenNcp {
                reason: format!(
                    "the list Id is {:?}, not NCPConfiguration-CC",
                    list.id.as_deref().unwrap_or("")
                ),
            })?
            .to_ascii_uppercase();
        let mut services = Vec::new();
        let mut unknown_services = 0;
        let mut faces = 0;
        for p in &list.providers {
            let Some(face) = NcpFace::from_name(p.name()) else {
                continue;
            };
            faces += 1;
            for s in &p.services {
                match NcpRole::from_type(&s.type_identifier) {
                    Some(role) => services.push(OpenNcpService {
                        face,
                        role,
                        service: s,
                    }),
                    None => unknown_services += 1,
                }
            }
        }
        if faces == 0 {
            return Err(TslError::NotOpenNcp {
                reason: "no provider is named NCP-A or NCP-B".to_string(),
            });
        }
        Ok(OpenNcpList {
            country,
            services,
            unknown_services,
        })
    }

    /// The first service of `face` with `role`.
    pub fn service(&self, face: NcpFace, role: NcpRole) -> Option<&'l Service> {
        self.services
            .iter()
            .find(|s| s.face == face && s.role == role)
            .map(|s| s.service)
    }

    /// The NCP's TLS certificate on `face` (the `NCP` service's first `DigitalId`).
    pub fn tls_certificate(&self, face: NcpFace) -> Option<&'l Certificate> {
        self.service(face, NcpRole::Ncp)
            .and_then(|s| s.digital_ids.first())
            .and_then(|d| d.certificate())
    }

    /// The NCP's signature certificate on `face` (the `NCP` service's second `DigitalId`).
    pub fn signature_certificate(&self, face: NcpFace) -> Option<&'l Certificate> {
        self.service(face, NcpRole::Ncp)
            .and_then(|s| s.digital_ids.get(1))
            .and_then(|d| d.certificate())
    }
}

/// Which SMP 1.x vocabulary [`to_smp`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SmpOutputFormat {
    /// OASIS SMP 1.0 (`http://docs.oasis-open.org/bdxr/ns/SMP/2016/05`).
    OasisSmp1,
    /// PEPPOL busdox (`http://busdox.org/serviceMetadata/publishing/1.0/`), as the
    /// OpenNCP stylesheet wrote.
    Busdox,
}

impl SmpOutputFormat {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["oasis-smp1", "busdox"];

    /// Reads `oasis-smp1` or `busdox`.
    pub fn parse(s: &str) -> Option<Self> {
        [SmpOutputFormat::OasisSmp1, SmpOutputFormat::Busdox]
            .into_iter()
            .find(|f| f.name() == s)
    }

    /// `oasis-smp1` or `busdox`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            SmpOutputFormat::OasisSmp1 => 0,
            SmpOutputFormat::Busdox => 1,
        }]
    }
}

/// One unsigned `ServiceMetadata` document written by [`to_smp`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SmpRecord {
    /// The stylesheet's file name, e.g. `Patient_Service_AT.xml`.
    pub file_name: String,
    /// The participant identifier value (scheme `ehealth-actorid-qns`).
    pub participant: String,
    /// The document identifier value (scheme `ehealth-resid-qns`).
    pub document: String,
    /// The process identifier value (scheme `ehealth-procid-qns`).
    pub process: String,
    /// How many endpoints the record has (one per supply point, or one).
    pub endpoints: usize,
    /// The document, UTF-8, ready for an SMP server to sign.
    pub xml: String,
}

/// What one OpenNCP service becomes in SMP.
struct Mapping {
    doc: &'static str,
    process: String,
    transport: &'static str,
    uri_prefix: &'static str,
    /// One endpoint per supply point (prefix + supply point), or one with the prefix.
    per_supply_point: bool,
    description: &'static str,
    file: &'static str,
}

/// Maps a verified OpenNCP configuration list to SMP `ServiceMetadata` records.
///
/// Takes a [`VerifiedTsl`] so that only a list whose signature was checked can become
/// SMP records. See the module documentation for the mapping and the two fixes.
///
/// # Errors
/// [`TslError::NotOpenNcp`] for a list that is not an NCP configuration list;
/// [`TslError::Malformed`] when a mapped service lacks what its record needs (a
/// certificate, a supply point) or two records would share a file name.
pub fn to_smp(tsl: &VerifiedTsl, format: SmpOutputFormat) -> Result<Vec<SmpRecord>, TslError> {
    let view = OpenNcpList::new(&tsl.list)?;
    let cc = &view.country;
    let lower = cc.to_ascii_lowercase();
    let contact = tsl
        .list
        .scheme
        .operator_electronic_addresses
        .first()
        .map_or("", String::as_str);
    let participant = format!("urn:ehealth:{lower}:ncpb-idp");
    let mut out: Vec<SmpRecord> = Vec::new();
    for s in &view.services {
        if is_withdrawn(&s.service.status) {
            continue;
        }
        for m in mappings(s.face, s.role, &lower) {
            let certificate = match (s.face, s.role) {
                (_, NcpRole::VpnGateway) => s.service.digital_ids.first().and_then(|d| d.certificate()),
                (NcpFace::NcpB, NcpRole::IdentityProvider) => {
                    s.service.digital_ids.first().and_then(|d| d.certificate())
                }
                (face, _) => view.tls_certificate(face),
            }
            .ok_or_else(|| TslError::Malformed {
                reason: format!(
                    "{} {} has no certificate for its SMP record (the service's or the NCP service's first DigitalId)",
                    s.face.name(),
                    s.role.name()
                ),
            })?;
            let signature_certificate = match s.role {
                NcpRole::VpnGateway => None,
                _ => view.signature_certificate(s.face),
            };
            let addresses: Vec<String> = if m.per_supply_point {
                s.service
                    .supply_points
                    .iter()
                    .map(|sp| normalize_space(&format!("{}{sp}", m.uri_prefix)))
                    .collect()
            } else {
                alloc::vec![m.uri_prefix.to_string()]
            };
            if addresses.is_empty() {
                return Err(TslError::Malformed {
                    reason: format!(
                        "{} {} has no ServiceSupplyPoint for its endpoint address",
                        s.face.name(),
                        s.role.name()
                    ),
                });
            }
            let activation = s.service.status_starting_time;
            let endpoint = EndpointText {
                transport: m.transport,
                activation,
                expiration: activation.add_years(10),
                certificate,
                signature_certificate,
                description: format!("{} of the {cc} NCP", m.description),
                contact,
            };
            let file_name = format!("{}_{cc}.xml", m.file);
            if out.iter().any(|r| r.file_name == file_name) {
                return Err(TslError::Malformed {
                    reason: format!("two {} services map to {file_name}", s.role.name()),
                });
            }
            let document = format!("urn::epsos##services:extended:{}", m.doc);
            let xml = write_record(
                format,
                &participant,
                &document,
                &m.process,
                &addresses,
                &endpoint,
            );
            out.push(SmpRecord {
                file_name,
                participant: participant.clone(),
                document,
                process: m.process,
                endpoints: addresses.len(),
                xml,
            });
        }
    }
    Ok(out)
}

/// The stylesheet's table: which records a service of `role` on `face` becomes.
fn mappings(face: NcpFace, role: NcpRole, lower_cc: &str) -> Vec<Mapping> {
    let m =
        |doc, process: &str, transport, uri_prefix, per_supply_point, description, file| Mapping {
            doc,
            process: process.to_string(),
            transport,
            uri_prefix,
            per_supply_point,
            description,
            file,
        };
    const XCPD: &str = "urn:ihe:iti:2013:xcpd";
    const XCF: &str = "urn:ihe:iti:2013:xcf";
    const XDR: &str = "urn:ihe:iti:2013:xdr";
    // The stylesheet leaves the VPN records' transportProfile (and the VPN client's
    // address) empty, which SMP readers (ours included) refuse; its own value for
    // records with no message transport (the search mask) is used instead, and the
    // client's address is the bare scheme of the server's.
    const NO_TRANSPORT: &str = "urn:ehealth:transport:none";
    match (face, role) {
        (NcpFace::NcpA, NcpRole::VpnGateway) => alloc::vec![m(
            "epsos::105",
            "urn:ehealth:ncp:vpngateway",
            NO_TRANSPORT,
            "ipsec://",
            true,
            "This is the VPN Server configuration",
            "VPN_Gateway_A"
        )],
        (NcpFace::NcpA, NcpRole::PatientIdentification) => alloc::vec![m(
            "epsos::11",
            "urn:epsosIdentityService::FindIdentityByTraits",
            XCPD,
            "",
            true,
            "This is the epSOS Identity Service - Find Identity By Traits",
            "Patient_Identification_Service"
        )],
        (NcpFace::NcpA, NcpRole::Patient) => alloc::vec![m(
            "epsos::21",
            "urn:epsosPatientService::List",
            XCF,
            "",
            true,
            "This is the epSOS Patient Service List",
            "Patient_Service"
        )],
        (NcpFace::NcpA, NcpRole::Order) => alloc::vec![m(
            "epsos::31",
            "urn:epsosOrderService::List",
            XCF,
            "",
            true,
            "This is the epSOS Order Service List",
            "Order_Service"
        )],
        (NcpFace::NcpA, NcpRole::Dispensation) => alloc::vec![
            m(
                "epsos::41",
                "urn:epsosDispensationService::Initialize",
                XDR,
                "",
                true,
                "This is the epSOS Dispensation Service Initialize",
                "Dispensation_Service_Initialize"
            ),
            m(
                "epsos::42",
                "urn:epsosDispensationService::Discard",
                XDR,
                "",
                true,
                "This is the epSOS Dispensation Service Discard",
                "Dispensation_Service_Discard"
            ),
        ],
        (NcpFace::NcpA, NcpRole::Consent) => alloc::vec![
            m(
                "epsos::51",
                "urn:epsosConsentService::Put",
                XDR,
                "",
                true,
                "This is the epSOS Consent Service Put",
                "Consent_Service_Put"
            ),
            m(
                "epsos::52",
                "urn:epsosConsentService::Discard",
                XDR,
                "",
                true,
                "This is the epSOS Consent Service Discard",
                "Consent_Service_Discard"
            ),
        ],
        (NcpFace::NcpB, NcpRole::VpnGateway) => alloc::vec![m(
            "epsos::106",
            "urn:ehealth:ncp:vpngateway",
            NO_TRANSPORT,
            "ipsec://",
            false,
            "This is the VPN Client configuration",
            "VPN_Gateway_B"
        )],
        (NcpFace::NcpB, NcpRole::IdentityProvider) => alloc::vec![m(
            "epsos::91",
            &format!("urn:ehealth:ncp:{lower_cc}:ncpb-idp"),
            "urn:oasis:names:tc:SAML:2.0:protocol",
            "urn:idp:countryB",
            false,
            "This is the epSOS Identity Provider",
            "Identity_Provider"
        )],
        _ => Vec::new(),
    }
}

/// Statuses (TS 119 612 §5.5.4 and the TS 102 231 ones) under which a service must not
/// be published as an endpoint.
fn is_withdrawn(status: &str) -> bool {
    const ENDED: &[&str] = &[
        "/withdrawn",
        "/revoked",
        "/supervisionrevoked",
        "/accreditationrevoked",
        "/supervisionceased",
        "/accreditationceased",
        "/deprecatedatnationallevel",
        "/deprecatedbynationallaw",
    ];
    let s = status.trim().trim_end_matches('/');
    ENDED.iter().any(|e| s.ends_with(e))
}

/// XPath `normalize-space`, as the stylesheet applies to addresses.
fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

struct EndpointText<'a> {
    transport: &'a str,
    activation: DateTime,
    expiration: DateTime,
    certificate: &'a Certificate,
    signature_certificate: Option<&'a Certificate>,
    description: String,
    contact: &'a str,
}

const NS_OASIS_SMP1: &str = "http://docs.oasis-open.org/bdxr/ns/SMP/2016/05";
const NS_BUSDOX: &str = "http://busdox.org/serviceMetadata/publishing/1.0/";
const NS_BUSDOX_IDS: &str = "http://busdox.org/transport/identifiers/1.0/";
const NS_WSA: &str = "http://www.w3.org/2005/08/addressing";
const NS_DS: &str = "http://www.w3.org/2000/09/xmldsig#";

fn write_record(
    format: SmpOutputFormat,
    participant: &str,
    document: &str,
    process: &str,
    addresses: &[String],
    e: &EndpointText<'_>,
) -> String {
    let (root_ns, ids) = match format {
        SmpOutputFormat::OasisSmp1 => (format!(" xmlns=\"{NS_OASIS_SMP1}\""), ""),
        SmpOutputFormat::Busdox => (
            format!(" xmlns=\"{NS_BUSDOX}\" xmlns:ids=\"{NS_BUSDOX_IDS}\" xmlns:wsa=\"{NS_WSA}\""),
            "ids:",
        ),
    };
    let mut x = String::with_capacity(4096);
    // `write!` into a String cannot fail.
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServiceMetadata{root_ns}>\n  <ServiceInformation>\n    \
         <{ids}ParticipantIdentifier scheme=\"ehealth-actorid-qns\">{}</{ids}ParticipantIdentifier>\n    \
         <{ids}DocumentIdentifier scheme=\"ehealth-resid-qns\">{}</{ids}DocumentIdentifier>\n    \
         <ProcessList>\n      <Process>\n        \
         <{ids}ProcessIdentifier scheme=\"ehealth-procid-qns\">{}</{ids}ProcessIdentifier>\n        \
         <ServiceEndpointList>\n",
        esc(participant),
        esc(document),
        esc(process)
    );
    for address in addresses {
        let _ = writeln!(
            x,
            "          <Endpoint transportProfile=\"{}\">",
            esc(e.transport)
        );
        match format {
            SmpOutputFormat::OasisSmp1 => {
                let _ = writeln!(x, "            <EndpointURI>{}</EndpointURI>", esc(address));
            }
            SmpOutputFormat::Busdox => {
                let _ = writeln!(
                    x,
                    "            <wsa:EndpointReference><wsa:Address>{}</wsa:Address></wsa:EndpointReference>",
                    esc(address)
                );
            }
        }
        let _ = write!(
            x,
            "            <RequireBusinessLevelSignature>false</RequireBusinessLevelSignature>\n            \
             <MinimumAuthenticationLevel>urn:epSOS:loa:1</MinimumAuthenticationLevel>\n            \
             <ServiceActivationDate>{}</ServiceActivationDate>\n            \
             <ServiceExpirationDate>{}</ServiceExpirationDate>\n            \
             <Certificate>{}</Certificate>\n            \
             <ServiceDescription>{}</ServiceDescription>\n            \
             <TechnicalContactUrl>{}</TechnicalContactUrl>\n            \
             <TechnicalInformationUrl>{}</TechnicalInformationUrl>\n",
            e.activation,
            e.expiration,
            crate::encoding::encode_base64(e.certificate.der()),
            esc(&e.description),
            esc(e.contact),
            esc(e.contact)
        );
        if let Some(sig) = e.signature_certificate {
            let _ = writeln!(
                x,
                "            <Extension><X509Data xmlns=\"{NS_DS}\"><X509Certificate>{}</X509Certificate></X509Data></Extension>",
                crate::encoding::encode_base64(sig.der())
            );
        }
        x.push_str("          </Endpoint>\n");
    }
    x.push_str("        </ServiceEndpointList>\n      </Process>\n    </ProcessList>\n  </ServiceInformation>\n</ServiceMetadata>\n");
    x
}

/// Escapes text and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_type_identifiers() {
        let t = |s: &str| NcpRole::from_type(&format!("{SVC_TYPE_PREFIX}{s}"));
        assert_eq!(
            t("PatientIdenitificationService"),
            Some(NcpRole::PatientIdentification)
        );
        assert_eq!(
            t("PatientIdentificationService"),
            Some(NcpRole::PatientIdentification)
        );
        assert_eq!(t("IdV"), Some(NcpRole::IdentityProvider));
        assert_eq!(t("IdP"), Some(NcpRole::IdentityProvider));
        assert_eq!(t("Unknown"), None);
        assert_eq!(
            NcpRole::from_type("http://uri.etsi.org/TrstSvc/Svctype/CA/QC"),
            None
        );
    }

    #[test]
    fn withdrawn_statuses_are_not_published() {
        assert!(is_withdrawn(
            "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"
        ));
        assert!(is_withdrawn(
            "http://uri.etsi.org/TrstSvc/Svcstatus/revoked"
        ));
        assert!(!is_withdrawn(
            "http://uri.etsi.org/TrstSvc/Svcstatus/inaccord"
        ));
        assert!(!is_withdrawn(
            "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
        ));
    }

    #[test]
    fn addresses_are_space_normalized_and_text_escaped() {
        assert_eq!(
            normalize_space("  ipsec://\n  host.example  "),
            "ipsec:// host.example"
        );
        assert_eq!(esc("a&b<c>\"d\""), "a&amp;b&lt;c&gt;&quot;d&quot;");
    }
}
