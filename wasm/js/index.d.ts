// Type declarations of the npm package `trustmeta`.
import type { ErrorCode } from './error-codes.js';

export type { ErrorCode };

/**
 * Loads the WebAssembly module. In a browser, await it once before anything else; in
 * node the module is ready on import and this resolves at once. Later calls return the
 * same promise. By default the module is fetched from `trustmeta_wasm_bg.wasm` beside
 * the package's index.js.
 */
export declare function init(
  moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

/** The package version (the Rust workspace version it was built from). */
export declare function version(): string;

/**
 * Every error code, mapped to its number (1xx XML, 2xx signature structure, 3xx crypto,
 * 4xx PKI, 5xx time, then one hundred per family: 6xx SMP, 7xx EMREX, 8xx trusted lists,
 * 9xx OCSP, 10xx SAML, 11xx SAML metadata). Derived from the Rust core's table; codes are
 * added, never renamed or reused.
 */
export declare const errorCodes: Readonly<Record<ErrorCode, number>>;

/** Thrown by TrustStore and verify when trustmeta refuses something. */
export declare class TrustmetaError extends Error {
  readonly name: 'TrustmetaError';
  /** The stable code, e.g. `dsig.digest_mismatch`. */
  readonly code: ErrorCode;
  /** The code's number, as in `errorCodes`. */
  readonly number: number;
}

/**
 * What you trust: pinned certificates and keys, CA anchors, and untrusted intermediates
 * that may complete a path. A certificate in the document's KeyInfo never grants trust.
 */
export declare class TrustStore {
  /** An empty store; add to it with `addPem`. */
  constructor();
  /**
   * A store trusting every CERTIFICATE and PUBLIC KEY block of `pem`, or the single DER
   * certificate `pem` is when it is not PEM.
   * @throws {TrustmetaError} `pki.bad_pem`, `pki.bad_certificate`
   * @throws {TypeError} when `pem` is neither a string nor a Uint8Array
   */
  static fromPem(pem: string | Uint8Array): TrustStore;
  /** Trusts more certificates and keys (as `fromPem`); returns the store. */
  addPem(pem: string | Uint8Array): this;
  /** Adds certificates that may complete a path but are never trusted themselves. */
  addIntermediatesPem(pem: string | Uint8Array): this;
  /**
   * Trusts only the public key of each certificate in `pem` (pinned), ignoring the
   * certificates' validity: the SAML metadata interoperability profile's rule.
   * @throws {TrustmetaError} `pki.bad_pem` (no certificate), `pki.bad_certificate`
   */
  addKeysPem(pem: string | Uint8Array): this;
  /** Number of trusted certificates and keys (intermediates not counted). */
  readonly size: number;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/** How to verify. Every field is optional; the defaults are the safe ones. */
export interface VerifyOptions {
  /** The time certificates must be valid at. Default: the current time (reported back as `verifiedAt`). */
  now?: Date;
  /** Accept SHA-1 (legacy STORK/SMP data); the result then lists it in `legacyAlgorithms`. Default: false. */
  allowSha1?: boolean;
  /** Smallest RSA key accepted, in bits. Default: 2048. */
  minRsaBits?: number;
}

/** One verified Reference. */
export interface Reference {
  /** The URI as written: `""` or `#id`. */
  uri: string;
  /** Local name of the element it covers. */
  element: string;
  /** The digest algorithm URI. */
  digest: string;
  /** Its transforms, by short name (`enveloped-signature`, `exc-c14n`, …). */
  transforms: string[];
}

/** A certificate on the path from the signer to what the store trusts. */
export interface ChainCertificate {
  /** The subject distinguished name (RFC 4514). */
  subject: string;
  /** SHA-256 of the certificate's DER, lowercase hex. */
  sha256: string;
}

/** What a successful verification established. Only signed content is exposed. */
export interface VerifiedDocument {
  /** SHA-256 of the signer certificate's DER (lowercase hex); null for a pinned bare key. */
  signerSha256: string | null;
  /** The signer certificate's subject; null for a pinned bare key. */
  signerSubject: string | null;
  /** The signing key, e.g. `RSA-2048`, `EC P-256`, `Ed25519`. */
  signerKey: string;
  /** Whether the signer's certificate or key itself is in the store (rather than chaining to it). */
  pinned: boolean;
  /** The SignatureMethod URI. */
  signatureAlgorithm: string;
  /** The CanonicalizationMethod URI of SignedInfo. */
  canonicalization: string;
  /** What each Reference covered. */
  references: Reference[];
  /** Exclusive canonical XML of each signed element, in Reference order: exactly what was signed. */
  signedXml: string[];
  /** Legacy algorithms the options allowed and the signature used (`rsa-sha1`, `sha1`, …). */
  legacyAlgorithms: string[];
  /** The time the verification used (whole seconds). */
  verifiedAt: Date;
  /** The certificate path, signer first. */
  chain: ChainCertificate[];
}

/**
 * Verifies the one XML signature in `xml` against `store`.
 * @returns what was signed and by whom
 * @throws {TrustmetaError} with the reason's `code` when the document does not verify: an
 *   `xml.*` code for input that is not the XML accepted (`xml.malformed`, `xml.doctype_refused`,
 *   `xml.duplicate_attribute` for an attribute given twice in any spelling, two `xmlns`
 *   included, `xml.encoding_refused` for an encoding other than UTF-8, `xml.version_refused`
 *   for XML other than 1.0, `xml.tag_too_long`, …), `dsig.*`, `crypto.*`, `pki.*` or `time.*`
 * @throws {TypeError} when an argument has the wrong type (the message names it)
 */
export declare function verify(xml: Uint8Array, store: TrustStore, options?: VerifyOptions): VerifiedDocument;

/** The question an SMP record must answer, and how to verify it. */
export interface VerifySmpOptions extends VerifyOptions {
  /** The participant looked up, `scheme::value` (e.g. `iso6523-actorid-upis::0088:123`). */
  participant: string;
  /** The document type looked up, `scheme::value`. */
  document: string;
  /** The process needed, `scheme::value`; default: any. */
  process?: string;
  /** The transport profile spoken (e.g. `peppol-transport-as4-v2_0`); default: any. */
  transportProfile?: string;
  /**
   * Access-point anchors (e.g. the PEPPOL AP CA): each active endpoint's certificate is
   * checked against them (`certificateTrusted`, `certificateError`). verifySmp only.
   */
  apStore?: TrustStore;
}

/** An endpoint of a verified SMP record. */
export interface SmpEndpoint {
  /** The transport profile, e.g. `peppol-transport-as4-v2_0`. */
  transportProfile: string;
  /** The endpoint's address: where to send. */
  uri: string;
  /** SHA-256 (lowercase hex) of the published certificate; null when none is published. */
  certificateSha256: string | null;
  /** The activation date; null when the record gives none. */
  activation: Date | null;
  /** The expiration date; null when the record gives none. */
  expiration: Date | null;
  /** With `apStore`: whether the certificate chains to an access-point anchor; absent otherwise. */
  certificateTrusted?: boolean;
  /** With `apStore`: the error code when the certificate is not trusted, else null; absent otherwise. */
  certificateError?: string | null;
}

/** An endpoint that matches the question but was left out for its dates. */
export interface FilteredSmpEndpoint extends SmpEndpoint {
  /** Why: `expired` or `not_yet_active`. */
  reason: 'expired' | 'not_yet_active';
  /** A sentence with the date and the verification time. */
  message: string;
}

/** A signed redirect to another SMP: fetch `href` and verify its answer with the same question. */
export interface SmpRedirect {
  /** Where to ask instead. */
  href: string;
  /** SMP 1.x `CertificateUID`: subject DN (or serialNumber) of the target's signer; null if absent. */
  certificateUid: string | null;
  /** SMP 2.0: SHA-256 (lowercase hex) of each certificate the target's signer may have. */
  certificates: string[];
}

/** A verified SMP record that answers the question, with the signer fields of `VerifiedDocument`. */
export interface VerifiedServiceMetadata extends Omit<VerifiedDocument, 'signedXml'> {
  /** `peppol-busdox`, `bdxr-2014`, `oasis-smp-1.0` or `oasis-smp-2.0`. */
  version: string;
  /** The participant the record names; null for an SMP 1.x redirect. */
  participant: string | null;
  /** The document type the record names; null for an SMP 1.x redirect. */
  document: string | null;
  /** The endpoints that answer the question and are active at the verification time. */
  endpoints: SmpEndpoint[];
  /** Endpoints that match the question but are outside their dates. */
  filteredEndpoints: FilteredSmpEndpoint[];
  /** The redirect, when the record sends the caller to another SMP; else null. */
  redirect: SmpRedirect | null;
  /** Signatures below the document element (an eHealth owner signature): counted, not verified. */
  otherSignatures: number;
}

/**
 * Verifies a signed SMP ServiceMetadata record (OASIS SMP 1.0/2.0, PEPPOL busdox) as the
 * answer to the question in `options`.
 * @throws {TrustmetaError} `smp.participant_mismatch` / `smp.document_mismatch` for a replayed
 *   record, `smp.no_active_endpoint`, `smp.signature_profile` (also for a `ds:Object` in the
 *   signature), … or any verification code
 * @throws {TypeError} when an argument has the wrong type (the message names it)
 */
export declare function verifySmp(xml: Uint8Array, store: TrustStore, options: VerifySmpOptions): VerifiedServiceMetadata;

/**
 * Follows a redirect the caller fetched: verifies the redirecting record `first` (it must
 * give a redirect) and `target`, the record fetched from its href, for the question in
 * `options`, checking that the target's signer is the one the redirect names. Returns the
 * target's result.
 * @throws {TrustmetaError} `smp.redirect_signer_mismatch` when another certificate signed
 *   the target, `smp.double_redirect` when it redirects again, or as `verifySmp`
 * @throws {Error} (without `code`) when `first` verified but is not a redirect
 * @throws {TypeError} when an argument has the wrong type (the message names it)
 */
export declare function verifySmpRedirect(
  first: Uint8Array,
  target: Uint8Array,
  store: TrustStore,
  options: Omit<VerifySmpOptions, 'apStore'>,
): VerifiedServiceMetadata;

/** Options of `verifyServiceGroup`. */
export interface VerifyServiceGroupOptions {
  /** The participant looked up, `scheme::value`. */
  participant: string;
  /** Accept an unsigned group (it then proves nothing about who published it). Default: false. */
  allowUnsigned?: boolean;
  /** Verification time. Default: now. */
  now?: Date;
  /** Accept SHA-1. Default: false. */
  allowSha1?: boolean;
  /** Smallest RSA modulus accepted, in bits. Default: 2048. */
  minRsaBits?: number;
}

/** One entry of a ServiceGroup. */
export interface SmpServiceReference {
  /** The document type, `scheme::value`; null when the href names none. */
  document: string | null;
  /** SMP 1.x `ServiceMetadataReference href`; null in SMP 2.0. */
  href: string | null;
}

/** A verified SMP ServiceGroup. */
export interface VerifiedServiceGroup {
  /** `peppol-busdox`, `oasis-smp-1.0` or `oasis-smp-2.0`. */
  version: string;
  /** The participant (the one asked for). */
  participant: string;
  /** The participant's document types. */
  references: SmpServiceReference[];
  /** false for an unsigned group accepted with `allowUnsigned`. */
  signed: boolean;
  /** SHA-256 (lowercase hex) of the signer's certificate, or null. */
  signerSha256: string | null;
  /** Subject DN of the signer's certificate, or null. */
  signerSubject: string | null;
  /** Signatures below the document element: counted, not verified. */
  otherSignatures: number;
}

/**
 * Verifies an SMP ServiceGroup for `options.participant`.
 * @throws {TrustmetaError} `dsig.missing_signature` for an unsigned group without
 *   `allowUnsigned`, `smp.participant_mismatch`, … or any verification code
 * @throws {TypeError} when an argument has the wrong type (the message names it)
 */
export declare function verifyServiceGroup(xml: Uint8Array, store: TrustStore, options: VerifyServiceGroupOptions): VerifiedServiceGroup;

/** A verified signature inside an SMP record's `Extension` (the eHealth owner signature). */
export interface ExtensionSignature extends Omit<VerifiedDocument, 'signedXml'> {
  /** Local name of the element it covers: the parent of its `Extension` (`ServiceInformation`). */
  coveredElement: string;
}

/**
 * Verifies every signature inside an `Extension` of an SMP record (the eHealth owner
 * signature) over the element it covers, against the owners' anchors in `store`.
 * @throws {TrustmetaError} `dsig.missing_signature` when there is none, the failing
 *   signature's code (`dsig.digest_mismatch`, `pki.untrusted_signer`, …), `smp.signature_profile`
 * @throws {TypeError} when an argument has the wrong type (the message names it)
 */
export declare function verifySmpExtensionSignatures(xml: Uint8Array, store: TrustStore, options?: VerifyOptions): ExtensionSignature[];

/** Options of `smpName`. */
export interface SmpNameOptions {
  /** The PEPPOL SML CNAME (`B-` + MD5) instead of the BDXL NAPTR name. Default: false. */
  cname?: boolean;
}

/**
 * The DNS name under which an SML/BDXL publishes `participant`'s SMP in `zone`.
 * @throws {TrustmetaError} `smp.bad_identifier`
 */
export declare function smpName(participant: string, zone: string, options?: SmpNameOptions): string;

/** One National Contact Point (an EMP in newer lists) of an EMREG list. */
export interface Ncp {
  /** The name `verifyElmo` takes as `ncp`. */
  readonly acronym: string;
  /** `countryCode` as written. */
  readonly countryCode: string;
  /** The institutions it serves, in list order. */
  readonly institutions: readonly string[];
  /** Where to send the learner (empty when the list gives none). */
  readonly url: string;
  /** The `pubKey` as the list gives it (normally a PEM certificate). */
  readonly pubKey: string;
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

/** One entry to offer a learner of a country. */
export interface NcpChoice {
  /** The NCP to send the learner to, whose certificate the result must carry. */
  ncp: Ncp;
  /** For a `singleFetch` country the institution this entry stands for, otherwise the NCP's first; null when none. */
  institution: string | null;
}

/**
 * A parsed EMREG registry list (EMREX). Nothing in it is signed: fetch it from the
 * registry over an authenticated channel.
 */
export declare class Emreg {
  private constructor();
  /**
   * Parses an EMREG list (JSON, `ncps` or `emps`).
   * @throws {TrustmetaError} `emrex.json_malformed`, `emrex.json_limit`, `emrex.emreg_malformed`
   * @throws {TypeError} when `data` is not a Uint8Array
   */
  static parse(data: Uint8Array): Emreg;
  /** The NCPs, in list order. */
  readonly ncps: Ncp[];
  /** The countries, in list order. */
  readonly countries: Country[];
  /** Whether the NCPs came from the newer `emps` member. */
  readonly emps: boolean;
  /** How many `null` entries were skipped. */
  readonly skippedNulls: number;
  /**
   * The NCP called `acronym` (case-sensitive).
   * @throws {TrustmetaError} `emrex.ncp_not_found`
   */
  ncp(acronym: string): Ncp;
  /** Country `code` (any case), or null when not listed. */
  country(code: string): Country | null;
  /** The NCPs of country `code` (any case). */
  ncpsOfCountry(code: string): Ncp[];
  /** What to offer a learner of country `code`: one entry per institution for a `singleFetch` country, otherwise one per NCP. */
  choices(code: string): NcpChoice[];
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/** Options of `verifyElmo`. */
export interface VerifyElmoOptions extends VerifyOptions {
  /** The acronym of the NCP the learner was sent to. */
  ncp: string;
}

/** The learner a verified ELMO file is about. */
export interface Learner {
  givenNames: string;
  familyName: string;
  /** `bday` as written (the format differs between NCPs); null when absent. */
  birthDate: string | null;
  citizenship: string | null;
}

/** A verified ELMO result file. */
export interface VerifiedElmo extends Omit<VerifiedDocument, 'signedXml'> {
  /** The ELMO namespace (`https://github.com/emrex-eu/elmo-schemas/tree/v1` or the 1.0-era `http://purl.org/net/elmo`). */
  namespace: string;
  /** The learner to match against the person who started the EMREX session. */
  learner: Learner;
  /** Every distinct learner identity the file gives, `learner` first. */
  learners: Learner[];
  /** How many `report` elements (one per issuing institution). */
  reports: number;
  /** Signatures inside the content (a Diploma Supplement's): counted, never checked. */
  nestedSignatures: number;
}

/**
 * Verifies an ELMO file against the certificate `emreg` gives for NCP `options.ncp`,
 * under the EMREX profile.
 * @throws {TrustmetaError} `emrex.ncp_not_found`, `emrex.signature_profile`, `emrex.missing_learner`, … or as `verify`
 */
export declare function verifyElmo(xml: Uint8Array, emreg: Emreg, options: VerifyElmoOptions): VerifiedElmo;

/** Options of `decodeElmoField`. */
export interface DecodeElmoFieldOptions {
  /** The cap on the decoded size, checked while inflating. Default: 16 MiB. */
  maxElmoBytes?: number;
}

/**
 * Decodes the `elmo` form field (base64, then gunzip when gzip) into the ELMO XML bytes.
 * @throws {TrustmetaError} `emrex.bad_base64`, `emrex.gzip_malformed`, `emrex.decompressed_too_large`
 */
export declare function decodeElmoField(field: Uint8Array | string, options?: DecodeElmoFieldOptions): Uint8Array;

/**
 * Reads the `returnCode` form field (`NCP_*` or `EMP_*`).
 * @throws {TrustmetaError} `emrex.bad_return_code`
 */
export declare function parseReturnCode(value: string): 'OK' | 'NO_RESULTS' | 'CANCEL' | 'ERROR';

/** A text with its `xml:lang` (empty when the list gives none). */
export interface LangString {
  lang: string;
  text: string;
}

/** One `OtherTSLPointer`: where another trusted list is and who may sign it. */
export interface TslPointer {
  /** `TSLLocation`: where to fetch the other list. */
  readonly location: string;
  /** The other list's `SchemeTerritory`, or null when the pointer does not say. */
  readonly territory: string | null;
  /** The other list's `MimeType` (`application/vnd.etsi.tsl+xml`, `application/pdf`), or null. */
  readonly mimeType: string | null;
  /** The certificates allowed to sign the other list, DER (`TrustStore.fromPem` takes DER too). */
  readonly certificates: readonly Uint8Array[];
}

/** One `TSPService` with its current `ServiceInformation`. */
export interface TslService {
  /** The first `TSPName` of its provider (`NCP-A`/`NCP-B` in OpenNCP lists). */
  readonly provider: string;
  /** `ServiceTypeIdentifier` URI. */
  readonly typeIdentifier: string;
  /** The first `ServiceName`. */
  readonly name: string;
  readonly names: readonly Readonly<LangString>[];
  /** `ServiceStatus` URI; a withdrawn or revoked service is listed but must not be relied on. */
  readonly status: string;
  /** `StatusStartingTime` (converted to UTC from the offset it was written with). */
  readonly statusStartingTime: Date;
  readonly supplyPoints: readonly string[];
  /** The `X509Certificate` digital identities, DER, in order (OpenNCP `NCP` service: TLS, then signature). */
  readonly certificates: readonly Uint8Array[];
  /** How many `ServiceHistoryInstance` entries follow (not interpreted). */
  readonly historyEntries: number;
}

/** One `TrustServiceProvider`. */
export interface TslProvider {
  /** The first `TSPName`. */
  readonly name: string;
  readonly names: readonly Readonly<LangString>[];
  readonly tradeNames: readonly Readonly<LangString>[];
  readonly services: readonly TslService[];
}

/** A service of an OpenNCP NCP configuration list with its face and role. */
export interface OpenNcpService {
  readonly face: 'NCP-A' | 'NCP-B';
  readonly role:
    | 'VPNGateway'
    | 'NCP'
    | 'PatientIdentificationService'
    | 'PatientService'
    | 'OrderService'
    | 'DispensationService'
    | 'ConsentService'
    | 'IdP';
  /** The same object as in `services`. */
  readonly service: TslService;
}

/** The OpenNCP view of an NCP configuration list (`Id="NCPConfiguration-CC"`). */
export interface OpenNcpList {
  /** The country of the list's `Id`. */
  readonly country: string;
  readonly services: readonly OpenNcpService[];
  /** Services of NCP-A/NCP-B whose type is not an OpenNCP one. */
  readonly unknownServices: number;
}

/** A verified ETSI trusted list (frozen). */
export interface VerifiedTsl extends Readonly<Omit<VerifiedDocument, 'signedXml'>> {
  /** The list's `Id` attribute, or null. */
  readonly id: string | null;
  /** The list's `TSLTag` attribute, or null. */
  readonly tag: string | null;
  /** `SchemeTerritory`: a country code, or `EU` for the list of lists. */
  readonly territory: string;
  /** `TSLVersionIdentifier`. */
  readonly version: number;
  /** `TSLSequenceNumber`: a lower one than a list already seen is an older list. */
  readonly sequenceNumber: number;
  /** `TSLType` URI. */
  readonly tslType: string;
  readonly operatorNames: readonly Readonly<LangString>[];
  readonly operatorElectronicAddresses: readonly string[];
  readonly schemeNames: readonly Readonly<LangString>[];
  /** `ListIssueDateTime`. */
  readonly issued: Date;
  /** `NextUpdate`: fetch the list again before then. */
  readonly nextUpdate: Date | null;
  /** The signed XAdES `SigningTime`, or null. */
  readonly signingTime: Date | null;
  readonly pointers: readonly TslPointer[];
  readonly providers: readonly TslProvider[];
  /** Every service of every provider, in document order. */
  readonly services: readonly TslService[];
  /** The OpenNCP view, or null when the list is not an NCP configuration list. */
  readonly openncp: OpenNcpList | null;
}

/**
 * Verifies a signed ETSI trusted list against `store` under the trusted-list XAdES profile.
 * @throws {TrustmetaError} `tsl.unknown_document`, `tsl.signature_profile`, `tsl.signing_certificate_mismatch`, `tsl.expired`, `tsl.malformed`, or as `verify`
 */
export declare function verifyTsl(xml: Uint8Array, store: TrustStore, options?: VerifyOptions): VerifiedTsl;

/** Options of `toSmp`. */
export interface ToSmpOptions extends VerifyOptions {
  /** The SMP vocabulary. Default: `'oasis-smp1'` (OASIS SMP 1.0). */
  format?: 'oasis-smp1' | 'busdox';
}

/** One unsigned SMP ServiceMetadata document written by `toSmp`. */
export interface SmpRecord {
  /** The stylesheet's file name, e.g. `Patient_Service_AT.xml`. */
  readonly fileName: string;
  /** The participant identifier value (scheme `ehealth-actorid-qns`). */
  readonly participant: string;
  /** The document identifier value (scheme `ehealth-resid-qns`). */
  readonly document: string;
  /** The process identifier value (scheme `ehealth-procid-qns`). */
  readonly process: string;
  /** How many endpoints the record has. */
  readonly endpoints: number;
  /** The document, ready for the SMP to sign. */
  readonly xml: string;
}

/**
 * Verifies an OpenNCP NCP configuration list as `verifyTsl` does, then maps it to unsigned
 * SMP records (all or none).
 * @throws {TrustmetaError} `tsl.not_openncp`, `tsl.malformed`, or as `verifyTsl`
 */
export declare function toSmp(xml: Uint8Array, store: TrustStore, options?: ToSmpOptions): readonly SmpRecord[];

/** Options of `verifyOcspResponse`. */
export interface OcspOptions {
  /** The nonce sent in the request: the response must echo it. Default: none, not checked. */
  nonce?: Uint8Array;
  /** The time the response must be current at. Default: the current time. */
  now?: Date;
  /** Accept a response signed with SHA-1 (legacy responders). Default: false. */
  allowSha1?: boolean;
  /** Throw `ocsp.status_revoked` / `ocsp.status_unknown` unless the response says good. Default: true. */
  requireGood?: boolean;
}

/** A verified OCSP response about one certificate. */
export interface VerifiedOcspResponse {
  /** What the responder says. */
  readonly status: 'good' | 'revoked' | 'unknown';
  /** When the status was known to be correct. */
  readonly thisUpdate: Date;
  /** When newer information will be available, or null. */
  readonly nextUpdate: Date | null;
  /** For `revoked`: when; else null. */
  readonly revocationTime: Date | null;
  /** For `revoked`: the RFC 5280 reason name (`keyCompromise`), or null. */
  readonly revocationReason: string | null;
  /** The certificate that signed: the CA, or a delegated responder. */
  readonly responder: { readonly subject: string; readonly sha256: string };
  /** Whether a delegated responder signed, not the CA itself. */
  readonly delegated: boolean;
  /** The response signature's algorithm, e.g. `rsa-sha256`. */
  readonly signatureAlgorithm: string;
  /** The hash of the matching CertID: `sha1` or `sha256`. */
  readonly certIdHash: string;
  /** The time used. */
  readonly verifiedAt: Date;
}

/**
 * Verifies a DER OCSP response (RFC 6960) about `cert`, issued by the CA `issuer` (each a
 * PEM string or PEM/DER bytes).
 * @throws {TrustmetaError} `ocsp.status_revoked`, `ocsp.status_unknown` (unless `requireGood: false`), `ocsp.stale`, `ocsp.not_yet_valid`, `ocsp.nonce_mismatch`, `ocsp.cert_id_mismatch`, `ocsp.responder_not_authorized`, `ocsp.malformed`, `crypto.bad_signature`, …
 */
export declare function verifyOcspResponse(response: Uint8Array, issuer: string | Uint8Array, cert: string | Uint8Array, options?: OcspOptions): VerifiedOcspResponse;

/** Which keys may sign for which SAML issuer. Stores are copied when added. */
export declare class IssuerTrust {
  /** No issuer trusted yet; add stores with `add`. */
  constructor();
  /** Trust that uses `store` for every issuer. */
  static anyIssuer(store: TrustStore): IssuerTrust;
  /**
   * Verifies SAML metadata against `store` (as `verifyMetadata`, in memory) and trusts the
   * signing keys of each entity's `options.role` descriptors (default `'IDPSSODescriptor'`)
   * for its entityID, pinned (the SAML metadata interoperability profile's rule).
   * @throws {TrustmetaError} as `verifyMetadata`; `metadata.malformed` for a signing certificate that is not base64
   * @throws {TypeError} when an argument or option is of the wrong type or unknown
   */
  static fromMetadata(xml: Uint8Array, store: TrustStore, options?: IssuerTrustFromMetadataOptions): IssuerTrust;
  /** Trusts `store` for messages whose Issuer is `entityId` (compared exactly); returns the trust. */
  add(entityId: string, store: TrustStore): this;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/** The IDs of accepted SAML assertions, until they expire: keep one per relying party. */
export declare class ReplayCache {
  /** A cache holding at most `capacity` unexpired assertion IDs. */
  constructor(capacity: number);
  /** How many assertion IDs the cache holds. */
  readonly size: number;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/** The SAML profile a message is verified under. */
export type SamlProfile = 'generic' | 'stork' | 'eidas';

/** Options of verifySamlResponse. */
export interface VerifySamlResponseOptions extends VerifyOptions {
  /** This relying party's entity ID: the audience the assertion must allow. */
  audience: string;
  /** This relying party's assertion consumer service URL: the Destination and bearer Recipient. */
  acs: string;
  /** The ID of the AuthnRequest sent; absent: only unsolicited responses are accepted. */
  requestId?: string;
  /** Default: `'generic'`. `'eidas'` raises the algorithm and key requirements. */
  profile?: SamlProfile;
  /** Which signatures are required. Default: `'any'` (the Response or the Assertion). */
  signed?: 'any' | 'response' | 'assertion' | 'both';
  /** Allowed clock difference, in seconds. Default: 180. */
  skew?: number;
  /** The relying party's replay cache; absent: a replay is not detected. */
  cache?: ReplayCache;
}

/** One Attribute of a verified assertion. */
export interface SamlAttribute {
  readonly name: string;
  readonly nameFormat: string | null;
  readonly friendlyName: string | null;
  /** Each AttributeValue's text. */
  readonly values: readonly string[];
  /** STORK's AttributeStatus. */
  readonly status: 'Available' | 'NotAvailable' | 'Withheld' | null;
}

/** The signer fields of one verified signature. */
export type SamlSignature = Readonly<Omit<VerifiedDocument, 'signedXml'>>;

/** A verified SAML response and its one assertion (frozen). */
export interface VerifiedSamlResponse {
  /** The Response ID. */
  readonly id: string;
  readonly issuer: string;
  readonly inResponseTo: string | null;
  readonly destination: string | null;
  /** The assertion's ID (what the replay cache records). */
  readonly assertionId: string;
  readonly issueInstant: Date;
  readonly nameId: string | null;
  readonly nameIdFormat: string | null;
  readonly attributes: readonly SamlAttribute[];
  /** The first AuthnContextClassRef (the eIDAS level of assurance). */
  readonly loa: string | null;
  /** STORK's QualityAuthenticationAssuranceLevel (1–4). */
  readonly storkQaa: number | null;
  readonly sessionIndex: string | null;
  readonly notBefore: Date | null;
  readonly notOnOrAfter: Date | null;
  readonly audiences: readonly string[];
  readonly oneTimeUse: boolean;
  /** Which signatures covered the assertion. */
  readonly signedBy: 'response' | 'assertion' | 'both';
  /** The verified signatures, the Response's first. */
  readonly signatures: readonly SamlSignature[];
}

/**
 * Verifies a SAML 2.0 Response against the issuer's trust and the relying party's
 * expectations, consulting `cache` last.
 * @throws {TrustmetaError} `saml.replay`; `saml.audience_missing` for a bearer assertion
 *   without Conditions holding an AudienceRestriction; `saml.invalid_time_window` when
 *   NotBefore is not before NotOnOrAfter; `saml.unknown_condition`; `saml.issuer_format` for
 *   an Issuer Format other than the entity format; `saml.malformed` (a time without a zone,
 *   …); `saml.signature_profile` (also for a `ds:Object` in a signature); another `saml.*`
 *   code; or as `verify`
 * @throws {TypeError} when an argument or option is of the wrong type or unknown
 */
export declare function verifySamlResponse(xml: Uint8Array, trust: IssuerTrust, options: VerifySamlResponseOptions): VerifiedSamlResponse;

/** Options of verifySamlRequest and verifySamlRequestRedirect. */
export interface VerifySamlRequestOptions extends VerifyOptions {
  /** This endpoint's URL, which the request must name as its Destination; absent: not compared. */
  destination?: string;
  /** Default: `'generic'`. */
  profile?: SamlProfile;
  /** Allowed clock difference, in seconds. Default: 180. */
  skew?: number;
  /** How old IssueInstant may be, in seconds. Default: 600. */
  maxAge?: number;
}

/** An attribute an AuthnRequest asks for. */
export interface SamlRequestedAttribute {
  readonly name: string;
  readonly friendlyName: string | null;
  readonly required: boolean;
  readonly values: readonly string[];
}

/** A verified SAML AuthnRequest (frozen). */
export interface VerifiedAuthnRequest {
  readonly id: string;
  readonly issuer: string | null;
  readonly issueInstant: Date;
  readonly destination: string | null;
  readonly acsUrl: string | null;
  readonly forceAuthn: boolean;
  readonly isPassive: boolean;
  readonly providerName: string | null;
  readonly nameIdFormat: string | null;
  readonly spType: 'public' | 'private' | null;
  readonly requestedLoa: readonly string[];
  readonly loaComparison: string | null;
  readonly requestedAttributes: readonly SamlRequestedAttribute[];
  readonly storkQaa: number | null;
  readonly storkSpSector: string | null;
  readonly storkSpInstitution: string | null;
  readonly storkSpApplication: string | null;
  readonly storkSpCountry: string | null;
  readonly storkCitizenCountry: string | null;
  /** The RelayState of a Redirect-bound request. */
  readonly relayState: string | null;
  /** The SigAlg URI of the Redirect binding's query signature. */
  readonly redirectSignatureAlgorithm: string | null;
  /** The XML signature; null for the Redirect binding. */
  readonly signature: SamlSignature | null;
}

/**
 * Verifies a signed SAML AuthnRequest under the profile.
 * @throws {TrustmetaError} `saml.*`, or as `verify`
 */
export declare function verifySamlRequest(xml: Uint8Array, trust: IssuerTrust, options?: VerifySamlRequestOptions): VerifiedAuthnRequest;

/**
 * Verifies an AuthnRequest from the HTTP-Redirect binding's query string (still URL-encoded).
 * @throws {TrustmetaError} `saml.binding`, `crypto.bad_signature`, `saml.*`, or as `verify`
 */
export declare function verifySamlRequestRedirect(query: string, trust: IssuerTrust, options?: VerifySamlRequestOptions): VerifiedAuthnRequest;

/**
 * Decodes the HTTP-POST binding's form value (base64) into the message XML bytes.
 * @throws {TrustmetaError} `saml.binding`
 */
export declare function decodePostBinding(value: Uint8Array | string, relayState?: string): Uint8Array;

/** The profile SAML metadata is checked against beyond its signature. */
export type MetadataProfile = 'generic' | 'etoegang';

/** Options of verifyMetadata and MetadataStreamVerifier. */
export interface VerifyMetadataOptions extends VerifyOptions {
  /**
   * Default: `'generic'` (signature, validUntil, cacheDuration). `'etoegang'` also requires
   * an aggregate named `urn:etoegang:<version>:metadata:<P|A>:<sequence>` with a
   * cacheDuration, `mdrpi:PublicationInfo` and the five role groups.
   */
  profile?: MetadataProfile;
}

/** Options of IssuerTrust.fromMetadata. */
export interface IssuerTrustFromMetadataOptions extends VerifyMetadataOptions {
  /** Whose signing keys to trust. Default: `'IDPSSODescriptor'` (identity providers). */
  role?: 'IDPSSODescriptor' | 'SPSSODescriptor' | 'AttributeAuthorityDescriptor';
}

/** The parsed Name of an eToegang aggregate. */
export interface EtoegangName {
  /** The specification version, e.g. `1.13`. */
  readonly version: string;
  /** `P` (production) or `A` (acceptance). */
  readonly environment: 'P' | 'A';
  /** The publication sequence number: a newer aggregate has a higher one. */
  readonly sequence: number;
}

/** Verified SAML metadata (frozen), with the signer fields of `VerifiedDocument`. */
export interface VerifiedMetadata extends Readonly<Omit<VerifiedDocument, 'signedXml'>> {
  /** `EntitiesDescriptor` (an aggregate) or `EntityDescriptor`. */
  readonly root: 'EntitiesDescriptor' | 'EntityDescriptor';
  /** The document element's ID, or null. */
  readonly id: string | null;
  /** The aggregate's Name, or null. */
  readonly name: string | null;
  /** The entityID of a single EntityDescriptor, or null. */
  readonly entityId: string | null;
  /** validUntil, or null. */
  readonly validUntil: Date | null;
  /** cacheDuration, months and seconds kept apart (months have no fixed length), or null. */
  readonly cacheDuration: { readonly months: number; readonly seconds: number } | null;
  /** When to fetch and verify again: the earlier of validUntil and `verifiedAt` + cacheDuration; null when neither is given. */
  readonly expires: Date | null;
  /** `mdrpi:PublicationInfo` publisher of the document element, or null. */
  readonly publisher: string | null;
  /** `mdrpi:PublicationInfo` creationInstant of the document element, or null. */
  readonly creationInstant: Date | null;
  /** EntityDescriptor elements at any depth. */
  readonly entities: number;
  /** The Names of the EntitiesDescriptor children of the document element, in order. */
  readonly groups: readonly string[];
  /** The eToegang reading of Name, when it has that form; else null. */
  readonly etoegang: EtoegangName | null;
  /** Whether the streaming path verified it (above 4 MiB, or a MetadataStreamVerifier). */
  readonly streamed: boolean;
  /** Signatures on inner elements (entities): counted, not checked. */
  readonly nestedSignatures: number;
  /**
   * Every entity of the verified document, in document order: `[entityId, group]`
   * (`group` the Name of the enclosing EntitiesDescriptor below the document element, or
   * null), as the verifying parser met them — so never an EntityDescriptor inside a
   * comment, a CDATA section or a `ds:Signature`. Also after a `MetadataStreamVerifier`.
   */
  entityIds(): readonly (readonly [entityId: string, group: string | null])[];
  /**
   * Reads the entity `entityId` (compared exactly, after XML unescaping) from the private
   * copy of the verified bytes this result keeps: only that entity's EntityDescriptor is
   * parsed, and nothing you pass in is read.
   * @returns the entity, or null when no entity carries `entityId`
   * @throws {TrustmetaError} `metadata.not_held` for the result of a `MetadataStreamVerifier`,
   *   which does not keep the document; `metadata.malformed` when two entities carry `entityId`
   * @throws {TypeError} when `entityId` is not a string
   */
  findEntity(entityId: string): MetadataEntity | null;
}

/**
 * Verifies signed SAML metadata (an aggregate or one entity) against `store`; above 4 MiB
 * it is streamed through verification. The result keeps a private copy of the verified
 * bytes for `findEntity` (as long as the result is reachable).
 * @throws {TrustmetaError} `metadata.expired`, `metadata.profile`, `metadata.unknown_document`,
 *   `metadata.malformed`, `dsig.malformed` (signature not the first child),
 *   `dsig.object_refused` (a `ds:Object` in the signature), or as `verify`
 * @throws {TypeError} when an argument or option is of the wrong type or unknown
 */
export declare function verifyMetadata(xml: Uint8Array, store: TrustStore, options?: VerifyMetadataOptions): VerifiedMetadata;

/**
 * Verifies SAML metadata fed in pieces (a `fetch` body, a file read stream) with memory
 * that does not grow with the document. Spent after the first refusal, `finish` or `free`.
 */
export declare class MetadataStreamVerifier {
  /** A verifier trusting (a copy of) `store`. */
  constructor(store: TrustStore, options?: VerifyMetadataOptions);
  /**
   * Reads the next bytes (any size, any split); returns the verifier.
   * @throws {TrustmetaError} the first refusal found so far
   * @throws {Error} (without `code`) when the verifier is spent
   */
  feed(chunk: Uint8Array): this;
  /**
   * Ends the document and returns what `verifyMetadata` would (`streamed: true`), except
   * that the document was never held: `entityIds()` lists the entities, `findEntity()`
   * throws `metadata.not_held`.
   * @throws {TrustmetaError} as `verifyMetadata`
   * @throws {Error} (without `code`) when the verifier is spent
   */
  finish(): VerifiedMetadata;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/** An eToegang role, by the network's abbreviation. */
export type EtoegangRole = 'AD' | 'MR' | 'KR' | 'EB' | 'HM' | 'DV';

/** A protocol endpoint of one of an entity's roles. */
export interface MetadataEndpoint {
  /** The role descriptor holding it, e.g. `IDPSSODescriptor`. */
  readonly role: string;
  /** The endpoint element, e.g. `SingleSignOnService`, `AssertionConsumerService`. */
  readonly kind: string;
  /** The Binding URI. */
  readonly binding: string;
  /** The Location URL. */
  readonly location: string;
  /** `index` of an indexed endpoint, or null. */
  readonly index: number | null;
}

/** What one EntityDescriptor of verified metadata says (frozen). */
export interface MetadataEntity {
  readonly entityId: string;
  /** Its role descriptors (`IDPSSODescriptor`, `SPSSODescriptor`, `AttributeAuthorityDescriptor`, …), in order, once each. */
  readonly roles: readonly string[];
  /** DER certificates of KeyDescriptors with `use="signing"` or no `use`. */
  readonly signingCertificates: readonly Uint8Array[];
  /** DER certificates of KeyDescriptors with `use="encryption"` or no `use`. */
  readonly encryptionCertificates: readonly Uint8Array[];
  readonly endpoints: readonly MetadataEndpoint[];
  /** `mdui:DisplayName` values with their `xml:lang`. */
  readonly displayNames: readonly Readonly<LangString>[];
  /** `http://macedir.org/entity-category` values. */
  readonly entityCategories: readonly string[];
  /** The first OrganizationName, or null. */
  readonly organizationName: string | null;
  /** ContactPerson EmailAddress values, as written (usually `mailto:…`). */
  readonly contactEmails: readonly string[];
  /** Name of the enclosing EntitiesDescriptor (not the document element), or null. */
  readonly group: string | null;
  /** The eToegang role its group gives it (`urn:etoegang:role:…`), or null. */
  readonly etoegangRole: EtoegangRole | null;
  /**
   * The roles it may be treated as when a message is validated: its own, and for the
   * eIDAS-berichtenservice (`EB`) also `AD` and `MR`; empty outside an eToegang role group.
   */
  readonly actsAs: readonly EtoegangRole[];
  /** Whether it may be offered to users choosing an authentication service (only `AD`). */
  readonly offeredForAdSelection: boolean;
}
