//! Status codes: `TM_OK`, a few statuses of the C API itself, and one status per core
//! [`trustmeta::ErrorCode`] with the same number and name. The tests at the bottom walk
//! `ErrorCode::ALL` and the committed header, so neither can drift from the core's table.

use std::collections::BTreeMap;
use std::ffi::{c_char, c_int, CStr, CString};
use std::sync::OnceLock;

use trustmeta::ErrorCode;

use crate::guard;

/// ==== Status codes ======================================================================
///
/// Every function that can fail returns a `tm_status`; `TM_OK` (0) is success. The values
/// are pinned and never reused: `1`-`99` are statuses of the C API itself (a misused
/// argument, a caught internal error), and each verification failure has its own status
/// whose value is the stable number of trustmeta's error code and whose name is that code
/// upper-cased (`xml.doctype_refused` is `TM_XML_DOCTYPE_REFUSED` = 103). The hundreds
/// group them by layer: 1xx XML, 2xx signature structure, 3xx cryptography, 4xx trust,
/// 5xx time, 6xx SMP service metadata, 7xx EMREX, 8xx ETSI trusted lists, 9xx OCSP, 10xx SAML, 11xx metadata. The same dotted codes are used by trustmeta's
/// command line (`--json`), Python and JavaScript APIs; tm_error_code_name() maps a
/// status to its dotted code.
///
/// New statuses may be added in later versions, so a `switch` over `tm_status` needs a
/// `default:` branch.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tm_status {
    /// Success.
    TM_OK = 0,

    /// ---- C API statuses (1-99) -----------------------------------------------------
    /// The call was misused, nothing was verified.
    ///
    /// A required pointer argument was NULL. Code `api.null_pointer`.
    TM_NULL_POINTER = 1,
    /// An argument is unusable: a handle that was already freed or is of another kind, a
    /// length that no object can have, a clock before 1970. Code `api.invalid_argument`.
    TM_INVALID_ARGUMENT = 2,
    /// A bug in trustmeta was caught at the boundary (a Rust panic); nothing crossed into
    /// the caller's stack. Please report it with the input. Code `api.internal_panic`.
    TM_INTERNAL_PANIC = 3,
    /// The core reported an error code newer than this library's status list (cannot
    /// happen in a consistent build; tests guard it). tm_error_code() still gives the
    /// dotted code. Code `api.unknown_error`.
    TM_UNKNOWN_ERROR = 99,

    /// ---- XML reading (1xx) ---------------------------------------------------------
    /// The input is not well-formed, or hit a limit or refusal of the policy.
    ///
    /// The input is not UTF-8 (after an optional byte-order mark).
    ///
    /// Code `xml.not_utf8`.
    TM_XML_NOT_UTF8 = 101,
    /// The input is larger than the policy's input size limit.
    ///
    /// Code `xml.input_too_large`.
    TM_XML_INPUT_TOO_LARGE = 102,
    /// A `<!DOCTYPE` declaration was found: DOCTYPEs are refused (no entities, no external
    /// anything).
    ///
    /// Code `xml.doctype_refused`.
    TM_XML_DOCTYPE_REFUSED = 103,
    /// Elements nest deeper than the policy's depth limit.
    ///
    /// Code `xml.depth_limit`.
    TM_XML_DEPTH_LIMIT = 104,
    /// An element has more attributes than the policy's limit.
    ///
    /// Code `xml.attribute_limit`.
    TM_XML_ATTRIBUTE_LIMIT = 105,
    /// A name is longer than the policy's limit.
    ///
    /// Code `xml.name_too_long`.
    TM_XML_NAME_TOO_LONG = 106,
    /// A text node or attribute value is longer than the policy's limit.
    ///
    /// Code `xml.text_too_long`.
    TM_XML_TEXT_TOO_LONG = 107,
    /// The document has more nodes than the policy's limit.
    ///
    /// Code `xml.node_limit`.
    TM_XML_NODE_LIMIT = 108,
    /// The document is not well-formed XML (or not namespace-well-formed).
    ///
    /// Code `xml.malformed`.
    TM_XML_MALFORMED = 109,
    /// Two elements carry the same ID value.
    ///
    /// Code `xml.duplicate_id`.
    TM_XML_DUPLICATE_ID = 110,
    /// An entity reference needs a DTD, which is refused.
    ///
    /// Code `xml.entity_refused`.
    TM_XML_ENTITY_REFUSED = 111,
    /// An attribute is given twice on one element, in any spelling (two `xmlns`, two
    /// prefixes bound to one namespace): refused as not well-formed, as libxml2 does.
    ///
    /// Code `xml.duplicate_attribute`.
    TM_XML_DUPLICATE_ATTRIBUTE = 112,
    /// The XML declaration names an encoding other than UTF-8.
    ///
    /// Code `xml.encoding_refused`.
    TM_XML_ENCODING_REFUSED = 113,
    /// The XML declaration names a version other than 1.0.
    ///
    /// Code `xml.version_refused`.
    TM_XML_VERSION_REFUSED = 114,
    /// A start tag is longer than the policy's limits allow.
    ///
    /// Code `xml.tag_too_long`.
    TM_XML_TAG_TOO_LONG = 115,
    /// ---- Signature structure (2xx) -------------------------------------------------
    /// References, transforms, canonicalization, digests.
    ///
    /// No `ds:Signature` element was found.
    ///
    /// Code `dsig.missing_signature`.
    TM_DSIG_MISSING_SIGNATURE = 201,
    /// More signatures than the profile accepts.
    ///
    /// Code `dsig.too_many_signatures`.
    TM_DSIG_TOO_MANY_SIGNATURES = 202,
    /// A required element of the signature is missing or misplaced.
    ///
    /// Code `dsig.malformed`.
    TM_DSIG_MALFORMED = 203,
    /// A base64 value (SignatureValue, DigestValue, X509Certificate) does not decode.
    ///
    /// Code `dsig.bad_base64`.
    TM_DSIG_BAD_BASE64 = 204,
    /// A Reference URI that is not same-document (`""`, `#id`, `#xpointer(/)`,
    /// `#xpointer(id('...'))`).
    ///
    /// Code `dsig.unsupported_reference_uri`.
    TM_DSIG_UNSUPPORTED_REFERENCE_URI = 205,
    /// A Reference points to an ID that no element carries.
    ///
    /// Code `dsig.reference_not_found`.
    TM_DSIG_REFERENCE_NOT_FOUND = 206,
    /// A transform outside the allowlist (XPath, XSLT, base64, ...) or in an unsupported order.
    ///
    /// Code `dsig.unsupported_transform`.
    TM_DSIG_UNSUPPORTED_TRANSFORM = 207,
    /// A canonicalization method outside C14N 1.0, C14N 1.1 and Exclusive C14N.
    ///
    /// Code `dsig.unsupported_canonicalization`.
    TM_DSIG_UNSUPPORTED_CANONICALIZATION = 208,
    /// A digest method outside SHA-1/SHA-256/SHA-384/SHA-512.
    ///
    /// Code `dsig.unsupported_digest`.
    TM_DSIG_UNSUPPORTED_DIGEST = 209,
    /// A signature method outside the supported set (DSA, HMAC, MD5 ...).
    ///
    /// Code `dsig.unsupported_signature_method`.
    TM_DSIG_UNSUPPORTED_SIGNATURE_METHOD = 210,
    /// A Reference's digest does not match the referenced content.
    ///
    /// Code `dsig.digest_mismatch`.
    TM_DSIG_DIGEST_MISMATCH = 211,
    /// More References or Transforms than the policy allows.
    ///
    /// Code `dsig.too_many_references`.
    TM_DSIG_TOO_MANY_REFERENCES = 212,
    /// An algorithm the policy does not allow (SHA-1 without the `allow_sha1` option,
    /// PKCS#1 v1.5 under a PSS-only policy...).
    ///
    /// Code `dsig.algorithm_refused`.
    TM_DSIG_ALGORITHM_REFUSED = 213,
    /// The referenced element is not the one the profile requires.
    ///
    /// Code `dsig.wrong_reference_target`.
    TM_DSIG_WRONG_REFERENCE_TARGET = 214,
    /// A Signature without any Reference.
    ///
    /// Code `dsig.no_references`.
    TM_DSIG_NO_REFERENCES = 215,
    /// A `ds:Object` in a signature whose profile has no use for one (SAML, SMP, SAML
    /// metadata, ELMO): content there is outside what the enveloped signature covers in
    /// the document, so it is refused rather than ignored.
    ///
    /// Code `dsig.object_refused`.
    TM_DSIG_OBJECT_REFUSED = 216,
    /// No trusted key is the one the signature's `KeyInfo` names, or none fits the
    /// signature method: the key was not found.
    ///
    /// Code `dsig.no_matching_key`.
    TM_DSIG_NO_MATCHING_KEY = 217,
    /// A Reference covers a `ds:Manifest` where the profile expects none.
    ///
    /// Code `dsig.manifest_refused`.
    TM_DSIG_MANIFEST_REFUSED = 218,
    /// ---- Cryptography (3xx) --------------------------------------------------------
    /// The signature value or key was refused.
    ///
    /// The SignatureValue does not verify with the selected key.
    ///
    /// Code `crypto.bad_signature`.
    TM_CRYPTO_BAD_SIGNATURE = 301,
    /// The key cannot be used with the signature method (an EC key for RSA, a wrong curve).
    ///
    /// Code `crypto.key_mismatch`.
    TM_CRYPTO_KEY_MISMATCH = 302,
    /// The public key cannot be parsed or has an unsupported type.
    ///
    /// Code `crypto.unsupported_key`.
    TM_CRYPTO_UNSUPPORTED_KEY = 303,
    /// The key is weaker than the policy allows (RSA under 2048 bits by default).
    ///
    /// Code `crypto.weak_key`.
    TM_CRYPTO_WEAK_KEY = 304,
    /// The signature value has the wrong length or encoding.
    ///
    /// Code `crypto.malformed_signature`.
    TM_CRYPTO_MALFORMED_SIGNATURE = 305,
    /// This build cannot check the signature method: the portable signature code is
    /// compiled out, and the verifier in use (a browser's WebCrypto) lacks the method
    /// (SHA-224, SHA-3, or Ed25519 in an engine without it).
    ///
    /// Code `crypto.algorithm_unavailable`.
    TM_CRYPTO_ALGORITHM_UNAVAILABLE = 306,
    /// An asynchronous verifier was asked for a signature check it had not answered on an
    /// earlier pass: the document, the trust store or the options changed between passes.
    ///
    /// Code `crypto.check_unanswered`.
    TM_CRYPTO_CHECK_UNANSWERED = 307,
    /// ---- Trust (4xx) ---------------------------------------------------------------
    /// Certificates, paths to the trust anchors, validity at `now`.
    ///
    /// A certificate does not parse as X.509 DER.
    ///
    /// Code `pki.bad_certificate`.
    TM_PKI_BAD_CERTIFICATE = 401,
    /// No key in the trust store matches the signature, and no chain reaches an anchor.
    ///
    /// Code `pki.untrusted_signer`.
    TM_PKI_UNTRUSTED_SIGNER = 402,
    /// A certificate on the path is not yet valid at `now`.
    ///
    /// Code `pki.not_yet_valid`.
    TM_PKI_NOT_YET_VALID = 403,
    /// A certificate on the path has expired at `now`.
    ///
    /// Code `pki.expired`.
    TM_PKI_EXPIRED = 404,
    /// The signing certificate's key usage does not allow digital signatures.
    ///
    /// Code `pki.key_usage`.
    TM_PKI_KEY_USAGE = 405,
    /// An issuing certificate is not a CA (basic constraints) or may not sign certificates.
    ///
    /// Code `pki.not_ca`.
    TM_PKI_NOT_CA = 406,
    /// The chain is longer than the policy allows.
    ///
    /// Code `pki.chain_too_long`.
    TM_PKI_CHAIN_TOO_LONG = 407,
    /// A certificate's signature does not verify with its issuer's key.
    ///
    /// Code `pki.bad_chain_signature`.
    TM_PKI_BAD_CHAIN_SIGNATURE = 408,
    /// PEM input has no certificate or is not valid PEM.
    ///
    /// Code `pki.bad_pem`.
    TM_PKI_BAD_PEM = 409,
    /// The trust store is empty.
    ///
    /// Code `pki.empty_trust_store`.
    TM_PKI_EMPTY_TRUST_STORE = 410,
    /// A certificate carries an unknown critical extension.
    ///
    /// Code `pki.unknown_critical_extension`.
    TM_PKI_UNKNOWN_CRITICAL_EXTENSION = 411,
    /// A certificate on the path is revoked, by a CRL or by OCSP evidence.
    ///
    /// Code `pki.revoked`.
    TM_PKI_REVOKED = 412,
    /// A CRL does not parse, or is of an unsupported kind (delta, indirect).
    ///
    /// Code `pki.crl_invalid`.
    TM_PKI_CRL_INVALID = 413,
    /// The CRL for a certificate on the path is past its nextUpdate.
    ///
    /// Code `pki.crl_expired`.
    TM_PKI_CRL_EXPIRED = 414,
    /// The CRL for a certificate on the path is not valid yet.
    ///
    /// Code `pki.crl_not_yet_valid`.
    TM_PKI_CRL_NOT_YET_VALID = 415,
    /// A CRL names a certificate's issuer but is not signed by it.
    ///
    /// Code `pki.crl_bad_signature`.
    TM_PKI_CRL_BAD_SIGNATURE = 416,
    /// Path building stopped at its budget: the certificates offered form too many
    /// candidate paths.
    ///
    /// Code `pki.path_budget_exceeded`.
    TM_PKI_PATH_BUDGET_EXCEEDED = 417,
    /// ---- Time (5xx) ----------------------------------------------------------------
    /// Dates and times.
    ///
    /// A date or time value does not parse.
    ///
    /// Code `time.bad_value`.
    TM_TIME_BAD_VALUE = 501,
    /// ---- SMP service metadata (6xx) -----------------------------------------------
    /// The record is not the SMP document asked for, or does not answer the question.
    ///
    /// The document element is not an SMP document of the expected kind (a ServiceGroup where a ServiceMetadata record was expected, or another namespace).
    ///
    /// Code `smp.unknown_document`.
    TM_SMP_UNKNOWN_DOCUMENT = 601,
    /// A required SMP element is missing, repeated or empty, or ServiceInformation and Redirect are both present.
    ///
    /// Code `smp.malformed`.
    TM_SMP_MALFORMED = 602,
    /// An identifier is empty or does not parse as `scheme::value`.
    ///
    /// Code `smp.bad_identifier`.
    TM_SMP_BAD_IDENTIFIER = 603,
    /// An endpoint's activation or expiration date does not parse.
    ///
    /// Code `smp.bad_date`.
    TM_SMP_BAD_DATE = 604,
    /// An endpoint or redirect certificate is not valid base64.
    ///
    /// Code `smp.bad_endpoint_certificate`.
    TM_SMP_BAD_ENDPOINT_CERTIFICATE = 605,
    /// The root-level signature is not the SMP profile's: one `Reference URI=""`, the enveloped transform, at most one canonicalization, last child of the document element.
    ///
    /// Code `smp.signature_profile`.
    TM_SMP_SIGNATURE_PROFILE = 606,
    /// The signed record is for another participant than the one asked for: a replayed or misrouted record.
    ///
    /// Code `smp.participant_mismatch`.
    TM_SMP_PARTICIPANT_MISMATCH = 607,
    /// The signed record is for another document type than the one asked for: a replayed or misrouted record.
    ///
    /// Code `smp.document_mismatch`.
    TM_SMP_DOCUMENT_MISMATCH = 608,
    /// The signed record has no entry for the process asked for.
    ///
    /// Code `smp.process_mismatch`.
    TM_SMP_PROCESS_MISMATCH = 609,
    /// The signed record has no endpoint with the transport profile asked for.
    ///
    /// Code `smp.transport_profile_not_found`.
    TM_SMP_TRANSPORT_PROFILE_NOT_FOUND = 610,
    /// Every endpoint matching the question is outside its activation/expiration window.
    ///
    /// Code `smp.no_active_endpoint`.
    TM_SMP_NO_ACTIVE_ENDPOINT = 611,
    /// A redirect target is not signed by the certificate the redirect names.
    ///
    /// Code `smp.redirect_signer_mismatch`.
    TM_SMP_REDIRECT_SIGNER_MISMATCH = 612,
    /// A redirect target redirects again; one redirect at most is followed.
    ///
    /// Code `smp.double_redirect`.
    TM_SMP_DOUBLE_REDIRECT = 613,

    /// The EMREG list is not JSON (a trailing comma before `]`/`}` is the one tolerated
    /// defect); the error message gives the line and column.
    ///
    /// Code `emrex.json_malformed`.
    TM_EMREX_JSON_MALFORMED = 701,

    /// The EMREG list is over the size or nesting limit of the JSON reader.
    ///
    /// Code `emrex.json_limit`.
    TM_EMREX_JSON_LIMIT = 702,

    /// A known EMREG member has the wrong type, or a required one is missing.
    ///
    /// Code `emrex.emreg_malformed`.
    TM_EMREX_EMREG_MALFORMED = 703,

    /// The `elmo` form field is not base64.
    ///
    /// Code `emrex.bad_base64`.
    TM_EMREX_BAD_BASE64 = 704,

    /// The `elmo` field starts with the gzip magic but is not valid gzip.
    ///
    /// Code `emrex.gzip_malformed`.
    TM_EMREX_GZIP_MALFORMED = 705,

    /// The decoded ELMO is larger than the policy's cap.
    ///
    /// Code `emrex.decompressed_too_large`.
    TM_EMREX_DECOMPRESSED_TOO_LARGE = 706,

    /// The document element is not an ELMO `elmo` element.
    ///
    /// Code `emrex.unknown_document`.
    TM_EMREX_UNKNOWN_DOCUMENT = 707,

    /// The root signature is not the EMREX profile's (one `Reference URI=""`, enveloped
    /// only, inclusive C14N 1.0, rsa-sha256 or rsa-sha1).
    ///
    /// Code `emrex.signature_profile`.
    TM_EMREX_SIGNATURE_PROFILE = 708,

    /// The signed ELMO names no learner.
    ///
    /// Code `emrex.missing_learner`.
    TM_EMREX_MISSING_LEARNER = 709,

    /// A `returnCode` value is not an `NCP_*`/`EMP_*` return code.
    ///
    /// Code `emrex.bad_return_code`.
    TM_EMREX_BAD_RETURN_CODE = 710,

    /// No NCP with the asked acronym is in the EMREG list.
    ///
    /// Code `emrex.ncp_not_found`.
    TM_EMREX_NCP_NOT_FOUND = 711,

    /// Two EMREG entries share a key: two NCPs (EMPs) with the same acronym, or two
    /// countries with the same country code; the message gives the second's line and
    /// column.
    ///
    /// Code `emrex.duplicate_key`.
    TM_EMREX_DUPLICATE_KEY = 712,

    /// The document element is not an ETSI `TrustServiceStatusList`.
    ///
    /// Code `tsl.unknown_document`.
    TM_TSL_UNKNOWN_DOCUMENT = 801,

    /// A trusted list element is missing, repeated or has an invalid value.
    ///
    /// Code `tsl.malformed`.
    TM_TSL_MALFORMED = 802,

    /// The signature is not the trusted-list profile's (one enveloped XAdES signature on the root with a signed `SignedProperties`).
    ///
    /// Code `tsl.signature_profile`.
    TM_TSL_SIGNATURE_PROFILE = 803,

    /// The XAdES `SigningCertificate` does not name the certificate whose key verified the signature.
    ///
    /// Code `tsl.signing_certificate_mismatch`.
    TM_TSL_SIGNING_CERTIFICATE_MISMATCH = 804,

    /// The list is past its `NextUpdate` or closed (no `NextUpdate`), or issued after `now`.
    ///
    /// Code `tsl.expired`.
    TM_TSL_EXPIRED = 805,

    /// The list is not an OpenNCP NCP configuration list (`Id="NCPConfiguration-CC"`).
    ///
    /// Code `tsl.not_openncp`.
    TM_TSL_NOT_OPENNCP = 806,

    /// The XAdES `SignedProperties` Reference lacks `Type="http://uri.etsi.org/01903#SignedProperties"`, or the list's own Reference carries it (TS 101 903 §6.3.1, EN 319 132-1 §6.3).
    ///
    /// Code `tsl.signed_properties_type`.
    TM_TSL_SIGNED_PROPERTIES_TYPE = 807,

    /// The signed properties have no `SigningTime`, which XAdES baseline B requires of a trusted list (TS 119 612 §5.7, EN 319 132-1 §6.3).
    ///
    /// Code `tsl.signing_time_missing`.
    TM_TSL_SIGNING_TIME_MISSING = 808,

    /// The `SigningTime` is after `now` plus the policy's clock skew, or after the list's `NextUpdate`.
    ///
    /// Code `tsl.signing_time_invalid`.
    TM_TSL_SIGNING_TIME_INVALID = 809,

    /// The document element is not the SAML message expected.
    ///
    /// Code `saml.unknown_document`.
    TM_SAML_UNKNOWN_DOCUMENT = 1001,

    /// A required SAML element or attribute is missing or repeated, or a value is not of its type.
    ///
    /// Code `saml.malformed`.
    TM_SAML_MALFORMED = 1002,

    /// A signature is outside the Response, AuthnRequest or their Assertion, or does not cover exactly its parent.
    ///
    /// Code `saml.signature_profile`.
    TM_SAML_SIGNATURE_PROFILE = 1003,

    /// A signature the profile requires is missing (an assertion not covered by a verified signature).
    ///
    /// Code `saml.unsigned`.
    TM_SAML_UNSIGNED = 1004,

    /// No trust anchor is configured for the message's issuer.
    ///
    /// Code `saml.unknown_issuer`.
    TM_SAML_UNKNOWN_ISSUER = 1005,

    /// The Response and its Assertion name different issuers.
    ///
    /// Code `saml.issuer_mismatch`.
    TM_SAML_ISSUER_MISMATCH = 1006,

    /// The Response status is not Success (the codes are in the message).
    ///
    /// Code `saml.status`.
    TM_SAML_STATUS = 1007,

    /// A successful Response does not carry exactly one assertion.
    ///
    /// Code `saml.assertion_count`.
    TM_SAML_ASSERTION_COUNT = 1008,

    /// Destination is not the expected endpoint.
    ///
    /// Code `saml.destination_mismatch`.
    TM_SAML_DESTINATION_MISMATCH = 1009,

    /// InResponseTo does not name the request sent.
    ///
    /// Code `saml.in_response_to_mismatch`.
    TM_SAML_IN_RESPONSE_TO_MISMATCH = 1010,

    /// A NotBefore or IssueInstant is after now plus the allowed skew.
    ///
    /// Code `saml.not_yet_valid`.
    TM_SAML_NOT_YET_VALID = 1011,

    /// A NotOnOrAfter or the request's maximum age has passed.
    ///
    /// Code `saml.expired`.
    TM_SAML_EXPIRED = 1012,

    /// The audience restriction does not name this relying party.
    ///
    /// Code `saml.audience_mismatch`.
    TM_SAML_AUDIENCE_MISMATCH = 1013,

    /// No bearer SubjectConfirmation fits (Recipient, NotOnOrAfter, InResponseTo).
    ///
    /// Code `saml.subject_confirmation`.
    TM_SAML_SUBJECT_CONFIRMATION = 1014,

    /// The assertion ID was already used.
    ///
    /// Code `saml.replay`.
    TM_SAML_REPLAY = 1015,

    /// The message carries an encrypted assertion, identifier or attribute.
    ///
    /// Code `saml.encrypted_unsupported`.
    TM_SAML_ENCRYPTED_UNSUPPORTED = 1016,

    /// The assertion has no AuthnStatement.
    ///
    /// Code `saml.missing_authn_statement`.
    TM_SAML_MISSING_AUTHN_STATEMENT = 1017,

    /// An AuthnRequest breaks a STORK/eIDAS/SAML profile rule.
    ///
    /// Code `saml.request_profile`.
    TM_SAML_REQUEST_PROFILE = 1018,

    /// A binding encoding is wrong (base64, DEFLATE, size, RelayState, Redirect parameters).
    ///
    /// Code `saml.binding`.
    TM_SAML_BINDING = 1019,

    /// A bearer assertion without `Conditions` or without an `AudienceRestriction` (the
    /// SAML profiles, section 4.1.4.2, require one).
    ///
    /// Code `saml.audience_missing`.
    TM_SAML_AUDIENCE_MISSING = 1020,

    /// `NotBefore` is not earlier than `NotOnOrAfter`: a window no instant is in.
    ///
    /// Code `saml.invalid_time_window`.
    TM_SAML_INVALID_TIME_WINDOW = 1021,

    /// A condition the verifier does not understand (SAML core, section 2.5.1.5: the
    /// assertion is then not valid).
    ///
    /// Code `saml.unknown_condition`.
    TM_SAML_UNKNOWN_CONDITION = 1022,

    /// An assertion or response `Issuer` with a `Format` other than entity.
    ///
    /// Code `saml.issuer_format`.
    TM_SAML_ISSUER_FORMAT = 1023,

    /// The replay cache could not answer (its server unreachable, a callback that said
    /// TM_REPLAY_UNAVAILABLE): the response is refused rather than accepted without its
    /// replay check. Retry once the cache answers again.
    ///
    /// Code `saml.replay_cache_unavailable`.
    TM_SAML_REPLAY_CACHE_UNAVAILABLE = 1024,
    /// ---- OCSP responses (9xx) -----------------------------------------------------
    /// An OCSP response was refused, or says the certificate is not good.
    ///
    /// The bytes are not a DER OCSP response carrying a BasicOCSPResponse (RFC 6960).
    ///
    /// Code `ocsp.malformed`.
    TM_OCSP_MALFORMED = 901,

    /// The OCSP responder answered an error status (malformedRequest, internalError,
    /// tryLater, sigRequired, unauthorized) instead of a response.
    ///
    /// Code `ocsp.not_successful`.
    TM_OCSP_NOT_SUCCESSFUL = 902,

    /// The OCSP response type is not id-pkix-ocsp-basic.
    ///
    /// Code `ocsp.unsupported_response_type`.
    TM_OCSP_UNSUPPORTED_RESPONSE_TYPE = 903,

    /// The OCSP response signature or CertID uses an unsupported algorithm.
    ///
    /// Code `ocsp.unsupported_algorithm`.
    TM_OCSP_UNSUPPORTED_ALGORITHM = 904,

    /// The OCSP response is signed with SHA-1 and the policy does not allow SHA-1.
    ///
    /// Code `ocsp.algorithm_refused`.
    TM_OCSP_ALGORITHM_REFUSED = 905,

    /// The OCSP response is signed neither by the issuing CA nor by a responder
    /// certificate that CA issued with the OCSP-signing extended key usage.
    ///
    /// Code `ocsp.responder_not_authorized`.
    TM_OCSP_RESPONDER_NOT_AUTHORIZED = 906,

    /// The certificate asked about is not issued by the issuer certificate given with it.
    ///
    /// Code `ocsp.wrong_issuer`.
    TM_OCSP_WRONG_ISSUER = 907,

    /// No answer in the OCSP response is about the certificate asked about (a response
    /// for another certificate).
    ///
    /// Code `ocsp.cert_id_mismatch`.
    TM_OCSP_CERT_ID_MISMATCH = 908,

    /// The OCSP response is past its nextUpdate (or, without one, its thisUpdate) by more
    /// than the allowed clock skew: fetch a fresh one.
    ///
    /// Code `ocsp.stale`.
    TM_OCSP_STALE = 909,

    /// The OCSP response's thisUpdate is after the verification time by more than the
    /// allowed clock skew.
    ///
    /// Code `ocsp.not_yet_valid`.
    TM_OCSP_NOT_YET_VALID = 910,

    /// A nonce was sent and the OCSP response does not echo it (a replayed or cached
    /// response).
    ///
    /// Code `ocsp.nonce_mismatch`.
    TM_OCSP_NONCE_MISMATCH = 911,

    /// The OCSP response has a critical extension that is not supported.
    ///
    /// Code `ocsp.unknown_critical_extension`.
    TM_OCSP_UNKNOWN_CRITICAL_EXTENSION = 912,

    /// A verified OCSP response says the certificate is revoked; also reported when a
    /// certificate on a signer's path has such evidence in the trust store.
    ///
    /// Code `ocsp.status_revoked`.
    TM_OCSP_STATUS_REVOKED = 913,

    /// A verified OCSP response says the responder does not know the certificate.
    ///
    /// Code `ocsp.status_unknown`.
    TM_OCSP_STATUS_UNKNOWN = 914,

    /// More than one answer in the OCSP response is about the certificate asked about
    /// (RFC 6960 does not say which counts, so the response is refused).
    ///
    /// Code `ocsp.duplicate_response`.
    TM_OCSP_DUPLICATE_RESPONSE = 915,

    /// The document element is not a SAML metadata EntitiesDescriptor or EntityDescriptor.
    ///
    /// Code `metadata.unknown_document`.
    TM_METADATA_UNKNOWN_DOCUMENT = 1101,

    /// A metadata value is not of its type (validUntil, cacheDuration, creationInstant).
    ///
    /// Code `metadata.malformed`.
    TM_METADATA_MALFORMED = 1102,

    /// The metadata is past its validUntil.
    ///
    /// Code `metadata.expired`.
    TM_METADATA_EXPIRED = 1103,

    /// The aggregate breaks the eToegang profile (Name, cacheDuration, PublicationInfo, role groups).
    ///
    /// Code `metadata.profile`.
    TM_METADATA_PROFILE = 1104,

    /// A lookup needs the verified document, which a streamed verification does not hold
    /// (tm_metadata_find_entity() on a result of tm_metadata_verifier_finish()).
    ///
    /// Code `metadata.not_held`.
    TM_METADATA_NOT_HELD = 1105,

    /// The encrypted content could not be decrypted with the relying party's keys (wrong key,
    /// bad padding, bad tag, bad key wrap, bad plaintext): one status for all of them.
    ///
    /// Code `xmlenc.decryption_failed`.
    TM_XMLENC_DECRYPTION_FAILED = 1201,

    /// RSA PKCS#1 v1.5 key transport (`xmlenc#rsa-1_5`) is refused: its padding is an oracle.
    ///
    /// Code `xmlenc.rsa_1_5_refused`.
    TM_XMLENC_RSA_1_5_REFUSED = 1202,

    /// CBC or Triple-DES content encryption without `allow_legacy_encryption`.
    ///
    /// Code `xmlenc.legacy_content_encryption`.
    TM_XMLENC_LEGACY_CONTENT_ENCRYPTION = 1203,

    /// An encryption, key transport, agreement, derivation or wrap algorithm not supported.
    ///
    /// Code `xmlenc.unsupported_algorithm`.
    TM_XMLENC_UNSUPPORTED_ALGORITHM = 1204,

    /// No decryption key is the recipient the EncryptedKey names, or it names none.
    ///
    /// Code `xmlenc.no_matching_key`.
    TM_XMLENC_NO_MATCHING_KEY = 1205,

    /// The encryption markup is broken.
    ///
    /// Code `xmlenc.malformed`.
    TM_XMLENC_MALFORMED = 1206,

    /// The plaintext would exceed the decryption's size limit.
    ///
    /// Code `xmlenc.plaintext_too_large`.
    TM_XMLENC_PLAINTEXT_TOO_LARGE = 1207,

    /// The key's store (an HSM, a token) could not be used.
    ///
    /// Code `xmlenc.key_unavailable`.
    TM_XMLENC_KEY_UNAVAILABLE = 1208,

    /// A private key given for decryption could not be read.
    ///
    /// Code `xmlenc.bad_key`.
    TM_XMLENC_BAD_KEY = 1209,

    /// Neither the participant's BDXL (NAPTR) name nor its SML (CNAME) name exists in the zone.
    ///
    /// Code `lookup.not_registered`.
    TM_LOOKUP_NOT_REGISTERED = 1301,

    /// DNS did not answer usably: no nameserver answered in time, or each refused.
    ///
    /// Code `lookup.dns_failure`.
    TM_LOOKUP_DNS_FAILURE = 1302,

    /// The SMP has no record for the document type (HTTP 404 or 410).
    ///
    /// Code `lookup.no_service`.
    TM_LOOKUP_NO_SERVICE = 1303,

    /// Fetching the record failed: the network, TLS, another HTTP status, or a body over the size limit.
    ///
    /// Code `lookup.http_failure`.
    TM_LOOKUP_HTTP_FAILURE = 1304,
    /// A refreshed metadata aggregate verified but is not newer than the copy held (a
    /// lower or equal eToegang sequence number, an older creationInstant, another
    /// environment); the copy held stays.
    ///
    /// Code `refresh.not_newer`.
    TM_REFRESH_NOT_NEWER = 1305,
}

impl tm_status {
    /// The status of a core error code.
    // One arm per code: the table is long by design.
    #[allow(clippy::too_many_lines)]
    pub(crate) fn from_code(code: ErrorCode) -> tm_status {
        match code {
            ErrorCode::XmlNotUtf8 => tm_status::TM_XML_NOT_UTF8,
            ErrorCode::XmlInputTooLarge => tm_status::TM_XML_INPUT_TOO_LARGE,
            ErrorCode::XmlDoctypeRefused => tm_status::TM_XML_DOCTYPE_REFUSED,
            ErrorCode::XmlDepthLimit => tm_status::TM_XML_DEPTH_LIMIT,
            ErrorCode::XmlAttributeLimit => tm_status::TM_XML_ATTRIBUTE_LIMIT,
            ErrorCode::XmlNameTooLong => tm_status::TM_XML_NAME_TOO_LONG,
            ErrorCode::XmlTextTooLong => tm_status::TM_XML_TEXT_TOO_LONG,
            ErrorCode::XmlNodeLimit => tm_status::TM_XML_NODE_LIMIT,
            ErrorCode::XmlMalformed => tm_status::TM_XML_MALFORMED,
            ErrorCode::XmlDuplicateId => tm_status::TM_XML_DUPLICATE_ID,
            ErrorCode::XmlEntityRefused => tm_status::TM_XML_ENTITY_REFUSED,
            ErrorCode::XmlDuplicateAttribute => tm_status::TM_XML_DUPLICATE_ATTRIBUTE,
            ErrorCode::XmlEncodingRefused => tm_status::TM_XML_ENCODING_REFUSED,
            ErrorCode::XmlVersionRefused => tm_status::TM_XML_VERSION_REFUSED,
            ErrorCode::XmlTagTooLong => tm_status::TM_XML_TAG_TOO_LONG,
            ErrorCode::DsigMissingSignature => tm_status::TM_DSIG_MISSING_SIGNATURE,
            ErrorCode::DsigTooManySignatures => tm_status::TM_DSIG_TOO_MANY_SIGNATURES,
            ErrorCode::DsigMalformed => tm_status::TM_DSIG_MALFORMED,
            ErrorCode::DsigBadBase64 => tm_status::TM_DSIG_BAD_BASE64,
            ErrorCode::DsigUnsupportedReferenceUri => tm_status::TM_DSIG_UNSUPPORTED_REFERENCE_URI,
            ErrorCode::DsigReferenceNotFound => tm_status::TM_DSIG_REFERENCE_NOT_FOUND,
            ErrorCode::DsigUnsupportedTransform => tm_status::TM_DSIG_UNSUPPORTED_TRANSFORM,
            ErrorCode::DsigUnsupportedCanonicalization => {
                tm_status::TM_DSIG_UNSUPPORTED_CANONICALIZATION
            }
            ErrorCode::DsigUnsupportedDigest => tm_status::TM_DSIG_UNSUPPORTED_DIGEST,
            ErrorCode::DsigUnsupportedSignatureMethod => {
                tm_status::TM_DSIG_UNSUPPORTED_SIGNATURE_METHOD
            }
            ErrorCode::DsigDigestMismatch => tm_status::TM_DSIG_DIGEST_MISMATCH,
            ErrorCode::DsigTooManyReferences => tm_status::TM_DSIG_TOO_MANY_REFERENCES,
            ErrorCode::DsigAlgorithmRefused => tm_status::TM_DSIG_ALGORITHM_REFUSED,
            ErrorCode::DsigWrongReferenceTarget => tm_status::TM_DSIG_WRONG_REFERENCE_TARGET,
            ErrorCode::DsigNoReferences => tm_status::TM_DSIG_NO_REFERENCES,
            ErrorCode::DsigObjectRefused => tm_status::TM_DSIG_OBJECT_REFUSED,
            ErrorCode::DsigNoMatchingKey => tm_status::TM_DSIG_NO_MATCHING_KEY,
            ErrorCode::DsigManifestRefused => tm_status::TM_DSIG_MANIFEST_REFUSED,
            ErrorCode::CryptoBadSignature => tm_status::TM_CRYPTO_BAD_SIGNATURE,
            ErrorCode::CryptoKeyMismatch => tm_status::TM_CRYPTO_KEY_MISMATCH,
            ErrorCode::CryptoUnsupportedKey => tm_status::TM_CRYPTO_UNSUPPORTED_KEY,
            ErrorCode::CryptoWeakKey => tm_status::TM_CRYPTO_WEAK_KEY,
            ErrorCode::CryptoMalformedSignature => tm_status::TM_CRYPTO_MALFORMED_SIGNATURE,
            ErrorCode::CryptoAlgorithmUnavailable => tm_status::TM_CRYPTO_ALGORITHM_UNAVAILABLE,
            ErrorCode::CryptoCheckUnanswered => tm_status::TM_CRYPTO_CHECK_UNANSWERED,
            ErrorCode::PkiBadCertificate => tm_status::TM_PKI_BAD_CERTIFICATE,
            ErrorCode::PkiUntrustedSigner => tm_status::TM_PKI_UNTRUSTED_SIGNER,
            ErrorCode::PkiNotYetValid => tm_status::TM_PKI_NOT_YET_VALID,
            ErrorCode::PkiExpired => tm_status::TM_PKI_EXPIRED,
            ErrorCode::PkiKeyUsage => tm_status::TM_PKI_KEY_USAGE,
            ErrorCode::PkiNotCa => tm_status::TM_PKI_NOT_CA,
            ErrorCode::PkiChainTooLong => tm_status::TM_PKI_CHAIN_TOO_LONG,
            ErrorCode::PkiBadChainSignature => tm_status::TM_PKI_BAD_CHAIN_SIGNATURE,
            ErrorCode::PkiBadPem => tm_status::TM_PKI_BAD_PEM,
            ErrorCode::PkiEmptyTrustStore => tm_status::TM_PKI_EMPTY_TRUST_STORE,
            ErrorCode::PkiUnknownCriticalExtension => tm_status::TM_PKI_UNKNOWN_CRITICAL_EXTENSION,
            ErrorCode::PkiRevoked => tm_status::TM_PKI_REVOKED,
            ErrorCode::PkiCrlInvalid => tm_status::TM_PKI_CRL_INVALID,
            ErrorCode::PkiCrlExpired => tm_status::TM_PKI_CRL_EXPIRED,
            ErrorCode::PkiCrlNotYetValid => tm_status::TM_PKI_CRL_NOT_YET_VALID,
            ErrorCode::PkiCrlBadSignature => tm_status::TM_PKI_CRL_BAD_SIGNATURE,
            ErrorCode::PkiPathBudgetExceeded => tm_status::TM_PKI_PATH_BUDGET_EXCEEDED,
            ErrorCode::TimeBadValue => tm_status::TM_TIME_BAD_VALUE,
            ErrorCode::SmpUnknownDocument => tm_status::TM_SMP_UNKNOWN_DOCUMENT,
            ErrorCode::SmpMalformed => tm_status::TM_SMP_MALFORMED,
            ErrorCode::SmpBadIdentifier => tm_status::TM_SMP_BAD_IDENTIFIER,
            ErrorCode::SmpBadDate => tm_status::TM_SMP_BAD_DATE,
            ErrorCode::SmpBadEndpointCertificate => tm_status::TM_SMP_BAD_ENDPOINT_CERTIFICATE,
            ErrorCode::SmpSignatureProfile => tm_status::TM_SMP_SIGNATURE_PROFILE,
            ErrorCode::SmpParticipantMismatch => tm_status::TM_SMP_PARTICIPANT_MISMATCH,
            ErrorCode::SmpDocumentMismatch => tm_status::TM_SMP_DOCUMENT_MISMATCH,
            ErrorCode::SmpProcessMismatch => tm_status::TM_SMP_PROCESS_MISMATCH,
            ErrorCode::SmpTransportProfileNotFound => tm_status::TM_SMP_TRANSPORT_PROFILE_NOT_FOUND,
            ErrorCode::SmpNoActiveEndpoint => tm_status::TM_SMP_NO_ACTIVE_ENDPOINT,
            ErrorCode::SmpRedirectSignerMismatch => tm_status::TM_SMP_REDIRECT_SIGNER_MISMATCH,
            ErrorCode::SmpDoubleRedirect => tm_status::TM_SMP_DOUBLE_REDIRECT,
            ErrorCode::EmrexJsonMalformed => tm_status::TM_EMREX_JSON_MALFORMED,
            ErrorCode::EmrexJsonLimit => tm_status::TM_EMREX_JSON_LIMIT,
            ErrorCode::EmrexEmregMalformed => tm_status::TM_EMREX_EMREG_MALFORMED,
            ErrorCode::EmrexBadBase64 => tm_status::TM_EMREX_BAD_BASE64,
            ErrorCode::EmrexGzipMalformed => tm_status::TM_EMREX_GZIP_MALFORMED,
            ErrorCode::EmrexDecompressedTooLarge => tm_status::TM_EMREX_DECOMPRESSED_TOO_LARGE,
            ErrorCode::EmrexUnknownDocument => tm_status::TM_EMREX_UNKNOWN_DOCUMENT,
            ErrorCode::EmrexSignatureProfile => tm_status::TM_EMREX_SIGNATURE_PROFILE,
            ErrorCode::EmrexMissingLearner => tm_status::TM_EMREX_MISSING_LEARNER,
            ErrorCode::EmrexBadReturnCode => tm_status::TM_EMREX_BAD_RETURN_CODE,
            ErrorCode::EmrexNcpNotFound => tm_status::TM_EMREX_NCP_NOT_FOUND,
            ErrorCode::EmrexDuplicateKey => tm_status::TM_EMREX_DUPLICATE_KEY,
            ErrorCode::TslUnknownDocument => tm_status::TM_TSL_UNKNOWN_DOCUMENT,
            ErrorCode::TslMalformed => tm_status::TM_TSL_MALFORMED,
            ErrorCode::TslSignatureProfile => tm_status::TM_TSL_SIGNATURE_PROFILE,
            ErrorCode::TslSigningCertificateMismatch => {
                tm_status::TM_TSL_SIGNING_CERTIFICATE_MISMATCH
            }
            ErrorCode::TslExpired => tm_status::TM_TSL_EXPIRED,
            ErrorCode::TslNotOpenNcp => tm_status::TM_TSL_NOT_OPENNCP,
            ErrorCode::TslSignedPropertiesType => tm_status::TM_TSL_SIGNED_PROPERTIES_TYPE,
            ErrorCode::TslSigningTimeMissing => tm_status::TM_TSL_SIGNING_TIME_MISSING,
            ErrorCode::TslSigningTimeInvalid => tm_status::TM_TSL_SIGNING_TIME_INVALID,
            ErrorCode::SamlUnknownDocument => tm_status::TM_SAML_UNKNOWN_DOCUMENT,
            ErrorCode::SamlMalformed => tm_status::TM_SAML_MALFORMED,
            ErrorCode::SamlSignatureProfile => tm_status::TM_SAML_SIGNATURE_PROFILE,
            ErrorCode::SamlUnsigned => tm_status::TM_SAML_UNSIGNED,
            ErrorCode::SamlUnknownIssuer => tm_status::TM_SAML_UNKNOWN_ISSUER,
            ErrorCode::SamlIssuerMismatch => tm_status::TM_SAML_ISSUER_MISMATCH,
            ErrorCode::SamlStatus => tm_status::TM_SAML_STATUS,
            ErrorCode::SamlAssertionCount => tm_status::TM_SAML_ASSERTION_COUNT,
            ErrorCode::SamlDestinationMismatch => tm_status::TM_SAML_DESTINATION_MISMATCH,
            ErrorCode::SamlInResponseToMismatch => tm_status::TM_SAML_IN_RESPONSE_TO_MISMATCH,
            ErrorCode::SamlNotYetValid => tm_status::TM_SAML_NOT_YET_VALID,
            ErrorCode::SamlExpired => tm_status::TM_SAML_EXPIRED,
            ErrorCode::SamlAudienceMismatch => tm_status::TM_SAML_AUDIENCE_MISMATCH,
            ErrorCode::SamlSubjectConfirmation => tm_status::TM_SAML_SUBJECT_CONFIRMATION,
            ErrorCode::SamlReplay => tm_status::TM_SAML_REPLAY,
            ErrorCode::SamlEncryptedUnsupported => tm_status::TM_SAML_ENCRYPTED_UNSUPPORTED,
            ErrorCode::SamlMissingAuthnStatement => tm_status::TM_SAML_MISSING_AUTHN_STATEMENT,
            ErrorCode::SamlRequestProfile => tm_status::TM_SAML_REQUEST_PROFILE,
            ErrorCode::SamlBinding => tm_status::TM_SAML_BINDING,
            ErrorCode::SamlAudienceMissing => tm_status::TM_SAML_AUDIENCE_MISSING,
            ErrorCode::SamlInvalidTimeWindow => tm_status::TM_SAML_INVALID_TIME_WINDOW,
            ErrorCode::SamlUnknownCondition => tm_status::TM_SAML_UNKNOWN_CONDITION,
            ErrorCode::SamlIssuerFormat => tm_status::TM_SAML_ISSUER_FORMAT,
            ErrorCode::SamlReplayCacheUnavailable => tm_status::TM_SAML_REPLAY_CACHE_UNAVAILABLE,
            ErrorCode::OcspMalformed => tm_status::TM_OCSP_MALFORMED,
            ErrorCode::OcspNotSuccessful => tm_status::TM_OCSP_NOT_SUCCESSFUL,
            ErrorCode::OcspUnsupportedResponseType => tm_status::TM_OCSP_UNSUPPORTED_RESPONSE_TYPE,
            ErrorCode::OcspUnsupportedAlgorithm => tm_status::TM_OCSP_UNSUPPORTED_ALGORITHM,
            ErrorCode::OcspAlgorithmRefused => tm_status::TM_OCSP_ALGORITHM_REFUSED,
            ErrorCode::OcspResponderNotAuthorized => tm_status::TM_OCSP_RESPONDER_NOT_AUTHORIZED,
            ErrorCode::OcspWrongIssuer => tm_status::TM_OCSP_WRONG_ISSUER,
            ErrorCode::OcspCertIdMismatch => tm_status::TM_OCSP_CERT_ID_MISMATCH,
            ErrorCode::OcspStale => tm_status::TM_OCSP_STALE,
            ErrorCode::OcspNotYetValid => tm_status::TM_OCSP_NOT_YET_VALID,
            ErrorCode::OcspNonceMismatch => tm_status::TM_OCSP_NONCE_MISMATCH,
            ErrorCode::OcspUnknownCriticalExtension => {
                tm_status::TM_OCSP_UNKNOWN_CRITICAL_EXTENSION
            }
            ErrorCode::OcspStatusRevoked => tm_status::TM_OCSP_STATUS_REVOKED,
            ErrorCode::OcspStatusUnknown => tm_status::TM_OCSP_STATUS_UNKNOWN,
            ErrorCode::OcspDuplicateResponse => tm_status::TM_OCSP_DUPLICATE_RESPONSE,
            ErrorCode::MetadataUnknownDocument => tm_status::TM_METADATA_UNKNOWN_DOCUMENT,
            ErrorCode::MetadataMalformed => tm_status::TM_METADATA_MALFORMED,
            ErrorCode::MetadataExpired => tm_status::TM_METADATA_EXPIRED,
            ErrorCode::MetadataProfile => tm_status::TM_METADATA_PROFILE,
            ErrorCode::MetadataNotHeld => tm_status::TM_METADATA_NOT_HELD,
            ErrorCode::XmlEncDecryptionFailed => tm_status::TM_XMLENC_DECRYPTION_FAILED,
            ErrorCode::XmlEncRsa15Refused => tm_status::TM_XMLENC_RSA_1_5_REFUSED,
            ErrorCode::XmlEncLegacyContentEncryption => {
                tm_status::TM_XMLENC_LEGACY_CONTENT_ENCRYPTION
            }
            ErrorCode::XmlEncUnsupportedAlgorithm => tm_status::TM_XMLENC_UNSUPPORTED_ALGORITHM,
            ErrorCode::XmlEncNoMatchingKey => tm_status::TM_XMLENC_NO_MATCHING_KEY,
            ErrorCode::XmlEncMalformed => tm_status::TM_XMLENC_MALFORMED,
            ErrorCode::XmlEncPlaintextTooLarge => tm_status::TM_XMLENC_PLAINTEXT_TOO_LARGE,
            ErrorCode::XmlEncKeyUnavailable => tm_status::TM_XMLENC_KEY_UNAVAILABLE,
            ErrorCode::XmlEncBadKey => tm_status::TM_XMLENC_BAD_KEY,
            ErrorCode::LookupNotRegistered => tm_status::TM_LOOKUP_NOT_REGISTERED,
            ErrorCode::LookupDnsFailure => tm_status::TM_LOOKUP_DNS_FAILURE,
            ErrorCode::LookupNoService => tm_status::TM_LOOKUP_NO_SERVICE,
            ErrorCode::LookupHttpFailure => tm_status::TM_LOOKUP_HTTP_FAILURE,
            ErrorCode::RefreshNotNewer => tm_status::TM_REFRESH_NOT_NEWER,
            // `ErrorCode` is non-exhaustive; `tests::every_code_has_its_status` fails the
            // build's tests before a new code can reach this arm.
            _ => tm_status::TM_UNKNOWN_ERROR,
        }
    }
}

/// The statuses of the C API itself with their dotted codes (the core's codes come from
/// `ErrorCode::ALL`).
pub(crate) const API_STATUSES: &[(tm_status, &str)] = &[
    (tm_status::TM_OK, "ok"),
    (tm_status::TM_NULL_POINTER, "api.null_pointer"),
    (tm_status::TM_INVALID_ARGUMENT, "api.invalid_argument"),
    (tm_status::TM_INTERNAL_PANIC, "api.internal_panic"),
    (tm_status::TM_UNKNOWN_ERROR, "api.unknown_error"),
];

fn names() -> &'static BTreeMap<i32, CString> {
    static NAMES: OnceLock<BTreeMap<i32, CString>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let api = API_STATUSES.iter().map(|&(s, name)| (s as i32, name));
        let core = ErrorCode::ALL
            .iter()
            .map(|c| (i32::from(c.number()), c.as_str()));
        api.chain(core)
            .filter_map(|(n, name)| Some((n, CString::new(name).ok()?)))
            .collect()
    })
}

/// The dotted code of a status number, or `unknown`.
pub(crate) fn name_of(status: i32) -> &'static CStr {
    names().get(&status).map_or(c"unknown", CString::as_c_str)
}

/// ==== Errors ============================================================================
///
/// Returns the dotted code of a status: `"ok"` for `TM_OK`, `"xml.doctype_refused"` for
/// `TM_XML_DOCTYPE_REFUSED`, `"api.null_pointer"` for `TM_NULL_POINTER`.
///
/// `status` is an `int` so that any value can be passed, including one this version does
/// not know.
///
/// @return a static NUL-terminated string, never NULL: the dotted code, or `"unknown"` for
///         a value that is not a status. Do not free it.
///
/// Thread safety: may be called from any thread at any time.
#[no_mangle]
pub extern "C" fn tm_error_code_name(status: c_int) -> *const c_char {
    guard::quietly(c"unknown".as_ptr(), || name_of(status).as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c_name(code: &str) -> String {
        let tail = code.strip_prefix("api.").unwrap_or(code);
        format!("TM_{}", tail.to_uppercase().replace('.', "_"))
    }

    /// Every core code has its status, with the same number and the code's upper-cased
    /// name, and `tm_error_code_name` gives the code back.
    #[test]
    fn every_code_has_its_status() {
        for &code in ErrorCode::ALL {
            let status = tm_status::from_code(code);
            assert_ne!(
                status,
                tm_status::TM_UNKNOWN_ERROR,
                "{code} has no tm_status: add TM_{} = {} to status.rs",
                c_name(code.as_str()),
                code.number()
            );
            assert_eq!(
                status as i32,
                i32::from(code.number()),
                "{code}: tm_status value differs from ErrorCode::number()"
            );
            assert_eq!(
                format!("{status:?}"),
                c_name(code.as_str()),
                "{code}: tm_status name differs"
            );
            // SAFETY: tm_error_code_name returns a static NUL-terminated string.
            let name = unsafe { CStr::from_ptr(tm_error_code_name(status as c_int)) };
            assert_eq!(name.to_str().unwrap(), code.as_str());
        }
        for &(status, code) in API_STATUSES {
            assert!(
                (0..100).contains(&(status as i32)),
                "API statuses stay below 100"
            );
            if status != tm_status::TM_OK {
                assert_eq!(format!("{status:?}"), c_name(code));
            }
        }
        // SAFETY: static NUL-terminated strings.
        unsafe {
            assert_eq!(
                CStr::from_ptr(tm_error_code_name(0)).to_str().unwrap(),
                "ok"
            );
            assert_eq!(
                CStr::from_ptr(tm_error_code_name(-5)).to_str().unwrap(),
                "unknown"
            );
            assert_eq!(
                CStr::from_ptr(tm_error_code_name(100)).to_str().unwrap(),
                "unknown"
            );
        }
    }

    /// The committed header's `tm_status` lists exactly the API statuses and the core's
    /// codes, each with its number: the header cannot drift from `ErrorCode::ALL` either.
    #[test]
    fn header_lists_every_status() {
        let header = include_str!("../../include/trustmeta.h");
        let start = header
            .find("typedef enum {")
            .expect("tm_status enum in header");
        let end = start
            + header[start..]
                .find("} tm_status;")
                .expect("end of tm_status");
        let mut in_header = BTreeMap::new();
        for line in header[start..end].lines() {
            let line = line.trim().trim_end_matches(',');
            if let Some((name, value)) = line.split_once(" = ") {
                if name.starts_with("TM_") {
                    in_header.insert(
                        name.to_string(),
                        value.parse::<i32>().expect("numeric status"),
                    );
                }
            }
        }
        let mut expected = BTreeMap::new();
        for &(status, _) in API_STATUSES {
            expected.insert(format!("{status:?}"), status as i32);
        }
        for &code in ErrorCode::ALL {
            expected.insert(c_name(code.as_str()), i32::from(code.number()));
        }
        assert_eq!(in_header, expected, "include/trustmeta.h is stale: run scripts/test-c.sh (it regenerates the header with cbindgen)");
    }
}
