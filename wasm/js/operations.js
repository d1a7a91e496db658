// Generated from the table (table/src/records.rs, table/src/ops.rs) by `cargo run -p trustmeta-table --bin generate`; do not edit.
// One function per operation: its positional arguments, then the options object, handed
// to the generic `call` (api.js), which checks and converts them in WebAssembly.
import { call } from './api.js';

/** Verifies the one XML signature in `xml` against the anchors in `store`: every Reference same-document with a matching digest, the SignatureValue verified under a key the store trusts, directly or through a certificate path valid at `now`. */
export function verify(xml, store, options) {
  return call('verify', [xml, store], options);
}

/** Verifies a signed SMP ServiceMetadata record and checks that it answers the question (participant, document, optional process and transport profile). */
export function verifySmp(xml, store, options) {
  return call('verify_smp', [xml, store], options);
}

/** Verifies the redirecting record `first` (it must give a redirect) and the record `target` fetched from its href, for the same question, and checks that the target's signer is the one the redirect names. */
export function verifySmpRedirect(first, target, store, options) {
  return call('verify_smp_redirect', [first, target, store], options);
}

/** Verifies an SMP ServiceGroup for `participant`. */
export function verifyServiceGroup(xml, store, options) {
  return call('verify_service_group', [xml, store], options);
}

/** Verifies every signature inside an `Extension` of an SMP record (the eHealth owner signature) against the owners' anchors in `store`, over the `ServiceMetadata` document the owner signed before the SMP wrapped it in `SignedServiceMetadata` (docs/xml-profile.md). */
export function verifySmpExtensionSignatures(xml, store, options) {
  return call('verify_smp_extension_signatures', [xml, store], options);
}

/** The BDXL (NAPTR) name of `participant` in `zone`, or with `cname` the PEPPOL SML CNAME. */
export function smpName(participant, zone, options) {
  return call('smp_name', [participant, zone], options);
}

/** Verifies an ELMO file against the certificate the EMREG list gives for NCP `ncp`, under the EMREX profile: one signature, a child of the root `elmo`, one `Reference URI=""`, only the enveloped transform. */
export function verifyElmo(xml, emreg, options) {
  return call('verify_elmo', [xml, emreg], options);
}

/** Decodes the `elmo` form field (base64, then gunzip when gzip) into the ELMO XML, capping the decoded size while inflating. */
export function decodeElmoField(field, options) {
  return call('decode_elmo_field', [field], options);
}

/** `OK`, `NO_RESULTS`, `CANCEL` or `ERROR` for an `NCP_*`/`EMP_*` `returnCode`. */
export function parseReturnCode(value) {
  return call('parse_return_code', [value]);
}

/** Verifies a signed ETSI trusted list against `store` under the trusted-list XAdES profile. */
export function verifyTsl(xml, store, options) {
  return call('verify_tsl', [xml, store], options);
}

/** Verifies signed SAML metadata; documents above 4 MiB are streamed. */
export function verifyMetadata(xml, store, options) {
  return call('verify_metadata', [xml, store], options);
}

/** A verifier of SAML metadata fed in pieces: memory stays flat however large the document. */
export function metadataStream(store, options) {
  return call('metadata_stream', [store], options);
}

/** Verifies metadata (of any size) and returns an issuer trust pinning the signing keys of each entity with `role` for its `entityID`. */
export function metadataIssuerTrust(xml, store, options) {
  return call('metadata_issuer_trust', [xml, store], options);
}

/** Verifies a SAML Response against the trust of the issuer it names and this relying party's expectations, and returns only what a verified signature covered. */
export function verifySamlResponse(xml, trust, options) {
  return call('verify_saml_response', [xml, trust], options);
}

/** Decrypts the one `EncryptedAssertion` of a SAML Response and returns the assertion's bytes WITHOUT checking any signature: it answers whether the keys decrypt the message (as `xmlsec1 --decrypt` does), for setting a relying party up and for inspection. */
export function decryptSamlAssertion(xml, keys, options) {
  return call('decrypt_saml_assertion', [xml, keys], options);
}

/** Verifies a signed SAML AuthnRequest: one signature, a child of the request, with one Reference to its ID; the trust of the issuer it names; `Destination`; `IssueInstant` no older than `max_age`; and the STORK or eIDAS extensions. */
export function verifySamlRequest(xml, trust, options) {
  return call('verify_saml_request', [xml, trust], options);
}

/** Verifies an AuthnRequest that came over the HTTP-Redirect binding: the query string's signature, then the inflated request as `verify_saml_request` checks it, except that an XML signature inside it is refused. */
export function verifySamlRequestRedirect(query, trust, options) {
  return call('verify_saml_request_redirect', [query, trust], options);
}

/** Decodes the HTTP-POST binding's `SAMLResponse` or `SAMLRequest` form value (base64, line breaks allowed) into the message XML, and checks the `RelayState` that came with it. */
export function decodePostBinding(value, options) {
  return call('decode_post_binding', [value], options);
}

/** Verifies a DER OCSP response about `cert`, issued by the CA `issuer`: signed by the CA or a responder it authorised, about `cert`, current at `now` give or take five minutes, echoing `nonce`. */
export function verifyOcspResponse(response, issuer, cert, options) {
  return call('verify_ocsp_response', [response, issuer, cert], options);
}
