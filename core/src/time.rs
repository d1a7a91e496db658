//! Points in time, as the caller passes them (`now`) and as documents and certificates
//! state them. The core never reads a clock.

use core::fmt;

/// A point in time: seconds and nanoseconds since 1970-01-01T00:00:00Z.
///
/// ```
/// use trustmeta::DateTime;
/// let t = DateTime::parse_rfc3339("2026-06-01T12:00:00+02:00").unwrap();
/// assert_eq!(t, DateTime::from_unix(1_780_308_000));
/// assert_eq!(t.to_string(), "2026-06-01T10:00:00Z");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    secs: i64,
    nanos: u32,
}

/// A date/time string that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeError;

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed date/time: expected YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)")
    }
}

impl core::error::Error for TimeError {}

impl DateTime {
    /// The time `secs` seconds after the Unix epoch.
    pub const fn from_unix(secs: i64) -> Self {
        DateTime { secs, nanos: 0 }
    }

    /// The time `secs` seconds and `nanos` nanoseconds after the Unix epoch (`nanos` is
    /// capped at 999,999,999).
    pub const fn from_unix_nanos(secs: i64, nanos: u32) -> Self {
        DateTime {
            secs,
            nanos: if nanos > 999_999_999 {
                999_999_999
            } else {
                nanos
            },
        }
    }

    /// Seconds since the Unix epoch (rounded down).
    pub const fn unix_seconds(self) -> i64 {
        self.secs
    }

    /// Nanoseconds within the second.
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Parses an RFC 3339 timestamp, which must carry a zone (`Z` or `±hh:mm`).
    ///
    /// # Errors
    /// [`TimeError`] when the text is not of that form or names an impossible date.
    pub fn parse_rfc3339(s: &str) -> Result<Self, TimeError> {
        match Self::parse_xsd(s)? {
            (t, true) => Ok(t),
            (_, false) => Err(TimeError),
        }
    }

    /// Parses an `xs:dateTime`; the flag says whether the text carried a zone. A value
    /// without a zone is read as UTC, and the flag lets a profile refuse or report that.
    ///
    /// # Errors
    /// [`TimeError`] when the text is not an `xs:dateTime`.
    pub fn parse_xsd(s: &str) -> Result<(Self, bool), TimeError> {
        let s = s.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n');
        let b = s.as_bytes();
        if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b't') {
            return Err(TimeError);
        }
        if b[13] != b':' || b[16] != b':' {
            return Err(TimeError);
        }
        let year = digits(&b[0..4])?;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        let hour = digits(&b[11..13])?;
        let min = digits(&b[14..16])?;
        let sec = digits(&b[17..19])?;
        let mut rest = &b[19..];
        let mut nanos: u32 = 0;
        if let Some((&b'.', frac)) = rest.split_first() {
            let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return Err(TimeError);
            }
            let mut scale = 100_000_000u32;
            for &c in &frac[..n] {
                nanos += u32::from(c - b'0') * scale;
                scale /= 10;
            }
            rest = &frac[n..];
        }
        let (offset, zoned) = match rest {
            [] => (0i64, false),
            [b'Z'] | [b'z'] => (0, true),
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let oh = digits(&[*h1, *h2])?;
                let om = digits(&[*m1, *m2])?;
                if oh > 14 || om > 59 {
                    return Err(TimeError);
                }
                let off = i64::from(oh * 3600 + om * 60);
                (if *sign == b'-' { -off } else { off }, true)
            }
            _ => return Err(TimeError),
        };
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(TimeError);
        }
        // 24:00:00 is allowed by xs:dateTime as the end of the day.
        let end_of_day = hour == 24 && min == 0 && sec == 0 && nanos == 0;
        if (hour > 23 && !end_of_day) || min > 59 || sec > 60 {
            return Err(TimeError);
        }
        let days = days_from_civil(i64::from(year), month, day);
        let secs = days * 86_400 + i64::from(hour * 3600 + min * 60 + sec.min(59)) - offset;
        Ok((DateTime { secs, nanos }, zoned))
    }

    /// This time plus `years` calendar years (`xs:yearMonthDuration` addition: the day
    /// is clamped to the month's last, so 29 February plus one year is 28 February).
    pub fn add_years(self, years: i32) -> Self {
        self.add_months(i64::from(years) * 12)
    }

    /// This time plus `months` calendar months, the day clamped to the month's last
    /// (XML Schema 1.1 appendix E, adding durations to dateTimes).
    pub fn add_months(self, months: i64) -> Self {
        let days = self.secs.div_euclid(86_400);
        let rem = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let total = (y * 12 + (m - 1))
            .saturating_add(months)
            .clamp(0, 9999 * 12 + 11);
        let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
        // In range: the year is clamped to 0..=9999, the month 1..=12, the day 1..=31.
        let (m, d) = (m as u32, d as u32);
        let d = d.min(days_in_month(y as u32, m));
        DateTime {
            secs: days_from_civil(y, m, d) * 86_400 + rem,
            nanos: self.nanos,
        }
    }

    /// This time plus `secs` seconds (saturating).
    pub const fn add_seconds(self, secs: i64) -> Self {
        DateTime {
            secs: self.secs.saturating_add(secs),
            nanos: self.nanos,
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let rem = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )?;
        if self.nanos != 0 {
            let mut frac = self.nanos;
            let mut width = 9;
            while frac % 10 == 0 {
                frac /= 10;
                width -= 1;
            }
            write!(f, ".{frac:0width$}")?;
        }
        f.write_str("Z")
    }
}

/// An `xs:duration`: months and seconds kept apart, as months have no fixed length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    /// Years times 12 plus months.
    pub months: i64,
    /// Days, hours, minutes and seconds, in seconds (fractions dropped).
    pub seconds: i64,
}

impl Duration {
    /// Parses a non-negative `xs:duration` such as `P7D`, `PT6H` or `P1Y2M3DT4H5M6.5S`.
    ///
    /// ```
    /// use trustmeta::Duration;
    /// assert_eq!(Duration::parse("P7D").unwrap().seconds, 7 * 86_400);
    /// assert_eq!(Duration::parse("P1Y2M").unwrap().months, 14);
    /// assert!(Duration::parse("-P1D").is_err() && Duration::parse("P").is_err());
    /// ```
    ///
    /// # Errors
    /// [`TimeError`] for anything else, negative durations included (a cache duration
    /// cannot be negative).
    pub fn parse(s: &str) -> Result<Self, TimeError> {
        let s = s.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n');
        let body = s.strip_prefix('P').ok_or(TimeError)?;
        let (date, time) = match body.split_once('T') {
            Some((d, t)) if !t.is_empty() => (d, Some(t)),
            Some(_) => return Err(TimeError),
            None => (body, None),
        };
        if date.is_empty() && time.is_none() {
            return Err(TimeError);
        }
        let mut months = 0i64;
        let mut seconds = 0i64;
        let mut take = |part: &str, units: &[(u8, i64, bool)]| -> Result<(), TimeError> {
            let mut rest = part;
            let mut last = 0usize;
            while !rest.is_empty() {
                let n = rest
                    .bytes()
                    .take_while(|b| b.is_ascii_digit() || *b == b'.')
                    .count();
                let (num, tail) = rest.split_at(n);
                let unit = *tail.as_bytes().first().ok_or(TimeError)?;
                let pos = units
                    .iter()
                    .position(|(u, _, _)| *u == unit)
                    .filter(|&p| p >= last)
                    .ok_or(TimeError)?;
                last = pos + 1;
                let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
                if whole.is_empty() || (!frac.is_empty() && unit != b'S') || num.contains("..") {
                    return Err(TimeError);
                }
                let v: i64 = whole.parse().map_err(|_| TimeError)?;
                let (_, scale, is_months) = units[pos];
                let add = v.checked_mul(scale).ok_or(TimeError)?;
                if is_months {
                    months = months.checked_add(add).ok_or(TimeError)?;
                } else {
                    seconds = seconds.checked_add(add).ok_or(TimeError)?;
                }
                rest = &tail[1..];
            }
            Ok(())
        };
        take(
            date,
            &[(b'Y', 12, true), (b'M', 1, true), (b'D', 86_400, false)],
        )?;
        if let Some(t) = time {
            take(
                t,
                &[(b'H', 3_600, false), (b'M', 60, false), (b'S', 1, false)],
            )?;
        }
        Ok(Duration { months, seconds })
    }
}

impl DateTime {
    /// This time plus `d` (months first, then seconds).
    pub fn add_duration(self, d: Duration) -> Self {
        self.add_months(d.months).add_seconds(d.seconds)
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for DateTime {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{}s", self.secs)
    }
}

fn digits(b: &[u8]) -> Result<u32, TimeError> {
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return Err(TimeError);
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Ok(v)
}

fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days-from-civil: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn parses_zones_and_fractions() {
        let a = DateTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
        assert_eq!(a.unix_seconds(), 1_780_272_000);
        let b = DateTime::parse_rfc3339("2026-06-01T02:00:00+02:00").unwrap();
        assert_eq!(a, b);
        let (c, zoned) = DateTime::parse_xsd("2026-06-01T00:00:00.250").unwrap();
        assert!(!zoned);
        assert_eq!(c.subsec_nanos(), 250_000_000);
        assert_eq!(c.to_string(), "2026-06-01T00:00:00.25Z");
        assert_eq!(DateTime::from_unix(0).to_string(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn refuses_nonsense() {
        for bad in [
            "",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-06-01 00:00:00Z",
            "2026-06-01T00:00:00+2",
            "2026-06-01T00:00:00Zjunk",
        ] {
            assert_eq!(DateTime::parse_xsd(bad), Err(TimeError), "{bad}");
        }
        assert!(DateTime::parse_rfc3339("2026-06-01T00:00:00").is_err());
    }
}
