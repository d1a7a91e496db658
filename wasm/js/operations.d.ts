// Generated from the table (table/src/records.rs, table/src/ops.rs) by `cargo run -p trustmeta-table --bin generate`; do not edit.
// The results and operations of the npm package `trustmeta`, re-exported by index.d.ts.
import type { DecryptionKeys, Emreg, IssuerTrust, MetadataStreamVerifier, ReplayCache, TrustStore } from './index.js';

// --- Choices ---

/** The names accepted by `VerifySamlResponseOptions.profile`, `VerifySamlRequestOptions.profile`, `VerifySamlRequestRedirectOptions.profile`. */
export type SamlProfileName = 'generic' | 'stork' | 'eidas';

/** The names accepted by `VerifySamlResponseOptions.signed`. */
export type SignedPartsName = 'any' | 'response' | 'assertion' | 'both';

/** The names accepted by `VerifyMetadataOptions.profile`, `MetadataStreamOptions.profile`, `MetadataIssuerTrustOptions.profile`. */
export type MetadataProfileName = 'generic' | 'etoegang';

/** The names accepted by `MetadataIssuerTrustOptions.role`. */
export type TrustRoleName = 'IDPSSODescriptor' | 'SPSSODescriptor' | 'AttributeAuthorityDescriptor' | 'AuthnAuthorityDescriptor' | 'PDPDescriptor';

// --- Results ---

/** One verified `ds:Reference`. */
export interface Reference {
  /** The `URI` attribute as written: empty (the whole document) or `#id`. */
  readonly uri: string;
  /** Local name of the element the reference covers. */
  readonly element: string;
  /** The DigestMethod algorithm URI. */
  readonly digest: string;
  /** The transforms applied, by short name, in order. */
  readonly transforms: string[];
  /**
   * Whether it covers a `ds:Manifest`: the manifest is signed, but the references it
   * lists were not checked, so what they point to is not shown signed.
   */
  readonly uncheckedManifest: boolean;
}

/** A certificate named by its subject and SHA-256 digest. */
export interface Certificate {
  /** The subject DN. */
  readonly subject: string;
  /** SHA-256 (lowercase hex) of the DER certificate. */
  readonly sha256: string;
}

/** One verified signature: who signed, with what. */
export interface Signature {
  /**
   * SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public
   * key.
   */
  readonly signerSha256: string | null;
  /** The signer certificate's subject DN; null for a pinned bare public key. */
  readonly signerSubject: string | null;
  /** The signing key's type and size, e.g. `RSA-2048`, `EC P-256`. */
  readonly signerKey: string;
  /**
   * Whether the signer's certificate or key itself is in the trust store (not reached
   * through a CA).
   */
  readonly pinned: boolean;
  /** The SignatureMethod algorithm URI. */
  readonly signatureAlgorithm: string;
  /** The CanonicalizationMethod URI of SignedInfo. */
  readonly canonicalization: string;
  /** The verified references, in document order. */
  readonly references: Reference[];
  /**
   * Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`,
   * `sha1-certificate`).
   */
  readonly legacyAlgorithms: string[];
  /**
   * The certificate path, signer first, ending at the trusted certificate; empty for a
   * pinned bare key.
   */
  readonly chain: Certificate[];
  /** The time the verification used. */
  readonly verifiedAt: Date;
}

/**
 * A document whose signature verified: who signed it, with what, and exactly what they
 * signed.
 */
export interface VerifiedDocument {
  /**
   * The signed elements in canonical form (Exclusive C14N, the signature left out),
   * one per reference: exactly what was signed.
   */
  readonly signedXml: string[];
  /**
   * SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public
   * key.
   */
  readonly signerSha256: string | null;
  /** The signer certificate's subject DN; null for a pinned bare public key. */
  readonly signerSubject: string | null;
  /** The signing key's type and size, e.g. `RSA-2048`, `EC P-256`. */
  readonly signerKey: string;
  /**
   * Whether the signer's certificate or key itself is in the trust store (not reached
   * through a CA).
   */
  readonly pinned: boolean;
  /** The SignatureMethod algorithm URI. */
  readonly signatureAlgorithm: string;
  /** The CanonicalizationMethod URI of SignedInfo. */
  readonly canonicalization: string;
  /** The verified references, in document order. */
  readonly references: Reference[];
  /**
   * Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`,
   * `sha1-certificate`).
   */
  readonly legacyAlgorithms: string[];
  /**
   * The certificate path, signer first, ending at the trusted certificate; empty for a
   * pinned bare key.
   */
  readonly chain: Certificate[];
  /** The time the verification used. */
  readonly verifiedAt: Date;
}

/** One endpoint of a verified SMP record. */
export interface Endpoint {
  /** The transport profile, e.g. `peppol-transport-as4-v2_0`. */
  readonly transportProfile: string;
  /** The endpoint's address: where to send. */
  readonly uri: string;
  /** SHA-256 (lowercase hex) of the published certificate; null if none. */
  readonly certificateSha256: string | null;
  /** The activation date; null if the record gives none. */
  readonly activation: Date | null;
  /** The expiration date; null if the record gives none. */
  readonly expiration: Date | null;
  /**
   * With access-point anchors: whether the certificate chains to one; null when not
   * checked.
   */
  readonly certificateTrusted: boolean | null;
  /** With access-point anchors: the error code when the certificate is not trusted. */
  readonly certificateError: string | null;
}

/** An endpoint that matches the question but was left out for its dates. */
export interface FilteredEndpoint {
  /** The endpoint. */
  readonly endpoint: Endpoint;
  /** Why it was left out. */
  readonly reason: 'not_yet_active' | 'expired';
  /** A sentence with the date and the verification time. */
  readonly message: string;
}

/** A signed redirect to another SMP. */
export interface Redirect {
  /** Where to ask instead. */
  readonly href: string;
  /** SMP 1.x `CertificateUID`: subject DN (or serialNumber) of the target's signer. */
  readonly certificateUid: string | null;
  /** SMP 2.0: SHA-256 (lowercase hex) of each certificate the target's signer may have. */
  readonly certificates: string[];
}

/** A signed SMP ServiceMetadata record that verified and answers the question asked. */
export interface VerifiedServiceMetadata {
  /** The SMP vocabulary of the record. */
  readonly version: 'peppol-busdox' | 'bdxr-2014' | 'oasis-smp-1.0' | 'oasis-smp-2.0';
  /** The participant the record names (null for an SMP 1.x redirect). */
  readonly participant: string | null;
  /** The document type the record names (null for an SMP 1.x redirect). */
  readonly document: string | null;
  /** The endpoints that answer the question and are active at the verification time. */
  readonly endpoints: Endpoint[];
  /** Endpoints that match the question but are outside their dates. */
  readonly filteredEndpoints: FilteredEndpoint[];
  /** The redirect, when the record sends the caller to another SMP. */
  readonly redirect: Redirect | null;
  /** Signatures below the document element: counted, not verified. */
  readonly otherSignatures: number;
  /**
   * SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public
   * key.
   */
  readonly signerSha256: string | null;
  /** The signer certificate's subject DN; null for a pinned bare public key. */
  readonly signerSubject: string | null;
  /** The signing key's type and size, e.g. `RSA-2048`, `EC P-256`. */
  readonly signerKey: string;
  /**
   * Whether the signer's certificate or key itself is in the trust store (not reached
   * through a CA).
   */
  readonly pinned: boolean;
  /** The SignatureMethod algorithm URI. */
  readonly signatureAlgorithm: string;
  /** The CanonicalizationMethod URI of SignedInfo. */
  readonly canonicalization: string;
  /** The verified references, in document order. */
  readonly references: Reference[];
  /**
   * Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`,
   * `sha1-certificate`).
   */
  readonly legacyAlgorithms: string[];
  /**
   * The certificate path, signer first, ending at the trusted certificate; empty for a
   * pinned bare key.
   */
  readonly chain: Certificate[];
  /** The time the verification used. */
  readonly verifiedAt: Date;
}

/** One entry of a ServiceGroup. */
export interface ServiceReference {
  /** The document type, `scheme::value`; null when the href names none. */
  readonly document: string | null;
  /** SMP 1.x `ServiceMetadataReference href`; null in SMP 2.0. */
  readonly href: string | null;
}

/** A verified SMP ServiceGroup. */
export interface VerifiedServiceGroup {
  /** The SMP vocabulary of the group. */
  readonly version: 'peppol-busdox' | 'bdxr-2014' | 'oasis-smp-1.0' | 'oasis-smp-2.0';
  /** The participant the group is about. */
  readonly participant: string;
  /** Its entries, in document order. */
  readonly references: ServiceReference[];
  /** False for an unsigned group accepted on request. */
  readonly signed: boolean;
  /**
   * SHA-256 (lowercase hex) of the signer's certificate; null when unsigned or for a
   * bare key.
   */
  readonly signerSha256: string | null;
  /** The signer certificate's subject DN; null when unsigned or for a bare key. */
  readonly signerSubject: string | null;
  /** Signatures below the document element: counted, not verified. */
  readonly otherSignatures: number;
}

/** A verified signature inside an SMP record's `Extension` (the eHealth owner signature). */
export interface ExtensionSignature {
  /**
   * Local name of the element it covers: `ServiceMetadata`, the document the owner
   * signed before the SMP wrapped it.
   */
  readonly coveredElement: string;
  /**
   * SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public
   * key.
   */
  readonly signerSha256: string | null;
  /** The signer certificate's subject DN; null for a pinned bare public key. */
  readonly signerSubject: string | null;
  /** The signing key's type and size, e.g. `RSA-2048`, `EC P-256`. */
  readonly signerKey: string;
  /**
   * Whether the signer's certificate or key itself is in the trust store (not reached
   * through a CA).
   */
  readonly pinned: boolean;
  /** The SignatureMethod algorithm URI. */
  readonly signatureAlgorithm: string;
  /** The CanonicalizationMethod URI of SignedInfo. */
  readonly canonicalization: string;
  /** The verified references, in document order. */
  readonly references: Reference[];
  /**
   * Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`,
   * `sha1-certificate`).
   */
  readonly legacyAlgorithms: string[];
  /**
   * The certificate path, signer first, ending at the trusted certificate; empty for a
   * pinned bare key.
   */
  readonly chain: Certificate[];
  /** The time the verification used. */
  readonly verifiedAt: Date;
}

/** One encrypted element that was decrypted. */
export interface DecryptedPart {
  /** `EncryptedAssertion`, `EncryptedID` or `EncryptedAttribute`. */
  readonly element: string;
  /**
   * The content encryption: `aes128-gcm`, `aes192-gcm`, `aes256-gcm`, or by policy
   * `aes128-cbc`, `aes192-cbc`, `aes256-cbc`, `tripledes-cbc`.
   */
  readonly contentAlgorithm: string;
  /**
   * Whether the content encryption is a legacy one (CBC, Triple-DES) that
   * authenticates nothing.
   */
  readonly legacy: boolean;
  /**
   * How the content key came: `rsa-oaep-mgf1p`, `rsa-oaep`, `ecdh-es+kw-aes128`,
   * `ecdh-es+kw-aes192` or `ecdh-es+kw-aes256`.
   */
  readonly keyAlgorithm: string;
}

/** A Response's assertion decrypted WITHOUT any signature check: for inspection only. */
export interface UnverifiedAssertion {
  /**
   * The decrypted `Assertion` element, exactly as decrypted; nothing in it is
   * verified.
   */
  readonly xml: string;
  /** What decrypted it. */
  readonly decrypted: DecryptedPart;
}

/** One country of an EMREG list. */
export interface Country {
  /** `countryCode` as written (compared case-insensitively). */
  readonly code: string;
  /** `countryName` (empty when the list gives none). */
  readonly name: string;
  /** Learners of this country choose an institution, not an NCP. */
  readonly singleFetch: boolean;
}

/** One National Contact Point (an EMP in newer lists) of an EMREG list. */
export interface Ncp {
  /** The name ELMO verification takes as `ncp`. */
  readonly acronym: string;
  /** `countryCode` as written. */
  readonly countryCode: string;
  /** The institutions it serves, in list order. */
  readonly institutions: string[];
  /** Where to send the learner (empty when the list gives none). */
  readonly url: string;
  /** The `pubKey` as the list gives it (normally a PEM certificate). */
  readonly pubKey: string;
}

/** One entry to offer a learner of a country. */
export interface NcpChoice {
  /** The NCP to send the learner to, whose certificate the result must carry. */
  readonly ncp: Ncp;
  /**
   * For a `singleFetch` country the institution this entry stands for, otherwise the
   * NCP's first.
   */
  readonly institution: string | null;
}

/** The learner a verified ELMO file is about. */
export interface Learner {
  /** `givenNames`. */
  readonly givenNames: string;
  /** `familyName`. */
  readonly familyName: string;
  /** `bday` as written (the format differs between NCPs). */
  readonly birthDate: string | null;
  /** `citizenship`. */
  readonly citizenship: string | null;
}

/** A verified ELMO result file. */
export interface VerifiedElmo {
  /** The ELMO namespace of the file. */
  readonly namespace: string;
  /** The learner to match against the person who started the EMREX session. */
  readonly learner: Learner;
  /** Every distinct learner identity the file gives, `learner` first. */
  readonly learners: Learner[];
  /** How many reports the file holds. */
  readonly reports: number;
  /**
   * Signatures deeper inside (a Diploma Supplement's): neither checked nor counted as
   * the file's.
   */
  readonly nestedSignatures: number;
  /**
   * SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public
   * key.
   */
  readonly signerSha256: string | null;
  /** The signer certificate's subject DN; null for a pinned bare public key. */
  readonly signerSubject: string | null;
  /** The signing key's type and size, e.g. `RSA-2048`, `EC P-256`. */
  readonly signerKey: string;
  /**
   * Whether the signer's certificate or key itself is in the trust store (not reached
   * through a CA).
   */
  readonly pinned: boolean;
  /** The SignatureMethod algorithm URI. */
  readonly signatureAlgorithm: string;
  /** The CanonicalizationMethod URI of SignedInfo. */
  readonly canonicalization: string;
  /** The verified references, in document order. */
  readonly references: Reference[];
  /**
   * Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`,
   * `sha1-certificate`).
   */
  readonly legacyAlgorithms: string[];
  /**
   * The certificate path, signer first, ending at the trusted certificate; empty for a
   * pinned bare key.
   */
  readonly chain: Certificate[];
  /** The time the verification used. */
  readonly verifiedAt: Date;
}

/** A text and its language. */
export interface LangString {
  /** The `xml:lang` (empty when none). */
  readonly lang: string;
  /** The text. */
  readonly text: string;
}

/** One `OtherTSLPointer` of a verified trusted list. */
export interface TslPointer {
  /** `TSLLocation`: where to fetch the other list. */
  readonly location: string;
  /** `SchemeTerritory` of the other list. */
  readonly territory: string | null;
  /** The other list's MIME type. */
  readonly mimeType: string | null;
  /** The certificates allowed to sign the other list, DER-encoded. */
  readonly certificates: Uint8Array[];
}

/** One `TSPService` of a verified trusted list. */
export interface TslService {
  /** The first `TSPName` of its provider. */
  readonly provider: string;
  /** `ServiceTypeIdentifier`. */
  readonly typeIdentifier: string;
  /** The first `ServiceName`. */
  readonly name: string;
  /** Every `ServiceName`. */
  readonly names: LangString[];
  /** `ServiceStatus`. */
  readonly status: string;
  /** `StatusStartingTime`. */
  readonly statusStartingTime: Date;
  /** `ServiceSupplyPoint`s. */
  readonly supplyPoints: string[];
  /** The `X509Certificate` digital identities, DER-encoded, in order. */
  readonly certificates: Uint8Array[];
  /** How many `ServiceHistoryInstance`s it has. */
  readonly historyEntries: number;
}

/** One `TrustServiceProvider` of a verified trusted list. */
export interface TslProvider {
  /** The first `TSPName`. */
  readonly name: string;
  /** Every `TSPName`. */
  readonly names: LangString[];
  /** Every `TSPTradeName`. */
  readonly tradeNames: LangString[];
  /** Its services, in document order. */
  readonly services: TslService[];
}

/** A service of an NCP configuration list with its face and role. */
export interface OpenNcpService {
  /** The provider the service is listed under. */
  readonly face: 'NCP-A' | 'NCP-B';
  /** What the service does. */
  readonly role: 'VPNGateway' | 'NCP' | 'PatientIdentificationService' | 'PatientService' | 'OrderService' | 'DispensationService' | 'ConsentService' | 'IdP';
  /** The service. */
  readonly service: TslService;
}

/** The OpenNCP view of a verified NCP configuration list. */
export interface OpenNcpList {
  /** The country the list is for. */
  readonly country: string;
  /** Its services with their faces and roles. */
  readonly services: OpenNcpService[];
  /** Services whose provider or type the view does not know. */
  readonly unknownServices: number;
  /** The NCP service's first certificate on `NCP-A` (its TLS certificate), DER-encoded. */
  readonly tlsCertificateA: Uint8Array | null;
  /** The NCP service's first certificate on `NCP-B` (its TLS certificate), DER-encoded. */
  readonly tlsCertificateB: Uint8Array | null;
  /**
   * The NCP service's second certificate on `NCP-A` (its signing certificate),
   * DER-encoded.
   */
  readonly signatureCertificateA: Uint8Array | null;
  /**
   * The NCP service's second certificate on `NCP-B` (its signing certificate),
   * DER-encoded.
   */
  readonly signatureCertificateB: Uint8Array | null;
}

/** One unsigned SMP `ServiceMetadata` document written from an NCP configuration list. */
export interface SmpRecord {
  /** The file name OpenNCP's stylesheet gives it, e.g. `Patient_Service_AT.xml`. */
  readonly fileName: string;
  /** The participant, `scheme::value`. */
  readonly participant: string;
  /** The document type, `scheme::value`. */
  readonly document: string;
  /** The process, `scheme::value`. */
  readonly process: string;
  /** How many endpoints it lists. */
  readonly endpoints: number;
  /** The document. */
  readonly xml: string;
}

/** A verified ETSI trusted list. */
export interface VerifiedTsl {
  /** The `Id` of the document element. */
  readonly id: string | null;
  /** `TSLTag`. */
  readonly tag: string | null;
  /** `SchemeTerritory`. */
  readonly territory: string;
  /** `TSLVersionIdentifier`. */
  readonly version: number;
  /** `TSLSequenceNumber`: a newer list has a higher one. */
  readonly sequenceNumber: number;
  /** `TSLType`. */
  readonly tslType: string;
  /** `SchemeOperatorName`s. */
  readonly operatorNames: LangString[];
  /** The operator's electronic addresses. */
  readonly operatorElectronicAddresses: string[];
  /** `SchemeName`s. */
  readonly schemeNames: LangString[];
  /** `ListIssueDateTime`. */
  readonly issued: Date;
  /** `NextUpdate`; null for a closed list. */
  readonly nextUpdate: Date | null;
  /** The XAdES `SigningTime` (XAdES baseline B requires it). */
  readonly signingTime: Date;
  /** `OtherTSLPointer`s. */
  readonly pointers: TslPointer[];
  /** `TrustServiceProvider`s. */
  readonly providers: TslProvider[];
  /** Every service of every provider, in document order. */
  readonly services: TslService[];
  /** The OpenNCP view, for an NCP configuration list; null for other lists. */
  readonly openncp: OpenNcpList | null;
  /**
   * SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public
   * key.
   */
  readonly signerSha256: string | null;
  /** The signer certificate's subject DN; null for a pinned bare public key. */
  readonly signerSubject: string | null;
  /** The signing key's type and size, e.g. `RSA-2048`, `EC P-256`. */
  readonly signerKey: string;
  /**
   * Whether the signer's certificate or key itself is in the trust store (not reached
   * through a CA).
   */
  readonly pinned: boolean;
  /** The SignatureMethod algorithm URI. */
  readonly signatureAlgorithm: string;
  /** The CanonicalizationMethod URI of SignedInfo. */
  readonly canonicalization: string;
  /** The verified references, in document order. */
  readonly references: Reference[];
  /**
   * Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`,
   * `sha1-certificate`).
   */
  readonly legacyAlgorithms: string[];
  /**
   * The certificate path, signer first, ending at the trusted certificate; empty for a
   * pinned bare key.
   */
  readonly chain: Certificate[];
  /** The time the verification used. */
  readonly verifiedAt: Date;
}

/** One `Attribute` of a verified assertion. */
export interface SamlAttribute {
  /** `Name`. */
  readonly name: string;
  /** `NameFormat`. */
  readonly nameFormat: string | null;
  /** `FriendlyName`. */
  readonly friendlyName: string | null;
  /** Each `AttributeValue`'s text. */
  readonly values: string[];
  /** STORK's `AttributeStatus`, when given. */
  readonly status: 'Available' | 'NotAvailable' | 'Withheld' | null;
}

/** A verified SAML response and its one assertion. */
export interface VerifiedSamlResponse {
  /** The Response `ID`. */
  readonly id: string;
  /** The Response `Issuer`. */
  readonly issuer: string;
  /** `InResponseTo`. */
  readonly inResponseTo: string | null;
  /** `Destination`. */
  readonly destination: string | null;
  /** The Assertion `ID`. */
  readonly assertionId: string;
  /** The assertion's `IssueInstant`. */
  readonly issueInstant: Date;
  /** The subject's `NameID`. */
  readonly nameId: string | null;
  /** The `NameID`'s `Format`. */
  readonly nameIdFormat: string | null;
  /** The assertion's attributes, in document order. */
  readonly attributes: SamlAttribute[];
  /** The first `AuthnContextClassRef` (the eIDAS level of assurance). */
  readonly loa: string | null;
  /** STORK's `QualityAuthenticationAssuranceLevel`. */
  readonly storkQaa: number | null;
  /** The first `AuthnStatement`'s `SessionIndex`. */
  readonly sessionIndex: string | null;
  /**
   * The first `AuthnStatement`'s `SessionNotOnOrAfter`: when the identity provider
   * ends the session.
   */
  readonly sessionNotOnOrAfter: Date | null;
  /** `Conditions/@NotBefore`. */
  readonly notBefore: Date | null;
  /** `Conditions/@NotOnOrAfter`: keep the session no longer. */
  readonly notOnOrAfter: Date | null;
  /** The `Audience`s of the conditions. */
  readonly audiences: string[];
  /** Whether the conditions hold `OneTimeUse`. */
  readonly oneTimeUse: boolean;
  /** Which signatures covered the assertion. */
  readonly signedBy: 'response' | 'assertion' | 'both';
  /** The verified signatures, the Response's first. */
  readonly signatures: Signature[];
  /**
   * What was decrypted, and with what: the `EncryptedAssertion`, an `EncryptedID`,
   * each `EncryptedAttribute`; empty when nothing was encrypted.
   */
  readonly decrypted: DecryptedPart[];
}

/** An attribute an AuthnRequest asks for. */
export interface RequestedAttribute {
  /** `Name`. */
  readonly name: string;
  /** `NameFormat`. */
  readonly nameFormat: string | null;
  /** `FriendlyName`. */
  readonly friendlyName: string | null;
  /** `isRequired`. */
  readonly required: boolean;
  /** The values asked for. */
  readonly values: string[];
}

/** A verified SAML AuthnRequest. */
export interface VerifiedAuthnRequest {
  /** `ID`. */
  readonly id: string;
  /** `Issuer`. */
  readonly issuer: string | null;
  /** `IssueInstant`. */
  readonly issueInstant: Date;
  /** `Destination`. */
  readonly destination: string | null;
  /** `AssertionConsumerServiceURL`. */
  readonly acsUrl: string | null;
  /** `ForceAuthn`. */
  readonly forceAuthn: boolean;
  /** `IsPassive`. */
  readonly isPassive: boolean;
  /** `ProviderName`. */
  readonly providerName: string | null;
  /** `NameIDPolicy/@Format`. */
  readonly nameIdFormat: string | null;
  /** eIDAS `SPType`. */
  readonly spType: 'public' | 'private' | null;
  /** The requested `AuthnContextClassRef`s. */
  readonly requestedLoa: string[];
  /** `RequestedAuthnContext/@Comparison`. */
  readonly loaComparison: string | null;
  /** The attributes asked for. */
  readonly requestedAttributes: RequestedAttribute[];
  /** STORK `QualityAuthenticationAssuranceLevel`. */
  readonly storkQaa: number | null;
  /** STORK `spSector`. */
  readonly storkSpSector: string | null;
  /** STORK `spInstitution`. */
  readonly storkSpInstitution: string | null;
  /** STORK `spApplication`. */
  readonly storkSpApplication: string | null;
  /** STORK `spCountry`. */
  readonly storkSpCountry: string | null;
  /** STORK `CitizenCountryCode`. */
  readonly storkCitizenCountry: string | null;
  /** The HTTP-Redirect binding's `RelayState`. */
  readonly relayState: string | null;
  /** The HTTP-Redirect binding's `SigAlg`. */
  readonly redirectSignatureAlgorithm: string | null;
  /** The XML signature; null for the HTTP-Redirect binding. */
  readonly signature: Signature | null;
}

/**
 * The parts of an eToegang aggregate's `Name`
 * (`urn:etoegang:<version>:metadata:<P|A>:<sequence>`).
 */
export interface EtoegangName {
  /** The version part. */
  readonly version: string;
  /** `P` (production) or `A` (acceptance). */
  readonly environment: 'P' | 'A';
  /** The publication sequence number: a newer aggregate has a higher one. */
  readonly sequence: number;
}

/** An `xs:duration`, with months apart as they have no fixed length. */
export interface Duration {
  /** Years times 12 plus months. */
  readonly months: number;
  /** Days, hours, minutes and seconds, in seconds. */
  readonly seconds: number;
}

/**
 * Verified SAML metadata: what the document element says about itself, and who signed
 * it.
 */
export interface VerifiedMetadata {
  /** `EntitiesDescriptor` or `EntityDescriptor`. */
  readonly root: string;
  /** `ID` of the document element. */
  readonly id: string | null;
  /** `Name` of an aggregate. */
  readonly name: string | null;
  /** `entityID` of a single `EntityDescriptor`. */
  readonly entityId: string | null;
  /** `validUntil`. */
  readonly validUntil: Date | null;
  /** `cacheDuration`. */
  readonly cacheDuration: Duration | null;
  /** The earlier of `validUntil` and the verification time plus `cacheDuration`. */
  readonly expires: Date | null;
  /** `mdrpi:PublicationInfo/@publisher`. */
  readonly publisher: string | null;
  /** `mdrpi:PublicationInfo/@creationInstant`. */
  readonly creationInstant: Date | null;
  /** `EntityDescriptor` elements at any depth. */
  readonly entities: number;
  /** The `Name` of each `EntitiesDescriptor` child of the document element. */
  readonly groups: string[];
  /** The parts of an eToegang aggregate's `Name`. */
  readonly etoegang: EtoegangName | null;
  /** Whether the streaming path verified the document. */
  readonly streamed: boolean;
  /** Signatures on inner elements: counted, not checked. */
  readonly nestedSignatures: number;
  /**
   * SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public
   * key.
   */
  readonly signerSha256: string | null;
  /** The signer certificate's subject DN; null for a pinned bare public key. */
  readonly signerSubject: string | null;
  /** The signing key's type and size, e.g. `RSA-2048`, `EC P-256`. */
  readonly signerKey: string;
  /**
   * Whether the signer's certificate or key itself is in the trust store (not reached
   * through a CA).
   */
  readonly pinned: boolean;
  /** The SignatureMethod algorithm URI. */
  readonly signatureAlgorithm: string;
  /** The CanonicalizationMethod URI of SignedInfo. */
  readonly canonicalization: string;
  /** The verified references, in document order. */
  readonly references: Reference[];
  /**
   * Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`,
   * `sha1-certificate`).
   */
  readonly legacyAlgorithms: string[];
  /**
   * The certificate path, signer first, ending at the trusted certificate; empty for a
   * pinned bare key.
   */
  readonly chain: Certificate[];
  /** The time the verification used. */
  readonly verifiedAt: Date;
  /**
   * `(entityId, group)` of each entity in document order, as the parser that verified
   * the document met them: an `EntityDescriptor` in a comment, a CDATA section or a
   * `ds:Signature` is never one.
   */
  entityIds(): readonly EntityRef[];
  /**
   * Reads entity `entityId` (compared exactly, after XML unescaping) from the verified
   * bytes the result keeps; null when there is none.
   * @throws {TrustmetaError} `metadata.malformed` when two entities carry the entityID,
   *   `metadata.not_held` on the result of a `MetadataStreamVerifier`
   */
  findEntity(entityId: string): MetadataEntity | null;
}

/** An entity of verified metadata and its group. */
export interface EntityRef {
  /** Its `entityID`. */
  readonly entityId: string;
  /** `Name` of the enclosing `EntitiesDescriptor`. */
  readonly group: string | null;
}

/** A protocol endpoint of one role of an entity. */
export interface MetadataEndpoint {
  /** The role descriptor holding it, e.g. `IDPSSODescriptor`. */
  readonly role: string;
  /** The endpoint element, e.g. `SingleSignOnService`. */
  readonly kind: string;
  /** `Binding`. */
  readonly binding: string;
  /** `Location`. */
  readonly location: string;
  /** `index`, for indexed endpoints. */
  readonly index: number | null;
}

/** One `ContactPerson` of an entity. */
export interface Contact {
  /** `contactType`: `technical`, `support`, `administrative`, `billing` or `other`. */
  readonly contactType: string;
  /** `Company`. */
  readonly company: string | null;
  /** `GivenName`. */
  readonly givenName: string | null;
  /** `SurName`. */
  readonly surname: string | null;
  /** `EmailAddress`es. */
  readonly emails: string[];
  /** `TelephoneNumber`s. */
  readonly telephones: string[];
}

/** What one `EntityDescriptor` of verified metadata says. */
export interface MetadataEntity {
  /** `entityID`. */
  readonly entityId: string;
  /** The local names of its role descriptors, in document order. */
  readonly roles: string[];
  /** DER certificates of `KeyDescriptor`s for signing (or without `use`). */
  readonly signingCertificates: Uint8Array[];
  /** DER certificates of `KeyDescriptor`s for encryption (or without `use`). */
  readonly encryptionCertificates: Uint8Array[];
  /** Its protocol endpoints, in document order. */
  readonly endpoints: MetadataEndpoint[];
  /** `mdui:DisplayName`s. */
  readonly displayNames: LangString[];
  /** Its entity categories. */
  readonly entityCategories: string[];
  /** `OrganizationName`. */
  readonly organizationName: string | null;
  /** Every contact's `EmailAddress`. */
  readonly contactEmails: string[];
  /** Its `ContactPerson`s, in document order. */
  readonly contacts: Contact[];
  /** `mdrpi:RegistrationInfo/@registrationAuthority`. */
  readonly registrationAuthority: string | null;
  /** `mdrpi:RegistrationInfo/@registrationInstant`, as written. */
  readonly registrationInstant: string | null;
  /** `Name` of the enclosing `EntitiesDescriptor`. */
  readonly group: string | null;
  /** The role of its eToegang role group; null outside those groups. */
  readonly etoegangRole: 'AD' | 'MR' | 'KR' | 'EB' | 'HM' | 'DV' | null;
  /** Whether users may choose it as authentication service (`AD` entities only). */
  readonly offeredForAdSelection: boolean;
  /**
   * The roles it may be treated as when a message is validated: its group's, and for
   * the eIDAS-berichtenservice (`EB`) also `AD` and `MR`.
   */
  readonly validatedAs: ('AD' | 'MR' | 'KR' | 'EB' | 'HM' | 'DV')[];
}

/** A verified OCSP response about one certificate. */
export interface VerifiedOcspResponse {
  /** What the responder says about the certificate. */
  readonly status: 'good' | 'revoked' | 'unknown';
  /** When it was revoked. */
  readonly revocationTime: Date | null;
  /** Why it was revoked (the RFC 5280 name), when the responder says. */
  readonly revocationReason: 'unspecified' | 'keyCompromise' | 'cACompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation' | 'certificateHold' | 'removeFromCRL' | 'privilegeWithdrawn' | 'aACompromise' | null;
  /** The certificate that signed the response. */
  readonly responder: Certificate;
  /** Whether a delegated responder signed, not the CA itself. */
  readonly delegated: boolean;
  /** The response's signature algorithm, by short name (`rsa-sha256`). */
  readonly signatureAlgorithm: string;
  /** The digest algorithm of the `CertID`, by short name (`sha1`, `sha256`). */
  readonly certIdHash: string;
  /** `thisUpdate`. */
  readonly thisUpdate: Date;
  /** `nextUpdate`. */
  readonly nextUpdate: Date | null;
  /** `producedAt`. */
  readonly producedAt: Date;
  /** The time the verification used. */
  readonly verifiedAt: Date;
}

// --- Operations ---

/** Options of `verify`. */
export interface VerifyOptions {
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
}

/**
 * Verifies the one XML signature in `xml` against the anchors in `store`: every
 * Reference same-document with a matching digest, the SignatureValue verified under a
 * key the store trusts, directly or through a certificate path valid at `now`.
 * @param xml The signed document.
 * @param store The trusted certificates and keys.
 * @throws {TrustmetaError} xml.*, dsig.*, crypto.*, pki.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verify(xml: Uint8Array, store: TrustStore, options?: VerifyOptions): VerifiedDocument;

/** Options of `verifySmp`. */
export interface VerifySmpOptions {
  /** The participant looked up, `scheme::value`. */
  participant: string;
  /** The document type looked up, `scheme::value`. */
  document: string;
  /** The process the record must list, `scheme::value`; any when absent. */
  process?: string;
  /** Only endpoints of this transport profile are returned; all when absent. */
  transportProfile?: string;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
  /** Access-point anchors to check each endpoint's certificate against. */
  apStore?: TrustStore;
}

/**
 * Verifies a signed SMP ServiceMetadata record and checks that it answers the question
 * (participant, document, optional process and transport profile). With `ap_store`, each
 * active endpoint's certificate is checked against the access-point anchors as well, and
 * reported, not raised.
 * @param xml The ServiceMetadata record.
 * @param store The SMP signers' anchors.
 * @throws {TrustmetaError} smp.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifySmp(xml: Uint8Array, store: TrustStore, options: VerifySmpOptions): VerifiedServiceMetadata;

/** Options of `verifySmpRedirect`. */
export interface VerifySmpRedirectOptions {
  /** The participant looked up, `scheme::value`. */
  participant: string;
  /** The document type looked up, `scheme::value`. */
  document: string;
  /** The process the record must list, `scheme::value`; any when absent. */
  process?: string;
  /** Only endpoints of this transport profile are returned; all when absent. */
  transportProfile?: string;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
}

/**
 * Verifies the redirecting record `first` (it must give a redirect) and the record
 * `target` fetched from its href, for the same question, and checks that the target's
 * signer is the one the redirect names. Returns the target's result.
 * @param first The record that redirects.
 * @param target The record fetched from the redirect's href.
 * @param store The SMP signers' anchors.
 * @throws {TrustmetaError} smp.redirect_signer_mismatch, smp.double_redirect, smp.* or a
 * generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifySmpRedirect(first: Uint8Array, target: Uint8Array, store: TrustStore, options: VerifySmpRedirectOptions): VerifiedServiceMetadata;

/** Options of `verifyServiceGroup`. */
export interface VerifyServiceGroupOptions {
  /** The participant looked up, `scheme::value`. */
  participant: string;
  /**
   * Accept an unsigned group: it then proves nothing about who published it. Default:
   * `false`.
   */
  allowUnsigned?: boolean;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
}

/**
 * Verifies an SMP ServiceGroup for `participant`. An unsigned group is refused
 * (`dsig.missing_signature`) unless `allow_unsigned`; another participant's group is
 * `smp.participant_mismatch`.
 * @param xml The ServiceGroup.
 * @param store The SMP signers' anchors.
 * @throws {TrustmetaError} dsig.missing_signature, smp.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifyServiceGroup(xml: Uint8Array, store: TrustStore, options: VerifyServiceGroupOptions): VerifiedServiceGroup;

/** Options of `verifySmpExtensionSignatures`. */
export interface VerifySmpExtensionSignaturesOptions {
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
}

/**
 * Verifies every signature inside an `Extension` of an SMP record (the eHealth owner
 * signature) against the owners' anchors in `store`, over the `ServiceMetadata` document
 * the owner signed before the SMP wrapped it in `SignedServiceMetadata`
 * (docs/xml-profile.md).
 * @param xml The ServiceMetadata record.
 * @param store The owners' anchors.
 * @throws {TrustmetaError} dsig.missing_signature, smp.signature_profile or a generic
 * code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifySmpExtensionSignatures(xml: Uint8Array, store: TrustStore, options?: VerifySmpExtensionSignaturesOptions): ExtensionSignature[];

/** Options of `smpName`. */
export interface SmpNameOptions {
  /** The PEPPOL SML CNAME instead of the BDXL name. Default: `false`. */
  cname?: boolean;
}

/**
 * The BDXL (NAPTR) name of `participant` in `zone`, or with `cname` the PEPPOL SML
 * CNAME.
 * @param participant The participant, `scheme::value`.
 * @param zone The SML or BDXL zone.
 * @throws {TrustmetaError} smp.bad_identifier or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function smpName(participant: string, zone: string, options?: SmpNameOptions): string;

/** Options of `verifyElmo`. */
export interface VerifyElmoOptions {
  /** The acronym of the NCP the learner was sent to. */
  ncp: string;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
}

/**
 * Verifies an ELMO file against the certificate the EMREG list gives for NCP `ncp`,
 * under the EMREX profile: one signature, a child of the root `elmo`, one `Reference
 * URI=""`, only the enveloped transform.
 * @param xml The ELMO file (for the `elmo` form field, first `decode_elmo_field`).
 * @param emreg The EMREG list.
 * @throws {TrustmetaError} emrex.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifyElmo(xml: Uint8Array, emreg: Emreg, options: VerifyElmoOptions): VerifiedElmo;

/** Options of `decodeElmoField`. */
export interface DecodeElmoFieldOptions {
  /** The largest decoded ELMO accepted, in bytes. Default: `16777216`. */
  maxElmoBytes?: number;
}

/**
 * Decodes the `elmo` form field (base64, then gunzip when gzip) into the ELMO XML,
 * capping the decoded size while inflating.
 * @param field The form field's value.
 * @throws {TrustmetaError} emrex.bad_base64, emrex.gzip_malformed,
 * emrex.decompressed_too_large or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function decodeElmoField(field: Uint8Array | string, options?: DecodeElmoFieldOptions): Uint8Array;

/**
 * `OK`, `NO_RESULTS`, `CANCEL` or `ERROR` for an `NCP_*`/`EMP_*` `returnCode`.
 * @param value The `returnCode` form field.
 * @throws {TrustmetaError} emrex.bad_return_code or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function parseReturnCode(value: string): 'OK' | 'NO_RESULTS' | 'CANCEL' | 'ERROR';

/** Options of `verifyTsl`. */
export interface VerifyTslOptions {
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
}

/**
 * Verifies a signed ETSI trusted list against `store` under the trusted-list XAdES
 * profile.
 * @param xml The trusted list.
 * @param store The certificates allowed to sign it.
 * @throws {TrustmetaError} tsl.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifyTsl(xml: Uint8Array, store: TrustStore, options?: VerifyTslOptions): VerifiedTsl;

/** Options of `verifyMetadata`. */
export interface VerifyMetadataOptions {
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
  /**
   * The profile: `etoegang` checks the eToegang aggregate's name, duration and groups.
   * Default: `'generic'`.
   */
  profile?: MetadataProfileName;
}

/**
 * Verifies signed SAML metadata; documents above 4 MiB are streamed.
 * @param xml The metadata.
 * @param store The federation's signing keys.
 * @throws {TrustmetaError} metadata.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifyMetadata(xml: Uint8Array, store: TrustStore, options?: VerifyMetadataOptions): VerifiedMetadata;

/** Options of `metadataStream`. */
export interface MetadataStreamOptions {
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
  /** As for `verify_metadata`. Default: `'generic'`. */
  profile?: MetadataProfileName;
}

/**
 * A verifier of SAML metadata fed in pieces: memory stays flat however large the
 * document. It owns a copy of `store`.
 * @param store The federation's signing keys.
 * @throws {TrustmetaError} metadata.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function metadataStream(store: TrustStore, options?: MetadataStreamOptions): MetadataStreamVerifier;

/** Options of `metadataIssuerTrust`. */
export interface MetadataIssuerTrustOptions {
  /** The role descriptor whose entities are trusted. Default: `'IDPSSODescriptor'`. */
  role?: TrustRoleName;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
  /** As for `verify_metadata`. Default: `'generic'`. */
  profile?: MetadataProfileName;
}

/**
 * Verifies metadata (of any size) and returns an issuer trust pinning the signing keys
 * of each entity with `role` for its `entityID`. An `entityID` carried twice by entities
 * of the role is `metadata.malformed`.
 * @param xml The metadata.
 * @param store The federation's signing keys.
 * @throws {TrustmetaError} metadata.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function metadataIssuerTrust(xml: Uint8Array, store: TrustStore, options?: MetadataIssuerTrustOptions): IssuerTrust;

/** Options of `verifySamlResponse`. */
export interface VerifySamlResponseOptions {
  /** This relying party's entity ID, which the audience restriction must name. */
  audience: string;
  /**
   * This relying party's assertion consumer service URL: the expected `Destination`
   * and bearer `Recipient`.
   */
  acs: string;
  /**
   * The ID of the AuthnRequest sent; only unsolicited responses are accepted when
   * absent.
   */
  requestId?: string;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
  /**
   * The profile: STORK and eIDAS raise the algorithm and key requirements whatever the
   * other arguments say. Default: `'generic'`.
   */
  profile?: SamlProfileName;
  /**
   * Which signatures are required: `any` (the Response or the Assertion), `response`,
   * `assertion` or `both`. Default: `'any'`.
   */
  signed?: SignedPartsName;
  /** Allowed clock difference, in seconds. Default: `180`. */
  skew?: number;
  /**
   * The relying party's replay cache: in memory, or (C, Python, CLI) shared by every
   * worker of the relying party on Redis or your own store; without one a replayed
   * assertion is not detected. A cache that cannot answer refuses the response
   * (`saml.replay_cache_unavailable`).
   */
  cache?: ReplayCache;
  /**
   * The relying party's decryption keys, for an `EncryptedAssertion`, `EncryptedID` or
   * `EncryptedAttribute`; without them encrypted content is refused
   * (`saml.encrypted_unsupported`). The recipient a message names only chooses among
   * them.
   */
  decryptKeys?: DecryptionKeys;
  /**
   * Accept AES-CBC and Triple-DES content encryption, which authenticate nothing (the
   * default of pysaml2 and samlify); the result's `decrypted` says what was used.
   * Default: `false`.
   */
  allowLegacyEncryption?: boolean;
}

/**
 * Verifies a SAML Response against the trust of the issuer it names and this relying
 * party's expectations, and returns only what a verified signature covered.
 * @param xml The Response (for the HTTP-POST form value, first `decode_post_binding`).
 * @param trust Which keys may sign for which issuer.
 * @throws {TrustmetaError} saml.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifySamlResponse(xml: Uint8Array, trust: IssuerTrust, options: VerifySamlResponseOptions): VerifiedSamlResponse;

/** Options of `decryptSamlAssertion`. */
export interface DecryptSamlAssertionOptions {
  /** Accept AES-CBC and Triple-DES content encryption. Default: `false`. */
  allowLegacyEncryption?: boolean;
}

/**
 * Decrypts the one `EncryptedAssertion` of a SAML Response and returns the assertion's
 * bytes WITHOUT checking any signature: it answers whether the keys decrypt the message
 * (as `xmlsec1 --decrypt` does), for setting a relying party up and for inspection.
 * Nothing it returns is verified; `verify_saml_response` with `decrypt_keys` is how a
 * response is consumed.
 * @param xml The Response.
 * @param keys The relying party's decryption keys.
 * @throws {TrustmetaError} xmlenc.*, saml.assertion_count or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function decryptSamlAssertion(xml: Uint8Array, keys: DecryptionKeys, options?: DecryptSamlAssertionOptions): UnverifiedAssertion;

/** Options of `verifySamlRequest`. */
export interface VerifySamlRequestOptions {
  /**
   * This endpoint's URL, which the request must name as its `Destination`; not
   * compared when absent.
   */
  destination?: string;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
  /**
   * The profile: STORK and eIDAS raise the algorithm and key requirements whatever the
   * other arguments say. Default: `'generic'`.
   */
  profile?: SamlProfileName;
  /** Allowed clock difference, in seconds. Default: `180`. */
  skew?: number;
  /** How old `IssueInstant` may be, in seconds. Default: `600`. */
  maxAge?: number;
}

/**
 * Verifies a signed SAML AuthnRequest: one signature, a child of the request, with one
 * Reference to its ID; the trust of the issuer it names; `Destination`; `IssueInstant`
 * no older than `max_age`; and the STORK or eIDAS extensions.
 * @param xml The AuthnRequest (for the HTTP-POST form value, first
 * `decode_post_binding`).
 * @param trust Which keys may sign for which issuer.
 * @throws {TrustmetaError} saml.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifySamlRequest(xml: Uint8Array, trust: IssuerTrust, options?: VerifySamlRequestOptions): VerifiedAuthnRequest;

/** Options of `verifySamlRequestRedirect`. */
export interface VerifySamlRequestRedirectOptions {
  /**
   * This endpoint's URL, which the request must name as its `Destination`; not
   * compared when absent.
   */
  destination?: string;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept SHA-1 signatures and digests (legacy documents). Default: `false`. */
  allowSha1?: boolean;
  /**
   * Accept a certificate path whose CRL is past its nextUpdate (revocation status then
   * unknown). Default: `false`.
   */
  allowStaleCrl?: boolean;
  /** The smallest RSA key accepted, in bits. Default: `2048`. */
  minRsaBits?: number;
  /**
   * The profile: STORK and eIDAS raise the algorithm and key requirements whatever the
   * other arguments say. Default: `'generic'`.
   */
  profile?: SamlProfileName;
  /** Allowed clock difference, in seconds. Default: `180`. */
  skew?: number;
  /** How old `IssueInstant` may be, in seconds. Default: `600`. */
  maxAge?: number;
}

/**
 * Verifies an AuthnRequest that came over the HTTP-Redirect binding: the query string's
 * signature, then the inflated request as `verify_saml_request` checks it, except that
 * an XML signature inside it is refused.
 * @param query The query string (with or without the leading `?`), still URL-encoded.
 * @param trust Which keys may sign for which issuer.
 * @throws {TrustmetaError} saml.binding, saml.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifySamlRequestRedirect(query: string, trust: IssuerTrust, options?: VerifySamlRequestRedirectOptions): VerifiedAuthnRequest;

/** Options of `decodePostBinding`. */
export interface DecodePostBindingOptions {
  /** The `RelayState` that came with it (at most 80 bytes). */
  relayState?: string;
}

/**
 * Decodes the HTTP-POST binding's `SAMLResponse` or `SAMLRequest` form value (base64,
 * line breaks allowed) into the message XML, and checks the `RelayState` that came with
 * it.
 * @param value The form value, URL-decoded.
 * @throws {TrustmetaError} saml.binding or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function decodePostBinding(value: Uint8Array | string, options?: DecodePostBindingOptions): Uint8Array;

/** Options of `verifyOcspResponse`. */
export interface VerifyOcspResponseOptions {
  /** The nonce sent in the request, which the response must then echo. */
  nonce?: Uint8Array;
  /** The verification time; the system clock when absent. */
  now?: Date;
  /** Accept a SHA-1 signature. Default: `false`. */
  allowSha1?: boolean;
  /**
   * Raise `ocsp.status_revoked` or `ocsp.status_unknown` unless the status is good.
   * Default: `true`.
   */
  requireGood?: boolean;
}

/**
 * Verifies a DER OCSP response about `cert`, issued by the CA `issuer`: signed by the CA
 * or a responder it authorised, about `cert`, current at `now` give or take five
 * minutes, echoing `nonce`.
 * @param response The DER `OCSPResponse` as received.
 * @param issuer The issuing CA's certificate, PEM or DER.
 * @param cert The certificate asked about, PEM or DER.
 * @throws {TrustmetaError} ocsp.* or a generic code
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function verifyOcspResponse(response: Uint8Array, issuer: Uint8Array | string, cert: Uint8Array | string, options?: VerifyOcspResponseOptions): VerifiedOcspResponse;
