//! The stable error codes: one table, in a leaf module that imports nothing of the
//! crate, so that every layer can name its codes without depending on the others.
//!
//! A code may be added, never renamed or reused. `error-codes.txt` beside `Cargo.toml` is
//! the committed list and a test keeps the two equal. The C, Python and JavaScript front
//! doors and the CLI's `--json` output take their codes from here.

use core::fmt;

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $num:literal, $text:literal; )*) => {
        /// A stable, layer-qualified identifier for every way verification can fail.
        ///
        /// `as_str()` is the dotted code (`dsig.digest_mismatch`), `number()` the value the
        /// C API returns. Both never change meaning once released.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #[repr(u16)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant = $num, )*
        }

        impl ErrorCode {
            /// Every code, in table order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The dotted code, e.g. `xml.doctype_refused`.
            pub const fn as_str(self) -> &'static str {
                match self { $( ErrorCode::$variant => $text, )* }
            }

            /// The numeric code used by the C API (grouped by layer: 1xx XML, 2xx c14n and
            /// DSig, 3xx crypto, 4xx PKI, 5xx time, 6xx SMP, 7xx EMREX, 8xx trusted lists, 9xx OCSP, 10xx SAML, 11xx metadata, 12xx XML Encryption, 13xx network lookups of the hosted layer).
            pub const fn number(self) -> u16 {
                self as u16
            }

            /// Looks a code up by its dotted name.
            pub fn from_str_code(s: &str) -> Option<ErrorCode> {
                match s { $( $text => Some(ErrorCode::$variant), )* _ => None }
            }
        }
    };
}

error_codes! {
    /// The input is not UTF-8 (after an optional byte-order mark).
    XmlNotUtf8 = 101, "xml.not_utf8";
    /// The input is larger than `Limits::max_input_bytes`.
    XmlInputTooLarge = 102, "xml.input_too_large";
    /// A `<!DOCTYPE` declaration was found: DTDs are refused.
    XmlDoctypeRefused = 103, "xml.doctype_refused";
    /// Elements nest deeper than `Limits::max_depth`.
    XmlDepthLimit = 104, "xml.depth_limit";
    /// An element has more attributes than `Limits::max_attributes`.
    XmlAttributeLimit = 105, "xml.attribute_limit";
    /// A name is longer than `Limits::max_name_len`.
    XmlNameTooLong = 106, "xml.name_too_long";
    /// A text node or attribute value is longer than `Limits::max_text_len`.
    XmlTextTooLong = 107, "xml.text_too_long";
    /// The document has more nodes than `Limits::max_nodes`.
    XmlNodeLimit = 108, "xml.node_limit";
    /// The document is not well-formed XML (or not namespace-well-formed).
    XmlMalformed = 109, "xml.malformed";
    /// Two elements carry the same ID value.
    XmlDuplicateId = 110, "xml.duplicate_id";
    /// An entity reference needs a DTD, which is refused.
    XmlEntityRefused = 111, "xml.entity_refused";
    /// An attribute is given twice on one element, in any spelling (two `xmlns`, two
    /// prefixes bound to one namespace).
    XmlDuplicateAttribute = 112, "xml.duplicate_attribute";
    /// The XML declaration names an encoding other than UTF-8.
    XmlEncodingRefused = 113, "xml.encoding_refused";
    /// The XML declaration names a version other than 1.0.
    XmlVersionRefused = 114, "xml.version_refused";
    /// A start tag is longer than the limits allow.
    XmlTagTooLong = 115, "xml.tag_too_long";

    /// No `ds:Signature` element was found.
    DsigMissingSignature = 201, "dsig.missing_signature";
    /// More signatures than the profile accepts.
    DsigTooManySignatures = 202, "dsig.too_many_signatures";
    /// A required element of the signature is missing or misplaced.
    DsigMalformed = 203, "dsig.malformed";
    /// A base64 value (SignatureValue, DigestValue, X509Certificate) does not decode.
    DsigBadBase64 = 204, "dsig.bad_base64";
    /// A Reference URI that is not same-document (`""`, `#id`, `#xpointer(/)`, `#xpointer(id('…'))`).
    DsigUnsupportedReferenceUri = 205, "dsig.unsupported_reference_uri";
    /// A Reference points to an ID that no element carries.
    DsigReferenceNotFound = 206, "dsig.reference_not_found";
    /// A transform outside the allowlist (XPath, XSLT, base64, …) or in an unsupported order.
    DsigUnsupportedTransform = 207, "dsig.unsupported_transform";
    /// A canonicalization method outside C14N 1.0, C14N 1.1 and Exclusive C14N.
    DsigUnsupportedCanonicalization = 208, "dsig.unsupported_canonicalization";
    /// A digest method outside SHA-1/SHA-256/SHA-384/SHA-512.
    DsigUnsupportedDigest = 209, "dsig.unsupported_digest";
    /// A signature method outside the supported set (DSA, HMAC, MD5 …).
    DsigUnsupportedSignatureMethod = 210, "dsig.unsupported_signature_method";
    /// A Reference's digest does not match the referenced content.
    DsigDigestMismatch = 211, "dsig.digest_mismatch";
    /// More References or Transforms than the policy allows.
    DsigTooManyReferences = 212, "dsig.too_many_references";
    /// An algorithm the policy does not allow (SHA-1 without `allow_sha1`, PKCS#1 v1.5 under a PSS-only policy…).
    DsigAlgorithmRefused = 213, "dsig.algorithm_refused";
    /// The referenced element is not the one the profile requires.
    DsigWrongReferenceTarget = 214, "dsig.wrong_reference_target";
    /// A Signature without any Reference.
    DsigNoReferences = 215, "dsig.no_references";
    /// A `ds:Object` in a signature whose profile has no use for one.
    DsigObjectRefused = 216, "dsig.object_refused";
    /// No trusted key is the one the signature's `KeyInfo` names, or none fits the
    /// signature method: the key was not found (the signature was not shown wrong).
    DsigNoMatchingKey = 217, "dsig.no_matching_key";
    /// A Reference covers a `ds:Manifest` where the profile expects none.
    DsigManifestRefused = 218, "dsig.manifest_refused";

    /// The SignatureValue does not verify with the selected key.
    CryptoBadSignature = 301, "crypto.bad_signature";
    /// The key cannot be used with the signature method (an EC key for RSA, a wrong curve).
    CryptoKeyMismatch = 302, "crypto.key_mismatch";
    /// The public key cannot be parsed or has an unsupported type.
    CryptoUnsupportedKey = 303, "crypto.unsupported_key";
    /// The key is weaker than the policy allows (RSA under 2048 bits by default).
    CryptoWeakKey = 304, "crypto.weak_key";
    /// The signature value has the wrong length or encoding.
    CryptoMalformedSignature = 305, "crypto.malformed_signature";
    /// This build cannot check the signature method: the portable signature code is
    /// compiled out, and the verifier in use (a browser's WebCrypto) lacks the method
    /// (SHA-224, SHA-3, or Ed25519 in an engine without it).
    CryptoAlgorithmUnavailable = 306, "crypto.algorithm_unavailable";
    /// An asynchronous verifier was asked for a signature check it had not answered on an
    /// earlier pass: the document, the trust store or the options changed between passes.
    CryptoCheckUnanswered = 307, "crypto.check_unanswered";

    /// A certificate does not parse as X.509 DER.
    PkiBadCertificate = 401, "pki.bad_certificate";
    /// No key in the trust store matches the signature, and no chain reaches an anchor.
    PkiUntrustedSigner = 402, "pki.untrusted_signer";
    /// A certificate on the path is not yet valid at `now`.
    PkiNotYetValid = 403, "pki.not_yet_valid";
    /// A certificate on the path has expired at `now`.
    PkiExpired = 404, "pki.expired";
    /// The signing certificate's key usage does not allow digital signatures.
    PkiKeyUsage = 405, "pki.key_usage";
    /// An issuing certificate is not a CA (basic constraints) or may not sign certificates.
    PkiNotCa = 406, "pki.not_ca";
    /// The chain is longer than the policy allows.
    PkiChainTooLong = 407, "pki.chain_too_long";
    /// A certificate's signature does not verify with its issuer's key.
    PkiBadChainSignature = 408, "pki.bad_chain_signature";
    /// PEM input has no certificate or is not valid PEM.
    PkiBadPem = 409, "pki.bad_pem";
    /// The trust store is empty.
    PkiEmptyTrustStore = 410, "pki.empty_trust_store";
    /// A certificate carries an unknown critical extension.
    PkiUnknownCriticalExtension = 411, "pki.unknown_critical_extension";
    /// A certificate on the path is revoked, by a CRL or by OCSP evidence the caller gave.
    PkiRevoked = 412, "pki.revoked";
    /// A CRL does not parse, or is of a kind that is not supported (delta, indirect).
    PkiCrlInvalid = 413, "pki.crl_invalid";
    /// The CRL for a certificate on the path is past its nextUpdate: revocation is unknown.
    PkiCrlExpired = 414, "pki.crl_expired";
    /// The CRL for a certificate on the path has a thisUpdate after the verification time.
    PkiCrlNotYetValid = 415, "pki.crl_not_yet_valid";
    /// A CRL the caller gave names a certificate's issuer but is not signed by it.
    PkiCrlBadSignature = 416, "pki.crl_bad_signature";
    /// Path building stopped at its budget: the certificates offered form too many
    /// candidate paths.
    PkiPathBudgetExceeded = 417, "pki.path_budget_exceeded";

    /// A date or time value does not parse.
    TimeBadValue = 501, "time.bad_value";

    /// The document element is not an SMP document of the expected kind.
    SmpUnknownDocument = 601, "smp.unknown_document";
    /// A required SMP element is missing, repeated or empty, or exclusive elements are both present.
    SmpMalformed = 602, "smp.malformed";
    /// An identifier is empty or does not parse as `scheme::value`.
    SmpBadIdentifier = 603, "smp.bad_identifier";
    /// An activation or expiration date does not parse.
    SmpBadDate = 604, "smp.bad_date";
    /// An endpoint or redirect certificate is not valid base64.
    SmpBadEndpointCertificate = 605, "smp.bad_endpoint_certificate";
    /// The root-level signature is not the SMP profile's (one `Reference URI=""`, enveloped, at most one C14N, last child).
    SmpSignatureProfile = 606, "smp.signature_profile";
    /// The signed record is for another participant than asked (replay).
    SmpParticipantMismatch = 607, "smp.participant_mismatch";
    /// The signed record is for another document type than asked (replay).
    SmpDocumentMismatch = 608, "smp.document_mismatch";
    /// The signed record has no entry for the process asked for.
    SmpProcessMismatch = 609, "smp.process_mismatch";
    /// The signed record has no endpoint with the transport profile asked for.
    SmpTransportProfileNotFound = 610, "smp.transport_profile_not_found";
    /// Every matching endpoint is outside its activation/expiration window.
    SmpNoActiveEndpoint = 611, "smp.no_active_endpoint";
    /// A redirect target is not signed by the certificate the redirect names.
    SmpRedirectSignerMismatch = 612, "smp.redirect_signer_mismatch";
    /// A redirect target redirects again.
    SmpDoubleRedirect = 613, "smp.double_redirect";

    /// The EMREG list is not JSON (a trailing comma before `]`/`}` is the one tolerated defect).
    EmrexJsonMalformed = 701, "emrex.json_malformed";
    /// The EMREG list is over the size or nesting limit of the JSON reader.
    EmrexJsonLimit = 702, "emrex.json_limit";
    /// A known EMREG member has the wrong type, or a required one is missing.
    EmrexEmregMalformed = 703, "emrex.emreg_malformed";
    /// The `elmo` form field is not base64.
    EmrexBadBase64 = 704, "emrex.bad_base64";
    /// The `elmo` field starts with the gzip magic but is not valid gzip.
    EmrexGzipMalformed = 705, "emrex.gzip_malformed";
    /// The decoded ELMO is larger than the limit given to `decode_elmo_field`.
    EmrexDecompressedTooLarge = 706, "emrex.decompressed_too_large";
    /// The document element is not an ELMO `elmo` element.
    EmrexUnknownDocument = 707, "emrex.unknown_document";
    /// The root signature is not the EMREX profile's (one `Reference URI=""`, enveloped only, inclusive C14N 1.0, rsa-sha256/rsa-sha1).
    EmrexSignatureProfile = 708, "emrex.signature_profile";
    /// The signed ELMO names no learner.
    EmrexMissingLearner = 709, "emrex.missing_learner";
    /// A `returnCode` value is not an `NCP_*`/`EMP_*` return code.
    EmrexBadReturnCode = 710, "emrex.bad_return_code";
    /// No NCP with the asked acronym is in the EMREG list.
    EmrexNcpNotFound = 711, "emrex.ncp_not_found";
    /// Two EMREG entries share a key: two NCPs (EMPs) with the same `acronym`, or two countries with the same `countryCode` (white space and ASCII case ignored); clients would disagree on which counts.
    EmrexDuplicateKey = 712, "emrex.duplicate_key";

    /// The document element is not an ETSI `TrustServiceStatusList`.
    TslUnknownDocument = 801, "tsl.unknown_document";
    /// A trusted list element is missing, repeated or has an invalid value.
    TslMalformed = 802, "tsl.malformed";
    /// The signature is not the trusted-list profile's (one enveloped XAdES signature on the root with a signed `SignedProperties`).
    TslSignatureProfile = 803, "tsl.signature_profile";
    /// The XAdES `SigningCertificate` does not name the certificate whose key verified the signature.
    TslSigningCertificateMismatch = 804, "tsl.signing_certificate_mismatch";
    /// The list is past its `NextUpdate` or closed (no `NextUpdate`), or issued after `now`.
    TslExpired = 805, "tsl.expired";
    /// The list is not an OpenNCP NCP configuration list (`Id="NCPConfiguration-CC"`).
    TslNotOpenNcp = 806, "tsl.not_openncp";
    /// The XAdES `SignedProperties` Reference lacks `Type="http://uri.etsi.org/01903#SignedProperties"`, or the list's own Reference carries it (TS 101 903 §6.3.1, EN 319 132-1 §6.3).
    TslSignedPropertiesType = 807, "tsl.signed_properties_type";
    /// The signed properties have no `SigningTime`, which XAdES baseline B requires of a trusted list (TS 119 612 §5.7, EN 319 132-1 §6.3).
    TslSigningTimeMissing = 808, "tsl.signing_time_missing";
    /// The `SigningTime` is after `now` plus the policy's clock skew, or after the list's `NextUpdate`.
    TslSigningTimeInvalid = 809, "tsl.signing_time_invalid";

    /// The bytes are not a DER `OCSPResponse` carrying a `BasicOCSPResponse` (RFC 6960 §4.2.1).
    OcspMalformed = 901, "ocsp.malformed";
    /// The responder's `responseStatus` is not `successful` (malformedRequest, internalError, tryLater, sigRequired, unauthorized).
    OcspNotSuccessful = 902, "ocsp.not_successful";
    /// The `responseType` is not `id-pkix-ocsp-basic`.
    OcspUnsupportedResponseType = 903, "ocsp.unsupported_response_type";
    /// The response signature or a `CertID` uses an unsupported algorithm.
    OcspUnsupportedAlgorithm = 904, "ocsp.unsupported_algorithm";
    /// The response is signed with an algorithm the policy refuses (SHA-1 without `allow_sha1`).
    OcspAlgorithmRefused = 905, "ocsp.algorithm_refused";
    /// The signer is neither the issuing CA nor a responder certificate that CA issued with the OCSP-signing extended key usage.
    OcspResponderNotAuthorized = 906, "ocsp.responder_not_authorized";
    /// The certificate asked about is not issued by the issuer certificate given with it.
    OcspWrongIssuer = 907, "ocsp.wrong_issuer";
    /// No `SingleResponse` is about the certificate asked about (issuer name hash, issuer key hash, serial).
    OcspCertIdMismatch = 908, "ocsp.cert_id_mismatch";
    /// The response is past its `nextUpdate` (or, without one, its `thisUpdate`) by more than the policy's clock skew.
    OcspStale = 909, "ocsp.stale";
    /// The response's `thisUpdate` is after `now` by more than the policy's clock skew.
    OcspNotYetValid = 910, "ocsp.not_yet_valid";
    /// A nonce was sent and the response does not echo it.
    OcspNonceMismatch = 911, "ocsp.nonce_mismatch";
    /// The response carries a critical extension that is not supported.
    OcspUnknownCriticalExtension = 912, "ocsp.unknown_critical_extension";
    /// A verified OCSP response says the certificate is revoked (also: a path element with such evidence in the trust store).
    OcspStatusRevoked = 913, "ocsp.status_revoked";
    /// A verified OCSP response says the responder does not know the certificate.
    OcspStatusUnknown = 914, "ocsp.status_unknown";
    /// More than one `SingleResponse` is about the certificate asked about; RFC 6960 does not say which counts, so none does.
    OcspDuplicateResponse = 915, "ocsp.duplicate_response";

    /// The document element is not the SAML message expected.
    SamlUnknownDocument = 1001, "saml.unknown_document";
    /// A required SAML element or attribute is missing or repeated, or a value is not of its type.
    SamlMalformed = 1002, "saml.malformed";
    /// A signature is outside the Response, AuthnRequest or their Assertion, or does not cover exactly its parent.
    SamlSignatureProfile = 1003, "saml.signature_profile";
    /// A signature the profile requires is missing (an assertion not covered by a verified signature).
    SamlUnsigned = 1004, "saml.unsigned";
    /// No trust anchor is configured for the message's issuer.
    SamlUnknownIssuer = 1005, "saml.unknown_issuer";
    /// The Response and its Assertion name different issuers.
    SamlIssuerMismatch = 1006, "saml.issuer_mismatch";
    /// The Response status is not Success (the codes are in the message).
    SamlStatus = 1007, "saml.status";
    /// A successful Response does not carry exactly one assertion.
    SamlAssertionCount = 1008, "saml.assertion_count";
    /// Destination is not the expected endpoint.
    SamlDestinationMismatch = 1009, "saml.destination_mismatch";
    /// InResponseTo does not name the request sent.
    SamlInResponseToMismatch = 1010, "saml.in_response_to_mismatch";
    /// A NotBefore or IssueInstant is after now plus the allowed skew.
    SamlNotYetValid = 1011, "saml.not_yet_valid";
    /// A NotOnOrAfter or the request's maximum age has passed.
    SamlExpired = 1012, "saml.expired";
    /// The audience restriction does not name this relying party.
    SamlAudienceMismatch = 1013, "saml.audience_mismatch";
    /// No bearer SubjectConfirmation fits (Recipient, NotOnOrAfter, InResponseTo).
    SamlSubjectConfirmation = 1014, "saml.subject_confirmation";
    /// The assertion ID was already used.
    SamlReplay = 1015, "saml.replay";
    /// The message carries an encrypted assertion, identifier or attribute.
    SamlEncryptedUnsupported = 1016, "saml.encrypted_unsupported";
    /// The assertion has no AuthnStatement.
    SamlMissingAuthnStatement = 1017, "saml.missing_authn_statement";
    /// An AuthnRequest breaks a STORK/eIDAS/SAML profile rule.
    SamlRequestProfile = 1018, "saml.request_profile";
    /// A binding encoding is wrong (base64, DEFLATE, size, RelayState, Redirect parameters).
    SamlBinding = 1019, "saml.binding";
    /// A bearer assertion without `Conditions` or without an `AudienceRestriction`
    /// (profiles §4.1.4.2 requires one).
    SamlAudienceMissing = 1020, "saml.audience_missing";
    /// `NotBefore` is not earlier than `NotOnOrAfter`: a window no instant is in.
    SamlInvalidTimeWindow = 1021, "saml.invalid_time_window";
    /// A condition the verifier does not understand (core §2.5.1.5: the assertion is
    /// then not valid).
    SamlUnknownCondition = 1022, "saml.unknown_condition";
    /// An assertion or response `Issuer` with a `Format` other than entity.
    SamlIssuerFormat = 1023, "saml.issuer_format";
    /// The replay cache could not answer (its server unreachable): the response is
    /// refused rather than accepted without its replay check.
    SamlReplayCacheUnavailable = 1024, "saml.replay_cache_unavailable";

    /// The document element is not a SAML metadata EntitiesDescriptor or EntityDescriptor.
    MetadataUnknownDocument = 1101, "metadata.unknown_document";
    /// A metadata value is not of its type (validUntil, cacheDuration, creationInstant).
    MetadataMalformed = 1102, "metadata.malformed";
    /// The metadata is past its validUntil.
    MetadataExpired = 1103, "metadata.expired";
    /// The aggregate breaks the eToegang profile (Name, cacheDuration, PublicationInfo, role groups).
    MetadataProfile = 1104, "metadata.profile";
    /// A lookup needs the verified document, which a streamed verification does not hold.
    MetadataNotHeld = 1105, "metadata.not_held";

    /// The encrypted content could not be decrypted with the relying party's keys: wrong
    /// key, bad padding, bad tag, bad key wrap or a plaintext that is not one element.
    /// One code and one message for all of them, so the answer is no oracle.
    XmlEncDecryptionFailed = 1201, "xmlenc.decryption_failed";
    /// RSA PKCS#1 v1.5 key transport (`xmlenc#rsa-1_5`): refused, its padding is an oracle
    /// (Bleichenbacher).
    XmlEncRsa15Refused = 1202, "xmlenc.rsa_1_5_refused";
    /// CBC or Triple-DES content encryption without the policy that allows legacy content
    /// encryption.
    XmlEncLegacyContentEncryption = 1203, "xmlenc.legacy_content_encryption";
    /// An encryption, key transport, agreement, derivation or wrap algorithm not
    /// supported, or a feature of XML Encryption that is not (CipherReference, content
    /// encryption).
    XmlEncUnsupportedAlgorithm = 1204, "xmlenc.unsupported_algorithm";
    /// No caller key is the recipient an `EncryptedKey` names, or it names none.
    XmlEncNoMatchingKey = 1205, "xmlenc.no_matching_key";
    /// The encryption markup is broken (no `EncryptedData`, no `CipherValue`, bad base64).
    XmlEncMalformed = 1206, "xmlenc.malformed";
    /// The plaintext would exceed the decryption's size limit.
    XmlEncPlaintextTooLarge = 1207, "xmlenc.plaintext_too_large";
    /// The key's store (an HSM, a token) could not be used.
    XmlEncKeyUnavailable = 1208, "xmlenc.key_unavailable";
    /// A private key given for decryption could not be read.
    XmlEncBadKey = 1209, "xmlenc.bad_key";
    /// Neither the participant's BDXL (NAPTR) name nor its SML (CNAME) name exists in the zone.
    LookupNotRegistered = 1301, "lookup.not_registered";
    /// DNS did not answer usably: no nameserver answered in time, or each refused.
    LookupDnsFailure = 1302, "lookup.dns_failure";
    /// The SMP has no record for the document type (HTTP 404 or 410).
    LookupNoService = 1303, "lookup.no_service";
    /// Fetching the record failed: the network, TLS, another HTTP status, or a body over the size limit.
    LookupHttpFailure = 1304, "lookup.http_failure";
    /// A refreshed metadata aggregate verified but is not newer than the copy held (a
    /// lower or equal eToegang sequence number, an older creationInstant, another
    /// environment); the copy held stays.
    RefreshNotNewer = 1305, "refresh.not_newer";
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    /// Codes may be added, never renamed or reused: the committed list must match.
    #[test]
    fn codes_match_committed_list() {
        let committed = include_str!("../error-codes.txt");
        let mut current = String::new();
        for c in ErrorCode::ALL {
            current.push_str(&alloc::format!("{}\t{}\n", c.number(), c.as_str()));
        }
        assert_eq!(
            committed, current,
            "error-codes.txt differs from ErrorCode::ALL"
        );
    }

    #[test]
    fn codes_are_unique_and_round_trip() {
        for (i, a) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(ErrorCode::from_str_code(a.as_str()), Some(*a));
            for b in &ErrorCode::ALL[i + 1..] {
                assert_ne!(a.as_str(), b.as_str());
                assert_ne!(a.number(), b.number());
            }
        }
    }
}
