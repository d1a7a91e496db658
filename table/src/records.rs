//! Every result record, declared once: its fields, their kinds and docs, and how each
//! is read from the core type.
//!
//! A record is declared with [`record!`]: a description static (`REFERENCE`) and the
//! [`Describe`] impl that reads the values. Results that carry a verified signature's
//! report list `+ report` and get its ten fields (`signer_sha256` … `verified_at`) in the
//! same place in every record. Some records read from small wrappers defined here, where
//! a result joins a core value with what the operation learned beside it (an endpoint and
//! its certificate check, a service and its provider).

use trustmeta::xmlenc::DecryptedPart;
use trustmeta::UnverifiedAssertion;
use trustmeta::{
    AttributeStatus, Certificate, ContactPerson, Country, Duration, EndpointCertificateCheck,
    EntityInfo, EtoegangName, EtoegangRole, FilterReason, FilteredEndpoint, LangString, Learner,
    LocalizedName, MetadataEndpoint, NcpChoice, NcpFace, NcpRole, OcspStatus, OpenNcpList,
    OtherTslPointer, Redirect, ReferenceReport, RequestedAttribute, RevocationReason,
    SamlAttribute, Service, ServiceProvider, ServiceReference, SignedBy, SmpRecord, SmpVersion,
    SpType, TrustedList, VerificationReport, VerifiedElmo, VerifiedExtensionSignature,
    VerifiedOcspResponse, VerifiedResponse, VerifiedServiceGroup, VerifiedServiceMetadata,
    VerifiedTsl,
};

use crate::{
    byte_list, opt_rec, recs, str_list, Describe, Field, IntoValue, Kind, Record, RecordDesc,
    Value, Xml,
};

/// A field's kind, written short: `Str`, `Opt Time`, `List Rec REFERENCE`,
/// `Enum SignedBy::NAMES`.
macro_rules! kind {
    (Opt $($k:tt)+) => { Kind::Opt(&kind!($($k)+)) };
    (List $($k:tt)+) => { Kind::List(&kind!($($k)+)) };
    (Rec $d:ident) => { Kind::Record(&$d) };
    (Enum $($p:tt)+) => { Kind::Enum($($p)+) };
    ($k:ident) => { Kind::$k };
}

/// Declares a record: `STATIC: CoreType = "name" / "Class" [tuple] "doc" { field:
/// [kind] "doc" => |r| reader, … } [+ report |r| &r.report]`.
macro_rules! record {
    (
        $desc:ident: $ty:ty = $name:literal / $class:literal $(($flag:ident))? $doc:literal {
            $($fields:tt)*
        } + report |$rr:ident| $rep:expr
    ) => {
        record! {
            $desc: $ty = $name / $class $(($flag))? $doc {
                $($fields)*
                signer_sha256: [Opt Str]
                    "SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public key."
                    => |$rr| $rep.signer.as_ref().map(Certificate::sha256_hex),
                signer_subject: [Opt Str]
                    "The signer certificate's subject DN; null for a pinned bare public key."
                    => |$rr| $rep.signer.as_ref().map(|c| c.subject().to_owned()),
                signer_key: [Str]
                    "The signing key's type and size, e.g. `RSA-2048`, `EC P-256`."
                    => |$rr| $rep.signer_key.to_string(),
                pinned: [Bool]
                    "Whether the signer's certificate or key itself is in the trust store (not reached through a CA)."
                    => |$rr| $rep.pinned,
                signature_algorithm: [Str]
                    "The SignatureMethod algorithm URI."
                    => |$rr| $rep.signature_algorithm.uri(),
                canonicalization: [Str]
                    "The CanonicalizationMethod URI of SignedInfo."
                    => |$rr| $rep.canonicalization.uri(),
                references: [List Rec REFERENCE]
                    "The verified references, in document order."
                    => |$rr| recs(&$rep.references),
                legacy_algorithms: [List Str]
                    "Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`, `sha1-certificate`)."
                    => |$rr| str_list(&$rep.legacy_algorithms),
                chain: [List Rec CERTIFICATE]
                    "The certificate path, signer first, ending at the trusted certificate; empty for a pinned bare key."
                    => |$rr| recs(&$rep.chain),
                verified_at: [Time]
                    "The time the verification used."
                    => |$rr| $rep.verified_at,
            }
        }
    };
    (
        $desc:ident: $ty:ty = $name:literal / $class:literal $(($flag:ident))? $doc:literal {
            $($field:ident: [$($kind:tt)+] $fdoc:literal => |$r:ident| $read:expr),* $(,)?
        }
    ) => {
        #[doc = concat!("The `", $name, "` record: ", $doc)]
        pub static $desc: RecordDesc = RecordDesc {
            name: $name,
            class: $class,
            rust: stringify!($ty),
            doc: text!($doc),
            tuple: record!(@tuple $($flag)?),
            fields: &[$(Field {
                name: stringify!($field),
                kind: kind!($($kind)+),
                doc: text!($fdoc),
            }),*],
        };

        impl Describe for $ty {
            fn desc() -> &'static RecordDesc {
                &$desc
            }

            fn record(&self) -> Record {
                Record {
                    desc: &$desc,
                    values: vec![$({
                        let $r = self;
                        IntoValue::into_value($read)
                    }),*],
                }
            }
        }
    };
    (@tuple) => { false };
    (@tuple tuple) => { true };
}

// --- Signatures -------------------------------------------------------------------------

record! {
    REFERENCE: ReferenceReport = "reference" / "Reference" "One verified `ds:Reference`." {
        uri: [Str] "The `URI` attribute as written: empty (the whole document) or `#id`."
            => |r| &r.uri,
        element: [Str] "Local name of the element the reference covers."
            => |r| &r.element,
        digest: [Str] "The DigestMethod algorithm URI."
            => |r| r.digest.uri(),
        transforms: [List Str] "The transforms applied, by short name, in order."
            => |r| str_list(&r.transforms),
        unchecked_manifest: [Bool] "Whether it covers a `ds:Manifest`: the manifest is signed, but the references it lists were not checked, so what they point to is not shown signed."
            => |r| r.unchecked_manifest,
    }
}

record! {
    CERTIFICATE: Certificate = "certificate" / "Certificate" (tuple)
        "A certificate named by its subject and SHA-256 digest." {
        subject: [Str] "The subject DN." => |c| c.subject(),
        sha256: [Str] "SHA-256 (lowercase hex) of the DER certificate." => |c| c.sha256_hex(),
    }
}

record! {
    SIGNATURE: VerificationReport = "signature" / "Signature"
        "One verified signature: who signed, with what." {
    } + report |r| r
}

/// What [`trustmeta::verify`] established, owned: the report and the signed content.
#[derive(Clone, Debug)]
pub struct DocumentResult {
    /// The report of the signature.
    pub report: VerificationReport,
    /// Each signed element in canonical form.
    pub signed_xml: Vec<String>,
}

record! {
    DOCUMENT: DocumentResult = "document" / "VerifiedDocument"
        "A document whose signature verified: who signed it, with what, and exactly what they signed." {
        signed_xml: [List Xml]
            "The signed elements in canonical form (Exclusive C14N, the signature left out), one per reference: exactly what was signed."
            => |d| d.signed_xml.iter().map(|x| Xml(x.clone())).collect::<Vec<_>>(),
    } + report |d| d.report
}

// --- SMP --------------------------------------------------------------------------------

/// An SMP endpoint with, when the operation checked it, its certificate's trust.
pub struct CheckedEndpoint<'a> {
    /// The endpoint.
    pub endpoint: &'a trustmeta::Endpoint,
    /// The check of its certificate against the access-point anchors, when asked for.
    pub check: Option<&'a EndpointCertificateCheck>,
}

record! {
    ENDPOINT: CheckedEndpoint<'_> = "endpoint" / "Endpoint" "One endpoint of a verified SMP record." {
        transport_profile: [Str] "The transport profile, e.g. `peppol-transport-as4-v2_0`."
            => |e| &e.endpoint.transport_profile,
        uri: [Str] "The endpoint's address: where to send."
            => |e| &e.endpoint.uri,
        certificate_sha256: [Opt Str] "SHA-256 (lowercase hex) of the published certificate; null if none."
            => |e| e.endpoint.certificates.first().map(trustmeta::EndpointCertificate::sha256_hex),
        activation: [Opt Time] "The activation date; null if the record gives none."
            => |e| e.endpoint.activation,
        expiration: [Opt Time] "The expiration date; null if the record gives none."
            => |e| e.endpoint.expiration,
        certificate_trusted: [Opt Bool]
            "With access-point anchors: whether the certificate chains to one; null when not checked."
            => |e| e.check.map(|c| c.result.is_ok()),
        certificate_error: [Opt Str]
            "With access-point anchors: the error code when the certificate is not trusted."
            => |e| e.check.and_then(|c| c.result.as_ref().err()).map(|x| trustmeta::Error::from(x.clone()).code().as_str()),
    }
}

impl Describe for trustmeta::Endpoint {
    fn desc() -> &'static RecordDesc {
        &ENDPOINT
    }
    fn record(&self) -> Record {
        CheckedEndpoint {
            endpoint: self,
            check: None,
        }
        .record()
    }
}

record! {
    FILTERED_ENDPOINT: FilteredEndpoint = "filtered_endpoint" / "FilteredEndpoint"
        "An endpoint that matches the question but was left out for its dates." {
        endpoint: [Rec ENDPOINT] "The endpoint." => |f| f.endpoint.value(),
        reason: [Enum FilterReason::NAMES] "Why it was left out." => |f| f.reason.code(),
        message: [Str] "A sentence with the date and the verification time." => |f| f.reason.to_string(),
    }
}

record! {
    REDIRECT: Redirect = "redirect" / "Redirect" "A signed redirect to another SMP." {
        href: [Str] "Where to ask instead." => |r| &r.href,
        certificate_uid: [Opt Str]
            "SMP 1.x `CertificateUID`: subject DN (or serialNumber) of the target's signer."
            => |r| r.certificate_uid.clone(),
        certificates: [List Str]
            "SMP 2.0: SHA-256 (lowercase hex) of each certificate the target's signer may have."
            => |r| r.certificates.iter().map(trustmeta::EndpointCertificate::sha256_hex).collect::<Vec<_>>(),
    }
}

/// A verified ServiceMetadata record and, when asked for, its endpoints' certificate
/// checks.
pub struct SmpAnswer {
    /// The verified record.
    pub verified: VerifiedServiceMetadata,
    /// One check per active endpoint, when access-point anchors were given.
    pub checks: Option<Vec<EndpointCertificateCheck>>,
}

impl SmpAnswer {
    fn endpoints(&self) -> Value {
        Value::List(
            self.verified
                .endpoints()
                .iter()
                .enumerate()
                .map(|(i, endpoint)| {
                    let check = self
                        .checks
                        .as_ref()
                        .and_then(|cs| cs.iter().find(|c| c.endpoint == i));
                    CheckedEndpoint { endpoint, check }.value()
                })
                .collect(),
        )
    }
}

record! {
    SERVICE_METADATA: SmpAnswer = "service_metadata" / "VerifiedServiceMetadata"
        "A signed SMP ServiceMetadata record that verified and answers the question asked." {
        version: [Enum SmpVersion::NAMES] "The SMP vocabulary of the record."
            => |a| a.verified.version().name(),
        participant: [Opt Str] "The participant the record names (null for an SMP 1.x redirect)."
            => |a| a.verified.participant().map(ToString::to_string),
        document: [Opt Str] "The document type the record names (null for an SMP 1.x redirect)."
            => |a| a.verified.document().map(ToString::to_string),
        endpoints: [List Rec ENDPOINT]
            "The endpoints that answer the question and are active at the verification time."
            => |a| a.endpoints(),
        filtered_endpoints: [List Rec FILTERED_ENDPOINT]
            "Endpoints that match the question but are outside their dates."
            => |a| recs(a.verified.filtered_endpoints()),
        redirect: [Opt Rec REDIRECT] "The redirect, when the record sends the caller to another SMP."
            => |a| opt_rec(a.verified.redirect()),
        other_signatures: [Int] "Signatures below the document element: counted, not verified."
            => |a| a.verified.other_signatures(),
    } + report |a| a.verified.report()
}

record! {
    SERVICE_REFERENCE: ServiceReference = "service_reference" / "ServiceReference"
        "One entry of a ServiceGroup." {
        document: [Opt Str] "The document type, `scheme::value`; null when the href names none."
            => |r| r.document.as_ref().map(ToString::to_string),
        href: [Opt Str] "SMP 1.x `ServiceMetadataReference href`; null in SMP 2.0."
            => |r| r.href.clone(),
    }
}

record! {
    SERVICE_GROUP: VerifiedServiceGroup = "service_group" / "VerifiedServiceGroup"
        "A verified SMP ServiceGroup." {
        version: [Enum SmpVersion::NAMES] "The SMP vocabulary of the group." => |g| g.version().name(),
        participant: [Str] "The participant the group is about." => |g| g.participant().to_string(),
        references: [List Rec SERVICE_REFERENCE] "Its entries, in document order." => |g| recs(g.references()),
        signed: [Bool] "False for an unsigned group accepted on request." => |g| g.report().is_some(),
        signer_sha256: [Opt Str] "SHA-256 (lowercase hex) of the signer's certificate; null when unsigned or for a bare key."
            => |g| g.report().and_then(|r| r.signer.as_ref()).map(Certificate::sha256_hex),
        signer_subject: [Opt Str] "The signer certificate's subject DN; null when unsigned or for a bare key."
            => |g| g.report().and_then(|r| r.signer.as_ref()).map(|c| c.subject().to_owned()),
        other_signatures: [Int] "Signatures below the document element: counted, not verified."
            => |g| g.other_signatures(),
    }
}

record! {
    EXTENSION_SIGNATURE: VerifiedExtensionSignature = "extension_signature" / "ExtensionSignature"
        "A verified signature inside an SMP record's `Extension` (the eHealth owner signature)." {
        covered_element: [Str] "Local name of the element it covers: `ServiceMetadata`, the document the owner signed before the SMP wrapped it."
            => |s| &s.covered_element,
    } + report |s| s.report
}

// --- EMREX ------------------------------------------------------------------------------

record! {
    COUNTRY: Country = "country" / "Country" "One country of an EMREG list." {
        code: [Str] "`countryCode` as written (compared case-insensitively)." => |c| &c.code,
        name: [Str] "`countryName` (empty when the list gives none)." => |c| &c.name,
        single_fetch: [Bool] "Learners of this country choose an institution, not an NCP." => |c| c.single_fetch,
    }
}

record! {
    NCP: trustmeta::Ncp = "ncp" / "Ncp" "One National Contact Point (an EMP in newer lists) of an EMREG list." {
        acronym: [Str] "The name ELMO verification takes as `ncp`." => |n| &n.acronym,
        country_code: [Str] "`countryCode` as written." => |n| &n.country_code,
        institutions: [List Str] "The institutions it serves, in list order." => |n| str_list(&n.institutions),
        url: [Str] "Where to send the learner (empty when the list gives none)." => |n| &n.url,
        pub_key: [Str] "The `pubKey` as the list gives it (normally a PEM certificate)." => |n| &n.pub_key_pem,
    }
}

record! {
    NCP_CHOICE: NcpChoice<'_> = "ncp_choice" / "NcpChoice" "One entry to offer a learner of a country." {
        ncp: [Rec NCP] "The NCP to send the learner to, whose certificate the result must carry." => |c| c.ncp.value(),
        institution: [Opt Str]
            "For a `singleFetch` country the institution this entry stands for, otherwise the NCP's first."
            => |c| c.institution,
    }
}

record! {
    LEARNER: Learner = "learner" / "Learner" "The learner a verified ELMO file is about." {
        given_names: [Str] "`givenNames`." => |l| &l.given_names,
        family_name: [Str] "`familyName`." => |l| &l.family_name,
        birth_date: [Opt Str] "`bday` as written (the format differs between NCPs)." => |l| l.birth_date.clone(),
        citizenship: [Opt Str] "`citizenship`." => |l| l.citizenship.clone(),
    }
}

record! {
    ELMO: VerifiedElmo = "elmo" / "VerifiedElmo" "A verified ELMO result file." {
        namespace: [Str] "The ELMO namespace of the file." => |e| e.namespace,
        learner: [Rec LEARNER] "The learner to match against the person who started the EMREX session." => |e| e.learner.value(),
        learners: [List Rec LEARNER] "Every distinct learner identity the file gives, `learner` first." => |e| recs(&e.learners),
        reports: [Int] "How many reports the file holds." => |e| e.reports,
        nested_signatures: [Int] "Signatures deeper inside (a Diploma Supplement's): neither checked nor counted as the file's." => |e| e.nested_signatures,
    } + report |e| e.report
}

// --- Trusted lists ------------------------------------------------------------------------

record! {
    LANG_STRING: LangString = "lang_string" / "LangString" (tuple) "A text and its language." {
        lang: [Str] "The `xml:lang` (empty when none)." => |s| &s.lang,
        text: [Str] "The text." => |s| &s.text,
    }
}

impl Describe for LocalizedName {
    fn desc() -> &'static RecordDesc {
        &LANG_STRING
    }
    fn record(&self) -> Record {
        Record {
            desc: &LANG_STRING,
            values: vec![
                self.lang.clone().into_value(),
                self.value.clone().into_value(),
            ],
        }
    }
}

record! {
    TSL_POINTER: OtherTslPointer = "tsl_pointer" / "TslPointer" "One `OtherTSLPointer` of a verified trusted list." {
        location: [Str] "`TSLLocation`: where to fetch the other list." => |p| &p.location,
        territory: [Opt Str] "`SchemeTerritory` of the other list." => |p| p.territory.clone(),
        mime_type: [Opt Str] "The other list's MIME type." => |p| p.mime_type.clone(),
        certificates: [List Bytes] "The certificates allowed to sign the other list, DER-encoded."
            => |p| byte_list(p.certificates.iter().map(|c| c.der())),
    }
}

/// A trust service with the provider it belongs to.
pub struct ProvidedService<'a> {
    /// The provider.
    pub provider: &'a ServiceProvider,
    /// The service.
    pub service: &'a Service,
}

record! {
    TSL_SERVICE: ProvidedService<'_> = "tsl_service" / "TslService" "One `TSPService` of a verified trusted list." {
        provider: [Str] "The first `TSPName` of its provider." => |s| s.provider.name(),
        type_identifier: [Str] "`ServiceTypeIdentifier`." => |s| &s.service.type_identifier,
        name: [Str] "The first `ServiceName`." => |s| s.service.name(),
        names: [List Rec LANG_STRING] "Every `ServiceName`." => |s| recs(&s.service.names),
        status: [Str] "`ServiceStatus`." => |s| &s.service.status,
        status_starting_time: [Time] "`StatusStartingTime`." => |s| s.service.status_starting_time,
        supply_points: [List Str] "`ServiceSupplyPoint`s." => |s| str_list(&s.service.supply_points),
        certificates: [List Bytes] "The `X509Certificate` digital identities, DER-encoded, in order."
            => |s| byte_list(s.service.certificates().map(Certificate::der)),
        history_entries: [Int] "How many `ServiceHistoryInstance`s it has." => |s| s.service.history_entries,
    }
}

fn services_of(p: &ServiceProvider) -> Value {
    Value::List(
        p.services
            .iter()
            .map(|service| {
                ProvidedService {
                    provider: p,
                    service,
                }
                .value()
            })
            .collect(),
    )
}

record! {
    TSL_PROVIDER: ServiceProvider = "tsl_provider" / "TslProvider" "One `TrustServiceProvider` of a verified trusted list." {
        name: [Str] "The first `TSPName`." => |p| p.name(),
        names: [List Rec LANG_STRING] "Every `TSPName`." => |p| recs(&p.names),
        trade_names: [List Rec LANG_STRING] "Every `TSPTradeName`." => |p| recs(&p.trade_names),
        services: [List Rec TSL_SERVICE] "Its services, in document order." => |p| services_of(p),
    }
}

/// A service of an NCP configuration list with its face and role, and the list it is in.
pub struct NcpService<'a> {
    /// The list.
    pub list: &'a TrustedList,
    /// Its face.
    pub face: NcpFace,
    /// Its role.
    pub role: NcpRole,
    /// The service.
    pub service: &'a Service,
}

impl NcpService<'_> {
    fn service_value(&self) -> Value {
        let provider = self
            .list
            .providers
            .iter()
            .find(|p| p.services.iter().any(|s| core::ptr::eq(s, self.service)));
        match provider {
            Some(provider) => ProvidedService {
                provider,
                service: self.service,
            }
            .value(),
            None => Value::Null,
        }
    }
}

record! {
    OPENNCP_SERVICE: NcpService<'_> = "openncp_service" / "OpenNcpService"
        "A service of an NCP configuration list with its face and role." {
        face: [Enum NcpFace::NAMES] "The provider the service is listed under." => |s| s.face.name(),
        role: [Enum NcpRole::NAMES] "What the service does." => |s| s.role.name(),
        service: [Rec TSL_SERVICE] "The service." => |s| s.service_value(),
    }
}

/// The OpenNCP view of an NCP configuration list, with the list it reads.
pub struct NcpList<'a> {
    /// The list.
    pub list: &'a TrustedList,
    /// The view.
    pub view: OpenNcpList<'a>,
}

record! {
    OPENNCP_LIST: NcpList<'_> = "openncp_list" / "OpenNcpList" "The OpenNCP view of a verified NCP configuration list." {
        country: [Str] "The country the list is for." => |l| &l.view.country,
        services: [List Rec OPENNCP_SERVICE] "Its services with their faces and roles."
            => |l| Value::List(l.view.services.iter().map(|s| NcpService {
                list: l.list, face: s.face, role: s.role, service: s.service,
            }.value()).collect()),
        unknown_services: [Int] "Services whose provider or type the view does not know." => |l| l.view.unknown_services,
        tls_certificate_a: [Opt Bytes] "The NCP service's first certificate on `NCP-A` (its TLS certificate), DER-encoded."
            => |l| l.view.tls_certificate(NcpFace::NcpA).map(|c| Value::Bytes(c.der().to_vec())),
        tls_certificate_b: [Opt Bytes] "The NCP service's first certificate on `NCP-B` (its TLS certificate), DER-encoded."
            => |l| l.view.tls_certificate(NcpFace::NcpB).map(|c| Value::Bytes(c.der().to_vec())),
        signature_certificate_a: [Opt Bytes] "The NCP service's second certificate on `NCP-A` (its signing certificate), DER-encoded."
            => |l| l.view.signature_certificate(NcpFace::NcpA).map(|c| Value::Bytes(c.der().to_vec())),
        signature_certificate_b: [Opt Bytes] "The NCP service's second certificate on `NCP-B` (its signing certificate), DER-encoded."
            => |l| l.view.signature_certificate(NcpFace::NcpB).map(|c| Value::Bytes(c.der().to_vec())),
    }
}

record! {
    SMP_RECORD: SmpRecord = "smp_record" / "SmpRecord" "One unsigned SMP `ServiceMetadata` document written from an NCP configuration list." {
        file_name: [Str] "The file name OpenNCP's stylesheet gives it, e.g. `Patient_Service_AT.xml`." => |r| &r.file_name,
        participant: [Str] "The participant, `scheme::value`." => |r| &r.participant,
        document: [Str] "The document type, `scheme::value`." => |r| &r.document,
        process: [Str] "The process, `scheme::value`." => |r| &r.process,
        endpoints: [Int] "How many endpoints it lists." => |r| r.endpoints,
        xml: [Xml] "The document." => |r| Xml(r.xml.clone()),
    }
}

fn all_services(l: &TrustedList) -> Value {
    Value::List(
        l.providers
            .iter()
            .flat_map(|provider| {
                provider
                    .services
                    .iter()
                    .map(move |service| ProvidedService { provider, service }.value())
            })
            .collect(),
    )
}

fn openncp_of(t: &VerifiedTsl) -> Value {
    match OpenNcpList::new(&t.list) {
        Ok(view) => NcpList {
            list: &t.list,
            view,
        }
        .value(),
        Err(_) => Value::Null,
    }
}

record! {
    TSL: VerifiedTsl = "tsl" / "VerifiedTsl" "A verified ETSI trusted list." {
        id: [Opt Str] "The `Id` of the document element." => |t| t.list.id.clone(),
        tag: [Opt Str] "`TSLTag`." => |t| t.list.tag.clone(),
        territory: [Str] "`SchemeTerritory`." => |t| &t.list.scheme.territory,
        version: [Int] "`TSLVersionIdentifier`." => |t| t.list.scheme.version,
        sequence_number: [Int] "`TSLSequenceNumber`: a newer list has a higher one." => |t| t.list.scheme.sequence_number,
        tsl_type: [Str] "`TSLType`." => |t| &t.list.scheme.tsl_type,
        operator_names: [List Rec LANG_STRING] "`SchemeOperatorName`s." => |t| recs(&t.list.scheme.operator_names),
        operator_electronic_addresses: [List Str] "The operator's electronic addresses."
            => |t| str_list(&t.list.scheme.operator_electronic_addresses),
        scheme_names: [List Rec LANG_STRING] "`SchemeName`s." => |t| recs(&t.list.scheme.scheme_names),
        issued: [Time] "`ListIssueDateTime`." => |t| t.list.scheme.issued,
        next_update: [Opt Time] "`NextUpdate`; null for a closed list." => |t| t.list.scheme.next_update,
        signing_time: [Time] "The XAdES `SigningTime` (XAdES baseline B requires it)." => |t| t.signing_time,
        pointers: [List Rec TSL_POINTER] "`OtherTSLPointer`s." => |t| recs(&t.list.scheme.pointers),
        providers: [List Rec TSL_PROVIDER] "`TrustServiceProvider`s." => |t| recs(&t.list.providers),
        services: [List Rec TSL_SERVICE] "Every service of every provider, in document order." => |t| all_services(&t.list),
        openncp: [Opt Rec OPENNCP_LIST] "The OpenNCP view, for an NCP configuration list; null for other lists." => |t| openncp_of(t),
    } + report |t| t.report
}

// --- SAML -------------------------------------------------------------------------------

record! {
    SAML_ATTRIBUTE: SamlAttribute = "saml_attribute" / "SamlAttribute" "One `Attribute` of a verified assertion." {
        name: [Str] "`Name`." => |a| &a.name,
        name_format: [Opt Str] "`NameFormat`." => |a| a.name_format.clone(),
        friendly_name: [Opt Str] "`FriendlyName`." => |a| a.friendly_name.clone(),
        values: [List Str] "Each `AttributeValue`'s text." => |a| str_list(&a.values),
        status: [Opt Enum AttributeStatus::NAMES] "STORK's `AttributeStatus`, when given." => |a| a.status.map(AttributeStatus::name),
    }
}

record! {
    SAML_RESPONSE: VerifiedResponse = "saml_response" / "VerifiedSamlResponse"
        "A verified SAML response and its one assertion." {
        id: [Str] "The Response `ID`." => |v| &v.id,
        issuer: [Str] "The Response `Issuer`." => |v| &v.issuer,
        in_response_to: [Opt Str] "`InResponseTo`." => |v| v.in_response_to.clone(),
        destination: [Opt Str] "`Destination`." => |v| v.destination.clone(),
        assertion_id: [Str] "The Assertion `ID`." => |v| &v.assertion.id,
        issue_instant: [Time] "The assertion's `IssueInstant`." => |v| v.assertion.issue_instant,
        name_id: [Opt Str] "The subject's `NameID`." => |v| v.assertion.name_id.as_ref().map(|n| n.value.clone()),
        name_id_format: [Opt Str] "The `NameID`'s `Format`." => |v| v.assertion.name_id.as_ref().and_then(|n| n.format.clone()),
        attributes: [List Rec SAML_ATTRIBUTE] "The assertion's attributes, in document order." => |v| recs(&v.assertion.attributes),
        loa: [Opt Str] "The first `AuthnContextClassRef` (the eIDAS level of assurance)." => |v| v.assertion.loa.clone(),
        stork_qaa: [Opt Int] "STORK's `QualityAuthenticationAssuranceLevel`." => |v| v.assertion.stork_qaa,
        session_index: [Opt Str] "The first `AuthnStatement`'s `SessionIndex`."
            => |v| v.assertion.authn_statements.first().and_then(|s| s.session_index.clone()),
        session_not_on_or_after: [Opt Time] "The first `AuthnStatement`'s `SessionNotOnOrAfter`: when the identity provider ends the session." => |v| v.assertion.authn_statements.first().and_then(|s| s.session_not_on_or_after),
        not_before: [Opt Time] "`Conditions/@NotBefore`." => |v| v.assertion.not_before,
        not_on_or_after: [Opt Time] "`Conditions/@NotOnOrAfter`: keep the session no longer." => |v| v.assertion.not_on_or_after,
        audiences: [List Str] "The `Audience`s of the conditions." => |v| str_list(&v.assertion.audiences),
        one_time_use: [Bool] "Whether the conditions hold `OneTimeUse`." => |v| v.assertion.one_time_use,
        signed_by: [Enum SignedBy::NAMES] "Which signatures covered the assertion." => |v| v.signed_by.name(),
        signatures: [List Rec SIGNATURE] "The verified signatures, the Response's first." => |v| recs(&v.reports),
        decrypted: [List Rec DECRYPTED_PART] "What was decrypted, and with what: the `EncryptedAssertion`, an `EncryptedID`, each `EncryptedAttribute`; empty when nothing was encrypted." => |v| recs(&v.decrypted),
    }
}

record! {
    DECRYPTED_PART: DecryptedPart = "decrypted_part" / "DecryptedPart"
        "One encrypted element that was decrypted." {
        element: [Str] "`EncryptedAssertion`, `EncryptedID` or `EncryptedAttribute`." => |p| p.element,
        content_algorithm: [Str] "The content encryption: `aes128-gcm`, `aes192-gcm`, `aes256-gcm`, or by policy `aes128-cbc`, `aes192-cbc`, `aes256-cbc`, `tripledes-cbc`." => |p| p.content.name(),
        legacy: [Bool] "Whether the content encryption is a legacy one (CBC, Triple-DES) that authenticates nothing." => |p| p.content.is_legacy(),
        key_algorithm: [Str] "How the content key came: `rsa-oaep-mgf1p`, `rsa-oaep`, `ecdh-es+kw-aes128`, `ecdh-es+kw-aes192` or `ecdh-es+kw-aes256`." => |p| p.key.name(),
    }
}

record! {
    UNVERIFIED_ASSERTION: UnverifiedAssertion = "unverified_assertion" / "UnverifiedAssertion"
        "A Response's assertion decrypted WITHOUT any signature check: for inspection only." {
        xml: [Xml] "The decrypted `Assertion` element, exactly as decrypted; nothing in it is verified." => |a| Xml(String::from_utf8_lossy(&a.xml).into_owned()),
        decrypted: [Rec DECRYPTED_PART] "What decrypted it." => |a| a.decrypted.value(),
    }
}

record! {
    REQUESTED_ATTRIBUTE: RequestedAttribute = "requested_attribute" / "RequestedAttribute"
        "An attribute an AuthnRequest asks for." {
        name: [Str] "`Name`." => |a| &a.name,
        name_format: [Opt Str] "`NameFormat`." => |a| a.name_format.clone(),
        friendly_name: [Opt Str] "`FriendlyName`." => |a| a.friendly_name.clone(),
        required: [Bool] "`isRequired`." => |a| a.required,
        values: [List Str] "The values asked for." => |a| str_list(&a.values),
    }
}

/// A verified AuthnRequest and what its binding carried beside it.
pub struct AuthnRequestResult {
    /// The request.
    pub request: trustmeta::VerifiedAuthnRequest,
    /// The HTTP-Redirect binding's `RelayState`.
    pub relay_state: Option<String>,
    /// The HTTP-Redirect binding's `SigAlg`, as a URI.
    pub redirect_signature_algorithm: Option<&'static str>,
}

record! {
    AUTHN_REQUEST: AuthnRequestResult = "authn_request" / "VerifiedAuthnRequest" "A verified SAML AuthnRequest." {
        id: [Str] "`ID`." => |r| &r.request.id,
        issuer: [Opt Str] "`Issuer`." => |r| r.request.issuer.clone(),
        issue_instant: [Time] "`IssueInstant`." => |r| r.request.issue_instant,
        destination: [Opt Str] "`Destination`." => |r| r.request.destination.clone(),
        acs_url: [Opt Str] "`AssertionConsumerServiceURL`." => |r| r.request.acs_url.clone(),
        force_authn: [Bool] "`ForceAuthn`." => |r| r.request.force_authn,
        is_passive: [Bool] "`IsPassive`." => |r| r.request.is_passive,
        provider_name: [Opt Str] "`ProviderName`." => |r| r.request.provider_name.clone(),
        name_id_format: [Opt Str] "`NameIDPolicy/@Format`." => |r| r.request.name_id_format.clone(),
        sp_type: [Opt Enum SpType::NAMES] "eIDAS `SPType`." => |r| r.request.sp_type.map(SpType::name),
        requested_loa: [List Str] "The requested `AuthnContextClassRef`s." => |r| str_list(&r.request.requested_loa),
        loa_comparison: [Opt Str] "`RequestedAuthnContext/@Comparison`." => |r| r.request.loa_comparison.clone(),
        requested_attributes: [List Rec REQUESTED_ATTRIBUTE] "The attributes asked for." => |r| recs(&r.request.requested_attributes),
        stork_qaa: [Opt Int] "STORK `QualityAuthenticationAssuranceLevel`." => |r| r.request.stork.as_ref().and_then(|s| s.qaa),
        stork_sp_sector: [Opt Str] "STORK `spSector`." => |r| r.request.stork.as_ref().and_then(|s| s.sp_sector.clone()),
        stork_sp_institution: [Opt Str] "STORK `spInstitution`." => |r| r.request.stork.as_ref().and_then(|s| s.sp_institution.clone()),
        stork_sp_application: [Opt Str] "STORK `spApplication`." => |r| r.request.stork.as_ref().and_then(|s| s.sp_application.clone()),
        stork_sp_country: [Opt Str] "STORK `spCountry`." => |r| r.request.stork.as_ref().and_then(|s| s.sp_country.clone()),
        stork_citizen_country: [Opt Str] "STORK `CitizenCountryCode`." => |r| r.request.stork.as_ref().and_then(|s| s.citizen_country.clone()),
        relay_state: [Opt Str] "The HTTP-Redirect binding's `RelayState`." => |r| r.relay_state.clone(),
        redirect_signature_algorithm: [Opt Str] "The HTTP-Redirect binding's `SigAlg`." => |r| r.redirect_signature_algorithm,
        signature: [Opt Rec SIGNATURE] "The XML signature; null for the HTTP-Redirect binding." => |r| opt_rec(r.request.report.as_ref()),
    }
}

// --- SAML metadata ------------------------------------------------------------------------

record! {
    ETOEGANG_NAME: EtoegangName = "etoegang_name" / "EtoegangName"
        "The parts of an eToegang aggregate's `Name` (`urn:etoegang:<version>:metadata:<P|A>:<sequence>`)." {
        version: [Str] "The version part." => |n| &n.version,
        environment: [Str] "`P` (production) or `A` (acceptance)." => |n| n.environment,
        sequence: [Int] "The publication sequence number: a newer aggregate has a higher one." => |n| n.sequence,
    }
}

record! {
    DURATION: Duration = "duration" / "Duration" "An `xs:duration`, with months apart as they have no fixed length." {
        months: [Int] "Years times 12 plus months." => |d| d.months,
        seconds: [Int] "Days, hours, minutes and seconds, in seconds." => |d| d.seconds,
    }
}

record! {
    METADATA: trustmeta::VerifiedMetadata = "metadata" / "VerifiedMetadata"
        "Verified SAML metadata: what the document element says about itself, and who signed it." {
        root: [Str] "`EntitiesDescriptor` or `EntityDescriptor`." => |m| &m.summary.root,
        id: [Opt Str] "`ID` of the document element." => |m| m.summary.id.clone(),
        name: [Opt Str] "`Name` of an aggregate." => |m| m.summary.name.clone(),
        entity_id: [Opt Str] "`entityID` of a single `EntityDescriptor`." => |m| m.summary.entity_id.clone(),
        valid_until: [Opt Time] "`validUntil`." => |m| m.summary.valid_until,
        cache_duration: [Opt Rec DURATION] "`cacheDuration`." => |m| opt_rec(m.summary.cache_duration.as_ref()),
        expires: [Opt Time] "The earlier of `validUntil` and the verification time plus `cacheDuration`." => |m| m.summary.expires,
        publisher: [Opt Str] "`mdrpi:PublicationInfo/@publisher`." => |m| m.summary.publisher.clone(),
        creation_instant: [Opt Time] "`mdrpi:PublicationInfo/@creationInstant`." => |m| m.summary.creation_instant,
        entities: [Int] "`EntityDescriptor` elements at any depth." => |m| m.summary.entities,
        groups: [List Str] "The `Name` of each `EntitiesDescriptor` child of the document element." => |m| str_list(&m.summary.groups),
        etoegang: [Opt Rec ETOEGANG_NAME] "The parts of an eToegang aggregate's `Name`." => |m| opt_rec(m.summary.etoegang.as_ref()),
        streamed: [Bool] "Whether the streaming path verified the document." => |m| m.streamed,
        nested_signatures: [Int] "Signatures on inner elements: counted, not checked." => |m| m.nested_signatures,
    } + report |m| m.report
}

/// An entity of verified metadata, as `entity_ids` lists it.
pub struct EntityRef<'a> {
    /// Its `entityID`.
    pub entity_id: &'a str,
    /// `Name` of the enclosing `EntitiesDescriptor`.
    pub group: Option<&'a str>,
}

record! {
    ENTITY_REF: EntityRef<'_> = "entity_ref" / "EntityRef" (tuple) "An entity of verified metadata and its group." {
        entity_id: [Str] "Its `entityID`." => |e| e.entity_id,
        group: [Opt Str] "`Name` of the enclosing `EntitiesDescriptor`." => |e| e.group,
    }
}

record! {
    METADATA_ENDPOINT: MetadataEndpoint = "metadata_endpoint" / "MetadataEndpoint" "A protocol endpoint of one role of an entity." {
        role: [Str] "The role descriptor holding it, e.g. `IDPSSODescriptor`." => |e| &e.role,
        kind: [Str] "The endpoint element, e.g. `SingleSignOnService`." => |e| &e.kind,
        binding: [Str] "`Binding`." => |e| &e.binding,
        location: [Str] "`Location`." => |e| &e.location,
        index: [Opt Int] "`index`, for indexed endpoints." => |e| e.index,
    }
}

record! {
    CONTACT: ContactPerson = "contact" / "Contact" "One `ContactPerson` of an entity." {
        contact_type: [Str] "`contactType`: `technical`, `support`, `administrative`, `billing` or `other`." => |c| &c.contact_type,
        company: [Opt Str] "`Company`." => |c| c.company.clone(),
        given_name: [Opt Str] "`GivenName`." => |c| c.given_name.clone(),
        surname: [Opt Str] "`SurName`." => |c| c.surname.clone(),
        emails: [List Str] "`EmailAddress`es." => |c| str_list(&c.emails),
        telephones: [List Str] "`TelephoneNumber`s." => |c| str_list(&c.telephones),
    }
}

record! {
    METADATA_ENTITY: EntityInfo = "metadata_entity" / "MetadataEntity" "What one `EntityDescriptor` of verified metadata says." {
        entity_id: [Str] "`entityID`." => |e| &e.entity_id,
        roles: [List Str] "The local names of its role descriptors, in document order." => |e| str_list(&e.roles),
        signing_certificates: [List Bytes] "DER certificates of `KeyDescriptor`s for signing (or without `use`)."
            => |e| byte_list(e.signing_certificates.iter().map(Vec::as_slice)),
        encryption_certificates: [List Bytes] "DER certificates of `KeyDescriptor`s for encryption (or without `use`)."
            => |e| byte_list(e.encryption_certificates.iter().map(Vec::as_slice)),
        endpoints: [List Rec METADATA_ENDPOINT] "Its protocol endpoints, in document order." => |e| recs(&e.endpoints),
        display_names: [List Rec LANG_STRING] "`mdui:DisplayName`s." => |e| recs(&e.display_names),
        entity_categories: [List Str] "Its entity categories." => |e| str_list(&e.entity_categories),
        organization_name: [Opt Str] "`OrganizationName`." => |e| e.organization_name.clone(),
        contact_emails: [List Str] "Every contact's `EmailAddress`." => |e| str_list(&e.contact_emails),
        contacts: [List Rec CONTACT] "Its `ContactPerson`s, in document order." => |e| recs(&e.contacts),
        registration_authority: [Opt Str] "`mdrpi:RegistrationInfo/@registrationAuthority`." => |e| e.registration_authority.clone(),
        registration_instant: [Opt Str] "`mdrpi:RegistrationInfo/@registrationInstant`, as written." => |e| e.registration_instant.clone(),
        group: [Opt Str] "`Name` of the enclosing `EntitiesDescriptor`." => |e| e.group.clone(),
        etoegang_role: [Opt Enum EtoegangRole::ABBREVIATIONS] "The role of its eToegang role group; null outside those groups."
            => |e| e.etoegang_role().map(EtoegangRole::abbreviation),
        offered_for_ad_selection: [Bool] "Whether users may choose it as authentication service (`AD` entities only)."
            => |e| e.etoegang_role().is_some_and(EtoegangRole::offered_for_ad_selection),
        validated_as: [List Enum EtoegangRole::ABBREVIATIONS]
            "The roles it may be treated as when a message is validated: its group's, and for the eIDAS-berichtenservice (`EB`) also `AD` and `MR`."
            => |e| Value::List(e.etoegang_role().map_or(&[][..], EtoegangRole::validated_as).iter().map(|r| Value::Str(r.abbreviation().into())).collect()),
    }
}

// --- OCSP -------------------------------------------------------------------------------

fn revocation(v: &VerifiedOcspResponse) -> (Option<trustmeta::DateTime>, Option<&'static str>) {
    match v.status() {
        OcspStatus::Revoked { time, reason } => (Some(time), reason.map(RevocationReason::name)),
        _ => (None, None),
    }
}

/// A verified OCSP response and the time it was checked at.
pub struct OcspAnswer {
    /// The response.
    pub response: VerifiedOcspResponse,
    /// The time the verification used.
    pub verified_at: trustmeta::DateTime,
}

impl core::ops::Deref for OcspAnswer {
    type Target = VerifiedOcspResponse;
    fn deref(&self) -> &VerifiedOcspResponse {
        &self.response
    }
}

record! {
    OCSP: OcspAnswer = "ocsp" / "VerifiedOcspResponse" "A verified OCSP response about one certificate." {
        status: [Enum OcspStatus::NAMES] "What the responder says about the certificate." => |v| v.status().name(),
        revocation_time: [Opt Time] "When it was revoked." => |v| revocation(&v.response).0,
        revocation_reason: [Opt Enum RevocationReason::NAMES] "Why it was revoked (the RFC 5280 name), when the responder says." => |v| revocation(&v.response).1,
        responder: [Rec CERTIFICATE] "The certificate that signed the response." => |v| v.responder().value(),
        delegated: [Bool] "Whether a delegated responder signed, not the CA itself." => |v| v.is_delegated(),
        signature_algorithm: [Str] "The response's signature algorithm, by short name (`rsa-sha256`)." => |v| v.signature_algorithm().name(),
        cert_id_hash: [Str] "The digest algorithm of the `CertID`, by short name (`sha1`, `sha256`)." => |v| v.cert_id_hash().name(),
        this_update: [Time] "`thisUpdate`." => |v| v.this_update(),
        next_update: [Opt Time] "`nextUpdate`." => |v| v.next_update(),
        produced_at: [Time] "`producedAt`." => |v| v.produced_at(),
        verified_at: [Time] "The time the verification used." => |v| v.verified_at,
    }
}

/// Every record description, parents before the records they hold where possible: what
/// the generators walk.
pub static ALL: &[&RecordDesc] = &[
    &REFERENCE,
    &CERTIFICATE,
    &SIGNATURE,
    &DOCUMENT,
    &ENDPOINT,
    &FILTERED_ENDPOINT,
    &REDIRECT,
    &SERVICE_METADATA,
    &SERVICE_REFERENCE,
    &SERVICE_GROUP,
    &EXTENSION_SIGNATURE,
    &DECRYPTED_PART,
    &UNVERIFIED_ASSERTION,
    &COUNTRY,
    &NCP,
    &NCP_CHOICE,
    &LEARNER,
    &ELMO,
    &LANG_STRING,
    &TSL_POINTER,
    &TSL_SERVICE,
    &TSL_PROVIDER,
    &OPENNCP_SERVICE,
    &OPENNCP_LIST,
    &SMP_RECORD,
    &TSL,
    &SAML_ATTRIBUTE,
    &SAML_RESPONSE,
    &REQUESTED_ATTRIBUTE,
    &AUTHN_REQUEST,
    &ETOEGANG_NAME,
    &DURATION,
    &METADATA,
    &ENTITY_REF,
    &METADATA_ENDPOINT,
    &CONTACT,
    &METADATA_ENTITY,
    &OCSP,
];
