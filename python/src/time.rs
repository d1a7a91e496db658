//! `datetime.datetime` ⇄ the core's `DateTime`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDateTime, PyTzInfo};
use trustmeta::DateTime;

/// 1970-01-01T00:00:00Z, made once.
static EPOCH: PyOnceLock<Py<PyDateTime>> = PyOnceLock::new();

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
    // The time since 1970-01-01T00:00:00Z as a timedelta: whole days, seconds and
    // microseconds, exact integers (days may be negative, the others never are), read
    // without going through text.
    let epoch = EPOCH
        .get_or_try_init(py, || -> PyResult<_> {
            let utc = PyTzInfo::utc(py)?.to_owned();
            Ok(PyDateTime::new(py, 1970, 1, 1, 0, 0, 0, 0, Some(&utc))?.unbind())
        })?
        .bind(py);
    let since = dt.sub(epoch)?;
    let days: i64 = since.getattr(intern!(py, "days"))?.extract()?;
    let seconds: i64 = since.getattr(intern!(py, "seconds"))?.extract()?;
    let micros: u32 = since.getattr(intern!(py, "microseconds"))?.extract()?;
    Ok(DateTime::from_unix_nanos(
        days * 86_400 + seconds,
        micros * 1000,
    ))
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
