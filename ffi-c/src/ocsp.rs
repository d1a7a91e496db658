//! OCSP responses: `tm_verify_ocsp_response()` filling a caller-owned `tm_ocsp_info`.
//! Nothing is allocated for the result, so there is no handle to free.

use trustmeta::{
    verify_ocsp_response, Certificate, Error, OcspQuestion, OcspStatus, RevocationReason,
    TrustStore,
};

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::policy::tm_policy;
use crate::smp::{now_arg, policy_arg, TM_NO_DATE};
use crate::status::tm_status;

/// What an OCSP response says about the certificate (RFC 6960 §2.2).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tm_ocsp_cert_status {
    /// The response did not verify; nothing is known.
    TM_OCSP_NOT_VERIFIED = -1,
    /// Not revoked.
    TM_OCSP_GOOD = 0,
    /// Revoked: see `revocation_time` and `revocation_reason`.
    TM_OCSP_REVOKED = 1,
    /// The responder does not know the certificate.
    TM_OCSP_UNKNOWN = 2,
}

/// What a verified OCSP response says, filled in by tm_verify_ocsp_response(). The caller
/// owns it (on the stack, typically); nothing in it needs freeing.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct tm_ocsp_info {
    /// The certificate's status; `TM_OCSP_NOT_VERIFIED` when the response was refused.
    pub cert_status: tm_ocsp_cert_status,
    /// thisUpdate, in seconds since 1970 (UTC); `TM_NO_DATE` when not verified.
    pub this_update: i64,
    /// nextUpdate, in seconds since 1970; `TM_NO_DATE` when absent or not verified.
    pub next_update: i64,
    /// When the certificate was revoked, in seconds since 1970; `TM_NO_DATE` unless
    /// `cert_status` is `TM_OCSP_REVOKED`.
    pub revocation_time: i64,
    /// The RFC 5280 CRLReason number (1 keyCompromise, 4 superseded, …); -1 when the
    /// response gives none or the certificate is not revoked.
    pub revocation_reason: i32,
    /// 1 when a delegated responder (not the CA itself) signed, else 0.
    pub delegated: i32,
}

impl tm_ocsp_info {
    const NOT_VERIFIED: tm_ocsp_info = tm_ocsp_info {
        cert_status: tm_ocsp_cert_status::TM_OCSP_NOT_VERIFIED,
        this_update: TM_NO_DATE,
        next_update: TM_NO_DATE,
        revocation_time: TM_NO_DATE,
        revocation_reason: -1,
        delegated: 0,
    };
}

fn reason_number(r: RevocationReason) -> i32 {
    match r {
        RevocationReason::Unspecified => 0,
        RevocationReason::KeyCompromise => 1,
        RevocationReason::CaCompromise => 2,
        RevocationReason::AffiliationChanged => 3,
        RevocationReason::Superseded => 4,
        RevocationReason::CessationOfOperation => 5,
        RevocationReason::CertificateHold => 6,
        RevocationReason::RemoveFromCrl => 8,
        RevocationReason::PrivilegeWithdrawn => 9,
        RevocationReason::AaCompromise => 10,
        _ => -1,
    }
}

fn certificate(bytes: &[u8]) -> Result<Certificate, Failure> {
    let store = TrustStore::from_pem(bytes)?;
    Ok(store.certificates()[0].clone())
}

/// ==== OCSP responses ====================================================================
///
/// Verifies a DER OCSP response (RFC 6960) about the certificate `cert`, issued by the CA
/// `issuer`, at `now_unix`: signed by `issuer` itself or by a responder certificate that
/// `issuer` issued with the OCSP-signing extended key usage (carried in the response);
/// SHA-1 signatures only when the policy allows SHA-1; a CertID (SHA-1 or SHA-256) naming
/// `cert`; `now_unix` between thisUpdate and nextUpdate, give or take five minutes; and,
/// when `nonce` is given, the same nonce echoed. Whether `issuer` is itself trusted is for
/// the caller to decide (e.g. with tm_verify() paths).
///
/// ```c
/// tm_ocsp_info info;
/// tm_status st = tm_verify_ocsp_response(resp, resp_len, ca_pem, ca_len, cert_pem, cert_len,
///                                        NULL, 0, NULL, TM_NOW, &info, &err);
/// if (st == TM_OK) {                          // good until info.next_update
/// } else if (st == TM_OCSP_STATUS_REVOKED) {    // revoked at info.revocation_time
/// }
/// ```
///
/// @param response       the DER OCSPResponse, borrowed for the call.
/// @param response_len   the number of bytes at `response`.
/// @param issuer         the issuing CA's certificate (PEM or DER), borrowed.
/// @param issuer_len     the number of bytes at `issuer`.
/// @param cert           the certificate asked about (PEM or DER), borrowed.
/// @param cert_len       the number of bytes at `cert`.
/// @param nonce          the nonce sent in the request, or NULL when none was sent.
/// @param nonce_len      the number of bytes at `nonce`.
/// @param policy         NULL for the defaults, or a tm_policy (allow SHA-1, key sizes).
/// @param now_unix       the verification time in seconds since 1970, or `TM_NOW`.
/// @param info           where to store what the response says; always written (with
///                       `TM_OCSP_NOT_VERIFIED` when the response was refused).
/// @param err            NULL, or where to put a new tm_error when the status is not TM_OK.
/// @return `TM_OK` if the response verified and says good;
///         `TM_OCSP_STATUS_REVOKED` or `TM_OCSP_STATUS_UNKNOWN` if it verified and says
///         revoked or unknown (`info` then holds the details);
///         `TM_OCSP_*`, `TM_CRYPTO_*` or `TM_PKI_*` if it was refused (`TM_PKI_BAD_PEM`
///         or `TM_PKI_BAD_CERTIFICATE` for an unusable `issuer` or `cert`);
///         `TM_NULL_POINTER` if `response`, `issuer`, `cert` or `info` is NULL, or `nonce`
///         is NULL with a non-zero `nonce_len`.
///
/// Thread safety: reentrant; `policy` may be shared by concurrent calls.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature: three byte inputs and a nonce
pub unsafe extern "C" fn tm_verify_ocsp_response(
    response: *const u8,
    response_len: usize,
    issuer: *const u8,
    issuer_len: usize,
    cert: *const u8,
    cert_len: usize,
    nonce: *const u8,
    nonce_len: usize,
    policy: *const tm_policy,
    now_unix: i64,
    info: *mut tm_ocsp_info,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify_ocsp_response";
    let body = || {
        if info.is_null() || !info.is_aligned() {
            return Err(Failure::null(F, "info"));
        }
        // SAFETY: checked non-NULL and aligned; the caller provides storage for one
        // tm_ocsp_info.
        unsafe { info.write(tm_ocsp_info::NOT_VERIFIED) };
        // SAFETY: the helper validates each pointer; the caller keeps the bytes readable
        // during the call.
        let (response, issuer, cert) = unsafe {
            (
                guard::bytes(response, response_len, F, "response")?,
                guard::bytes(issuer, issuer_len, F, "issuer")?,
                guard::bytes(cert, cert_len, F, "cert")?,
            )
        };
        let nonce = if nonce.is_null() && nonce_len == 0 {
            None
        } else {
            // SAFETY: as above.
            Some(unsafe { guard::bytes(nonce, nonce_len, F, "nonce")? })
        };
        // SAFETY: `policy` is NULL or, by the C contract, unchanged during the call.
        let policy = unsafe { policy_arg(policy, F) }?;
        let now = now_arg(now_unix, F)?;
        let (issuer, cert) = (certificate(issuer)?, certificate(cert)?);
        let q = OcspQuestion {
            nonce,
            ..OcspQuestion::new(&issuer, &cert)
        };
        let v = verify_ocsp_response(response, &q, &policy, now)?;
        let mut out = tm_ocsp_info {
            cert_status: tm_ocsp_cert_status::TM_OCSP_GOOD,
            this_update: v.this_update().unix_seconds(),
            next_update: v
                .next_update()
                .map_or(TM_NO_DATE, trustmeta::DateTime::unix_seconds),
            revocation_time: TM_NO_DATE,
            revocation_reason: -1,
            delegated: i32::from(v.is_delegated()),
        };
        match v.status() {
            OcspStatus::Good => {}
            OcspStatus::Revoked { time, reason } => {
                out.cert_status = tm_ocsp_cert_status::TM_OCSP_REVOKED;
                out.revocation_time = time.unix_seconds();
                out.revocation_reason = reason.map_or(-1, reason_number);
            }
            OcspStatus::Unknown => out.cert_status = tm_ocsp_cert_status::TM_OCSP_UNKNOWN,
        }
        // SAFETY: checked above.
        unsafe { info.write(out) };
        v.require_good().map_err(|e| Failure::from(Error::from(e)))
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}
