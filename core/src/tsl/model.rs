//! What a trusted list says (TS 119 612 §5), read from the verified document element.
//!
//! Only the parts callers act on are modelled: scheme information, pointers to other
//! lists, providers and their current services. Extensions and service history are
//! counted, not interpreted.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::{TslError, NS_TSL};
use crate::dsig::SignedElement;
use crate::encoding::decode_base64;
use crate::pki::Certificate;
use crate::time::DateTime;

/// Lists are read only through the signed view.
type Node<'a, 'x> = SignedElement<'a, 'x>;

fn position(n: Node<'_, '_>) -> crate::xml::Position {
    n.position()
}

fn text_content<'a>(n: Node<'a, '_>) -> alloc::borrow::Cow<'a, str> {
    n.text_cow()
}

/// A text with its `xml:lang` (multilingual names are common: `SchemeName`, `TSPName`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LangString {
    /// The language tag, empty when the element has none.
    pub lang: String,
    /// The text.
    pub text: String,
}

/// The `SchemeInformation` of a list.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SchemeInformation {
    /// `TSLVersionIdentifier` (5 for TS 119 612 v2, 6 for v2.3; 3 for TS 102 231 v3).
    pub version: u32,
    /// `TSLSequenceNumber`: grows with every issue; a copy with a lower one is older.
    pub sequence_number: u64,
    /// `TSLType` URI (an EU list of lists, a national generic list, …).
    pub tsl_type: String,
    /// `SchemeOperatorName`.
    pub operator_names: Vec<LangString>,
    /// `SchemeOperatorAddress/ElectronicAddress/URI` values.
    pub operator_electronic_addresses: Vec<String>,
    /// `SchemeName`.
    pub scheme_names: Vec<LangString>,
    /// `SchemeTerritory` (a country code, or `EU`).
    pub territory: String,
    /// `ListIssueDateTime`.
    pub issued: DateTime,
    /// `NextUpdate/dateTime`; `None` for a closed list.
    pub next_update: Option<DateTime>,
    /// `PointersToOtherTSL`.
    pub pointers: Vec<OtherTslPointer>,
}

/// One `OtherTSLPointer`: where another list is and which certificates may sign it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct OtherTslPointer {
    /// `TSLLocation`.
    pub location: String,
    /// The pointed-to list's `SchemeTerritory`, from the additional information.
    pub territory: Option<String>,
    /// The pointed-to list's `MimeType` (`application/vnd.etsi.tsl+xml` or `application/pdf`).
    pub mime_type: Option<String>,
    /// Certificates allowed to sign the pointed-to list.
    pub certificates: Vec<Certificate>,
}

/// A `TrustServiceProvider`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ServiceProvider {
    /// `TSPInformation/TSPName`.
    pub names: Vec<LangString>,
    /// `TSPInformation/TSPTradeName`.
    pub trade_names: Vec<LangString>,
    /// `TSPServices/TSPService`, in document order.
    pub services: Vec<Service>,
}

/// A `TSPService`: its current `ServiceInformation`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Service {
    /// `ServiceTypeIdentifier` URI.
    pub type_identifier: String,
    /// `ServiceName`.
    pub names: Vec<LangString>,
    /// `ServiceDigitalIdentity/DigitalId`, in document order (OpenNCP gives meaning to
    /// the order: the first is the TLS certificate, the second the signature one).
    pub digital_ids: Vec<DigitalId>,
    /// `ServiceStatus` URI.
    pub status: String,
    /// `StatusStartingTime`, converted to UTC from the zone it was written in.
    pub status_starting_time: DateTime,
    /// `ServiceSupplyPoints/ServiceSupplyPoint` values.
    pub supply_points: Vec<String>,
    /// How many `ServiceHistoryInstance` elements follow (not interpreted).
    pub history_entries: usize,
}

/// One `DigitalId` of a service or pointer.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum DigitalId {
    /// `X509Certificate`.
    Certificate(Certificate),
    /// `X509SubjectName`.
    SubjectName(String),
    /// `X509SKI`, decoded.
    SubjectKeyIdentifier(Vec<u8>),
    /// `KeyValue` or `Other`: present, not interpreted.
    Other(String),
}

impl DigitalId {
    /// The certificate, for `X509Certificate` identities.
    pub fn certificate(&self) -> Option<&Certificate> {
        match self {
            DigitalId::Certificate(c) => Some(c),
            _ => None,
        }
    }
}

/// A whole trusted list, read after its signature was verified.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct TrustedList {
    /// The root's `Id` attribute.
    pub id: Option<String>,
    /// The root's `TSLTag` attribute.
    pub tag: Option<String>,
    /// `SchemeInformation`.
    pub scheme: SchemeInformation,
    /// `TrustServiceProviderList/TrustServiceProvider` (empty for a list of lists).
    pub providers: Vec<ServiceProvider>,
}

impl TrustedList {
    /// Reads the list whose document element is `root`.
    pub(crate) fn read(root: Node<'_, '_>) -> Result<TrustedList, TslError> {
        let scheme = one(root, "SchemeInformation")?;
        let providers = match opt(root, "TrustServiceProviderList")? {
            None => Vec::new(),
            Some(list) => tsl_children(list, "TrustServiceProvider")
                .map(read_provider)
                .collect::<Result<_, _>>()?,
        };
        Ok(TrustedList {
            id: root.attribute("Id").map(String::from),
            tag: root.attribute("TSLTag").map(String::from),
            scheme: read_scheme(scheme)?,
            providers,
        })
    }

    /// Every service of every provider, with its provider.
    pub fn services(&self) -> impl Iterator<Item = (&ServiceProvider, &Service)> {
        self.providers
            .iter()
            .flat_map(|p| p.services.iter().map(move |s| (p, s)))
    }
}

impl ServiceProvider {
    /// The first name (lists give it in the operator's language and often in English).
    pub fn name(&self) -> &str {
        first_text(&self.names)
    }
}

impl Service {
    /// The first name.
    pub fn name(&self) -> &str {
        first_text(&self.names)
    }

    /// The certificates among the digital identities, in order.
    pub fn certificates(&self) -> impl Iterator<Item = &Certificate> {
        self.digital_ids.iter().filter_map(DigitalId::certificate)
    }
}

fn first_text(names: &[LangString]) -> &str {
    names.first().map_or("", |n| n.text.as_str())
}

fn read_scheme(s: Node<'_, '_>) -> Result<SchemeInformation, TslError> {
    let version = number(one(s, "TSLVersionIdentifier")?)?;
    let sequence_number = number(one(s, "TSLSequenceNumber")?)?;
    let tsl_type = text(one(s, "TSLType")?);
    let operator_names = names(one(s, "SchemeOperatorName")?);
    let operator_electronic_addresses = match opt(s, "SchemeOperatorAddress")? {
        Some(a) => match opt(a, "ElectronicAddress")? {
            Some(e) => tsl_children(e, "URI").map(text).collect(),
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let scheme_names = opt(s, "SchemeName")?.map(names).unwrap_or_default();
    let territory = text(one(s, "SchemeTerritory")?);
    let issued = date(one(s, "ListIssueDateTime")?)?;
    let next_update = match opt(one(s, "NextUpdate")?, "dateTime")? {
        Some(d) => Some(date(d)?),
        None => None,
    };
    let pointers = match opt(s, "PointersToOtherTSL")? {
        Some(p) => tsl_children(p, "OtherTSLPointer")
            .map(read_pointer)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok(SchemeInformation {
        version: u32::try_from(version).map_err(|_| malformed(s, "TSLVersionIdentifier"))?,
        sequence_number,
        tsl_type,
        operator_names,
        operator_electronic_addresses,
        scheme_names,
        territory,
        issued,
        next_update,
        pointers,
    })
}

fn read_pointer(p: Node<'_, '_>) -> Result<OtherTslPointer, TslError> {
    let mut certificates = Vec::new();
    if let Some(ids) = opt(p, "ServiceDigitalIdentities")? {
        for sdi in tsl_children(ids, "ServiceDigitalIdentity") {
            for id in read_digital_ids(sdi)? {
                if let DigitalId::Certificate(c) = id {
                    certificates.push(c);
                }
            }
        }
    }
    // AdditionalInformation holds typed OtherInformation entries; the two callers use
    // are the territory and the MIME type (an XML list or its PDF rendering).
    let mut territory = None;
    let mut mime_type = None;
    if let Some(info) = opt(p, "AdditionalInformation")? {
        for other in tsl_children(info, "OtherInformation") {
            for c in other.children() {
                match c.local_name() {
                    "SchemeTerritory" => territory = Some(text(c)),
                    "MimeType" => mime_type = Some(text(c)),
                    _ => {}
                }
            }
        }
    }
    Ok(OtherTslPointer {
        location: text(one(p, "TSLLocation")?),
        territory,
        mime_type,
        certificates,
    })
}

fn read_provider(p: Node<'_, '_>) -> Result<ServiceProvider, TslError> {
    let info = one(p, "TSPInformation")?;
    let services = match opt(p, "TSPServices")? {
        Some(list) => tsl_children(list, "TSPService")
            .map(read_service)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok(ServiceProvider {
        names: names(one(info, "TSPName")?),
        trade_names: opt(info, "TSPTradeName")?.map(names).unwrap_or_default(),
        services,
    })
}

fn read_service(s: Node<'_, '_>) -> Result<Service, TslError> {
    let info = one(s, "ServiceInformation")?;
    let supply_points = match opt(info, "ServiceSupplyPoints")? {
        Some(sp) => tsl_children(sp, "ServiceSupplyPoint").map(text).collect(),
        None => Vec::new(),
    };
    let history_entries =
        opt(s, "ServiceHistory")?.map_or(0, |h| tsl_children(h, "ServiceHistoryInstance").count());
    Ok(Service {
        type_identifier: text(one(info, "ServiceTypeIdentifier")?),
        names: names(one(info, "ServiceName")?),
        digital_ids: read_digital_ids(one(info, "ServiceDigitalIdentity")?)?,
        status: text(one(info, "ServiceStatus")?),
        status_starting_time: date(one(info, "StatusStartingTime")?)?,
        supply_points,
        history_entries,
    })
}

fn read_digital_ids(sdi: Node<'_, '_>) -> Result<Vec<DigitalId>, TslError> {
    let mut out = Vec::new();
    for id in tsl_children(sdi, "DigitalId") {
        let Some(value) = id.children().next() else {
            return Err(malformed(id, "an empty DigitalId"));
        };
        out.push(match value.local_name() {
            "X509Certificate" => {
                let der = decode_base64(&text_content(value))
                    .ok_or_else(|| malformed(value, "an X509Certificate that is not base64"))?;
                let cert = Certificate::from_der(&der).map_err(|e| TslError::Malformed {
                    reason: format!(
                        "{}: an X509Certificate that does not parse: {e}",
                        position(value)
                    ),
                })?;
                DigitalId::Certificate(cert)
            }
            "X509SubjectName" => DigitalId::SubjectName(text(value)),
            "X509SKI" => DigitalId::SubjectKeyIdentifier(
                decode_base64(&text_content(value))
                    .ok_or_else(|| malformed(value, "an X509SKI that is not base64"))?,
            ),
            other => DigitalId::Other(other.to_string()),
        });
    }
    Ok(out)
}

fn tsl_children<'a, 'x>(
    parent: Node<'a, 'x>,
    local: &'static str,
) -> impl Iterator<Item = Node<'a, 'x>> {
    parent.children().filter(move |n| n.is(NS_TSL, local))
}

/// The optional child `local`; a repeated one is malformed.
fn opt<'a, 'x>(
    parent: Node<'a, 'x>,
    local: &'static str,
) -> Result<Option<Node<'a, 'x>>, TslError> {
    let mut it = tsl_children(parent, local);
    let first = it.next();
    if let Some(second) = it.next() {
        return Err(malformed(second, &format!("{local} repeated")));
    }
    Ok(first)
}

/// The required, unrepeated child `local`.
fn one<'a, 'x>(parent: Node<'a, 'x>, local: &'static str) -> Result<Node<'a, 'x>, TslError> {
    opt(parent, local)?.ok_or_else(|| TslError::Malformed {
        reason: format!(
            "{}: {} has no {local}",
            position(parent),
            parent.local_name()
        ),
    })
}

fn malformed(n: Node<'_, '_>, what: &str) -> TslError {
    TslError::Malformed {
        reason: format!("{}: {what}", position(n)),
    }
}

/// Whitespace-trimmed text; the schema types are tokens, URIs and dates.
fn text(n: Node<'_, '_>) -> String {
    text_content(n).trim().to_string()
}

fn names(parent: Node<'_, '_>) -> Vec<LangString> {
    tsl_children(parent, "Name")
        .map(|n| LangString {
            lang: n
                .attribute_ns(crate::xml::NS_XML, "lang")
                .unwrap_or("")
                .to_string(),
            text: text(n),
        })
        .collect()
}

fn number(n: Node<'_, '_>) -> Result<u64, TslError> {
    let t = text(n);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed(
            n,
            &format!("{} is not a non-negative integer", n.local_name()),
        ));
    }
    t.parse()
        .map_err(|_| malformed(n, &format!("{} is too large", n.local_name())))
}

fn date(n: Node<'_, '_>) -> Result<DateTime, TslError> {
    // TS 119 612 §5.1.4 asks for UTC; a value written with another offset is converted,
    // one without a zone is read as UTC.
    DateTime::parse_xsd(&text(n))
        .map(|(t, _)| t)
        .map_err(|_| malformed(n, &format!("{} is not an xs:dateTime", n.local_name())))
}
