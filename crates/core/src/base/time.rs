//! RFC 3339 timestamps from milliseconds since the Unix epoch. The browser gives the shell
//! `Date.now()`; the core turns it into the UTC text that documents and exports carry, without
//! pulling a date crate into the wasm bundle.

/// `2025-12-01T08:00:00.000Z` for a count of milliseconds since 1970-01-01T00:00:00Z.
pub fn rfc3339_from_millis(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    let ms = millis.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Milliseconds since the epoch of an RFC 3339 UTC instant as this app writes them
/// (`2025-12-01T08:00:00.000Z`, fraction optional). `None` for anything else.
pub fn millis_from_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || !text.ends_with('Z')
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, min, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || min > 59 || s > 60 {
        return None;
    }
    let ms = match &text[19..text.len() - 1] {
        "" => 0,
        frac if frac.starts_with('.') && frac.len() == 4 => frac[1..].parse::<i64>().ok()?,
        _ => return None,
    };
    Some(((days_from_civil(y, m, d) * 24 + h) * 60 + min) * 60_000 + s * 1000 + ms)
}

/// A calendar date `YYYY-MM-DD` as `(year, month, day)`; `None` unless the day exists.
pub fn parse_date(text: &str) -> Option<(u16, u8, u8)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: u16 = text.get(0..4)?.parse().ok()?;
    let m: u8 = text.get(5..7)?.parse().ok()?;
    let d: u8 = text.get(8..10)?.parse().ok()?;
    let days = days_from_civil(i64::from(y), i64::from(m), i64::from(d));
    (civil_from_days(days) == (i64::from(y), i64::from(m), i64::from(d)) && (1..=12).contains(&m))
        .then_some((y, m, d))
}

/// Howard Hinnant's `days_from_civil`: the day count of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
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

    #[test]
    fn known_instants() {
        let cases = [
            (0, "1970-01-01T00:00:00.000Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (1_764_576_000_123, "2025-12-01T08:00:00.123Z"),
            (1_798_761_599_999, "2026-12-31T23:59:59.999Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
        ];
        for (ms, text) in cases {
            assert_eq!(rfc3339_from_millis(ms), text, "{ms}");
            assert_eq!(millis_from_rfc3339(text), Some(ms), "{text}");
        }
    }

    #[test]
    fn malformed_instants_are_refused() {
        for text in [
            "",
            "2025-12-01",
            "2025-13-01T00:00:00.000Z",
            "2025-12-01T00:00:00.000+07:00",
            "2025-12-01T24:00:00Z",
            "abcd-ef-ghT00:00:00Z",
        ] {
            assert_eq!(millis_from_rfc3339(text), None, "{text}");
        }
        assert_eq!(millis_from_rfc3339("1970-01-01T00:00:01Z"), Some(1000));
    }
}
