//! `datetime.datetime` ⇄ the core's `DateTime`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyTzInfo};
use trustmeta::DateTime;

/// Reads argument `arg` of `func`: a timezone-aware `datetime`, kept to the microsecond.
pub(crate) fn from_py(func: &str, arg: &str, now: &Bound<'_, PyAny>) -> PyResult<DateTime> {
    let py = now.py();
    let Ok(dt) = now.cast::<PyDateTime>() else {
        return Err(PyTypeError::new_err(format!(
            "{func}() argument '{arg}' must be a timezone-aware datetime.datetime or None, not {}",
            now.get_type().name()?
        )));
    };
    if dt.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{func}() argument '{arg}' must be timezone-aware: a naive datetime names no instant; \
             use datetime.now(timezone.utc), or .replace(tzinfo=timezone.utc) if it is UTC"
        )));
    }
    // The core builds sub-second times only from RFC 3339 text, so go through ISO 8601 in
    // UTC ("YYYY-MM-DDThh:mm:ss[.ffffff]+00:00"), which keeps the microseconds.
    let iso = dt
        .call_method1("astimezone", (PyTzInfo::utc(py)?,))?
        .call_method0("isoformat")?;
    let iso: String = iso.extract()?;
    DateTime::parse_rfc3339(&iso).map_err(|_| {
        PyValueError::new_err(format!("{func}() argument '{arg}' is out of range: {iso}"))
    })
}

/// A timezone-aware (UTC) `datetime` for `t`, to the microsecond.
pub(crate) fn to_py(py: Python<'_>, t: DateTime) -> PyResult<Bound<'_, PyDateTime>> {
    let secs = t.unix_seconds();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let year =
        i32::try_from(y).map_err(|_| PyValueError::new_err(format!("time out of range: {t}")))?;
    // rem < 86_400, so hours < 24 and minutes, seconds < 60: the casts are exact.
    let (h, mi, s) = (
        (rem / 3600) as u8,
        (rem % 3600 / 60) as u8,
        (rem % 60) as u8,
    );
    PyDateTime::new(
        py,
        year,
        m,
        d,
        h,
        mi,
        s,
        t.subsec_nanos() / 1000,
        Some(&PyTzInfo::utc(py)?.to_owned()),
    )
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01
/// (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
