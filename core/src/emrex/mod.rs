//! EMREX: student results (ELMO files) moving between countries, signed by a National
//! Contact Point (NCP, called EMP in newer deployments) whose certificate comes from the
//! EMREG registry list.
//!
//! The registry list is read by `emreg` (with the small JSON reader in `json`), the
//! result file decoded and verified by `elmo`. The `returnCode` form field that comes
//! with the `elmo` field is read by [`ReturnCode::parse`]. Everything here is pure: the
//! caller fetches the list and receives the form post.

mod emreg;
mod json;
mod verify;

pub use emreg::{Country, Emreg, Ncp, NcpChoice};
pub use json::{parse_json, Json, JsonValue, MAX_JSON_BYTES, MAX_JSON_DEPTH};
pub use verify::{
    decode_elmo_field, inflate_if_gzip, max_elmo_field_chars, verify_elmo, verify_elmo_from,
    verify_elmo_from_with, verify_elmo_with, Learner, VerifiedElmo, DEFAULT_MAX_ELMO_BYTES,
    NS_ELMO_OLD, NS_ELMO_V1,
};

use alloc::string::String;
use core::fmt;

use crate::code::ErrorCode;

/// Why an EMREG list, an `elmo` field or an ELMO file was refused.
///
/// Signature, certificate and XML problems are reported by their own layers; these are
/// the EMREX profile's own refusals.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmrexError {
    /// The EMREG list is not JSON (RFC 8259; a trailing comma before `]`/`}` is the one
    /// tolerated defect).
    JsonMalformed {
        /// 1-based line.
        line: u32,
        /// 1-based column, in characters.
        column: u32,
        /// What is wrong.
        reason: &'static str,
    },
    /// The EMREG list is larger than [`MAX_JSON_BYTES`] or nests deeper than
    /// [`MAX_JSON_DEPTH`].
    JsonLimit {
        /// Which limit.
        what: &'static str,
        /// Its value.
        limit: usize,
    },
    /// The EMREG list is JSON but a known member has the wrong type or a required one
    /// (`countryCode`, `acronym`, `pubKey`, the `ncps`/`emps` array) is missing.
    EmregMalformed {
        /// 1-based line of the offending value.
        line: u32,
        /// 1-based column of the offending value.
        column: u32,
        /// What is wrong.
        reason: String,
    },
    /// The `elmo` field is not base64.
    BadBase64,
    /// The `elmo` field starts with the gzip magic but is not a valid gzip member
    /// (RFC 1952).
    GzipMalformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// The decoded ELMO is larger than the `max_bytes` of `decode_elmo_field` (a decompression bomb,
    /// or a limit to raise for results with large attachments).
    DecompressedTooLarge {
        /// The limit.
        limit: usize,
    },
    /// The document element is not an ELMO `elmo` element of a known namespace.
    UnknownDocument {
        /// `{namespace}local` of the document element.
        root: String,
    },
    /// The root signature is not the EMREX profile's (ELMO XSD 1.7: one
    /// `Reference URI=""`, only the enveloped transform, inclusive C14N 1.0,
    /// rsa-sha256 or rsa-sha1).
    SignatureProfile {
        /// What differs.
        reason: String,
    },
    /// The signed ELMO names no learner (`learner` with `givenNames`/`familyName`).
    MissingLearner,
    /// A `returnCode` form value is not one of `NCP_`/`EMP_` + `OK`, `NO_RESULTS`,
    /// `CANCEL`, `ERROR`.
    BadReturnCode {
        /// The value.
        value: String,
    },
    /// No NCP with the asked acronym is in the EMREG list.
    NcpNotFound {
        /// The acronym asked for.
        acronym: String,
    },
    /// Two EMREG entries share what identifies them: two NCPs (EMPs) with the same
    /// `acronym`, or two countries with the same `countryCode`, compared as a lenient
    /// client would (surrounding white space and ASCII case ignored). The EMREG schema
    /// does not say which of the two counts; a client that keeps the first and one that
    /// builds a map (keeping the last) would pin different certificates.
    DuplicateKey {
        /// `acronym` or `countryCode`.
        member: &'static str,
        /// The repeated value, as the second entry writes it.
        value: String,
        /// 1-based line of the second entry.
        line: u32,
        /// 1-based column of the second entry.
        column: u32,
    },
}

impl EmrexError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            EmrexError::JsonMalformed { .. } => ErrorCode::EmrexJsonMalformed,
            EmrexError::JsonLimit { .. } => ErrorCode::EmrexJsonLimit,
            EmrexError::EmregMalformed { .. } => ErrorCode::EmrexEmregMalformed,
            EmrexError::BadBase64 => ErrorCode::EmrexBadBase64,
            EmrexError::GzipMalformed { .. } => ErrorCode::EmrexGzipMalformed,
            EmrexError::DecompressedTooLarge { .. } => ErrorCode::EmrexDecompressedTooLarge,
            EmrexError::UnknownDocument { .. } => ErrorCode::EmrexUnknownDocument,
            EmrexError::SignatureProfile { .. } => ErrorCode::EmrexSignatureProfile,
            EmrexError::MissingLearner => ErrorCode::EmrexMissingLearner,
            EmrexError::BadReturnCode { .. } => ErrorCode::EmrexBadReturnCode,
            EmrexError::NcpNotFound { .. } => ErrorCode::EmrexNcpNotFound,
            EmrexError::DuplicateKey { .. } => ErrorCode::EmrexDuplicateKey,
        }
    }
}

impl fmt::Display for EmrexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmrexError::JsonMalformed { line, column, reason } => write!(
                f,
                "the EMREG list is not JSON at line {line}, column {column}: {reason}"
            ),
            EmrexError::JsonLimit { what, limit } => write!(
                f,
                "the EMREG list exceeds the limit on {what} ({limit}); check that this is an EMREG list"
            ),
            EmrexError::EmregMalformed { line, column, reason } => write!(
                f,
                "the EMREG list is malformed at line {line}, column {column}: {reason}"
            ),
            EmrexError::BadBase64 => f.write_str(
                "the elmo field is not base64; pass the form value as received (or the XML without --base64)",
            ),
            EmrexError::GzipMalformed { reason } => {
                write!(f, "the elmo field is not a valid gzip stream: {reason}")
            }
            EmrexError::DecompressedTooLarge { limit } => write!(
                f,
                "the decoded ELMO exceeds {limit} bytes; raise the limit if results this large are expected"
            ),
            EmrexError::UnknownDocument { root } => write!(
                f,
                "the document element {root} is not an ELMO elmo element"
            ),
            EmrexError::SignatureProfile { reason } => {
                write!(f, "the ELMO signature is outside the EMREX profile: {reason}")
            }
            EmrexError::MissingLearner => {
                f.write_str("the signed ELMO names no learner; it cannot be matched to a person")
            }
            EmrexError::BadReturnCode { value } => write!(
                f,
                "{value:?} is not an EMREX return code (NCP_OK, NCP_NO_RESULTS, NCP_CANCEL, NCP_ERROR or the EMP_ forms)"
            ),
            EmrexError::NcpNotFound { acronym } => {
                write!(f, "no NCP called {acronym:?} in the EMREG list")
            }
            EmrexError::DuplicateKey { member, value, line, column } => write!(
                f,
                "the EMREG list has two entries with {member} {value:?} (the second at line {line}, column {column}); which one counts is ambiguous, so the list is refused: ask the registry to correct it"
            ),
        }
    }
}

impl core::error::Error for EmrexError {}

/// The `returnCode` an NCP (EMP) posts back with the `elmo` field. 1.0-era NCPs send
/// `NCP_*`, newer EMPs `EMP_*`; both mean the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReturnCode {
    /// `NCP_OK` / `EMP_OK`: results were selected and the `elmo` field holds them.
    Ok,
    /// `NCP_NO_RESULTS` / `EMP_NO_RESULTS`: the learner has no results to send.
    NoResults,
    /// `NCP_CANCEL` / `EMP_CANCEL`: the learner cancelled.
    Cancel,
    /// `NCP_ERROR` / `EMP_ERROR`: the NCP failed; `returnMessage` may say why.
    Error,
}

impl ReturnCode {
    /// Parses a `returnCode` value (surrounding whitespace ignored, case-sensitive).
    ///
    /// # Errors
    /// [`EmrexError::BadReturnCode`] for anything else.
    pub fn parse(value: &str) -> Result<ReturnCode, EmrexError> {
        let v = value.trim();
        let rest = v
            .strip_prefix("NCP_")
            .or_else(|| v.strip_prefix("EMP_"))
            .unwrap_or("");
        match rest {
            "OK" => Ok(ReturnCode::Ok),
            "NO_RESULTS" => Ok(ReturnCode::NoResults),
            "CANCEL" => Ok(ReturnCode::Cancel),
            "ERROR" => Ok(ReturnCode::Error),
            _ => Err(EmrexError::BadReturnCode {
                value: String::from(value),
            }),
        }
    }

    /// The suffix after `NCP_`/`EMP_`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnCode::Ok => "OK",
            ReturnCode::NoResults => "NO_RESULTS",
            ReturnCode::Cancel => "CANCEL",
            ReturnCode::Error => "ERROR",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_codes() {
        assert_eq!(ReturnCode::parse("NCP_OK"), Ok(ReturnCode::Ok));
        assert_eq!(
            ReturnCode::parse(" EMP_NO_RESULTS\n"),
            Ok(ReturnCode::NoResults)
        );
        assert_eq!(ReturnCode::parse("EMP_CANCEL"), Ok(ReturnCode::Cancel));
        assert_eq!(ReturnCode::parse("NCP_ERROR"), Ok(ReturnCode::Error));
        assert!(ReturnCode::parse("OK").is_err());
        assert!(ReturnCode::parse("ncp_ok").is_err());
        assert!(ReturnCode::parse("XYZ_OK").is_err());
    }
}
